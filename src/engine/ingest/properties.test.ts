import { issueList } from '../issues';
import fc from 'fast-check';
import { EngineError } from '../types';
import type { Cell } from '../types';
import { ingest } from './ingest';
import { parseAmount, parseDay } from './values';

const numRuns = Number(process.env.FC_RUNS ?? 200);

// Cells as Excel or a CSV reader hands them over, with the words and forms ingest looks for mixed in.
const cellArb: fc.Arbitrary<Cell> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.double({ noNaN: false }),
  fc.integer({ min: -1e6, max: 3e6 }),
  fc.boolean(),
  fc.constant(''),
  fc.constant(null),
  fc.constantFrom(
    '客户ID',
    '订单日期',
    '销售额',
    'Customer ID',
    'Order Date',
    'Sales',
    'Quantity',
    'UnitPrice',
    '合计',
    'Total',
    '2024-01-05',
    '3/4/2024',
    '25/12/2023',
    '2024年3月5日',
    '19970101',
    '¥1,234.50',
    '(12)',
    '1.2万',
    '12%',
    'C001',
    'C002',
    '  ',
    '2023-02-30',
  ),
);

const gridArb = fc.array(fc.array(cellArb, { maxLength: 7 }), { maxLength: 25 });

// Grids that start with a real header and rows that are mostly plausible, so the row-level paths
// (issues, reconciliation, both kinds of list) are exercised, not only the early errors.
const idArb: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('C001', 'C002', 'C003', ' C004 ', 17850, '会员甲') },
  { weight: 1, arbitrary: cellArb },
);
const dateArb: fc.Arbitrary<Cell> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom('2024-01-05', '2024/2/3 10:00', '3/4/2024', '2024年3月5日', 45000, 19970101),
  },
  { weight: 1, arbitrary: cellArb },
);
const amountArb: fc.Arbitrary<Cell> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.oneof(
      fc.double({ min: -1e9, max: 1e9, noNaN: true }),
      fc.constantFrom('¥1,234.50', '(12)', '1.2万', '3'),
    ),
  },
  { weight: 1, arbitrary: cellArb },
);
const rowArb: fc.Arbitrary<Cell[]> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(idArb, dateArb, amountArb, amountArb, cellArb) },
  { weight: 1, arbitrary: fc.array(cellArb, { maxLength: 6 }) },
);
const headedGridArb = fc
  .tuple(
    fc.constantFrom(
      ['客户ID', '订单日期', '销售额', '利润', '地区'],
      ['Customer ID', 'Order Date', 'Quantity', 'UnitPrice', 'Country'],
      ['会员编号', '最近购买日期', '消费次数', '累计消费金额', '渠道'],
    ),
    fc.array(rowArb, { maxLength: 40 }),
    fc.array(fc.array(cellArb, { maxLength: 3 }), { maxLength: 3 }),
  )
  .map(([header, rows, above]) => [...above, header, ...rows] as Cell[][]);

/** Checks the invariants; true when ingest returned a result, false when it threw an EngineError. */
function checkIngest(cells: Cell[][]): boolean {
  let r;
  try {
    r = ingest({ cells, firstRow: 1 });
  } catch (e) {
    if (e instanceof EngineError) return false;
    throw e;
  }
  expect(r.used + r.skipped).toBe(r.rows);
  expect(r.rows).toBe(cells.length - r.headerIndex - 1);
  const rowIssues = issueList(r.issues).filter((i) => i.reason !== 'above_header');
  expect(rowIssues.length).toBe(r.skipped);
  expect(new Set(rowIssues.map((i) => i.row)).size).toBe(rowIssues.length);
  const { input, used, skipped } = r.amounts;
  expect(Math.abs(input - (used + skipped))).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(input)));
  const n = r.tx ? r.tx.n : r.customers!.n;
  expect(n).toBe(r.used);
  if (r.tx) {
    for (let i = 0; i < r.tx.n; i++) {
      expect(Number.isFinite(r.tx.day[i])).toBe(true);
      expect(Number.isFinite(r.tx.amount[i])).toBe(true);
    }
  }
  return true;
}

describe('ingest properties', () => {
  it('returns a reconciling result or throws an EngineError, for any grid', () => {
    fc.assert(
      fc.property(gridArb, (cells) => {
        checkIngest(cells);
      }),
      { numRuns },
    );
  });

  it('returns a reconciling result or throws an EngineError, for grids with a header', () => {
    let results = 0;
    fc.assert(
      fc.property(headedGridArb, (cells) => {
        if (checkIngest(cells)) results++;
      }),
      { numRuns },
    );
    // The generator must reach the row-level code, not only the early errors.
    expect(results).toBeGreaterThan(numRuns / 4);
  });
});

describe('parser properties', () => {
  it('parseAmount and parseDay never throw', () => {
    fc.assert(
      fc.property(
        cellArb,
        fc.constantFrom('mdy' as const, 'dmy' as const),
        fc.constantFrom(1900 as const, 1904 as const),
        (v, order, system) => {
          const a = parseAmount(v);
          const d = parseDay(v, order, system);
          expect(typeof a).toBe('number');
          expect(Number.isNaN(d) || Number.isInteger(d)).toBe(true);
        },
      ),
      { numRuns: numRuns * 5 },
    );
  });

  it('a formatted number round-trips through parseAmount', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -999_999_999_99, max: 999_999_999_99 }),
        fc.constantFrom('plain', 'grouped', 'yen', 'paren', 'trailing', 'fullwidth', 'usd'),
        (cents, style) => {
          const value = cents / 100;
          const abs = Math.abs(value);
          const grouped = abs.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
          const neg = value < 0;
          let text: string;
          switch (style) {
            case 'plain':
              text = value.toFixed(2);
              break;
            case 'grouped':
              text = (neg ? '-' : '') + grouped;
              break;
            case 'yen':
              text = (neg ? '-' : '') + '¥' + grouped;
              break;
            case 'paren':
              text = neg ? `(${grouped})` : grouped;
              break;
            case 'trailing':
              text = grouped + (neg ? '-' : '');
              break;
            case 'usd':
              text = (neg ? '-' : '') + grouped + ' USD';
              break;
            default:
              text =
                (neg ? '－' : '') +
                grouped.replace(/[0-9.,]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
          }
          expect(parseAmount(text)).toBeCloseTo(value, 9);
        },
      ),
      { numRuns },
    );
  });

  it('a calendar date written in any supported form reads back as the same day', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date(Date.UTC(1901, 0, 1)),
          max: new Date(Date.UTC(2999, 11, 31)),
          noInvalidDate: true,
        }),
        (date) => {
          const y = date.getUTCFullYear();
          const m = date.getUTCMonth() + 1;
          const dd = date.getUTCDate();
          const p2 = (x: number): string => String(x).padStart(2, '0');
          const want = parseDay(`${y}-${p2(m)}-${p2(dd)}`);
          expect(Number.isInteger(want)).toBe(true);
          expect(parseDay(`${y}/${m}/${dd} 12:30`)).toBe(want);
          expect(parseDay(`${y}年${m}月${dd}日`)).toBe(want);
          expect(parseDay(`${m}/${dd}/${y}`, 'mdy')).toBe(want);
          expect(parseDay(`${dd}/${m}/${y}`, 'dmy')).toBe(want);
          expect(parseDay(y * 10000 + m * 100 + dd)).toBe(want);
          expect(parseDay(want)).toBe(want);
        },
      ),
      { numRuns },
    );
  });
});
