import { factsFrom } from '../testing/factsBuilder';
import { txFromTuples } from '../testing/txBuilder';
import type { MethodId, MethodResult } from '../types';
import { adopterMethod, adopterTypeOf, adoptionPercentiles } from './adopter';

const ids = ['A', 'B', 'C', 'D'];
// Product P0: A day 1, B day 2, C day 2, D day 10 → positions 1, 2.5, 2.5, 4 → (r − ½)/4 = 1/8, 1/2, 1/2, 7/8.
// Product P1: only B (day 5) → 0.5. Product P2: D day 3 (and again day 1 as a return: ignored), A day 4 → 1/4, 3/4.
const lines: [number, number, number, number][] = [
  [0, 1, 10, 0],
  [1, 2, 10, 0],
  [2, 2, 10, 0],
  [3, 10, 10, 0],
  [0, 7, 10, 0], // a later purchase of the same product does not move A's first day
  [1, 5, 10, 1],
  [3, 3, 10, 2],
  [3, 1, -10, 2],
  [0, 4, 10, 2],
];
const tx = txFromTuples(ids, lines, ['P0', 'P1', 'P2']);

describe('adopter types', () => {
  test('percentiles by hand: mid-ranks for ties, 0.5 for a lone buyer, mean over products', () => {
    const p = adoptionPercentiles(tx, ids, 100);
    expect(p[0]).toBeCloseTo((1 / 8 + 3 / 4) / 2, 12);
    expect(p[1]).toBeCloseTo((1 / 2 + 1 / 2) / 2, 12);
    expect(p[2]).toBeCloseTo(1 / 2, 12);
    expect(p[3]).toBeCloseTo((7 / 8 + 1 / 4) / 2, 12);
    // As-of before day 3 leaves out later purchases.
    const early = adoptionPercentiles(tx, ids, 2);
    expect(early[0]).toBeCloseTo(1 / 6, 12);
    expect(Number.isNaN(early[3])).toBe(true);
  });

  test('type limits', () => {
    expect(adopterTypeOf(0.16)).toBe('pioneer');
    expect(adopterTypeOf(0.1601)).toBe('pragmatist');
    expect(adopterTypeOf(0.5)).toBe('pragmatist');
    expect(adopterTypeOf(0.84)).toBe('conservative');
    expect(adopterTypeOf(0.85)).toBe('sceptic');
  });

  test('method: columns, type table and distribution by RFM segment', () => {
    const facts = factsFrom({
      recency: [1, 1, 1, 1],
      frequency: [2, 2, 1, 2],
      monetary: [20, 20, 10, 10],
      ids,
    });
    const seg: MethodResult = {
      id: 'rfm_segments',
      columns: [
        { key: 'rfm_segment', format: 'text', values: ['champions', 'champions', 'hibernating', null] },
      ],
      segmentColumn: 'rfm_segment',
      segmentIds: ['champions', 'hibernating'],
      tables: [],
    };
    const earlier = new Map<MethodId, MethodResult>([['rfm_segments', seg]]);
    const r = adopterMethod.run({ facts, tx, options: {}, earlier });
    expect(r.columns[1].values).toEqual(['pragmatist', 'pragmatist', 'pragmatist', 'conservative']);
    const types = r.tables.find((t) => t.id === 'adopter_types');
    expect(types?.rows[1]).toEqual(['pragmatist', 3, 0.75]);
    expect(types?.rows[2]).toEqual(['conservative', 1, 0.25]);
    const bySeg = r.tables.find((t) => t.id === 'adopter_by_segment');
    expect(bySeg?.rows.filter((row) => row[2] !== 0)).toEqual([
      ['champions', 'pragmatist', 2, 1],
      ['hibernating', 'pragmatist', 1, 1],
    ]);
    expect(adopterMethod.unavailable(facts, null)?.key).toBe('notice.adopter.no_transactions');
    expect(adopterMethod.unavailable(facts, { ...tx, product: null })?.key).toBe('notice.adopter.no_product');
  });

  test('early buyers of many products are pioneers, late ones sceptics', () => {
    const n = 50;
    const many: [number, number, number, number][] = [];
    for (let p = 0; p < 5; p++) for (let c = 0; c < n; c++) many.push([c, c + p, 5, p]);
    const cids = Array.from({ length: n }, (_, i) => `C${i}`);
    const t = txFromTuples(cids, many, ['a', 'b', 'c', 'd', 'e']);
    const facts = factsFrom({
      recency: cids.map(() => 1),
      frequency: cids.map(() => 5),
      monetary: cids.map(() => 25),
      ids: cids,
    });
    const r = adopterMethod.run({ facts, tx: t, options: {}, earlier: new Map() });
    const types = r.columns[1].values as string[];
    expect(types[0]).toBe('pioneer');
    expect(types[n - 1]).toBe('sceptic');
    const counts = r.tables[0].rows.map((row) => row[1]);
    expect(counts).toEqual([8, 17, 17, 8]);
  });
});
