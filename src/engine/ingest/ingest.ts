/**
 * The ingest stage: the block (by column) → header, roles, kind → columnar transactions or customer rows,
 * with every data row either used or reported as a data issue, and amounts that reconcile.
 */
import { CancelledError, EngineError } from '../types';
import type {
  AnalyzeOptions,
  Categorical,
  Cell,
  ColumnRole,
  CustomerRows,
  Ingested,
  ColumnarInput,
  DictColumn,
  EngineInput,
  Role,
  Transactions,
} from '../types';
import { serialFromIso } from '../dates';
import { IssueLog } from '../issues';
import { HEADER_SEARCH_ROWS, cellText, findHeader, isBlankCell, isValueCell } from './header';
import { rowCells, toColumnar, topRows } from './columnar';
import { detectRoles, profileColumns } from './roles';
import type { ColumnProfile } from './roles';
import { detectKind } from './kind';
import {
  SHAPE_ISO,
  SHAPE_SERIAL,
  SHAPE_SLASH,
  SHAPE_YMD,
  dateShapeCode,
  dayFromNumber,
  dayTextReader,
  parseAmount,
} from './values';
import type { DateForm, DateOrder } from './values';

const MAX_VALUE_TEXT = 80;
const ABORT_CHECK_ROWS = 32_768;
/** Data rows sampled to profile the columns and to size the header. */
const PROFILE_ROWS = 500;

/** Reads the header, maps the columns and turns the data rows into transactions or customer rows. */
export function ingest(input: EngineInput, options: AnalyzeOptions = {}, signal?: AbortSignal): Ingested {
  const grid = makeGrid(toColumnar(input));
  const firstRow = input.firstRow ?? 1;
  const firstColumn = input.firstColumn ?? 1;
  if (grid.rows === 0 || !grid.anyRowNonBlank(0)) throw new EngineError('empty');
  // Only the top rows are needed as cells: the header is searched there and the columns profiled below it.
  let top = topRows(grid.input, HEADER_SEARCH_ROWS);
  const headerIndex = options.headerIndex ?? findHeader(top);
  if (
    !Number.isInteger(headerIndex) ||
    headerIndex < 0 ||
    headerIndex >= grid.rows ||
    grid.rowBlank(headerIndex)
  ) {
    throw new EngineError('no_header');
  }
  top = topRows(grid.input, headerIndex + 1 + PROFILE_ROWS);
  // Columns: as wide as the header and the rows near it (cells further right have no header, so no role).
  let width = 0;
  for (const row of top) if (row.length > width) width = row.length;
  const headerCells = top[headerIndex];
  const headers: string[] = [];
  for (let c = 0; c < width; c++) {
    const text = cellText(headerCells[c]);
    headers.push(text === '' ? columnLetters(firstColumn + c) : text);
  }
  if (!grid.anyRowNonBlank(headerIndex + 1)) throw new EngineError('no_data_rows');
  if (!hasAnyValue(grid, headerIndex + 1)) throw new EngineError('text_only');

  const profiles = profileColumns(top, headerIndex, width, input.numberFormats, PROFILE_ROWS);
  const roles = detectRoles(headers, profiles, options.map);
  const { kind, kindSource } = detectKind(roles, profiles, options.kind);
  const col = (role: Role): number => roles.find((r) => r.role === role)?.column ?? -1;
  lowerUniqueIdConfidence(roles, profiles, kind);
  if (col('customer_id') < 0) throw new EngineError('no_customer_column');

  let asOf = Infinity;
  if (options.asOf !== undefined && options.asOf !== '') {
    asOf = serialFromIso(options.asOf);
    if (!Number.isFinite(asOf)) throw new EngineError('bad_as_of', { value: options.asOf });
  }
  const ctx: Ctx = {
    grid,
    headerIndex,
    firstRow,
    headers,
    headerCells,
    roles,
    col,
    options,
    dateSystem: options.dateSystem === 1904 ? 1904 : 1900,
    asOf,
    signal,
    issues: aboveHeaderIssues(top, headerIndex, firstRow),
    // Keyed by header text, which may be "__proto__": a null-prototype object keeps it as a property.
    dateOrders: Object.create(null) as Record<string, string>,
    sums: { input: new Sum(), used: new Sum(), skipped: new Sum() },
  };
  const base = kind === 'transactions' ? ingestTransactions(ctx) : ingestCustomers(ctx);
  const rows = grid.rows - headerIndex - 1;
  if (base.used === 0) throw new EngineError('no_usable_rows', { rows });
  return {
    headerIndex,
    headerRow: firstRow + headerIndex,
    headers,
    roles,
    kind,
    kindSource,
    rows,
    used: base.used,
    skipped: rows - base.used,
    issues: ctx.issues.table(),
    dateOrders: ctx.dateOrders,
    tx: base.tx,
    customers: base.customers,
    amounts: {
      input: ctx.sums.input.value(),
      used: ctx.sums.used.value(),
      skipped: ctx.sums.skipped.value(),
    },
    maxDay: base.maxDay,
  };
}

