import { issueList } from '../issues';
import { serialFromYmd } from '../dates';
import { CancelledError, EngineError } from '../types';
import type { AnalyzeOptions, Cell, Ingested } from '../types';
import { Interner, ingest } from './ingest';

const d = serialFromYmd;

function run(cells: Cell[][], options: AnalyzeOptions = {}, firstRow = 1): Ingested {
  return ingest({ cells, firstRow }, options);
}

function errorCode(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof EngineError) return e.code;
    throw e;
  }
  return 'no error';
}

function reasons(r: Ingested): Record<number, string> {
  return Object.fromEntries(issueList(r.issues).map((i) => [i.row, i.reason]));
}

describe('ingest: order lines', () => {
  const cells: Cell[][] = [
    ['客户销售明细', '', '', '', '', ''],
    ['客户编号', '客户名称', '订单号', '下单时间', '实付金额(元)', '地区'],
    ['C1', '张三', 'O1', '2024-01-02 10:00', '¥1,200.00', '华东'],
    ['C1', '', 'O1', '2024-01-02 10:00', 300, '华东'],
    [' C2 ', '李四', 'O2', '2024年1月5日', '1.2万', '华北'],
    ['', '', '', '', '', ''],
    ['C3', '王五', 'O3', '2024-02-30', '10', '华东'],
    ['C4', '赵六', 'O4', '2024-01-09', 'abc', '华东'],
    ['', '无名', 'O5', '2024-01-09', '50', '华东'],
    ['客户编号', '客户名称', '订单号', '下单时间', '实付金额(元)', '地区'],
    ['C1', '张三', 'O6', 45300, '(100)', ''],
    ['合计', '', '', '', '14,400', ''],
  ];

  it('builds columnar transactions from the used rows', () => {
    const r = run(cells, {}, 10);
    expect(r.headerIndex).toBe(1);
    expect(r.headerRow).toBe(11);
    expect(r.kind).toBe('transactions');
    expect(r.kindSource).toBe('detected');
    const tx = r.tx!;
    expect(tx.n).toBe(4);
    expect(Array.from(tx.row)).toEqual([12, 13, 14, 20]);
    expect(tx.customerIds).toEqual(['C1', 'C2']);
    expect(tx.customerNames).toEqual(['张三', '李四']);
    expect(Array.from(tx.customer)).toEqual([0, 0, 1, 0]);
    expect(Array.from(tx.day)).toEqual([d(2024, 1, 2), d(2024, 1, 2), d(2024, 1, 5), 45300]);
    expect(Array.from(tx.amount)).toEqual([1200, 300, 12000, -100]);
    expect(tx.orderIds).toEqual(['O1', 'O2', 'O6']);
    expect(Array.from(tx.order!)).toEqual([0, 0, 1, 2]);
    expect(tx.region!.labels).toEqual(['华东', '华北']);
    expect(Array.from(tx.region!.codes)).toEqual([0, 0, 1, -1]);
    expect(tx.profit).toBeNull();
    expect(tx.product).toBeNull();
    expect(r.maxDay).toBe(45300);
  });

  it('reports every other row once, with its sheet row and reason', () => {
    const r = run(cells, {}, 10);
    expect(reasons(r)).toEqual({
      10: 'above_header',
      15: 'blank',
      16: 'bad_date',
      17: 'bad_amount',
      18: 'no_customer_id',
      19: 'repeated_header',
      21: 'totals_row',
    });
    expect(r.rows).toBe(10);
    expect(r.used + r.skipped).toBe(r.rows);
    expect(r.skipped).toBe(6);
    const bad = issueList(r.issues).find((i) => i.reason === 'bad_date');
    expect(bad).toMatchObject({ column: '下单时间', value: '2024-02-30', customer: 'C3', amount: 10 });
    expect(issueList(r.issues).find((i) => i.reason === 'bad_amount')).toMatchObject({
      column: '实付金额(元)',
      value: 'abc',
      amount: 0,
    });
    expect(issueList(r.issues).find((i) => i.reason === 'above_header')).toMatchObject({
      value: '客户销售明细',
    });
    expect(issueList(r.issues).find((i) => i.reason === 'totals_row')).toMatchObject({
      value: '合计',
      amount: 14400,
    });
  });

  it('reconciles amounts', () => {
    const r = run(cells);
    expect(r.amounts.used).toBe(1200 + 300 + 12000 - 100);
    expect(r.amounts.skipped).toBe(10 + 50 + 14400);
    expect(r.amounts.input).toBe(r.amounts.used + r.amounts.skipped);
  });

  it('leaves rows after the as-of date out', () => {
    const r = run(cells, { asOf: '2024-01-04' });
    expect(r.used).toBe(2);
    const late = issueList(r.issues).filter((i) => i.reason === 'after_as_of');
    expect(late.map((i) => i.value)).toEqual(['2024年1月5日', '45300']);
    expect(r.maxDay).toBe(d(2024, 1, 2));
    expect(errorCode(() => run(cells, { asOf: 'next week' }))).toBe('bad_as_of');
  });

  it('computes amount as quantity × unit price without an amount column', () => {
    const r = run([
      ['CustomerID', 'InvoiceDate', 'Quantity', 'UnitPrice', 'Profit'],
      ['1', '2011-01-01', '6', '2.55', '1'],
      ['1', '2011-01-02', '-2', '2.55', 'n/a'],
      ['2', '2011-01-02', 'x', '2.55', ''],
    ]);
    expect(Array.from(r.tx!.amount)).toEqual([6 * 2.55, -2 * 2.55]);
    expect(Array.from(r.tx!.quantity!)).toEqual([6, -2]);
    expect(Array.from(r.tx!.profit!)).toEqual([1, 0]);
    expect(issueList(r.issues)[0]).toMatchObject({ reason: 'bad_amount', column: 'Quantity', value: 'x' });
  });

  it('decides D/M vs M/D per column and reports it', () => {
    const dm = run([
      ['Customer', 'Date', 'Amount'],
      ['a', '3/4/2024', 1],
      ['b', '25/4/2024', 1],
    ]);
    expect(dm.dateOrders).toEqual({ Date: 'dmy' });
    expect(Array.from(dm.tx!.day)).toEqual([d(2024, 4, 3), d(2024, 4, 25)]);
    const md = run([
      ['Customer', 'Date', 'Amount'],
      ['a', '3/4/2024', 1],
      ['b', '4/25/2024', 1],
    ]);
    expect(md.dateOrders).toEqual({ Date: 'mdy' });
    expect(Array.from(md.tx!.day)).toEqual([d(2024, 3, 4), d(2024, 4, 25)]);
    const amb: Cell[][] = [
      ['Customer', 'Date', 'Amount'],
      ['a', '3/4/2024', 1],
    ];
    expect(run(amb).tx!.day[0]).toBe(d(2024, 3, 4));
    expect(run(amb, { dayFirst: true }).tx!.day[0]).toBe(d(2024, 4, 3));
    expect(run(amb, { dayFirst: true }).dateOrders).toEqual({ Date: 'dmy' });
    expect(
      run([
        ['Customer', 'Date', 'Amount'],
        ['a', 45000, 1],
      ]).dateOrders,
    ).toEqual({ Date: 'serial' });
    expect(
      run([
        ['Customer', 'Date', 'Amount'],
        ['a', '2024-01-01', 1],
      ]).dateOrders,
    ).toEqual({ Date: 'iso' });
  });

  it('reads CDNOW-style YYYYMMDD numbers and the 1904 date system', () => {
    const r = run([
      ['customer_id', 'date', 'dollar_value'],
      [1, 19970101, 11.77],
      [2, 19970112, 12],
    ]);
    expect(Array.from(r.tx!.day)).toEqual([d(1997, 1, 1), d(1997, 1, 12)]);
    expect(r.dateOrders).toEqual({ date: 'ymd' });
    const s = run(
      [
        ['Customer', 'Date', 'Amount'],
        ['a', 43000, 1],
      ],
      { dateSystem: 1904 },
    );
    expect(s.tx!.day[0]).toBe(44462);
  });

  it('recognises date serials from the number formats when the header does not say', () => {
    const cells: Cell[][] = [
      ['客户', '金额', '记账'],
      ['a', 10, 45000],
      ['b', 20, 45001],
    ];
    const numberFormats = [
      ['General', 'General', 'General'],
      ['General', '#,##0.00', 'yyyy/m/d'],
      ['General', '#,##0.00', 'yyyy/m/d'],
    ];
    const r = ingest({ cells, numberFormats });
    expect(r.roles.find((x) => x.role === 'order_date')).toMatchObject({ header: '记账', source: 'values' });
    expect(Array.from(r.tx!.day)).toEqual([45000, 45001]);
    expect(errorCode(() => ingest({ cells }))).toBe('no_date_column');
  });

  it('trusts a customer id column less when it never repeats in order lines', () => {
    const rows = (repeat: boolean): Cell[][] => [
      ['Customer ID', 'Date', 'Amount'],
      ...Array.from({ length: 30 }, (_, i) => [`c${repeat ? i % 5 : i}`, '2024-01-01', 1]),
    ];
    const conf = (cells: Cell[][]): number =>
      run(cells).roles.find((r) => r.role === 'customer_id')!.confidence;
    expect(conf(rows(true))).toBe(1);
    expect(conf(rows(false))).toBe(0.7);
  });

  it('honours the forced header row', () => {
    const cells2: Cell[][] = [
      ['Customer', 'Date', 'Amount'],
      ['Name', 'When', 'Sales'],
      ['a', '2024-01-01', 1],
    ];
    const r = run(cells2, { headerIndex: 1, map: { customer_id: 'Name', order_date: 'When' } });
    expect(r.headerIndex).toBe(1);
    expect(r.used).toBe(1);
    expect(issueList(r.issues)).toEqual([{ row: 1, reason: 'above_header', value: 'Customer Date Amount' }]);
    expect(errorCode(() => run(cells2, { headerIndex: 9 }))).toBe('no_header');
  });

  it('names blank header cells by their column letter', () => {
    const r = ingest({
      cells: [
        ['Customer', 'Date', 'Amount', ''],
        ['a', '2024-01-01', 1, 'x'],
      ],
      firstColumn: 3,
    });
    expect(r.headers).toEqual(['Customer', 'Date', 'Amount', 'F']);
  });

  it('stops when the signal is aborted', () => {
    const big: Cell[][] = [['Customer', 'Date', 'Amount']];
    for (let i = 0; i < 70_000; i++) big.push(['c' + (i % 10), '2024-01-01', 1]);
    const ac = new AbortController();
    ac.abort();
    expect(() => ingest({ cells: big }, {}, ac.signal)).toThrow(CancelledError);
  });
});

