/**
 * What the pane remembers. Per workbook (document settings): the role mapping, list kind, analysis and
 * output options, so a re-run and the ribbon command use the same choices. Per user (localStorage): the
 * language. Everything here is plain JSON.
 */
import type { AnalyzeOptions, Lang, ListKind, MethodId, Role } from '../engine/types';

export interface AnalysisPrefs {
  /** null = the engine's defaults (one click). */
  methods: MethodId[] | null;
  rfmBins: 3 | 4 | 5;
  class8: 'mean' | 'median';
  tierA: number;
  tierB: number;
  k: number | 'auto';
  clvPeriod: 'day' | 'week' | 'month';
  clvHorizon: number;
  clvDiscount: number;
  /** YYYY-MM-DD or '' (= the last date in the data). */
  asOf: string;
}

export interface OutputPrefs {
  placement: 'auto' | 'new-sheet';
  summary: boolean;
  charts: boolean;
  pivot: boolean;
}

export interface WorkbookPrefs {
  version: 1;
  /** Role → header text, or null to drop a detected role. Only the user's overrides. */
  map: Partial<Record<Role, string | null>>;
  kind: ListKind | null;
  analysis: AnalysisPrefs;
  output: OutputPrefs;
}

export const DEFAULT_ANALYSIS: AnalysisPrefs = {
  methods: null,
  rfmBins: 5,
  class8: 'mean',
  tierA: 80,
  tierB: 95,
  k: 'auto',
  clvPeriod: 'month',
  clvHorizon: 12,
  clvDiscount: 10,
  asOf: '',
};

export const DEFAULT_OUTPUT: OutputPrefs = { placement: 'auto', summary: true, charts: true, pivot: true };

export function defaultPrefs(): WorkbookPrefs {
  return {
    version: 1,
    map: {},
    kind: null,
    analysis: { ...DEFAULT_ANALYSIS },
    output: { ...DEFAULT_OUTPUT },
  };
}

/** Accepts whatever was stored (maybe by an older version) and fills the gaps with defaults. */
export function normalizePrefs(raw: unknown): WorkbookPrefs {
  const p = defaultPrefs();
  if (!raw || typeof raw !== 'object') return p;
  const r = raw as Partial<WorkbookPrefs>;
  if (r.map && typeof r.map === 'object') p.map = { ...r.map };
  if (r.kind === 'transactions' || r.kind === 'customers') p.kind = r.kind;
  if (r.analysis && typeof r.analysis === 'object') p.analysis = { ...p.analysis, ...r.analysis };
  if (r.output && typeof r.output === 'object') p.output = { ...p.output, ...r.output };
  return p;
}

/** The engine options for these choices. */
export function toAnalyzeOptions(prefs: WorkbookPrefs): AnalyzeOptions {
  const a = prefs.analysis;
  const options: AnalyzeOptions = {
    rfm: { bins: a.rfmBins },
    class8: { threshold: a.class8 },
    tiers: { a: a.tierA / 100, b: a.tierB / 100 },
    kmeans: { k: a.k },
    clv: { period: a.clvPeriod, horizon: a.clvHorizon, discount: a.clvDiscount / 100 },
  };
  if (a.methods) options.methods = [...a.methods];
  if (a.asOf) options.asOf = a.asOf;
  if (Object.keys(prefs.map).length > 0) options.map = { ...prefs.map };
  if (prefs.kind) options.kind = prefs.kind;
  return options;
}

const LANG_KEY = 'customer-segments.lang';

/** zh for any Chinese display language, else en. */
export function langFromLocale(locale: string | undefined | null): Lang {
  return locale && /^zh\b/i.test(locale) ? 'zh' : 'en';
}

export function loadUserLang(): Lang | null {
  try {
    const v = globalThis.localStorage?.getItem(LANG_KEY);
    return v === 'zh' || v === 'en' ? v : null;
  } catch {
    return null; // storage can be blocked in some webviews
  }
}

export function saveUserLang(lang: Lang): void {
  try {
    globalThis.localStorage?.setItem(LANG_KEY, lang);
  } catch {
    /* not fatal: the language just is not remembered */
  }
}

/** The key under which the pane's choices live in the workbook's settings. */
export const WORKBOOK_SETTINGS_KEY = 'customerSegments.pane';
