/**
 * Special functions for the CLV models: log-gamma, log-beta, log-sum-exp and the Gauss hypergeometric
 * function 2F1 on the real line (z < 1), accurate to ~1e-13 relative in the ranges the models use.
 */

// Module-level aliases: a global lookup of Math is slow inside vm sandboxes (jest) and costs nothing here.
const { abs, exp, floor, log, log1p, max, pow, round, sin, PI } = Math;
const NEG_INF = -Infinity;
const { isInteger } = Number;

const LANCZOS_G = 7;
const LANCZOS = [
  0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.6150291621406,
  12.507343278686905, -0.13857109526572012, 9.984369578019572e-6, 1.5056327351493116e-7,
];
const LN_SQRT_2PI = 0.9189385332046728;

/** ln|Γ(x)| (Lanczos, with reflection below 0.5); Infinity at the poles 0, −1, −2, … */
export function lnGamma(x: number): number {
  if (x < 0.5) {
    if (isInteger(x)) return Infinity;
    // Reflection: Γ(x)Γ(1−x) = π / sin(πx).
    return log(PI / abs(sin(PI * x))) - lnGamma(1 - x);
  }
  if (x > 1e7) {
    // Stirling with two correction terms is exact to double precision this far out.
    return (x - 0.5) * log(x) - x + LN_SQRT_2PI + 1 / (12 * x) - 1 / (360 * x * x * x);
  }
  const y = x - 1;
  let s = LANCZOS[0];
  for (let i = 1; i < LANCZOS_G + 2; i++) s += LANCZOS[i] / (y + i);
  const t = y + LANCZOS_G + 0.5;
  return LN_SQRT_2PI + (y + 0.5) * log(t) - t + log(s);
}

/** Sign of Γ(x) (+1 for x > 0; alternating between the poles for x < 0; 0 at a pole). */
export function gammaSign(x: number): number {
  if (x > 0) return 1;
  if (isInteger(x)) return 0;
  return floor(x) % 2 === 0 ? 1 : -1;
}

/** ln B(a, b) for a, b > 0. */
export function lnBeta(a: number, b: number): number {
  return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
}

/** ln(e^a + e^b) without overflow. */
export function logAddExp(a: number, b: number): number {
  if (a === NEG_INF) return b;
  if (b === NEG_INF) return a;
  const m = a > b ? a : b;
  return m + log1p(exp(-abs(a - b)));
}

function isNonPositiveInteger(x: number): boolean {
  return x <= 0 && isInteger(x);
}

/** The Maclaurin series of 2F1; converges for |z| < 1 and terminates for a or b a non-positive integer. */
function series(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < 200_000; n++) {
    term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    sum += term;
    if (term === 0 || (abs(term) <= 1e-17 * abs(sum) && n > 2)) break;
    if (!Number.isFinite(sum)) break;
  }
  return sum;
}

/** Γ(c)Γ(p) / (Γ(q1)Γ(q2)) with signs, through logs so that large arguments do not overflow. */
function gammaRatio(c: number, p: number, q1: number, q2: number): number {
  if (isNonPositiveInteger(q1) || isNonPositiveInteger(q2)) return 0; // 1/Γ at a pole is 0
  const sign = gammaSign(c) * gammaSign(p) * gammaSign(q1) * gammaSign(q2);
  return sign * exp(lnGamma(c) + lnGamma(p) - lnGamma(q1) - lnGamma(q2));
}

/**
 * 2F1 on 0.9 < z < 1 through the z → 1 − z connection formula (A&S 15.3.6). Also returns the size of the
 * larger of its two terms, so the caller can see how much cancelled.
 */
function nearOne(a: number, b: number, c: number, z: number): { value: number; scale: number } {
  const m = c - a - b;
  const w = 1 - z;
  const t1 = gammaRatio(c, m, c - a, c - b) * series(a, b, 1 - m, w);
  const t2 = pow(w, m) * gammaRatio(c, -m, a, b) * series(c - a, c - b, m + 1, w);
  return { value: t1 + t2, scale: max(abs(t1), abs(t2)) };
}

/** Offsets (in units of h) of the interpolation nodes around an integer c − a − b. */
const NODES = [-2, -1, 1, 2];

/** The connection formula near integer c − a − b (where its two terms have cancelling poles). */
function nearOneAnalytic(a: number, b: number, c: number, z: number): { value: number; scale: number } {
  const m = c - a - b;
  const nearest = round(m);
  const h = 1e-3;
  if (abs(m - nearest) >= h) return nearOne(a, b, c, z);
  // 2F1 is analytic in c: cubic Lagrange interpolation through c − a − b = nearest + s·h, s = ±1, ±2,
  // is accurate to O(h⁴) while keeping the poles far enough away that little cancels.
  const target = (m - nearest) / h;
  let value = 0;
  let scale = 0;
  for (let k = 0; k < NODES.length; k++) {
    let weight = 1;
    for (let j = 0; j < NODES.length; j++) if (j !== k) weight *= (target - NODES[j]) / (NODES[k] - NODES[j]);
    const f = nearOne(a, b, c + (nearest + NODES[k] * h - m), z);
    value += weight * f.value;
    scale = max(scale, abs(weight) * f.scale);
  }
  return { value, scale };
}

/**
 * Gauss hypergeometric function 2F1(a, b; c; z) for real z < 1 (and z = 1 when c − a − b > 0).
 * Series for 0 ≤ z ≤ 0.9, Pfaff's transformation for z < 0, the 1 − z connection formula near 1.
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (z === 0 || a === 0 || b === 0) return 1;
  if (isNonPositiveInteger(c) && !(isNonPositiveInteger(a) && a > c) && !(isNonPositiveInteger(b) && b > c)) {
    return NaN;
  }
  if (z > 1) return NaN;
  if (z === 1) {
    if (c - a - b <= 0) return Infinity;
    return gammaRatio(c, c - a - b, c - a, c - b);
  }
  if (isNonPositiveInteger(a) || isNonPositiveInteger(b)) return series(a, b, c, z); // a polynomial
  if (z < 0) {
    // Pfaff: 2F1(a,b;c;z) = (1−z)^−a 2F1(a, c−b; c; z/(z−1)), with z/(z−1) in (0, 1).
    return pow(1 - z, -a) * hyp2f1(a, c - b, c, z / (z - 1));
  }
  if (z <= 0.9) return series(a, b, c, z);
  const f = nearOneAnalytic(a, b, c, z);
  // When the two terms cancel heavily (large parameters), the plain series (all terms of one sign once
  // n exceeds the parameters) is the accurate choice; it is slower but still converges for z < 1.
  if (f.scale > 1e4 * abs(f.value) || !Number.isFinite(f.value)) return series(a, b, c, z);
  return f.value;
}
