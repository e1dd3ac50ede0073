/**
 * The engine's shared data model. Everything here is plain data (arrays, typed arrays, strings) so that
 * it crosses a Web Worker boundary and serialises to JSON without adapters.
 *
 * Conventions:
 * - A "day" is an integer Excel serial day in the 1900 date system (2000-01-01 = 36526). Times of day
 *   are dropped. NaN means "no date".
 * - Sheet rows are 1-based, as Excel shows them.
 * - Per-customer and per-row numbers live in typed arrays indexed by customer / row index.
 */

/** One cell as Excel hands it over: "" (or null/undefined) for an empty cell. */
export type Cell = string | number | boolean | null | undefined;

export type Lang = 'zh' | 'en';

export const ROLES = [
  'customer_id',
  'customer_name',
  'order_id',
  'order_date',
  'amount',
  'quantity',
  'unit_price',
  'profit',
  'region',
  'product',
  'category',
  'channel',
  'recency',
  'frequency',
  'monetary',
  'first_purchase',
  'last_purchase',
] as const;
export type Role = (typeof ROLES)[number];

export type ListKind = 'transactions' | 'customers';

/** What the engine reads: a rectangular block of cells plus where it sits in the sheet. */
export interface SheetInput {
  cells: readonly (readonly Cell[])[];
  /** 1-based sheet row of cells[0] (default 1). */
  firstRow?: number;
  /** 1-based sheet column of cells[i][0] (default 1). */
  firstColumn?: number;
  sheet?: string;
  /** Number formats for the first rows (same layout as cells); used only to recognise date serials. */
  numberFormats?: readonly (readonly string[])[];
}

/**
 * One column of a ColumnarInput: each distinct cell value once, in order of first appearance, and per row
 * the index of its value. `undefined` in values stands for "no cell" (past the end of a short row).
 */
export interface DictColumn {
  codes: Int32Array;
  values: Cell[];
}

/**
 * The same block as SheetInput, stored by column with each distinct value once. Readers build it without
 * a per-cell object (the CSV reader from bytes, the Excel reader chunk by chunk), it crosses into a Web
 * Worker as transferable buffers, and ingest parses each distinct value once.
 */
export interface ColumnarInput {
  /** Number of rows; every column's codes has this length. */
  rows: number;
  columns: DictColumn[];
  firstRow?: number;
  firstColumn?: number;
  sheet?: string;
  numberFormats?: readonly (readonly string[])[];
}

/** What analyze() accepts: a block of cells, or the same block by column. */
export type EngineInput = SheetInput | ColumnarInput;

/** A categorical column: codes index into labels; -1 = missing. */
export interface Categorical {
  codes: Int32Array;
  labels: string[];
}

/** Every reason a row (or a customer) was not used, in the order of their codes in IssueTable.reason. */
export const ISSUE_REASONS = [
  'blank',
  'no_customer_id',
  'bad_date',
  'bad_amount',
  'repeated_header',
  'totals_row',
  'after_as_of',
  'no_purchase',
  'above_header',
  'duplicate_customer',
] as const;

/** Why a row (or a customer) was not used. */
export type IssueReason = (typeof ISSUE_REASONS)[number];

/**
 * One data issue. Row-level reasons (all but `above_header` and `no_purchase`) mean the row was skipped;
 * `above_header` lists title rows above the header; `no_purchase` lists a customer who was not scored.
 */
export interface DataIssue {
  /** 1-based sheet row. */
  row: number;
  reason: IssueReason;
  /** Header text of the offending column, when one column is to blame. */
  column?: string;
  /** The offending value as text (truncated to 80 characters). */
  value?: string;
  /** Customer id, when known. */
  customer?: string;
  /** The row's amount when it could be read (for reconciliation), else 0. */
  amount?: number;
}

/**
 * The data issues by column, one entry per issue: ingest's in row order, then the customers who were not
 * scored. Plain data (typed arrays and one list of texts), so that it moves to the pane without a copy;
 * engine/issues.ts reads it (issueAt, issueList, issueCounts).
 */
export interface IssueTable {
  /** Number of issues. */
  length: number;
  /** 1-based sheet row. */
  row: Int32Array;
  /** Index into ISSUE_REASONS. */
  reason: Uint8Array;
  /** Index into texts of the issue's column header, value and customer id; −1 when it has none. */
  column: Int32Array;
  value: Int32Array;
  customer: Int32Array;
  /** The row's amount (0 when it could not be read); NaN when the issue has no amount. */
  amount: Float64Array;
  /** Each distinct text once. */
  texts: string[];
}

export interface ColumnRole {
  role: Role;
  /** 0-based column index within the input block. */
  column: number;
  /** Header text as written. */
  header: string;
  /** 0..1 */
  confidence: number;
  source: 'header' | 'values' | 'user';
}

