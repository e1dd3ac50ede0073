/** Loads a .csv/.tsv/.txt or .xlsx file from disk into the engine's SheetInput. */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseDelimited } from '../io/csv';
import { decodeText } from '../io/decode';
import { readXlsx } from '../io/xlsx';
import { intersect, parseAddress, rectAddress } from '../sim/address';
import { EngineError, type EngineInput } from '../engine/types';

export interface LoadedFile {
  input: EngineInput;
  sheet: string;
  /** The range analysed, e.g. "A1:H541910". */
  range: string;
  format: 'csv' | 'xlsx';
  encoding?: string;
  strict?: boolean;
}

/** True when the bytes start like a zip archive (an .xlsx whatever its name). */
function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Rows of a delimited file cut to a range (whole columns or rows stop where the data stops). */
function cutRange(
  rows: string[][],
  range: string | undefined,
): { cells: string[][]; top: number; left: number; range: string } {
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  const used = rows.length > 0 ? { r0: 0, c0: 0, r1: rows.length - 1, c1: Math.max(width, 1) - 1 } : null;
  if (!range) return { cells: rows, top: 1, left: 1, range: used ? rectAddress(used) : '' };
  const parsed = parseAddress(range);
  if (!parsed) throw new EngineError('bad_range', { range });
  const box = parsed.wholeColumns || parsed.wholeRows ? (used ? intersect(parsed, used) : null) : parsed;
  if (!box) return { cells: [], top: 1, left: 1, range: '' };
  const cells = rows.slice(box.r0, box.r1 + 1).map((r) => r.slice(box.c0, box.c1 + 1));
  return { cells, top: box.r0 + 1, left: box.c0 + 1, range: rectAddress(box) };
}

/** Read a file from disk; the format is decided by content (zip → xlsx) and extension. */
export async function loadFile(
  path: string,
  opts: { sheet?: string; range?: string } = {},
): Promise<LoadedFile> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new EngineError(code === 'ENOENT' ? 'file_not_found' : 'file_unreadable', { file: path });
  }
  const ext = extname(path).toLowerCase();
  if (isZip(bytes) || ext === '.xlsx' || ext === '.xlsm') {
    if (ext === '.xls' || (!isZip(bytes) && ext !== '.xlsx' && ext !== '.xlsm'))
      throw new EngineError('file_not_xlsx');
    const read = await readXlsx(bytes, opts);
    return { input: read.input, sheet: read.sheet, range: read.range, format: 'xlsx', strict: read.strict };
  }
  if (ext === '.xls') throw new EngineError('xls_not_supported');
  const { text, encoding } = decodeText(bytes);
  const rows = parseDelimited(text);
  const cut = cutRange(rows, opts.range);
  const sheet = opts.sheet ?? path.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  return {
    input: { cells: cut.cells, firstRow: cut.top, firstColumn: cut.left, sheet },
    sheet,
    range: cut.range,
    format: 'csv',
    encoding,
  };
}
