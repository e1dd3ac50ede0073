/**
 * Builds CustomerFacts from plain arrays, for tests of methods that start from facts.
 * Missing columns get sensible defaults (every customer scored, one purchase day, no categories).
 */
import type { Categorical, CustomerFacts } from '../types';

export interface FactsSpec {
  recency: number[];
  frequency: number[];
  monetary: number[];
  ids?: string[];
  asOf?: number;
  scored?: number[];
  profit?: number[];
  region?: string[];
  category?: string[];
  product?: string[];
  purchaseDays?: number[];
  repeatValue?: number[];
  firstPurchase?: number[];
}

function categorical(values: string[] | undefined): Categorical | null {
  if (!values) return null;
  const labels: string[] = [];
  const index = new Map<string, number>();
  const codes = new Int32Array(values.length);
  values.forEach((v, i) => {
    if (v === '') {
      codes[i] = -1;
      return;
    }
    let c = index.get(v);
    if (c === undefined) {
      c = labels.length;
      labels.push(v);
      index.set(v, c);
    }
    codes[i] = c;
  });
  return { codes, labels };
}

/** CustomerFacts for tests, from equal-length arrays. */
export function factsFrom(spec: FactsSpec): CustomerFacts {
  const n = spec.recency.length;
  if (spec.frequency.length !== n || spec.monetary.length !== n) throw new Error('lengths differ');
  const asOf = spec.asOf ?? 45_000;
  const recency = Float64Array.from(spec.recency);
  const frequency = Float64Array.from(spec.frequency);
  const monetary = Float64Array.from(spec.monetary);
  const lastPurchase = recency.map((r) => asOf - r);
  const firstPurchase = spec.firstPurchase ? Float64Array.from(spec.firstPurchase) : lastPurchase.slice();
  const tenure = firstPurchase.map((f) => asOf - f);
  return {
    n,
    asOf,
    ids: spec.ids ?? Array.from({ length: n }, (_, i) => `C${i + 1}`),
    names: null,
    firstRow: Int32Array.from({ length: n }, (_, i) => i + 2),
    scored: Uint8Array.from(spec.scored ?? frequency.map((f) => (f > 0 ? 1 : 0))),
    recency,
    frequency,
    monetary,
    orders: frequency.slice(),
    firstPurchase,
    lastPurchase,
    tenure,
    aov: monetary.map((m, i) => (frequency[i] > 0 ? m / frequency[i] : NaN)),
    profit: spec.profit ? Float64Array.from(spec.profit) : null,
    region: categorical(spec.region),
    product: categorical(spec.product),
    category: categorical(spec.category),
    channel: null,
    purchaseDays: Float64Array.from(spec.purchaseDays ?? spec.frequency),
    repeatValue: Float64Array.from(spec.repeatValue ?? spec.frequency.map(() => NaN)),
  };
}
