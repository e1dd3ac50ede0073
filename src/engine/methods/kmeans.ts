/**
 * k-means clusters (DESIGN §5.6): features log(1 + max(v, 0)) standardised to z-scores (population sd),
 * k-means++ seeding from a seeded PRNG, 10 restarts of Lloyd's iterations, best inertia kept; k chosen in
 * 2..8 by the mean silhouette on a seeded sample of at most 5,000 customers. Flat typed arrays throughout.
 */
import { EngineError } from '../types';
import type {
  CustomerFacts,
  KmeansOptions,
  Method,
  MethodContext,
  MethodResult,
  Notice,
  ReportTable,
} from '../types';
import { checkAbort } from './stats';
import { mulberry32, sampleIndices, type Rng } from './random';

// Module-level aliases: a global lookup of Math is slow inside vm sandboxes (jest) and costs nothing here.
const { sqrt, log1p, expm1, max, abs } = Math;

export const KMEANS_FEATURES = ['recency', 'frequency', 'monetary', 'tenure', 'aov', 'profit'] as const;
export type KmeansFeature = (typeof KMEANS_FEATURES)[number];
export const DEFAULT_FEATURES: KmeansFeature[] = ['recency', 'frequency', 'monetary'];
const RESTARTS = 10;
const MAX_ITER = 300;
/** Lloyd stops when the centers' total squared shift is below TOL × the mean feature variance. */
const TOL = 1e-4;
const K_MIN = 2;
const K_MAX = 8;
/** Largest k accepted as an option. */
const K_MAX_ANY = 50;
const SILHOUETTE_SAMPLE = 5000;
/** A cluster mean this many z-units from the overall mean names the cluster by that feature. */
const NAME_THRESHOLD = 0.25;

/** The name parts for a feature below / above the overall mean (i18n keys cluster.<part>). */
export const NAME_PARTS: Record<KmeansFeature, [string, string]> = {
  recency: ['recent', 'lapsed'],
  frequency: ['infrequent', 'frequent'],
  monetary: ['low_spend', 'high_spend'],
  tenure: ['new', 'long_tenure'],
  aov: ['small_basket', 'large_basket'],
  profit: ['low_profit', 'high_profit'],
};

export interface KmeansFit {
  k: number;
  /** Cluster of each point (0-based; clusters ordered by size, largest first). */
  labels: Int32Array;
  /** k × d centers, row-major. */
  centers: Float64Array;
  inertia: number;
  iterations: number;
}

/** Squared distance between row i of a and row j of b (both d columns). */
function dist2(a: Float64Array, i: number, b: Float64Array, j: number, d: number): number {
  let s = 0;
  const oi = i * d;
  const oj = j * d;
  for (let f = 0; f < d; f++) {
    const t = a[oi + f] - b[oj + f];
    s += t * t;
  }
  return s;
}

/** k-means++ seeding: the first center uniform, each next one drawn with probability ∝ D². */
function seedCenters(data: Float64Array, n: number, d: number, k: number, rng: Rng): Float64Array {
  const centers = new Float64Array(k * d);
  const best = new Float64Array(n).fill(Infinity);
  let c = rng.int(n);
  for (let j = 0; j < k; j++) {
    centers.set(data.subarray(c * d, c * d + d), j * d);
    if (j === k - 1) break;
    let total = 0;
    if (d === 3) {
      // The default three features, unrolled (the same sum in the same order as dist2).
      const c0 = centers[j * 3];
      const c1 = centers[j * 3 + 1];
      const c2 = centers[j * 3 + 2];
      for (let i = 0, oi = 0; i < n; i++, oi += 3) {
        const t0 = data[oi] - c0;
        const t1 = data[oi + 1] - c1;
        const t2 = data[oi + 2] - c2;
        const v = 0 + t0 * t0 + t1 * t1 + t2 * t2;
        if (v < best[i]) best[i] = v;
        total += best[i];
      }
    } else {
      for (let i = 0; i < n; i++) {
        const v = dist2(data, i, centers, j, d);
        if (v < best[i]) best[i] = v;
        total += best[i];
      }
    }
    if (total === 0) {
      c = rng.int(n); // every point already sits on a center: any choice is as good
      continue;
    }
    let u = rng.next() * total;
    c = n - 1;
    for (let i = 0; i < n; i++) {
      u -= best[i];
      if (u < 0) {
        c = i;
        break;
      }
    }
  }
  return centers;
}

