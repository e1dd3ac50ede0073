/** Kind of list: transaction lines (several rows per customer, a date per row) or one row per customer. */
import type { ColumnRole, ListKind, Role } from '../types';
import type { ColumnProfile } from './roles';

const CUSTOMER_LEVEL_ROLES: readonly Role[] = ['recency', 'frequency', 'monetary', 'last_purchase'];

/** The detected (or forced) kind of list from the mapped roles and the customer-id column's values. */
export function detectKind(
  roles: readonly ColumnRole[],
  profiles: readonly (ColumnProfile | undefined)[],
  forced?: ListKind,
): { kind: ListKind; kindSource: 'detected' | 'user' } {
  if (forced === 'transactions' || forced === 'customers') return { kind: forced, kindSource: 'user' };
  const has = (role: Role): boolean => roles.some((r) => r.role === role);
  const customerLevel = CUSTOMER_LEVEL_ROLES.some(has);
  if (!customerLevel) return { kind: 'transactions', kindSource: 'detected' };
  if (!has('order_date')) return { kind: 'customers', kindSource: 'detected' };
  // Both kinds of columns: unique customer ids mean one row per customer.
  const id = roles.find((r) => r.role === 'customer_id');
  const p = id ? profiles[id.column] : undefined;
  const unique = p !== undefined && p.nonEmpty >= 2 && p.distinct === p.nonEmpty;
  return { kind: unique ? 'customers' : 'transactions', kindSource: 'detected' };
}
