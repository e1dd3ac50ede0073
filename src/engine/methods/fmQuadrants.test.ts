import { factsFrom } from '../testing/factsBuilder';
import { fmQuadrantsMethod, quadrantOf, runFmQuadrants } from './fmQuadrants';
import { ctxOf } from './testContext';

describe('fm_quadrants', () => {
  it('maps flags to quadrants', () => {
    expect(quadrantOf(true, true)).toBe('high_f_high_m');
    expect(quadrantOf(false, true)).toBe('low_f_high_m');
    expect(quadrantOf(true, false)).toBe('high_f_low_m');
    expect(quadrantOf(false, false)).toBe('low_f_low_m');
  });

  it('is strict at the median: a customer on the median is low', () => {
    // medians: frequency 3, monetary 300
    const facts = factsFrom({
      recency: [1, 1, 1, 1, 1, 1],
      frequency: [1, 2, 3, 4, 5, 0],
      monetary: [500, 100, 300, 200, 400, 9999],
    });
    const res = runFmQuadrants(ctxOf(facts));
    expect(res.columns[0].values).toEqual([
      'low_f_high_m',
      'low_f_low_m',
      'low_f_low_m',
      'high_f_low_m',
      'high_f_high_m',
      null,
    ]);
    expect(res.tables[0].rows.map((r) => r[3])).toEqual([3, 300]);
    expect(res.tables[0].rows[0].slice(4)).toEqual([2, 3]);
  });

  it('supports the mean and all-equal values', () => {
    const facts = factsFrom({ recency: [1, 1, 1, 1], frequency: [1, 1, 1, 5], monetary: [10, 10, 10, 10] });
    const med = runFmQuadrants(ctxOf(facts));
    expect(med.columns[0].values).toEqual(['low_f_low_m', 'low_f_low_m', 'low_f_low_m', 'high_f_low_m']);
    const mean = runFmQuadrants(ctxOf(facts, { quadrants: { threshold: 'mean' } }));
    // mean frequency 2: only the last is high
    expect(mean.tables[0].rows[0][3]).toBe(2);
    expect((mean.columns[0].values as string[])[3]).toBe('high_f_low_m');
    expect(
      fmQuadrantsMethod.unavailable(factsFrom({ recency: [], frequency: [], monetary: [] }), null),
    ).not.toBeNull();
  });
});
