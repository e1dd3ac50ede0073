import { factsFrom } from '../testing/factsBuilder';
import type { CustomerFacts, KmeansOptions, MethodResult } from '../types';
import { clusterNameIds, kmeans, kmeansMethod, silhouettes } from './kmeans';
import { mulberry32 } from './random';

function run(facts: CustomerFacts, kmeansOpts: KmeansOptions = {}): MethodResult {
  return kmeansMethod.run({ facts, tx: null, options: { kmeans: kmeansOpts }, earlier: new Map() });
}

/** Customers drawn around planted (recency, frequency, monetary) profiles, lognormal noise. */
function planted(
  profiles: [number, number, number][],
  perCluster: number,
  seed = 1,
  noise = 0.15,
): {
  facts: CustomerFacts;
  truth: number[];
} {
  const rng = mulberry32(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  const recency: number[] = [];
  const frequency: number[] = [];
  const monetary: number[] = [];
  const truth: number[] = [];
  profiles.forEach(([r, f, m], c) => {
    for (let i = 0; i < perCluster; i++) {
      recency.push(Math.round(r * Math.exp(noise * gauss())));
      frequency.push(Math.max(1, Math.round(f * Math.exp(noise * gauss()))));
      monetary.push(m * Math.exp(noise * gauss()));
      truth.push(c);
    }
  });
  return { facts: factsFrom({ recency, frequency, monetary }), truth };
}

/** Adjusted-free check: each planted group maps to one cluster and clusters are not shared. */
function purity(labels: ArrayLike<number>, truth: number[]): number {
  const pairs = new Map<string, number>();
  for (let i = 0; i < truth.length; i++)
    pairs.set(`${truth[i]}|${labels[i]}`, (pairs.get(`${truth[i]}|${labels[i]}`) ?? 0) + 1);
  const best = new Map<number, number>();
  for (const [key, c] of pairs) {
    const t = Number(key.split('|')[0]);
    best.set(t, Math.max(best.get(t) ?? 0, c));
  }
  let s = 0;
  for (const v of best.values()) s += v;
  return s / truth.length;
}

const FOUR: [number, number, number][] = [
  [5, 20, 5000],
  [200, 1, 30],
  [20, 3, 300],
  [400, 8, 2000],
];

describe('k-means', () => {
  test('recovers planted clusters with the given k', () => {
    const { facts, truth } = planted(FOUR, 150);
    const r = run(facts, { k: 4 });
    const cluster = r.columns[0].values as Float64Array;
    expect(purity(cluster, truth)).toBeGreaterThan(0.98);
    expect(r.model?.k).toBe(4);
    // Clusters are numbered by size, 0-based; names are unique.
    const names = r.model?.names as string[];
    expect(new Set(names).size).toBe(4);
    const champions = cluster[0];
    expect(names[champions]).toBe('recent+frequent+high_spend');
  });

  test('auto picks the planted k by silhouette', () => {
    for (const k of [2, 3, 4]) {
      const { facts } = planted(FOUR.slice(0, k), 120, 7);
      const r = run(facts, { k: 'auto' });
      expect(r.model?.k).toBe(k);
      const byK = r.model?.silhouetteByK as Record<string, number>;
      expect(Object.keys(byK)).toEqual(['2', '3', '4', '5', '6', '7', '8']);
      expect(r.model?.silhouette).toBeGreaterThan(0.5);
    }
  });

  test('same seed, same output; another seed still finds the same partition', () => {
    const { facts } = planted(FOUR, 100, 3);
    const a = run(facts, { k: 'auto', seed: 9 });
    const b = run(facts, { k: 'auto', seed: 9 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const c = run(facts, { k: 'auto', seed: 10 });
    expect(Array.from(c.columns[0].values as Float64Array)).toEqual(
      Array.from(a.columns[0].values as Float64Array),
    );
  });

  test('profiles table: sizes add up, shares sum to 1, means vs overall', () => {
    const { facts } = planted(FOUR, 50, 5);
    const r = run(facts, { k: 4 });
    const t = r.tables[0];
    expect(t.id).toBe('cluster_profiles');
    const keys = t.columns.map((c) => c.key);
    expect(keys).toContain('mean_monetary');
    expect(keys).toContain('vs_overall_recency');
    expect(t.rows.reduce((s, row) => s + (row[2] as number), 0)).toBe(200);
    expect(t.rows.reduce((s, row) => s + (row[3] as number), 0)).toBeCloseTo(1, 12);
    const centers = r.model?.centers as { z: number[][]; original: number[][] };
    expect(centers.z.length).toBe(4);
    expect(centers.original[0].length).toBe(3);
  });

  test('other features, unscored customers and errors', () => {
    const facts = factsFrom({
      recency: [1, 2, 300, 310, 5, 0],
      frequency: [9, 8, 1, 1, 7, 0],
      monetary: [900, 800, 10, 12, 700, 0],
      firstPurchase: [44_000, 44_010, 44_600, 44_650, 44_020, 45_000],
      scored: [1, 1, 1, 1, 1, 0],
    });
    const r = run(facts, { k: 2, features: ['tenure', 'aov', 'frequency'] });
    const cl = r.columns[0].values as Float64Array;
    expect(Number.isNaN(cl[5])).toBe(true);
    expect(cl[0]).toBe(cl[1]);
    expect(cl[2]).toBe(cl[3]);
    expect(cl[0]).not.toBe(cl[2]);
    expect(() => run(facts, { features: ['height'] })).toThrow('kmeans_bad_feature');
    expect(() => run(facts, { features: ['profit'] })).toThrow('kmeans_feature_missing');
    expect(() => run(facts, { k: 0 })).toThrow('kmeans_bad_k');
  });

  test('degenerate inputs give no NaN and no crash', () => {
    const cases = [
      factsFrom({ recency: [3], frequency: [2], monetary: [50] }),
      factsFrom({ recency: [3, 3, 3], frequency: [2, 2, 2], monetary: [50, 50, 50] }),
      factsFrom({ recency: [3, 40], frequency: [2, 1], monetary: [50, 5] }),
      factsFrom({ recency: [0, 0, 0, 0], frequency: [1, 1, 1, 1], monetary: [-5, 0, 10, 10] }),
    ];
    for (const facts of cases) {
      for (const k of ['auto', 3] as const) {
        const r = run(facts, { k });
        const cl = r.columns[0].values as Float64Array;
        for (let i = 0; i < facts.n; i++) expect(Number.isInteger(cl[i])).toBe(true);
        expect(JSON.stringify(r.model)).not.toMatch(/NaN|null/);
        expect(Number.isFinite(r.model?.inertia as number)).toBe(true);
      }
    }
  });

  test('silhouette of a clean two-group split is near 1', () => {
    const data = Float64Array.from([0, 0, 0.1, 0, 0, 0.1, 10, 10, 10.1, 10, 10, 10.1]);
    const fit = kmeans(data, 6, 2, 2, 1);
    const [s] = silhouettes(data, 2, Int32Array.from([0, 1, 2, 3, 4, 5]), [fit]);
    expect(s).toBeGreaterThan(0.95);
    expect(fit.inertia).toBeCloseTo(4 * (0.1 * 0.1 * (2 / 3)) - 0 + 0, 1);
  });

  test('names: parts from centers in z-units, unique ids', () => {
    const centers = Float64Array.from([-1, 1, 1, 1, -1, -1, 0.1, 0, -0.1, -1, 1, 1]);
    expect(clusterNameIds(centers, 4, ['recency', 'frequency', 'monetary'])).toEqual([
      'recent+frequent+high_spend',
      'lapsed+infrequent+low_spend',
      'average',
      'recent+frequent+high_spend#2',
    ]);
  });

  test('speed: auto k on 4,300 customers (printed)', () => {
    const { facts } = planted(FOUR, 1075, 11, 0.6);
    const t0 = performance.now();
    const r = run(facts, { k: 'auto' });
    console.log(
      `k-means auto on ${facts.n} customers: ${(performance.now() - t0).toFixed(0)} ms, k = ${r.model?.k}`,
    );
  });
});