/**
 * The block by column with what ingest asks of every row answered per distinct value: a blank test per
 * column, so that a row is blank when each of its codes is.
 */
interface Grid {
  input: ColumnarInput;
  rows: number;
  /** Per column: 1 for each code whose value is blank. */
  blank: Uint8Array[];
  /** The cell at row r, column c (undefined past the columns). */
  cell(r: number, c: number): Cell;
  rowBlank(r: number): boolean;
  /** True when some row at or after `from` is not blank. */
  anyRowNonBlank(from: number): boolean;
  /** Row r as cells (for the rare checks that read a whole row). */
  row(r: number): Cell[];
  /** The text of the first totals cell (合计, Total …) in row r, or null. */
  totalsText(r: number): string | null;
}

function makeGrid(input: ColumnarInput): Grid {
  const cols = input.columns;
  const rows = Math.max(0, input.rows | 0);
  const blank = cols.map((col) => {
    const flags = new Uint8Array(col.values.length);
    for (let k = 0; k < flags.length; k++) flags[k] = isBlankCell(col.values[k]) ? 1 : 0;
    return flags;
  });
  const codes = cols.map((col) => col.codes);
  const totals = cols.map((col) => new Int8Array(col.values.length).fill(-1));
  const rowBlank = (r: number): boolean => {
    for (let c = 0; c < codes.length; c++) if (blank[c][codes[c][r]] === 0) return false;
    return true;
  };
  return {
    input,
    rows,
    blank,
    cell: (r, c) => (c < cols.length ? cols[c].values[cols[c].codes[r]] : undefined),
    rowBlank,
    anyRowNonBlank: (from) => {
      for (let r = from; r < rows; r++) if (!rowBlank(r)) return true;
      return false;
    },
    row: (r) => rowCells(input, r),
    totalsText: (r) => {
      for (let c = 0; c < cols.length; c++) {
        const k = codes[c][r];
        // Judged once per distinct value (-1 = not yet): rows without a customer are often many.
        let t = totals[c][k];
        if (t < 0) {
          t = isTotalsText(cols[c].values[k]) ? 1 : 0;
          totals[c][k] = t;
        }
        if (t === 1) return cellText(cols[c].values[k]);
      }
      return null;
    },
  };
}

/** Per distinct value of column c, the value mapped by f (parsed once, however many rows repeat it). */
function perValue(ctx: Ctx, c: number, f: (v: Cell) => number): Float64Array {
  const values = codesOf(ctx, c).values;
  const out = new Float64Array(values.length);
  for (let k = 0; k < values.length; k++) out[k] = f(values[k]);
  return out;
}

/** The codes of column c (all pointing at "no cell" when the block is narrower than c). */
function codesOf(ctx: Ctx, c: number): { codes: Int32Array; values: Cell[] } {
  const col = ctx.grid.input.columns[c];
  return col ?? { codes: new Int32Array(ctx.grid.rows), values: [undefined] };
}

interface Ctx {
  grid: Grid;
  headerIndex: number;
  firstRow: number;
  headers: string[];
  headerCells: readonly Cell[];
  roles: ColumnRole[];
  col: (role: Role) => number;
  options: AnalyzeOptions;
  dateSystem: 1900 | 1904;
  asOf: number;
  signal: AbortSignal | undefined;
  issues: IssueLog;
  dateOrders: Record<string, string>;
  sums: { input: Sum; used: Sum; skipped: Sum };
}

interface Built {
  used: number;
  tx: Transactions | null;
  customers: CustomerRows | null;
  maxDay: number;
}

/** The first n entries of a column: the array itself when it is exactly full, else a trimmed copy. */
function fit<T extends Int32Array | Float64Array>(a: T, n: number): T {
  return (a.length === n ? a : a.slice(0, n)) as T;
}

/** Neumaier-compensated sum, so that input = used + skipped holds to the last digits on 10⁶ rows. */
class Sum {
  private s = 0;
  private c = 0;
  add(x: number): void {
    const t = this.s + x;
    if (Math.abs(this.s) >= Math.abs(x)) this.c += this.s - t + x;
    else this.c += x - t + this.s;
    this.s = t;
  }
  value(): number {
    return this.s + this.c;
  }
}

