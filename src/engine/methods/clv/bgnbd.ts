/**
 * BG/NBD model (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way"): purchases while alive
 * are Poisson(λ), λ ~ Gamma(r, α); after each purchase the customer drops out with probability p,
 * p ~ Beta(a, b). Inputs per customer: x repeat purchases, t_x time of the last purchase and T age, both
 * measured from the first purchase in one period unit.
 */
import { hyp2f1, lnGamma, logAddExp } from './special';
import { minimize } from './optimize';

// Module-level aliases: a global lookup of Math is slow inside vm sandboxes (jest) and costs nothing here.
const { abs, exp, log, log1p, max, min } = Math;

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** Repeat-purchase summary of customers (equal-length arrays; weights = number of identical customers). */
export interface RepeatData {
  x: ArrayLike<number>;
  tx: ArrayLike<number>;
  T: ArrayLike<number>;
  weight?: ArrayLike<number>;
}

export interface BgNbdFit {
  params: BgNbdParams;
  logLikelihood: number;
  converged: boolean;
  evaluations: number;
  /** True when a parameter ran to the edge of the search box (the data cannot identify it). */
  atBound: boolean;
}

/** Log-parameters are kept in this box so that degenerate data still gives finite numbers. */
const LOG_BOUND = 15;

/** Per-customer log-likelihood of the BG/NBD model (log-sum-exp form). */
export function bgnbdCustomerLogLikelihood(p: BgNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  const a1 = lnGamma(r + x) - lnGamma(r) + r * log(alpha);
  const a2 = lnGamma(a + b) + lnGamma(b + x) - lnGamma(b) - lnGamma(a + b + x);
  const a3 = -(r + x) * log(alpha + T);
  const a4 = x > 0 ? log(a) - log(b + x - 1) - (r + x) * log(alpha + tx) : -Infinity;
  return a1 + a2 + logAddExp(a3, a4);
}

/** Customers grouped by identical (x, t_x, T) and by distinct x, so each evaluation does little work. */
interface Grouped {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  w: Float64Array;
  /** Index of each group's x in xs. */
  xi: Int32Array;
  xs: Float64Array;
  /** Total weight per distinct x. */
  xw: Float64Array;
}

function group(data: RepeatData): Grouped {
  const keys = new Map<string, number>();
  const gx: number[] = [];
  const gtx: number[] = [];
  const gT: number[] = [];
  const gw: number[] = [];
  for (let i = 0; i < data.x.length; i++) {
    const w = data.weight ? data.weight[i] : 1;
    const x = data.x[i];
    const tx = data.tx[i];
    const T = data.T[i];
    if (!(w > 0) || !Number.isFinite(x) || !Number.isFinite(tx) || !Number.isFinite(T)) continue;
    const key = `${x}|${tx}|${T}`;
    const k = keys.get(key);
    if (k === undefined) {
      keys.set(key, gx.length);
      gx.push(x);
      gtx.push(tx);
      gT.push(T);
      gw.push(w);
    } else gw[k] += w;
  }
  const xsMap = new Map<number, number>();
  const xs: number[] = [];
  const xw: number[] = [];
  const xi = new Int32Array(gx.length);
  for (let i = 0; i < gx.length; i++) {
    let j = xsMap.get(gx[i]);
    if (j === undefined) {
      j = xs.length;
      xsMap.set(gx[i], j);
      xs.push(gx[i]);
      xw.push(0);
    }
    xi[i] = j;
    xw[j] += gw[i];
  }
  return {
    x: Float64Array.from(gx),
    tx: Float64Array.from(gtx),
    T: Float64Array.from(gT),
    w: Float64Array.from(gw),
    xi,
    xs: Float64Array.from(xs),
    xw: Float64Array.from(xw),
  };
}

function groupedLogLikelihood(p: BgNbdParams, g: Grouped, scratch: Float64Array): number {
  const { r, alpha, a, b } = p;
  // Terms that depend only on x, once per distinct x; scratch keeps ln(a/(b+x−1)) for the rows.
  const base = lnGamma(r) - r * log(alpha) + lnGamma(b) - lnGamma(a + b);
  const lnA = log(a);
  let ll = 0;
  for (let j = 0; j < g.xs.length; j++) {
    const x = g.xs[j];
    ll += g.xw[j] * (lnGamma(r + x) + lnGamma(b + x) - lnGamma(a + b + x) - base);
    scratch[j] = x > 0 ? lnA - log(b + x - 1) : -Infinity;
  }
  for (let i = 0; i < g.x.length; i++) {
    const rx = r + g.x[i];
    const a3 = -rx * log(alpha + g.T[i]);
    const term = g.x[i] > 0 ? logAddExp(a3, scratch[g.xi[i]] - rx * log(alpha + g.tx[i])) : a3;
    ll += g.w[i] * term;
  }
  return ll;
}

/** Total (weighted) BG/NBD log-likelihood of a data set. */
export function bgnbdLogLikelihood(p: BgNbdParams, data: RepeatData): number {
  const g = group(data);
  return groupedLogLikelihood(p, g, new Float64Array(g.xs.length));
}

