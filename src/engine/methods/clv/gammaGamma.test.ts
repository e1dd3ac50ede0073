import {
  fitGammaGamma,
  gammaGammaConditionalSpend,
  gammaGammaCustomerLogLikelihood,
  gammaGammaMean,
} from './gammaGamma';
import { lnGamma } from './special';

describe('Gamma-Gamma', () => {
  const g = { p: 6.25, q: 3.74, gamma: 15.44 };
  test('log-likelihood equals the density written out', () => {
    const x = 3;
    const z = 20;
    const px = g.p * x;
    const direct = Math.log(
      (Math.exp(lnGamma(px + g.q) - lnGamma(px) - lnGamma(g.q)) *
        Math.pow(g.gamma, g.q) *
        Math.pow(z, px - 1) *
        Math.pow(x, px)) /
        Math.pow(g.gamma + x * z, px + g.q),
    );
    expect(gammaGammaCustomerLogLikelihood(g, x, z)).toBeCloseTo(direct, 10);
  });
  test('conditional spend is a weighted mean of the population mean and the customer mean', () => {
    const pop = gammaGammaMean(g);
    expect(pop).toBeCloseTo((6.25 * 15.44) / 2.74, 12);
    expect(gammaGammaConditionalSpend(g, 0, NaN)).toBe(pop);
    const w = (g.p * 4) / (g.p * 4 + g.q - 1);
    expect(gammaGammaConditionalSpend(g, 4, 50)).toBeCloseTo((1 - w) * pop + w * 50, 12);
  });
  test('fit leaves out one-time buyers, says how many, and is the likelihood maximum', () => {
    // Simulated from the model (seeded): ν ~ Gamma(q, γ), each of x + 1 transactions ~ Gamma(p, ν).
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return (seed + 0.5) / 2147483648;
    };
    const gammaDraw = (shape: number): number => {
      const d = shape - 1 / 3;
      const c = 1 / Math.sqrt(9 * d);
      for (;;) {
        const nrm = Math.sqrt(-2 * Math.log(rand())) * Math.cos(2 * Math.PI * rand());
        const v = Math.pow(1 + c * nrm, 3);
        if (v > 0 && Math.log(rand()) < 0.5 * nrm * nrm + d - d * v + d * Math.log(v)) return d * v;
      }
    };
    const truth = { p: 4, q: 3, gamma: 20 };
    const x: number[] = [];
    const z: number[] = [];
    for (let i = 0; i < 1500; i++) {
      const nu = gammaDraw(truth.q) / truth.gamma;
      const xi = Math.floor(rand() * 6);
      let sum = 0;
      for (let k = 0; k < xi; k++) sum += gammaDraw(truth.p) / nu;
      x.push(xi);
      z.push(xi > 0 ? sum / xi : NaN);
    }
    const oneTime = x.filter((v) => v === 0).length;
    const fit = fitGammaGamma(x, z);
    expect(fit.used).toBe(1500 - oneTime);
    expect(fit.oneTimeBuyers).toBe(oneTime);
    expect(fit.atBound).toBe(false);
    expect(fit.params.p).toBeGreaterThan(3.3);
    expect(fit.params.p).toBeLessThan(4.8);
    expect(gammaGammaMean(fit.params)).toBeGreaterThan(0.9 * 40);
    expect(gammaGammaMean(fit.params)).toBeLessThan(1.1 * 40);
    const ll = (p: typeof fit.params) =>
      x.reduce((s, xi, i) => (xi > 0 ? s + gammaGammaCustomerLogLikelihood(p, xi, z[i]) : s), 0);
    expect(ll(fit.params)).toBeCloseTo(fit.logLikelihood, 6);
    for (const k of ['p', 'q', 'gamma'] as const)
      for (const f of [0.97, 1.03])
        expect(ll({ ...fit.params, [k]: fit.params[k] * f })).toBeLessThan(fit.logLikelihood);
  });
  test('degenerate data: none, one, identical customers', () => {
    expect(fitGammaGamma([0, 0], [NaN, NaN]).used).toBe(0);
    expect(Number.isNaN(fitGammaGamma([0], [NaN]).params.p)).toBe(true);
    for (const [x, z] of [
      [[2], [10]],
      [
        [1, 1, 1],
        [5, 5, 5],
      ],
    ]) {
      const fit = fitGammaGamma(x, z);
      for (const v of Object.values(fit.params)) expect(Number.isFinite(v)).toBe(true);
    }
    const neg = fitGammaGamma([1, 2], [-5, 10]);
    expect(neg.nonPositiveSpend).toBe(1);
  });
});
