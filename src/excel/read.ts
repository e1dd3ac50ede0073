/**
 * Reads the block the user selected (or a named sheet range) for the engine: widened to its Table or current
 * region when a single cell is selected, narrowed to the used range for whole columns, refused above
 * 5 million cells, read in row chunks that keep each response under 4 MB, with number formats only for the
 * header and the first rows.
 */
import { ColumnarBuilder } from '../engine/ingest/columnar';
import { CancelledError, EngineError, type Cell, type DictColumn } from '../engine/types';
import { MAX_COLUMNS, MAX_ROWS, intersect, qualified, type Rect } from '../sim/address';
import type { ExcelRunner, ReadOptions, SelectionData } from './api';
import { DEFAULT_SYNC_TIMEOUT_MS, rectOf, requirementChecker, RESPONSE_BUDGET, timedSync } from './runtime';

/** Excel's limit on the cells of one read. */
export const MAX_READ_CELLS = 5_000_000;
/** Rows whose number formats are read (header + first rows, enough to spot date serials). */
export const FORMAT_ROWS = 21;
const FIRST_CHUNK_ROWS = 1_000;

type Sync = (context: Excel.RequestContext) => Promise<void>;
type Notice = SelectionData['notices'][number];

function rectFrom(r: { rowIndex: number; columnIndex: number; rowCount: number; columnCount: number }): Rect {
  return {
    r0: r.rowIndex,
    c0: r.columnIndex,
    r1: r.rowIndex + r.rowCount - 1,
    c1: r.columnIndex + r.columnCount - 1,
  };
}

const PROPS = 'address, rowIndex, columnIndex, rowCount, columnCount';

/**
 * Reads a rectangle's values in chunks and the formats of its first rows. Each chunk goes straight into
 * columns (each distinct value once, a code per row), so the block never sits in memory as rows of cells
 * and crosses into the analysis worker as typed arrays.
 */
async function readBlock(
  context: Excel.RequestContext,
  sync: Sync,
  sheet: string,
  rect: Rect,
  opts: ReadOptions,
): Promise<{ columns: DictColumn[]; rows: number; formats: string[][] }> {
  const cellsCount = (rect.r1 - rect.r0 + 1) * (rect.c1 - rect.c0 + 1);
  if (cellsCount > MAX_READ_CELLS)
    throw new EngineError('selection_too_large', { cells: cellsCount.toLocaleString('en-US') });
  const ws = context.workbook.worksheets.getItem(sheet);
  const total = rect.r1 - rect.r0 + 1;
  const builder = new ColumnarBuilder(total);
  let read = 0;
  const fmtRange = ws.getRangeByIndexes(
    rect.r0,
    rect.c0,
    Math.min(FORMAT_ROWS, total),
    rect.c1 - rect.c0 + 1,
  );
  fmtRange.load('numberFormat');
  let chunk = opts.chunkRows ?? Math.min(FIRST_CHUNK_ROWS, total);
  for (let r = rect.r0; r <= rect.r1;) {
    if (opts.signal?.aborted) throw new CancelledError();
    const rows = Math.min(chunk, rect.r1 - r + 1);
    const range = ws.getRangeByIndexes(r, rect.c0, rows, rect.c1 - rect.c0 + 1);
    range.load('values');
    await sync(context);
    const values = range.values as Cell[][];
    builder.addRows(values);
    read += values.length;
    if (opts.chunkRows === undefined) {
      // Size the next chunks from what this one cost (the JSON of the values is the response).
      const bytesPerRow = Math.max(1, JSON.stringify(values).length / rows);
      chunk = Math.max(1, Math.floor(RESPONSE_BUDGET / bytesPerRow));
    }
    r += rows;
    opts.onProgress?.(read / total);
  }
  const { columns, rows } = builder.build();
  return { columns, rows, formats: fmtRange.numberFormat as string[][] };
}

function runtime(opts: ReadOptions) {
  const counter = { syncs: 0 };
  return timedSync(opts.syncTimeoutMs ?? DEFAULT_SYNC_TIMEOUT_MS, counter, opts.signal);
}

/** Narrows whole columns/rows to the used range; null when nothing is used there. */
async function narrow(
  context: Excel.RequestContext,
  sync: Sync,
  sheet: string,
  rect: Rect,
): Promise<Rect | null> {
  const used = context.workbook.worksheets.getItem(sheet).getUsedRangeOrNullObject(true);
  used.load(PROPS);
  await sync(context);
  return used.isNullObject ? null : intersect(rect, rectFrom(used));
}

function isWhole(rect: Rect): boolean {
  return (rect.r0 === 0 && rect.r1 === MAX_ROWS - 1) || (rect.c0 === 0 && rect.c1 === MAX_COLUMNS - 1);
}

