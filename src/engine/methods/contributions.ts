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
import { findPairRuns, gather, keyStarts, maxOf, scatter } from '../customers/runs';
import { runRfmSegments } from './rfmSegments';
import { checkAbort, Sum } from './stats';

export type Dimension = ContributionRow['dimension'];
export const DIMENSIONS: Dimension[] = ['region', 'category', 'product', 'channel'];
/** Member that gathers the products beyond the top TOP_PRODUCTS (text key value.other). */
export const OTHER_MEMBER = '(other)';
export const TOP_PRODUCTS = 50;

// Speed: per breakdown (a dimension, or segment × region) one pass over the units in order for the sums
// and one over the units grouped by customer and order for the distinct counts. Order lines come in runs
// (consecutive lines of one order), so the grouping sorts runs rather than lines and the second pass reads
// each run's lines in sequence. Each pass is a small function with one loop nest and typed arrays as
// arguments: V8 optimizes it within its first call and keeps it monomorphic. Nothing after such a loop
// needs type feedback (no property access, call, arithmetic or object literal): code compiled mid-loop
// would be thrown away there, on every call.

/** The rows to aggregate (order lines, or customers), and their runs grouped by customer and order. */
interface Units {
  n: number;
  revenue: Float64Array;
  profit: Float64Array | null;
  dims: Record<Dimension, Categorical | null>;
  /** 0 for order lines dated after the as-of date (a holdout, outside the analysis); null: all inside. */
  keep: Uint8Array | null;
  /** Owner of each unit (its customer for an order line, else itself) and each owner's facts index. */
  owner: Int32Array;
  ownerFacts: Int32Array;
  /**
   * Runs of units (consecutive units of one owner and one order) sorted by owner and, within an owner, by
   * order, so that each owner's runs and each order's runs are together. Run g is units runFrom[g] …
   * runTo[g] − 1, of owner runOwner[g] and order number runOrder[g].
   */
  runFrom: Int32Array;
  runTo: Int32Array;
  runOwner: Int32Array;
  runOrder: Int32Array;
  /** Orders per unit when units are customers (summed instead of counted). */
  orderCount: Float64Array | null;
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

/** How many leading days are ≤ asOf (all of them: no line is left out). */
function leadingInside(day: Float64Array, asOf: number): number {
  let j = 0;
  while (j < day.length && day[j] <= asOf) j++;
  return j;
}

/** 1 for the lines inside the window (day ≤ as-of), 0 for the holdout after it. */
function keepMask(day: Float64Array, asOf: number): Uint8Array {
  const keep = new Uint8Array(day.length);
  for (let j = 0; j < day.length; j++) keep[j] = day[j] <= asOf ? 1 : 0;
  return keep;
}

/** Sets the negative values to `value`. */
function replaceNegative(a: Int32Array, value: number): void {
  for (let j = 0; j < a.length; j++) if (a[j] < 0) a[j] = value;
}

/** The smallest value (Infinity for none). */
function minOf(a: Float64Array): number {
  let lo = Infinity;
  for (let j = 0; j < a.length; j++) lo = Math.min(lo, a[j]);
  return lo;
}

/** Whole days since `first`: the order key of each line when there is no order id. */
function dayOffsets(day: Float64Array, first: number): Int32Array {
  const out = new Int32Array(day.length);
  for (let j = 0; j < day.length; j++) out[j] = Math.floor(day[j] - first);
  return out;
}

/** Order number of each run in `sorted` (runs of one owner and one key together): it grows at each change. */
function orderNumbers(sorted: Int32Array, owner: Int32Array, key: Int32Array): Int32Array {
  const out = new Int32Array(sorted.length);
  let order = -1;
  for (let g = 0; g < sorted.length; g++) {
    const r = sorted[g];
    if (g === 0 || owner[r] !== owner[sorted[g - 1]] || key[r] !== key[sorted[g - 1]]) order++;
    out[g] = order;
  }
  return out;
}

/** Runs of lines (one customer, one order), sorted by customer and order key. */
interface Runs {
  from: Int32Array;
  to: Int32Array;
  owner: Int32Array;
  order: Int32Array;
}

/** Runs of lines (one customer, one order) sorted by customer and order key, as Units needs them. */
function sortedRuns(owner: Int32Array, nOwners: number, key: Int32Array): Runs {
  const at = new Int32Array(owner.length + 1);
  const runs = findPairRuns(owner, key, at);
  at[runs] = owner.length;
  const from = at.subarray(0, runs);
  const to = at.subarray(1, runs + 1);
  // Sorted by key, then stably by owner (a radix sort): each owner's runs together and, within them,
  // each key's. The empty order id (−1) becomes one more key.
  const runKey = gather(key, from);
  const nKeys = maxOf(runKey) + 2;
  replaceNegative(runKey, nKeys - 1);
  const byKey = scatter(runKey, keyStarts(runKey, nKeys));
  const runOwner = gather(owner, from);
  const sorted = gather(byKey, scatter(gather(runOwner, byKey), keyStarts(runOwner, nOwners)));
  return {
    from: gather(from, sorted),
    to: gather(to, sorted),
    owner: gather(runOwner, sorted),
    order: orderNumbers(sorted, runOwner, runKey),
  };
}

function unitsFromTx(facts: CustomerFacts, tx: Transactions): Units {
  // Facts built from these lines share their list of ids.
  let ownerFacts: Int32Array;
  if (facts.ids === tx.customerIds) ownerFacts = Int32Array.from(tx.customerIds, (_, i) => i);
  else {
    const index = new Map<string, number>();
    facts.ids.forEach((id, i) => index.set(id, i));
    ownerFacts = Int32Array.from(tx.customerIds, (id) => index.get(id) ?? -1);
  }
  // An order is (customer, order id), else (customer, purchase day); the empty order id (−1) is one
  // more key, as in facts.orders.
  const key = tx.order ?? dayOffsets(tx.day, minOf(tx.day));
  const runs = sortedRuns(tx.customer, ownerFacts.length, key);
  return {
    n: tx.n,
    revenue: tx.amount,
    profit: tx.profit,
    dims: { region: tx.region, category: tx.category, product: tx.product, channel: tx.channel },
    keep:
      Number.isNaN(facts.asOf) || leadingInside(tx.day, facts.asOf) === tx.n
        ? null
        : keepMask(tx.day, facts.asOf),
    owner: tx.customer,
    ownerFacts,
    runFrom: runs.from,
    runTo: runs.to,
    runOwner: runs.owner,
    runOrder: runs.order,
    orderCount: null,
  };
}

function unitsFromFacts(facts: CustomerFacts): Units {
  const orderCount = new Float64Array(facts.n);
  for (let i = 0; i < facts.n; i++) {
    const o = facts.orders[i];
    orderCount[i] = Number.isFinite(o) ? o : Number.isFinite(facts.frequency[i]) ? facts.frequency[i] : 0;
  }
  // Each customer is its own owner and its own run.
  const identity = Int32Array.from({ length: facts.n + 1 }, (_, i) => i);
  const units = identity.subarray(0, facts.n);
  return {
    n: facts.n,
    revenue: facts.monetary,
    profit: facts.profit,
    dims: { region: facts.region, category: facts.category, product: facts.product, channel: facts.channel },
    keep: null,
    owner: units,
    ownerFacts: units,
    runFrom: units,
    runTo: identity.subarray(1),
    runOwner: units,
    runOrder: units,
    orderCount,
  };
}

/** Plain sum of the revenue per label over the lines inside the window (to rank products). */
function labelRevenue(cat: Categorical, revenue: Float64Array, keep: Uint8Array | null): Float64Array {
  const rev = new Float64Array(cat.labels.length);
  const codes = cat.codes;
  for (let j = 0; j < codes.length; j++)
    if (codes[j] >= 0 && (!keep || keep[j] === 1)) rev[codes[j]] += revenue[j];
  return rev;
}

/**
 * Members of a dimension: labels, then '' (blank) and, for products beyond the top, OTHER_MEMBER; with
 * the map from label code (blank = L) to member, and how many members are named.
 */
function members(
  u: Units,
  cat: Categorical,
  top: number,
): { map: Int32Array; labels: string[]; tail: number } {
  const L = cat.labels.length;
  if (L <= top) {
    return { map: Int32Array.from({ length: L + 1 }, (_, c) => c), labels: [...cat.labels, ''], tail: L };
  }
  // Keep the top members by revenue (ties by label); the rest become OTHER_MEMBER.
  const rev = labelRevenue(cat, u.revenue, u.keep);
  const ranked = Array.from({ length: L }, (_, c) => c).sort(
    (a, b) => rev[b] - rev[a] || (cat.labels[a] < cat.labels[b] ? -1 : cat.labels[a] > cat.labels[b] ? 1 : 0),
  );
  const map = new Int32Array(L + 1).fill(top + 1);
  ranked.slice(0, top).forEach((c, k) => (map[c] = k));
  map[L] = top;
  const labels = [...ranked.slice(0, top).map((c) => cat.labels[c]), '', OTHER_MEMBER];
  return { map, labels, tail: top };
}

/**
 * How a unit gets its code in a breakdown: member = map[label] (label −1: map[blank]); with ownerSeg, the
 * code is member · S + the segment of the unit's owner (−1 when it has none). Units outside the window
 * get −1. Both passes below compute it inline.
 */
interface Coder {
  label: Int32Array;
  map: Int32Array;
  blank: number;
  ownerSeg: Int32Array | null;
  S: number;
}

/** A Coder (one object shape, so the passes that read it stay monomorphic). */
function coderOf(
  label: Int32Array,
  map: Int32Array,
  blank: number,
  ownerSeg: Int32Array | null,
  S: number,
): Coder {
  return { label, map, blank, ownerSeg, S };
}

/** Per code: units, revenue and profit with their compensations, orders (summed or counted), customers. */
interface Tallies {
  units: Int32Array;
  revenue: Float64Array;
  revenueComp: Float64Array;
  profit: Float64Array;
  profitComp: Float64Array;
  orders: Float64Array;
  customers: Int32Array;
}

/** Zeroed tallies for nCodes codes. */
function newTallies(nCodes: number): Tallies {
  return {
    units: new Int32Array(nCodes),
    revenue: new Float64Array(nCodes),
    revenueComp: new Float64Array(nCodes),
    profit: new Float64Array(nCodes),
    profitComp: new Float64Array(nCodes),
    orders: new Float64Array(nCodes),
    customers: new Int32Array(nCodes),
  };
}

/**
 * Adds the values into compensated (Neumaier) sums per code, over the units in order: the same steps as
 * stats' Sum, so the same last bits (the value is sum + comp). With finiteOnly, non-finite values are left
 * out (profit).
 */
function sumByCode(
  { label, map, blank, ownerSeg, S }: Coder,
  keep: Uint8Array | null,
  owner: Int32Array,
  values: Float64Array,
  finiteOnly: boolean,
  sum: Float64Array,
  comp: Float64Array,
): void {
  for (let j = 0; j < label.length; j++) {
    if ((keep && keep[j] === 0) || (finiteOnly && !Number.isFinite(values[j]))) continue;
    let c = map[label[j] < 0 ? blank : label[j]];
    if (ownerSeg) {
      const s = ownerSeg[owner[j]];
      if (s < 0) continue;
      c = c * S + s;
    }
    const x = values[j];
    const r = sum[c];
    const t = r + x;
    comp[c] += Math.abs(r) >= Math.abs(x) ? r - t + x : x - t + r;
    sum[c] = t;
  }
}

/**
 * Units, distinct customers and (with countOrders) distinct orders per code. Walking the runs owner by
 * owner and order by order, a stamp per code (the last customer / order counted) finds each (code,
 * customer) and (code, order) pair once: O(n).
 */
function countDistinct(
  { label, map, blank, ownerSeg, S }: Coder,
  u: Units,
  countOrders: boolean,
  { units, customers, orders }: Tallies,
): void {
  const { keep, runFrom, runTo, runOwner, runOrder, ownerFacts } = u;
  const customerStamp = new Int32Array(customers.length).fill(-1);
  const orderStamp = new Int32Array(customers.length).fill(-1);
  for (let g = 0; g < runFrom.length; g++) {
    const f = ownerFacts[runOwner[g]];
    const o = runOrder[g];
    const s = ownerSeg ? ownerSeg[runOwner[g]] : 0;
    if (s < 0) continue;
    // Within a run (one customer, one order) a label equal to the last one only adds a unit.
    let last = -2;
    let c = -1;
    for (let j = runFrom[g]; j < runTo[g]; j++) {
      if (keep && keep[j] === 0) continue;
      if (label[j] === last) {
        units[c]++;
        continue;
      }
      last = label[j];
      const m = map[last < 0 ? blank : last];
      c = ownerSeg ? m * S + s : m;
      units[c]++;
      if (f >= 0 && customerStamp[c] !== f) {
        customerStamp[c] = f;
        customers[c]++;
      }
      if (countOrders && orderStamp[c] !== o) {
        orderStamp[c] = o;
        orders[c]++;
      }
    }
  }
}

/** Plain sum of the units' order counts per code (units are customers), in unit order. */
function sumOrderCounts(
  { label, map, blank, ownerSeg, S }: Coder,
  orderCount: Float64Array,
  orders: Float64Array,
): void {
  for (let i = 0; i < label.length; i++) {
    const m = map[label[i] < 0 ? blank : label[i]];
    const s = ownerSeg ? ownerSeg[i] : 0;
    if (s >= 0) orders[ownerSeg ? m * S + s : m] += orderCount[i];
  }
}

/** Compensated sum of the in-window revenue. */
function windowTotal(revenue: Float64Array, keep: Uint8Array | null): Sum {
  const grand = new Sum();
  for (let j = 0; j < revenue.length; j++) if (!keep || keep[j] === 1) grand.add(revenue[j]);
  return grand;
}

/** Tallies per code of one breakdown. */
function tally(u: Units, coder: Coder, nCodes: number): Tallies {
  const t = newTallies(nCodes);
  sumByCode(coder, u.keep, u.owner, u.revenue, false, t.revenue, t.revenueComp);
  if (u.profit) sumByCode(coder, u.keep, u.owner, u.profit, true, t.profit, t.profitComp);
  for (let c = 0; c < nCodes; c++) {
    t.revenue[c] += t.revenueComp[c];
    t.profit[c] = u.profit ? t.profit[c] + t.profitComp[c] : NaN;
  }
  if (u.orderCount) sumOrderCounts(coder, u.orderCount, t.orders);
  countDistinct(coder, u, u.orderCount === null, t);
  return t;
}

/** Contribution rows and the long-format table, from the context. */
export function computeContributions(
  ctx: MethodContext,
  segments: (string | null)[],
  segmentIds: string[],
): ContributionRow[] {
  const { facts, tx } = ctx;
  const u = tx && tx.n > 0 && hasDimension(tx) ? unitsFromTx(facts, tx) : unitsFromFacts(facts);
  const total = windowTotal(u.revenue, u.keep).value;
  const share = (v: number): number => (total !== 0 ? v / total : NaN);
  const rows: ContributionRow[] = [];
  const row = (
    t: Tallies,
    c: number,
    dimension: Dimension,
    member: string,
    segment: string,
    cum: number,
  ): void => {
    rows.push({
      dimension,
      member,
      segment,
      revenue: t.revenue[c],
      profit: t.profit[c],
      customers: t.customers[c],
      orders: t.orders[c],
      revenueShare: share(t.revenue[c]),
      cumulativeShare: segment === '' ? share(cum) : NaN,
    });
  };
  let region: { coder: Coder; labels: string[]; order: number[] } | null = null;
  for (const dimension of DIMENSIONS) {
    checkAbort(ctx.signal);
    const cat = u.dims[dimension];
    if (!cat) continue;
    const { map, labels, tail } = members(u, cat, dimension === 'product' ? TOP_PRODUCTS : Infinity);
    const coder = coderOf(cat.codes, map, cat.labels.length, null, 0);
    const t = tally(u, coder, labels.length);
    // Named members by revenue desc (ties by label), then blank and other; empty members are dropped.
    const named = Array.from({ length: tail }, (_, m) => m).sort(
      (a, b) => t.revenue[b] - t.revenue[a] || (labels[a] < labels[b] ? -1 : labels[a] > labels[b] ? 1 : 0),
    );
    const order = [...named, ...labels.map((_, m) => m).slice(tail)].filter((m) => t.units[m] > 0);
    let cum = 0;
    for (const m of order) {
      cum += t.revenue[m];
      row(t, m, dimension, labels[m], '', cum);
    }
    if (dimension === 'region') region = { coder, labels, order };
  }
  if (region) {
    // Segment × region; lines of unsegmented customers are left out.
    checkAbort(ctx.signal);
    const S = segmentIds.length;
    const segIndex = new Map(segmentIds.map((id, k) => [id, k]));
    const segOf = Int32Array.from(segments, (s) => (s === null ? -1 : (segIndex.get(s) ?? -1)));
    const ownerSeg = Int32Array.from(u.ownerFacts, (f) => (f >= 0 ? segOf[f] : -1));
    const { label, map, blank } = region.coder;
    const t = tally(u, coderOf(label, map, blank, ownerSeg, S), region.labels.length * S);
    for (const m of region.order)
      for (let s = 0; s < S; s++)
        if (t.units[m * S + s] > 0) row(t, m * S + s, 'region', region.labels[m], segmentIds[s], NaN);
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