/**
 * In order lines a customer id repeats; a detected id column whose sampled values are all distinct
 * may be a row or order number instead, so its confidence drops (the user sees it and can remap).
 */
function lowerUniqueIdConfidence(
  roles: ColumnRole[],
  profiles: readonly ColumnProfile[],
  kind: string,
): void {
  const id = roles.find((r) => r.role === 'customer_id');
  if (kind !== 'transactions' || !id || id.source === 'user') return;
  const p = profiles[id.column];
  if (p && p.nonEmpty >= 20 && p.distinct === p.nonEmpty)
    id.confidence = Math.round(id.confidence * 70) / 100;
}

/** Excel column letters of a 1-based column number (1 → A, 28 → AB). */
export function columnLetters(n: number): string {
  let s = '';
  let x = Math.max(1, Math.floor(n));
  while (x > 0) {
    const r = (x - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    x = Math.floor((x - 1) / 26);
  }
  return s;
}

function truncate(text: string): string {
  return text.length > MAX_VALUE_TEXT ? text.slice(0, MAX_VALUE_TEXT - 1) + '…' : text;
}

/** True when some data cell holds a number or a date (else the list is text only). */
function hasAnyValue(grid: Grid, from: number): boolean {
  // Each distinct value is judged once (-1 = not yet); most lists answer on their first data row.
  const cols = grid.input.columns;
  const memo = cols.map((col) => new Int8Array(col.values.length).fill(-1));
  for (let r = from; r < grid.rows; r++) {
    for (let c = 0; c < cols.length; c++) {
      const k = cols[c].codes[r];
      let m = memo[c][k];
      if (m < 0) {
        const v = cols[c].values[k];
        m =
          (typeof v === 'number' && Number.isFinite(v)) ||
          (typeof v === 'string' && v !== '' && isValueCell(v))
            ? 1
            : 0;
        memo[c][k] = m;
      }
      if (m === 1) return true;
    }
  }
  return false;
}

function aboveHeaderIssues(
  cells: readonly (readonly Cell[])[],
  headerIndex: number,
  firstRow: number,
): IssueLog {
  const out = new IssueLog();
  for (let r = 0; r < headerIndex; r++) {
    const text = (cells[r] ?? [])
      .map(cellText)
      .filter((t) => t !== '')
      .join(' ');
    out.add(firstRow + r, 'above_header', NaN, undefined, text === '' ? undefined : truncate(text));
  }
  return out;
}

/** Normalised words that mark a totals row. */
const TOTALS = new Set([
  '合计',
  '总计',
  '小计',
  '总和',
  '共计',
  '总合计',
  '汇总',
  'total',
  'totals',
  'grandtotal',
  'subtotal',
  'sum',
]);

/** Leading word of a totals cell (tested before the costlier normalisation). */
const TOTALS_START =
  /^[\s\u3000]*(?:合计|总计|小计|总和|共计|总合计|汇总|total|grand|sub|sum|[\uff00-\uffef])/i;

/** True for a text cell such as 合计, 总计：, Grand Total, Total (USD). */
export function isTotalsText(v: Cell): boolean {
  if (typeof v !== 'string' || v.length > 40 || v.length < 2) return false;
  // Cheap screen on the first visible character before normalising (this runs on many rows).
  let i = 0;
  while (i < v.length && (v.charCodeAt(i) <= 32 || v.charCodeAt(i) === 0x3000)) i++;
  const c = v.charCodeAt(i) | 0x20;
  const head = v.charCodeAt(i);
  // Second letter of total / sum, sub / grand: most product names starting with t, s or g stop here,
  // before the regular expression.
  const c2 = v.charCodeAt(i + 1) | 0x20;
  const maybe =
    (c === 0x74 /* t */ && c2 === 0x6f) /* o */ ||
    (c === 0x73 /* s */ && c2 === 0x75) /* u */ ||
    (c === 0x67 /* g */ && c2 === 0x72) /* r */ ||
    head === 0x5408 /* 合 */ ||
    head === 0x603b /* 总 */ ||
    head === 0x5c0f /* 小 */ ||
    head === 0x5171 /* 共 */ ||
    head === 0x6c47 /* 汇 */ ||
    head >= 0xff00;
  if (!maybe || !TOTALS_START.test(v)) return false;
  const key = v
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\([^)]*\)|\[[^\]]*\]/g, '')
    .replace(/[\s:：.\-_]+/g, '');
  return TOTALS.has(key);
}

