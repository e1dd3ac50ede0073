/**
 * A1 addresses as Excel writes them: column letters, optional `$`, optional sheet prefix (quoted when the
 * name is not a plain identifier), whole columns (`A:F`) and whole rows (`2:5`). Indexes are 0-based.
 */

export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** A rectangle of cells, 0-based and inclusive. */
export interface Rect {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

export interface ParsedAddress extends Rect {
  sheet?: string;
  wholeColumns: boolean;
  wholeRows: boolean;
}

/** "A" for 0, "Z" for 25, "AA" for 26. */
export function columnLetters(index: number): string {
  let s = '';
  let n = index + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** 0-based column index of letters ("A" = 0), or -1 when not letters. */
export function columnIndex(letters: string): number {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return -1;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** "B3" for (2, 1). */
export function cellAddress(row: number, column: number): string {
  return `${columnLetters(column)}${row + 1}`;
}

/** "A1:C3", or "A1" for a single cell. */
export function rectAddress(rect: Rect): string {
  const a = cellAddress(rect.r0, rect.c0);
  return rect.r0 === rect.r1 && rect.c0 === rect.c1 ? a : `${a}:${cellAddress(rect.r1, rect.c1)}`;
}

/** A sheet name as it appears in an address: quoted unless it is a plain identifier. */
export function quoteSheet(name: string): string {
  const plain = /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) && !looksLikeCellReference(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

/** "Sheet1!A1:C3". */
export function qualified(sheet: string, rect: Rect): string {
  return `${quoteSheet(sheet)}!${rectAddress(rect)}`;
}

/** True for names Excel would read as a cell reference (A1, XFD1048576, R1C1, R, C). */
export function looksLikeCellReference(name: string): boolean {
  const a1 = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(name);
  if (a1) {
    const c = columnIndex(a1[1]);
    const r = Number(a1[2]);
    if (c >= 0 && c < MAX_COLUMNS && r >= 1 && r <= MAX_ROWS) return true;
  }
  return /^[Rr](\d*)([Cc](\d*))?$/.test(name) || /^[Cc](\d*)$/.test(name);
}

/** Splits "Sheet!A1" or "'My sheet'!A1" into sheet and local address. */
export function splitSheet(address: string): { sheet?: string; local: string } {
  const bang = address.lastIndexOf('!');
  if (bang < 0) return { local: address };
  let sheet = address.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'") && sheet.length >= 2)
    sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, local: address.slice(bang + 1) };
}

function parsePart(part: string): { row?: number; col?: number } | null {
  const m = /^\$?([A-Za-z]{1,3})?\$?(\d{1,7})?$/.exec(part);
  if (!m || (!m[1] && !m[2])) return null;
  const col = m[1] ? columnIndex(m[1]) : undefined;
  const row = m[2] ? Number(m[2]) - 1 : undefined;
  if (col !== undefined && (col < 0 || col >= MAX_COLUMNS)) return null;
  if (row !== undefined && (row < 0 || row >= MAX_ROWS)) return null;
  return { row, col };
}

/** Parses an A1 address (optionally sheet-qualified); null when it is not one. */
export function parseAddress(address: string): ParsedAddress | null {
  const { sheet, local } = splitSheet(address.trim());
  const parts = local.split(':');
  if (parts.length < 1 || parts.length > 2) return null;
  const a = parsePart(parts[0]);
  const b = parts.length === 2 ? parsePart(parts[1]) : a;
  if (!a || !b) return null;
  const wholeColumns =
    a.row === undefined && b.row === undefined && a.col !== undefined && b.col !== undefined;
  const wholeRows = a.col === undefined && b.col === undefined && a.row !== undefined && b.row !== undefined;
  if (parts.length === 1 && (wholeColumns || wholeRows)) return null;
  if (
    !wholeColumns &&
    !wholeRows &&
    (a.row === undefined || a.col === undefined || b.row === undefined || b.col === undefined)
  )
    return null;
  const r0 = wholeColumns ? 0 : (a.row as number);
  const r1 = wholeColumns ? MAX_ROWS - 1 : (b.row as number);
  const c0 = wholeRows ? 0 : (a.col as number);
  const c1 = wholeRows ? MAX_COLUMNS - 1 : (b.col as number);
  return {
    sheet,
    r0: Math.min(r0, r1),
    r1: Math.max(r0, r1),
    c0: Math.min(c0, c1),
    c1: Math.max(c0, c1),
    wholeColumns,
    wholeRows,
  };
}

/** Number of cells of a rectangle. */
export function cellCount(rect: Rect): number {
  return (rect.r1 - rect.r0 + 1) * (rect.c1 - rect.c0 + 1);
}

/** The overlap of two rectangles, or null. */
export function intersect(a: Rect, b: Rect): Rect | null {
  const r = {
    r0: Math.max(a.r0, b.r0),
    c0: Math.max(a.c0, b.c0),
    r1: Math.min(a.r1, b.r1),
    c1: Math.min(a.c1, b.c1),
  };
  return r.r0 <= r.r1 && r.c0 <= r.c1 ? r : null;
}