describe('ingest: customer lists', () => {
  const cells: Cell[][] = [
    ['会员编号', '姓名', '最近购买日期', '消费次数', '累计消费金额', '地区'],
    ['M1', '甲', '2024-03-01', 3, '¥300', '华东'],
    ['M2', '乙', '2024-02-01', '1', '50', '华南'],
    ['M1', '甲', '2024-03-02', 4, '400', '华东'],
    ['M3', '丙', 'soon', 1, '10', ''],
    ['M4', '丁', '2024-01-01', 1, '-', ''],
    ['总计', '', '', '', '760', ''],
  ];

  it('builds customer rows and reports duplicates, keeping the first', () => {
    const r = run(cells);
    expect(r.kind).toBe('customers');
    const c = r.customers!;
    expect(r.tx).toBeNull();
    expect(c.ids).toEqual(['M1', 'M2']);
    expect(c.names).toEqual(['甲', '乙']);
    expect(Array.from(c.monetary!)).toEqual([300, 50]);
    expect(Array.from(c.frequency!)).toEqual([3, 1]);
    expect(Array.from(c.lastPurchase!)).toEqual([d(2024, 3, 1), d(2024, 2, 1)]);
    expect(c.recency).toBeNull();
    expect(c.region!.labels).toEqual(['华东', '华南']);
    expect(r.maxDay).toBe(d(2024, 3, 1));
    expect(reasons(r)).toEqual({ 4: 'duplicate_customer', 5: 'bad_date', 6: 'bad_amount', 7: 'totals_row' });
    expect(issueList(r.issues)[0]).toMatchObject({ customer: 'M1', amount: 400 });
    expect(r.amounts).toEqual({ input: 1520, used: 350, skipped: 1170 });
  });

  it('can be read as order lines when the user says so', () => {
    const r = run(cells, { kind: 'transactions', map: { order_date: '最近购买日期' } });
    expect(r.kind).toBe('transactions');
    expect(r.kindSource).toBe('user');
    expect(r.tx!.customerIds).toEqual(['M1', 'M2']);
  });
});

