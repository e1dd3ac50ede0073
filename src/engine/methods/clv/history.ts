/**
 * Per-customer purchase histories on a period grid aligned to the as-of date: period 0 is the last
 * `daysPerPeriod` days up to and including the as-of date, period k the k-th before it. Aligning to the
 * as-of date keeps the most recent period complete, so "bought again next period" is never censored.
 */
import type { Transactions } from '../../types';

export interface PeriodHistories {
  /** Number of customers (indices as in the ids given to buildHistories). */
  n: number;
  /** Per customer: periods-ago indices with a purchase (net amount > 0), descending = chronological. */
  active: Int32Array[];
  /** Per customer: net amount in each active period (same order as active). */
  value: Float64Array[];
  /** Largest period index seen (the oldest period). */
  oldest: number;
}

/** Period index (periods before the as-of date) of a serial day. */
export function periodsAgo(day: number, asOf: number, daysPerPeriod: number): number {
  return Math.floor((asOf - day) / daysPerPeriod);
}

/** Histories of the customers `ids` from the order lines; lines after the as-of date are ignored. */
export function buildHistories(
  tx: Transactions,
  ids: readonly string[],
  asOf: number,
  daysPerPeriod: number,
): PeriodHistories {
  const index = new Map<string, number>();
  ids.forEach((id, i) => index.set(id, i));
  const txToCustomer = Int32Array.from(tx.customerIds, (id) => index.get(id) ?? -1);
  // Net amount per (customer, period): a return in the same period offsets the purchase, as for orders.
  const cells: Map<number, number>[] = Array.from({ length: ids.length }, () => new Map<number, number>());
  let oldest = 0;
  for (let i = 0; i < tx.n; i++) {
    const c = txToCustomer[tx.customer[i]];
    const day = tx.day[i];
    if (c < 0 || !(day <= asOf)) continue;
    const k = periodsAgo(day, asOf, daysPerPeriod);
    const m = cells[c];
    m.set(k, (m.get(k) ?? 0) + tx.amount[i]);
  }
  const active: Int32Array[] = [];
  const value: Float64Array[] = [];
  for (const m of cells) {
    const ks = Array.from(m.keys())
      .filter((k) => (m.get(k) ?? 0) > 0)
      .sort((a, b) => b - a);
    if (ks.length > 0 && ks[0] > oldest) oldest = ks[0];
    active.push(Int32Array.from(ks));
    value.push(Float64Array.from(ks, (k) => m.get(k) ?? 0));
  }
  return { n: ids.length, active, value, oldest };
}

/** Repeat-transaction summary of one customer for the CLV models (days are serial days). */
export interface TransactionSummary {
  /** Distinct transaction days (x = days − 1); 0 when the customer has none. */
  days: Float64Array;
  first: Float64Array;
  last: Float64Array;
  /** Mean net value of the transaction days after the first; NaN when there is none. */
  repeatValue: Float64Array;
}

/**
 * Transaction days of the customers `ids` for the BG/NBD and Gamma-Gamma models: a day counts when its net
 * amount is ≥ 0. Unlike a "purchase" (net > 0, DESIGN §4), a zero-value order (a free item, a fully
 * discounted order) is still a transaction event of the customer; returns (net < 0) are not. This is the
 * definition behind the published CDNOW figures, where 8 customers' only orders are $0.
 */
export function transactionSummary(
  tx: Transactions,
  ids: readonly string[],
  asOf: number,
): TransactionSummary {
  const index = new Map<string, number>();
  ids.forEach((id, i) => index.set(id, i));
  const toCustomer = Int32Array.from(tx.customerIds, (id) => index.get(id) ?? -1);
  const perDay: Map<number, number>[] = Array.from({ length: ids.length }, () => new Map<number, number>());
  for (let i = 0; i < tx.n; i++) {
    const c = toCustomer[tx.customer[i]];
    const day = tx.day[i];
    if (c < 0 || !(day <= asOf)) continue;
    perDay[c].set(day, (perDay[c].get(day) ?? 0) + tx.amount[i]);
  }
  const n = ids.length;
  const out: TransactionSummary = {
    days: new Float64Array(n),
    first: new Float64Array(n).fill(NaN),
    last: new Float64Array(n).fill(NaN),
    repeatValue: new Float64Array(n).fill(NaN),
  };
  for (let c = 0; c < n; c++) {
    const days = Array.from(perDay[c].entries())
      .filter(([, v]) => v >= 0)
      .sort((a, b) => a[0] - b[0]);
    if (days.length === 0) continue;
    out.days[c] = days.length;
    out.first[c] = days[0][0];
    out.last[c] = days[days.length - 1][0];
    if (days.length > 1) {
      let s = 0;
      for (let k = 1; k < days.length; k++) s += days[k][1];
      out.repeatValue[c] = s / (days.length - 1);
    }
  }
  return out;
}
