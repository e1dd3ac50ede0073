/**
 * Column roles: a zh/en synonym dictionary with scores, confirmed by a profile of each column's values,
 * and the user's overrides. Each column gets at most one role and each role at most one column.
 */
import { EngineError, ROLES } from '../types';
import type { AnalyzeOptions, Cell, ColumnRole, Role } from '../types';
import { dateShape, dayFromText, parseAmount, plausibleDateNumber } from './values';

/** Header synonyms per role with a score 0..1 (1 = unambiguous; lower = a weaker or broader word). */
// prettier-ignore
const SYNONYMS: Record<Role, [string, number][]> = {
  customer_id: [
    ['客户ID', 1], ['客户编号', 1], ['客户代码', 0.95], ['客户号', 0.95], ['客户编码', 0.95], ['客户账号', 0.9], ['会员编号', 1],
    ['会员ID', 1], ['会员号', 0.95], ['会员卡号', 0.9], ['用户ID', 1], ['用户编号', 0.95], ['买家ID', 1], ['买家账号', 0.9],
    ['顾客ID', 1], ['顾客编号', 1], ['客户', 0.8], ['顾客', 0.75], ['会员', 0.7], ['买家', 0.7], ['用户', 0.6],
    ['Customer ID', 1], ['CustomerID', 1], ['Customer No', 0.95], ['Customer Number', 0.95],
    ['Customer Code', 0.95], ['Customer Key', 0.9], ['Cust ID', 1], ['Cust No', 0.95], ['Client ID', 1],
    ['Member ID', 0.95], ['User ID', 0.9], ['Buyer ID', 0.9], ['Account ID', 0.8], ['Customer', 0.8],
    ['Client', 0.7], ['Cust', 0.8], ['ID', 0.5],
  ],
  customer_name: [
    ['客户名称', 1], ['客户姓名', 1], ['客户名', 0.95], ['客户全称', 0.95], ['会员姓名', 0.95], ['会员名称', 0.95], ['顾客姓名', 0.95],
    ['买家昵称', 0.85], ['用户名', 0.7], ['姓名', 0.8], ['公司名称', 0.7], ['Customer Name', 1], ['Client Name', 1],
    ['Cust Name', 1], ['Full Name', 0.7], ['Contact Name', 0.6], ['Name', 0.6], ['Company', 0.5],
  ],
  order_id: [
    ['订单ID', 1], ['订单号', 1], ['订单编号', 1], ['单据编号', 0.9], ['单号', 0.85], ['交易号', 0.85], ['交易ID', 0.85],
    ['发票号', 0.85], ['小票号', 0.85], ['流水号', 0.75], ['订单', 0.7], ['Order ID', 1], ['OrderID', 1],
    ['Order No', 1], ['Order Number', 1], ['InvoiceNo', 1], ['Invoice No', 1], ['Invoice ID', 1],
    ['Invoice Number', 1], ['Invoice', 0.9], ['Transaction ID', 0.9], ['Receipt No', 0.85], ['Receipt', 0.7],
  ],
  order_date: [
    ['订单日期', 1], ['下单时间', 1], ['下单日期', 1], ['成交日期', 1], ['成交时间', 0.95], ['订单时间', 0.95], ['交易日期', 0.95],
    ['购买日期', 0.95], ['消费日期', 0.95], ['销售日期', 0.95], ['付款时间', 0.9], ['付款日期', 0.9], ['支付时间', 0.9],
    ['交易时间', 0.9], ['消费时间', 0.9], ['创建时间', 0.7], ['日期', 0.8], ['时间', 0.6], ['Order Date', 1],
    ['OrderDate', 1], ['InvoiceDate', 1], ['Invoice Date', 1], ['Purchase Date', 1], ['Transaction Date', 1],
    ['Sale Date', 0.95], ['Sales Date', 0.95], ['Order Time', 0.9], ['Date', 0.8], ['Datetime', 0.7],
    ['Created At', 0.6], ['Timestamp', 0.6],
  ],
  amount: [
    ['销售额', 1], ['实付金额', 1], ['成交金额', 1], ['订单金额', 1], ['销售金额', 1], ['金额', 0.9], ['支付金额', 0.95],
    ['付款金额', 0.95], ['实收金额', 0.95], ['交易金额', 0.95], ['总金额', 0.95], ['消费金额', 0.9], ['营业额', 0.9], ['总价', 0.85],
    ['商品金额', 0.85], ['应付金额', 0.8], ['收入', 0.75], ['Sales', 1], ['Amount', 1], ['Revenue', 1],
    ['Sales Amount', 1], ['Order Amount', 1], ['Total Amount', 0.95], ['Net Sales', 0.95],
    ['Gross Sales', 0.9], ['Line Total', 0.9], ['Spend', 0.9], ['Spent', 0.9], ['Dollar Value', 0.9],
    ['Total', 0.7], ['Subtotal', 0.7], ['Value', 0.6],
  ],
  quantity: [
    ['数量', 1], ['购买数量', 1], ['销售数量', 1], ['商品数量', 1], ['件数', 0.9], ['销量', 0.9], ['Quantity', 1], ['Qty', 1],
    ['Units', 0.85], ['Number of Units', 0.9], ['Count', 0.5],
  ],
  unit_price: [
    ['单价', 1], ['销售单价', 1], ['成交单价', 1], ['商品单价', 1], ['售价', 0.85], ['价格', 0.8], ['UnitPrice', 1],
    ['Unit Price', 1], ['Price', 0.85], ['Price Each', 0.95],
  ],
  profit: [
    ['利润', 1], ['毛利', 1], ['毛利润', 1], ['利润额', 1], ['毛利额', 1], ['净利润', 0.95], ['Profit', 1],
    ['Gross Profit', 1], ['Margin', 0.9], ['Gross Margin', 0.9], ['Net Profit', 0.95],
  ],
  region: [
    ['地区', 1], ['区域', 1], ['销售区域', 1], ['大区', 0.95], ['片区', 0.9], ['省份', 0.8], ['省', 0.75], ['省/自治区', 0.75],
    ['省市', 0.75], ['自治区', 0.7], ['国家/地区', 0.7], ['国家', 0.65], ['城市', 0.6], ['Region', 1], ['Sales Region', 1],
    ['Territory', 0.9], ['Area', 0.85], ['Province', 0.75], ['State', 0.7], ['Country', 0.65], ['City', 0.6],
    ['Market', 0.6],
  ],
  product: [
    ['产品名称', 1], ['商品名称', 1], ['货品名称', 0.95], ['品名', 0.9], ['宝贝名称', 0.9], ['产品', 0.85], ['商品', 0.85],
    ['商品标题', 0.85], ['产品ID', 0.5], ['商品ID', 0.5], ['商品编码', 0.5], ['产品编号', 0.5], ['Product Name', 1],
    ['Item Name', 0.95], ['Product Description', 0.9], ['Product', 0.85], ['Item', 0.75],
    ['Description', 0.7], ['Product ID', 0.5], ['StockCode', 0.5], ['Stock Code', 0.5], ['Item Code', 0.5],
    ['SKU', 0.5],
  ],
  category: [
    ['类别', 1], ['品类', 1], ['产品类别', 1], ['商品类别', 1], ['商品分类', 1], ['类目', 0.95], ['分类', 0.9], ['大类', 0.9],
    ['子类别', 0.6], ['子类', 0.55], ['小类', 0.55], ['Category', 1], ['Product Category', 1], ['Product Line', 0.8],
    ['Sub-Category', 0.6], ['Subcategory', 0.6], ['Department', 0.6], ['Type', 0.5],
  ],
  channel: [
    ['渠道', 1], ['销售渠道', 1], ['订单来源', 0.9], ['客户来源', 0.85], ['来源', 0.8], ['平台', 0.75], ['店铺', 0.6],
    ['门店', 0.6], ['Channel', 1], ['Sales Channel', 1], ['Source', 0.8], ['Platform', 0.75], ['Medium', 0.6],
    ['Store', 0.55],
  ],
  recency: [
    ['最近一次消费距今天数', 1], ['最近消费距今天数', 1], ['距今天数', 0.9], ['最近消费间隔', 0.9], ['未消费天数', 0.9], ['沉睡天数', 0.8],
    ['R值', 0.9], ['R', 0.8], ['Recency', 1], ['Recency Days', 1], ['Days Since Last Purchase', 1],
    ['Days Since Last Order', 1],
  ],
  frequency: [
    ['消费次数', 1], ['购买频次', 1], ['购买次数', 1], ['下单次数', 1], ['订单数', 0.95], ['订单量', 0.9], ['频次', 0.9],
    ['频率', 0.85], ['F值', 0.9], ['F', 0.8], ['Frequency', 1], ['Order Count', 1], ['Number of Orders', 1],
    ['Purchase Count', 1], ['Orders', 0.8], ['Transactions', 0.7],
  ],
  monetary: [
    ['累计消费金额', 1], ['消费总额', 1], ['总消费金额', 1], ['消费总金额', 1], ['累计购买金额', 1], ['累计消费', 0.95], ['累计金额', 0.95],
    ['M值', 0.9], ['M', 0.8], ['Monetary', 1], ['Monetary Value', 1], ['Total Spent', 0.95],
    ['Total Spend', 0.95], ['Total Sales', 0.85], ['Total Revenue', 0.85], ['Lifetime Value', 0.7],
  ],
  first_purchase: [
    ['首次购买日期', 1], ['首次消费日期', 1], ['首次购买时间', 1], ['首次下单时间', 1], ['首购日期', 1], ['首单日期', 1], ['首次消费时间', 1],
    ['注册日期', 0.5], ['First Purchase Date', 1], ['First Purchase', 1], ['First Order Date', 1],
    ['First Order', 0.9],
  ],
  last_purchase: [
    ['最近购买日期', 1], ['最后购买日期', 1], ['最近消费日期', 1], ['最后消费日期', 1], ['最近一次消费时间', 1], ['最近一次消费日期', 1],
    ['最近一次购买日期', 1], ['最近下单时间', 1], ['最后下单时间', 1], ['末次消费日期', 1], ['Last Purchase Date', 1],
    ['Last Purchase', 1], ['Last Order Date', 1], ['Last Order', 0.9], ['Last Transaction Date', 0.95],
  ],
};

