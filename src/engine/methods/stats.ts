/**
 * Descriptive statistics over the scored customers (facts.scored[i] === 1). Quantiles interpolate
 * linearly between order statistics, exactly as Excel's PERCENTILE.INC and numpy's default method.
 */
import { CancelledError } from '../types';

/** The values of the scored customers that are numbers (NaN left out), in customer order. */
export function scoredValues(values: Float64Array, scored: Uint8Array): Float64Array {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (scored[i] === 1 && !Number.isNaN(values[i])) count++;
  const out = new Float64Array(count);
  let k = 0;
  for (let i = 0; i < values.length; i++)
    if (scored[i] === 1 && !Number.isNaN(values[i])) out[k++] = values[i];
  return out;
}

/** The scored values sorted ascending (typed-array sort is numeric). */
export function sortedScored(values: Float64Array, scored: Uint8Array): Float64Array {
  return scoredValues(values, scored).sort();
}

/** PERCENTILE.INC of ascending values at p in [0, 1]; NaN for no values. */
export function quantileSorted(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  if (p <= 0) return sorted[0];
  if (p >= 1) return sorted[n - 1];
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const frac = h - lo;
  const a = sorted[lo];
  if (frac === 0 || lo + 1 >= n) return a;
  const b = sorted[lo + 1];
  // Equal neighbours must give exactly that value (a + frac·0), so that ties stay ties.
  return a === b ? a : a + frac * (b - a);
}

/**
 * PERCENTILE.INC of ascending values at the rational p = num/den, with the interpolation index computed in
 * integers: (n − 1)·num/den split exactly into whole and fraction, so that a threshold which is
 * mathematically a data value (e.g. 440) is exactly that value and "v > t" does not flip on rounding noise.
 */
export function quantileRational(sorted: Float64Array, num: number, den: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  if (num <= 0) return sorted[0];
  if (num >= den) return sorted[n - 1];
  const h = (n - 1) * num;
  const lo = Math.floor(h / den);
  const rem = h - lo * den;
  const a = sorted[lo];
  if (rem === 0 || lo + 1 >= n) return a;
  const b = sorted[lo + 1];
  return a === b ? a : a + (rem / den) * (b - a);
}

/** PERCENTILE.INC of the scored customers' values at p in [0, 1]. */
export function quantile(values: Float64Array, scored: Uint8Array, p: number): number {
  return quantileSorted(sortedScored(values, scored), p);
}

/** Median (PERCENTILE.INC at 0.5) of the scored customers' values. */
export function median(values: Float64Array, scored: Uint8Array): number {
  return quantile(values, scored, 0.5);
}

/** Arithmetic mean of the scored customers' values (NaN left out); NaN when none. */
export function mean(values: Float64Array, scored: Uint8Array): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    if (scored[i] === 1 && !Number.isNaN(values[i])) {
      sum += values[i];
      count++;
    }
  }
  return count === 0 ? NaN : sum / count;
}

/** Number of scored customers. */
export function countScored(scored: Uint8Array): number {
  let count = 0;
  for (let i = 0; i < scored.length; i++) if (scored[i] === 1) count++;
  return count;
}

/** Throws CancelledError when the run was cancelled. */
export function checkAbort(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}

/** Compensated (Neumaier) sum, so that long sums of money reconcile to the cent. */
export class Sum {
  private s = 0;
  private c = 0;
  /** Add one value. */
  add(x: number): void {
    const t = this.s + x;
    this.c += Math.abs(this.s) >= Math.abs(x) ? this.s - t + x : x - t + this.s;
    this.s = t;
  }
  /** The sum so far. */
  get value(): number {
    return this.s + this.c;
  }
}
