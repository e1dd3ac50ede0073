/**
 * Where every output goes, decided without touching Excel: sheets, blocks of cells, Excel Tables with valid
 * unique names, number formats, the cells that must be empty, charts and the PivotTable. write.ts applies it.
 */
import { hasText, segmentName, segmentText, t } from '../i18n';
import { isoFromSerial } from '../engine/dates';
import { cellText } from '../engine/ingest/header';
import { ISSUE_REASONS, isSkippedRow } from '../engine/issues';
import type {
  AnalysisResult,
  IssueTable,
  Lang,
  MethodId,
  MethodResult,
  ReportTable,
  ValueFormat,
} from '../engine/types';
import { parseAddress, qualified, rectAddress, type Rect } from '../sim/address';
import { sheetNameProblem, tableNameProblem } from '../sim/names';
import type { WriteOptions } from './api';

export type OutValue = string | number | null;

/** One output column: header, Excel number format and a value per data row. */
export interface OutColumn {
  header: string;
  kind: ValueFormat;
  numberFormat: string;
  value(row: number): OutValue;
}

/** A rectangle of output: a header row and `rows` data rows, optionally an Excel Table. */
export interface Block {
  id: string;
  sheet: string;
  /** 0-based sheet row and column of the header. */
  row: number;
  col: number;
  columns: OutColumn[];
  rows: number;
  /** Excel Table name (none for title lines). */
  table?: string;
  /** A title written as plain text in the row above the header. */
  title?: string;
  /** Column offsets (within the block) that get a colour scale, in groups. */
  colorScales?: number[][];
  /** Whether the header row is written (false for a title-only line). */
  header: boolean;
}

export interface ChartSpec {
  kind: 'sizes' | 'revenue' | 'pareto' | 'clusters';
  type: 'BarClustered' | 'Doughnut' | 'ColumnClustered' | 'XYScatter';
  sheet: string;
  title: string;
  /** Sheet-local address of the categories column + first series. */
  source: string;
  /** Values to use instead of the first series (doughnut: revenue), sheet-local address. */
  values?: string;
  /** Category labels when the source has no text first column, sheet-local address. */
  categories?: string;
  /** Index of a series drawn as a line on the secondary axis (Pareto cumulative share). */
  lineSeries?: number;
  /** Top-left cell where the chart is placed and bottom-right cell. */
  at: string;
  to: string;
}

export interface PivotSpec {
  name: string;
  sheet: string;
  /** Sheet-qualified source (the customer table). */
  source: string;
  destination: string;
  rows: string[];
  columns: string[];
  data: { field: string; name: string; summarizeBy: 'Sum' | 'Count' }[];
}

/** A segment column beside the order lines: filled by looking up each line's customer id (lineSegment). */
export interface OrderSegmentSpec {
  sheet: string;
  /** 0-based header row, first/last data row and the output column. */
  headerRow: number;
  firstRow: number;
  lastRow: number;
  col: number;
  /** 0-based sheet column holding the customer id. */
  idCol: number;
  header: string;
  /** Customer id (as the engine normalises it) → segment name. */
  segmentById: Map<string, string>;
  /** 0-based sheet rows the engine skipped (data issues): their cell stays empty. */
  skippedRows: Set<number>;
}

/** The 0-based sheet rows of the issues that mean a row was not used. */
function skippedSheetRows(issues: IssueTable): Set<number> {
  const skipped = ISSUE_REASONS.map(isSkippedRow);
  const out = new Set<number>();
  for (let i = 0; i < issues.length; i++) if (skipped[issues.reason[i]]) out.add(issues.row[i] - 1);
  return out;
}

/**
 * The segment text of one order line, from its 0-based sheet row and its customer-id cell as read back: empty
 * for rows the engine skipped and for ids it does not know. The id is normalised exactly as the engine's
 * ingest does (cellText: trimmed text, numbers and booleans as text), so 1001 and " 1001 " find customer "1001".
 */
