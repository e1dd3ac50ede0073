import { factsFrom } from '../../testing/factsBuilder';
import { txFromTuples as txFrom } from '../../testing/txBuilder';
import type { AnalyzeOptions, CustomerFacts, MethodResult, Transactions } from '../../types';
import { bgnbdConditionalExpected } from './bgnbd';
import { clvMethod, resolveClvOptions } from './clv';

/** Facts derived from order lines the way DESIGN §4 defines them (purchase days, repeat value). */
function factsFromLines(n: number, lines: [number, number, number][], asOf: number): CustomerFacts {
  const days: Map<number, number>[] = Array.from({ length: n }, () => new Map());
  for (const [c, d, a] of lines) days[c].set(d, (days[c].get(d) ?? 0) + a);
  const first: number[] = [];
  const last: number[] = [];
  const pd: number[] = [];
  const rv: number[] = [];
  const mon: number[] = [];
  for (const m of days) {
    const ds = Array.from(m.keys()).sort((a, b) => a - b);
    first.push(ds[0]);
    last.push(ds[ds.length - 1]);
    pd.push(ds.length);
    const rep = ds.slice(1).map((d) => m.get(d) ?? 0);
    rv.push(rep.length ? rep.reduce((s, v) => s + v, 0) / rep.length : NaN);
    mon.push(ds.reduce((s, d) => s + (m.get(d) ?? 0), 0));
  }
  return factsFrom({
    recency: last.map((l) => asOf - l),
    frequency: pd,
    monetary: mon,
    asOf,
    firstPurchase: first,
    purchaseDays: pd,
    repeatValue: rv,
  });
}

function run(facts: CustomerFacts, tx: Transactions | null, clv: AnalyzeOptions['clv'] = {}): MethodResult {
  return clvMethod.run({ facts, tx, options: { clv }, earlier: new Map() });
}

function col(r: MethodResult, key: string): Float64Array {
  const c = r.columns.find((k) => k.key === key);
  if (!c || !(c.values instanceof Float64Array)) throw new Error(`no column ${key}`);
  return c.values;
}

/** A seeded base of 60 customers over a year of daily lines. */
function sample(): { facts: CustomerFacts; tx: Transactions } {
  let s = 99;
  const rand = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const asOf = 45_365;
  const n = 60;
  const lines: [number, number, number][] = [];
  for (let c = 0; c < n; c++) {
    let d = asOf - 364 + Math.floor(rand() * 200);
    const rate = 0.01 + rand() * 0.08;
    const spend = 20 + rand() * 80;
    while (d <= asOf) {
      lines.push([c, d, Math.round(spend * (0.5 + rand()) * 100) / 100]);
      d += 1 + Math.floor(-Math.log(1 - rand()) / rate);
      if (rand() < 0.05) break;
    }
  }
  const ids = Array.from({ length: n }, (_, i) => `C${i + 1}`);
  return { facts: factsFromLines(n, lines, asOf), tx: txFrom(ids, lines) };
}