/** Words that stop a partial (contained) match for a role: a ship date is not an order date, etc. */
const EXCLUDE: Partial<Record<Role, string[]>> = {
  order_date: [
    'ship',
    '发货',
    '邮寄',
    '送达',
    '到货',
    'deliver',
    '生日',
    'birth',
    '注册',
    'regist',
    'due',
    '到期',
    '首次',
    '最近',
    '最后',
    'first',
    'last',
  ],
  profit: ['率', 'rate', 'pct', 'percent', 'ratio'],
  category: ['子', 'sub'],
  amount: ['单价', 'unit', 'price', '累计', '率', 'rate', 'discount', '折扣'],
  customer_id: ['名称', '姓名', 'name', '来源', 'source', '类型', 'type', '等级', 'level', 'segment', '细分'],
  region: ['code', '编码', '邮编', 'postal', 'zip'],
};

const DATE_ROLES: ReadonlySet<Role> = new Set<Role>(['order_date', 'first_purchase', 'last_purchase']);
const NUMBER_ROLES: ReadonlySet<Role> = new Set<Role>([
  'amount',
  'quantity',
  'unit_price',
  'profit',
  'recency',
  'frequency',
  'monetary',
]);
const TEXT_ROLES: ReadonlySet<Role> = new Set<Role>([
  'customer_name',
  'region',
  'product',
  'category',
  'channel',
]);

