import { factsFrom } from '../testing/factsBuilder';
import { EngineError } from '../types';
import { computeRfm, rankScores, rfmMethod, runRfm } from './rfm';
import { ctxOf } from './testContext';

const arr = (a: Float64Array) => Array.from(a);

describe('rfm quantile binning', () => {
  // recency, frequency, monetary for 10 customers
  const facts = factsFrom({
    recency: [1, 5, 10, 20, 30, 40, 60, 90, 120, 365],
    frequency: [10, 8, 6, 5, 4, 3, 2, 2, 1, 1],
    monetary: [1000, 800, 600, 500, 400, 300, 200, 150, 100, 50],
  });

  it('scores with PERCENTILE.INC thresholds', () => {
    const s = computeRfm(facts, {});
    // monetary sorted: 50,100,150,200,300,400,500,600,800,1000; t = 140, 260, 440, 640
    expect(s.thresholds.m).toEqual([140, 260, 440, 640]);
    expect(arr(s.m)).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
    // frequency sorted: 1,1,2,2,3,4,5,6,8,10; t = 1.8, 2.6, 4.4, 6.4
    expect(s.thresholds.f.map((x) => +x.toFixed(10))).toEqual([1.8, 2.6, 4.4, 6.4]);
    expect(arr(s.f)).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
    // recency t = 9, 26, 48, 96; R = 1 + #{recency < t}
    expect(arr(s.r)).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
    // Boundary k reads "R > k ⇔ recency < threshold": boundary 1 uses t4 = 96, boundary 4 uses t1 = 9.
    expect(s.thresholds.r).toEqual([96, 48, 26, 9]);
  });

  it('writes columns, codes and the thresholds table', () => {
    const res = runRfm(ctxOf(facts));
    expect(res.columns.map((c) => c.key)).toEqual(['r_score', 'f_score', 'm_score', 'rfm_code']);
    expect((res.columns[3].values as (string | null)[])[0]).toBe('555');
    expect((res.columns[3].values as (string | null)[])[9]).toBe('111');
    const t = res.tables[0];
    expect(t.id).toBe('rfm_thresholds');
    expect(t.rows).toHaveLength(4);
    expect(t.rows[0][0]).toBe(1);
    expect(t.rows[0][1]).toBeCloseTo(0.2);
    expect(t.rows[0][4]).toBe(140);
  });

  it('gives equal values equal scores', () => {
    const rnd = (seed: number) => () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const next = rnd(7);
    const n = 500;
    const fx = factsFrom({
      recency: Array.from({ length: n }, () => Math.floor(next() * 20)),
      frequency: Array.from({ length: n }, () => 1 + Math.floor(next() * 4)),
      monetary: Array.from({ length: n }, () => Math.floor(next() * 10) * 100),
    });
    for (const bins of [3, 4, 5] as const) {
      const s = computeRfm(fx, { bins });
      for (const [values, scores] of [
        [fx.recency, s.r],
        [fx.frequency, s.f],
        [fx.monetary, s.m],
      ] as const) {
        const byValue = new Map<number, number>();
        for (let i = 0; i < n; i++) {
          const seen = byValue.get(values[i]);
          if (seen === undefined) byValue.set(values[i], scores[i]);
          else expect(scores[i]).toBe(seen);
          expect(scores[i]).toBeGreaterThanOrEqual(1);
          expect(scores[i]).toBeLessThanOrEqual(bins);
        }
        // Monotone: a better value never gets a lower score.
        const sorted = [...byValue.entries()].sort((a, b) => a[0] - b[0]);
        for (let k = 1; k < sorted.length; k++) {
          if (values === fx.recency) expect(sorted[k][1]).toBeLessThanOrEqual(sorted[k - 1][1]);
          else expect(sorted[k][1]).toBeGreaterThanOrEqual(sorted[k - 1][1]);
        }
      }
    }
  });

  it('gives all-equal values score 1 and one customer 111', () => {
    const s = computeRfm(factsFrom({ recency: [3, 3, 3], frequency: [2, 2, 2], monetary: [9, 9, 9] }), {});
    expect([...arr(s.r), ...arr(s.f), ...arr(s.m)].every((x) => x === 1)).toBe(true);
    const one = runRfm(ctxOf(factsFrom({ recency: [0], frequency: [1], monetary: [10] })));
    expect((one.columns[3].values as string[])[0]).toBe('111');
  });

  it('leaves unscored customers empty and out of the thresholds', () => {
    const fx = factsFrom({ recency: [1, 2, 3, 999], frequency: [1, 2, 3, 0], monetary: [10, 20, 30, -5] });
    const s = computeRfm(fx, { bins: 3 });
    expect(s.m[3]).toBeNaN();
    expect(s.r[3]).toBeNaN();
    // 3 scored monetary values 10, 20, 30: t = 16.67, 23.33
    expect(s.thresholds.m[0]).toBeCloseTo(50 / 3, 10);
    expect(arr(s.m).slice(0, 3)).toEqual([1, 2, 3]);
    const res = runRfm(ctxOf(fx, { rfm: { bins: 3 } }));
    expect((res.columns[3].values as (string | null)[])[3]).toBeNull();
  });

  it('supports 3 and 4 bins', () => {
    const fx = factsFrom({
      recency: [1, 2, 3, 4, 5, 6, 7, 8],
      frequency: [1, 2, 3, 4, 5, 6, 7, 8],
      monetary: [1, 2, 3, 4, 5, 6, 7, 8],
    });
    // 4 bins: t = 2.75, 4.5, 6.25
    const s4 = computeRfm(fx, { bins: 4 });
    expect(s4.thresholds.f).toEqual([2.75, 4.5, 6.25]);
    expect(arr(s4.f)).toEqual([1, 1, 2, 2, 3, 3, 4, 4]);
    expect(arr(s4.r)).toEqual([4, 4, 3, 3, 2, 2, 1, 1]);
    // 3 bins: t = 3.333, 5.667
    const s3 = computeRfm(fx, { bins: 3 });
    expect(arr(s3.m)).toEqual([1, 1, 1, 2, 2, 3, 3, 3]);
    expect(runRfm(ctxOf(fx, { rfm: { bins: 3 } })).tables[0].rows).toHaveLength(2);
  });
});

