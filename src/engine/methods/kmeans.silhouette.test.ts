import { kmeans, silhouettes } from './kmeans';
import { mulberry32 } from './random';

/** The textbook silhouette, pair by pair: the reference the fast version must match. */
function naiveSilhouette(
  data: Float64Array,
  d: number,
  sample: Int32Array,
  labels: Int32Array,
  k: number,
): number {
  const m = sample.length;
  if (k < 2 || m < 2) return 0;
  const dist = (i: number, j: number): number => {
    let s = 0;
    for (let f = 0; f < d; f++) s += (data[sample[i] * d + f] - data[sample[j] * d + f]) ** 2;
    return Math.sqrt(s);
  };
  let total = 0;
  for (let i = 0; i < m; i++) {
    const sums = new Float64Array(k);
    const sizes = new Float64Array(k);
    for (let j = 0; j < m; j++) {
      sizes[labels[sample[j]]]++;
      if (j !== i) sums[labels[sample[j]]] += dist(i, j);
    }
    const own = labels[sample[i]];
    if (sizes[own] <= 1) continue;
    const a = sums[own] / (sizes[own] - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && sizes[c] > 0) b = Math.min(b, sums[c] / sizes[c]);
    if (!Number.isFinite(b)) continue;
    total += (b - a) / Math.max(a, b);
  }
  return total / m;
}

function randomData(n: number, d: number, seed: number): Float64Array {
  const rng = mulberry32(seed);
  return Float64Array.from({ length: n * d }, () => rng.next() * 4 + (rng.next() < 0.3 ? 5 : 0));
}

describe('silhouettes', () => {
  it.each([
    [3, 300, 1],
    [2, 250, 2],
    [5, 120, 3],
  ])('matches the pair-by-pair definition for k = 2..8 (d = %i, n = %i)', (d, n, seed) => {
    const data = randomData(n, d, seed);
    const fits = Array.from({ length: 7 }, (_, j) => kmeans(data, n, d, j + 2, seed + j));
    const sample = Int32Array.from({ length: Math.floor(n * 0.8) }, (_, i) => Math.floor(i * 1.25));
    const fast = silhouettes(data, d, sample, fits);
    fits.forEach((f, q) => expect(fast[q]).toBeCloseTo(naiveSilhouette(data, d, sample, f.labels, f.k), 12));
  });

  it('falls back to per-labeling sums when the labelings cut the sample into many cells, with the same values', () => {
    const n = 400;
    const data = randomData(n, 2, 9);
    const rng = mulberry32(4);
    // Random labelings share no structure: almost every point is its own joint cell.
    const labelings = [5, 7, 8, 6].map((k) => ({
      k,
      labels: Int32Array.from({ length: n }, () => rng.int(k)),
    }));
    const sample = Int32Array.from({ length: n }, (_, i) => i);
    const fast = silhouettes(data, 2, sample, labelings);
    labelings.forEach((l, q) =>
      expect(fast[q]).toBeCloseTo(naiveSilhouette(data, 2, sample, l.labels, l.k), 12),
    );
  });

  it('gives 0 for one cluster and handles singletons', () => {
    const data = Float64Array.from([0, 0, 1, 1, 10, 10]);
    const sample = Int32Array.from([0, 1, 2]);
    const [one, three] = silhouettes(data, 2, sample, [
      { k: 1, labels: Int32Array.from([0, 0, 0]) },
      { k: 3, labels: Int32Array.from([0, 1, 2]) },
    ]);
    expect(one).toBe(0);
    expect(three).toBe(0);
  });
});