/** Minimum score for a detected role. */
const MIN_SCORE = 0.35;

/** Normalised header text for matching: NFKC (full-width), lower case, no brackets/units, spaces or punctuation. */
export function normalizeHeader(text: string): string {
  let s = text.normalize('NFKC').toLowerCase();
  // Units and notes in brackets: 实付金额(元), Sales [USD], 金额（万元）.
  s = s.replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】|<[^>]*>/g, '');
  return s.replace(/[\s\u00a0\ufeff_\-./\\:#*'"`·,;|!?~、，。：；]+/g, '');
}

interface Synonym {
  key: string;
  role: Role;
  score: number;
}

const EXACT = new Map<string, Synonym[]>();
const PARTIAL: Synonym[] = [];
for (const role of ROLES) {
  for (const [word, score] of SYNONYMS[role]) {
    const key = normalizeHeader(word);
    const syn = { key, role, score };
    const list = EXACT.get(key);
    if (list) list.push(syn);
    else EXACT.set(key, [syn]);
    // Only distinctive words may match inside a longer header ("客户编号(CRM)" but not "id" in "row id").
    const cjk = /[\u3400-\u9fff]/.test(key);
    if (score >= 0.7 && (cjk ? key.length >= 2 : key.length >= 4)) PARTIAL.push(syn);
  }
}

/** Header-only score of each role for a header text (roles with no match are absent). */
export function headerScores(header: string): Map<Role, number> {
  const key = normalizeHeader(header);
  const out = new Map<Role, number>();
  if (key === '') return out;
  for (const syn of EXACT.get(key) ?? []) out.set(syn.role, Math.max(out.get(syn.role) ?? 0, syn.score));
  for (const syn of PARTIAL) {
    if (key === syn.key || !key.includes(syn.key)) continue;
    if ((EXCLUDE[syn.role] ?? []).some((w) => key.includes(w) && !syn.key.includes(w))) continue;
    const s = syn.score * 0.7;
    if (s > (out.get(syn.role) ?? 0)) out.set(syn.role, s);
  }
  return out;
}

/** What a column's values look like, from a sample of data rows. */
export interface ColumnProfile {
  nonEmpty: number;
  /** Cells that read as numbers (parseAmount). */
  numeric: number;
  /** Numeric cells that are whole numbers. */
  integer: number;
  /** Cells that read as dates: date text, or numbers that look like serials/YYYYMMDD. */
  date: number;
  /** Distinct non-empty values. */
  distinct: number;
  /** The sheet's number format shows this column as dates (numbers here are date serials). */
  dateFormatted?: boolean;
}

/** True for an Excel number format that shows a date (y or d outside quotes and brackets). */
export function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  const s = format.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '').toLowerCase();
  return /[yd]/.test(s) || /m{3,}/.test(s) || /[年月日]/.test(format);
}