export function lineSegment(spec: OrderSegmentSpec, sheetRow: number, idCell: unknown): string {
  if (spec.skippedRows.has(sheetRow)) return '';
  if (idCell !== null && idCell !== undefined && typeof idCell === 'object') return '';
  const id = cellText(idCell as string | number | boolean | null | undefined);
  return id === '' ? '' : (spec.segmentById.get(id) ?? '');
}

export interface Layout {
  /** Sheets to create, in order. */
  newSheets: string[];
  blocks: Block[];
  orderSegment: OrderSegmentSpec | null;
  /** Sheet-qualified addresses in existing sheets that must be empty before writing. */
  mustBeEmpty: string[];
  charts: ChartSpec[];
  pivot: PivotSpec | null;
  /** The sheet a user should see first (activated at the end). */
  activate: string;
  notices: { key: string; params?: Record<string, string | number> }[];
}

/** What write.ts has learnt about the workbook before planning. */
export interface WorkbookFacts {
  sheetNames: string[];
  /** Names of tables and PivotTables (one namespace for our purposes). */
  tableNames: string[];
  /** Whether the cells of besideRegion() are all empty. */
  besideFree: boolean;
  /** Whether the cells right of the order lines (orderSegmentRegion()) are empty. */
  orderSegmentFree: boolean;
  pivot: boolean;
  charts: boolean;
  /** Charts with a line series on a secondary axis (ExcelApi 1.8) and series.setValues (1.7). */
  comboCharts: boolean;
  seriesValues: boolean;
  conditionalFormats: boolean;
}

/** Excel number format of a value format. */
export function numberFormatOf(kind: ValueFormat): string {
  switch (kind) {
    case 'integer':
      return '#,##0';
    case 'decimal':
      return '#,##0.00';
    case 'currency':
      return '#,##0.00';
    case 'percent':
      return '0.0%';
    case 'date':
      return 'yyyy-mm-dd';
    case 'score':
      return '0';
    case 'text':
      return 'General';
  }
}

/** Label of a key in a language: table-specific text, then ours, then the key itself. */
function label(key: string, lang: Lang, tableId?: string): string {
  if (tableId && hasText(`table.${tableId}.${key}`)) return t(`table.${tableId}.${key}`, lang);
  if (hasText(`column.${key}`)) return t(`column.${key}`, lang);
  if (hasText(`ui.col.${key}`)) return t(`ui.col.${key}`, lang);
  return key;
}

function methodName(id: string, lang: Lang): string {
  if (hasText(`method.${id}.name`)) return t(`method.${id}.name`, lang);
  return hasText(`ui.method.${id}`) ? t(`ui.method.${id}`, lang) : id;
}

