/**
 * Small hand-built AnalysisResults for the Excel layer's tests, shaped like the engine's output, placed at
 * any position in a sheet so that tests can put user cells around them.
 */
import { factsFrom } from '../../engine/testing/factsBuilder';
import { issueTable } from '../../engine/issues';
import type { AnalysisResult, DataIssue, ListKind, MethodResult, SegmentSummary } from '../../engine/types';

export interface FixtureSpec {
  kind?: ListKind;
  sheet?: string;
  /** 1-based sheet row of the header (also the first row of the block). */
  headerRow?: number;
  /** 1-based first column of the block. */
  firstColumn?: number;
  /** Columns of the analysed block. */
  columns?: number;
  customers?: number;
  /** Order lines per customer (transactions only). */
  linesPerCustomer?: number;
  /** Customer ids (default C1, C2, …); use this to inject formula-looking text. */
  ids?: string[];
  issues?: DataIssue[];
  region?: boolean;
}

const SEGMENTS = ['champions', 'loyal', 'at_risk', 'hibernating'];

/** The sheet the fixture claims to have analysed, and its address. */
export function fixtureSource(spec: FixtureSpec): { sheet: string; address: string; rows: number } {
  const kind = spec.kind ?? 'customers';
  const n = spec.customers ?? 8;
  const rows = kind === 'customers' ? n : n * (spec.linesPerCustomer ?? 2);
  const header = spec.headerRow ?? 1;
  const c0 = (spec.firstColumn ?? 1) - 1;
  const cols = spec.columns ?? 4;
  const letters = (i: number) => {
    let s = '';
    for (let k = i + 1; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
    return s;
  };
  return {
    sheet: spec.sheet ?? 'Sheet1',
    address: `${letters(c0)}${header}:${letters(c0 + cols - 1)}${header + rows}`,
    rows,
  };
}

/** The cells of the analysed block as a user would have them (header + one row per line). */
export function fixtureCells(spec: FixtureSpec): (string | number)[][] {
  const kind = spec.kind ?? 'customers';
  const n = spec.customers ?? 8;
  const per = kind === 'customers' ? 1 : (spec.linesPerCustomer ?? 2);
  const cols = spec.columns ?? 4;
  const ids = spec.ids ?? Array.from({ length: n }, (_, i) => `C${i + 1}`);
  const out: (string | number)[][] = [
    Array.from({ length: cols }, (_, j) => (j === 0 ? 'Customer ID' : `Col${j + 1}`)),
  ];
  for (let i = 0; i < n; i++)
    for (let k = 0; k < per; k++)
      out.push(Array.from({ length: cols }, (_, j) => (j === 0 ? ids[i] : 10 * (i + 1) + k + j)));
  return out;
}

/** A complete AnalysisResult matching fixtureSource/fixtureCells. */
export function fixtureResult(spec: FixtureSpec = {}): AnalysisResult {
  const kind = spec.kind ?? 'customers';
  const n = spec.customers ?? 8;
  const per = kind === 'customers' ? 1 : (spec.linesPerCustomer ?? 2);
  const header = spec.headerRow ?? 1;
  const src = fixtureSource(spec);
  const ids = spec.ids ?? Array.from({ length: n }, (_, i) => `C${i + 1}`);
  const facts = factsFrom({
    ids,
    recency: ids.map((_, i) => (i * 7) % 60),
    frequency: ids.map((_, i) => 1 + (i % 4)),
    monetary: ids.map((_, i) => 100 * (n - i) + 0.5),
    region: spec.region === false ? undefined : ids.map((_, i) => (i % 2 ? '华东' : 'North')),
  });
  facts.firstRow = Int32Array.from({ length: n }, (_, i) => header + 1 + i * per);
  const seg = ids.map((_, i) => SEGMENTS[i % SEGMENTS.length]);
  const tiers = ids.map((_, i) => (i < n / 4 ? 'A' : i < n / 2 ? 'B' : 'C'));
  const total = facts.monetary.reduce((a, b) => a + b, 0);
  const methods: MethodResult[] = [
    {
      id: 'rfm',
      columns: [
        { key: 'r_score', format: 'score', values: Float64Array.from(ids, (_, i) => 1 + (i % 5)) },
        { key: 'rfm_code', format: 'text', values: ids.map((_, i) => `${1 + (i % 5)}${1 + (i % 3)}1`) },
      ],
      tables: [
        {
          id: 'rfm_thresholds',
          columns: [
            { key: 'boundary', format: 'integer' },
            { key: 'm_threshold', format: 'currency' },
          ],
          rows: [
            [1, 120.5],
            [2, 300],
          ],
        },
      ],
    },
    {
      id: 'rfm_segments',
      columns: [{ key: 'rfm_segment', format: 'text', values: seg, segmentOf: 'rfm_segments' }],
      segmentColumn: 'rfm_segment',
      segmentIds: SEGMENTS,
      tables: [
        {
          id: 'rf_grid',
          columns: [
            { key: 'r_score', format: 'score' },
            { key: 'customers_f1', format: 'integer' },
            { key: 'customers_f2', format: 'integer' },
            { key: 'revenue_f1', format: 'currency' },
            { key: 'revenue_f2', format: 'currency' },
          ],
          rows: [
            [2, 1, 2, 100, 200],
            [1, 3, 0, 300, 0],
          ],
        },
      ],
    },
    {
      id: 'value_tiers',
      columns: [{ key: 'value_tier', format: 'text', values: tiers, segmentOf: 'value_tiers' }],
      segmentColumn: 'value_tier',
      segmentIds: ['A', 'B', 'C'],
      tables: [
        {
          id: 'pareto',
          columns: [
            { key: 'rank', format: 'integer' },
            { key: 'customer_share', format: 'percent' },
            { key: 'bucket_share', format: 'percent' },
            { key: 'cumulative_share', format: 'percent' },
          ],
          rows: [
            [1, 0.5, 0.7, 0.7],
            [2, 1, 0.3, 1],
          ],
        },
      ],
    },
  ];
  const summaries = (
    method: 'rfm_segments' | 'value_tiers',
    labels: string[],
    all: string[],
  ): SegmentSummary[] =>
    all.map((id) => {
      const members = labels.map((l, i) => (l === id ? i : -1)).filter((i) => i >= 0);
      const revenue = members.reduce((s, i) => s + facts.monetary[i], 0);
      return {
        method,
        id,
        customers: members.length,
        customerShare: members.length / n,
        revenue,
        revenueShare: revenue / total,
        meanRecency: members.length
          ? members.reduce((s, i) => s + facts.recency[i], 0) / members.length
          : NaN,
        meanFrequency: members.length
          ? members.reduce((s, i) => s + facts.frequency[i], 0) / members.length
          : NaN,
        meanMonetary: members.length ? revenue / members.length : NaN,
        meanClv: NaN,
      };
    });
  return {
    input: {
      sheet: src.sheet,
      firstRow: header,
      firstColumn: spec.firstColumn ?? 1,
      headerRow: header,
      rows: src.rows,
      used: src.rows,
      skipped: 0,
      kind,
      kindSource: 'detected',
      columns: spec.columns ?? 4,
    },
    headers: fixtureCells(spec)[0].map(String),
    roles: [{ role: 'customer_id', column: 0, header: 'Customer ID', confidence: 1, source: 'header' }],
    asOf: '2023-03-15',
    issues: issueTable(
      spec.issues ?? [
        { row: header + 1, reason: 'bad_amount', column: 'Col2', value: '=HYPERLINK("x")', amount: 0 },
      ],
    ),
    dateOrders: {},
    amounts: { input: total, used: total, skipped: 0 },
    facts,
    methods,
    skippedMethods: [],
    segments: [
      ...summaries('rfm_segments', seg, SEGMENTS),
      ...summaries('value_tiers', tiers, ['A', 'B', 'C']),
    ],
    contributions: [
      {
        dimension: 'region',
        member: 'North',
        segment: '',
        revenue: 500,
        profit: 0,
        customers: 4,
        orders: 6,
        revenueShare: 0.6,
        cumulativeShare: 0.6,
      },
      {
        dimension: 'region',
        member: '华东',
        segment: 'champions',
        revenue: 300,
        profit: 0,
        customers: 4,
        orders: 5,
        revenueShare: 0.4,
        cumulativeShare: 1,
      },
    ],
    timings: {},
  };
}