async function finish(
  context: Excel.RequestContext,
  sync: Sync,
  sheet: string,
  rect: Rect,
  opts: ReadOptions,
  notices: Notice[],
): Promise<SelectionData> {
  const { columns, rows, formats } = await readBlock(context, sync, sheet, rect, opts);
  return {
    input: { columns, rows, firstRow: rect.r0 + 1, firstColumn: rect.c0 + 1, sheet, numberFormats: formats },
    address: qualified(sheet, rect),
    sheet,
    rowCount: rect.r1 - rect.r0 + 1,
    columnCount: rect.c1 - rect.c0 + 1,
    notices,
  };
}

/** Reads the user's selection (widened or narrowed as described above). */
export async function readSelection(run: ExcelRunner, opts: ReadOptions = {}): Promise<SelectionData> {
  const sync = runtime(opts);
  const supports = requirementChecker(opts.isSetSupported);
  return run(async (context) => {
    const sel = context.workbook.getSelectedRange();
    sel.load(PROPS);
    const ws = sel.worksheet;
    ws.load('name');
    try {
      await sync(context);
    } catch (e) {
      if ((e as { code?: string }).code === 'InvalidSelection') throw new EngineError('multiple_selection');
      throw e;
    }
    const sheet = ws.name;
    let rect = rectFrom(sel);
    const notices: Notice[] = [];
    if (isWhole(rect)) {
      const n = await narrow(context, sync, sheet, rect);
      if (!n) throw new EngineError('selection_empty');
      rect = n;
      notices.push({ key: 'ui.notice.selection_narrowed', params: { address: qualified(sheet, rect) } });
    } else if (rect.r0 === rect.r1 && rect.c0 === rect.c1) {
      // A single cell stands for its Table, else its current region.
      const tables = context.workbook.worksheets.getItem(sheet).tables.load('items/name');
      await sync(context);
      const ranges = tables.items.map((t) => ({ name: t.name, range: t.getRange().load(PROPS) }));
      await sync(context);
      const hit = ranges.find((t) => intersect(rectFrom(t.range), rect));
      if (hit) {
        rect = rectFrom(hit.range);
        notices.push({
          key: 'ui.notice.table_used',
          params: { table: hit.name, address: qualified(sheet, rect) },
        });
      } else {
        const region = supports('1.13')
          ? context.workbook.worksheets.getItem(sheet).getRange(qualified(sheet, rect)).getSurroundingRegion()
          : context.workbook.worksheets.getItem(sheet).getUsedRange(true);
        region.load(PROPS);
        await sync(context);
        const widened = rectFrom(region);
        if (widened.r0 === widened.r1 && widened.c0 === widened.c1) {
          const one = context.workbook.worksheets
            .getItem(sheet)
            .getRange(qualified(sheet, widened))
            .load('values');
          await sync(context);
          if (one.values[0][0] === '') throw new EngineError('selection_empty');
        }
        rect = widened;
        notices.push({ key: 'ui.notice.selection_widened', params: { address: qualified(sheet, rect) } });
      }
    } else {
      // A block reaching past the data (A1:Z5000 around a 4-row list) is trimmed to the used range: its empty
      // rows would only become thousands of "blank row" issues, its empty columns headers named B, C, ….
      const n = await narrow(context, sync, sheet, rect);
      if (!n) throw new EngineError('selection_empty');
      if (n.r0 !== rect.r0 || n.c0 !== rect.c0 || n.r1 !== rect.r1 || n.c1 !== rect.c1) {
        rect = n;
        notices.push({ key: 'ui.notice.selection_trimmed', params: { address: qualified(sheet, rect) } });
      }
    }
    return finish(context, sync, sheet, rect, opts, notices);
  });
}

/** Reads a sheet's range (the used range without an address), for the CLI's --sheet/--range. */
export async function readSheetRange(
  run: ExcelRunner,
  sheet: string,
  address?: string,
  opts: ReadOptions = {},
): Promise<SelectionData> {
  const sync = runtime(opts);
  return run(async (context) => {
    const ws = context.workbook.worksheets.getItemOrNullObject(sheet);
    ws.load('name');
    await sync(context);
    if (ws.isNullObject) throw new EngineError('sheet_not_found', { sheet });
    const name = ws.name;
    const notices: Notice[] = [];
    let rect: Rect | null;
    if (address === undefined || address === '') {
      const used = ws.getUsedRangeOrNullObject(true);
      used.load(PROPS);
      await sync(context);
      rect = used.isNullObject ? null : rectFrom(used);
    } else {
      rect = rectOf(address);
      if (isWhole(rect)) {
        rect = await narrow(context, sync, name, rect);
        if (rect)
          notices.push({ key: 'ui.notice.selection_narrowed', params: { address: qualified(name, rect) } });
      }
    }
    if (!rect) throw new EngineError('selection_empty');
    return finish(context, sync, name, rect, opts, notices);
  });
}