function numeric(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

function column(header: string, kind: ValueFormat, value: (row: number) => OutValue): OutColumn {
  return { header, kind, numberFormat: numberFormatOf(kind), value };
}

/**
 * The method whose segments label customers in the beside column, the charts and the PivotTable: the first
 * segmenting method in the engine's registry order (the R×F map when it ran).
 */
export function primaryMethod(result: AnalysisResult): MethodResult | null {
  return result.methods.find((m) => m.segmentColumn) ?? null;
}

/** Sheet rectangle of the analysed block (0-based). */
export function sourceRect(opts: WriteOptions): Rect {
  const p = parseAddress(opts.source.address);
  if (!p) throw new Error(`bad source address ${opts.source.address}`);
  return p;
}

/** Per-customer method columns (segment ids as names). */
function methodColumns(result: AnalysisResult, lang: Lang, map: (row: number) => number): OutColumn[] {
  const out: OutColumn[] = [];
  for (const m of result.methods) {
    for (const c of m.columns) {
      const values = c.values;
      const seg = c.segmentOf;
      out.push(
        column(label(c.key, lang), c.format, (row) => {
          const i = map(row);
          if (i < 0) return null;
          if (values instanceof Float64Array) return numeric(values[i]);
          const v = values[i];
          if (v === null || v === undefined) return null;
          return seg ? segmentName(seg, v, lang) : v;
        }),
      );
    }
  }
  return out;
}

/** The cells right of the analysed block that per-customer columns would use (customer-level lists). */
export function besideRegion(result: AnalysisResult, opts: WriteOptions): string | null {
  if (result.input.kind !== 'customers') return null;
  const src = sourceRect(opts);
  const n = result.methods.reduce((s, m) => s + m.columns.length, 0);
  if (n === 0) return null;
  const headerRow = result.input.headerRow - 1;
  return qualified(opts.source.sheet, { r0: headerRow, r1: src.r1, c0: src.c1 + 1, c1: src.c1 + n });
}

/** The column right of the order lines for a segment per line (order-line lists). */
export function orderSegmentRegion(result: AnalysisResult, opts: WriteOptions): string | null {
  if (result.input.kind !== 'transactions' || !primaryMethod(result)) return null;
  if (!result.roles.some((r) => r.role === 'customer_id')) return null;
  const src = sourceRect(opts);
  return qualified(opts.source.sheet, {
    r0: result.input.headerRow - 1,
    r1: src.r1,
    c0: src.c1 + 1,
    c1: src.c1 + 1,
  });
}

/** Makes unique valid names, case-insensitively, against names already taken. */
class Namer {
  private readonly taken: Set<string>;
  constructor(names: string[]) {
    this.taken = new Set(names.map((n) => n.toLowerCase()));
  }
  sheet(base: string): string {
    let name = base.slice(0, 31);
    if (sheetNameProblem(name)) name = 'Segments';
    for (let i = 2; this.taken.has(name.toLowerCase()); i++) {
      const suffix = ` (${i})`;
      name = base.slice(0, 31 - suffix.length) + suffix;
    }
    this.taken.add(name.toLowerCase());
    return name;
  }
  table(base: string): string {
    let name = base.replace(/[^\p{L}\p{N}_.\\]/gu, '_').slice(0, 200);
    if (tableNameProblem(name)) name = `_${name}`;
    if (tableNameProblem(name)) name = 'Segments';
    let candidate = name;
    for (let i = 2; this.taken.has(candidate.toLowerCase()) || tableNameProblem(candidate); i++)
      candidate = `${name}_${i}`;
    this.taken.add(candidate.toLowerCase());
    return candidate;
  }
}

function customerColumns(result: AnalysisResult, lang: Lang): OutColumn[] {
  const f = result.facts;
  const id = (i: number) => i;
  const cols: OutColumn[] = [column(label('customer_id', lang), 'text', (i) => f.ids[id(i)])];
  if (f.names) {
    const names = f.names;
    cols.push(column(label('customer_name', lang), 'text', (i) => names[i] || null));
  }
  const num = (key: string, kind: ValueFormat, arr: Float64Array) =>
    cols.push(column(label(key, lang), kind, (i) => numeric(arr[i])));
  num('recency', 'integer', f.recency);
  num('frequency', 'integer', f.frequency);
  num('monetary', 'currency', f.monetary);
  if (result.input.kind === 'transactions') {
    num('orders', 'integer', f.orders);
    num('first_purchase', 'date', f.firstPurchase);
    num('last_purchase', 'date', f.lastPurchase);
    num('aov', 'currency', f.aov);
  }
  if (f.profit) num('profit', 'currency', f.profit);
  for (const key of ['region', 'category', 'channel'] as const) {
    const cat = f[key];
    if (cat)
      cols.push(
        column(label(key, lang), 'text', (i) => (cat.codes[i] >= 0 ? cat.labels[cat.codes[i]] : null)),
      );
  }
  return [...cols, ...methodColumns(result, lang, id)];
}

/** The method whose segment ids a report table's text column holds, if any. */
function segmentMethodOf(tableId: string, key: string): MethodId | null {
  if (key === 'segment' || key === 'rfm_segment') return 'rfm_segments';
  if (key === 'value_tier') return 'value_tiers';
  if (key === 'rfm_class8') return 'rfm_class8';
  if (key === 'fm_quadrant') return 'fm_quadrants';
  if (key === 'cluster_name' || (tableId === 'cluster_profiles' && key === 'name')) return 'kmeans';
  if (key === 'adopter_type' || (tableId.startsWith('adopter') && key === 'type')) return 'adopter';
  return null;
}

/** Text columns of report tables whose cells are ids with texts (value.<id>): dimensions, bases, model names. */
const ID_VALUE_COLUMNS = new Set(['dimension', 'basis', 'model', 'parameter']);

/** Renders a report table's cell: segment ids become segment names, known ids their text. */
function reportColumns(table: ReportTable, lang: Lang): OutColumn[] {
  return table.columns.map((c, j) => {
    const method = segmentMethodOf(table.id, c.key);
    return column(label(c.key, lang, table.id), c.format, (i) => {
      const v = table.rows[i]?.[j];
      if (v === null || v === undefined) return null;
      if (typeof v === 'number') return numeric(v);
      if (method) return v === '' ? null : segmentName(method, v, lang);
      if (ID_VALUE_COLUMNS.has(c.key) && hasText(`value.${v}`)) return t(`value.${v}`, lang);
      return v;
    });
  });
}

/** Most customers drawn in the cluster scatter chart (a chart of more points is slow and unreadable). */
export const MAX_SCATTER_POINTS = 2000;
/** Customers kept per cluster however small its share, so every cluster shows. */
const MIN_SCATTER_PER_CLUSTER = 50;

/**
 * A deterministic sample of clustered customers for the scatter chart, grouped by cluster: all of them up to
 * MAX_SCATTER_POINTS, else evenly spaced members of each cluster in proportion to its size (at least
 * MIN_SCATTER_PER_CLUSTER each).
 */
export function scatterSample(labels: Float64Array, k: number, max = MAX_SCATTER_POINTS): number[][] {
  const members: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < labels.length; i++) {
    const j = labels[i];
    if (Number.isInteger(j) && j >= 0 && j < k) members[j].push(i);
  }
  const total = members.reduce((s, m) => s + m.length, 0);
  if (total <= max) return members;
  return members.map((m) => {
    const quota = Math.min(m.length, Math.max(MIN_SCATTER_PER_CLUSTER, Math.floor((m.length * max) / total)));
    return Array.from({ length: quota }, (_, q) => m[Math.floor((q * m.length) / quota)]);
  });
}

