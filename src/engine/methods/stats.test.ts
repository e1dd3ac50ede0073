import {
  countScored,
  mean,
  median,
  quantile,
  quantileRational,
  quantileSorted,
  scoredValues,
  Sum,
} from './stats';

const f = (xs: number[]) => Float64Array.from(xs);
const all = (n: number) => new Uint8Array(n).fill(1);

describe('stats', () => {
  it('quantile matches PERCENTILE.INC / numpy linear', () => {
    const v = f([10, 1, 4, 3, 2]);
    // numpy.percentile([1,2,3,4,10], [20,40,60,80]) = [1.8, 2.6, 3.4, 5.2]
    expect(quantile(v, all(5), 0.2)).toBeCloseTo(1.8, 12);
    expect(quantile(v, all(5), 0.4)).toBeCloseTo(2.6, 12);
    expect(quantile(v, all(5), 0.6)).toBeCloseTo(3.4, 12);
    expect(quantile(v, all(5), 0.8)).toBeCloseTo(5.2, 12);
    expect(quantile(v, all(5), 0)).toBe(1);
    expect(quantile(v, all(5), 1)).toBe(10);
    // Excel: =PERCENTILE.INC({1,2,3,4},0.25) = 1.75
    expect(quantileSorted(f([1, 2, 3, 4]), 0.25)).toBeCloseTo(1.75, 12);
  });

  it('computes rational quantiles without index rounding', () => {
    const v = f([50, 100, 150, 200, 300, 400, 500, 600, 800, 1000]);
    // (n − 1)·0.6 = 5.4 exactly: 400 + 0.4·100 = 440 (the float product 9·0.6 would give 439.99999999999994)
    expect(quantileRational(v, 3, 5)).toBe(440);
    expect(quantileRational(v, 1, 5)).toBe(140);
    expect(quantileRational(v, 0, 5)).toBe(50);
    expect(quantileRational(v, 5, 5)).toBe(1000);
  });

  it('uses scored customers only and ignores NaN', () => {
    const v = f([1, 100, 3, NaN, 5]);
    const s = Uint8Array.from([1, 0, 1, 1, 1]);
    expect(Array.from(scoredValues(v, s))).toEqual([1, 3, 5]);
    expect(median(v, s)).toBe(3);
    expect(mean(v, s)).toBe(3);
    expect(countScored(s)).toBe(4);
  });

  it('gives NaN for no values and the value itself for one', () => {
    expect(quantile(f([]), all(0), 0.5)).toBeNaN();
    expect(mean(f([]), all(0))).toBeNaN();
    expect(quantile(f([7]), all(1), 0.3)).toBe(7);
    expect(median(f([1, 2, 3, 4]), all(4))).toBe(2.5);
  });

  it('keeps ties exact between equal neighbours', () => {
    expect(quantile(f([0.1, 0.1, 0.1, 0.7]), all(4), 0.4)).toBe(0.1);
  });

  it('sums with compensation', () => {
    const s = new Sum();
    for (let i = 0; i < 10; i++) s.add(0.1);
    expect(s.value).toBe(1);
  });
});
