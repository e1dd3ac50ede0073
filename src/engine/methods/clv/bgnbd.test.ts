import {
  bgnbdConditionalExpected,
  bgnbdCustomerLogLikelihood,
  bgnbdExpected,
  bgnbdLogLikelihood,
  bgnbdPAlive,
  fitBgNbd,
} from './bgnbd';
import { hyp2f1, lnBeta, lnGamma } from './special';

const published = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
// Hand-built histories [x, t_x, T] (weeks).
const tiny: [number, number, number][] = [
  [0, 0, 38.86],
  [1, 1.71, 38.86],
  [2, 30.43, 38.86],
  [5, 20, 30.5],
  [0, 0, 5],
  [12, 35.2, 36],
];
// ln L of each, from mpmath at 30 digits with the paper's equation (6) (sum of two terms, no logs).
const mpmathLl = [
  -0.5547132764381585, -4.469093275032589, -9.45860630706627, -16.35252842827365, -0.18405224234009063,
  -29.515550714711285,
];

/** Equation (6) of Fader, Hardie & Lee (2005), computed as written (the product form, then the log). */
function directLl(p: typeof published, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  const common = Math.exp(lnGamma(r + x) - lnGamma(r) + r * Math.log(alpha));
  let L = Math.exp(lnBeta(a, b + x) - lnBeta(a, b)) * common * Math.pow(alpha + T, -(r + x));
  if (x > 0) L += Math.exp(lnBeta(a + 1, b + x - 1) - lnBeta(a, b)) * common * Math.pow(alpha + tx, -(r + x));
  return Math.log(L);
}