describe('clv method', () => {
  test('is unavailable without purchase dates', () => {
    const facts = factsFrom({
      recency: [1, 2],
      frequency: [1, 2],
      monetary: [5, 6],
      purchaseDays: [NaN, NaN],
    });
    expect(clvMethod.unavailable(facts, null)?.key).toBe('notice.clv.no_dates');
    expect(clvMethod.byDefault).toBe(false);
  });

  test('options: defaults and period conversion', () => {
    const w = resolveClvOptions();
    expect(w.period).toBe('week');
    expect(w.horizon).toBe(52);
    expect(Math.pow(1 + w.periodDiscount, 365.25 / 7)).toBeCloseTo(1.1, 12);
    expect(resolveClvOptions({ period: 'day' }).horizon).toBe(364);
    expect(resolveClvOptions({ period: 'month' }).horizon).toBe(12);
    expect(() => resolveClvOptions({ horizon: 0 })).toThrow();
    expect(() => resolveClvOptions({ discount: -1 })).toThrow();
  });

  test('per-customer columns are consistent with the fitted models', () => {
    const { facts, tx } = sample();
    const r = run(facts, tx, { margin: 0.3 });
    const bg = r.model?.bgnbd as { r: number; alpha: number; a: number; b: number };
    const x = col(r, 'x');
    const t = col(r, 't_x');
    const T = col(r, 'T');
    const ep = col(r, 'expected_purchases');
    const es = col(r, 'expected_spend');
    const clv = col(r, 'clv');
    const pa = col(r, 'p_alive');
    for (let i = 0; i < facts.n; i++) {
      expect(x[i]).toBe(facts.purchaseDays[i] - 1);
      expect(T[i]).toBeCloseTo((facts.asOf - facts.firstPurchase[i]) / 7, 12);
      expect(t[i]).toBeLessThanOrEqual(T[i]);
      expect(ep[i]).toBeCloseTo(bgnbdConditionalExpected(bg, 52, x[i], t[i], T[i]), 10);
      expect(pa[i]).toBeGreaterThan(0);
      expect(pa[i]).toBeLessThanOrEqual(1);
      // Discounting makes CLV smaller than undiscounted purchases × spend × margin, but not by much over a year.
      expect(clv[i]).toBeLessThan(ep[i] * es[i] * 0.3 + 1e-9);
      expect(clv[i]).toBeGreaterThan(ep[i] * es[i] * 0.3 * 0.9);
    }
    const gg = r.model?.gamma_gamma as { customers_used: number; one_time_buyers_left_out: number };
    expect(gg.customers_used + gg.one_time_buyers_left_out).toBe(facts.n);
    if (gg.one_time_buyers_left_out > 0)
      expect(r.notices?.some((n) => n.key === 'notice.clv.one_time_buyers_left_out')).toBe(true);
    // No discount: CLV is exactly expected purchases × expected spend × margin.
    const r0 = run(facts, tx, { discount: 0, margin: 0.3 });
    const c0 = col(r0, 'clv');
    const e0 = col(r0, 'expected_purchases');
    const s0 = col(r0, 'expected_spend');
    for (let i = 0; i < facts.n; i++) expect(c0[i]).toBeCloseTo(e0[i] * s0[i] * 0.3, 8);
    // Retention and migration came from the order lines.
    const ret = r.model?.retention as { retention: number; source: string };
    expect(ret.source).toBe('data');
    expect(ret.retention).toBeGreaterThan(0);
    expect(ret.retention).toBeLessThan(1);
    const mig = r.model?.migration as { transition: number[][]; values: number[] };
    for (const row of mig.transition) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(mig.values[0]).toBeGreaterThan(mig.values[mig.values.length - 1]);
    expect(r.tables.map((t) => t.id)).toEqual(['clv_parameters', 'clv_migration']);
  });

  test('time units: the same data in days gives T seven times larger and similar CLV', () => {
    const { facts, tx } = sample();
    const w = run(facts, tx);
    const d = run(facts, tx, { period: 'day' });
    const Tw = col(w, 'T');
    const Td = col(d, 'T');
    for (let i = 0; i < facts.n; i++) expect(Td[i]).toBeCloseTo(7 * Tw[i], 10);
    const sum = (a: Float64Array) => a.reduce((s, v) => s + v, 0);
    const ratio = sum(col(d, 'clv')) / sum(col(w, 'clv'));
    expect(ratio).toBeGreaterThan(0.9);
    expect(ratio).toBeLessThan(1.1);
  });

  test('the same input gives the same output', () => {
    const { facts, tx } = sample();
    expect(JSON.stringify(run(facts, tx).model)).toBe(JSON.stringify(run(facts, tx).model));
  });

  const degenerate: [string, [number, number, number][], number][] = [
    [
      'all one-time buyers',
      [
        [0, 45_000, 10],
        [1, 45_100, 20],
        [2, 45_200, 30],
      ],
      3,
    ],
    [
      'one customer',
      [
        [0, 45_000, 10],
        [0, 45_100, 20],
        [0, 45_300, 30],
      ],
      1,
    ],
    [
      'two customers',
      [
        [0, 45_000, 10],
        [1, 45_010, 20],
        [1, 45_050, 25],
      ],
      2,
    ],
    [
      'identical customers',
      [
        [0, 45_000, 10],
        [0, 45_100, 10],
        [1, 45_000, 10],
        [1, 45_100, 10],
      ],
      2,
    ],
    [
      'everyone bought on the as-of date only',
      [
        [0, 45_365, 10],
        [1, 45_365, 20],
      ],
      2,
    ],
    ['one purchase, one customer', [[0, 45_365, 10]], 1],
  ];
  test.each(degenerate)('degenerate input: %s gives finite numbers and no crash', (_name, lines, n) => {
    const facts = factsFromLines(n, lines, 45_365);
    const tx = txFrom(
      Array.from({ length: n }, (_, i) => `C${i + 1}`),
      lines,
    );
    for (const withTx of [tx, null]) {
      const r = run(facts, withTx);
      for (const c of r.columns) {
        for (let i = 0; i < n; i++) expect(Number.isFinite((c.values as Float64Array)[i])).toBe(true);
      }
      for (const v of Object.values(r.model?.bgnbd as Record<string, unknown>)) {
        if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
      }
      expect(JSON.stringify(r.model)).not.toMatch(/NaN|Infinity/);
      expect(r.notices?.length).toBeGreaterThan(0);
    }
  });
});