/**
 * Lloyd's iterations from the given centers until no label changes or the centers settle (tolerance),
 * with Hamerly's bounds (an upper bound to the own center, a lower bound to the second closest) to skip
 * most distance computations; each step is exactly Lloyd's.
 *
 * For speed, one pass over the points per iteration does the bound update, the reassignment and the
 * sums for the next centers (the same additions in the same order as separate passes would make, so the
 * result is bit for bit the same), and three features, the default, have an unrolled distance.
 */
function lloyd(
  data: Float64Array,
  n: number,
  d: number,
  k: number,
  centers: Float64Array,
  tolerance: number,
): KmeansFit {
  const labels = new Int32Array(n);
  const upper = new Float64Array(n);
  const lower = new Float64Array(n);
  const sums = new Float64Array(k * d);
  const counts = new Int32Array(k);
  const half = new Float64Array(k);
  const drop = new Float64Array(k);
  const moved = new Float64Array(k);
  const old = new Float64Array(k * d);
  const three = d === 3;
  // Full scan of one point: closest and second-closest centers; then the point joins its center's sums.
  const scan = (i: number): void => {
    const oi = i * d;
    let b1 = Infinity;
    let b2 = Infinity;
    let bj = 0;
    if (three) {
      const x0 = data[oi];
      const x1 = data[oi + 1];
      const x2 = data[oi + 2];
      for (let j = 0, oj = 0; j < k; j++, oj += 3) {
        const t0 = x0 - centers[oj];
        const t1 = x1 - centers[oj + 1];
        const t2 = x2 - centers[oj + 2];
        const v = 0 + t0 * t0 + t1 * t1 + t2 * t2;
        if (v < b1) {
          b2 = b1;
          b1 = v;
          bj = j;
        } else if (v < b2) b2 = v;
      }
    } else {
      for (let j = 0, oj = 0; j < k; j++, oj += d) {
        let v = 0;
        for (let f = 0; f < d; f++) {
          const t = data[oi + f] - centers[oj + f];
          v += t * t;
        }
        if (v < b1) {
          b2 = b1;
          b1 = v;
          bj = j;
        } else if (v < b2) b2 = v;
      }
    }
    labels[i] = bj;
    upper[i] = sqrt(b1);
    lower[i] = sqrt(b2);
  };
  // Distance from point i to center a.
  const distTo = (i: number, a: number): number => {
    const oi = i * d;
    const oa = a * d;
    if (three) {
      const t0 = data[oi] - centers[oa];
      const t1 = data[oi + 1] - centers[oa + 1];
      const t2 = data[oi + 2] - centers[oa + 2];
      return sqrt(0 + t0 * t0 + t1 * t1 + t2 * t2);
    }
    let v = 0;
    for (let f = 0; f < d; f++) {
      const t = data[oi + f] - centers[oa + f];
      v += t * t;
    }
    return sqrt(v);
  };
  for (let i = 0, oi = 0; i < n; i++, oi += d) {
    scan(i);
    const o = labels[i] * d;
    counts[labels[i]]++;
    for (let f = 0; f < d; f++) sums[o + f] += data[oi + f];
  }
  let iterations = 0;
  for (; iterations < MAX_ITER; iterations++) {
    // New centers from the sums of the current labels (gathered during the last pass).
    old.set(centers);
    let reseeded = false;
    for (let j = 0; j < k; j++) {
      if (counts[j] === 0) {
        // An empty cluster takes the point farthest from its center, so k clusters survive.
        let far = 0;
        for (let i = 1; i < n; i++) if (upper[i] > upper[far]) far = i;
        centers.set(data.subarray(far * d, far * d + d), j * d);
        upper[far] = 0;
        reseeded = true;
        continue;
      }
      for (let f = 0; f < d; f++) centers[j * d + f] = sums[j * d + f] / counts[j];
    }
    let maxMove = 0;
    let secondMove = 0;
    let maxJ = -1;
    for (let j = 0; j < k; j++) {
      let v = 0;
      for (let f = 0; f < d; f++) {
        const t = centers[j * d + f] - old[j * d + f];
        v += t * t;
      }
      moved[j] = sqrt(v);
      if (moved[j] > maxMove) {
        secondMove = maxMove;
        maxMove = moved[j];
        maxJ = j;
      } else if (moved[j] > secondMove) secondMove = moved[j];
    }
    if (maxMove === 0 && iterations > 0) break;
    // Tolerance (as scikit-learn): centers moved by less than TOL × the data's mean variance in total.
    let shift = 0;
    for (let j = 0; j < k; j++) shift += moved[j] * moved[j];
    const settled = shift <= tolerance;
    for (let j = 0; j < k; j++) {
      let best = Infinity;
      for (let j2 = 0; j2 < k; j2++) {
        if (j2 === j) continue;
        let v = 0;
        for (let f = 0; f < d; f++) {
          const t = centers[j * d + f] - centers[j2 * d + f];
          v += t * t;
        }
        if (v < best) best = v;
      }
      half[j] = k > 1 ? sqrt(best) / 2 : Infinity;
    }
    // How far each cluster's points' lower bounds drop: the largest move of any other center.
    for (let j = 0; j < k; j++) drop[j] = j === maxJ ? secondMove : maxMove;
    sums.fill(0);
    counts.fill(0);
    let changed = 0;
    for (let i = 0, oi = 0; i < n; i++, oi += d) {
      const a = labels[i];
      // Bounds follow the centers' moves (after a reseed the lower bounds start over from 0); kept in
      // locals, stored once.
      let up = upper[i] + moved[a];
      const lo = reseeded ? 0 : lower[i] - drop[a];
      lower[i] = lo;
      const h = half[a];
      const bound = h > lo ? h : lo;
      let scanned = false;
      if (up > bound) {
        // Tighten the upper bound, then rescan only if it still may not be the closest.
        up = distTo(i, a);
        if (up > bound) {
          scan(i);
          scanned = true;
          if (labels[i] !== a) changed++;
        }
      }
      if (!scanned) upper[i] = up;
      const l = labels[i];
      counts[l]++;
      if (three) {
        const o = l * 3;
        sums[o] += data[oi];
        sums[o + 1] += data[oi + 1];
        sums[o + 2] += data[oi + 2];
      } else {
        const o = l * d;
        for (let f = 0; f < d; f++) sums[o + f] += data[oi + f];
      }
    }
    if ((changed === 0 || settled) && !reseeded) {
      iterations++;
      break;
    }
  }
  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += dist2(data, i, centers, labels[i], d);
  return { k, labels, centers, inertia, iterations };
}