describe('BG/NBD', () => {
  test('log-likelihood at the published parameters equals the direct formula and mpmath', () => {
    tiny.forEach(([x, tx, T], i) => {
      const ll = bgnbdCustomerLogLikelihood(published, x, tx, T);
      expect(ll).toBeCloseTo(directLl(published, x, tx, T), 10);
      expect(ll).toBeCloseTo(mpmathLl[i], 10);
    });
    const data = { x: tiny.map((d) => d[0]), tx: tiny.map((d) => d[1]), T: tiny.map((d) => d[2]) };
    expect(bgnbdLogLikelihood(published, data)).toBeCloseTo(-60.534544243862044, 9);
    // Weights count identical customers.
    const doubled = { ...data, weight: tiny.map(() => 2) };
    expect(bgnbdLogLikelihood(published, doubled)).toBeCloseTo(2 * -60.534544243862044, 8);
  });

  test('conditional expectation matches the paper formula with 2F1 (mpmath values)', () => {
    const cases: [number, number, number, number, number][] = [
      [39, 2, 30.43, 38.86, 1.2260281747671444],
      [52, 0, 0, 0.5, 1.3488879787457408],
      [364, 3, 10, 200, 0.004242972055004737],
      [52, 40, 100, 101, 16.473052147652112],
      [10, 1, 1, 1, 1.3115081744438315],
    ];
    for (const [t, x, tx, T, want] of cases) {
      expect(bgnbdConditionalExpected(published, t, x, tx, T)).toBeCloseTo(want, 9);
      // The untransformed formula with our 2F1 agrees too.
      const { r, alpha, a, b } = published;
      const z = t / (alpha + T + t);
      const num =
        ((a + b + x - 1) / (a - 1)) *
        (1 - Math.pow((alpha + T) / (alpha + T + t), r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z));
      expect(num * bgnbdPAlive(published, x, tx, T)).toBeCloseTo(want, 8);
    }
  });

  test('P(alive) is 1 without repeat purchases and falls with time since the last one', () => {
    expect(bgnbdPAlive(published, 0, 0, 30)).toBe(1);
    const recent = bgnbdPAlive(published, 3, 29, 30);
    const old = bgnbdPAlive(published, 3, 5, 30);
    expect(recent).toBeGreaterThan(old);
    expect(old).toBeGreaterThan(0);
  });

  test('unconditional E[X(t)] increases and is 0 at t = 0; a = 1 is handled', () => {
    expect(bgnbdExpected(published, 0)).toBe(0);
    let prev = 0;
    for (const t of [1, 5, 20, 80, 400]) {
      const e = bgnbdExpected(published, t);
      expect(e).toBeGreaterThan(prev);
      prev = e;
    }
    const nearOne = bgnbdExpected({ ...published, a: 1 }, 30);
    expect(Number.isFinite(nearOne)).toBe(true);
    expect(nearOne).toBeCloseTo(bgnbdExpected({ ...published, a: 1.001 }, 30), 2);
  });

  test('fit recovers parameters from data simulated with them (seeded)', () => {
    let s = 12345;
    const rand = () => {
      s = (s * 1103515245 + 12345) % 2147483648;
      return (s + 0.5) / 2147483648;
    };
    const gammaDraw = (shape: number): number => {
      // Marsaglia–Tsang, with the shape < 1 boost.
      if (shape < 1) return gammaDraw(shape + 1) * Math.pow(rand(), 1 / shape);
      const d = shape - 1 / 3;
      const c = 1 / Math.sqrt(9 * d);
      for (;;) {
        const u1 = rand();
        const u2 = rand();
        const nrm = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        const v = Math.pow(1 + c * nrm, 3);
        if (v > 0 && Math.log(rand()) < 0.5 * nrm * nrm + d - d * v + d * Math.log(v)) return d * v;
      }
    };
    const truth = { r: 0.8, alpha: 6, a: 1.5, b: 4 };
    const x: number[] = [];
    const tx: number[] = [];
    const T: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const lambda = gammaDraw(truth.r) / truth.alpha;
      const g1 = gammaDraw(truth.a);
      const p = g1 / (g1 + gammaDraw(truth.b));
      const age = 30 + 10 * rand();
      let t = 0;
      let n = 0;
      let last = 0;
      for (;;) {
        t += -Math.log(rand()) / lambda;
        if (t > age) break;
        n++;
        last = t;
        if (rand() < p) break;
      }
      x.push(n);
      tx.push(last);
      T.push(age);
    }
    const fit = fitBgNbd({ x, tx, T });
    expect(fit.converged).toBe(true);
    expect(fit.params.r).toBeGreaterThan(0.6);
    expect(fit.params.r).toBeLessThan(1.05);
    expect(fit.params.alpha).toBeGreaterThan(4);
    expect(fit.params.alpha).toBeLessThan(8.5);
    // The fit is the maximum: nudging any parameter lowers the likelihood.
    const ll = bgnbdLogLikelihood(fit.params, { x, tx, T });
    for (const k of ['r', 'alpha', 'a', 'b'] as const) {
      for (const f of [0.98, 1.02]) {
        expect(bgnbdLogLikelihood({ ...fit.params, [k]: fit.params[k] * f }, { x, tx, T })).toBeLessThan(ll);
      }
    }
  });

  test('degenerate data gives finite parameters', () => {
    const cases = [
      { x: [0, 0, 0], tx: [0, 0, 0], T: [10, 20, 30] },
      { x: [3], tx: [5], T: [10] },
      { x: [2, 2], tx: [4, 4], T: [9, 9] },
      { x: [1, 0], tx: [0, 0], T: [0, 0] },
    ];
    for (const d of cases) {
      const fit = fitBgNbd(d);
      for (const v of Object.values(fit.params)) expect(Number.isFinite(v)).toBe(true);
      expect(Number.isFinite(fit.logLikelihood)).toBe(true);
      expect(Number.isFinite(bgnbdConditionalExpected(fit.params, 52, d.x[0], d.tx[0], d.T[0]))).toBe(true);
    }
    expect(Number.isNaN(fitBgNbd({ x: [], tx: [], T: [] }).logLikelihood)).toBe(true);
  });
});
