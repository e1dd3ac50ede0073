/**
 * The demo's view of src/sim: load a workbook from a file, save it, and read its state to draw it.
 * Loaded lazily with the demo page only, never by the Excel pane.
 */
import { isoFromSerial } from '../engine/dates';
import { decodeText } from '../io/decode';
import * as sim from '../sim';
import { parseAddress, splitSheet, type Rect } from '../sim/address';
import type { ChartState, SheetState, WorkbookState } from '../sim/state';

export type Workbook = sim.SimWorkbookHandle;
export type { ChartState, Rect, SheetState, WorkbookState };

export function emptyWorkbook(): Workbook {
  return sim.createWorkbook();
}

/** Opens an .xlsx or a .csv/.txt file (any encoding Chinese exports use). */
export async function openFile(name: string, bytes: Uint8Array): Promise<Workbook> {
  if (/\.xlsx$/i.test(name)) return sim.loadXlsx(bytes);
  const { text } = decodeText(bytes);
  return sim.loadCsv(text, name.replace(/\.[^.]+$/, ''));
}

export async function saveFile(wb: Workbook): Promise<Uint8Array> {
  return sim.saveXlsx(wb);
}

/** The text a cell shows (dates by their number format, numbers rounded for display). */
export function cellText(sheet: SheetState, r: number, c: number): string {
  const v = sheet.get(r, c);
  if (v === undefined) return '';
  if (typeof v === 'object') return v.formula;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'string') return v;
  const f = sheet.format(r, c);
  if (/[yd]/i.test(f) && !/^[#0.,%]+$/.test(f)) return isoFromSerial(v);
  // Decimals and grouping as the number format asks ("#,##0.00", "0.0%"); General shows up to 2 decimals.
  const decimals = /0\.(0+)/.exec(f)?.[1].length ?? (f.includes('0') ? 0 : Number.isInteger(v) ? 0 : 2);
  const grouping = f.includes('#,##');
  const n = f.includes('%') ? v * 100 : v;
  const text = n.toLocaleString('en-US', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    useGrouping: grouping,
  });
  return f.includes('%') ? `${text}%` : text;
}

/** A PivotTable as the user would see it: row field × column field, first data field summed (or counted). */
export function pivotCells(
  state: WorkbookState,
  pivot: {
    source: string;
    rows: string[];
    columns: string[];
    data: { field: string; summarizeBy: string }[];
  },
): { columns: string[]; rows: [string, number[]][] } | null {
  const { sheet: sheetName, local } = splitSheet(pivot.source);
  const sheet = sheetName ? state.sheetByName(sheetName) : undefined;
  const rect = parseAddress(local);
  if (!sheet || !rect || pivot.rows.length === 0 || pivot.data.length === 0) return null;
  const headers: string[] = [];
  for (let c = rect.c0; c <= rect.c1; c++) headers.push(String(sheet.get(rect.r0, c) ?? ''));
  const ri = headers.indexOf(pivot.rows[0]);
  const ci = pivot.columns.length > 0 ? headers.indexOf(pivot.columns[0]) : -1;
  const di = headers.indexOf(pivot.data[0].field);
  if (ri < 0 || di < 0) return null;
  const count = /count/i.test(pivot.data[0].summarizeBy);
  const colKeys: string[] = [];
  const table = new Map<string, Map<string, number>>();
  for (let r = rect.r0 + 1; r <= rect.r1; r++) {
    const rk = String(sheet.get(r, rect.c0 + ri) ?? '');
    const ck = ci >= 0 ? String(sheet.get(r, rect.c0 + ci) ?? '') : '';
    const v = sheet.get(r, rect.c0 + di);
    if (!colKeys.includes(ck)) colKeys.push(ck);
    const row = table.get(rk) ?? new Map<string, number>();
    table.set(rk, row);
    row.set(ck, (row.get(ck) ?? 0) + (count ? 1 : typeof v === 'number' ? v : 0));
  }
  colKeys.sort();
  return { columns: colKeys, rows: [...table].map(([k, m]) => [k, colKeys.map((c) => m.get(c) ?? 0)]) };
}

/** Numbers (or text) of a sheet-qualified address, row by row. */
export function readAddress(
  state: WorkbookState,
  address: string,
  defaultSheet?: SheetState,
): (string | number)[] {
  const { sheet: sheetName, local } = splitSheet(address);
  const sheet = sheetName ? state.sheetByName(sheetName) : defaultSheet;
  const rect = parseAddress(local);
  if (!sheet || !rect) return [];
  const out: (string | number)[] = [];
  for (let r = rect.r0; r <= rect.r1; r++) {
    for (let c = rect.c0; c <= rect.c1; c++) {
      const v = sheet.get(r, c);
      out.push(typeof v === 'number' ? v : typeof v === 'string' ? v : '');
    }
  }
  return out;
}

export { parseAddress, splitSheet };
export { rectAddress, columnLetters } from '../sim/address';
