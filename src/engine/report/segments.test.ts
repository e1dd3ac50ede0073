import { runRfmClass8 } from '../methods/rfmClass8';
import { runRfmSegments } from '../methods/rfmSegments';
import { ctxOf } from '../methods/testContext';
import { factsFrom } from '../testing/factsBuilder';
import { segmentsTable, summarizeSegments } from './segments';

describe('summarizeSegments', () => {
  const facts = factsFrom({
    recency: [1, 2, 300, 400, 5],
    frequency: [5, 4, 1, 1, 0],
    monetary: [500, 400, 50, 50, 0],
  });
  const results = [runRfmSegments(ctxOf(facts)), runRfmClass8(ctxOf(facts))];

  it('lists every segment in display order with counts, shares and means', () => {
    const s = summarizeSegments(facts, results, Float64Array.from([10, 20, NaN, 40, 99]));
    const seg = s.filter((x) => x.method === 'rfm_segments');
    expect(seg.map((x) => x.id)).toEqual(results[0].segmentIds);
    expect(seg.reduce((a, x) => a + x.customers, 0)).toBe(4);
    expect(seg.reduce((a, x) => a + x.customerShare, 0)).toBeCloseTo(1, 12);
    expect(seg.reduce((a, x) => a + x.revenueShare, 0)).toBeCloseTo(1, 12);
    const c8 = s.filter((x) => x.method === 'rfm_class8');
    expect(c8).toHaveLength(8);
    const iv = c8.find((x) => x.id === 'important_value')!;
    expect(iv.customers).toBe(2);
    expect(iv.revenue).toBe(900);
    expect(iv.revenueShare).toBe(0.9);
    expect(iv.meanRecency).toBe(1.5);
    expect(iv.meanFrequency).toBe(4.5);
    expect(iv.meanMonetary).toBe(450);
    expect(iv.meanClv).toBe(15);
    const gw = c8.find((x) => x.id === 'general_win_back')!;
    expect(gw.customers).toBe(2);
    expect(gw.meanClv).toBe(40);
    const empty = c8.find((x) => x.id === 'general_value')!;
    expect(empty.customers).toBe(0);
    expect(empty.meanRecency).toBeNaN();
  });

  it('gives NaN CLV without clv and builds the table', () => {
    const s = summarizeSegments(facts, results);
    expect(s.every((x) => Number.isNaN(x.meanClv))).toBe(true);
    const t = segmentsTable(s);
    expect(t.rows).toHaveLength(18);
    expect(t.rows[0][9]).toBeNull();
  });
});
