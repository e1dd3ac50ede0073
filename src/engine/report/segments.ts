/**
 * Segment summaries (DESIGN §6 summary sheet): for every method result with a segment column, one row per
 * segment id in the method's display order, empty segments included.
 */
import type { CustomerFacts, MethodResult, ReportTable, SegmentSummary } from '../types';

/** Customers, revenue, shares and mean R/F/M (and CLV) per segment of every segmenting method. */
export function summarizeSegments(
  facts: CustomerFacts,
  results: MethodResult[],
  clv?: Float64Array,
): SegmentSummary[] {
  const out: SegmentSummary[] = [];
  for (const result of results) {
    if (!result.segmentColumn) continue;
    const col = result.columns.find((c) => c.key === result.segmentColumn);
    if (!col || !Array.isArray(col.values)) continue;
    const values = col.values;
    // Ids found in the data but missing from segmentIds still get a row (after the declared ones).
    const ids = [...(result.segmentIds ?? [])];
    const index = new Map(ids.map((id, k) => [id, k]));
    const codes = new Int32Array(facts.n).fill(-1);
    for (let i = 0; i < facts.n; i++) {
      const v = values[i];
      if (v === null || v === undefined) continue;
      let k = index.get(v);
      if (k === undefined) {
        k = ids.length;
        ids.push(v);
        index.set(v, k);
      }
      codes[i] = k;
    }
    const S = ids.length;
    const count = new Float64Array(S);
    const revenue = new Float64Array(S);
    const rec = new Float64Array(S);
    const freq = new Float64Array(S);
    const clvSum = new Float64Array(S);
    const clvCount = new Float64Array(S);
    let customers = 0;
    let total = 0;
    for (let i = 0; i < facts.n; i++) {
      const k = codes[i];
      if (k < 0) continue;
      count[k]++;
      customers++;
      revenue[k] += facts.monetary[i];
      total += facts.monetary[i];
      rec[k] += facts.recency[i];
      freq[k] += facts.frequency[i];
      if (clv && Number.isFinite(clv[i])) {
        clvSum[k] += clv[i];
        clvCount[k]++;
      }
    }
    for (let k = 0; k < S; k++) {
      const c = count[k];
      out.push({
        method: result.id,
        id: ids[k],
        customers: c,
        customerShare: customers > 0 ? c / customers : 0,
        revenue: revenue[k],
        revenueShare: total !== 0 ? revenue[k] / total : NaN,
        meanRecency: c > 0 ? rec[k] / c : NaN,
        meanFrequency: c > 0 ? freq[k] / c : NaN,
        meanMonetary: c > 0 ? revenue[k] / c : NaN,
        meanClv: clvCount[k] > 0 ? clvSum[k] / clvCount[k] : NaN,
      });
    }
  }
  return out;
}

/** The summaries as a ReportTable `segments` (the writer adds each segment's name and action). */
export function segmentsTable(summaries: SegmentSummary[]): ReportTable {
  const n = (v: number): number | null => (Number.isFinite(v) ? v : null);
  return {
    id: 'segments',
    columns: [
      { key: 'method', format: 'text' },
      { key: 'segment', format: 'text' },
      { key: 'customers', format: 'integer' },
      { key: 'customer_share', format: 'percent' },
      { key: 'revenue', format: 'currency' },
      { key: 'revenue_share', format: 'percent' },
      { key: 'mean_recency', format: 'decimal' },
      { key: 'mean_frequency', format: 'decimal' },
      { key: 'mean_monetary', format: 'currency' },
      { key: 'mean_clv', format: 'currency' },
    ],
    rows: summaries.map((s) => [
      s.method,
      s.id,
      s.customers,
      s.customerShare,
      s.revenue,
      n(s.revenueShare),
      n(s.meanRecency),
      n(s.meanFrequency),
      n(s.meanMonetary),
      n(s.meanClv),
    ]),
  };
}
