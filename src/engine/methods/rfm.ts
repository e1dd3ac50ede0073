/**
 * RFM scores (DESIGN §5.1): R, F and M scores 1..N for every scored customer.
 *
 * - quantile (default): thresholds tᵢ = PERCENTILE.INC(values, i/N), i = 1..N−1;
 *   F, M = 1 + #{i : v > tᵢ}; R = 1 + #{i : recency < tᵢ}. Equal values always get equal scores.
 * - rank: pandas `qcut(x.rank(method='first'), N)` as in the common notebooks: customers are ranked
 *   1..n (ties broken by customer order) and cut into N equal-size bins; R is ranked on recency and the
 *   labels reversed (`labels=[N..1]`). Ties may straddle a boundary: that is what this option is for.
 * - custom: the user's ascending cut points, applied with the same rules as the quantile thresholds
 *   (a dimension without cut points falls back to quantile thresholds).
 */
import type { CustomerFacts, Method, MethodContext, MethodResult, ReportTable, RfmOptions } from '../types';
import { EngineError } from '../types';
import { needScored } from './common';
import { checkAbort, quantileRational, sortedScored } from './stats';

export type Binning = 'quantile' | 'rank' | 'custom';

/** Scores and the thresholds that produced them. */
export interface RfmScores {
  bins: number;
  binning: Binning;
  r: Float64Array;
  f: Float64Array;
  m: Float64Array;
  /**
   * Per boundary k = 1..N−1 (index k−1): score > k ⇔ recency < r[k−1], frequency > f[k−1],
   * monetary > m[k−1] (exact for quantile and custom; for rank the value at the boundary, ties aside).
   */
  thresholds: { r: number[]; f: number[]; m: number[] };
}

/** Normalised options with defaults. */
export function rfmOptions(options: RfmOptions | undefined): { bins: number; binning: Binning } {
  const bins = options?.bins ?? 5;
  if (bins !== 3 && bins !== 4 && bins !== 5) throw new EngineError('rfm_bins', { bins: String(bins) });
  return { bins, binning: options?.binning ?? 'quantile' };
}

/** Thresholds tᵢ = PERCENTILE.INC(scored values, i/N) for i = 1..N−1. */
export function quantileThresholds(values: Float64Array, scored: Uint8Array, bins: number): number[] {
  const sorted = sortedScored(values, scored);
  const out: number[] = [];
  for (let i = 1; i < bins; i++) out.push(quantileRational(sorted, i, bins));
  return out;
}

/** Score 1 + #{i : v > tᵢ} (higher is better), NaN for unscored customers. */
export function scoreAbove(values: Float64Array, scored: Uint8Array, t: readonly number[]): Float64Array {
  const out = new Float64Array(values.length).fill(NaN);
  for (let i = 0; i < values.length; i++) {
    if (scored[i] !== 1 || Number.isNaN(values[i])) continue;
    let s = 1;
    for (let k = 0; k < t.length; k++) if (values[i] > t[k]) s++;
    out[i] = s;
  }
  return out;
}

/** Score 1 + #{i : v < tᵢ} (lower values are better, as recency), NaN for unscored customers. */
export function scoreBelow(values: Float64Array, scored: Uint8Array, t: readonly number[]): Float64Array {
  const out = new Float64Array(values.length).fill(NaN);
  for (let i = 0; i < values.length; i++) {
    if (scored[i] !== 1 || Number.isNaN(values[i])) continue;
    let s = 1;
    for (let k = 0; k < t.length; k++) if (values[i] < t[k]) s++;
    out[i] = s;
  }
  return out;
}

/**
 * pandas `qcut(x.rank(method='first'), bins, labels=1..bins)`: bin of the customer ranked r (1-based)
 * among n is 1 + #{i : r > 1 + (n−1)·i/N}, compared in integers (N·(r−1) > (n−1)·i) so no rounding.
 * `descending` reverses the labels (R: the longest recency gets score 1).
 */
export function rankScores(
  values: Float64Array,
  scored: Uint8Array,
  bins: number,
  descending: boolean,
): Float64Array {
  // rank(method='first') without a comparator sort: rank = #{smaller values} + #{equal values seen
  // earlier in customer order} + 1; the first count is the lower bound in the natively sorted values.
  const sorted = sortedScored(values, scored);
  const n = sorted.length;
  const seen = new Int32Array(n);
  const out = new Float64Array(values.length).fill(NaN);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (scored[i] !== 1 || Number.isNaN(v)) continue;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    const r0 = lo + seen[lo]++;
    let bin = 1;
    for (let k = 1; k < bins; k++) if (bins * r0 > (n - 1) * k) bin++;
    out[i] = descending ? bins + 1 - bin : bin;
  }
  return out;
}

/** For rank binning: per boundary k, max value among scores ≤ k (or min, for R, where low is good). */
function boundaryValues(
  values: Float64Array,
  scores: Float64Array,
  bins: number,
  lowIsGood: boolean,
): number[] {
  const out: number[] = [];
  for (let k = 1; k < bins; k++) {
    let v = NaN;
    for (let i = 0; i < values.length; i++) {
      if (!(scores[i] <= k)) continue;
      if (Number.isNaN(v) || (lowIsGood ? values[i] < v : values[i] > v)) v = values[i];
    }
    out.push(v);
  }
  return out;
}