/** A row that repeats the header (a pasted block or a paged export). */
function isRepeatedHeader(row: readonly Cell[], headerCells: readonly Cell[]): boolean {
  let matched = 0;
  for (let c = 0; c < headerCells.length; c++) {
    const h = cellText(headerCells[c]);
    if (h === '') continue;
    if (cellText(row[c]) !== h) return false;
    matched++;
  }
  return matched > 0;
}

/** Excel's error values as range.values gives them ("#N/A", "#DIV/0!", "#GETTING_DATA" …). */
const ERROR_VALUE =
  /^#(?:N\/A|NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|PYTHON!|TIMEOUT!|GETTING_DATA)$/;

/**
 * True for an Excel error value. In the id column it means a lookup or formula failed (=VLOOKUP → #N/A):
 * such rows have no customer, rather than all merging into one customer called "#N/A".
 */
function isErrorValue(id: string): boolean {
  return id.charCodeAt(0) === 0x23 /* # */ && ERROR_VALUE.test(id);
}

/** Id text of a cell: trimmed text, or the number as written. */
function idText(v: Cell): string {
  if (typeof v === 'string') {
    const n = v.length;
    if (n === 0) return '';
    const a = v.charCodeAt(0);
    const b = v.charCodeAt(n - 1);
    // Only pay for the trim when there is something to trim.
    if (a > 32 && b > 32 && a !== 0x3000 && b !== 0x3000 && a !== 0xa0 && b !== 0xa0 && a !== 0xfeff)
      return v;
    return cellText(v);
  }
  return cellText(v);
}

/**
 * Decides D/M vs M/D for a date column from its distinct values below the header (a first part > 12 means
 * day-first, a second part > 12 month-first) and reports the column's written form.
 */
export function decideDateOrder(
  column: DictColumn,
  from: number,
  rows: number,
  dayFirst?: boolean,
): { order: DateOrder; form: DateForm } {
  const counts = { serial: 0, ymd: 0, iso: 0, slash: 0 };
  let dayFirstEvidence = 0;
  let monthFirstEvidence = 0;
  const seen = new Uint8Array(column.values.length);
  let looked = 0;
  for (let r = from; r < rows; r++) {
    const k = column.codes[r];
    if (seen[k]) continue;
    seen[k] = 1;
    const v = column.values[k];
    if (v === '' || v === null || v === undefined) continue;
    // The form shows in the first values; only slash dates need the whole column to settle D/M vs M/D,
    // and the first unambiguous one settles it.
    if (++looked > 2000 && (counts.slash === 0 || dayFirstEvidence + monthFirstEvidence > 0)) break;
    const code = dateShapeCode(v);
    if (code >= SHAPE_SLASH) {
      counts.slash++;
      const a = Math.floor((code - SHAPE_SLASH) / 100);
      const b = (code - SHAPE_SLASH) % 100;
      if (a > 12 && b <= 12) dayFirstEvidence++;
      else if (b > 12 && a <= 12) monthFirstEvidence++;
    } else if (code === SHAPE_ISO) counts.iso++;
    else if (code === SHAPE_YMD) counts.ymd++;
    else if (code === SHAPE_SERIAL) counts.serial++;
  }
  const order: DateOrder =
    dayFirstEvidence > monthFirstEvidence ? 'dmy' : monthFirstEvidence > 0 ? 'mdy' : dayFirst ? 'dmy' : 'mdy';
  let form: DateForm = order;
  let best = counts.slash;
  for (const f of ['iso', 'ymd', 'serial'] as const) {
    if (counts[f] > best) {
      best = counts[f];
      form = f;
    }
  }
  return { order, form };
}

/** The serial day of each distinct value of a date column (NaN where it is not a date). */
function daysOf(ctx: Ctx, column: number): Float64Array {
  const col = codesOf(ctx, column);
  const { order, form } = decideDateOrder(col, ctx.headerIndex + 1, ctx.grid.rows, ctx.options.dayFirst);
  ctx.dateOrders[ctx.headers[column]] = form;
  const system = ctx.dateSystem;
  const fromText = dayTextReader(order, system);
  return perValue(ctx, column, (v) =>
    typeof v === 'number' ? dayFromNumber(v, system) : typeof v === 'string' ? fromText(v) : NaN,
  );
}