/** Lloyd's tolerance for the data: TOL × the mean variance of its features. */
function toleranceOf(data: Float64Array, n: number, d: number): number {
  let variance = 0;
  for (let f = 0; f < d; f++) {
    let mu = 0;
    for (let i = 0; i < n; i++) mu += data[i * d + f] / n;
    for (let i = 0; i < n; i++) variance += (data[i * d + f] - mu) ** 2 / (n * d);
  }
  return TOL * variance;
}

/** Renumbers clusters by size (largest first; ties by center coordinates) so output is canonical. */
function canonical(fit: KmeansFit, d: number): KmeansFit {
  const { k } = fit;
  const size = new Float64Array(k);
  for (const l of fit.labels) size[l]++;
  const order = Array.from({ length: k }, (_, j) => j).sort((a, b) => {
    if (size[b] !== size[a]) return size[b] - size[a];
    for (let f = 0; f < d; f++) {
      const diff = fit.centers[a * d + f] - fit.centers[b * d + f];
      if (diff !== 0) return diff;
    }
    return a - b;
  });
  const rank = new Int32Array(k);
  order.forEach((old, j) => (rank[old] = j));
  const centers = new Float64Array(k * d);
  order.forEach((old, j) => centers.set(fit.centers.subarray(old * d, old * d + d), j * d));
  return { ...fit, labels: fit.labels.map((l) => rank[l]), centers };
}

/** Best of `restarts` k-means++ / Lloyd runs on n × d row-major data. */
export function kmeans(
  data: Float64Array,
  n: number,
  d: number,
  k: number,
  seed: number,
  restarts = RESTARTS,
): KmeansFit {
  if (n === 0)
    return { k: 0, labels: new Int32Array(0), centers: new Float64Array(0), inertia: 0, iterations: 0 };
  const kk = Math.max(1, Math.min(k, n));
  const rng = mulberry32(seed);
  const tolerance = toleranceOf(data, n, d);
  let best: KmeansFit | null = null;
  for (let r = 0; r < restarts; r++) {
    const fit = lloyd(data, n, d, kk, seedCenters(data, n, d, kk, rng), tolerance);
    if (!best || fit.inertia < best.inertia - 1e-12 * max(1, best.inertia)) best = fit;
  }
  return canonical(best as KmeansFit, d);
}