function checkCuts(name: string, cuts: number[] | undefined, bins: number): number[] | null {
  if (cuts === undefined) return null;
  const ok =
    cuts.length === bins - 1 && cuts.every((c, i) => Number.isFinite(c) && (i === 0 || c > cuts[i - 1]));
  if (!ok) throw new EngineError('rfm_cuts', { dimension: name, count: bins - 1 });
  return cuts.slice();
}

/** Computes R, F, M scores for the scored customers with the given options. */
export function computeRfm(facts: CustomerFacts, options: RfmOptions | undefined): RfmScores {
  const { bins, binning } = rfmOptions(options);
  const { scored, recency, frequency, monetary } = facts;
  if (binning === 'rank') {
    const r = rankScores(recency, scored, bins, true);
    const f = rankScores(frequency, scored, bins, false);
    const m = rankScores(monetary, scored, bins, false);
    // R score > k ⇔ the customer is among the most recent: the boundary is the least recency of scores ≤ k.
    const thresholds = {
      r: boundaryValues(recency, r, bins, true),
      f: boundaryValues(frequency, f, bins, false),
      m: boundaryValues(monetary, m, bins, false),
    };
    return { bins, binning, r, f, m, thresholds };
  }
  const custom = binning === 'custom' ? options?.cuts : undefined;
  const tr = checkCuts('r', custom?.r, bins) ?? quantileThresholds(recency, scored, bins);
  const tf = checkCuts('f', custom?.f, bins) ?? quantileThresholds(frequency, scored, bins);
  const tm = checkCuts('m', custom?.m, bins) ?? quantileThresholds(monetary, scored, bins);
  return {
    bins,
    binning,
    r: scoreBelow(recency, scored, tr),
    f: scoreAbove(frequency, scored, tf),
    m: scoreAbove(monetary, scored, tm),
    // R: score > k needs recency below N−k thresholds, the tightest being t_{N−k}.
    thresholds: { r: tf.map((_, k) => tr[bins - 2 - k]), f: tf, m: tm },
  };
}

/** The rfm_thresholds table: one row per score boundary k (between score k and k + 1). */
export function thresholdsTable(s: RfmScores): ReportTable {
  const rows: (string | number | null)[][] = [];
  for (let k = 1; k < s.bins; k++) {
    rows.push([
      k,
      s.binning === 'quantile' ? k / s.bins : null,
      num(s.thresholds.r[k - 1]),
      num(s.thresholds.f[k - 1]),
      num(s.thresholds.m[k - 1]),
    ]);
  }
  return {
    id: 'rfm_thresholds',
    columns: [
      { key: 'boundary', format: 'integer' },
      { key: 'quantile', format: 'percent' },
      { key: 'r_threshold', format: 'decimal' },
      { key: 'f_threshold', format: 'decimal' },
      { key: 'm_threshold', format: 'currency' },
    ],
    rows,
  };
}

function num(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/** "545"-style code from the three scores, null when unscored. */
export function rfmCodes(s: RfmScores): (string | null)[] {
  const out: (string | null)[] = new Array<string | null>(s.r.length);
  for (let i = 0; i < s.r.length; i++) {
    out[i] =
      Number.isNaN(s.r[i]) || Number.isNaN(s.f[i]) || Number.isNaN(s.m[i])
        ? null
        : `${s.r[i]}${s.f[i]}${s.m[i]}`;
  }
  return out;
}

/** Runs the rfm method. */
export function runRfm(ctx: MethodContext): MethodResult {
  checkAbort(ctx.signal);
  const s = computeRfm(ctx.facts, ctx.options.rfm);
  checkAbort(ctx.signal);
  return {
    id: 'rfm',
    columns: [
      { key: 'r_score', format: 'score', values: s.r },
      { key: 'f_score', format: 'score', values: s.f },
      { key: 'm_score', format: 'score', values: s.m },
      { key: 'rfm_code', format: 'text', values: rfmCodes(s) },
    ],
    tables: [thresholdsTable(s)],
    model: { bins: s.bins, binning: s.binning, thresholds: s.thresholds },
  };
}

/** Reads the rfm scores from an earlier result, or computes them when rfm did not run. */
export function rfmScoresFrom(ctx: MethodContext): {
  r: Float64Array;
  f: Float64Array;
  m: Float64Array;
  bins: number;
} {
  const earlier = ctx.earlier.get('rfm');
  if (earlier) {
    const col = (key: string): Float64Array | null => {
      const c = earlier.columns.find((x) => x.key === key);
      return c && c.values instanceof Float64Array ? c.values : null;
    };
    const r = col('r_score');
    const f = col('f_score');
    const m = col('m_score');
    const bins = earlier.model?.bins;
    if (r && f && m && typeof bins === 'number') return { r, f, m, bins };
  }
  const s = computeRfm(ctx.facts, ctx.options.rfm);
  return { r: s.r, f: s.f, m: s.m, bins: s.bins };
}

export const rfmMethod: Method = {
  id: 'rfm',
  byDefault: true,
  unavailable: (facts) => needScored(facts),
  run: runRfm,
};
