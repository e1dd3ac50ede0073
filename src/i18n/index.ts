/**
 * All user-facing text in zh-CN and en-US. Pure data plus a formatter; imported by the CLI, the Excel
 * layer and the pane (never by the engine, which returns ids and parameters only).
 */
import type { Lang } from '../engine/types';
import type { Dict, SegmentText, Text } from './types';
import { CLI } from './cli';
import { MESSAGES } from './messages';
import { ADOPTER_SEGMENTS, MODELS, clusterName } from './models';
import { SEGMENTS as METHOD_SEGMENTS } from './segments';
import { TABLES } from './tables';
import { UI } from './ui';
import { PANE } from './pane';

export type { Dict, SegmentText, Text } from './types';

/** Segment texts of every method, adopter types included. */
const SEGMENTS = { ...METHOD_SEGMENTS, adopter: ADOPTER_SEGMENTS };

const ALL: Dict = { ...CLI, ...MODELS, ...MESSAGES, ...TABLES, ...UI, ...PANE };

/** Replace {name} placeholders with params. */
export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

/** True when a key has text. */
export function hasText(key: string): boolean {
  return Object.prototype.hasOwnProperty.call(ALL, key);
}

/** The text of a key in a language, with placeholders filled; the key itself when missing. */
export function t(key: string, lang: Lang, params?: Record<string, string | number>): string {
  const entry: Text | undefined = Object.prototype.hasOwnProperty.call(ALL, key) ? ALL[key] : undefined;
  if (!entry) return key;
  // {name:prefix} shows the text of "prefix.<value>" ({role:role} with role "amount" → 金额 / Amount): the
  // engine's errors carry ids, and the user must read names.
  const template = entry[lang].replace(/\{(\w+):(\w+)\}/g, (whole, name: string, prefix: string) => {
    if (!params || !Object.prototype.hasOwnProperty.call(params, name)) return whole;
    const ref = `${prefix}.${String(params[name])}`;
    return Object.prototype.hasOwnProperty.call(ALL, ref) ? ALL[ref][lang] : String(params[name]);
  });
  return format(template, params);
}

/**
 * Texts of a k-means cluster, whose name is made at run time from its profile ("recent+frequent+high_spend").
 * The action is the one of the R×F segment the profile resembles most.
 */
function clusterText(id: string): SegmentText {
  const parts = new Set(id.split('#')[0].split('+'));
  const like =
    parts.has('recent') && (parts.has('frequent') || parts.has('high_spend'))
      ? 'champions'
      : parts.has('lapsed') && parts.has('frequent')
        ? 'cant_lose_them'
        : parts.has('lapsed') && parts.has('high_spend')
          ? 'at_risk'
          : parts.has('lapsed')
            ? 'hibernating'
            : parts.has('recent') || parts.has('new')
              ? 'promising'
              : 'need_attention';
  const name = { zh: clusterName(id, 'zh'), en: clusterName(id, 'en') };
  return {
    name,
    description: {
      zh: `按购买行为自动聚成的一组客户：${name.zh}。`,
      en: `A natural group found in the purchase behaviour: ${name.en}.`,
    },
    action: METHOD_SEGMENTS.rfm_segments[like].action,
  };
}

/** Name, description and action of a segment of a method (undefined when unknown). */
export function segmentText(method: string, id: string): SegmentText | undefined {
  if (method === 'kmeans') return clusterText(id);
  const m = Object.prototype.hasOwnProperty.call(SEGMENTS, method)
    ? SEGMENTS[method as keyof typeof SEGMENTS]
    : undefined;
  return m && Object.prototype.hasOwnProperty.call(m, id) ? m[id] : undefined;
}

/** Name of a segment of a method in a language (the id itself when unknown). */
export function segmentName(method: string, id: string, lang: Lang): string {
  return segmentText(method, id)?.name[lang] ?? id;
}

/** Every key with text (for completeness tests). */
export function allKeys(): string[] {
  return Object.keys(ALL);
}

export { SEGMENTS };