/** Above this many joint cells, silhouettes() sums per labeling instead (memory grows with cells × points). */
const MAX_JOINT_CELLS = 256;

/** Mean silhouette of each labeling from the per-point cluster distance sums (point p, cluster c). */
function meanSilhouette(
  m: number,
  k: number,
  label: (p: number) => number,
  sum: (p: number, c: number) => number,
): number {
  if (k < 2 || m < 2) return 0;
  const size = new Float64Array(k);
  for (let p = 0; p < m; p++) size[label(p)]++;
  let total = 0;
  for (let p = 0; p < m; p++) {
    const own = label(p);
    if (size[own] <= 1) continue; // silhouette 0 for a singleton
    const a = sum(p, own) / (size[own] - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && size[c] > 0) b = Math.min(b, sum(p, c) / size[c]);
    if (!Number.isFinite(b)) continue;
    const den = max(a, b);
    total += den > 0 ? (b - a) / den : 0;
  }
  return total / m;
}

/**
 * Mean silhouette (exact, on the sample rows) of several labelings of the same points. 0 for a labeling
 * with one cluster.
 *
 * The labelings (k = 2..8 of the same data) cut the sample into few joint cells (points with the same label
 * in every labeling). Each distance is computed once for a pair (symmetry) and added to the distance sum
 * of each point to the other's cell; a point's distance sum to a cluster is then the sum over the cells
 * inside that cluster. That is m²/2 distances and no per-labeling pass over the pairs, about 10× less work
 * than summing per labeling. Same values up to the rounding of the sums' order.
 */
export function silhouettes(
  data: Float64Array,
  d: number,
  sample: Int32Array,
  labelings: { labels: Int32Array; k: number }[],
): number[] {
  const m = sample.length;
  const L = labelings.length;
  // Joint cell of each sample point.
  const cellIndex = new Map<string, number>();
  const cellOf = new Int32Array(m);
  const cellLabels: number[] = [];
  for (let i = 0; i < m; i++) {
    const key = labelings.map((l) => l.labels[sample[i]]).join(',');
    let g = cellIndex.get(key);
    if (g === undefined) {
      g = cellIndex.size;
      cellIndex.set(key, g);
      for (let q = 0; q < L; q++) cellLabels.push(labelings[q].labels[sample[i]]);
    }
    cellOf[i] = g;
  }
  const G = cellIndex.size;
  if (G > MAX_JOINT_CELLS) return silhouettesByLabeling(data, d, sample, labelings);
  // The sample sorted by cell, so each cell is a contiguous range of positions.
  const start = new Int32Array(G + 1);
  for (let i = 0; i < m; i++) start[cellOf[i] + 1]++;
  for (let g = 0; g < G; g++) start[g + 1] += start[g];
  const fill = start.slice(0, G);
  const order = new Int32Array(m);
  for (let i = 0; i < m; i++) order[fill[cellOf[i]]++] = i;
  const pts = new Float64Array(m * d);
  const cellAt = new Int32Array(m);
  for (let p = 0; p < m; p++) {
    pts.set(data.subarray(sample[order[p]] * d, sample[order[p]] * d + d), p * d);
    cellAt[p] = cellOf[order[p]];
  }
  // toCell[g·m + p] = sum of the distances from the point at position p to the points of cell g.
  const toCell = new Float64Array(G * m);
  const three = d === 3;
  for (let i = 0; i < m; i++) {
    const oi = i * d;
    const row = cellAt[i] * m;
    for (let g = 0; g < G; g++) {
      let acc = 0;
      for (let p = max(start[g], i + 1), e = start[g + 1]; p < e; p++) {
        let s: number;
        if (three) {
          const t0 = pts[oi] - pts[p * 3];
          const t1 = pts[oi + 1] - pts[p * 3 + 1];
          const t2 = pts[oi + 2] - pts[p * 3 + 2];
          s = t0 * t0 + t1 * t1 + t2 * t2;
        } else {
          s = 0;
          for (let f = 0, op = p * d; f < d; f++) {
            const t = pts[oi + f] - pts[op + f];
            s += t * t;
          }
        }
        const dist = sqrt(s);
        acc += dist;
        toCell[row + p] += dist;
      }
      toCell[g * m + i] += acc;
    }
  }
  // Per labeling: a point's distance sum to a cluster is the sum over the cells in it.
  return labelings.map((l, q) => {
    const k = l.k;
    const sums = new Float64Array(m * k);
    for (let g = 0; g < G; g++) {
      const c = cellLabels[g * L + q];
      for (let p = 0; p < m; p++) sums[p * k + c] += toCell[g * m + p];
    }
    return meanSilhouette(
      m,
      k,
      (p) => cellLabels[cellAt[p] * L + q],
      (p, c) => sums[p * k + c],
    );
  });
}