/** The value of a short canonical digit string ("17850", not "017850" or " 1"), else -1. */
function digitKey(s: string): number {
  const n = s.length;
  if (n === 0 || n > 9 || (n > 1 && s.charCodeAt(0) === 48)) return -1;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * Distinct texts → dense codes (first seen = 0). Numeric ids ("17850", invoice numbers) go through a
 * number-keyed Map, which skips hashing the string; other texts use a null-prototype object, which V8
 * looks strings up in faster than a Map. A repeat of the previous cell skips the lookup altogether:
 * exports list an order's lines together.
 */
export class Interner {
  readonly labels: string[] = [];
  private readonly index = Object.create(null) as Record<string, number>;
  private readonly numbers = new Map<number, number>();
  private prev: Cell = undefined;
  private prevCode = -1;
  /** Code of a cell's trimmed text; -1 for an empty cell. */
  code(v: Cell): number {
    if (v === this.prev && v !== undefined) return this.prevCode;
    let key = -1;
    let text = '';
    if (typeof v === 'string') key = digitKey(v);
    else if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 1e9) key = v;
    if (key < 0) {
      text = idText(v);
      if (text !== '') key = digitKey(text);
    }
    let code = -1;
    if (key >= 0) {
      const found = this.numbers.get(key);
      if (found === undefined) {
        code = this.labels.length;
        this.labels.push(String(key));
        this.numbers.set(key, code);
      } else code = found;
    } else if (text !== '') {
      const found = this.index[text];
      if (found === undefined) {
        code = this.labels.length;
        this.labels.push(text);
        this.index[text] = code;
      } else code = found;
    }
    this.prev = v;
    this.prevCode = code;
    return code;
  }
}

/**
 * Amounts beyond Excel's 15 significant digits are not money but overflow or garbage; treating them as
 * unreadable keeps every total finite, so that input = used + skipped always holds.
 */
const MAX_AMOUNT = 1e15;

/** An amount, or NaN when it is not a plausible one. */
export function readAmount(v: Cell): number {
  const x = parseAmount(v);
  return x < MAX_AMOUNT && x > -MAX_AMOUNT ? x : NaN;
}

/** A numeric measure of each row of column c through f, parsed once per distinct value. */
function measure(ctx: Ctx, c: number, f: (v: Cell) => number): (r: number) => number {
  const codes = codesOf(ctx, c).codes;
  const values = perValue(ctx, c, f);
  return (r) => values[codes[r]];
}

type CategoryRole = 'region' | 'product' | 'category' | 'channel';

/** Records a skipped row (IssueLog.add's arguments). */
type Skip = IssueLog['add'];

/** Records a skipped row: one issue, and its readable amount into the skipped total. */
function makeSkip(issues: IssueLog, skipped: Sum): Skip {
  return (row, reason, amount, column, value, customer) => {
    const readable = amount === amount;
    if (readable) skipped.add(amount);
    issues.add(row, reason, readable ? amount : 0, column, value, customer);
  };
}

/** Records a blank row (nothing to reconcile: it has no amount). */
function blank(issues: IssueLog, row: number): void {
  issues.add(row, 'blank', 0);
}

/** What the customer-id column's distinct values say before any row is read. */
const ID_OK = 1;
/** Equal to the header text: the row may repeat the header. */
const ID_HEADER_LIKE = 2;
/** Empty, a totals word or an Excel error: the row is skipped. */
const ID_BAD = 3;

/**
 * Screens the customer id of each data row, judging each distinct id once: a copy of the header (export
 * pages glued together), a totals row, or no usable customer id skip the row with an issue.
 */
class IdScreen {
  /** Per distinct value of the id column: ID_OK, ID_HEADER_LIKE or ID_BAD. */
  readonly status: Uint8Array;
  /** Per distinct value: the id as text (trimmed). */
  readonly text: string[];
  readonly codes: Int32Array;
  private readonly headerText: string;
  private readonly header: string;
  constructor(
    private readonly ctx: Ctx,
    column: number,
  ) {
    const col = codesOf(ctx, column);
    this.codes = col.codes;
    this.headerText = cellText(ctx.headerCells[column]);
    this.header = ctx.headers[column];
    this.status = new Uint8Array(col.values.length);
    this.text = col.values.map(idText);
    for (let k = 0; k < col.values.length; k++) {
      const id = this.text[k];
      const v = col.values[k];
      this.status[k] =
        id === '' || isTotalsText(v) || isErrorValue(id)
          ? ID_BAD
          : id === this.headerText
            ? ID_HEADER_LIKE
            : ID_OK;
    }
  }
  /** For a row whose id is not plainly OK: true to keep it, false after recording why it is skipped. */
  keep(r: number, status: number, sheetRow: number, amount: number, skip: Skip): boolean {
    if (status === ID_HEADER_LIKE) {
      if (!isRepeatedHeader(this.ctx.grid.row(r), this.ctx.headerCells)) return true;
      skip(sheetRow, 'repeated_header', amount);
      return false;
    }
    const totals = this.ctx.grid.totalsText(r);
    if (totals !== null) skip(sheetRow, 'totals_row', amount, undefined, truncate(totals));
    else skip(sheetRow, 'no_customer_id', amount, this.header, truncate(this.text[this.codes[r]]));
    return false;
  }
}