/** Profiles the columns on up to `limit` data rows after the header. */
export function profileColumns(
  cells: readonly (readonly Cell[])[],
  headerIndex: number,
  width: number,
  numberFormats?: readonly (readonly string[])[],
  limit = 500,
): ColumnProfile[] {
  const end = Math.min(cells.length, headerIndex + 1 + limit);
  const dateFormatted: boolean[] = [];
  for (let c = 0; c < width; c++) {
    let f = false;
    for (let r = headerIndex + 1; r < Math.min(end, numberFormats?.length ?? 0); r++) {
      if (isDateFormat(numberFormats?.[r]?.[c])) f = true;
    }
    dateFormatted.push(f);
  }
  const out: ColumnProfile[] = [];
  for (let c = 0; c < width; c++) {
    const p: ColumnProfile = {
      nonEmpty: 0,
      numeric: 0,
      integer: 0,
      date: 0,
      distinct: 0,
      dateFormatted: dateFormatted[c],
    };
    const seen = new Set<string>();
    for (let r = headerIndex + 1; r < end; r++) {
      const v = cells[r]?.[c];
      if (v === null || v === undefined || v === '' || (typeof v === 'string' && v.trim() === '')) continue;
      p.nonEmpty++;
      seen.add(String(v).trim());
      const n = parseAmount(v);
      const shape = dateShape(v);
      const isDateText =
        typeof v === 'string' &&
        shape !== null &&
        shape.form !== 'serial' &&
        (Number.isFinite(dayFromText(v, 'mdy')) || Number.isFinite(dayFromText(v, 'dmy')));
      if (isDateText) p.date++;
      else if (Number.isFinite(n)) {
        p.numeric++;
        if (Number.isInteger(n)) p.integer++;
        if (typeof v === 'number' || shape !== null) {
          if (dateFormatted[c] || plausibleDateNumber(n)) p.date++;
        }
      }
    }
    p.distinct = seen.size;
    out.push(p);
  }
  return out;
}

/** Header score adjusted by what the values look like (0 when the values rule the role out). */
export function confirmScore(role: Role, headerScore: number, p: ColumnProfile | undefined): number {
  if (!p || p.nonEmpty === 0) return headerScore * 0.8;
  const dateShare = p.date / p.nonEmpty;
  const numShare = p.numeric / p.nonEmpty;
  let s = headerScore;
  if (DATE_ROLES.has(role)) s *= dateShare < 0.5 ? 0.3 : 0.7 + 0.3 * dateShare;
  else if (NUMBER_ROLES.has(role)) {
    // A numeric role must be mostly numbers; date text (ISO strings) and date-formatted serials do not count.
    s *= numShare < 0.5 || p.dateFormatted ? 0.3 : 0.7 + 0.3 * numShare;
  } else if (TEXT_ROLES.has(role)) {
    if (numShare > 0.8) s *= 0.6;
  } else if (role === 'customer_id') {
    if (p.numeric > 0 && p.integer / p.numeric < 0.5) s *= 0.4;
    else if (dateShare > 0.8 && p.numeric < p.date) s *= 0.4;
  }
  return Math.min(1, s);
}