/** silhouettes() for many joint cells: per labeling, sums over the sample sorted by cluster. */
function silhouettesByLabeling(
  data: Float64Array,
  d: number,
  sample: Int32Array,
  labelings: { labels: Int32Array; k: number }[],
): number[] {
  const m = sample.length;
  const L = labelings.length;
  const sums = labelings.map((l) => new Float64Array(m * l.k));
  const lab = labelings.map((l) => Int32Array.from(sample, (i) => l.labels[i]));
  const pts = new Float64Array(m * d);
  for (let s = 0; s < m; s++) pts.set(data.subarray(sample[s] * d, sample[s] * d + d), s * d);
  // For each labeling, the sample sorted by cluster: a row's per-cluster sums are then plain reductions
  // over contiguous ranges (no scattered writes), which is what makes 7 labelings cheap.
  const perms = lab.map((lq, q) => {
    const k = labelings[q].k;
    const start = new Int32Array(k + 1);
    for (let i = 0; i < m; i++) start[lq[i] + 1]++;
    for (let c = 0; c < k; c++) start[c + 1] += start[c];
    const fill = start.slice(0, k);
    const perm = new Int32Array(m);
    for (let i = 0; i < m; i++) perm[fill[lq[i]]++] = i;
    return { perm, start };
  });
  const row = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const oi = i * d;
    for (let j = 0, oj = 0; j < m; j++, oj += d) {
      let s = 0;
      for (let f = 0; f < d; f++) {
        const t = pts[oi + f] - pts[oj + f];
        s += t * t;
      }
      row[j] = sqrt(s);
    }
    for (let q = 0; q < L; q++) {
      const k = labelings[q].k;
      const { perm, start } = perms[q];
      const sq = sums[q];
      for (let c = 0; c < k; c++) {
        let acc = 0;
        for (let p = start[c], e = start[c + 1]; p < e; p++) acc += row[perm[p]];
        sq[i * k + c] = acc;
      }
    }
  }
  return labelings.map((l, q) => {
    const k = l.k;
    if (k < 2 || m < 2) return 0;
    const size = new Float64Array(k);
    for (let i = 0; i < m; i++) size[lab[q][i]]++;
    let total = 0;
    for (let i = 0; i < m; i++) {
      const own = lab[q][i];
      if (size[own] <= 1) continue; // silhouette 0 for a singleton
      const a = sums[q][i * k + own] / (size[own] - 1);
      let b = Infinity;
      for (let c = 0; c < k; c++) if (c !== own && size[c] > 0) b = Math.min(b, sums[q][i * k + c] / size[c]);
      if (!Number.isFinite(b)) continue;
      const den = max(a, b);
      total += den > 0 ? (b - a) / den : 0;
    }
    return total / m;
  });
}

/** Raw values of a feature for all customers, or null when the data lacks it (profit). */
function featureValues(facts: CustomerFacts, f: KmeansFeature): Float64Array | null {
  switch (f) {
    case 'recency':
      return facts.recency;
    case 'frequency':
      return facts.frequency;
    case 'monetary':
      return facts.monetary;
    case 'tenure':
      return facts.tenure;
    case 'aov':
      return facts.aov;
    case 'profit':
      return facts.profit;
  }
}

/** Validated feature list (default recency, frequency, monetary). */
export function resolveFeatures(names: readonly string[] | undefined): KmeansFeature[] {
  const list = names && names.length > 0 ? names : DEFAULT_FEATURES;
  const out: KmeansFeature[] = [];
  for (const raw of list) {
    const name = raw.trim().toLowerCase();
    if (!(KMEANS_FEATURES as readonly string[]).includes(name))
      throw new EngineError('kmeans_bad_feature', { feature: raw, allowed: KMEANS_FEATURES.join(', ') });
    if (!out.includes(name as KmeansFeature)) out.push(name as KmeansFeature);
  }
  return out;
}