function fromLog(v: Float64Array): BgNbdParams {
  const c = (z: number) => exp(min(LOG_BOUND, max(-LOG_BOUND, z)));
  return { r: c(v[0]), alpha: c(v[1]), a: c(v[2]), b: c(v[3]) };
}

/** Maximum-likelihood BG/NBD fit over log-parameters (deterministic start from the data's scale). */
export function fitBgNbd(data: RepeatData): BgNbdFit {
  const g = group(data);
  const scratch = new Float64Array(g.xs.length);
  let sumX = 0;
  let sumT = 0;
  let sumW = 0;
  for (let i = 0; i < g.x.length; i++) {
    sumX += g.w[i] * g.x[i];
    sumT += g.w[i] * g.T[i];
    sumW += g.w[i];
  }
  if (sumW === 0) {
    return {
      params: { r: NaN, alpha: NaN, a: NaN, b: NaN },
      logLikelihood: NaN,
      converged: false,
      evaluations: 0,
      atBound: false,
    };
  }
  // Start at r = 1 with α matching the observed purchase rate (so the start is right in any time unit).
  const rate = sumX > 0 && sumT > 0 ? sumX / sumT : 1 / max(1, sumT / sumW);
  const x0 = Float64Array.from([0, log(1 / rate), 0, 0]);
  const objective = (v: Float64Array): number => {
    // Outside the box: the value at the box edge plus a quadratic wall, so the search stays smooth.
    let wall = 0;
    for (let i = 0; i < 4; i++) {
      const over = abs(v[i]) - LOG_BOUND;
      if (over > 0) wall += over * over;
    }
    return -groupedLogLikelihood(fromLog(v), g, scratch) / sumW + wall;
  };
  const res = minimize(objective, x0);
  const params = fromLog(res.x);
  let atBound = false;
  for (let i = 0; i < 4; i++) if (abs(res.x[i]) >= LOG_BOUND - 0.5) atBound = true;
  return {
    params,
    logLikelihood: groupedLogLikelihood(params, g, scratch),
    converged: res.converged,
    evaluations: res.evaluations,
    atBound,
  };
}

/** P(alive | x, t_x, T). */
export function bgnbdPAlive(p: BgNbdParams, x: number, tx: number, T: number): number {
  if (x <= 0) return 1;
  const ln = log(p.a) - log(p.b + x - 1) + (p.r + x) * (log(p.alpha + T) - log(p.alpha + tx));
  return 1 / (1 + exp(ln));
}

/**
 * Expected purchases in the next t periods given alive (the conditional expectation without P(alive)):
 * (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x; a+b+x−1; t/(α+T+t))], evaluated through
 * Euler's transformation, (1−z)^(r+x) 2F1(r+x, b+x; c; z) = (1−z)^(a−1) 2F1(a+b−1−r, a−1; c; z), whose
 * series has small numerators and never overflows for large x.
 */
export function bgnbdExpectedWhileAlive(p: BgNbdParams, t: number, x: number, T: number): number {
  const { r, alpha, a, b } = p;
  if (abs(a - 1) < 1e-7) {
    // The formula has a removable singularity at a = 1: average the two sides.
    const lo = bgnbdExpectedWhileAlive({ ...p, a: 1 - 1e-5 }, t, x, T);
    const hi = bgnbdExpectedWhileAlive({ ...p, a: 1 + 1e-5 }, t, x, T);
    return (lo + hi) / 2;
  }
  if (t <= 0) return 0;
  const c = a + b + x - 1;
  const z = t / (alpha + T + t);
  // Two equal forms; the one with the smaller numerator parameters has the tamer series (large x favours
  // Euler's, a dropout-prone fit with huge a favours the original).
  const euler = () => exp((a - 1) * log1p(-z)) * hyp2f1(a + b - 1 - r, a - 1, c, z);
  const original = () => exp((r + x) * log1p(-z)) * hyp2f1(r + x, b + x, c, z);
  const eulerFirst = abs((a + b - 1 - r) * (a - 1)) <= (r + x) * (b + x);
  let f = eulerFirst ? euler() : original();
  if (!Number.isFinite(f)) f = eulerFirst ? original() : euler();
  const value = (c / (a - 1)) * (1 - f);
  // Purchases while alive are at least 0; rounding can leave −1e−17 for tiny t.
  return value > 0 ? value : 0;
}

/** Expected purchases in the next t periods of a customer with history (x, t_x, T). */
export function bgnbdConditionalExpected(
  p: BgNbdParams,
  t: number,
  x: number,
  tx: number,
  T: number,
): number {
  return bgnbdExpectedWhileAlive(p, t, x, T) * bgnbdPAlive(p, x, tx, T);
}

/** Unconditional expected purchases E[X(t)] of a new customer in (0, t]. */
export function bgnbdExpected(p: BgNbdParams, t: number): number {
  return bgnbdExpectedWhileAlive(p, t, 0, 0);
}
