import { factsFrom } from '../testing/factsBuilder';
import { computeTiers, runValueTiers } from './valueTiers';
import { ctxOf } from './testContext';

const tiersOf = (monetary: number[], opts = {}, extra = {}) =>
  runValueTiers(
    ctxOf(
      factsFrom({ recency: monetary.map(() => 1), frequency: monetary.map(() => 1), monetary, ...extra }),
      { tiers: opts },
    ),
  );

describe('value_tiers', () => {
  it('classifies on the cumulative share before the customer', () => {
    // total 100: shares before = 0, 50, 75, 85, 93, 96, 98, 99.5
    const res = tiersOf([50, 25, 10, 8, 3, 2, 1.5, 0.5]);
    expect(res.columns[0].values).toEqual(['A', 'A', 'A', 'B', 'B', 'C', 'C', 'C']);
    const cum = Array.from(res.columns[1].values as Float64Array);
    expect(cum[0]).toBeCloseTo(0.5);
    expect(cum[7]).toBe(1);
  });

  it('keeps a customer straddling 80 % in A and puts one starting at exactly 80 % in B', () => {
    // before = 0, 70, 90: the second customer takes the share from 70 % to 90 % and is still A
    expect(tiersOf([70, 20, 10]).columns[0].values).toEqual(['A', 'A', 'B']);
    // before = 0, 60, 80 → A, A, B; 80 is not < 80
    expect(tiersOf([60, 20, 15, 5]).columns[0].values).toEqual(['A', 'A', 'B', 'C']);
  });

  it('puts value ≤ 0 in C and leaves unscored customers out', () => {
    const res = runValueTiers(
      ctxOf(
        factsFrom({ recency: [1, 1, 1, 1, 1], frequency: [1, 1, 1, 1, 0], monetary: [100, 0, -20, 10, 999] }),
      ),
    );
    expect(res.columns[0].values).toEqual(['A', 'C', 'C', 'B', null]);
    const tiers = res.tables.find((t) => t.id === 'tiers')!;
    // net total 90: A 100, B 10, C −20
    expect(tiers.rows.map((r) => r[3])).toEqual([100, 10, -20]);
    expect(tiers.rows.map((r) => r[1])).toEqual([1, 1, 2]);
    expect(tiers.rows[0][4]).toBeCloseTo(100 / 90);
  });

  it('handles one customer and all-equal values', () => {
    expect(tiersOf([42]).columns[0].values).toEqual(['A']);
    // ten equal values: shares before 0, 10 %, …, 90 % → eight A, two B
    expect(tiersOf(Array(10).fill(5)).columns[0].values).toEqual([...Array(8).fill('A'), 'B', 'B']);
    expect(tiersOf([0, 0]).columns[0].values).toEqual(['C', 'C']);
  });

  it('breaks ties by customer id and sorts descending', () => {
    const f = factsFrom({
      recency: [1, 1, 1],
      frequency: [1, 1, 1],
      monetary: [10, 10, 10],
      ids: ['C10', '9', '10'],
    });
    const { order } = computeTiers(f.monetary, f.scored, f.ids, 0.8, 0.95);
    // natural order: '9' < '10' < 'C10'
    expect(Array.from(order)).toEqual([1, 2, 0]);
  });

  it('honours configured limits and profit', () => {
    expect(tiersOf([50, 30, 20], { a: 0.5, b: 0.8 }).columns[0].values).toEqual(['A', 'B', 'C']);
    const byProfit = tiersOf([10, 20, 30], { by: 'profit' }, { profit: [30, 2, 1] });
    expect(byProfit.columns[0].values).toEqual(['A', 'B', 'C']);
    const noProfit = tiersOf([10, 20, 30], { by: 'profit' });
    expect(noProfit.notices?.[0].key).toBe('notice.tiers_no_profit');
    expect(noProfit.columns[0].values).toEqual(['B', 'A', 'A']);
  });

  it('downsamples the Pareto table and keeps the tier boundaries', () => {
    const n = 1000;
    const monetary = Array.from({ length: n }, (_, i) => 1000 / (i + 1));
    const res = tiersOf(monetary);
    const pareto = res.tables.find((t) => t.id === 'pareto')!;
    expect(pareto.rows.length).toBeGreaterThanOrEqual(100);
    expect(pareto.rows.length).toBeLessThanOrEqual(102);
    const tier = res.columns[0].values as string[];
    const lastA = tier.lastIndexOf('A') + 1;
    const lastB = tier.lastIndexOf('B') + 1;
    const ranks = pareto.rows.map((r) => r[0]);
    expect(ranks).toContain(lastA);
    expect(ranks).toContain(lastB);
    expect(ranks[ranks.length - 1]).toBe(n);
    expect(pareto.rows[pareto.rows.length - 1][3]).toBeCloseTo(1, 12);
    const buckets = pareto.rows.reduce((s, r) => s + (r[2] as number), 0);
    expect(buckets).toBeCloseTo(1, 12);
    // small lists: one row per customer
    expect(tiersOf([3, 2, 1]).tables.find((t) => t.id === 'pareto')!.rows).toHaveLength(3);
  });
});
