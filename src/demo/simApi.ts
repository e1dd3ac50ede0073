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
  if (f.includes('%')) return `${(v * 100).toFixed(1)}%`;
  if (Number.isInteger(v)) return String(v);
  return String(Math.round(v * 100) / 100);
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
