/**
 * RFM eight classes (RFM八类客户, DESIGN §5.3): each of R, F, M is high or low against a threshold over the
 * scored customers (mean by default, median, or fixed values): near = recency < t_R, high F = frequency > t_F,
 * high M = monetary > t_M. Strict comparisons: a customer exactly at the threshold is far / low.
 */
import type {
  Class8Options,
  CustomerFacts,
  Method,
  MethodContext,
  MethodResult,
  ReportTable,
} from '../types';
import { EngineError } from '../types';
import { needScored } from './common';
import { checkAbort, mean, median } from './stats';

/** Class ids in display order. */
export const CLASS8_IDS = [
  'important_value',
  'important_retain',
  'important_develop',
  'important_win_back',
  'general_value',
  'general_retain',
  'general_develop',
  'general_win_back',
] as const;
export type Class8Id = (typeof CLASS8_IDS)[number];

/** Class of a customer from its three flags (DESIGN §5.3 table). */
export function class8Of(near: boolean, highF: boolean, highM: boolean): Class8Id {
  // Index into CLASS8_IDS: M picks important/general, then F high/low, then R near/far.
  return CLASS8_IDS[(highM ? 0 : 4) + (highF ? 0 : 2) + (near ? 0 : 1)];
}

/** The thresholds for recency, frequency and monetary under the options. */
export function class8Thresholds(
  facts: CustomerFacts,
  options: Class8Options | undefined,
): { basis: 'mean' | 'median' | 'fixed'; recency: number; frequency: number; monetary: number } {
  const basis = options?.threshold ?? 'mean';
  if (basis === 'fixed') {
    const fx = options?.fixed;
    if (!fx || ![fx.recency, fx.frequency, fx.monetary].every(Number.isFinite))
      throw new EngineError('class8_fixed');
    return { basis, recency: fx.recency, frequency: fx.frequency, monetary: fx.monetary };
  }
  const stat = basis === 'median' ? median : mean;
  return {
    basis,
    recency: stat(facts.recency, facts.scored),
    frequency: stat(facts.frequency, facts.scored),
    monetary: stat(facts.monetary, facts.scored),
  };
}

/** Runs the rfm_class8 method. */
export function runRfmClass8(ctx: MethodContext): MethodResult {
  checkAbort(ctx.signal);
  const { facts } = ctx;
  const th = class8Thresholds(facts, ctx.options.class8);
  const out: (string | null)[] = new Array<string | null>(facts.n).fill(null);
  const good = [0, 0, 0];
  const bad = [0, 0, 0];
  for (let i = 0; i < facts.n; i++) {
    if (facts.scored[i] !== 1) continue;
    const near = facts.recency[i] < th.recency;
    const highF = facts.frequency[i] > th.frequency;
    const highM = facts.monetary[i] > th.monetary;
    out[i] = class8Of(near, highF, highM);
    [near, highF, highM].forEach((flag, k) => (flag ? good[k]++ : bad[k]++));
  }
  const table: ReportTable = {
    id: 'class8_thresholds',
    columns: [
      { key: 'dimension', format: 'text' },
      { key: 'basis', format: 'text' },
      { key: 'rule', format: 'text' },
      { key: 'threshold', format: 'decimal' },
      { key: 'high_customers', format: 'integer' },
      { key: 'low_customers', format: 'integer' },
    ],
    rows: [
      ['recency', th.basis, '<', th.recency, good[0], bad[0]],
      ['frequency', th.basis, '>', th.frequency, good[1], bad[1]],
      ['monetary', th.basis, '>', th.monetary, good[2], bad[2]],
    ],
  };
  return {
    id: 'rfm_class8',
    columns: [{ key: 'rfm_class8', format: 'text', values: out, segmentOf: 'rfm_class8' }],
    segmentColumn: 'rfm_class8',
    segmentIds: [...CLASS8_IDS],
    tables: [table],
    model: { ...th },
  };
}

export const rfmClass8Method: Method = {
  id: 'rfm_class8',
  byDefault: true,
  unavailable: (facts) => needScored(facts),
  run: runRfmClass8,
};
