import { factsFromCustomerRows, factsFromTransactions } from './facts';
import { txFrom } from '../testing/txBuilder';
import { serialFromIso } from '../dates';
import type { CustomerRows } from '../types';

const asOf = serialFromIso('2024-03-31');

describe('factsFromTransactions', () => {
  const tx = txFrom([
    // A: two orders on one day (two purchase days in all), one partial return as its own order.
    { customer: 'A', date: '2024-01-05', amount: 100, order: 'o1', region: 'East' },
    { customer: 'A', date: '2024-01-05', amount: 50, order: 'o2', region: 'East' },
    { customer: 'A', date: '2024-02-10', amount: 30, order: 'o3', region: 'West' },
    { customer: 'A', date: '2024-02-12', amount: -20, order: 'r1', region: 'East' },
    // B: a single order split over two lines, the later line dated a day after: the order's date is the earliest.
    { customer: 'B', date: '2024-03-30', amount: 10, order: 'o4' },
    { customer: 'B', date: '2024-03-31', amount: 5, order: 'o4' },
    // C: only a cancelled order (net zero) and a return: no purchase.
    { customer: 'C', date: '2024-01-01', amount: 40, order: 'o5' },
    { customer: 'C', date: '2024-01-02', amount: -40, order: 'o5' },
    { customer: 'C', date: '2024-01-03', amount: -10, order: 'r2' },
  ]);
  const f = factsFromTransactions(tx, { asOf });

  it('counts purchases as orders with a positive net amount', () => {
    expect(Array.from(f.frequency)).toEqual([3, 1, 0]);
    expect(Array.from(f.orders)).toEqual([4, 1, 2]);
  });
  it('nets returns into monetary by default and can exclude them', () => {
    expect(Array.from(f.monetary)).toEqual([160, 15, -10]);
    const g = factsFromTransactions(tx, { asOf, excludeReturns: true });
    expect(Array.from(g.monetary)).toEqual([180, 15, 0]);
  });
  it('measures recency and tenure in days from the last and first purchase', () => {
    expect(f.recency[0]).toBe(asOf - serialFromIso('2024-02-10'));
    expect(f.recency[1]).toBe(1); // the order is dated by its earliest line, 2024-03-30
    expect(f.tenure[0]).toBe(asOf - serialFromIso('2024-01-05'));
    expect(Number.isNaN(f.recency[2])).toBe(true);
  });
  it('scores only customers with a purchase', () => {
    expect(Array.from(f.scored)).toEqual([1, 1, 0]);
  });
  it('computes the repeat-purchase statistics on distinct purchase days', () => {
    expect(Array.from(f.purchaseDays)).toEqual([2, 1, 0]);
    expect(f.repeatValue[0]).toBe(30);
    expect(Number.isNaN(f.repeatValue[1])).toBe(true);
    expect(f.aov[0]).toBeCloseTo(60);
  });
  it('takes the dominant region and the first sheet row', () => {
    expect(f.region!.labels[f.region!.codes[0]]).toBe('East');
    expect(f.region!.codes[1]).toBe(-1);
    expect(Array.from(f.firstRow)).toEqual([2, 6, 8]);
  });
  it('reads each customer in line order when its lines are apart', () => {
    // C1's and C2's lines alternate; C1's order o1 resumes after o2. Modes: the label that reached the
    // top count first (C1: East 1, West 1, West 2, East 2 → West).
    const t = txFrom([
      { customer: 'C1', date: '2024-01-05', amount: 10, order: 'o1', region: 'East' },
      { customer: 'C2', date: '2024-01-06', amount: 20, order: 'o3', region: 'West' },
      { customer: 'C1', date: '2024-01-07', amount: 5, order: 'o2', region: 'West' },
      { customer: 'C1', date: '2024-01-04', amount: -10, order: 'o1', region: 'West' },
      { customer: 'C2', date: '2024-01-06', amount: 1, order: 'o3', region: 'East' },
      { customer: 'C1', date: '2024-01-08', amount: 2, order: 'o1', region: 'East' },
    ]);
    const g = factsFromTransactions(t, { asOf });
    expect(Array.from(g.orders)).toEqual([2, 1]);
    // o1 nets 2 and is dated by its earliest line (01-04); o2 is 5 on 01-07.
    expect(Array.from(g.frequency)).toEqual([2, 1]);
    expect(g.firstPurchase[0]).toBe(serialFromIso('2024-01-04'));
    expect(g.lastPurchase[0]).toBe(serialFromIso('2024-01-07'));
    expect(Array.from(g.monetary)).toEqual([7, 21]);
    expect(g.repeatValue[0]).toBe(5);
    expect(Array.from(g.firstRow)).toEqual([2, 3]);
    expect(Array.from(g.region!.codes).map((c) => g.region!.labels[c])).toEqual(['West', 'West']);
  });

  it('uses distinct purchase days as orders when there is no order id', () => {
    const t = txFrom([
      { customer: 'A', date: '2024-01-05', amount: 100 },
      { customer: 'A', date: '2024-01-05', amount: 50 },
      { customer: 'A', date: '2024-01-06', amount: -10 },
      { customer: 'A', date: '2024-01-07', amount: 5 },
    ]);
    const g = factsFromTransactions(t, { asOf });
    expect(g.frequency[0]).toBe(2);
    expect(g.orders[0]).toBe(3);
    expect(g.monetary[0]).toBe(145);
  });
});

describe('factsFromCustomerRows', () => {
  it('derives recency from the last purchase date and defaults frequency to one purchase', () => {
    const list: CustomerRows = {
      n: 3,
      row: Int32Array.from([2, 3, 4]),
      ids: ['a', 'b', 'c'],
      names: null,
      recency: null,
      frequency: null,
      monetary: Float64Array.from([10, NaN, 5]),
      firstPurchase: null,
      lastPurchase: Float64Array.from([asOf - 3, asOf - 5, NaN]),
      profit: null,
      region: null,
      product: null,
      category: null,
      channel: null,
    };
    const f = factsFromCustomerRows(list, { asOf });
    expect(Array.from(f.recency)).toEqual([3, 5, NaN]);
    expect(Array.from(f.frequency)).toEqual([1, 1, 1]);
    expect(Array.from(f.scored)).toEqual([1, 0, 0]);
  });
});
