/**
 * The 10-segment RFM map on the R×F grid (DESIGN §5.2), on the 5-point scale. Scores on a 3- or 4-point
 * scale are first rescaled to 5 points by the endpoint-preserving linear map s₅ = round(1 + (s − 1)·4/(N − 1))
 * (3 → 1, 3, 5; 4 → 1, 2, 4, 5), so the best and worst scores stay Champions/Hibernating territory.
 */
import type { Method, MethodContext, MethodResult, ReportTable } from '../types';
import { needScored } from './common';
import { rfmScoresFrom } from './rfm';
import { checkAbort } from './stats';

/** Segment ids in display order. */
export const RFM_SEGMENT_IDS = [
  'champions',
  'loyal_customers',
  'potential_loyalists',
  'new_customers',
  'promising',
  'need_attention',
  'about_to_sleep',
  'at_risk',
  'cant_lose_them',
  'hibernating',
] as const;
export type RfmSegmentId = (typeof RFM_SEGMENT_IDS)[number];

/** Segment of the cell (r, f) on the 5-point scale, by the anchored rules of DESIGN §5.2. */
export function rfmSegmentOf(r: number, f: number): RfmSegmentId {
  if (r <= 2) return f <= 2 ? 'hibernating' : f <= 4 ? 'at_risk' : 'cant_lose_them';
  if (r === 3) return f <= 2 ? 'about_to_sleep' : f === 3 ? 'need_attention' : 'loyal_customers';
  if (f >= 4) return r === 4 ? 'loyal_customers' : 'champions';
  if (f >= 2) return 'potential_loyalists';
  return r === 4 ? 'promising' : 'new_customers';
}

/** Rescales a score on a bins-point scale to the 5-point scale (identity for 5). */
export function toFivePoint(score: number, bins: number): number {
  if (bins === 5) return score;
  return Math.round(1 + ((score - 1) * 4) / (bins - 1));
}

/** Runs the rfm_segments method (reads rfm's scores, computing them when rfm did not run). */
export function runRfmSegments(ctx: MethodContext): MethodResult {
  checkAbort(ctx.signal);
  const { facts } = ctx;
  const { r, f, bins } = rfmScoresFrom(ctx);
  const n = facts.n;
  const segment: (string | null)[] = new Array<string | null>(n).fill(null);
  const counts = new Float64Array(25);
  const revenue = new Float64Array(25);
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(r[i]) || Number.isNaN(f[i])) continue;
    const r5 = toFivePoint(r[i], bins);
    const f5 = toFivePoint(f[i], bins);
    segment[i] = rfmSegmentOf(r5, f5);
    const cell = (r5 - 1) * 5 + (f5 - 1);
    counts[cell]++;
    revenue[cell] += facts.monetary[i];
  }
  // Rows R = 5 (most recent) at the top, columns F = 1..5: the usual orientation of the RFM grid.
  const rows: (string | number | null)[][] = [];
  for (let r5 = 5; r5 >= 1; r5--) {
    const row: (string | number | null)[] = [r5];
    for (let f5 = 1; f5 <= 5; f5++) row.push(counts[(r5 - 1) * 5 + f5 - 1]);
    for (let f5 = 1; f5 <= 5; f5++) row.push(revenue[(r5 - 1) * 5 + f5 - 1]);
    rows.push(row);
  }
  const grid: ReportTable = {
    id: 'rf_grid',
    columns: [
      { key: 'r_score', format: 'score' },
      ...[1, 2, 3, 4, 5].map((k) => ({ key: `customers_f${k}`, format: 'integer' as const })),
      ...[1, 2, 3, 4, 5].map((k) => ({ key: `revenue_f${k}`, format: 'currency' as const })),
    ],
    rows,
  };
  const cells: Record<string, string> = {};
  for (let r5 = 1; r5 <= 5; r5++) for (let f5 = 1; f5 <= 5; f5++) cells[`${r5}${f5}`] = rfmSegmentOf(r5, f5);
  return {
    id: 'rfm_segments',
    columns: [{ key: 'rfm_segment', format: 'text', values: segment, segmentOf: 'rfm_segments' }],
    segmentColumn: 'rfm_segment',
    segmentIds: [...RFM_SEGMENT_IDS],
    tables: [grid],
    model: { bins, rescaled: bins !== 5, cells },
  };
}

export const rfmSegmentsMethod: Method = {
  id: 'rfm_segments',
  byDefault: true,
  after: ['rfm'],
  unavailable: (facts) => needScored(facts),
  run: runRfmSegments,
};