/**
 * Codes, in an interner, of a column's values at the given rows, in that order: each distinct value is
 * interned once, on its first use, so codes come out in order of first use among those rows.
 */
function gatherCodes(column: DictColumn, rows: Int32Array, n: number, interner: Interner): Int32Array {
  const map = new Int32Array(column.values.length).fill(-2);
  const codes = column.codes;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = codes[rows[i]];
    let c = map[k];
    if (c === -2) {
      c = interner.code(column.values[k]);
      map[k] = c;
    }
    out[i] = c;
  }
  return out;
}

/** Per-value numbers of a column, gathered at the given rows. */
function gatherValues(
  ctx: Ctx,
  column: number,
  f: (v: Cell) => number,
  rows: Int32Array,
  n: number,
): Float64Array {
  const codes = codesOf(ctx, column).codes;
  const values = perValue(ctx, column, f);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = values[codes[rows[i]]];
  return out;
}

/** The categorical columns (region, product, category, channel) at the given rows. */
function gatherCategories(ctx: Ctx, rows: Int32Array, n: number): Record<CategoryRole, Categorical | null> {
  const make = (role: CategoryRole): Categorical | null => {
    const c = ctx.col(role);
    if (c < 0) return null;
    const interner = new Interner();
    return { codes: gatherCodes(codesOf(ctx, c), rows, n, interner), labels: interner.labels };
  };
  return {
    region: make('region'),
    product: make('product'),
    category: make('category'),
    channel: make('channel'),
  };
}

function ingestTransactions(ctx: Ctx): Built {
  const { grid, headerIndex, firstRow, headers, issues, sums } = ctx;
  const custCol = ctx.col('customer_id');
  const dateCol = ctx.col('order_date');
  if (dateCol < 0) throw new EngineError('no_date_column');
  let amountCol = ctx.col('amount');
  if (amountCol < 0) amountCol = ctx.col('monetary');
  const qtyCol = ctx.col('quantity');
  const priceCol = ctx.col('unit_price');
  if (amountCol < 0 && (qtyCol < 0 || priceCol < 0)) throw new EngineError('no_amount_column');
  const nameCol = ctx.col('customer_name');
  const orderCol = ctx.col('order_id');
  const profitCol = ctx.col('profit');
  // Every value is parsed once per distinct value; the row loop only looks codes up.
  const dateCodes = codesOf(ctx, dateCol).codes;
  const days = daysOf(ctx, dateCol);
  const byProduct = amountCol < 0;
  const amountCodes = codesOf(ctx, byProduct ? qtyCol : amountCol).codes;
  const amountValues = perValue(ctx, byProduct ? qtyCol : amountCol, readAmount);
  const priceCodes = codesOf(ctx, byProduct ? priceCol : amountCol).codes;
  const priceValues = byProduct ? perValue(ctx, priceCol, readAmount) : amountValues;
  const screen = new IdScreen(ctx, custCol);
  const idCodes = screen.codes;
  const idStatus = screen.status;
  const idBlank = grid.blank[custCol];
  const dateHeader = headers[dateCol];
  const asOf = ctx.asOf;
  const skip = makeSkip(issues, sums.skipped);
  const inputSum = sums.input;
  const usedSum = sums.used;

  // Pass 1 decides each row: used, or skipped with an issue. It stays small (no calls on the used path)
  // so that V8 keeps it tight; the columns of the used rows are gathered afterwards.
  const size = Math.max(0, grid.rows - headerIndex - 1);
  const used = new Int32Array(size);
  const dayOut = new Float64Array(size);
  const amountOut = new Float64Array(size);
  let n = 0;
  let maxDay = -Infinity;
  for (let r = headerIndex + 1; r < grid.rows; r++) {
    if ((r & (ABORT_CHECK_ROWS - 1)) === 0 && ctx.signal?.aborted) throw new CancelledError();
    const k = idCodes[r];
    if (idBlank[k] === 1 && grid.rowBlank(r)) {
      blank(issues, firstRow + r);
      continue;
    }
    let amount = amountValues[amountCodes[r]];
    if (byProduct) {
      amount *= priceValues[priceCodes[r]];
      if (!(amount < MAX_AMOUNT && amount > -MAX_AMOUNT)) amount = NaN;
    }
    if (amount === amount) inputSum.add(amount);
    const st = idStatus[k];
    if (st !== ID_OK && !screen.keep(r, st, firstRow + r, amount, skip)) continue;
    const day = days[dateCodes[r]];
    if (day !== day || amount !== amount || day > asOf) {
      skipRow(
        ctx,
        r,
        day,
        amount,
        skip,
        screen.text[k],
        dateCol,
        dateHeader,
        byProduct ? qtyCol : amountCol,
        priceCol,
        byProduct,
      );
      continue;
    }
    used[n] = r;
    dayOut[n] = day;
    amountOut[n] = amount;
    usedSum.add(amount);
    if (day > maxDay) maxDay = day;
    n++;
  }

  // Pass 2 gathers the other columns of the used rows.
  const rowOut = new Int32Array(n);
  for (let i = 0; i < n; i++) rowOut[i] = firstRow + used[i];
  const customerIndex = new Interner();
  const custOut = gatherCodes(codesOf(ctx, custCol), used, n, customerIndex);
  let customerNames: string[] | null = null;
  if (nameCol >= 0) {
    // The first non-empty name seen for each customer.
    const names = new Array<string>(customerIndex.labels.length).fill('');
    for (let i = 0; i < n; i++) {
      const cust = custOut[i];
      if (names[cust] === '') names[cust] = cellText(grid.cell(used[i], nameCol));
    }
    customerNames = names;
  }
  const orderIndex = orderCol >= 0 ? new Interner() : null;
  const tx: Transactions = {
    n,
    row: rowOut,
    customer: custOut,
    customerIds: customerIndex.labels,
    customerNames,
    day: fit(dayOut, n),
    amount: fit(amountOut, n),
    order: orderIndex ? gatherCodes(codesOf(ctx, orderCol), used, n, orderIndex) : null,
    orderIds: orderIndex ? orderIndex.labels : null,
    profit: profitCol >= 0 ? gatherValues(ctx, profitCol, readNumberOr0, used, n) : null,
    quantity:
      qtyCol < 0
        ? null
        : byProduct
          ? gatherValues(ctx, qtyCol, readAmount, used, n)
          : gatherValues(ctx, qtyCol, readNumberOr0, used, n),
    ...gatherCategories(ctx, used, n),
  };
  return { used: n, tx, customers: null, maxDay: n > 0 ? maxDay : NaN };
}

