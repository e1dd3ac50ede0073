import { factsFrom } from '../testing/factsBuilder';
import type { MethodResult } from '../types';
import { runRfm } from './rfm';
import { RFM_SEGMENT_IDS, rfmSegmentOf, runRfmSegments, toFivePoint } from './rfmSegments';
import { ctxOf } from './testContext';

// DESIGN §5.2 written out cell by cell: row = R 1..5, column = F 1..5.
const H = 'hibernating';
const AR = 'at_risk';
const CL = 'cant_lose_them';
const AS = 'about_to_sleep';
const NA = 'need_attention';
const LC = 'loyal_customers';
const PR = 'promising';
const NC = 'new_customers';
const PL = 'potential_loyalists';
const CH = 'champions';
const GRID = [
  [H, H, AR, AR, CL],
  [H, H, AR, AR, CL],
  [AS, AS, NA, LC, LC],
  [PR, PL, PL, LC, LC],
  [NC, PL, PL, CH, CH],
];

function earlierRfm(r: number[], f: number[], bins: number): MethodResult {
  return {
    id: 'rfm',
    columns: [
      { key: 'r_score', format: 'score', values: Float64Array.from(r) },
      { key: 'f_score', format: 'score', values: Float64Array.from(f) },
      { key: 'm_score', format: 'score', values: Float64Array.from(f) },
    ],
    tables: [],
    model: { bins },
  };
}

describe('rfm_segments', () => {
  it('maps all 25 cells exactly as DESIGN §5.2', () => {
    for (let r = 1; r <= 5; r++)
      for (let f = 1; f <= 5; f++)
        expect(`${r}${f}:${rfmSegmentOf(r, f)}`).toBe(`${r}${f}:${GRID[r - 1][f - 1]}`);
    const used = new Set(GRID.flat());
    expect([...used].sort()).toEqual([...RFM_SEGMENT_IDS].sort());
  });

  it('segments every cell and counts the grid', () => {
    const r: number[] = [];
    const f: number[] = [];
    for (let a = 1; a <= 5; a++) {
      for (let b = 1; b <= 5; b++) {
        r.push(a);
        f.push(b);
      }
    }
    const facts = factsFrom({
      recency: r.map(() => 1),
      frequency: r.map(() => 1),
      monetary: r.map((_, i) => i + 1),
    });
    const res = runRfmSegments(ctxOf(facts, {}, [earlierRfm(r, f, 5)]));
    const seg = res.columns[0].values as string[];
    for (let i = 0; i < 25; i++) expect(seg[i]).toBe(GRID[r[i] - 1][f[i] - 1]);
    const grid = res.tables[0];
    expect(grid.id).toBe('rf_grid');
    expect(grid.rows).toHaveLength(5);
    expect(grid.rows[0][0]).toBe(5);
    for (const row of grid.rows) expect(row.slice(1, 6)).toEqual([1, 1, 1, 1, 1]);
    // R = 5, F = 1 is customer index 20 → monetary 21
    expect(grid.rows[0][6]).toBe(21);
    expect(res.segmentIds).toEqual([...RFM_SEGMENT_IDS]);
    expect(res.segmentColumn).toBe('rfm_segment');
  });

  it('rescales 3- and 4-point scores to the 5-point scale', () => {
    expect([1, 2, 3].map((s) => toFivePoint(s, 3))).toEqual([1, 3, 5]);
    expect([1, 2, 3, 4].map((s) => toFivePoint(s, 4))).toEqual([1, 2, 4, 5]);
    const facts = factsFrom({ recency: [1, 1, 1], frequency: [1, 1, 1], monetary: [1, 1, 1] });
    const res = runRfmSegments(ctxOf(facts, {}, [earlierRfm([3, 1, 2], [3, 1, 2], 3)]));
    expect(res.columns[0].values).toEqual(['champions', 'hibernating', 'need_attention']);
    const res4 = runRfmSegments(ctxOf(facts, {}, [earlierRfm([4, 3, 2], [1, 4, 3], 4)]));
    expect(res4.columns[0].values).toEqual(['new_customers', 'loyal_customers', 'at_risk']);
  });

  it('computes rfm itself when rfm did not run, and leaves unscored customers out', () => {
    const facts = factsFrom({
      recency: [1, 5, 10, 20, 30, 40, 60, 90, 120, 365, 400],
      frequency: [10, 8, 6, 5, 4, 3, 2, 2, 1, 1, 0],
      monetary: [1000, 800, 600, 500, 400, 300, 200, 150, 100, 50, 0],
    });
    const direct = runRfmSegments(ctxOf(facts));
    const viaRfm = runRfmSegments(ctxOf(facts, {}, [runRfm(ctxOf(facts))]));
    expect(direct.columns[0].values).toEqual(viaRfm.columns[0].values);
    const seg = direct.columns[0].values as (string | null)[];
    expect(seg[0]).toBe('champions');
    expect(seg[9]).toBe('hibernating');
    expect(seg[10]).toBeNull();
    const total = direct.tables[0].rows.reduce(
      (s, row) => s + (row.slice(1, 6) as number[]).reduce((a, b) => a + b, 0),
      0,
    );
    expect(total).toBe(10);
  });
});
