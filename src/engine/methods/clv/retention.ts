/**
 * Retention ("lost for good") model: Dwyer 1989; Berger & Nasr 1998, case 1. A customer brings margin m
 * each period while retained, with retention r per period; promotion cost M is spent mid-period.
 */
import type { PeriodHistories } from './history';

export interface RetentionInput {
  /** Gross contribution per period of a retained customer. */
  margin: number;
  /** Promotion cost per period, spent in the middle of the period (0 when none). */
  cost?: number;
  /** Retention rate per period (0..1). */
  retention: number;
  /** Discount rate per period. */
  discount: number;
  /** Horizon n in periods. */
  periods: number;
}

/** CLV = m·Σ_{i=0..n} rⁱ/(1+d)ⁱ − M·Σ_{i=1..n} r^(i−1)/(1+d)^(i−0.5) (Berger & Nasr 1998, case 1). */
export function retentionClv(input: RetentionInput): number {
  const { margin, retention: r, discount: d, periods: n } = input;
  const cost = input.cost ?? 0;
  let value = 0;
  for (let i = 0; i <= n; i++) value += (margin * Math.pow(r, i)) / Math.pow(1 + d, i);
  for (let i = 1; i <= n; i++) value -= (cost * Math.pow(r, i - 1)) / Math.pow(1 + d, i - 0.5);
  return value;
}

export interface RetentionEstimate {
  /** Share of (customer, period) purchases followed by a purchase in the next period; NaN when none. */
  retention: number;
  /** Customer-periods with a purchase that have a next period inside the analysis window (so the next period can be seen). */
  base: number;
  /** Of those, followed by a purchase in the next period. */
  retained: number;
  /** Mean net amount of a customer-period with a purchase. */
  valuePerActivePeriod: number;
}

/** Pooled period-to-period retention: of customers active in a period, the share active in the next. */
export function estimateRetention(h: PeriodHistories): RetentionEstimate {
  let base = 0;
  let retained = 0;
  let total = 0;
  let activePeriods = 0;
  for (let c = 0; c < h.n; c++) {
    const ks = h.active[c];
    for (let j = 0; j < ks.length; j++) {
      total += h.value[c][j];
      activePeriods++;
      if (ks[j] === 0) continue; // the last period has no next period in the window
      base++;
      if (j + 1 < ks.length && ks[j + 1] === ks[j] - 1) retained++;
    }
  }
  return {
    retention: base > 0 ? retained / base : NaN,
    base,
    retained,
    valuePerActivePeriod: activePeriods > 0 ? total / activePeriods : NaN,
  };
}
