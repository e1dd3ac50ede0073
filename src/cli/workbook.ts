/**
 * The CLI's workbook path (DESIGN §2): file → in-memory Excel (src/sim) → the same src/excel code that runs
 * inside Excel → an enriched .xlsx. Charts and the PivotTable exist in the simulated workbook, but ExcelJS
 * cannot write them to a file: the saved workbook lists them on a Notes sheet, and the CLI says so.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { getHeapStatistics, type HeapInfo } from 'node:v8';
import { analyze } from '../engine/analyze';
import { EngineError, type AnalysisResult, type AnalyzeOptions, type Lang } from '../engine/types';
import { readSheetRange, writeAnalysis, type WriteReport } from '../excel';
import { decodeText } from '../io/decode';
import { strictToTransitional } from '../io/strictXlsx';
import {
  createWorkbook,
  loadCsv,
  loadXlsx,
  saveXlsx,
  savedCellCount,
  unsavedObjects,
  type SimWorkbookHandle,
} from '../sim';
import type { LoadedFile } from './readInput';

export interface WorkbookRun {
  result: AnalysisResult;
  loaded: LoadedFile;
  report: WriteReport;
  /** Objects in the workbook that the .xlsx file cannot hold (charts, PivotTables), in the run's language. */
  unsaved: string[];
}

/**
 * Heap ExcelJS takes per cell while it builds and saves a workbook: its cell objects, styles and the sheet's
 * XML, measured at about 1.2 kB on Online Retail slices (BENCHMARKS.md), with a margin.
 */
export const SAVE_BYTES_PER_CELL = 1500;

/**
 * Refuses, before the work, a workbook too big to build in this process's heap: ExcelJS holds the whole
 * workbook in memory, and running out of heap kills the process after minutes of garbage collection,
 * with no message. `cells` counts what is known so far (the source sheet alone, then the whole output).
 */
export function checkWorkbookSize(
  cells: number,
  heap: Pick<HeapInfo, 'heap_size_limit' | 'used_heap_size'> = getHeapStatistics(),
): void {
  const available = heap.heap_size_limit - heap.used_heap_size;
  if (cells * SAVE_BYTES_PER_CELL > available)
    throw new EngineError('workbook_too_large', {
      cells: cells.toLocaleString('en-US'),
      max: Math.max(0, Math.floor(available / SAVE_BYTES_PER_CELL)).toLocaleString('en-US'),
    });
}

/** Default output path: FILE.segmented.xlsx beside the input. */
export function defaultOutPath(file: string): string {
  return file.replace(/\.[^./\\]*$/, '') + '.segmented.xlsx';
}

async function openWorkbook(
  file: string,
): Promise<{ wb: SimWorkbookHandle; format: 'csv' | 'xlsx'; encoding?: string; strict?: boolean }> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new EngineError(code === 'ENOENT' ? 'file_not_found' : 'file_unreadable', { file });
  }
  const ext = extname(file).toLowerCase();
  if (ext === '.xls') throw new EngineError('xls_not_supported');
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (zip || ext === '.xlsx' || ext === '.xlsm') {
    if (!zip) throw new EngineError('file_not_xlsx');
    let strict = false;
    let data = bytes;
    try {
      const converted = await strictToTransitional(bytes);
      if (converted) [data, strict] = [converted, true];
      return { wb: await loadXlsx(data), format: 'xlsx', strict };
    } catch (e) {
      if (e instanceof EngineError) throw e;
      throw new EngineError(strict ? 'xlsx_strict_unreadable' : 'file_not_xlsx', {
        detail: String(e).slice(0, 120),
      });
    }
  }
  const { text, encoding } = decodeText(bytes);
  // Opening a CSV in Excel types its cells (numbers become numbers): the simulator does the same.
  const name = basename(file).replace(/\.[^.]*$/, '');
  return {
    wb:
      text.trim() === '' ? createWorkbook({ sheets: [name.slice(0, 31) || 'Sheet1'] }) : loadCsv(text, name),
    format: 'csv',
    encoding,
  };
}

/** Analyse a file and write the enriched workbook to `out`. */
export async function segmentToWorkbook(
  file: string,
  out: string,
  opts: { sheet?: string; range?: string; lang: Lang; options: AnalyzeOptions },
): Promise<WorkbookRun> {
  const { wb, format, encoding, strict } = await openWorkbook(file);
  // The source sheet alone may already be too big: said before the analysis and the writing.
  checkWorkbookSize(savedCellCount(wb));
  const names = wb.sheetNames();
  let sheet = opts.sheet ?? names[0];
  if (opts.sheet) {
    const match =
      names.find((n) => n === opts.sheet) ?? names.find((n) => n.toLowerCase() === opts.sheet!.toLowerCase());
    if (!match)
      throw new EngineError('file_sheet_not_found', { sheet: opts.sheet, sheets: names.join(', ') });
    sheet = match;
  }
  const selection = await readSheetRange(wb.run, sheet, opts.range, { isSetSupported: wb.isSetSupported });
  const result = await analyze(selection.input, opts.options);
  const report = await writeAnalysis(wb.run, result, {
    lang: opts.lang,
    source: { sheet: selection.sheet, address: selection.address },
    isSetSupported: wb.isSetSupported,
  });
  checkWorkbookSize(savedCellCount(wb));
  const bytes = await saveXlsx(wb);
  try {
    await writeFile(out, bytes);
  } catch {
    throw new EngineError('file_unwritable', { file: out });
  }
  const range = selection.address.includes('!')
    ? selection.address.slice(selection.address.lastIndexOf('!') + 1)
    : selection.address;
  return {
    result,
    loaded: { input: selection.input, sheet: selection.sheet, range, format, encoding, strict },
    report,
    unsaved: unsavedObjects(wb, opts.lang),
  };
}
