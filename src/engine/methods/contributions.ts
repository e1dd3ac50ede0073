/**
 * Contributions (DESIGN §5.8): revenue, profit, customers and orders by region, category, product (top 50
 * plus "other") and channel, each sorted by revenue with its share and cumulative (Pareto) share, plus
 * rfm_segments segment × region. Built from the order lines when there are any (so a customer who buys in
 * two regions counts in both), else from each customer's dominant region/category/product/channel.
 *
 * - revenue = net amount (returns included), profit = NaN when there is no profit column;
 * - customers = distinct customers; orders = distinct orders (order id per customer, else purchase day per
 *   customer), returns included as in facts.orders; from customer-level data, the sum of facts.orders;
 * - a missing member is '' (an empty cell, as Excel shows "(blank)"); products beyond the top 50 are
 *   OTHER_MEMBER; both come after the named members;
 * - segment rows: revenueShare = share of the grand total, cumulativeShare = NaN.
 */
import type {
  Categorical,
  ContributionRow,
  CustomerFacts,
  Method,
  MethodContext,
  MethodResult,
  Notice,
  ReportTable,
  Transactions,
} from '../types';
import { runRfmSegments } from './rfmSegments';
import { checkAbort, Sum } from './stats';

export type Dimension = ContributionRow['dimension'];
export const DIMENSIONS: Dimension[] = ['region', 'category', 'product', 'channel'];
/** Member that gathers the products beyond the top TOP_PRODUCTS (text key value.other). */
export const OTHER_MEMBER = '(other)';
export const TOP_PRODUCTS = 50;

/** The rows to aggregate: order lines or customers, with a facts customer index each. */
interface Units {
  n: number;
  /** Index into facts (−1 when the line's customer is not in facts). */
  customer: Int32Array;
  /** Unit indices grouped by customer. */
  byCustomer: Int32Array;
  revenue: Float64Array;
  profit: Float64Array | null;
  /** Distinct-order id per line (tx), or null for customer units (orders are summed instead). */
  order: Int32Array | null;
  /** Unit indices grouped by order (null with order). */
  byOrder: Int32Array | null;
  nOrders: number;
  /** Orders per unit when order is null. */
  orderCount: Float64Array | null;
  dims: Record<Dimension, Categorical | null>;
  /** 0 for order lines dated after the as-of date (a holdout, outside the analysis), else 1. */
  keep: Uint8Array;
}

function hasDimension(
  src: {
    region: Categorical | null;
    category: Categorical | null;
    product: Categorical | null;
    channel: Categorical | null;
  } | null,
): boolean {
  return !!src && DIMENSIONS.some((d) => src[d] !== null);
}

/** Notice when there is no region, category, product or channel to break revenue down by. */
export function contributionsUnavailable(facts: CustomerFacts, tx: Transactions | null): Notice | null {
  if (facts.n === 0) return { key: 'notice.no_scored_customers' };
  return hasDimension(tx) || hasDimension(facts) ? null : { key: 'notice.contributions_no_dimension' };
}

/** 1 for the lines inside the window (day ≤ as-of), 0 for the holdout after it. */
function keepMask(day: Float64Array, asOf: number): Uint8Array {
  const keep = new Uint8Array(day.length);
  for (let j = 0; j < day.length; j++) keep[j] = day[j] <= asOf || Number.isNaN(asOf) ? 1 : 0;
  return keep;
}

/** Line indices grouped by key (a stable counting sort, O(n)); keys < nKeys, −1 keys go last. */
export function groupBy(keys: Int32Array, nKeys: number): Int32Array {
  const start = new Int32Array(nKeys + 2);
  for (let j = 0; j < keys.length; j++) start[(keys[j] < 0 ? nKeys : keys[j]) + 1]++;
  for (let k = 0; k <= nKeys; k++) start[k + 1] += start[k];
  const out = new Int32Array(keys.length);
  for (let j = 0; j < keys.length; j++) out[start[keys[j] < 0 ? nKeys : keys[j]]++] = j;
  return out;
}

