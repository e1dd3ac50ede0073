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
