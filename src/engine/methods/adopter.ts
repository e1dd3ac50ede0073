/**
 * Adopter types (DESIGN §5.9): for each product, the percentile of each buyer's first purchase among all
 * its buyers (Hazen positions (rank − ½)/n, ties sharing the mid-rank, so a lone buyer sits at 0.5); a
 * customer's mean percentile over its products places it as pioneer (≤ 16 %), pragmatist (≤ 50 %),
 * conservative (≤ 84 %) or sceptic — Rogers' adopter categories at the normal curve's ±1 sd cut points.
 */
import type {
  Method,
  MethodContext,
  MethodResult,
  Notice,
  ReportTable,
  Transactions,
  CustomerFacts,
} from '../types';
import { checkAbort } from './stats';

export const ADOPTER_TYPES = ['pioneer', 'pragmatist', 'conservative', 'sceptic'] as const;
export type AdopterType = (typeof ADOPTER_TYPES)[number];
/** Upper limits of the mean percentile for the first three types. */
export const ADOPTER_LIMITS = [0.16, 0.5, 0.84] as const;

/** The adopter type of a mean adoption percentile. */
export function adopterTypeOf(percentile: number): AdopterType {
  if (percentile <= ADOPTER_LIMITS[0]) return 'pioneer';
  if (percentile <= ADOPTER_LIMITS[1]) return 'pragmatist';
  if (percentile <= ADOPTER_LIMITS[2]) return 'conservative';
  return 'sceptic';
}

/**
 * Mean adoption percentile per customer of `ids` (NaN for a customer with no product purchase).
 * Purchases are lines with a positive amount and a product, on or before the as-of date.
 */
export function adoptionPercentiles(tx: Transactions, ids: readonly string[], asOf: number): Float64Array {
  const n = ids.length;
  const index = new Map<string, number>();
  ids.forEach((id, i) => index.set(id, i));
  const toCustomer = Int32Array.from(tx.customerIds, (id) => index.get(id) ?? -1);
  const product = tx.product;
  const sum = new Float64Array(n);
  const count = new Float64Array(n);
  if (!product) return sum.fill(NaN);
  // First purchase day of each (product, customer).
  const first: Map<number, number>[] = Array.from({ length: product.labels.length }, () => new Map());
  for (let i = 0; i < tx.n; i++) {
    const p = product.codes[i];
    const c = toCustomer[tx.customer[i]];
    const day = tx.day[i];
    if (p < 0 || c < 0 || !(tx.amount[i] > 0) || !(day <= asOf)) continue;
    const m = first[p];
    const seen = m.get(c);
    if (seen === undefined || day < seen) m.set(c, day);
  }
  for (const m of first) {
    const buyers = Array.from(m.entries()).sort((a, b) => a[1] - b[1] || a[0] - b[0]);
    const total = buyers.length;
    for (let s = 0; s < total;) {
      let e = s;
      while (e + 1 < total && buyers[e + 1][1] === buyers[s][1]) e++;
      // Ranks s+1..e+1 share the mid-rank.
      const midRank = (s + e + 2) / 2;
      const pct = (midRank - 0.5) / total;
      for (let j = s; j <= e; j++) {
        sum[buyers[j][0]] += pct;
        count[buyers[j][0]]++;
      }
      s = e + 1;
    }
  }
  return sum.map((v, i) => (count[i] > 0 ? v / count[i] : NaN));
}

/** Why adopter types cannot run: they need order lines with a product column (and dates). */
export function adopterUnavailable(_facts: CustomerFacts, tx: Transactions | null): Notice | null {
  if (!tx || tx.n === 0) return { key: 'notice.adopter.no_transactions' };
  if (!tx.product) return { key: 'notice.adopter.no_product' };
  return null;
}

/** Runs the adopter-type method. */
export function runAdopter(ctx: MethodContext): MethodResult {
  checkAbort(ctx.signal);
  const { facts, tx } = ctx;
  const notices: Notice[] = [];
  const percentile = tx
    ? adoptionPercentiles(tx, facts.ids, facts.asOf)
    : new Float64Array(facts.n).fill(NaN);
  const types: (string | null)[] = new Array<string | null>(facts.n).fill(null);
  const counts = new Map<AdopterType, number>(ADOPTER_TYPES.map((t) => [t, 0]));
  let typed = 0;
  for (let i = 0; i < facts.n; i++) {
    if (facts.scored[i] !== 1 || !Number.isFinite(percentile[i])) {
      percentile[i] = NaN;
      continue;
    }
    const t = adopterTypeOf(percentile[i]);
    types[i] = t;
    counts.set(t, (counts.get(t) ?? 0) + 1);
    typed++;
  }
  if (typed === 0) notices.push({ key: 'notice.adopter.no_product_purchases' });
  const tables: ReportTable[] = [
    {
      id: 'adopter_types',
      columns: [
        { key: 'type', format: 'text' },
        { key: 'customers', format: 'integer' },
        { key: 'share', format: 'percent' },
      ],
      rows: ADOPTER_TYPES.map((t) => [t, counts.get(t) ?? 0, typed > 0 ? (counts.get(t) ?? 0) / typed : 0]),
    },
  ];
  // Distribution by RFM segment, when that method ran before this one.
  const seg = ctx.earlier.get('rfm_segments');
  const segCol = seg?.columns.find((c) => c.key === seg.segmentColumn);
  if (seg && segCol && Array.isArray(segCol.values)) {
    const values = segCol.values;
    const order = seg.segmentIds ?? Array.from(new Set(values.filter((v): v is string => v !== null)));
    const cell = new Map<string, number>();
    const segTotal = new Map<string, number>();
    for (let i = 0; i < facts.n; i++) {
      const s = values[i];
      const t = types[i];
      if (s === null || t === null) continue;
      cell.set(`${s}\u0000${t}`, (cell.get(`${s}\u0000${t}`) ?? 0) + 1);
      segTotal.set(s, (segTotal.get(s) ?? 0) + 1);
    }
    const rows: (string | number | null)[][] = [];
    for (const s of order) {
      const total = segTotal.get(s) ?? 0;
      for (const t of ADOPTER_TYPES) {
        const c = cell.get(`${s}\u0000${t}`) ?? 0;
        rows.push([s, t, c, total > 0 ? c / total : 0]);
      }
    }
    tables.push({
      id: 'adopter_by_segment',
      columns: [
        { key: 'segment', format: 'text' },
        { key: 'type', format: 'text' },
        { key: 'customers', format: 'integer' },
        { key: 'share_of_segment', format: 'percent' },
      ],
      rows,
    });
  }
  return {
    id: 'adopter',
    columns: [
      { key: 'adoption_percentile', format: 'percent', values: percentile },
      { key: 'adopter_type', format: 'text', values: types, segmentOf: 'adopter' },
    ],
    segmentColumn: 'adopter_type',
    segmentIds: [...ADOPTER_TYPES],
    tables,
    model: {
      limits: [...ADOPTER_LIMITS],
      customers: typed,
      positions: 'hazen (rank - 0.5) / n, ties at mid-rank',
    },
    notices,
  };
}

/** Adopter types (pioneer, pragmatist, conservative, sceptic) from first-purchase timing per product. */
export const adopterMethod: Method = {
  id: 'adopter',
  byDefault: false,
  after: ['rfm_segments'],
  unavailable: adopterUnavailable,
  run: runAdopter,
};