function unitsFromTx(facts: CustomerFacts, tx: Transactions): Units {
  const index = new Map<string, number>();
  facts.ids.forEach((id, i) => index.set(id, i));
  const toFacts = Int32Array.from(tx.customerIds, (id) => index.get(id) ?? -1);
  const customer = new Int32Array(tx.n);
  for (let j = 0; j < tx.n; j++) customer[j] = toFacts[tx.customer[j]];
  // An order is (customer, order id), else (customer, purchase day). Walking the lines customer by
  // customer, a stamp per order id (or day) tells whether this customer has met it already: O(n).
  // An empty order id (−1) is one more key, as in facts.orders.
  let minDay = Infinity;
  let span: number;
  if (tx.order) span = (tx.orderIds?.length ?? 0) + 1;
  else {
    let maxDay = -Infinity;
    for (let j = 0; j < tx.n; j++) {
      minDay = Math.min(minDay, tx.day[j]);
      maxDay = Math.max(maxDay, tx.day[j]);
    }
    span = tx.n > 0 ? Math.floor(maxDay - minDay) + 1 : 0;
  }
  if (tx.order) for (let j = 0; j < tx.n; j++) span = Math.max(span, tx.order[j] + 2);
  const byCustomer = groupBy(tx.customer, tx.customerIds.length);
  const stamp = new Int32Array(span).fill(-1);
  const pid = new Int32Array(span);
  const orderOf = new Int32Array(tx.n);
  let nOrders = 0;
  for (let k = 0; k < tx.n; k++) {
    const j = byCustomer[k];
    const c = tx.customer[j];
    const o = tx.order ? (tx.order[j] < 0 ? span - 1 : tx.order[j]) : Math.floor(tx.day[j] - minDay);
    if (stamp[o] !== c) {
      stamp[o] = c;
      pid[o] = nOrders++;
    }
    orderOf[j] = pid[o];
  }
  return {
    n: tx.n,
    customer,
    byCustomer,
    revenue: tx.amount,
    profit: tx.profit,
    order: orderOf,
    byOrder: groupBy(orderOf, nOrders),
    nOrders,
    orderCount: null,
    dims: { region: tx.region, category: tx.category, product: tx.product, channel: tx.channel },
    keep: keepMask(tx.day, facts.asOf),
  };
}

function unitsFromFacts(facts: CustomerFacts): Units {
  const orderCount = new Float64Array(facts.n);
  for (let i = 0; i < facts.n; i++) {
    const o = facts.orders[i];
    orderCount[i] = Number.isFinite(o) ? o : Number.isFinite(facts.frequency[i]) ? facts.frequency[i] : 0;
  }
  return {
    n: facts.n,
    customer: Int32Array.from({ length: facts.n }, (_, i) => i),
    byCustomer: Int32Array.from({ length: facts.n }, (_, i) => i),
    revenue: facts.monetary,
    profit: facts.profit,
    order: null,
    byOrder: null,
    nOrders: 0,
    orderCount,
    dims: { region: facts.region, category: facts.category, product: facts.product, channel: facts.channel },
    keep: new Uint8Array(facts.n).fill(1),
  };
}

interface Totals {
  units: number[];
  revenue: number[];
  profit: number[];
  customers: number[];
  orders: number[];
}

/**
 * Number of distinct keys per code. `grouped` lists the units with equal keys next to each other, so a
 * stamp per code (the last key counted) finds each (code, key) pair once: O(n).
 */
function distinctPerCode(codes: Int32Array, keys: Int32Array, grouped: Int32Array, nCodes: number): number[] {
  const stamp = new Int32Array(nCodes).fill(-1);
  const out = new Array<number>(nCodes).fill(0);
  for (let k = 0; k < grouped.length; k++) {
    const j = grouped[k];
    const c = codes[j];
    const key = keys[j];
    if (c < 0 || key < 0 || stamp[c] === key) continue;
    stamp[c] = key;
    out[c]++;
  }
  return out;
}

