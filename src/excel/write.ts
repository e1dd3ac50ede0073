/**
 * Writes an AnalysisResult into the workbook following planLayout: values and formats in row chunks that
 * keep each request under 4 MB (one sync per chunk, calculation suspended), then Tables, conditional formats,
 * charts and the PivotTable. Never writes over a non-empty cell of the user; records its outputs in the
 * workbook settings so that a re-run can replace exactly them.
 */
import { CancelledError, EngineError, type AnalysisResult } from '../engine/types';
import { t } from '../i18n';
import { intersect, qualified, rectAddress, type Rect } from '../sim/address';
import type { ExcelRunner, WriteOptions, WriteReport } from './api';
import {
  besideRegion,
  lineSegment,
  orderSegmentRegion,
  planLayout,
  type Block,
  type Layout,
  type OutValue,
} from './layout';
import {
  DEFAULT_SYNC_TIMEOUT_MS,
  localAddress,
  rectOf,
  REQUEST_BUDGET,
  requirementChecker,
  timedSync,
} from './runtime';

/** Widest column we set (about 50 characters): longer texts such as actions stay readable without a huge column. */
const MAX_COLUMN_POINTS = 360;

/** Settings key under which this add-in records what it wrote. */
export const OUTPUTS_SETTING = 'CustomerSegments.outputs';

/** What a run wrote, kept in the workbook settings. */
export interface OutputRecord {
  version: 1;
  /** Sheets we created: id, name at creation and the used range we left (to detect later edits). */
  sheets: { id: string; name: string; used: string }[];
  /** Columns we wrote beside the user's data: sheet id, address and the header texts we wrote. */
  beside: { sheetId: string; address: string; headers: string[] }[];
  tables: string[];
}

type Sync = (context: Excel.RequestContext) => Promise<void>;

function emptyRecord(): OutputRecord {
  return { version: 1, sheets: [], beside: [], tables: [] };
}

function parseRecord(value: unknown): OutputRecord | null {
  const v = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  if (!v || typeof v !== 'object') return null;
  const r = v as Partial<OutputRecord>;
  if (!Array.isArray(r.sheets) || !Array.isArray(r.beside)) return null;
  return { version: 1, sheets: r.sheets, beside: r.beside, tables: Array.isArray(r.tables) ? r.tables : [] };
}

/** Smallest request (bytes) tried after payload errors before the write gives up. */
export const MIN_REQUEST_BUDGET = 16_000;

/** A write that can be queued again, and cut in two when Excel finds the request too large. */
interface Piece {
  bytes: number;
  apply: () => void;
  split: () => [Piece, Piece] | null;
}

/** Values and number formats of a block of rows at (row, col), as a Piece. */
function rowsPiece(
  ws: Excel.Worksheet,
  row: number,
  col: number,
  values: (string | number)[][],
  formats: string[][],
  bytes: number,
): Piece {
  return {
    bytes,
    apply: () => {
      const range = ws.getRange(
        rectAddress({ r0: row, c0: col, r1: row + values.length - 1, c1: col + values[0].length - 1 }),
      );
      // Formats first: a Text format must be in place before a "=…" string lands in the cell.
      range.numberFormat = formats;
      range.values = values;
    },
    split: () => {
      if (values.length < 2) return null;
      const h = values.length >> 1;
      const half = Math.ceil(bytes / 2);
      return [
        rowsPiece(ws, row, col, values.slice(0, h), formats.slice(0, h), half),
        rowsPiece(ws, row + h, col, values.slice(h), formats.slice(h), half),
      ];
    },
  };
}

function isPayloadError(e: unknown): boolean {
  return (e as { code?: unknown } | null)?.code === 'RequestPayloadSizeLimitExceeded';
}

/**
 * Accumulates writes and syncs before a request would exceed the budget (one sync per chunk). Excel on the
 * web rejects a request over its payload limit as a whole, before applying any of it, so a rejected chunk is
 * sent again in halves, and later chunks are cut to the size that went through, down to MIN_REQUEST_BUDGET.
 */
