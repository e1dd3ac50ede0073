import { factsFrom } from '../testing/factsBuilder';
import { EngineError } from '../types';
import { CLASS8_IDS, class8Of, runRfmClass8 } from './rfmClass8';
import { ctxOf } from './testContext';

describe('rfm_class8', () => {
  it('maps the eight flag combinations as DESIGN §5.3', () => {
    expect(class8Of(true, true, true)).toBe('important_value');
    expect(class8Of(false, true, true)).toBe('important_retain');
    expect(class8Of(true, false, true)).toBe('important_develop');
    expect(class8Of(false, false, true)).toBe('important_win_back');
    expect(class8Of(true, true, false)).toBe('general_value');
    expect(class8Of(false, true, false)).toBe('general_retain');
    expect(class8Of(true, false, false)).toBe('general_develop');
    expect(class8Of(false, false, false)).toBe('general_win_back');
  });

  // mean recency 22, frequency 3, monetary 300; customer 4 sits exactly on the F and M means (low).
  const facts = factsFrom({
    recency: [5, 35, 10, 20, 40, 0],
    frequency: [5, 4, 1, 3, 2, 0],
    monetary: [600, 500, 100, 300, 0, 0],
    scored: [1, 1, 1, 1, 1, 0],
  });

  it('uses the mean of scored customers with strict comparisons', () => {
    const res = runRfmClass8(ctxOf(facts));
    expect(res.columns[0].values).toEqual([
      'important_value',
      'important_retain',
      'general_develop',
      'general_develop',
      'general_win_back',
      null,
    ]);
    const t = res.tables[0];
    expect(t.id).toBe('class8_thresholds');
    expect(t.rows.map((r) => r[3])).toEqual([22, 3, 300]);
    expect(res.segmentIds).toEqual([...CLASS8_IDS]);
  });

  it('supports the median and fixed thresholds', () => {
    const med = runRfmClass8(ctxOf(facts, { class8: { threshold: 'median' } }));
    // medians of scored: recency 20, frequency 3, monetary 300; customer 4 on all three → far/low/low
    expect(med.tables[0].rows.map((r) => r[3])).toEqual([20, 3, 300]);
    expect((med.columns[0].values as string[])[3]).toBe('general_win_back');
    const fixed = runRfmClass8(
      ctxOf(facts, { class8: { threshold: 'fixed', fixed: { recency: 30, frequency: 0, monetary: 50 } } }),
    );
    expect((fixed.columns[0].values as string[]).slice(0, 5)).toEqual([
      'important_value',
      'important_retain',
      'important_value',
      'important_value',
      'general_retain',
    ]);
    expect(() => runRfmClass8(ctxOf(facts, { class8: { threshold: 'fixed' } }))).toThrow(EngineError);
  });
});
