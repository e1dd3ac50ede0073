/** Helpers shared by the methods in this folder. */
import type { CustomerFacts, Notice } from '../types';
import { countScored } from './stats';

/** Notice when no customer is scored (nothing to segment), else null. */
export function needScored(facts: CustomerFacts): Notice | null {
  return facts.n === 0 || countScored(facts.scored) === 0 ? { key: 'notice.no_scored_customers' } : null;
}

/** The numeric value of each id (NaN when it is not a plain number), for compareIds. */
export function idNumbers(ids: readonly string[]): Float64Array {
  return Float64Array.from(ids, (id) => (id.trim() === '' ? NaN : Number(id)));
}

/**
 * Compares customers i and j by id: numerically when both ids are numbers, else by code unit (stable and
 * locale-free). `nums` comes from idNumbers(ids).
 */
export function compareIds(ids: readonly string[], nums: Float64Array, i: number, j: number): number {
  const x = nums[i];
  const y = nums[j];
  if (Number.isFinite(x) && Number.isFinite(y) && x !== y) return x < y ? -1 : 1;
  const a = ids[i];
  const b = ids[j];
  return a < b ? -1 : a > b ? 1 : 0;
}
