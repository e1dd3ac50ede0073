/** Reads one sheet (or one range of it) of an .xlsx workbook into the engine's SheetInput. */
import ExcelJS from 'exceljs';
import { serialFromDate } from '../engine/dates';
import { EngineError, type Cell, type SheetInput } from '../engine/types';
import { intersect, parseAddress, rectAddress, type Rect } from '../sim/address';
import { strictToTransitional } from './strictXlsx';

export interface XlsxRead {
  input: SheetInput;
  sheet: string;
  sheets: string[];
  /** The range read, e.g. "A1:T9960". */
  range: string;
  /** The file was Strict Open XML and was converted on the fly. */
  strict: boolean;
}

/** Number formats are read for the header and this many rows below it (to recognise date serials). */
const FORMAT_ROWS = 21;

/** A cell value as the engine wants it: text, number, boolean or "" (dates become serial days). */
export function cellFromExcelJs(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) {
    const day = serialFromDate(value);
    if (Number.isNaN(day)) return '';
    const ms = value.getTime();
    const fraction = (((ms % 86_400_000) + 86_400_000) % 86_400_000) / 86_400_000;
    return day + fraction;
  }
  if ('error' in value) return String(value.error);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('result' in value) return cellFromExcelJs((value.result ?? '') as ExcelJS.CellValue);
  if ('formula' in value || 'sharedFormula' in value) return '';
  if ('text' in value) return String((value as { text: unknown }).text ?? '');
  return '';
}

/** Loads a workbook, converting Strict Open XML first; refuses what cannot be read with a clear error. */
export async function loadWorkbook(
  bytes: Uint8Array,
): Promise<{ workbook: ExcelJS.Workbook; strict: boolean }> {
  let data = bytes;
  let strict = false;
  try {
    const converted = await strictToTransitional(bytes);
    if (converted) {
      data = converted;
      strict = true;
    }
  } catch {
    throw new EngineError('file_not_xlsx');
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch (e) {
    throw new EngineError(strict ? 'xlsx_strict_unreadable' : 'file_not_xlsx', {
      detail: String(e).slice(0, 120),
    });
  }
  return { workbook, strict };
}

/** Reads a sheet (default: the first visible one) and a range (default: its used range). */
export async function readXlsx(
  bytes: Uint8Array,
  opts: { sheet?: string; range?: string } = {},
): Promise<XlsxRead> {
  const { workbook, strict } = await loadWorkbook(bytes);
  const sheets = workbook.worksheets.map((w) => w.name);
  const ws = opts.sheet
    ? (workbook.worksheets.find((w) => w.name === opts.sheet) ??
      workbook.worksheets.find((w) => w.name.toLowerCase() === opts.sheet!.toLowerCase()))
    : (workbook.worksheets.find((w) => w.state === 'visible') ?? workbook.worksheets[0]);
  if (!ws) {
    if (opts.sheet)
      throw new EngineError('file_sheet_not_found', { sheet: opts.sheet, sheets: sheets.join(', ') });
    throw new EngineError('empty');
  }
  const dims = ws.dimensions as unknown as
    { top: number; left: number; bottom: number; right: number } | undefined;
  const used: Rect | null =
    dims && ws.actualRowCount > 0
      ? { r0: dims.top - 1, c0: dims.left - 1, r1: dims.bottom - 1, c1: dims.right - 1 }
      : null;
  let box: Rect | null = used;
  if (opts.range) {
    const parsed = parseAddress(opts.range);
    if (!parsed) throw new EngineError('bad_range', { range: opts.range });
    // Whole columns or rows (A:F, 2:9) mean "as far as the data goes", as in Excel.
    box = parsed.wholeColumns || parsed.wholeRows ? (used ? intersect(parsed, used) : null) : parsed;
  }
  if (!box) return { input: { cells: [], sheet: ws.name }, sheet: ws.name, sheets, range: '', strict };

  const width = box.c1 - box.c0 + 1;
  const cells: Cell[][] = [];
  const numberFormats: string[][] = [];
  for (let r = box.r0 + 1; r <= box.r1 + 1; r++) {
    const row = ws.getRow(r);
    const out: Cell[] = new Array<Cell>(width);
    const fmts: string[] | null = r - 1 - box.r0 < FORMAT_ROWS ? new Array<string>(width) : null;
    for (let c = 0; c < width; c++) {
      const cell = row.getCell(box.c0 + 1 + c);
      out[c] = cellFromExcelJs(cell.value);
      if (fmts) fmts[c] = cell.numFmt ?? '';
    }
    cells.push(out);
    if (fmts) numberFormats.push(fmts);
  }
  return {
    input: { cells, firstRow: box.r0 + 1, firstColumn: box.c0 + 1, sheet: ws.name, numberFormats },
    sheet: ws.name,
    sheets,
    range: rectAddress(box),
    strict,
  };
}