/** Detected roles: header synonyms confirmed by the values, then the user's overrides. */
export function detectRoles(
  headers: readonly string[],
  profiles: readonly (ColumnProfile | undefined)[],
  map?: AnalyzeOptions['map'],
): ColumnRole[] {
  const candidates: { column: number; role: Role; score: number }[] = [];
  headers.forEach((h, column) => {
    for (const [role, score] of headerScores(h)) {
      const s = confirmScore(role, score, profiles[column]);
      if (s >= MIN_SCORE) candidates.push({ column, role, score: s });
    }
  });
  // Greedy: the strongest (column, role) pairs first; ties go to the leftmost column.
  candidates.sort(
    (a, b) => b.score - a.score || a.column - b.column || ROLES.indexOf(a.role) - ROLES.indexOf(b.role),
  );
  const byRole = new Map<Role, ColumnRole>();
  const usedColumns = new Set<number>();
  for (const c of candidates) {
    if (byRole.has(c.role) || usedColumns.has(c.column)) continue;
    byRole.set(c.role, {
      role: c.role,
      column: c.column,
      header: headers[c.column],
      confidence: round2(c.score),
      source: 'header',
    });
    usedColumns.add(c.column);
  }
  // An order date from the values alone: an unnamed column that is clearly dates.
  if (!byRole.has('order_date') && !byRole.has('last_purchase')) {
    for (let column = 0; column < headers.length; column++) {
      const p = profiles[column];
      if (usedColumns.has(column) || !p || p.nonEmpty < 2) continue;
      const share = p.date / p.nonEmpty;
      // Plain numbers only count as dates when the sheet formats them as dates.
      if (share >= 0.9 && (p.numeric < p.nonEmpty || p.dateFormatted)) {
        byRole.set('order_date', {
          role: 'order_date',
          column,
          header: headers[column],
          confidence: round2(0.6 * share),
          source: 'values',
        });
        usedColumns.add(column);
        break;
      }
    }
  }
  if (map) applyOverrides(byRole, headers, map);
  return ROLES.filter((r) => byRole.has(r)).map((r) => byRole.get(r) as ColumnRole);
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Finds the column a user override names: index, exact header text, then normalised text. */
export function resolveColumn(headers: readonly string[], ref: string | number): number {
  if (typeof ref === 'number') return Number.isInteger(ref) && ref >= 0 && ref < headers.length ? ref : -1;
  const exact = headers.indexOf(ref);
  if (exact >= 0) return exact;
  const trimmed = headers.findIndex((h) => h.trim() === ref.trim());
  if (trimmed >= 0) return trimmed;
  const key = normalizeHeader(ref);
  return key === '' ? -1 : headers.findIndex((h) => normalizeHeader(h) === key);
}

function applyOverrides(
  byRole: Map<Role, ColumnRole>,
  headers: readonly string[],
  map: NonNullable<AnalyzeOptions['map']>,
): void {
  for (const role of ROLES) {
    if (!Object.prototype.hasOwnProperty.call(map, role)) continue;
    const ref = map[role];
    if (ref === undefined) continue;
    byRole.delete(role);
    if (ref === null) continue;
    const column = resolveColumn(headers, ref);
    if (column < 0) throw new EngineError('map_unknown_header', { role, header: String(ref) });
    // The user's choice wins over whatever was on that column before (one role per column).
    for (const [other, cr] of byRole) {
      if (cr.column === column) byRole.delete(other);
    }
    byRole.set(role, { role, column, header: headers[column], confidence: 1, source: 'user' });
  }
}

/** How strongly a row's cells look like header labels: the number of cells matching some role. */
export function synonymMatches(row: readonly Cell[]): number {
  let n = 0;
  for (const v of row) {
    if (typeof v !== 'string') continue;
    const scores = headerScores(v);
    let best = 0;
    for (const s of scores.values()) best = Math.max(best, s);
    if (best >= 0.5) n++;
  }
  return n;
}