/** Revenue, profit, distinct customers and orders per code (codes −1 are left out). */
function aggregate(u: Units, codes: Int32Array, nCodes: number): Totals {
  const revenue = Array.from({ length: nCodes }, () => new Sum());
  const profit = Array.from({ length: nCodes }, () => new Sum());
  const orderSums = new Array<number>(nCodes).fill(0);
  const units = new Array<number>(nCodes).fill(0);
  for (let j = 0; j < u.n; j++) {
    const c = codes[j];
    if (c < 0) continue;
    units[c]++;
    revenue[c].add(u.revenue[j]);
    if (u.profit && Number.isFinite(u.profit[j])) profit[c].add(u.profit[j]);
    if (u.orderCount) orderSums[c] += u.orderCount[j];
  }
  return {
    units,
    revenue: revenue.map((s) => s.value),
    profit: profit.map((s) => (u.profit ? s.value : NaN)),
    customers: distinctPerCode(codes, u.customer, u.byCustomer, nCodes),
    orders: u.order && u.byOrder ? distinctPerCode(codes, u.order, u.byOrder, nCodes) : orderSums,
  };
}

/** Member codes of a dimension: labels, then '' (blank) and, for products, OTHER_MEMBER. */
function memberCodes(
  u: Units,
  cat: Categorical,
  top: number,
): { codes: Int32Array; labels: string[]; tail: number } {
  const L = cat.labels.length;
  const blank = L;
  // Lines outside the window get −1 and are left out everywhere.
  const codes = new Int32Array(u.n);
  for (let j = 0; j < u.n; j++) codes[j] = u.keep[j] === 0 ? -1 : cat.codes[j] < 0 ? blank : cat.codes[j];
  let labels = [...cat.labels, ''];
  if (L > top) {
    // Keep the top members by revenue (ties by label); the rest become OTHER_MEMBER.
    const rev = new Float64Array(L);
    for (let j = 0; j < u.n; j++) if (codes[j] >= 0 && codes[j] < L) rev[codes[j]] += u.revenue[j];
    const ranked = Array.from({ length: L }, (_, c) => c).sort(
      (a, b) =>
        rev[b] - rev[a] || (cat.labels[a] < cat.labels[b] ? -1 : cat.labels[a] > cat.labels[b] ? 1 : 0),
    );
    const map = new Int32Array(L + 1).fill(top + 1);
    ranked.slice(0, top).forEach((c, k) => (map[c] = k));
    map[blank] = top;
    for (let j = 0; j < u.n; j++) if (codes[j] >= 0) codes[j] = map[codes[j]];
    labels = [...ranked.slice(0, top).map((c) => cat.labels[c]), '', OTHER_MEMBER];
    return { codes, labels, tail: top };
  }
  return { codes, labels, tail: L };
}

