/** Locale-aware formatting and user-facing error text for the pane. */
import type { Lang } from '../engine/types';
import { hasText, t } from '../i18n';
import { WorkerCrashError } from '../worker/client';

export const locale = (lang: Lang): string => (lang === 'zh' ? 'zh-CN' : 'en-US');

const cache = new Map<string, Intl.NumberFormat>();
function nf(lang: Lang, key: string, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const k = `${lang}|${key}`;
  let f = cache.get(k);
  if (!f) cache.set(k, (f = new Intl.NumberFormat(locale(lang), opts)));
  return f;
}

export const fmtInt = (lang: Lang, v: number): string =>
  nf(lang, 'int', { maximumFractionDigits: 0 }).format(v);
export const fmtMoney = (lang: Lang, v: number): string =>
  nf(lang, 'money', { maximumFractionDigits: Math.abs(v) >= 100 ? 0 : 2 }).format(v);
export const fmtPct = (lang: Lang, v: number): string =>
  nf(lang, 'pct', { style: 'percent', maximumFractionDigits: 1 }).format(v);
export const fmtSeconds = (lang: Lang, ms: number): string =>
  nf(lang, 'sec', { maximumFractionDigits: 1 }).format(ms / 1000);

/** "2024-03-05" in the pane's locale, read as a calendar date (no time zone shift). */
export function fmtDate(lang: Lang, iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}

/** "C" for 3 (1-based column number). */
export function columnLetters(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

interface CodedError {
  code?: unknown;
  params?: unknown;
  message?: unknown;
  name?: unknown;
}

/**
 * One sentence that says what went wrong and what to do. Engine and Excel-layer errors carry a code
 * (errors.<code> in i18n); Excel's own errors carry a stable code too, so unknown codes still get a
 * sentence that names them.
 */
export function errorText(err: unknown, lang: Lang): string {
  if (err instanceof WorkerCrashError) return t('pane.error.worker', lang);
  const e = (err ?? {}) as CodedError;
  if (typeof e.code === 'string' && e.code) {
    const params =
      e.params && typeof e.params === 'object' ? (e.params as Record<string, string | number>) : {};
    if (hasText(`errors.${e.code}`)) return t(`errors.${e.code}`, lang, params);
    if (e.name === 'EngineError') return t('pane.error.engine', lang, { code: e.code });
  }
  const message = typeof e.message === 'string' && e.message ? e.message : String(err);
  return t('pane.error.generic', lang, { message });
}