describe('ingest: errors', () => {
  it.each<[string, Cell[][], AnalyzeOptions]>([
    ['empty', [], {}],
    ['empty', [['', null], [], ['  ']], {}],
    [
      'no_header',
      [
        [1, 2],
        [3, 4],
      ],
      {},
    ],
    [
      'text_only',
      [
        ['Customer', 'Region'],
        ['a', 'north'],
        ['b', 'south'],
      ],
      {},
    ],
    [
      'no_customer_column',
      [
        ['Date', 'Amount'],
        ['2024-01-01', 1],
      ],
      {},
    ],
    [
      'no_date_column',
      [
        ['Customer', 'Amount'],
        ['a', 1],
      ],
      {},
    ],
    [
      'no_amount_column',
      [
        ['Customer', 'Date'],
        ['a', '2024-01-01'],
      ],
      {},
    ],
    [
      'no_amount_column',
      [
        ['Customer', 'Date', 'Quantity'],
        ['a', '2024-01-01', 2],
      ],
      {},
    ],
    [
      'no_usable_rows',
      [
        ['Customer', 'Date', 'Amount'],
        ['', '2024-01-01', 1],
        ['a', 'x', 1],
      ],
      {},
    ],
    [
      'no_data_rows',
      [
        ['Customer', 'Date', 'Amount'],
        ['', '', ''],
      ],
      {},
    ],
    [
      'map_unknown_header',
      [
        ['Customer', 'Date', 'Amount'],
        ['a', '2024-01-01', 1],
      ],
      { map: { amount: 'Sales' } },
    ],
  ])('%s', (code, cells, options) => {
    expect(errorCode(() => run(cells, options))).toBe(code);
  });
});

describe('Interner', () => {
  it('gives equal texts one code, whatever the cell type or padding', () => {
    const it = new Interner();
    const codes = [
      '17850',
      17850,
      ' 17850 ',
      '017850',
      'A1',
      ' A1',
      '',
      null,
      'C536379',
      -5,
      '-5',
      1.5,
      '1.5',
      0,
      '0',
    ].map((v) => it.code(v as Cell));
    expect(codes).toEqual([0, 0, 0, 1, 2, 2, -1, -1, 3, 4, 4, 5, 5, 6, 6]);
    expect(it.labels).toEqual(['17850', '017850', 'A1', 'C536379', '-5', '1.5', '0']);
  });
});