/** Makes header texts unique within a table (Excel renames duplicate headers itself, breaking series names). */
function uniqueHeaders(headers: string[]): string[] {
  const seen = new Set<string>();
  return headers.map((h) => {
    let name = h;
    for (let i = 2; seen.has(name.toLowerCase()); i++) name = `${h} (${i})`;
    seen.add(name.toLowerCase());
    return name;
  });
}

/**
 * The chart data of the cluster scatter chart: customer id, cluster name, ln(1 + recency days), then one column
 * of ln(1 + monetary) per cluster holding only that cluster's customers, so that a scatter chart over the x
 * column and the cluster columns has one series per cluster named after it (blank cells are not plotted).
 */
function clusterScatterColumns(
  result: AnalysisResult,
  kmeans: MethodResult,
  lang: Lang,
): { columns: OutColumn[]; rows: number; total: number } | null {
  const labels = kmeans.columns.find((c) => c.key === 'cluster')?.values;
  const ids = kmeans.segmentIds;
  if (!(labels instanceof Float64Array) || !ids || ids.length === 0) return null;
  const groups = scatterSample(labels, ids.length);
  const order: { i: number; j: number }[] = groups.flatMap((m, j) => m.map((i) => ({ i, j })));
  if (order.length === 0) return null;
  const f = result.facts;
  const log1p = (v: number) => (Number.isFinite(v) ? Math.log1p(Math.max(0, v)) : null);
  const names = ids.map((id) => segmentName('kmeans', id, lang));
  const base = [label('customer_id', lang), label('cluster_name', lang), label('log_recency', lang)];
  const headers = uniqueHeaders([...base, ...names]);
  const columns: OutColumn[] = [
    column(headers[0], 'text', (r) => f.ids[order[r].i]),
    column(headers[1], 'text', (r) => names[order[r].j]),
    column(headers[2], 'decimal', (r) => log1p(f.recency[order[r].i])),
    ...names.map((_, j) =>
      column(headers[3 + j], 'decimal', (r) => (order[r].j === j ? log1p(f.monetary[order[r].i]) : null)),
    ),
  ];
  const total = labels.reduce((n, v) => (Number.isInteger(v) ? n + 1 : n), 0);
  return { columns, rows: order.length, total };
}