class Batcher {
  private pending: Piece[] = [];
  private bytes = 0;
  /** Bytes per request; lowered after a payload error. */
  budget = REQUEST_BUDGET;
  constructor(
    private readonly context: Excel.RequestContext,
    private readonly sync: Sync,
    private readonly suspendCalculation: boolean,
  ) {}
  async add(piece: Piece): Promise<void> {
    if (this.bytes > 0 && this.bytes + piece.bytes > this.budget) await this.flush();
    this.pending.push(piece);
    this.bytes += piece.bytes + 200;
  }
  async flush(): Promise<void> {
    const pieces = this.pending;
    this.pending = [];
    this.bytes = 0;
    if (pieces.length > 0) await this.send(pieces);
  }
  private async send(pieces: Piece[]): Promise<void> {
    // Suspension lasts only until the next sync (office-js#2734), so it is renewed for every chunk.
    if (this.suspendCalculation) this.context.workbook.application.suspendApiCalculationUntilNextSync();
    for (const p of pieces) p.apply();
    try {
      await this.sync(this.context);
    } catch (e) {
      if (!isPayloadError(e)) throw e;
      const size = pieces.reduce((s, p) => s + p.bytes + 200, 0);
      const halves: Piece[][] | null =
        pieces.length > 1
          ? [pieces.slice(0, pieces.length >> 1), pieces.slice(pieces.length >> 1)]
          : (pieces[0].split()?.map((p) => [p]) ?? null);
      // A request at or below the floor that is still refused: the host will not take this write.
      if (!halves || size <= MIN_REQUEST_BUDGET)
        throw new EngineError('write_too_large', { bytes: size.toLocaleString('en-US') });
      this.budget = Math.max(MIN_REQUEST_BUDGET, Math.min(this.budget, Math.floor(size / 2)));
      for (const h of halves) await this.send(h);
    }
  }
}

/**
 * True when every cell of the region is empty: skipped when the used range does not reach it, else read in
 * chunks as formulas (a formula returning "" is not an empty cell).
 */
async function regionEmpty(context: Excel.RequestContext, sync: Sync, address: string): Promise<boolean> {
  const region = rectOf(address);
  const sheetName = addressSheet(address);
  const ws = context.workbook.worksheets.getItem(sheetName);
  const used = ws.getUsedRangeOrNullObject(false);
  used.load('rowIndex, columnIndex, rowCount, columnCount');
  await sync(context);
  if (used.isNullObject) return true;
  const x = intersect(region, {
    r0: used.rowIndex,
    c0: used.columnIndex,
    r1: used.rowIndex + used.rowCount - 1,
    c1: used.columnIndex + used.columnCount - 1,
  });
  if (!x) return true;
  const width = x.c1 - x.c0 + 1;
  const step = Math.max(1, Math.floor(200_000 / width));
  for (let r = x.r0; r <= x.r1; r += step) {
    const part = ws.getRange(rectAddress({ r0: r, c0: x.c0, r1: Math.min(x.r1, r + step - 1), c1: x.c1 }));
    part.load('formulas');
    await sync(context);
    for (const row of part.formulas as unknown[][])
      for (const v of row) if (v !== '' && v !== null) return false;
  }
  return true;
}

function addressSheet(address: string): string {
  const bang = address.lastIndexOf('!');
  let s = address.slice(0, bang);
  if (s.startsWith("'") && s.endsWith("'")) s = s.slice(1, -1).replace(/''/g, "'");
  return s;
}

