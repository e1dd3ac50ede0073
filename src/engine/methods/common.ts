/** Helpers shared by the methods in this folder. */
import type { CustomerFacts, Notice } from '../types';
import { countScored } from './stats';

/** Notice when no customer is scored (nothing to segment), else null. */
export function needScored(facts: CustomerFacts): Notice | null {
  return facts.n === 0 || countScored(facts.scored) === 0 ? { key: 'notice.no_scored_customers' } : null;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/**
 * Natural order of customer ids, locale-free: digit runs compare as numbers ("C2" < "C10", "9" < "10"),
 * the rest by code unit; ids equal in that order ("007" and "7") fall back to plain code-unit order.
 */
export function compareIds(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (isDigit(ca) && isDigit(cb)) {
      let i2 = i;
      let j2 = j;
      while (i2 < a.length && isDigit(a.charCodeAt(i2))) i2++;
      while (j2 < b.length && isDigit(b.charCodeAt(j2))) j2++;
      // Strip leading zeros, then the longer run is the larger number; equal lengths compare digit-wise.
      let si = i;
      let sj = j;
      while (si < i2 - 1 && a.charCodeAt(si) === 48) si++;
      while (sj < j2 - 1 && b.charCodeAt(sj) === 48) sj++;
      if (i2 - si !== j2 - sj) return i2 - si < j2 - sj ? -1 : 1;
      for (let k = 0; k < i2 - si; k++) {
        const d = a.charCodeAt(si + k) - b.charCodeAt(sj + k);
        if (d !== 0) return d < 0 ? -1 : 1;
      }
      i = i2;
      j = j2;
      continue;
    }
    if (ca !== cb) return ca < cb ? -1 : 1;
    i++;
    j++;
  }
  if (a.length - i !== b.length - j) return a.length - i < b.length - j ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
