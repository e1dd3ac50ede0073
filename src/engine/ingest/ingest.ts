/**
 * The ingest stage: cells → header, roles, kind → columnar transactions or customer rows, with every
 * data row either used or reported as a data issue, and amounts that reconcile.
 */
import { CancelledError, EngineError } from '../types';
import type {
  AnalyzeOptions,
  Categorical,
  Cell,
  ColumnRole,
  CustomerRows,
  DataIssue,
  Ingested,
  IssueReason,
  Role,
  SheetInput,
  Transactions,
} from '../types';
import { serialFromIso } from '../dates';
import { cellText, findHeader, isBlankCell, isBlankRow, isValueCell } from './header';
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
  dayFromText,
  parseAmount,
} from './values';
import type { DateForm, DateOrder } from './values';

const MAX_VALUE_TEXT = 80;
const ABORT_CHECK_ROWS = 32_768;
/** Data rows sampled to profile the columns and to size the header. */
const PROFILE_ROWS = 500;

/** Reads the header, maps the columns and turns the data rows into transactions or customer rows. */
export function ingest(input: SheetInput, options: AnalyzeOptions = {}, signal?: AbortSignal): Ingested {
  const cells = input.cells;
  const firstRow = input.firstRow ?? 1;
  const firstColumn = input.firstColumn ?? 1;
  if (!Array.isArray(cells) || cells.length === 0 || cells.every((row) => isBlankRow(row))) {
    throw new EngineError('empty');
  }
  const headerIndex = options.headerIndex ?? findHeader(cells);
  if (
    !Number.isInteger(headerIndex) ||
    headerIndex < 0 ||
    headerIndex >= cells.length ||
    isBlankRow(cells[headerIndex])
  ) {
    throw new EngineError('no_header');
  }
  // Columns: as wide as the header and the rows near it (cells further right have no header, so no role).
  let width = 0;
  for (let r = 0; r < Math.min(cells.length, headerIndex + 1 + PROFILE_ROWS); r++) {
    const row = cells[r];
    if (row && row.length > width) width = row.length;
  }
  const headerCells = cells[headerIndex];
  const headers: string[] = [];
  for (let c = 0; c < width; c++) {
    const text = cellText(headerCells[c]);
    headers.push(text === '' ? columnLetters(firstColumn + c) : text);
  }
  let dataRows = 0;
  for (let r = headerIndex + 1; r < cells.length && dataRows === 0; r++)
    if (!isBlankRow(cells[r])) dataRows++;
  if (dataRows === 0) throw new EngineError('no_data_rows');
  if (!hasAnyValue(cells, headerIndex + 1)) throw new EngineError('text_only');

  const profiles = profileColumns(cells, headerIndex, width, input.numberFormats, PROFILE_ROWS);
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
    cells,
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
    issues: aboveHeaderIssues(cells, headerIndex, firstRow),
    // Keyed by header text, which may be "__proto__": a null-prototype object keeps it as a property.
    dateOrders: Object.create(null) as Record<string, string>,
    sums: { input: new Sum(), used: new Sum(), skipped: new Sum() },
  };
  const base = kind === 'transactions' ? ingestTransactions(ctx) : ingestCustomers(ctx);
  const rows = cells.length - headerIndex - 1;
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
    issues: ctx.issues,
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

interface Ctx {
  cells: readonly (readonly Cell[])[];
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
  issues: DataIssue[];
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
function hasAnyValue(cells: readonly (readonly Cell[])[], from: number): boolean {
  for (let r = from; r < cells.length; r++) {
    const row = cells[r];
    if (!row) continue;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v === 'number' && Number.isFinite(v)) return true;
      if (typeof v === 'string' && v !== '' && isValueCell(v)) return true;
    }
  }
  return false;
}