/** Removes the outputs of earlier runs that nobody changed since; returns what had to be kept. */
async function removePrevious(
  context: Excel.RequestContext,
  sync: Sync,
  record: OutputRecord,
  report: WriteReport,
): Promise<OutputRecord> {
  const kept = emptyRecord();
  const sheets = record.sheets.map((s) => {
    const ws = context.workbook.worksheets.getItemOrNullObject(s.id);
    const used = ws.getUsedRangeOrNullObject(false);
    used.load('address');
    ws.load('name');
    return { s, ws, used };
  });
  const beside = record.beside.map((b) => {
    const ws = context.workbook.worksheets.getItemOrNullObject(b.sheetId);
    const r = rectOf(b.address);
    const header = ws.getRange(rectAddress({ ...r, r1: r.r0 }));
    return { b, ws, header };
  });
  await sync(context);
  for (const { ws, header } of beside) {
    if (ws.isNullObject) continue;
    header.load('formulas');
  }
  await sync(context);
  for (const { s, ws, used } of sheets) {
    if (ws.isNullObject) continue;
    const usedNow = used.isNullObject ? '' : localAddress(used.address);
    if (usedNow === s.used) ws.delete();
    else {
      kept.sheets.push(s);
      report.notices.push({ key: 'ui.notice.previous_kept', params: { sheet: ws.name } });
    }
  }
  for (const { b, ws, header } of beside) {
    if (ws.isNullObject) continue;
    const now = (header.formulas as unknown[][])[0].map((v) => String(v));
    // Our header texts still in place: the columns are ours to clear; otherwise someone edited them.
    if (now.length === b.headers.length && now.every((v, i) => v === b.headers[i]))
      ws.getRange(localAddress(b.address)).clear('All');
    else {
      kept.beside.push(b);
      report.notices.push({ key: 'ui.notice.previous_columns_kept', params: { address: b.address } });
    }
  }
  await sync(context);
  return kept;
}

function jsonLength(v: unknown): number {
  return JSON.stringify(v).length;
}

/** Values and number formats of one row of a block (strings go into Text cells so they never become formulas). */
function rowOf(block: Block, i: number): { values: (string | number)[]; formats: string[] } {
  const values: (string | number)[] = [];
  const formats: string[] = [];
  for (const c of block.columns) {
    const v: OutValue = c.value(i);
    if (v === null) {
      values.push('');
      formats.push(c.numberFormat);
    } else if (typeof v === 'number') {
      values.push(v);
      formats.push(c.numberFormat);
    } else {
      values.push(v);
      formats.push('@');
    }
  }
  return { values, formats };
}

/** Writes a block (header + rows) in chunks under the request budget. */
async function writeBlock(
  context: Excel.RequestContext,
  batcher: Batcher,
  block: Block,
  progress: (rows: number) => void,
): Promise<void> {
  const ws = context.workbook.worksheets.getItem(block.sheet);
  let values: (string | number)[][] = [];
  let formats: string[][] = [];
  let bytes = 0;
  let startRow = block.row;
  const flush = async () => {
    if (values.length === 0) return;
    await batcher.add(rowsPiece(ws, startRow, block.col, values, formats, bytes));
    progress(values.length);
    startRow += values.length;
    values = [];
    formats = [];
    bytes = 0;
  };
  const push = async (vals: (string | number)[], fmts: string[]) => {
    const size = jsonLength(vals) + jsonLength(fmts) + 2;
    if (bytes + size > batcher.budget - 1000) await flush();
    values.push(vals);
    formats.push(fmts);
    bytes += size;
  };
  if (block.header)
    await push(
      block.columns.map((c) => c.header),
      block.columns.map(() => '@'),
    );
  for (let i = 0; i < block.rows; i++) {
    const r = rowOf(block, i);
    await push(r.values, r.formats);
  }
  await flush();
}

