import { factsFrom } from '../testing/factsBuilder';
import type { Categorical, ContributionRow, Transactions } from '../types';
import {
  contributionRowsOf,
  contributionsMethod,
  OTHER_MEMBER,
  runContributions,
  TOP_PRODUCTS,
} from './contributions';
import { runRfmSegments } from './rfmSegments';
import { ctxOf } from './testContext';

function cat(values: string[]): Categorical {
  const labels: string[] = [];
  const codes = Int32Array.from(values, (v) => {
    if (v === '') return -1;
    let c = labels.indexOf(v);
    if (c < 0) c = labels.push(v) - 1;
    return c;
  });
  return { codes, labels };
}

interface Line {
  c: string;
  o?: string;
  day: number;
  amount: number;
  profit?: number;
  region?: string;
  product?: string;
}

function txOf(lines: Line[]): Transactions {
  const customerIds = [...new Set(lines.map((l) => l.c))];
  const orderIds = [...new Set(lines.map((l) => l.o ?? ''))];
  const withOrders = lines.every((l) => l.o !== undefined);
  return {
    n: lines.length,
    row: Int32Array.from(lines, (_, i) => i + 2),
    customer: Int32Array.from(lines, (l) => customerIds.indexOf(l.c)),
    customerIds,
    customerNames: null,
    day: Float64Array.from(lines, (l) => l.day),
    amount: Float64Array.from(lines, (l) => l.amount),
    order: withOrders ? Int32Array.from(lines, (l) => orderIds.indexOf(l.o ?? '')) : null,
    orderIds: withOrders ? orderIds : null,
    profit: lines.every((l) => l.profit !== undefined)
      ? Float64Array.from(lines, (l) => l.profit ?? 0)
      : null,
    quantity: null,
    region: lines.some((l) => l.region !== undefined) ? cat(lines.map((l) => l.region ?? '')) : null,
    product: lines.some((l) => l.product !== undefined) ? cat(lines.map((l) => l.product ?? '')) : null,
    category: null,
    channel: null,
  };
}

const byDim = (rows: ContributionRow[], d: string) =>
  rows.filter((r) => r.dimension === d && r.segment === '');