/** Contribution rows and the long-format table, from the context. */
export function computeContributions(
  ctx: MethodContext,
  segments: (string | null)[],
  segmentIds: string[],
): ContributionRow[] {
  const { facts, tx } = ctx;
  const u = tx && tx.n > 0 && hasDimension(tx) ? unitsFromTx(facts, tx) : unitsFromFacts(facts);
  const grand = new Sum();
  for (let j = 0; j < u.n; j++) if (u.keep[j] === 1) grand.add(u.revenue[j]);
  const total = grand.value;
  const share = (v: number): number => (total !== 0 ? v / total : NaN);
  const rows: ContributionRow[] = [];
  let regionMembers: { codes: Int32Array; labels: string[]; order: number[] } | null = null;
  for (const dimension of DIMENSIONS) {
    checkAbort(ctx.signal);
    const cat = u.dims[dimension];
    if (!cat) continue;
    const { codes, labels, tail } = memberCodes(u, cat, dimension === 'product' ? TOP_PRODUCTS : Infinity);
    const t = aggregate(u, codes, labels.length);
    // Named members by revenue desc (ties by label), then blank and other; empty members are dropped.
    const named = Array.from({ length: tail }, (_, c) => c).sort(
      (a, b) => t.revenue[b] - t.revenue[a] || (labels[a] < labels[b] ? -1 : labels[a] > labels[b] ? 1 : 0),
    );
    const order = [...named, ...labels.map((_, c) => c).slice(tail)].filter((c) => t.units[c] > 0);
    let cum = 0;
    for (const c of order) {
      cum += t.revenue[c];
      rows.push({
        dimension,
        member: labels[c],
        segment: '',
        revenue: t.revenue[c],
        profit: t.profit[c],
        customers: t.customers[c],
        orders: t.orders[c],
        revenueShare: share(t.revenue[c]),
        cumulativeShare: share(cum),
      });
    }
    if (dimension === 'region') regionMembers = { codes, labels, order };
  }
  if (regionMembers) {
    // Segment × region: code = region member · S + segment; lines of unsegmented customers are left out.
    const S = segmentIds.length;
    const segIndex = new Map(segmentIds.map((id, k) => [id, k]));
    const segOf = Int32Array.from(segments, (s) => (s === null ? -1 : (segIndex.get(s) ?? -1)));
    const codes = new Int32Array(u.n);
    for (let j = 0; j < u.n; j++) {
      const c = u.customer[j];
      const s = c >= 0 ? segOf[c] : -1;
      const m = regionMembers.codes[j];
      codes[j] = s < 0 || m < 0 ? -1 : m * S + s;
    }
    const t = aggregate(u, codes, regionMembers.labels.length * S);
    for (const m of regionMembers.order) {
      for (let s = 0; s < S; s++) {
        const c = m * S + s;
        if (t.units[c] === 0) continue;
        rows.push({
          dimension: 'region',
          member: regionMembers.labels[m],
          segment: segmentIds[s],
          revenue: t.revenue[c],
          profit: t.profit[c],
          customers: t.customers[c],
          orders: t.orders[c],
          revenueShare: share(t.revenue[c]),
          cumulativeShare: NaN,
        });
      }
    }
  }
  return rows;
}

/** The contributions ReportTable (long format) from the rows. */
export function contributionsTable(rows: ContributionRow[]): ReportTable {
  const n = (v: number): number | null => (Number.isFinite(v) ? v : null);
  return {
    id: 'contributions',
    columns: [
      { key: 'dimension', format: 'text' },
      { key: 'member', format: 'text' },
      { key: 'segment', format: 'text' },
      { key: 'revenue', format: 'currency' },
      { key: 'revenue_share', format: 'percent' },
      { key: 'cumulative_share', format: 'percent' },
      { key: 'profit', format: 'currency' },
      { key: 'customers', format: 'integer' },
      { key: 'orders', format: 'integer' },
    ],
    rows: rows.map((r) => [
      r.dimension,
      r.member === '' ? null : r.member,
      r.segment === '' ? null : r.segment,
      r.revenue,
      n(r.revenueShare),
      n(r.cumulativeShare),
      n(r.profit),
      r.customers,
      r.orders,
    ]),
  };
}

/** Runs the contributions method (reads rfm_segments, computing it when it did not run). */
export function runContributions(ctx: MethodContext): MethodResult {
  checkAbort(ctx.signal);
  let seg = ctx.earlier.get('rfm_segments');
  if (!seg && ctx.facts.scored.some((s) => s === 1)) seg = runRfmSegments(ctx);
  const col = seg?.columns.find((c) => c.key === seg?.segmentColumn);
  const segments =
    col && Array.isArray(col.values) ? col.values : new Array<string | null>(ctx.facts.n).fill(null);
  const rows = computeContributions(ctx, segments, seg?.segmentIds ?? []);
  return {
    id: 'contributions',
    columns: [],
    tables: [contributionsTable(rows)],
    model: { rows },
  };
}

export const contributionsMethod: Method = {
  id: 'contributions',
  byDefault: true,
  after: ['rfm_segments'],
  unavailable: contributionsUnavailable,
  run: runContributions,
};

/** The ContributionRow[] of a contributions result (model.rows), or [] when it did not run. */
export function contributionRowsOf(result: MethodResult | undefined): ContributionRow[] {
  const rows = result?.id === 'contributions' ? result.model?.rows : undefined;
  return Array.isArray(rows) ? (rows as ContributionRow[]) : [];
}
