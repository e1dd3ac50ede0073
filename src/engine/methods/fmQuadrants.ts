/**
 * Frequency × monetary quadrants (DESIGN §5.5): high = strictly above the median of the scored customers
 * (mean as an option), so a customer exactly at the median is low.
 */
import type { Method, MethodContext, MethodResult } from '../types';
import { needScored } from './common';
import { checkAbort, mean, median } from './stats';

/** Quadrant ids in display order. */
export const QUADRANT_IDS = ['high_f_high_m', 'low_f_high_m', 'high_f_low_m', 'low_f_low_m'] as const;
export type QuadrantId = (typeof QUADRANT_IDS)[number];

/** Quadrant of a customer from its two flags. */
export function quadrantOf(highF: boolean, highM: boolean): QuadrantId {
  return QUADRANT_IDS[(highM ? 0 : 2) + (highF ? 0 : 1)];
}

/** Runs the fm_quadrants method. */
export function runFmQuadrants(ctx: MethodContext): MethodResult {
  checkAbort(ctx.signal);
  const { facts } = ctx;
  const basis = ctx.options.quadrants?.threshold ?? 'median';
  const stat = basis === 'mean' ? mean : median;
  const tf = stat(facts.frequency, facts.scored);
  const tm = stat(facts.monetary, facts.scored);
  const out: (string | null)[] = new Array<string | null>(facts.n).fill(null);
  let highF = 0;
  let highM = 0;
  let scored = 0;
  for (let i = 0; i < facts.n; i++) {
    if (facts.scored[i] !== 1) continue;
    const f = facts.frequency[i] > tf;
    const m = facts.monetary[i] > tm;
    out[i] = quadrantOf(f, m);
    scored++;
    if (f) highF++;
    if (m) highM++;
  }
  return {
    id: 'fm_quadrants',
    columns: [{ key: 'fm_quadrant', format: 'text', values: out, segmentOf: 'fm_quadrants' }],
    segmentColumn: 'fm_quadrant',
    segmentIds: [...QUADRANT_IDS],
    tables: [
      {
        id: 'fm_thresholds',
        columns: [
          { key: 'dimension', format: 'text' },
          { key: 'basis', format: 'text' },
          { key: 'rule', format: 'text' },
          { key: 'threshold', format: 'decimal' },
          { key: 'high_customers', format: 'integer' },
          { key: 'low_customers', format: 'integer' },
        ],
        rows: [
          ['frequency', basis, '>', tf, highF, scored - highF],
          ['monetary', basis, '>', tm, highM, scored - highM],
        ],
      },
    ],
    model: { basis, frequency: tf, monetary: tm },
  };
}

export const fmQuadrantsMethod: Method = {
  id: 'fm_quadrants',
  byDefault: true,
  unavailable: (facts) => needScored(facts),
  run: runFmQuadrants,
};
