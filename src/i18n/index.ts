/**
 * All user-facing text in zh-CN and en-US. Pure data plus a formatter; imported by the CLI, the Excel
 * layer and the pane (never by the engine, which returns ids and parameters only).
 */
import type { Lang } from '../engine/types';
import type { Dict, SegmentText, Text } from './types';
import { CLI } from './cli';
import { MESSAGES } from './messages';
import { SEGMENTS } from './segments';
import { TABLES } from './tables';
import { UI } from './ui';
import { PANE } from './pane';

export type { Dict, SegmentText, Text } from './types';

const ALL: Dict = { ...CLI, ...MESSAGES, ...TABLES, ...UI, ...PANE };

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
  return entry ? format(entry[lang], params) : key;
}

/** Name, description and action of a segment of a method (undefined when unknown). */
export function segmentText(method: string, id: string): SegmentText | undefined {
  const m = Object.prototype.hasOwnProperty.call(SEGMENTS, method) ? SEGMENTS[method] : undefined;
  return m && Object.prototype.hasOwnProperty.call(m, id) ? m[id] : undefined;
}

/** Every key with text (for completeness tests). */
export function allKeys(): string[] {
  return Object.keys(ALL);
}

export { SEGMENTS };