/** Records why an order line with a usable customer is skipped: its date, its amount, or after as-of. */
function skipRow(
  ctx: Ctx,
  r: number,
  day: number,
  amount: number,
  skip: Skip,
  id: string,
  dateCol: number,
  dateHeader: string,
  amountCol: number,
  priceCol: number,
  byProduct: boolean,
): void {
  const { grid, headers } = ctx;
  const sheetRow = ctx.firstRow + r;
  const dateText = (): string => truncate(cellText(grid.cell(r, dateCol)));
  if (day !== day) skip(sheetRow, 'bad_date', amount, dateHeader, dateText(), id);
  else if (amount !== amount) {
    // Blame the quantity when it is unreadable, else the price (or the amount column).
    const c = byProduct && Number.isFinite(readAmount(grid.cell(r, amountCol))) ? priceCol : amountCol;
    skip(sheetRow, 'bad_amount', amount, headers[c], truncate(cellText(grid.cell(r, c))), id);
  } else skip(sheetRow, 'after_as_of', amount, dateHeader, dateText(), id);
}

/** Profit and quantity are optional measures: an unreadable one counts as 0 rather than losing the row. */
function readNumberOr0(v: Cell): number {
  const x = readAmount(v);
  return x === x ? x : 0;
}

const EMPTY_CODES = new Int32Array(0);

