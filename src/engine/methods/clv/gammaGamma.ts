/**
 * Gamma-Gamma spend model (Fader, Hardie & Lee 2005 JMR; Fader & Hardie, "The Gamma-Gamma Model of
 * Monetary Value"): each transaction value is Gamma(p, ν), ν ~ Gamma(q, γ). Fitted on customers with at
 * least one repeat purchase, from x and the mean repeat value z̄.
 */
import { lnGamma } from './special';
import { minimize } from './optimize';

// Module-level aliases: a global lookup of Math is slow inside vm sandboxes (jest) and costs nothing here.
const { abs, exp, log, max, min } = Math;

export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

export interface GammaGammaFit {
  params: GammaGammaParams;
  logLikelihood: number;
  /** Customers the fit used (x > 0 and z̄ > 0). */
  used: number;
  /** Customers left out because they have no repeat purchase (x = 0). */
  oneTimeBuyers: number;
  /** Customers with x > 0 left out because their mean repeat value is not positive. */
  nonPositiveSpend: number;
  converged: boolean;
  atBound: boolean;
}

const LOG_BOUND = 15;

/** Per-customer log-likelihood of z̄ given x under the Gamma-Gamma model. */
export function gammaGammaCustomerLogLikelihood(g: GammaGammaParams, x: number, zbar: number): number {
  const { p, q, gamma } = g;
  const px = p * x;
  return (
    lnGamma(px + q) -
    lnGamma(px) -
    lnGamma(q) +
    q * log(gamma) +
    (px - 1) * log(zbar) +
    px * log(x) -
    (px + q) * log(gamma + x * zbar)
  );
}

/** Population mean spend per transaction, p·γ/(q − 1) (Infinity when q ≤ 1). */
export function gammaGammaMean(g: GammaGammaParams): number {
  return g.q > 1 ? (g.p * g.gamma) / (g.q - 1) : Infinity;
}

/**
 * Expected mean transaction value of a customer: (pγ + p·x·z̄)/(p·x + q − 1), the population mean
 * p·γ/(q−1) when x = 0 (one-time buyers carry no spend information beyond the first purchase).
 */
export function gammaGammaConditionalSpend(g: GammaGammaParams, x: number, zbar: number): number {
  if (!(x > 0) || !Number.isFinite(zbar)) return gammaGammaMean(g);
  return (g.p * g.gamma + g.p * x * zbar) / (g.p * x + g.q - 1);
}

/** Maximum-likelihood Gamma-Gamma fit on the customers with x > 0 and z̄ > 0. */
export function fitGammaGamma(x: ArrayLike<number>, zbar: ArrayLike<number>): GammaGammaFit {
  const xs: number[] = [];
  const zs: number[] = [];
  let oneTime = 0;
  let nonPositive = 0;
  for (let i = 0; i < x.length; i++) {
    if (!(x[i] > 0)) {
      oneTime++;
      continue;
    }
    if (!(zbar[i] > 0) || !Number.isFinite(zbar[i])) {
      nonPositive++;
      continue;
    }
    xs.push(x[i]);
    zs.push(zbar[i]);
  }
  const n = xs.length;
  const base = { used: n, oneTimeBuyers: oneTime, nonPositiveSpend: nonPositive };
  if (n === 0) {
    return {
      params: { p: NaN, q: NaN, gamma: NaN },
      logLikelihood: NaN,
      converged: false,
      atBound: false,
      ...base,
    };
  }
  // Spend is fitted in units of its mean (γ scales with the currency; p and q do not), so the search box
  // and the start work for yen and for dollars alike.
  let meanZ = 0;
  for (let i = 0; i < n; i++) meanZ += zs[i] / n;
  // x takes few distinct values: the log-gamma terms are computed once per distinct x.
  const distinct = Array.from(new Set(xs)).sort((u, v) => u - v);
  const xIndex = new Map(distinct.map((v, i) => [v, i]));
  const xi = Int32Array.from(xs, (v) => xIndex.get(v) ?? 0);
  const xCount = new Float64Array(distinct.length);
  for (let i = 0; i < n; i++) xCount[xi[i]]++;
  const lnX = Float64Array.from(xs, Math.log);
  const makeLl = (scale: number) => {
    const z = Float64Array.from(zs, (v) => v / scale);
    const lnZ = Float64Array.from(z, Math.log);
    const xz = Float64Array.from(z, (v, i) => v * xs[i]);
    return (g: GammaGammaParams): number => {
      let s = n * (g.q * log(g.gamma) - lnGamma(g.q));
      for (let j = 0; j < distinct.length; j++) {
        const px = g.p * distinct[j];
        s += xCount[j] * (lnGamma(px + g.q) - lnGamma(px));
      }
      for (let i = 0; i < n; i++) {
        const px = g.p * xs[i];
        s += (px - 1) * lnZ[i] + px * lnX[i] - (px + g.q) * log(g.gamma + xz[i]);
      }
      return s;
    };
  };
  const llScaled = makeLl(meanZ);
  const fromLog = (v: Float64Array): GammaGammaParams => {
    const c = (z: number) => exp(min(LOG_BOUND, max(-LOG_BOUND, z)));
    return { p: c(v[0]), q: c(v[1]), gamma: c(v[2]) };
  };
  // Start at p = 1, q = 2, γ = 1: mean spend pγ/(q−1) equal to the observed mean.
  const x0 = Float64Array.from([0, log(2), 0]);
  const objective = (v: Float64Array): number => {
    let wall = 0;
    for (let i = 0; i < 3; i++) {
      const over = abs(v[i]) - LOG_BOUND;
      if (over > 0) wall += over * over;
    }
    return -llScaled(fromLog(v)) / n + wall;
  };
  const res = minimize(objective, x0);
  const scaled = fromLog(res.x);
  const params = { ...scaled, gamma: scaled.gamma * meanZ };
  let atBound = false;
  for (let i = 0; i < 3; i++) if (abs(res.x[i]) >= LOG_BOUND - 0.5) atBound = true;
  return { params, logLikelihood: makeLl(1)(params), converged: res.converged, atBound, ...base };
}