/** Order lines, columnar. Only used rows are here. */
export interface Transactions {
  n: number;
  /** 1-based sheet row of each line. */
  row: Int32Array;
  /** Index into customerIds. */
  customer: Int32Array;
  customerIds: string[];
  /** Per customer index: the first non-empty name seen, or "" (null when there is no name column). */
  customerNames: string[] | null;
  /** Serial day of each line (NaN never appears in used rows). */
  day: Float64Array;
  /** Net amount of each line (negative for returns). */
  amount: Float64Array;
  /** Index into orderIds; null when there is no order-id column. */
  order: Int32Array | null;
  orderIds: string[] | null;
  profit: Float64Array | null;
  quantity: Float64Array | null;
  region: Categorical | null;
  product: Categorical | null;
  category: Categorical | null;
  channel: Categorical | null;
}

/** A customer-level list (one row per customer), columnar. NaN = not given. */
export interface CustomerRows {
  n: number;
  row: Int32Array;
  ids: string[];
  names: string[] | null;
  recency: Float64Array | null;
  frequency: Float64Array | null;
  monetary: Float64Array | null;
  firstPurchase: Float64Array | null;
  lastPurchase: Float64Array | null;
  profit: Float64Array | null;
  region: Categorical | null;
  product: Categorical | null;
  category: Categorical | null;
  channel: Categorical | null;
}

export interface Ingested {
  /** Index of the header row within the block (0 = its first row). */
  headerIndex: number;
  /** 1-based sheet row of the header. */
  headerRow: number;
  headers: string[];
  roles: ColumnRole[];
  kind: ListKind;
  kindSource: 'detected' | 'user';
  /** Data rows below the header. rows = used + skipped. */
  rows: number;
  used: number;
  skipped: number;
  issues: IssueTable;
  /** How D/M vs M/D was decided for each date column header ("dmy" | "mdy" | "iso" | "serial"). */
  dateOrders: Record<string, string>;
  tx: Transactions | null;
  customers: CustomerRows | null;
  /** Sum of the readable amounts of all data rows, of used rows and of skipped rows. */
  amounts: { input: number; used: number; skipped: number };
  /** Latest date in the used rows (serial day), NaN when none. */
  maxDay: number;
}

/** One row of facts per customer, columnar. */
export interface CustomerFacts {
  n: number;
  /** Serial day of the as-of date (inclusive end of the window). */
  asOf: number;
  ids: string[];
  names: string[] | null;
  /** First sheet row where the customer appears. */
  firstRow: Int32Array;
  /** 1 when the customer has at least one purchase in the window and is scored. */
  scored: Uint8Array;
  recency: Float64Array;
  frequency: Float64Array;
  monetary: Float64Array;
  /** All orders, returns included. */
  orders: Float64Array;
  firstPurchase: Float64Array;
  lastPurchase: Float64Array;
  tenure: Float64Array;
  aov: Float64Array;
  profit: Float64Array | null;
  region: Categorical | null;
  product: Categorical | null;
  category: Categorical | null;
  channel: Categorical | null;
  /** Distinct purchase days (x = purchaseDays − 1). NaN for customer-level lists without dates. */
  purchaseDays: Float64Array;
  /** Mean net value of the repeat purchase days (all but the first); NaN when x = 0. */
  repeatValue: Float64Array;
}

export type MethodId =
  | 'rfm'
  | 'rfm_segments'
  | 'rfm_class8'
  | 'value_tiers'
  | 'fm_quadrants'
  | 'contributions'
  | 'kmeans'
  | 'clv'
  | 'adopter';

export interface RfmOptions {
  /** Number of score levels (default 5). */
  bins?: 3 | 4 | 5;
  /** quantile (default, PERCENTILE.INC thresholds), rank (rank first, equal-size bins), custom cut points. */
  binning?: 'quantile' | 'rank' | 'custom';
  /** Custom ascending cut points (bins − 1 each) for recency days, frequency and monetary. */
  cuts?: { r?: number[]; f?: number[]; m?: number[] };
}
export interface Class8Options {
  threshold?: 'mean' | 'median' | 'fixed';
  fixed?: { recency: number; frequency: number; monetary: number };
}
export interface TierOptions {
  by?: 'monetary' | 'profit';
  /** Cumulative share limits (default 0.8 and 0.95). */
  a?: number;
  b?: number;
}
export interface QuadrantOptions {
  threshold?: 'median' | 'mean';
}
export interface KmeansOptions {
  k?: number | 'auto';
  seed?: number;
  /** Feature names: recency, frequency, monetary, tenure, aov, profit. */
  features?: string[];
}
export interface ClvOptions {
  period?: 'day' | 'week' | 'month';
  /** Horizon in periods. */
  horizon?: number;
  /** Discount rate per year. */
  discount?: number;
  /** Gross margin as a share of revenue. */
  margin?: number;
  /** Retention per period for the retention model; estimated from the data when absent. */
  retention?: number;
}