function aboveHeaderIssues(
  cells: readonly (readonly Cell[])[],
  headerIndex: number,
  firstRow: number,
): DataIssue[] {
  const out: DataIssue[] = [];
  for (let r = 0; r < headerIndex; r++) {
    const text = (cells[r] ?? [])
      .map(cellText)
      .filter((t) => t !== '')
      .join(' ');
    out.push(
      text === ''
        ? { row: firstRow + r, reason: 'above_header' }
        : { row: firstRow + r, reason: 'above_header', value: truncate(text) },
    );
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

/** The row holds a totals word in some text cell. */
function totalsCell(row: readonly Cell[]): string | null {
  for (let c = 0; c < row.length; c++) if (isTotalsText(row[c])) return cellText(row[c]);
  return null;
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
 * Decides D/M vs M/D for a date column from its values (a first part > 12 means day-first, a second
 * part > 12 month-first) and reports the column's written form.
 */
export function decideDateOrder(
  cells: readonly (readonly Cell[])[],
  from: number,
  column: number,
  dayFirst?: boolean,
): { order: DateOrder; form: DateForm } {
  const counts = { serial: 0, ymd: 0, iso: 0, slash: 0 };
  let dayFirstEvidence = 0;
  let monthFirstEvidence = 0;
  let prev: Cell = undefined;
  let looked = 0;
  for (let r = from; r < cells.length; r++) {
    const v = cells[r]?.[column];
    if (v === prev || v === '' || v === null || v === undefined) continue;
    prev = v;
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

/** Per-column date reader with a cache: exported lists repeat the same date text many times. */
function dateReader(ctx: Ctx, column: number): (v: Cell) => number {
  const { order, form } = decideDateOrder(ctx.cells, ctx.headerIndex + 1, column, ctx.options.dayFirst);
  ctx.dateOrders[ctx.headers[column]] = form;
  // A null-prototype object as the cache: V8 looks strings up there several times faster than in a Map
  // (it internalises the keys), which matters on a million cells of CSV text.
  const cache = Object.create(null) as Record<string, number>;
  const system = ctx.dateSystem;
  let prevText = '';
  let prevDay = NaN;
  return (v: Cell): number => {
    if (typeof v === 'number') return dayFromNumber(v, system);
    if (typeof v !== 'string') return NaN;
    if (v === prevText) return prevDay;
    let d = cache[v];
    if (d === undefined) {
      d = dayFromText(v, order, system);
      cache[v] = d;
    }
    prevText = v;
    prevDay = d;
    return d;
  };
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

/** A categorical column being built: codes per used row, labels from the interner. */
class CategoricalBuilder {
  readonly codes: Int32Array;
  private readonly interner = new Interner();
  constructor(size: number) {
    this.codes = new Int32Array(size);
  }
  code(v: Cell): number {
    return this.interner.code(v);
  }
  build(n: number): Categorical {
    return { codes: fit(this.codes, n), labels: this.interner.labels };
  }
}

/** Reads a row's amount: the amount column, else quantity × unit price. */
interface AmountReader {
  /** Amount of the row, NaN when unreadable. */
  read(row: readonly Cell[]): number;
  /** Column to blame when read() gave NaN. */
  blame(row: readonly Cell[]): number;
  /** The quantity of the last read() when amounts are quantity × unit price (saves a second parse). */
  lastQuantity(): number;
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

function amountReader(amountCol: number, qtyCol: number, priceCol: number): AmountReader {
  if (amountCol >= 0)
    return { read: (row) => readAmount(row[amountCol]), blame: () => amountCol, lastQuantity: () => NaN };
  let quantity = NaN;
  return {
    read: (row) => {
      quantity = readAmount(row[qtyCol]);
      const x = quantity * readAmount(row[priceCol]);
      return x < MAX_AMOUNT && x > -MAX_AMOUNT ? x : NaN;
    },
    lastQuantity: () => quantity,
    blame: (row) => (Number.isFinite(readAmount(row[qtyCol])) ? priceCol : qtyCol),
  };
}

function categoricals(
  ctx: Ctx,
  size: number,
): Record<'region' | 'product' | 'category' | 'channel', { col: number; b: CategoricalBuilder } | null> {
  const make = (role: Role): { col: number; b: CategoricalBuilder } | null => {
    const c = ctx.col(role);
    return c >= 0 ? { col: c, b: new CategoricalBuilder(size) } : null;
  };
  return {
    region: make('region'),
    product: make('product'),
    category: make('category'),
    channel: make('channel'),
  };
}

type Skip = (
  row: number,
  reason: IssueReason,
  amount: number,
  column?: string,
  value?: string,
  customer?: string,
) => void;

/** Records a skipped row: one issue, and its readable amount into the skipped total. */
function makeSkip(issues: DataIssue[], skipped: Sum): Skip {
  return (row, reason, amount, column, value, customer) => {
    const readable = amount === amount;
    if (readable) skipped.add(amount);
    // One object shape for every issue keeps a 100k-issue list cheap to build; undefined = not given.
    issues.push({ row, reason, column, value, customer, amount: readable ? amount : 0 });
  };
}

/** Records a blank row (nothing to reconcile: it has no amount). */
function blank(issues: DataIssue[], row: number): void {
  issues.push({ row, reason: 'blank', column: undefined, value: undefined, customer: undefined, amount: 0 });
}

/**
 * The customer id of a data row, or null after recording why the row is skipped: a copy of the header
 * (export pages glued together), a totals row, or no usable customer id.
 */
function screenId(
  ctx: Ctx,
  row: readonly Cell[],
  idCell: Cell,
  idHeaderText: string,
  custHeader: string,
  sheetRow: number,
  amount: number,
  skip: Skip,
): string | null {
  const id = idText(idCell);
  if (id !== '' && id === idHeaderText && isRepeatedHeader(row, ctx.headerCells)) {
    skip(sheetRow, 'repeated_header', amount);
    return null;
  }
  if (id === '' || isTotalsText(idCell) || isErrorValue(id)) {
    const totals = totalsCell(row);
    if (totals !== null) skip(sheetRow, 'totals_row', amount, undefined, truncate(totals));
    else skip(sheetRow, 'no_customer_id', amount, custHeader, truncate(id));
    return null;
  }
  return id;
}

/** Stores the codes of the row's categorical columns (region, product, category, channel) at index n. */
function codeCategories(cats: ReturnType<typeof categoricals>, row: readonly Cell[], n: number): void {
  // Four plain tests rather than a loop over an array: this runs for every row and must not allocate.
  if (cats.region) cats.region.b.codes[n] = cats.region.b.code(row[cats.region.col]);
  if (cats.product) cats.product.b.codes[n] = cats.product.b.code(row[cats.product.col]);
  if (cats.category) cats.category.b.codes[n] = cats.category.b.code(row[cats.category.col]);
  if (cats.channel) cats.channel.b.codes[n] = cats.channel.b.code(row[cats.channel.col]);
}

function ingestTransactions(ctx: Ctx): Built {
  const { cells, headerIndex, firstRow, headers, issues, sums } = ctx;
  const custCol = ctx.col('customer_id');
  const dateCol = ctx.col('order_date');
  if (dateCol < 0) throw new EngineError('no_date_column');
  let amountCol = ctx.col('amount');
  if (amountCol < 0) amountCol = ctx.col('monetary');
  const qtyCol = ctx.col('quantity');
  const priceCol = ctx.col('unit_price');
  if (amountCol < 0 && (qtyCol < 0 || priceCol < 0)) throw new EngineError('no_amount_column');
  const amounts = amountReader(amountCol, qtyCol, priceCol);
  const nameCol = ctx.col('customer_name');
  const orderCol = ctx.col('order_id');
  const profitCol = ctx.col('profit');
  const readDay = dateReader(ctx, dateCol);

  // One pass over the rows, no pre-count: on a fresh half-million-row block the first touch of each row
  // costs more than copying the typed arrays down to size at the end.
  const size = Math.max(0, cells.length - headerIndex - 1);
  const rowOut = new Int32Array(size);
  const custOut = new Int32Array(size);
  const dayOut = new Float64Array(size);
  const amountOut = new Float64Array(size);
  const orderOut = orderCol >= 0 ? new Int32Array(size) : null;
  const profitOut = profitCol >= 0 ? new Float64Array(size) : null;
  const qtyOut = qtyCol >= 0 ? new Float64Array(size) : null;
  const cats = categoricals(ctx, size);
  const customerIndex = new Interner();
  const customerIds = customerIndex.labels;
  const customerNames: string[] | null = nameCol >= 0 ? [] : null;
  const orderIndex = orderCol >= 0 ? new Interner() : null;
  const custHeader = headers[custCol];
  const dateHeader = headers[dateCol];
  const idHeaderText = cellText(ctx.headerCells[custCol]);
  let n = 0;
  let maxDay = -Infinity;

  const skip = makeSkip(issues, sums.skipped);

  for (let r = headerIndex + 1; r < cells.length; r++) {
    if ((r & (ABORT_CHECK_ROWS - 1)) === 0 && ctx.signal?.aborted) throw new CancelledError();
    const row = cells[r] ?? [];
    const sheetRow = firstRow + r;
    const idCell = row[custCol];
    if (isBlankCell(idCell) && isBlankRow(row)) {
      blank(issues, sheetRow);
      continue;
    }
    const amount = amounts.read(row);
    if (Number.isFinite(amount)) sums.input.add(amount);
    const id = screenId(ctx, row, idCell, idHeaderText, custHeader, sheetRow, amount, skip);
    if (id === null) continue;
    const dateCell = row[dateCol];
    const day = readDay(dateCell);
    if (day !== day) {
      skip(sheetRow, 'bad_date', amount, dateHeader, truncate(cellText(dateCell)), id);
      continue;
    }
    if (amount !== amount) {
      const c = amounts.blame(row);
      skip(sheetRow, 'bad_amount', amount, headers[c], truncate(cellText(row[c])), id);
      continue;
    }
    if (day > ctx.asOf) {
      skip(sheetRow, 'after_as_of', amount, dateHeader, truncate(cellText(dateCell)), id);
      continue;
    }
    // Used row.
    const cust = customerIndex.code(idCell);
    if (customerNames) {
      if (cust === customerNames.length) customerNames.push('');
      if (customerNames[cust] === '') customerNames[cust] = cellText(row[nameCol]);
    }
    if (orderOut && orderIndex) orderOut[n] = orderIndex.code(row[orderCol]);
    rowOut[n] = sheetRow;
    custOut[n] = cust;
    dayOut[n] = day;
    amountOut[n] = amount;
    if (profitOut) profitOut[n] = readNumberOr0(row[profitCol]);
    if (qtyOut) qtyOut[n] = amountCol < 0 ? amounts.lastQuantity() : readNumberOr0(row[qtyCol]);
    codeCategories(cats, row, n);
    sums.used.add(amount);
    if (day > maxDay) maxDay = day;
    n++;
  }
  const tx: Transactions = {
    n,
    row: fit(rowOut, n),
    customer: fit(custOut, n),
    customerIds,
    customerNames,
    day: fit(dayOut, n),
    amount: fit(amountOut, n),
    order: orderOut ? fit(orderOut, n) : null,
    orderIds: orderIndex ? orderIndex.labels : null,
    profit: profitOut ? fit(profitOut, n) : null,
    quantity: qtyOut ? fit(qtyOut, n) : null,
    region: cats.region ? cats.region.b.build(n) : null,
    product: cats.product ? cats.product.b.build(n) : null,
    category: cats.category ? cats.category.b.build(n) : null,
    channel: cats.channel ? cats.channel.b.build(n) : null,
  };
  return { used: n, tx, customers: null, maxDay: n > 0 ? maxDay : NaN };
}

/** Profit and quantity are optional measures: an unreadable one counts as 0 rather than losing the row. */
function readNumberOr0(v: Cell): number {
  const x = readAmount(v);
  return x === x ? x : 0;
}

function ingestCustomers(ctx: Ctx): Built {
  const { cells, headerIndex, firstRow, headers, issues, sums } = ctx;
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
  const readFirst = firstCol >= 0 ? dateReader(ctx, firstCol) : null;
  const readLast = lastCol >= 0 ? dateReader(ctx, lastCol) : null;
  // Without a recency column the last purchase date is what recency is computed from.
  const lastRequired = recCol < 0 && lastCol >= 0;

  const size = Math.max(0, cells.length - headerIndex - 1);
  const rowOut = new Int32Array(size);
  const ids: string[] = [];
  const names: string[] | null = nameCol >= 0 ? [] : null;
  const rec = recCol >= 0 ? new Float64Array(size) : null;
  const freq = freqCol >= 0 ? new Float64Array(size) : null;
  const mon = new Float64Array(size);
  const firstP = firstCol >= 0 ? new Float64Array(size) : null;
  const lastP = lastCol >= 0 ? new Float64Array(size) : null;
  const profit = profitCol >= 0 ? new Float64Array(size) : null;
  const cats = categoricals(ctx, size);
  const seen = new Set<string>();
  const custHeader = headers[custCol];
  const idHeaderText = cellText(ctx.headerCells[custCol]);
  let n = 0;
  let maxDay = -Infinity;

  const skip = makeSkip(issues, sums.skipped);

  for (let r = headerIndex + 1; r < cells.length; r++) {
    if ((r & (ABORT_CHECK_ROWS - 1)) === 0 && ctx.signal?.aborted) throw new CancelledError();
    const row = cells[r] ?? [];
    const sheetRow = firstRow + r;
    if (isBlankRow(row)) {
      blank(issues, sheetRow);
      continue;
    }
    const amount = readAmount(row[monCol]);
    if (Number.isFinite(amount)) sums.input.add(amount);
    const idCell = row[custCol];
    const id = screenId(ctx, row, idCell, idHeaderText, custHeader, sheetRow, amount, skip);
    if (id === null) continue;
    let last = NaN;
    if (readLast) {
      const v = row[lastCol];
      last = readLast(v);
      if (last !== last && (lastRequired || !isBlankCell(v))) {
        skip(sheetRow, 'bad_date', amount, headers[lastCol], truncate(cellText(v)), id);
        continue;
      }
    }
    let first = NaN;
    if (readFirst) {
      const v = row[firstCol];
      first = readFirst(v);
      if (first !== first && !isBlankCell(v)) {
        skip(sheetRow, 'bad_date', amount, headers[firstCol], truncate(cellText(v)), id);
        continue;
      }
    }
    if (amount !== amount) {
      skip(sheetRow, 'bad_amount', amount, headers[monCol], truncate(cellText(row[monCol])), id);
      continue;
    }
    if (seen.has(id)) {
      skip(sheetRow, 'duplicate_customer', amount, custHeader, truncate(id), id);
      continue;
    }
    seen.add(id);
    rowOut[n] = sheetRow;
    ids.push(id);
    if (names) names.push(cellText(row[nameCol]));
    if (rec) rec[n] = readAmount(row[recCol]);
    if (freq) freq[n] = readAmount(row[freqCol]);
    mon[n] = amount;
    if (firstP) firstP[n] = first;
    if (lastP) lastP[n] = last;
    if (profit) profit[n] = readAmount(row[profitCol]);
    codeCategories(cats, row, n);
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
    region: cats.region ? cats.region.b.build(n) : null,
    product: cats.product ? cats.product.b.build(n) : null,
    category: cats.category ? cats.category.b.build(n) : null,
    channel: cats.channel ? cats.channel.b.build(n) : null,
  };
  return { used: n, tx: null, customers, maxDay: maxDay === -Infinity ? NaN : maxDay };
}
