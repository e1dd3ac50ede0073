/**
 * Header row detection: the first row within the top rows that looks like labels (mostly non-empty
 * text that is neither a number nor a date) and matches the role synonyms best.
 */
import type { Cell } from '../types';
import { dayFromText, parseAmount } from './values';
import { synonymMatches } from './roles';

/** How many rows from the top may hold titles and notes before the header. */
export const HEADER_SEARCH_ROWS = 30;

/** True for an empty cell: '', null, undefined or only spaces. */
export function isBlankCell(v: Cell): boolean {
  if (v === null || v === undefined || v === '') return true;
  if (typeof v !== 'string') return false;
  const c = v.charCodeAt(0);
  // Fast exit for the usual case: a visible first character.
  if (c > 32 && c !== 0x3000 && c !== 0xa0 && c !== 0xfeff) return false;
  return v.replace(/[\s\ufeff]+/g, '') === '';
}

/** True when every cell of a row is blank (a missing row counts as blank). */
export function isBlankRow(row: readonly Cell[] | undefined): boolean {
  if (!row) return true;
  for (let i = 0; i < row.length; i++) if (!isBlankCell(row[i])) return false;
  return true;
}

/** Cell as display text, trimmed ('' for empty; numbers as JavaScript writes them). */
export function cellText(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

/** True for a cell holding a value rather than a label: a number, boolean, numeric text or date text. */
export function isValueCell(v: Cell): boolean {
  if (typeof v === 'number' || typeof v === 'boolean') return true;
  if (typeof v !== 'string') return false;
  if (Number.isFinite(parseAmount(v))) return true;
  return Number.isFinite(dayFromText(v, 'mdy')) || Number.isFinite(dayFromText(v, 'dmy'));
}

/** 0-based index of the header row, or -1 when no row in the top rows looks like a header. */
export function findHeader(cells: readonly (readonly Cell[])[], searchRows = HEADER_SEARCH_ROWS): number {
  const end = Math.min(cells.length, searchRows);
  let width = 0;
  for (let r = 0; r < end; r++) {
    const row = cells[r];
    if (!row) continue;
    for (let c = row.length - 1; c >= width; c--) {
      if (!isBlankCell(row[c])) {
        width = c + 1;
        break;
      }
    }
  }
  if (width === 0) return -1;
  const qualifying: { r: number; matches: number }[] = [];
  for (let r = 0; r < end; r++) {
    const row = cells[r];
    if (!row) continue;
    let nonEmpty = 0;
    let labels = 0;
    const seen = new Set<string>();
    for (let c = 0; c < Math.min(row.length, width); c++) {
      const v = row[c];
      if (isBlankCell(v)) continue;
      nonEmpty++;
      if (typeof v === 'string' && !isValueCell(v)) {
        labels++;
        seen.add(v.trim());
      }
    }
    if (nonEmpty < Math.min(2, width) || nonEmpty < width * 0.5) continue;
    // Labels are text and mostly distinct; a data row of text repeats or mixes in numbers and dates.
    if (labels < nonEmpty * 0.8 || seen.size < labels * 0.8) continue;
    qualifying.push({ r, matches: synonymMatches(row) });
  }
  if (qualifying.length === 0) return -1;
  const best = Math.max(...qualifying.map((q) => q.matches));
  if (best === 0) return qualifying[0].r;
  // The first row that matches nearly as well as the best one: a title row rarely matches two roles.
  return (qualifying.find((q) => q.matches >= Math.max(1, best * 0.75)) ?? qualifying[0]).r;
}