/** Plans every output of a run. */
export function planLayout(result: AnalysisResult, opts: WriteOptions, wb: WorkbookFacts): Layout {
  const lang = opts.lang;
  const names = new Namer([...wb.sheetNames]);
  const tables = new Namer([...wb.tableNames]);
  const layout: Layout = {
    newSheets: [],
    blocks: [],
    orderSegment: null,
    mustBeEmpty: [],
    charts: [],
    pivot: null,
    activate: '',
    notices: [],
  };
  const f = result.facts;
  const primary = primaryMethod(result);

  // Per-customer output: beside a customer-level list when free, else a customer sheet.
  const beside = besideRegion(result, opts);
  let customerSheet: string | null = null;
  let customerTable: string | null = null;
  let customerBlock: Block | null = null;
  if (beside && wb.besideFree && opts.placement !== 'new-sheet') {
    const src = sourceRect(opts);
    const headerRow = result.input.headerRow - 1;
    const byRow = new Int32Array(src.r1 - headerRow).fill(-1);
    for (let i = 0; i < f.n; i++) {
      const k = f.firstRow[i] - 1 - (headerRow + 1);
      if (k >= 0 && k < byRow.length) byRow[k] = i;
    }
    layout.blocks.push({
      id: 'beside',
      sheet: opts.source.sheet,
      row: headerRow,
      col: src.c1 + 1,
      columns: methodColumns(result, lang, (row) => byRow[row]),
      rows: byRow.length,
      header: true,
    });
    layout.mustBeEmpty.push(beside);
  } else {
    if (beside && !wb.besideFree && opts.placement !== 'new-sheet')
      layout.notices.push({ key: 'ui.notice.beside_not_free', params: { sheet: '' } });
    customerSheet = names.sheet(t('ui.sheet.customers', lang));
    layout.newSheets.push(customerSheet);
    customerTable = tables.table(t('ui.tablename.customers', lang));
    customerBlock = {
      id: 'customers',
      sheet: customerSheet,
      row: 0,
      col: 0,
      columns: customerColumns(result, lang),
      rows: f.n,
      table: customerTable,
      header: true,
    };
    layout.blocks.push(customerBlock);
    const notice = layout.notices.find((n) => n.key === 'ui.notice.beside_not_free');
    if (notice) notice.params = { sheet: customerSheet };
  }

  // A segment per order line, beside the order lines, when those cells are free.
  const orderRegion = orderSegmentRegion(result, opts);
  if (orderRegion && primary?.segmentColumn) {
    if (wb.orderSegmentFree) {
      const src = sourceRect(opts);
      const idRole = result.roles.find((r) => r.role === 'customer_id');
      const segCol = primary.columns.find((c) => c.key === primary.segmentColumn);
      const segmentById = new Map<string, string>();
      if (segCol && !(segCol.values instanceof Float64Array)) {
        const vals = segCol.values;
        for (let i = 0; i < f.n; i++) {
          const v = vals[i];
          if (v) segmentById.set(f.ids[i], segmentName(primary.id, v, lang));
        }
      }
      if (idRole) {
        layout.orderSegment = {
          sheet: opts.source.sheet,
          headerRow: result.input.headerRow - 1,
          firstRow: result.input.headerRow,
          lastRow: src.r1,
          col: src.c1 + 1,
          idCol: src.c0 + idRole.column,
          header: t('ui.col.segment_beside', lang, { method: methodName(primary.id, lang) }),
          segmentById,
          skippedRows: skippedSheetRows(result.issues),
        };
        layout.mustBeEmpty.push(orderRegion);
      }
    } else layout.notices.push({ key: 'ui.notice.order_segment_not_free' });
  }

  // Summary sheet: title, segment tables, method report tables, contributions, data issues.
  if (opts.summary !== false) {
    const sheet = names.sheet(t('ui.sheet.summary', lang));
    layout.newSheets.push(sheet);
    let row = 0;
    let widest = 1;
    const title = (text: string) => {
      layout.blocks.push({
        id: `title_${row}`,
        sheet,
        row,
        col: 0,
        columns: [column(text, 'text', () => null)],
        rows: 0,
        header: true,
      });
      row += 1;
    };
    const add = (block: Omit<Block, 'sheet' | 'row' | 'col' | 'header'>, heading: string) => {
      title(heading);
      const b: Block = { ...block, sheet, row, col: 0, header: true };
      layout.blocks.push(b);
      widest = Math.max(widest, b.columns.length);
      row += b.rows + 1 + 1;
      return b;
    };
    title(t('ui.summary.title', lang, { asOf: result.asOf, customers: f.n, rows: result.input.rows }));
    row += 1;
    let primaryBlock: Block | null = null;
    for (const m of result.methods) {
      const segs = result.segments.filter((s) => s.method === m.id);
      if (!m.segmentColumn || segs.length === 0) continue;
      const order = m.segmentIds ?? segs.map((s) => s.id);
      const list = order.map((id) => segs.find((s) => s.id === id)).filter((s) => s !== undefined);
      const hasClv = list.some((s) => Number.isFinite(s.meanClv));
      const cols: OutColumn[] = [
        column(label('segment', lang), 'text', (i) => segmentName(m.id, list[i].id, lang)),
        column(label('customers', lang), 'integer', (i) => list[i].customers),
        column(label('customer_share', lang), 'percent', (i) => numeric(list[i].customerShare)),
        column(label('revenue', lang), 'currency', (i) => numeric(list[i].revenue)),
        column(label('revenue_share', lang), 'percent', (i) => numeric(list[i].revenueShare)),
        column(label('mean_recency', lang), 'decimal', (i) => numeric(list[i].meanRecency)),
        column(label('mean_frequency', lang), 'decimal', (i) => numeric(list[i].meanFrequency)),
        column(label('mean_monetary', lang), 'currency', (i) => numeric(list[i].meanMonetary)),
      ];
      if (hasClv) cols.push(column(label('mean_clv', lang), 'currency', (i) => numeric(list[i].meanClv)));
      cols.push(
        column(label('action', lang), 'text', (i) => segmentText(m.id, list[i].id)?.action[lang] ?? null),
      );
      const b = add(
        {
          id: `segments_${m.id}`,
          columns: cols,
          rows: list.length,
          table: tables.table(t('ui.tablename.segments', lang, { id: m.id })),
        },
        t('ui.summary.segments', lang, { method: methodName(m.id, lang) }),
      );
      if (m === primary) primaryBlock = b;
    }
    let paretoBlock: Block | null = null;
    let paretoTable: ReportTable | null = null;
    let hasContributionsTable = false;
    for (const m of result.methods) {
      for (const table of m.tables) {
        if (table.id === 'contributions') hasContributionsTable = true;
        const b = add(
          {
            id: `report_${table.id}`,
            columns: reportColumns(table, lang),
            rows: table.rows.length,
            table: tables.table(t('ui.tablename.report', lang, { id: table.id })),
            colorScales:
              table.id === 'rf_grid'
                ? [
                    table.columns
                      .map((c, j) => (c.key.startsWith('customers_') ? j : -1))
                      .filter((j) => j >= 0),
                    table.columns
                      .map((c, j) => (c.key.startsWith('revenue_') ? j : -1))
                      .filter((j) => j >= 0),
                  ]
                : undefined,
          },
          hasText(`table.${table.id}.title`)
            ? t(`table.${table.id}.title`, lang)
            : `${methodName(m.id, lang)}: ${table.id}`,
        );
        if (table.id === 'pareto') {
          paretoBlock = b;
          paretoTable = table;
        }
      }
    }
    if (!hasContributionsTable && result.contributions.length > 0) {
      const rows = result.contributions;
      add(
        {
          id: 'contributions',
          rows: rows.length,
          table: tables.table(t('ui.tablename.contributions', lang)),
          columns: [
            column(label('dimension', lang), 'text', (i) => label(rows[i].dimension, lang)),
            column(label('member', lang), 'text', (i) => rows[i].member),
            column(label('segment', lang), 'text', (i) =>
              rows[i].segment ? segmentName('rfm_segments', rows[i].segment, lang) : null,
            ),
            column(label('revenue', lang), 'currency', (i) => numeric(rows[i].revenue)),
            column(label('profit', lang), 'currency', (i) => numeric(rows[i].profit)),
            column(label('customers', lang), 'integer', (i) => rows[i].customers),
            column(label('orders', lang), 'integer', (i) => rows[i].orders),
            column(label('revenue_share', lang), 'percent', (i) => numeric(rows[i].revenueShare)),
            column(label('cumulative_share', lang), 'percent', (i) => numeric(rows[i].cumulativeShare)),
          ],
        },
        t('ui.summary.contributions', lang),
      );
    }
    if (result.issues.length > 0) {
      const issues = result.issues;
      const text = (k: number): string | null => (k >= 0 ? issues.texts[k] : null);
      // Each reason's label once (a sheet may have 100k issues of one reason).
      const reasonLabel = ISSUE_REASONS.map((r) =>
        hasText(`issue.${r}`) ? t(`issue.${r}`, lang) : t(`ui.issue.${r}`, lang),
      );
      add(
        {
          id: 'issues',
          rows: issues.length,
          table: tables.table(t('ui.tablename.issues', lang)),
          columns: [
            column(label('row', lang), 'integer', (i) => issues.row[i]),
            column(label('reason', lang), 'text', (i) => reasonLabel[issues.reason[i]]),
            column(label('column', lang), 'text', (i) => text(issues.column[i])),
            column(label('value', lang), 'text', (i) => text(issues.value[i])),
            column(label('customer', lang), 'text', (i) => text(issues.customer[i])),
            column(label('amount', lang), 'currency', (i) => numeric(issues.amount[i])),
          ],
        },
        t('ui.summary.issues', lang),
      );
    }

    // The cluster scatter chart's data, last because it is the longest block.
    const kmeans = result.methods.find((m) => m.id === 'kmeans');
    let scatterBlock: Block | null = null;
    const scatter =
      kmeans && opts.charts !== false && wb.charts ? clusterScatterColumns(result, kmeans, lang) : null;
    if (scatter)
      scatterBlock = add(
        {
          id: 'cluster_scatter',
          columns: scatter.columns,
          rows: scatter.rows,
          table: tables.table(t('ui.tablename.cluster_scatter', lang)),
        },
        t('ui.summary.cluster_scatter', lang, { shown: scatter.rows, total: scatter.total }),
      );

    // Charts to the right of the tables, stacked.
    if (opts.charts !== false && wb.charts) {
      const chartCol = widest + 1;
      let chartRow = 1;
      const place = () => {
        const at = rectAddress({ r0: chartRow, c0: chartCol, r1: chartRow, c1: chartCol });
        const to = rectAddress({ r0: chartRow + 15, c0: chartCol + 7, r1: chartRow + 15, c1: chartCol + 7 });
        chartRow += 17;
        return { at, to };
      };
      const colRange = (b: Block, c0: number, c1: number) =>
        rectAddress({ r0: b.row, c0: b.col + c0, r1: b.row + b.rows, c1: b.col + c1 });
      if (primaryBlock && primaryBlock.rows > 0) {
        layout.charts.push({
          kind: 'sizes',
          type: 'BarClustered',
          sheet,
          title: t('ui.chart.sizes', lang),
          source: colRange(primaryBlock, 0, 1),
          ...place(),
        });
        if (wb.seriesValues)
          layout.charts.push({
            kind: 'revenue',
            type: 'Doughnut',
            sheet,
            title: t('ui.chart.revenue', lang),
            source: colRange(primaryBlock, 0, 1),
            values: rectAddress({
              r0: primaryBlock.row + 1,
              c0: 3,
              r1: primaryBlock.row + primaryBlock.rows,
              c1: 3,
            }),
            ...place(),
          });
      }
      const pb = paretoBlock as Block | null;
      const pt = paretoTable as ReportTable | null;
      if (pb && pt && pb.rows > 0 && wb.comboCharts && wb.seriesValues) {
        const keys = pt.columns.map((c) => c.key);
        const cust = keys.indexOf('customer_share');
        const share = keys.indexOf('bucket_share');
        const cumulative = keys.indexOf('cumulative_share');
        // Columns of value share with the cumulative share as a line, over the customer share.
        if (cust >= 0 && share >= 0 && cumulative === share + 1)
          layout.charts.push({
            kind: 'pareto',
            type: 'ColumnClustered',
            sheet,
            title: t('ui.chart.pareto', lang),
            source: colRange(pb, share, cumulative),
            categories: rectAddress({
              r0: pb.row + 1,
              c0: pb.col + cust,
              r1: pb.row + pb.rows,
              c1: pb.col + cust,
            }),
            lineSeries: 1,
            ...place(),
          });
      }
      // Scatter over the x column and the per-cluster y columns: one series per cluster.
      const sb = scatterBlock as Block | null;
      if (sb && sb.rows > 0)
        layout.charts.push({
          kind: 'clusters',
          type: 'XYScatter',
          sheet,
          title: t('ui.chart.clusters', lang),
          source: colRange(sb, 2, sb.columns.length - 1),
          ...place(),
        });
    }
    layout.activate = sheet;
  }

  // PivotTable on the customer table: segment (× region) with sum of monetary and count of customers.
  if (opts.pivot !== false && customerBlock && customerTable && customerSheet && primary?.segmentColumn) {
    if (wb.pivot) {
      const sheet = names.sheet(t('ui.sheet.pivot', lang));
      layout.newSheets.push(sheet);
      const headers = customerBlock.columns.map((c) => c.header);
      const segHeader = label(primary.columns.find((c) => c.key === primary.segmentColumn)?.key ?? '', lang);
      const region = f.region ? label('region', lang) : null;
      if (!region) layout.notices.push({ key: 'ui.notice.no_region_for_pivot' });
      if (headers.includes(segHeader))
        layout.pivot = {
          name: tables.table(t('ui.pivotname', lang)),
          sheet,
          source: qualified(customerSheet, {
            r0: 0,
            c0: 0,
            r1: customerBlock.rows,
            c1: customerBlock.columns.length - 1,
          }),
          destination: qualified(sheet, { r0: 2, c0: 0, r1: 2, c1: 0 }),
          rows: [segHeader],
          columns: region ? [region] : [],
          data: [
            // A data field may not share its name with a source field: Excel refuses that.
            {
              field: label('monetary', lang),
              name: t('ui.pivot.sum', lang, { field: label('monetary', lang) }),
              summarizeBy: 'Sum',
            },
            {
              field: label('customer_id', lang),
              name: t('ui.pivot.count', lang, { field: label('customers', lang) }),
              summarizeBy: 'Count',
            },
          ],
        };
    } else layout.notices.push({ key: 'ui.notice.pivot_unsupported', params: { version: '1.8' } });
  }
  if (!layout.activate) layout.activate = customerSheet ?? opts.source.sheet;
  return layout;
}

/** Date text of a serial (for messages). */
export const dateText = isoFromSerial;