export interface AnalyzeOptions {
  /** Inclusive end of the analysis window, YYYY-MM-DD; default = the last date in the data. */
  asOf?: string;
  /** Role → header text (as written) or 0-based column index; null removes a detected mapping. */
  map?: Partial<Record<Role, string | number | null>>;
  kind?: ListKind;
  methods?: MethodId[];
  /** 1900 (default) or 1904 date system for date serials. */
  dateSystem?: 1900 | 1904;
  /** Force day-first (true) or month-first (false) for ambiguous slash dates. */
  dayFirst?: boolean;
  /** Monetary excludes returns instead of netting them. */
  excludeReturns?: boolean;
  /** Force the header row: 0-based row index within the block. */
  headerIndex?: number;
  rfm?: RfmOptions;
  class8?: Class8Options;
  tiers?: TierOptions;
  quadrants?: QuadrantOptions;
  kmeans?: KmeansOptions;
  clv?: ClvOptions;
}

/** The format a value should be shown with (Excel number format is chosen by the writer). */
export type ValueFormat = 'text' | 'integer' | 'decimal' | 'currency' | 'percent' | 'date' | 'score';

/** A per-customer output column. values: numbers (NaN = empty) or strings (null = empty). */
export interface MethodColumn {
  key: string;
  format: ValueFormat;
  values: Float64Array | (string | null)[];
  /** For segment columns: the method whose segment ids the values are. */
  segmentOf?: MethodId;
}

/** A table for the summary sheet. Column keys are localised by i18n (table.<id>.<key>). */
export interface ReportTable {
  id: string;
  columns: { key: string; format: ValueFormat }[];
  rows: (string | number | null)[][];
}

export interface MethodResult {
  id: MethodId;
  columns: MethodColumn[];
  /** Key of the column that holds the segment ids, when the method segments customers. */
  segmentColumn?: string;
  /** All segment ids of this method in display order (segments with no customers included). */
  segmentIds?: string[];
  tables: ReportTable[];
  /** Fitted model parameters and other JSON-friendly facts. */
  model?: Record<string, unknown>;
  /** Notices for the user (e.g. "one-time buyers left out of the spend model"): i18n keys + params. */
  notices?: Notice[];
}

export interface Notice {
  key: string;
  params?: Record<string, string | number>;
}

/** What a method needs and does. Register each method once in methods/registry.ts. */
export interface MethodContext {
  facts: CustomerFacts;
  tx: Transactions | null;
  options: AnalyzeOptions;
  /** Results of methods that ran earlier in this analysis (by id). */
  earlier: ReadonlyMap<MethodId, MethodResult>;
  signal?: AbortSignal;
}

export interface Method {
  id: MethodId;
  /** Runs by default (one click) when its needs are met. */
  byDefault: boolean;
  /** Methods whose results this one reads from ctx.earlier. */
  after?: MethodId[];
  /** Why the method cannot run on this data (an i18n key), or null when it can. */
  unavailable(facts: CustomerFacts, tx: Transactions | null): Notice | null;
  run(ctx: MethodContext): MethodResult;
}

/** Summary of one segment of one method (customers, revenue, shares, mean R/F/M). */
export interface SegmentSummary {
  method: MethodId;
  id: string;
  customers: number;
  customerShare: number;
  revenue: number;
  revenueShare: number;
  meanRecency: number;
  meanFrequency: number;
  meanMonetary: number;
  /** NaN unless the clv method ran. */
  meanClv: number;
}

export interface ContributionRow {
  dimension: 'region' | 'category' | 'product' | 'channel';
  member: string;
  /** Segment id of the rfm_segments method, or "" for the dimension total. */
  segment: string;
  revenue: number;
  profit: number;
  customers: number;
  orders: number;
  revenueShare: number;
  cumulativeShare: number;
}

export interface Progress {
  stage: 'read' | 'ingest' | 'facts' | 'methods' | 'report' | 'write';
  /** 0..1 within the whole run. */
  fraction: number;
  /** The method running, during the methods stage. */
  method?: MethodId;
}

export interface AnalysisResult {
  input: {
    sheet: string;
    firstRow: number;
    firstColumn: number;
    headerRow: number;
    rows: number;
    used: number;
    skipped: number;
    kind: ListKind;
    kindSource: 'detected' | 'user';
    columns: number;
  };
  headers: string[];
  roles: ColumnRole[];
  /** YYYY-MM-DD */
  asOf: string;
  issues: IssueTable;
  dateOrders: Record<string, string>;
  amounts: { input: number; used: number; skipped: number };
  facts: CustomerFacts;
  methods: MethodResult[];
  /** Methods asked for (or default) that could not run, with the reason. */
  skippedMethods: { id: MethodId; notice: Notice }[];
  segments: SegmentSummary[];
  contributions: ContributionRow[];
  /** Milliseconds per stage. */
  timings: Record<string, number>;
}

/** An error the user must act on; `code` is an i18n key (errors.<code>). */
export class EngineError extends Error {
  constructor(
    public readonly code: string,
    public readonly params: Record<string, string | number> = {},
  ) {
    super(code);
    this.name = 'EngineError';
  }
}

/** Thrown when the run was cancelled through its AbortSignal. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}