/** Writes the segment of each order line's customer beside the order lines. */
async function writeOrderSegment(
  context: Excel.RequestContext,
  sync: Sync,
  batcher: Batcher,
  layout: Layout,
): Promise<Rect | null> {
  const spec = layout.orderSegment;
  if (!spec) return null;
  const ws = context.workbook.worksheets.getItem(spec.sheet);
  await batcher.add(
    rowsPiece(ws, spec.headerRow, spec.col, [[spec.header]], [['@']], jsonLength(spec.header) + 10),
  );
  const step = 50_000;
  for (let r0 = spec.firstRow; r0 <= spec.lastRow; r0 += step) {
    const r1 = Math.min(spec.lastRow, r0 + step - 1);
    await batcher.flush();
    const ids = ws.getRange(rectAddress({ r0, c0: spec.idCol, r1, c1: spec.idCol }));
    ids.load('values');
    await sync(context);
    const rows = ids.values.map((row, k) => lineSegment(spec, r0 + k, row[0]));
    // Split into request-sized pieces.
    let start = 0;
    while (start < rows.length) {
      let bytes = 0;
      let end = start;
      while (end < rows.length && bytes < batcher.budget - 1000) {
        bytes += rows[end].length * 3 + 12;
        end++;
      }
      const vals = rows.slice(start, end).map((s) => [s]);
      const fmts = vals.map(() => ['@']);
      await batcher.add(rowsPiece(ws, r0 + start, spec.col, vals, fmts, jsonLength(vals) + jsonLength(fmts)));
      start = end;
    }
  }
  return { r0: spec.headerRow, c0: spec.col, r1: spec.lastRow, c1: spec.col };
}

/** What a run has started to change, so that a failed or cancelled run can take it back. */
interface Started {
  /** New sheets of this run (names that did not exist before it). */
  sheets: string[];
  /** Sheet-qualified regions beside the user's data that this run fills (all empty before it). */
  regions: string[];
  /** The outputs record as it must stay: null = there was none. */
  record: OutputRecord | null;
}

/**
 * Removes what a failed run had written: its new sheets (with their tables, charts and PivotTable), the
 * contents of the columns it was filling beside the data (and their number formats, back to General), and
 * its outputs record. Runs in a fresh batch with its own timeout and no cancel signal. Returns false when
 * Excel did not let it finish.
 */
async function takeBack(run: ExcelRunner, started: Started, timeoutMs: number): Promise<boolean> {
  const sync = timedSync(timeoutMs, { syncs: 0 });
  try {
    await run(async (context) => {
      const sheets = started.sheets.map((name) =>
        context.workbook.worksheets.getItemOrNullObject(name).load('name'),
      );
      const setting = context.workbook.settings.getItemOrNullObject(OUTPUTS_SETTING);
      setting.load('key');
      await sync(context);
      for (const ws of sheets) if (!ws.isNullObject) ws.delete();
      if (started.record) context.workbook.settings.add(OUTPUTS_SETTING, started.record);
      else if (!setting.isNullObject) setting.delete();
      await sync(context);
      for (const address of started.regions) {
        const ws = context.workbook.worksheets.getItem(addressSheet(address));
        const rect = rectOf(address);
        ws.getRange(rectAddress(rect)).clear('Contents');
        const width = rect.c1 - rect.c0 + 1;
        let step = Math.max(1, Math.floor(REQUEST_BUDGET / (12 * width)));
        for (let r0 = rect.r0; r0 <= rect.r1;) {
          const r1 = Math.min(rect.r1, r0 + step - 1);
          const general = Array.from({ length: r1 - r0 + 1 }, () => Array<string>(width).fill('General'));
          ws.getRange(rectAddress({ r0, c0: rect.c0, r1, c1: rect.c1 })).numberFormat = general;
          try {
            await sync(context);
          } catch (e) {
            // The host that refused the run's requests may refuse these too: smaller, down to one row.
            if (!isPayloadError(e) || step === 1) throw e;
            step = Math.max(1, step >> 1);
            continue;
          }
          r0 = r1 + 1;
        }
      }
      await sync(context);
    });
    return true;
  } catch {
    return false;
  }
}

/** The error a failed write reports: what happened, and that the partial output was removed (or not). */
function writeFailure(e: unknown, started: Started | null, cleaned: boolean): unknown {
  if (started && !cleaned)
    return new EngineError('write_cleanup_failed', {
      sheets: started.sheets.join(', '),
      columns: started.regions.join(', ') || '-',
    });
  if (e instanceof CancelledError) return started ? new EngineError('write_cancelled') : e;
  if (e instanceof EngineError) {
    if (started && e.code === 'sync_timeout') return new EngineError('write_timeout', e.params);
    return e;
  }
  const code = (e as { code?: unknown } | null)?.code;
  return new EngineError('write_failed', { code: typeof code === 'string' && code ? code : String(e) });
}