describe('contributions from order lines', () => {
  const lines: Line[] = [
    { c: 'A', o: '1', day: 100, amount: 100, profit: 10, region: 'North', product: 'p1' },
    { c: 'A', o: '1', day: 100, amount: 50, profit: 5, region: 'North', product: 'p2' },
    { c: 'A', o: '2', day: 110, amount: 30, profit: 3, region: 'South', product: 'p1' },
    { c: 'B', o: '3', day: 105, amount: 200, profit: 40, region: 'South', product: 'p2' },
    { c: 'B', o: '4', day: 106, amount: -20, profit: -4, region: 'South', product: 'p2' },
    { c: 'C', o: '1', day: 107, amount: 40, profit: 8, region: '', product: 'p3' },
    // after the as-of date: a holdout, left out
    { c: 'C', o: '9', day: 999, amount: 1000, profit: 1, region: 'North', product: 'p3' },
  ];
  const tx = txOf(lines);
  const facts = factsFrom({
    ids: ['A', 'B', 'C'],
    recency: [0, 4, 3],
    frequency: [2, 1, 1],
    monetary: [180, 180, 40],
    asOf: 110,
  });

  it('aggregates revenue, profit, distinct customers and orders, sorted with Pareto shares', () => {
    const res = runContributions(ctxOf(facts, {}, [], tx));
    const rows = (res.model as { rows: ContributionRow[] }).rows;
    const region = byDim(rows, 'region');
    expect(region.map((r) => r.member)).toEqual(['South', 'North', '']);
    expect(region.map((r) => r.revenue)).toEqual([210, 150, 40]);
    expect(region.map((r) => r.profit)).toEqual([39, 15, 8]);
    expect(region.map((r) => r.customers)).toEqual([2, 1, 1]);
    // South: A's order 2, B's orders 3 and 4 (the return counts as an order, as in facts.orders)
    expect(region.map((r) => r.orders)).toEqual([3, 1, 1]);
    expect(region.map((r) => r.revenueShare)).toEqual([210 / 400, 150 / 400, 40 / 400]);
    expect(region[2].cumulativeShare).toBeCloseTo(1, 12);
    // order id "1" of A and of C are different orders
    const p1 = byDim(rows, 'product').find((r) => r.member === 'p1')!;
    expect(p1.orders).toBe(2);
    expect(p1.customers).toBe(1);
    expect(contributionRowsOf(res)).toBe(rows);
    expect(contributionRowsOf(undefined)).toEqual([]);
    const table = res.tables[0];
    expect(table.id).toBe('contributions');
    expect(table.rows[0].slice(0, 4)).toEqual(['region', 'South', null, 210]);
  });

  it('reconciles every dimension and the segment rows to the total revenue', () => {
    const rows = (runContributions(ctxOf(facts, {}, [], tx)).model as { rows: ContributionRow[] }).rows;
    for (const d of ['region', 'product'])
      expect(byDim(rows, d).reduce((s, r) => s + r.revenue, 0)).toBeCloseTo(400, 9);
    const seg = rows.filter((r) => r.segment !== '');
    expect(seg.reduce((s, r) => s + r.revenue, 0)).toBeCloseTo(400, 9);
    // per region, segment rows add up to the region's row
    for (const r of byDim(rows, 'region')) {
      const parts = seg.filter((s) => s.member === r.member);
      expect(parts.reduce((s, x) => s + x.revenue, 0)).toBeCloseTo(r.revenue, 9);
      expect(parts.every((x) => Number.isNaN(x.cumulativeShare))).toBe(true);
    }
  });

  it('uses the segments of rfm_segments when it ran', () => {
    const segs = runRfmSegments(ctxOf(facts));
    const rows = (runContributions(ctxOf(facts, {}, [segs], tx)).model as { rows: ContributionRow[] }).rows;
    const segOf = segs.columns[0].values as string[];
    const north = rows.filter((r) => r.member === 'North' && r.segment !== '');
    expect(north).toHaveLength(1);
    expect(north[0].segment).toBe(segOf[0]);
  });

  it('counts purchase days as orders without an order id', () => {
    const noIds = txOf(lines.map(({ o: _o, ...l }) => l));
    const rows = (runContributions(ctxOf(facts, {}, [], noIds)).model as { rows: ContributionRow[] }).rows;
    // South: A day 110, B days 105 and 106
    expect(byDim(rows, 'region')[0].orders).toBe(3);
    // North: A's two lines on day 100 are one order
    expect(byDim(rows, 'region')[1].orders).toBe(1);
  });

  it('counts an empty order id as one order per customer, as facts.orders does', () => {
    const blanks: Line[] = [
      { c: 'A', o: '1', day: 100, amount: 10, region: 'East' },
      { c: 'A', o: '', day: 101, amount: 10, region: 'East' },
      { c: 'B', o: '', day: 100, amount: 10, region: 'West' },
      { c: 'B', o: '', day: 102, amount: 10, region: 'West' },
      { c: 'C', o: '', day: 100, amount: 10, region: 'West' },
    ];
    const t = txOf(blanks);
    // txOf codes '' like any order id; ingest codes an empty cell −1.
    for (let j = 0; j < t.n; j++) if (blanks[j].o === '') t.order![j] = -1;
    const f = factsFrom({
      ids: ['A', 'B', 'C'],
      recency: [1, 1, 1],
      frequency: [2, 1, 1],
      monetary: [20, 20, 10],
    });
    const rows = (runContributions(ctxOf(f, {}, [], t)).model as { rows: ContributionRow[] }).rows;
    expect(byDim(rows, 'region').map((r) => [r.member, r.customers, r.orders])).toEqual([
      ['West', 2, 2],
      ['East', 1, 2],
    ]);
  });

  it('counts an order once when its lines are apart and apart from the same id of another customer', () => {
    // A's order 1 is interrupted by B's order 1 (another order: the same id, another customer) and by A's order 2.
    const mixed: Line[] = [
      { c: 'A', o: '1', day: 100, amount: 10, region: 'N', product: 'p1' },
      { c: 'B', o: '1', day: 100, amount: 20, region: 'N', product: 'p1' },
      { c: 'A', o: '2', day: 101, amount: 5, region: 'N', product: 'p2' },
      { c: 'A', o: '1', day: 100, amount: 7, region: 'S', product: 'p2' },
      { c: 'B', o: '2', day: 102, amount: 3, region: 'S', product: 'p1' },
    ];
    const f = factsFrom({ ids: ['A', 'B'], recency: [1, 1], frequency: [2, 2], monetary: [22, 23] });
    const expected = {
      region: [
        ['N', 35, 2, 3],
        ['S', 10, 2, 2],
      ],
      product: [
        ['p1', 33, 2, 3],
        ['p2', 12, 1, 2],
      ],
    };
    // The same orders by purchase day when there is no order id.
    for (const t of [txOf(mixed), txOf(mixed.map(({ o: _o, ...l }) => l))]) {
      const rows = (runContributions(ctxOf(f, {}, [], t)).model as { rows: ContributionRow[] }).rows;
      for (const d of ['region', 'product'] as const)
        expect(byDim(rows, d).map((r) => [r.member, r.revenue, r.customers, r.orders])).toEqual(expected[d]);
    }
  });

  it('keeps the top 50 products and gathers the rest in "other"', () => {
    const many: Line[] = Array.from({ length: 60 }, (_, i) => ({
      c: `c${i % 7}`,
      o: `o${i}`,
      day: 1,
      amount: 100 + i,
      product: `p${i}`,
    }));
    const f = factsFrom({
      ids: Array.from({ length: 7 }, (_, i) => `c${i}`),
      recency: Array(7).fill(1),
      frequency: Array(7).fill(1),
      monetary: Array(7).fill(1),
      asOf: 1,
    });
    const rows = byDim(
      (runContributions(ctxOf(f, {}, [], txOf(many))).model as { rows: ContributionRow[] }).rows,
      'product',
    );
    expect(rows).toHaveLength(TOP_PRODUCTS + 1);
    expect(rows[0].member).toBe('p59');
    const other = rows[rows.length - 1];
    expect(other.member).toBe(OTHER_MEMBER);
    // p0..p9: 100..109
    expect(other.revenue).toBe(1045);
    expect(other.orders).toBe(10);
    expect(other.customers).toBe(7);
    expect(rows.reduce((s, r) => s + r.revenue, 0)).toBe(60 * 100 + (59 * 60) / 2);
  });
});

describe('contributions from customer facts', () => {
  it('uses the dominant region per customer and reconciles to total monetary', () => {
    const facts = factsFrom({
      recency: [1, 2, 3, 4],
      frequency: [1, 2, 3, 0],
      monetary: [10, 20, 30, -5],
      region: ['E', 'W', 'E', 'W'],
    });
    const rows = (runContributions(ctxOf(facts)).model as { rows: ContributionRow[] }).rows;
    const region = byDim(rows, 'region');
    expect(region.map((r) => [r.member, r.revenue, r.customers, r.orders])).toEqual([
      ['E', 40, 2, 4],
      ['W', 15, 2, 2],
    ]);
    expect(region.reduce((s, r) => s + r.revenue, 0)).toBe(55);
    expect(Number.isNaN(region[0].profit)).toBe(true);
  });

  it('is unavailable without any dimension', () => {
    const facts = factsFrom({ recency: [1], frequency: [1], monetary: [1] });
    expect(contributionsMethod.unavailable(facts, null)?.key).toBe('notice.contributions_no_dimension');
    expect(
      contributionsMethod.unavailable(
        factsFrom({ recency: [1], frequency: [1], monetary: [1], region: ['x'] }),
        null,
      ),
    ).toBeNull();
  });
});
