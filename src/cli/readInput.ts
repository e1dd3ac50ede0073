/** Loads a .csv/.tsv/.txt or .xlsx file from disk into the engine's input (a delimited file by column). */
import { open, type FileHandle } from 'node:fs/promises';
import { extname } from 'node:path';
import { readDelimitedColumns, type DelimitedColumns } from '../io/csvColumns';
import { readXlsx } from '../io/xlsx';
import { cliTokenizer } from './csvTokenizer';
import { intersect, parseAddress, rectAddress } from '../sim/address';
import { EngineError, type DictColumn, type EngineInput } from '../engine/types';

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

/**
 * The columns of a delimited file cut to a range (whole columns or rows stop where the data stops), as rows
 * of cells cut the same way would be: no rows past the data, no columns past the widest row. The codes are
 * views of the file's; each column keeps all its values, also those only rows outside the cut use (the
 * engine reaches values through the codes, so they cost it at most a parse each).
 */
function cutRange(
  file: { columns: DictColumn[]; rows: number },
  range: string | undefined,
): { columns: DictColumn[]; rows: number; top: number; left: number; range: string } {
  const width = file.columns.length;
  const used = file.rows > 0 ? { r0: 0, c0: 0, r1: file.rows - 1, c1: Math.max(width, 1) - 1 } : null;
  if (!range) return { ...file, top: 1, left: 1, range: used ? rectAddress(used) : '' };
  const parsed = parseAddress(range);
  if (!parsed) throw new EngineError('bad_range', { range });
  const box = parsed.wholeColumns || parsed.wholeRows ? (used ? intersect(parsed, used) : null) : parsed;
  if (!box) return { columns: [], rows: 0, top: 1, left: 1, range: '' };
  const rows = Math.max(0, Math.min(box.r1 + 1, file.rows) - box.r0);
  const columns = file.columns.slice(box.c0, box.c1 + 1).map((col) => ({
    codes: rows === file.rows ? col.codes : col.codes.subarray(box.r0, box.r0 + rows),
    values: col.values,
  }));
  return {
    columns: rows > 0 ? columns : [],
    rows,
    top: box.r0 + 1,
    left: box.c0 + 1,
    range: rectAddress(box),
  };
}

/**
 * The file's bytes. A file that is not a zip archive (so not an .xlsx) is read straight into the CSV
 * tokenizer's memory, which then reads it in place: no second copy of a large export.
 */
async function readWhole(path: string): Promise<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const stat = await file.stat();
    // A pipe or a device (segment /dev/stdin) has no size to go by: read it to its end.
    if (!stat.isFile()) return await file.readFile();
    const head = new Uint8Array(4);
    await readAt(file, head, 0);
    const size = stat.size;
    const bytes = isZip(head) ? new Uint8Array(size) : (cliTokenizer.reserve?.(size) ?? new Uint8Array(size));
    const n = await readAt(file, bytes, 0);
    // A file that shrank while being read ends where its bytes end.
    return n === size ? bytes : bytes.slice(0, n);
  } finally {
    await file.close();
  }
}

/** Fills `into` from the file's byte `from` on, up to its end; returns how many bytes were read. */
async function readAt(file: FileHandle, into: Uint8Array, from: number): Promise<number> {
  let done = 0;
  while (done < into.length) {
    const { bytesRead } = await file.read(into, done, into.length - done, from + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done;
}

/** Read a file from disk; the format is decided by content (zip → xlsx) and extension. */
export async function loadFile(
  path: string,
  opts: { sheet?: string; range?: string } = {},
): Promise<LoadedFile> {
  let bytes: Uint8Array;
  try {
    bytes = await readWhole(path);
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
  let read: DelimitedColumns;
  try {
    read = readDelimitedColumns(bytes, { tokenizer: cliTokenizer });
  } finally {
    // The columns are copied out: the tokenizer's memory, with the file's bytes, can go.
    cliTokenizer.release?.();
  }
  const cut = cutRange(read, opts.range);
  const sheet = opts.sheet ?? path.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  return {
    input: { rows: cut.rows, columns: cut.columns, firstRow: cut.top, firstColumn: cut.left, sheet },
    sheet,
    range: cut.range,
    format: 'csv',
    encoding: read.encoding,
  };
}
