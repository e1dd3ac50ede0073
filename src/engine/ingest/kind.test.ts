import type { ColumnRole, Role } from '../types';
import { detectKind } from './kind';
import type { ColumnProfile } from './roles';

const role = (r: Role, column: number): ColumnRole => ({
  role: r,
  column,
  header: r,
  confidence: 1,
  source: 'header',
});
const profile = (nonEmpty: number, distinct: number): ColumnProfile => ({
  nonEmpty,
  numeric: 0,
  integer: 0,
  date: 0,
  distinct,
});

describe('detectKind', () => {
  it('order lines by default', () => {
    expect(detectKind([role('customer_id', 0), role('order_date', 1), role('amount', 2)], [])).toEqual({
      kind: 'transactions',
      kindSource: 'detected',
    });
  });

  it('customer list when R/F/M or a last purchase date is given without an order date', () => {
    expect(detectKind([role('customer_id', 0), role('monetary', 1)], []).kind).toBe('customers');
    expect(detectKind([role('customer_id', 0), role('last_purchase', 1), role('amount', 2)], []).kind).toBe(
      'customers',
    );
  });

  it('with both kinds of columns, unique customer ids mean a customer list', () => {
    const roles = [role('customer_id', 0), role('order_date', 1), role('frequency', 2)];
    expect(detectKind(roles, [profile(10, 10)]).kind).toBe('customers');
    expect(detectKind(roles, [profile(10, 4)]).kind).toBe('transactions');
  });

  it('the user can force the kind', () => {
    expect(detectKind([role('customer_id', 0), role('monetary', 1)], [], 'transactions')).toEqual({
      kind: 'transactions',
      kindSource: 'user',
    });
  });
});
