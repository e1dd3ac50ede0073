/** Builds Transactions from plain line objects, for tests of facts and line-level methods. */
import type { Categorical, Transactions } from '../types';
import { serialFromIso } from '../dates';

export interface LineSpec {
  customer: string;
  /** YYYY-MM-DD */
  date: string;
  amount: number;
  order?: string;
  profit?: number;
  region?: string;
  product?: string;
  category?: string;
}

function intern(values: (string | undefined)[]): Categorical | null {
  if (values.every((v) => v === undefined)) return null;
  const labels: string[] = [];
  const index = new Map<string, number>();
  const codes = Int32Array.from(values, (v) => {
    if (v === undefined || v === '') return -1;
    let c = index.get(v);
    if (c === undefined) {
      c = labels.length;
      labels.push(v);
      index.set(v, c);
    }
    return c;
  });
  return { codes, labels };
}

/** Transactions for tests; lines keep their order and get sheet rows 2, 3, … */
export function txFrom(lines: LineSpec[]): Transactions {
  const customers = intern(lines.map((l) => l.customer))!;
  const orders = lines.some((l) => l.order !== undefined) ? intern(lines.map((l) => l.order)) : null;
  return {
    n: lines.length,
    row: Int32Array.from(lines, (_, i) => i + 2),
    customer: customers.codes,
    customerIds: customers.labels,
    customerNames: null,
    day: Float64Array.from(lines, (l) => serialFromIso(l.date)),
    amount: Float64Array.from(lines, (l) => l.amount),
    order: orders ? orders.codes : null,
    orderIds: orders ? orders.labels : null,
    profit: lines.some((l) => l.profit !== undefined) ? Float64Array.from(lines, (l) => l.profit ?? 0) : null,
    quantity: null,
    region: intern(lines.map((l) => l.region)),
    product: intern(lines.map((l) => l.product)),
    category: intern(lines.map((l) => l.category)),
    channel: null,
  };
}

/** Transactions from compact tuples [customer index, serial day, amount, product index?] over given ids. */
export function txFromTuples(
  ids: string[],
  lines: ([number, number, number] | [number, number, number, number])[],
  products?: string[],
): Transactions {
  return {
    n: lines.length,
    row: Int32Array.from(lines, (_, i) => i + 2),
    customer: Int32Array.from(lines, (l) => l[0]),
    customerIds: ids,
    customerNames: null,
    day: Float64Array.from(lines, (l) => l[1]),
    amount: Float64Array.from(lines, (l) => l[2]),
    order: null,
    orderIds: null,
    profit: null,
    quantity: null,
    region: null,
    product: products ? { codes: Int32Array.from(lines, (l) => l[3] ?? -1), labels: products } : null,
    category: null,
    channel: null,
  };
}