/** Writes an analysis into the workbook and reports what was written. */
export async function writeAnalysis(
  run: ExcelRunner,
  result: AnalysisResult,
  opts: WriteOptions,
): Promise<WriteReport> {
  let started: Started | null = null;
  try {
    return await writeOnce(run, result, opts, (s) => (started = s));
  } catch (e) {
    const s = started as Started | null;
    const cleaned = s ? await takeBack(run, s, opts.syncTimeoutMs ?? DEFAULT_SYNC_TIMEOUT_MS) : true;
    throw writeFailure(e, s, cleaned);
  }
}

async function writeOnce(
  run: ExcelRunner,
  result: AnalysisResult,
  opts: WriteOptions,
  onStart: (started: Started) => void,
): Promise<WriteReport> {
  const supports = requirementChecker(opts.isSetSupported);
  if (!supports('1.4')) throw new EngineError('excel_api_too_old');
  const counter = { syncs: 0 };
  const sync = timedSync(opts.syncTimeoutMs ?? DEFAULT_SYNC_TIMEOUT_MS, counter, opts.signal);
  const report: WriteReport = { sheets: [], tables: [], charts: 0, pivot: false, notices: [], syncs: 0 };
  const progress = (f: number) => opts.onProgress?.(Math.min(1, f));

  await run(async (context) => {
    // Earlier outputs.
    const setting = context.workbook.settings.getItemOrNullObject(OUTPUTS_SETTING);
    setting.load('value');
    await sync(context);
    let record = setting.isNullObject ? null : parseRecord(setting.value);
    if (record && opts.replacePrevious) record = await removePrevious(context, sync, record, report);
    const newRecord = record ?? emptyRecord();

    // What the plan depends on.
    const sheets = context.workbook.worksheets.load('items/name');
    const tables = context.workbook.tables.load('items/name');
    await sync(context);
    const beside = besideRegion(result, opts);
    const orderRegion = orderSegmentRegion(result, opts);
    const besideFree =
      beside !== null && opts.placement !== 'new-sheet' && (await regionEmpty(context, sync, beside));
    const orderFree = orderRegion !== null && (await regionEmpty(context, sync, orderRegion));
    const layout = planLayout(result, opts, {
      sheetNames: sheets.items.map((s) => s.name),
      tableNames: [...tables.items.map((t) => t.name), ...newRecord.tables],
      besideFree,
      orderSegmentFree: orderFree,
      pivot: supports('1.8'),
      charts: true,
      comboCharts: supports('1.8'),
      seriesValues: supports('1.7'),
      conditionalFormats: supports('1.6'),
    });
    report.notices.push(...layout.notices);
    if (opts.charts !== false && !supports('1.8'))
      report.notices.push({
        key: 'ui.notice.feature_unsupported',
        params: { version: '1.8', feature: t('ui.feature.pareto_chart', opts.lang) },
      });

    // Re-read every target cell in the user's sheets right before writing: never overwrite.
    for (const address of layout.mustBeEmpty)
      if (!(await regionEmpty(context, sync, address)))
        throw new EngineError('target_not_empty', { address });

    // From here on a failure takes back what this run wrote (see takeBack).
    const besidePlan = layout.blocks.find((b) => b.id === 'beside');
    const regions: string[] = [];
    if (besidePlan)
      regions.push(
        qualified(besidePlan.sheet, {
          r0: besidePlan.row,
          c0: besidePlan.col,
          r1: besidePlan.row + besidePlan.rows,
          c1: besidePlan.col + besidePlan.columns.length - 1,
        }),
      );
    const seg = layout.orderSegment;
    if (seg)
      regions.push(qualified(seg.sheet, { r0: seg.headerRow, c0: seg.col, r1: seg.lastRow, c1: seg.col }));
    onStart({
      sheets: [...layout.newSheets],
      regions,
      record:
        setting.isNullObject && !record ? null : (JSON.parse(JSON.stringify(newRecord)) as OutputRecord),
    });

    for (const name of layout.newSheets) context.workbook.worksheets.add(name);
    await sync(context);

    // Values and number formats, chunked.
    const totalRows =
      layout.blocks.reduce((s, b) => s + b.rows + 1, 0) +
      (layout.orderSegment ? layout.orderSegment.lastRow - layout.orderSegment.firstRow + 1 : 0);
    let done = 0;
    const batcher = new Batcher(context, sync, supports('1.6'));
    for (const block of layout.blocks)
      await writeBlock(context, batcher, block, (n) => {
        done += n;
        progress((0.8 * done) / Math.max(1, totalRows));
      });
    const orderRect = await writeOrderSegment(context, sync, batcher, layout);
    await batcher.flush();
    progress(0.8);

    // Tables, widths, frozen header. Autofit fits a column to the block just fitted and the summary's blocks share
    // columns, so each fit is read back and the widest per column set once at the end (capped for long texts).
    const fits: { sheet: string; col: number; format: Excel.RangeFormat }[] = [];
    for (const block of layout.blocks) {
      const ws = context.workbook.worksheets.getItem(block.sheet);
      const rect = {
        r0: block.row,
        c0: block.col,
        r1: block.row + block.rows,
        c1: block.col + block.columns.length - 1,
      };
      if (block.table && block.rows > 0) {
        const table = ws.tables.add(rectAddress(rect), true);
        table.name = block.table;
        table.style = 'TableStyleMedium2';
        report.tables.push(block.table);
      }
      if (block.header && block.rows > 0) {
        ws.getRange(rectAddress(rect)).format.autofitColumns();
        for (let c = rect.c0; c <= rect.c1; c++) {
          const format = ws.getRange(rectAddress({ r0: rect.r0, c0: c, r1: rect.r0, c1: c })).format;
          fits.push({ sheet: block.sheet, col: c, format: format.load('columnWidth') });
        }
      }
    }
    for (const sheet of layout.newSheets) {
      const customers = layout.blocks.find((b) => b.id === 'customers' && b.sheet === sheet);
      if (customers && supports('1.7')) context.workbook.worksheets.getItem(sheet).freezePanes.freezeRows(1);
    }
    if (orderRect)
      context.workbook.worksheets
        .getItem(layout.orderSegment!.sheet)
        .getRange(rectAddress(orderRect))
        .format.autofitColumns();
    await sync(context);
    const widths = new Map<string, { sheet: string; col: number; points: number }>();
    for (const f of fits) {
      const key = `${f.sheet}\u0000${f.col}`;
      const w = widths.get(key);
      if (!w || f.format.columnWidth > w.points)
        widths.set(key, { sheet: f.sheet, col: f.col, points: f.format.columnWidth });
    }
    for (const w of widths.values())
      context.workbook.worksheets
        .getItem(w.sheet)
        .getRange(rectAddress({ r0: 0, c0: w.col, r1: 0, c1: w.col })).format.columnWidth = Math.min(
        MAX_COLUMN_POINTS,
        w.points,
      );

    // Conditional formats.
    const colorBlocks = layout.blocks.filter((b) => b.colorScales && b.rows > 0);
    if (colorBlocks.length > 0 && !supports('1.6'))
      report.notices.push({
        key: 'ui.notice.feature_unsupported',
        params: { version: '1.6', feature: t('ui.feature.colour_scale', opts.lang) },
      });
    else {
      for (const b of colorBlocks)
        for (const group of b.colorScales ?? []) {
          if (group.length === 0) continue;
          const ws = context.workbook.worksheets.getItem(b.sheet);
          const range = ws.getRange(
            rectAddress({
              r0: b.row + 1,
              c0: b.col + Math.min(...group),
              r1: b.row + b.rows,
              c1: b.col + Math.max(...group),
            }),
          );
          const cf = range.conditionalFormats.add('ColorScale');
          cf.colorScale.criteria = {
            minimum: { type: 'LowestValue', color: '#F8F8F8' },
            maximum: { type: 'HighestValue', color: '#5A8AC6' },
          };
        }
      await sync(context);
    }

    // Charts.
    for (const spec of opts.charts === false ? [] : layout.charts) {
      const ws = context.workbook.worksheets.getItem(spec.sheet);
      const chart = ws.charts.add(spec.type, ws.getRange(spec.source), 'Columns');
      chart.title.text = spec.title;
      if (spec.values) chart.series.getItemAt(0).setValues(ws.getRange(spec.values));
      if (spec.categories) {
        chart.series.getItemAt(0).setXAxisValues(ws.getRange(spec.categories));
        if (spec.lineSeries !== undefined)
          chart.series.getItemAt(spec.lineSeries).setXAxisValues(ws.getRange(spec.categories));
      }
      if (spec.lineSeries !== undefined) {
        const line = chart.series.getItemAt(spec.lineSeries);
        line.chartType = 'Line';
        line.axisGroup = 'Secondary';
      }
      chart.setPosition(spec.at, spec.to);
      report.charts++;
    }
    if (layout.charts.length > 0) await sync(context);

    // PivotTable: fields added one sync apart (script-lab#884), summarizeBy set explicitly (office-js#2348).
    if (layout.pivot) {
      const p = layout.pivot;
      const pivot = context.workbook.pivotTables.add(p.name, p.source, p.destination);
      for (const f of p.rows) pivot.rowHierarchies.add(pivot.hierarchies.getItem(f));
      for (const f of p.columns) pivot.columnHierarchies.add(pivot.hierarchies.getItem(f));
      await sync(context);
      for (const d of p.data) {
        const dh = pivot.dataHierarchies.add(pivot.hierarchies.getItem(d.field));
        await sync(context);
        dh.summarizeBy = d.summarizeBy as Excel.AggregationFunction;
        dh.name = d.name;
        await sync(context);
      }
      report.pivot = true;
      report.tables.push(p.name);
    }

    // Record what we wrote, with the used range we left on each new sheet.
    const created = layout.newSheets.map((name) => {
      const ws = context.workbook.worksheets.getItem(name);
      ws.load('id');
      const used = ws.getUsedRangeOrNullObject(false);
      used.load('address');
      return { name, ws, used };
    });
    const sourceSheet = context.workbook.worksheets.getItem(opts.source.sheet);
    sourceSheet.load('id');
    await sync(context);
    for (const c of created)
      newRecord.sheets.push({
        id: c.ws.id,
        name: c.name,
        used: c.used.isNullObject ? '' : localAddress(c.used.address),
      });
    const besideBlock = layout.blocks.find((b) => b.id === 'beside');
    if (besideBlock)
      newRecord.beside.push({
        sheetId: sourceSheet.id,
        address: qualified(opts.source.sheet, {
          r0: besideBlock.row,
          c0: besideBlock.col,
          r1: besideBlock.row + besideBlock.rows,
          c1: besideBlock.col + besideBlock.columns.length - 1,
        }),
        headers: besideBlock.columns.map((c) => c.header),
      });
    if (orderRect && layout.orderSegment)
      newRecord.beside.push({
        sheetId: sourceSheet.id,
        address: qualified(opts.source.sheet, orderRect),
        headers: [layout.orderSegment.header],
      });
    newRecord.tables.push(...report.tables);
    context.workbook.settings.add(OUTPUTS_SETTING, newRecord);
    context.workbook.worksheets.getItem(layout.activate).activate();
    await sync(context);
    report.sheets = [...layout.newSheets];
    if (besideBlock || orderRect) report.sheets.unshift(opts.source.sheet);
  });
  report.syncs = counter.syncs;
  progress(1);
  return report;
}