describe('rfm rank binning', () => {
  it('ranks first and cuts into equal-size bins as pandas qcut(rank(method="first"))', () => {
    // pd.qcut(pd.Series([1..7]).rank(method='first'), 5, labels=False) + 1 = [1,1,2,3,4,5,5]
    const v = Float64Array.from([1, 2, 3, 4, 5, 6, 7]);
    expect(arr(rankScores(v, new Uint8Array(7).fill(1), 5, false))).toEqual([1, 1, 2, 3, 4, 5, 5]);
    // n = 11: edges 3, 5, 7, 9 exactly; right-closed bins keep rank 3 in bin 1
    const w = Float64Array.from({ length: 11 }, (_, i) => i + 1);
    expect(arr(rankScores(w, new Uint8Array(11).fill(1), 5, false))).toEqual([
      1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5,
    ]);
  });

  it('agrees with a reference rank-first qcut on random data with ties and unscored customers', () => {
    let seed = 3;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (const n of [1, 2, 7, 50, 333]) {
      const v = Float64Array.from({ length: n }, () => Math.floor(rnd() * 6));
      const scored = Uint8Array.from({ length: n }, () => (rnd() < 0.9 ? 1 : 0));
      for (const bins of [3, 4, 5]) {
        const idx = [...Array(n).keys()].filter((i) => scored[i] === 1).sort((a, b) => v[a] - v[b] || a - b);
        const m = idx.length;
        const expected = new Array<number>(n).fill(NaN);
        idx.forEach((i, r) => {
          const rank = r + 1;
          // pandas: bin edges at quantiles 1 + (m − 1)·k/bins of the ranks, right-closed
          let bin = 1;
          for (let k = 1; k < bins; k++) if (rank > 1 + ((m - 1) * k) / bins + 1e-9) bin++;
          expected[i] = bin;
        });
        expect(arr(rankScores(v, scored, bins, false))).toEqual(expected);
        expect(arr(rankScores(v, scored, bins, true))).toEqual(expected.map((b) => bins + 1 - b));
      }
    }
  });

  it('breaks ties by customer order, unlike quantile binning', () => {
    const fx = factsFrom({ recency: [5, 5, 5, 5, 5], frequency: [2, 2, 2, 2, 2], monetary: [7, 7, 7, 7, 7] });
    const rank = computeRfm(fx, { binning: 'rank' });
    expect(arr(rank.f)).toEqual([1, 2, 3, 4, 5]);
    // R labels reversed: the first in customer order ranks lowest recency → score 5.
    expect(arr(rank.r)).toEqual([5, 4, 3, 2, 1]);
    const q = computeRfm(fx, { binning: 'quantile' });
    expect(arr(q.f)).toEqual([1, 1, 1, 1, 1]);
  });

  it('scores recency reversed and reports boundary values', () => {
    const fx = factsFrom({ recency: [10, 0, 5], frequency: [1, 3, 2], monetary: [30, 10, 20] });
    const s = computeRfm(fx, { binning: 'rank', bins: 3 });
    expect(arr(s.r)).toEqual([1, 3, 2]);
    expect(arr(s.f)).toEqual([1, 3, 2]);
    expect(arr(s.m)).toEqual([3, 1, 2]);
    // m: max value with score ≤ 1 is 10, ≤ 2 is 20; r: min recency with score ≤ 1 is 10, ≤ 2 is 5
    expect(s.thresholds.m).toEqual([10, 20]);
    expect(s.thresholds.r).toEqual([10, 5]);
  });
});

describe('rfm custom cuts', () => {
  const fx = factsFrom({ recency: [10, 30, 100, 5], frequency: [1, 2, 3, 4], monetary: [5, 50, 500, 5000] });
  it('applies the cut points with the quantile rules', () => {
    const s = computeRfm(fx, { bins: 3, binning: 'custom', cuts: { r: [30, 90], f: [1, 3] } });
    expect(arr(s.r)).toEqual([3, 2, 1, 3]);
    expect(arr(s.f)).toEqual([1, 2, 2, 3]);
    // m has no cuts: quantile thresholds of 5, 50, 500, 5000
    expect(s.thresholds.m[0]).toBeCloseTo(50 + (500 - 50) * 0, 10);
    expect(s.thresholds.f).toEqual([1, 3]);
    expect(s.thresholds.r).toEqual([90, 30]);
  });

  it('rejects cut points of the wrong count or order', () => {
    expect(() => computeRfm(fx, { bins: 3, binning: 'custom', cuts: { f: [1] } })).toThrow(EngineError);
    expect(() => computeRfm(fx, { bins: 3, binning: 'custom', cuts: { m: [5, 2] } })).toThrow(EngineError);
  });
});

describe('rfm availability', () => {
  it('is unavailable without scored customers', () => {
    expect(rfmMethod.unavailable(factsFrom({ recency: [1], frequency: [0], monetary: [0] }), null)?.key).toBe(
      'notice.no_scored_customers',
    );
    expect(
      rfmMethod.unavailable(factsFrom({ recency: [1], frequency: [1], monetary: [1] }), null),
    ).toBeNull();
  });
});