/** Readable, stable name ids from centers in z-units: parts joined by '+', e.g. "recent+frequent+high_spend". */
export function clusterNameIds(
  centers: Float64Array,
  k: number,
  features: readonly KmeansFeature[],
): string[] {
  const d = features.length;
  const seen = new Map<string, number>();
  const names: string[] = [];
  for (let j = 0; j < k; j++) {
    const parts: string[] = [];
    features.forEach((f, fi) => {
      const z = centers[j * d + fi];
      if (z > NAME_THRESHOLD) parts.push(NAME_PARTS[f][1]);
      else if (z < -NAME_THRESHOLD) parts.push(NAME_PARTS[f][0]);
    });
    let id = parts.length > 0 ? parts.join('+') : 'average';
    // Two clusters with the same profile words get a number, so every name stays unique.
    const count = (seen.get(id) ?? 0) + 1;
    seen.set(id, count);
    if (count > 1) id = `${id}#${count}`;
    names.push(id);
  }
  return names;
}

/**
 * The clustering input: the scored customers with every feature a number (rows, indices into facts) and
 * their n × d z-scores of log(1 + max(v, 0)), with the log-scale mean and sd of each feature.
 */
export function kmeansData(
  facts: CustomerFacts,
  raw: readonly Float64Array[],
): { data: Float64Array; n: number; d: number; rows: number[]; mean: Float64Array; sd: Float64Array } {
  const d = raw.length;
  // Customers with every feature a number.
  const rows: number[] = [];
  for (let i = 0; i < facts.n; i++) {
    if (facts.scored[i] !== 1) continue;
    if (raw.every((v) => Number.isFinite(v[i]))) rows.push(i);
  }
  const n = rows.length;
  const data = new Float64Array(n * d);
  const mean = new Float64Array(d);
  const sd = new Float64Array(d);
  for (let f = 0; f < d; f++) {
    let s = 0;
    for (let r = 0; r < n; r++) {
      const v = log1p(max(raw[f][rows[r]], 0));
      data[r * d + f] = v;
      s += v;
    }
    mean[f] = n > 0 ? s / n : 0;
    let ss = 0;
    for (let r = 0; r < n; r++) ss += (data[r * d + f] - mean[f]) ** 2;
    sd[f] = n > 0 ? sqrt(ss / n) : 0;
    // A constant feature carries no information: it becomes 0 for everyone instead of 0/0.
    for (let r = 0; r < n; r++) data[r * d + f] = sd[f] > 0 ? (data[r * d + f] - mean[f]) / sd[f] : 0;
  }

  return { data, n, d, rows, mean, sd };
}

