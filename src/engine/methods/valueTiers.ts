/**
 * Value tiers, ABC / Pareto (DESIGN §5.4). Scored customers sorted by value (monetary, or profit) descending,
 * ties by customer id; with P = the sum of the positive values, a customer is A while the cumulative value
 * of the customers before it is < a·P, B while < b·P, else C; a value ≤ 0 is always C.
 */
import type { Method, MethodContext, MethodResult, Notice, ReportTable } from '../types';
import { EngineError } from '../types';
import { compareIds, needScored } from './common';
import { checkAbort, Sum } from './stats';

export const TIER_IDS = ['A', 'B', 'C'] as const;
export type TierId = (typeof TIER_IDS)[number];

/** Most rows of the Pareto table: enough for a smooth curve, few enough to chart well. */
const PARETO_POINTS = 100;

/** Scored customer indices sorted by value descending, ties by id. */
export function rankByValue(values: Float64Array, scored: Uint8Array, ids: string[]): Int32Array {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (scored[i] === 1 && !Number.isNaN(values[i])) count++;
  const order = new Int32Array(count);
  let k = 0;
  for (let i = 0; i < values.length; i++) if (scored[i] === 1 && !Number.isNaN(values[i])) order[k++] = i;
  return order.sort((x, y) => values[y] - values[x] || compareIds(ids[x], ids[y]) || x - y);
}

/** Tiers, the cumulative share (including the customer, positive values only) and the ranking. */
export function computeTiers(
  values: Float64Array,
  scored: Uint8Array,
  ids: string[],
  a: number,
  b: number,
): { tier: (TierId | null)[]; cumulative: Float64Array; order: Int32Array; positiveTotal: number } {
  const order = rankByValue(values, scored, ids);
  const total = new Sum();
  for (let k = 0; k < order.length; k++) if (values[order[k]] > 0) total.add(values[order[k]]);
  const P = total.value;
  const tier: (TierId | null)[] = new Array<TierId | null>(values.length).fill(null);
  const cumulative = new Float64Array(values.length).fill(NaN);
  const cum = new Sum();
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    const v = values[i];
    if (!(v > 0)) {
      tier[i] = 'C';
      cumulative[i] = P > 0 ? 1 : 0;
      continue;
    }
    // The share before this customer decides its tier (a customer straddling 80 % is still A).
    const before = cum.value / P;
    tier[i] = before < a ? 'A' : before < b ? 'B' : 'C';
    cum.add(v);
    cumulative[i] = Math.min(1, cum.value / P);
  }
  return { tier, cumulative, order, positiveTotal: P };
}

/** Runs the value_tiers method. */
export function runValueTiers(ctx: MethodContext): MethodResult {
  checkAbort(ctx.signal);
  const { facts } = ctx;
  const opts = ctx.options.tiers ?? {};
  const a = opts.a ?? 0.8;
  const b = opts.b ?? 0.95;
  if (!(a > 0 && a <= b && b <= 1)) throw new EngineError('tier_limits', { a, b });
  const notices: Notice[] = [];
  let by = opts.by ?? 'monetary';
  if (by === 'profit' && !facts.profit) {
    by = 'monetary';
    notices.push({ key: 'notice.tiers_no_profit' });
  }
  const values = by === 'profit' && facts.profit ? facts.profit : facts.monetary;
  const { tier, cumulative, order, positiveTotal } = computeTiers(values, facts.scored, facts.ids, a, b);
  checkAbort(ctx.signal);
  return {
    id: 'value_tiers',
    columns: [
      { key: 'value_tier', format: 'text', values: tier, segmentOf: 'value_tiers' },
      { key: 'cumulative_share', format: 'percent', values: cumulative },
    ],
    segmentColumn: 'value_tier',
    segmentIds: [...TIER_IDS],
    tables: [paretoTable(values, tier, order, positiveTotal), tiersTable(values, tier, order)],
    model: { by, a, b, positiveTotal },
    notices,
  };
}

/**
 * The Pareto table: one row per customer when there are at most 100, else the customers at each percentile
 * of the ranking plus the last A and the last B customer, so the curve charts well and shows the cut-offs.
 * bucket_share is the value of the customers since the previous row (for the columns of a Pareto chart).
 */
export function paretoTable(
  values: Float64Array,
  tier: (TierId | null)[],
  order: Int32Array,
  positiveTotal: number,
): ReportTable {
  const n = order.length;
  const ranks = new Set<number>();
  if (n <= PARETO_POINTS) for (let k = 1; k <= n; k++) ranks.add(k);
  else for (let p = 1; p <= PARETO_POINTS; p++) ranks.add(Math.ceil((p * n) / PARETO_POINTS));
  for (let k = 1; k <= n; k++) {
    const here = tier[order[k - 1]];
    const next = k < n ? tier[order[k]] : null;
    if (here !== next) ranks.add(k);
  }
  const wanted = [...ranks].sort((x, y) => x - y);
  const rows: (string | number | null)[][] = [];
  const cum = new Sum();
  let prev = 0;
  let w = 0;
  for (let k = 1; k <= n && w < wanted.length; k++) {
    const v = values[order[k - 1]];
    if (v > 0) cum.add(v);
    if (k !== wanted[w]) continue;
    const c = positiveTotal > 0 ? Math.min(1, cum.value / positiveTotal) : 0;
    rows.push([k, k / n, c - prev, c, tier[order[k - 1]]]);
    prev = c;
    w++;
  }
  return {
    id: 'pareto',
    columns: [
      { key: 'rank', format: 'integer' },
      { key: 'customer_share', format: 'percent' },
      { key: 'bucket_share', format: 'percent' },
      { key: 'cumulative_share', format: 'percent' },
      { key: 'value_tier', format: 'text' },
    ],
    rows,
  };
}

/** The tiers table: customers and value per tier with their shares (value share of the net total). */
export function tiersTable(values: Float64Array, tier: (TierId | null)[], order: Int32Array): ReportTable {
  const count = [0, 0, 0];
  const sums = [new Sum(), new Sum(), new Sum()];
  const all = new Sum();
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    const t = TIER_IDS.indexOf(tier[i] as TierId);
    count[t]++;
    sums[t].add(values[i]);
    all.add(values[i]);
  }
  const n = order.length;
  const total = all.value;
  return {
    id: 'tiers',
    columns: [
      { key: 'value_tier', format: 'text' },
      { key: 'customers', format: 'integer' },
      { key: 'customer_share', format: 'percent' },
      { key: 'value', format: 'currency' },
      { key: 'value_share', format: 'percent' },
    ],
    rows: TIER_IDS.map((id, t) => [
      id,
      count[t],
      n > 0 ? count[t] / n : 0,
      sums[t].value,
      total !== 0 ? sums[t].value / total : null,
    ]),
  };
}

export const valueTiersMethod: Method = {
  id: 'value_tiers',
  byDefault: true,
  unavailable: (facts) => needScored(facts),
  run: runValueTiers,
};