function ingestCustomers(ctx: Ctx): Built {
  const { grid, headerIndex, firstRow, headers, issues, sums } = ctx;
  const custCol = ctx.col('customer_id');
  let monCol = ctx.col('monetary');
  if (monCol < 0) monCol = ctx.col('amount');
  if (monCol < 0) throw new EngineError('no_amount_column');
  const nameCol = ctx.col('customer_name');
  const recCol = ctx.col('recency');
  const freqCol = ctx.col('frequency');
  const firstCol = ctx.col('first_purchase');
  const lastCol = ctx.col('last_purchase');
  const profitCol = ctx.col('profit');
  const firstDays = firstCol >= 0 ? daysOf(ctx, firstCol) : null;
  const lastDays = lastCol >= 0 ? daysOf(ctx, lastCol) : null;
  // Only read when the column exists (firstDays / lastDays are set).
  const firstCodes = firstCol >= 0 ? codesOf(ctx, firstCol).codes : EMPTY_CODES;
  const lastCodes = lastCol >= 0 ? codesOf(ctx, lastCol).codes : EMPTY_CODES;
  const firstBlank = grid.blank[firstCol];
  const lastBlank = grid.blank[lastCol];
  const amountOf = measure(ctx, monCol, readAmount);
  const recOf = recCol >= 0 ? measure(ctx, recCol, readAmount) : null;
  const freqOf = freqCol >= 0 ? measure(ctx, freqCol, readAmount) : null;
  const profitOf = profitCol >= 0 ? measure(ctx, profitCol, readAmount) : null;
  // Without a recency column the last purchase date is what recency is computed from.
  const lastRequired = recCol < 0 && lastCol >= 0;

  const size = Math.max(0, grid.rows - headerIndex - 1);
  const rowOut = new Int32Array(size);
  const ids: string[] = [];
  const names: string[] | null = nameCol >= 0 ? [] : null;
  const rec = recOf ? new Float64Array(size) : null;
  const freq = freqOf ? new Float64Array(size) : null;
  const mon = new Float64Array(size);
  const firstP = firstDays ? new Float64Array(size) : null;
  const lastP = lastDays ? new Float64Array(size) : null;
  const profit = profitOf ? new Float64Array(size) : null;
  const usedRows = new Int32Array(size);
  const seen = new Set<string>();
  const custHeader = headers[custCol];
  const screen = new IdScreen(ctx, custCol);
  let n = 0;
  let maxDay = -Infinity;

  const skip = makeSkip(issues, sums.skipped);

  for (let r = headerIndex + 1; r < grid.rows; r++) {
    if ((r & (ABORT_CHECK_ROWS - 1)) === 0 && ctx.signal?.aborted) throw new CancelledError();
    const sheetRow = firstRow + r;
    if (grid.rowBlank(r)) {
      blank(issues, sheetRow);
      continue;
    }
    const amount = amountOf(r);
    if (Number.isFinite(amount)) sums.input.add(amount);
    const st = screen.status[screen.codes[r]];
    if (st !== ID_OK && !screen.keep(r, st, sheetRow, amount, skip)) continue;
    const id = screen.text[screen.codes[r]];
    let last = NaN;
    if (lastDays) {
      const k = lastCodes[r];
      last = lastDays[k];
      if (last !== last && (lastRequired || lastBlank[k] === 0)) {
        skip(sheetRow, 'bad_date', amount, headers[lastCol], truncate(cellText(grid.cell(r, lastCol))), id);
        continue;
      }
    }
    let first = NaN;
    if (firstDays) {
      const k = firstCodes[r];
      first = firstDays[k];
      if (first !== first && firstBlank[k] === 0) {
        skip(sheetRow, 'bad_date', amount, headers[firstCol], truncate(cellText(grid.cell(r, firstCol))), id);
        continue;
      }
    }
    if (amount !== amount) {
      skip(sheetRow, 'bad_amount', amount, headers[monCol], truncate(cellText(grid.cell(r, monCol))), id);
      continue;
    }
    if (seen.has(id)) {
      skip(sheetRow, 'duplicate_customer', amount, custHeader, truncate(id), id);
      continue;
    }
    seen.add(id);
    rowOut[n] = sheetRow;
    ids.push(id);
    if (names) names.push(cellText(grid.cell(r, nameCol)));
    if (rec && recOf) rec[n] = recOf(r);
    if (freq && freqOf) freq[n] = freqOf(r);
    mon[n] = amount;
    if (firstP) firstP[n] = first;
    if (lastP) lastP[n] = last;
    if (profit && profitOf) profit[n] = profitOf(r);
    usedRows[n] = r;
    sums.used.add(amount);
    if (last > maxDay) maxDay = last;
    n++;
  }
  const customers: CustomerRows = {
    n,
    row: fit(rowOut, n),
    ids,
    names,
    recency: rec ? fit(rec, n) : null,
    frequency: freq ? fit(freq, n) : null,
    monetary: fit(mon, n),
    firstPurchase: firstP ? fit(firstP, n) : null,
    lastPurchase: lastP ? fit(lastP, n) : null,
    profit: profit ? fit(profit, n) : null,
    ...gatherCategories(ctx, usedRows, n),
  };
  return { used: n, tx: null, customers, maxDay: maxDay === -Infinity ? NaN : maxDay };
}