/** Runs k-means on the scored customers. */
export function runKmeans(ctx: MethodContext): MethodResult {
  checkAbort(ctx.signal);
  const { facts } = ctx;
  const opts: KmeansOptions = ctx.options.kmeans ?? {};
  const seed = opts.seed ?? 42;
  const features = resolveFeatures(opts.features);
  const notices: Notice[] = [];
  const raw: Float64Array[] = [];
  for (const f of features) {
    const v = featureValues(facts, f);
    if (!v) throw new EngineError('kmeans_feature_missing', { feature: f });
    raw.push(v);
  }
  const { data, n, d, rows, mean, sd } = kmeansData(facts, raw);
  // Distinct points bound the number of meaningful clusters.
  const distinct = new Set<string>();
  for (let r = 0; r < n && distinct.size <= K_MAX; r++)
    distinct.add(Array.from(data.subarray(r * d, r * d + d)).join(','));
  const maxK = distinct.size;

  const rng = mulberry32(seed ^ 0x5bd1e995);
  const sample = sampleIndices(n, SILHOUETTE_SAMPLE, rng);
  let fit: KmeansFit;
  const silhouetteByK: Record<string, number> = {};
  if (opts.k === undefined || opts.k === 'auto') {
    const candidates: KmeansFit[] = [];
    for (let k = K_MIN; k <= Math.min(K_MAX, maxK); k++) {
      checkAbort(ctx.signal);
      candidates.push(kmeans(data, n, d, k, seed + k));
    }
    if (candidates.length === 0) {
      fit = kmeans(data, n, d, 1, seed);
      if (n > 0) notices.push({ key: 'notice.kmeans.too_few_distinct', params: { distinct: maxK } });
    } else {
      const scores = silhouettes(data, d, sample, candidates);
      let bi = 0;
      scores.forEach((s, i) => {
        silhouetteByK[String(candidates[i].k)] = s;
        if (s > scores[bi] + 1e-12) bi = i; // ties keep the smaller k
      });
      fit = candidates[bi];
    }
  } else {
    const k = opts.k;
    if (!Number.isInteger(k) || k < 1 || k > K_MAX_ANY)
      throw new EngineError('kmeans_bad_k', { k: String(k) });
    if (k > maxK && n > 0) notices.push({ key: 'notice.kmeans.k_reduced', params: { k, distinct: maxK } });
    fit = kmeans(data, n, d, Math.min(k, Math.max(1, maxK)), seed + k);
    if (fit.k >= 2) silhouetteByK[String(fit.k)] = silhouettes(data, d, sample, [fit])[0];
  }
  checkAbort(ctx.signal);
  const k = fit.k;
  const silhouette = silhouetteByK[String(k)] ?? 0;
  const names = clusterNameIds(fit.centers, k, features);

  const cluster = new Float64Array(facts.n).fill(NaN);
  const clusterName: (string | null)[] = new Array<string | null>(facts.n).fill(null);
  rows.forEach((i, r) => {
    cluster[i] = fit.labels[r];
    clusterName[i] = names[fit.labels[r]];
  });

  // Profiles in the customers' own units: size, share, mean of each raw feature vs the overall mean.
  const size = new Float64Array(k);
  const featureSum = new Float64Array(k * d);
  const overall = new Float64Array(d);
  rows.forEach((i, r) => {
    const j = fit.labels[r];
    size[j]++;
    for (let f = 0; f < d; f++) {
      featureSum[j * d + f] += raw[f][i];
      overall[f] += raw[f][i] / n;
    }
  });
  const profiles: ReportTable = {
    id: 'cluster_profiles',
    columns: [
      { key: 'cluster', format: 'integer' },
      { key: 'name', format: 'text' },
      { key: 'customers', format: 'integer' },
      { key: 'share', format: 'percent' },
      ...features.flatMap((f) => [
        {
          key: `mean_${f}`,
          format:
            f === 'monetary' || f === 'aov' || f === 'profit' ? ('currency' as const) : ('decimal' as const),
        },
        { key: `vs_overall_${f}`, format: 'percent' as const },
      ]),
    ],
    rows: Array.from({ length: k }, (_, j) => [
      j,
      names[j],
      size[j],
      n > 0 ? size[j] / n : 0,
      ...features.flatMap((_f, f) => {
        const m = size[j] > 0 ? featureSum[j * d + f] / size[j] : NaN;
        return [m, overall[f] !== 0 ? m / overall[f] : null];
      }),
    ]),
  };
  const centersZ = Array.from({ length: k }, (_, j) => Array.from(fit.centers.subarray(j * d, j * d + d)));
  // Back through the standardisation and the log: the center in the customers' units (a geometric-mean-like value).
  const centersOriginal = centersZ.map((row) => row.map((z, f) => expm1(z * sd[f] + mean[f])));
  if (abs(silhouette) < 0.25 && k >= 2)
    notices.push({
      key: 'notice.kmeans.weak_structure',
      params: { silhouette: Math.round(silhouette * 100) / 100 },
    });

  return {
    id: 'kmeans',
    columns: [
      { key: 'cluster', format: 'integer', values: cluster },
      { key: 'cluster_name', format: 'text', values: clusterName, segmentOf: 'kmeans' },
    ],
    segmentColumn: 'cluster_name',
    segmentIds: names,
    tables: [profiles],
    model: {
      k,
      inertia: fit.inertia,
      features,
      transform: 'zscore(log1p(max(v, 0)))',
      feature_mean_log: Array.from(mean),
      feature_sd_log: Array.from(sd),
      centers: { z: centersZ, original: centersOriginal },
      names,
      silhouette,
      silhouetteByK,
      seed,
      customers: n,
      iterations: fit.iterations,
    },
    notices,
  };
}

/** Whether k-means can run: it needs scored customers. */
function kmeansUnavailable(facts: CustomerFacts): Notice | null {
  for (let i = 0; i < facts.n; i++) if (facts.scored[i] === 1) return null;
  return { key: 'notice.no_scored_customers' };
}

/** k-means clusters with automatic k. */
export const kmeansMethod: Method = {
  id: 'kmeans',
  byDefault: false,
  unavailable: kmeansUnavailable,
  run: runKmeans,
};
