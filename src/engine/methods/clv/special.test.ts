import { gammaSign, hyp2f1, lnBeta, lnGamma, logAddExp } from './special';

describe('lnGamma', () => {
  test('matches known values', () => {
    expect(lnGamma(1)).toBeCloseTo(0, 14);
    expect(lnGamma(2)).toBeCloseTo(0, 14);
    expect(lnGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 13);
    expect(lnGamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(lnGamma(171.5)).toBeCloseTo(709.1431630309282, 9); // mpmath
    expect(lnGamma(1e-8)).toBeCloseTo(18.42068073818021, 8);
    // Γ(−0.5) = −2√π
    expect(lnGamma(-0.5)).toBeCloseTo(Math.log(2 * Math.sqrt(Math.PI)), 12);
    expect(gammaSign(-0.5)).toBe(-1);
    expect(gammaSign(-1.5)).toBe(1);
    expect(lnGamma(-2)).toBe(Infinity);
  });
  test('lnBeta and logAddExp', () => {
    expect(lnBeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 13);
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.LN2, 10);
    expect(logAddExp(-Infinity, 3)).toBe(3);
  });
});

describe('hyp2f1', () => {
  // [a, b, c, z, 2F1] from mpmath (30 digits), covering the series, Pfaff (z < 0), the 1 − z formula and
  // its integer c − a − b cases, a terminating series and large parameters.
  const known: [number, number, number, number, number][] = [
    [1, 1, 2, 0.5, 1.3862943611198906],
    [0.5, 0.5, 1.5, 0.25, 1.0471975511965976],
    [0.243, 2.426, 2.219, 0.3, 1.100518533085473],
    [0.243, 2.426, 2.219, 0.95, 2.4461866770309917],
    [2.5, 1.5, 3, 0.99, 164.93970787168752],
    [1, 1, 2, 0.9, 2.5584278811044956],
    [1, 2, 3, 0.97, 5.3917693640556505],
    [0.3, 0.7, 1.2, -3, 0.7630611785035424],
    [2.2, 3.4, 7.1, 0.999, 8.818526929946058],
    [1.5, 2.5, 4, 0.9, 5.4931375169820695],
    [3, -2, 1.5, 0.95, 0.08799999999999991],
    [12.2, 14.4, 25.5, 0.93, 622279.6969525844],
  ];
  test.each(known)('2F1(%p, %p; %p; %p)', (a, b, c, z, want) => {
    const got = hyp2f1(a, b, c, z);
    expect(Math.abs(got - want) / Math.abs(want)).toBeLessThan(1e-9);
  });
  test('closed forms: ln(1+z) = z·2F1(1,1;2;−z), Gauss at z = 1', () => {
    for (const z of [0.1, 0.6, 0.8, 0.99, 3]) expect(z * hyp2f1(1, 1, 2, -z)).toBeCloseTo(Math.log1p(z), 12);
    // and −ln(1−z) = z·2F1(1,1;2;z) near 1, where c − a − b = 0 is the connection formula's pole.
    for (const z of [0.9, 0.95, 0.999]) expect(z * hyp2f1(1, 1, 2, z)).toBeCloseTo(-Math.log1p(-z), 9);
    // 2F1(a,b;c;1) = Γ(c)Γ(c−a−b)/(Γ(c−a)Γ(c−b)); for (1, 1; 3) it is 2.
    expect(hyp2f1(1, 1, 3, 1)).toBeCloseTo(2, 12);
    expect(hyp2f1(1, 1, 2, 0)).toBe(1);
  });
});
