/** Helpers shared by the methods in this folder. */
import type { CustomerFacts, Notice } from '../types';
import { countScored } from './stats';

/** Notice when no customer is scored (nothing to segment), else null. */
export function needScored(facts: CustomerFacts): Notice | null {
  return facts.n === 0 || countScored(facts.scored) === 0 ? { key: 'notice.no_scored_customers' } : null;
}

/** Compares customer ids: numerically when both are numbers, else by code unit (stable, locale-free). */
export function compareIds(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  if (a !== '' && b !== '' && Number.isFinite(x) && Number.isFinite(y) && x !== y) return x < y ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
