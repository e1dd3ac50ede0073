/**
 * The bad-input corpus (issue 6 item 1): generated inputs, each with the exact outcome a user gets. An
 * error case names its EngineError code and the exact zh and en sentence shown; a success case lists every
 * data issue (row + reason, and column/value where they matter) and what was used, so that the test can
 * prove nothing was lost. Cases are built here from small generators: no fixture is copied from datasets.
 *
 * Excel-layer cases (whole-column selection, a selection beyond the used range, more than 5 million cells,
 * formulas' cached values as range.values gives them) are in src/excel/corpus.test.ts.
 */
import type { AnalyzeOptions, Cell, IssueReason, ListKind, SheetInput } from '../types';

/** 2024-03-05 as an Excel serial day (1900 system). */
export const D = 45356;

export interface IssueExpect {
  row: number;
  reason: IssueReason;
  column?: string;
  value?: string;
  customer?: string;
  amount?: number;
}

export interface ErrorExpect {
  error: string;
  params?: Record<string, string | number>;
  /** The exact sentences the user reads. */
  zh: string;
  en: string;
}

export interface OkExpect {
  kind: ListKind;
  headerRow: number;
  used: number;
  /** Every issue, in order (row-level ones are the skipped rows). */
  issues: IssueExpect[];
  /** Sum of the amounts of the used rows. */
  amountUsed: number;
  /** Customer ids (first-seen order). */
  ids?: string[];
  /** Serial day of each used row (transactions) or last purchase (customer lists). */
  days?: number[];
  /** Amount of each used row / monetary of each customer. */
  amounts?: number[];
  dateOrders?: Record<string, string>;
  /** Header texts as reported (blank header cells get their column letter). */
  headers?: string[];
}

export interface CorpusCase {
  id: string;
  /** The issue-6 item the case covers. */
  topic: string;
  /** Why the outcome is what it is, where it is not obvious. */
  note?: string;
  input: SheetInput;
  options?: AnalyzeOptions;
  expected: ErrorExpect | OkExpect;
}

export function isError(e: ErrorExpect | OkExpect): e is ErrorExpect {
  return 'error' in e;
}

const ZH_HEAD = ['客户ID', '订单日期', '金额'];
const EN_HEAD = ['Customer ID', 'Order Date', 'Amount'];

/** A header row over order lines: each line [id, date, amount, …more]. */
function orders(lines: Cell[][], header: string[] = ZH_HEAD): Cell[][] {
  return [header, ...lines];
}

/** n clean order lines: customers C1..Ck round robin, dates D − i, amounts 10·(i+1). */
function cleanLines(n: number, k = 3): Cell[][] {
  return Array.from({ length: n }, (_, i) => [`C${(i % k) + 1}`, D - i, 10 * (i + 1)]);
}

/** Enough good lines that a column with some bad values keeps its role (roles are confirmed by the values). */
const GOOD = cleanLines(12);
const GOOD_SUM = 780;

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

const LONG = 'X'.repeat(30_000);
/** What an issue shows of a long value: 79 characters and an ellipsis. */
const LONG_SHOWN = 'X'.repeat(79) + '…';

const ERR = {
  empty: {
    error: 'empty',
    zh: '选中的区域是空的。请选中包含表头和数据的客户或订单列表，再点击运行。',
    en: 'The selected range is empty. Select your customer or order list, including its header row, and run again.',
  },
  no_header: {
    error: 'no_header',
    zh: '在前 30 行中没有找到表头。请确认列表第一行是列名（如「客户ID」「订单日期」「金额」），或在「数据」步骤中指定表头所在的行。',
    en: 'No header row was found in the first 30 rows. Make sure the list starts with a row of column names (such as Customer ID, Order Date, Amount), or choose the header row in the Data step.',
  },
  no_data_rows: {
    error: 'no_data_rows',
    zh: '表头下面没有数据行。请选中整个列表（表头和所有数据行），再点击运行。',
    en: 'There are no data rows below the header. Select the whole list, the header and all its rows, and run again.',
  },
  text_only: {
    error: 'text_only',
    zh: '选中的数据里没有任何数字或日期，无法计算消费金额和时间。请选中包含订单日期和金额的列表。',
    en: 'The selection contains no numbers or dates, so there are no amounts or purchase dates to analyse. Select a list with order dates and amounts.',
  },
  no_customer_column: {
    error: 'no_customer_column',
    zh: '没有找到客户编号列。请在「数据」步骤中指定哪一列是客户（如客户ID、会员编号、客户名称）。',
    en: 'No customer column was found. In the Data step, choose which column identifies the customer (such as Customer ID or Customer Name).',
  },
  no_amount_column: {
    error: 'no_amount_column',
    zh: '没有找到金额列（销售额、实付金额，或数量和单价）。请在「数据」步骤中指定金额列。',
    en: 'No amount column was found (sales or amount, or quantity and unit price). Choose the amount column in the Data step.',
  },
} satisfies Record<string, ErrorExpect>;

/** Every transaction line of `lines` used, in order, by customers C1..Ck. */
function allUsed(lines: Cell[][], headerRow = 1): OkExpect {
  const amounts = lines.map((l) => l[2] as number);
  return {
    kind: 'transactions',
    headerRow,
    used: lines.length,
    issues: [],
    amountUsed: sum(amounts),
    amounts,
  };
}

export function corpus(): CorpusCase[] {
  const cases: CorpusCase[] = [];
  const add = (c: CorpusCase): void => {
    cases.push(c);
  };

  // ── Shape of the selection ──────────────────────────────────────────────────────────────────────────
  add({ id: 'empty-array', topic: 'empty selection', input: { cells: [] }, expected: ERR.empty });
  add({
    id: 'empty-blank-cells',
    topic: 'empty selection',
    note: 'A selection of empty cells reads as "" everywhere (spaces and a full-width space count as empty).',
    input: {
      cells: [
        ['', '', ''],
        ['', ' ', '\u3000'],
      ],
    },
    expected: ERR.empty,
  });
  add({
    id: 'one-cell-label',
    topic: 'one cell',
    note: 'One label cell is a header with nothing below it.',
    input: { cells: [['客户ID']] },
    expected: ERR.no_data_rows,
  });
  add({
    id: 'one-cell-number',
    topic: 'one cell',
    note: 'A single number is no header.',
    input: { cells: [[1234.5]] },
    expected: ERR.no_header,
  });
  add({ id: 'header-only', topic: 'header only', input: { cells: [ZH_HEAD] }, expected: ERR.no_data_rows });
  add({
    id: 'header-then-blank-rows',
    topic: 'header only',
    input: { cells: [EN_HEAD, ['', '', ''], [null, undefined, '  ']] },
    expected: ERR.no_data_rows,
  });
  add({
    id: 'no-header',
    topic: 'no header',
    note: 'Every row mixes text, dates and numbers: none looks like a row of labels.',
    input: { cells: cleanLines(6) },
    expected: ERR.no_header,
  });
  add({
    id: 'every-column-text',
    topic: 'every column text',
    input: {
      cells: orders([
        ['张三', '上周', '很多'],
        ['李四', '昨天', '不多'],
      ]),
    },
    expected: ERR.text_only,
  });
  add({
    id: 'no-customer-column',
    topic: 'missing roles',
    input: {
      cells: [
        ['订单日期', '金额'],
        [D, 10],
        [D - 1, 20],
      ],
    },
    expected: ERR.no_customer_column,
  });
  add({
    id: 'no-amount-column',
    topic: 'missing roles',
    input: {
      cells: [
        ['客户ID', '订单日期', '备注'],
        ['C1', D, 'x'],
        ['C2', D - 1, 'y'],
      ],
    },
    expected: ERR.no_amount_column,
  });
  add({
    id: 'bad-as-of',
    topic: 'options',
    input: { cells: orders(cleanLines(3)) },
    options: { asOf: '2024-13-45' },
    expected: {
      error: 'bad_as_of',
      params: { value: '2024-13-45' },
      zh: '截止日期「2024-13-45」无法识别。请按 年-月-日 输入，例如 2024-03-31。',
      en: 'The as-of date "2024-13-45" could not be read. Enter it as year-month-day, for example 2024-03-31.',
    },
  });
  add({
    id: 'map-unknown-header',
    topic: 'options',
    input: { cells: orders(cleanLines(3)) },
    options: { map: { amount: '实付金额' } },
    expected: {
      error: 'map_unknown_header',
      params: { role: 'amount', header: '实付金额' },
      zh: '为「金额」指定的列「实付金额」在表头中不存在。请从下拉列表中重新选择该列。',
      en: 'The column "实付金额" chosen for Amount is not in the header row. Pick the column again from the list.',
    },
  });
  add({
    id: 'no-usable-rows',
    topic: 'missing roles',
    note: 'Every row lacks its customer id (an id column emptied by a filter-and-delete gone wrong).',
    input: {
      cells: orders([
        ['', D, 10],
        [' ', D - 1, 20],
      ]),
    },
    expected: {
      error: 'no_usable_rows',
      params: { rows: 2 },
      zh: '2 行数据都无法使用（缺少客户编号、日期或金额无法识别）。请查看「数据问题」表，修正后再运行。',
      en: 'None of the 2 data rows could be used (missing customer ids, or dates or amounts that could not be read). See the data issues table, fix the data and run again.',
    },
  });
  add({
    id: 'all-dates-impossible',
    topic: 'impossible dates',
    note: 'When no value of the 订单日期 column is a date, the column is not taken as the date: the user is asked to choose it.',
    input: {
      cells: orders([
        ['C1', '2024-02-30', 10],
        ['C2', '2023-02-29', 20],
      ]),
    },
    expected: {
      error: 'no_date_column',
      zh: '这是一份订单明细，但没有找到订单日期列。请在「数据」步骤中指定日期列；如果每行是一个客户，请把列表类型改为「客户列表」。',
      en: 'This looks like a list of orders, but no order date column was found. Choose the date column in the Data step, or set the list type to "one row per customer" if that is what it is.',
    },
  });

  // ── Headers ─────────────────────────────────────────────────────────────────────────────────────────
  {
    const lines = cleanLines(4);
    add({
      id: 'merged-header',
      topic: 'merged header cells',
      note: 'Excel gives a merged header cell its text in the first column and "" in the others; those columns get their letter as header.',
      input: { cells: [['客户', '', '订单日期', '金额'], ...lines.map((l) => [l[0], '', l[1], l[2]])] },
      expected: { ...allUsed(lines), headers: ['客户', 'B', '订单日期', '金额'], ids: ['C1', 'C2', 'C3'] },
    });
  }
  {
    const lines = cleanLines(4).map((l) => [l[0], `名${l[0] as string}`, l[1], l[2]]);
    add({
      id: 'two-header-rows',
      topic: 'two header rows',
      note: 'A group row (客户信息 | 订单信息, merged) above the real header: the lower row is the header, the upper one is listed as a title row.',
      input: {
        cells: [['客户信息', '', '订单信息', ''], ['客户ID', '客户名称', '订单日期', '金额'], ...lines],
        firstRow: 3,
      },
      expected: {
        kind: 'transactions',
        headerRow: 4,
        used: 4,
        issues: [{ row: 3, reason: 'above_header', value: '客户信息 订单信息' }],
        amountUsed: 100,
      },
    });
  }
  {
    const lines = cleanLines(3);
    add({
      id: 'title-rows-above-header',
      topic: 'title rows',
      input: {
        cells: [
          ['2024 年 3 月销售明细', '', ''],
          ['导出时间：2024-03-06', '', ''],
          ['', '', ''],
          ...orders(lines),
        ],
      },
      expected: {
        ...allUsed(lines, 4),
        issues: [
          { row: 1, reason: 'above_header', value: '2024 年 3 月销售明细' },
          { row: 2, reason: 'above_header', value: '导出时间：2024-03-06' },
          { row: 3, reason: 'above_header' },
        ],
      },
    });
  }
  {
    const lines = cleanLines(4);
    add({
      id: 'repeated-header-rows',
      topic: 'repeated header rows',
      note: 'A paged export repeats the header: each repeat is skipped and listed.',
      input: {
        cells: [ZH_HEAD, lines[0], lines[1], ZH_HEAD, lines[2], ['  客户ID ', '订单日期', '金额'], lines[3]],
      },
      expected: {
        kind: 'transactions',
        headerRow: 1,
        used: 4,
        issues: [
          { row: 4, reason: 'repeated_header', amount: 0 },
          { row: 6, reason: 'repeated_header', amount: 0 },
        ],
        amountUsed: 100,
      },
    });
  }
  for (const name of ['__proto__', 'constructor', 'prototype']) {
    const lines = cleanLines(3);
    add({
      id: `header-${name}`,
      topic: 'header named __proto__ / constructor',
      note: 'Odd header texts are plain labels: they neither break the mapping nor reach Object.prototype.',
      input: { cells: [[...EN_HEAD, name], ...lines.map((l) => [...l, name])] },
      expected: { ...allUsed(lines), headers: [...EN_HEAD, name], dateOrders: { 'Order Date': 'serial' } },
    });
  }
  {
    const lines = [
      ['C1', '2024-03-05', 10],
      ['C2', '2024-03-04', 20],
    ];
    add({
      id: 'date-header-__proto__',
      topic: 'header named __proto__ / constructor',
      note: 'The date column itself is called __proto__ (mapped by the user): its date form is still reported under that name.',
      input: { cells: [['Customer ID', '__proto__', 'Amount'], ...lines] },
      options: { map: { order_date: '__proto__' } },
      expected: {
        kind: 'transactions',
        headerRow: 1,
        used: 2,
        issues: [],
        amountUsed: 30,
        days: [D, D - 1],
        // A computed key: a literal __proto__: would set the prototype instead of a property.
        dateOrders: { ['__proto__']: 'iso' },
      },
    });
  }

  // ── Rows that are not customers ─────────────────────────────────────────────────────────────────────
  {
    const lines = cleanLines(3);
    add({
      id: 'totals-row-zh',
      topic: '合计/Total row',
      note: 'The totals row is skipped and its amount counted as skipped, so input = used + skipped still holds.',
      input: { cells: [...orders(lines), ['合计', '', 60]] },
      expected: {
        ...allUsed(lines),
        issues: [{ row: 5, reason: 'totals_row', value: '合计', amount: 60 }],
      },
    });
  }
  {
    const lines = cleanLines(3);
    add({
      id: 'totals-row-en-other-column',
      topic: '合计/Total row',
      note: '"Grand Total:" in the date column with an empty id: still a totals row, not a missing id.',
      input: {
        cells: [...orders(lines, EN_HEAD), ['', 'Grand Total:', '$60.00'], ['总计（含税）', '', '￥60']],
      },
      expected: {
        ...allUsed(lines),
        issues: [
          { row: 5, reason: 'totals_row', value: 'Grand Total:', amount: 60 },
          { row: 6, reason: 'totals_row', value: '总计（含税）', amount: 60 },
        ],
      },
    });
  }
  {
    const lines = cleanLines(3);
    add({
      id: 'blank-and-missing-id-rows',
      topic: 'blank rows',
      input: { cells: [ZH_HEAD, lines[0], ['', '', ''], lines[1], ['', D, 15], [], lines[2]] },
      expected: {
        ...allUsed(lines),
        issues: [
          { row: 3, reason: 'blank', amount: 0 },
          { row: 5, reason: 'no_customer_id', column: '客户ID', value: '', amount: 15 },
          { row: 6, reason: 'blank', amount: 0 },
        ],
      },
    });
  }
  {
    const lines = cleanLines(5);
    add({
      id: 'hidden-filtered-rows',
      topic: 'hidden and filtered rows',
      note: 'range.values includes hidden and filtered-out rows: the engine cannot tell them apart and uses them like any row (the pane says to delete rows, not hide them, to leave them out).',
      input: { cells: orders(lines), firstRow: 10 },
      expected: { ...allUsed(lines, 10) },
    });
  }
  {
    const lines = cleanLines(3);
    add({
      id: 'ragged-rows',
      topic: 'ragged input',
      note: 'Short rows (missing trailing cells) and null/undefined cells are read as empty.',
      input: { cells: [ZH_HEAD, lines[0], ['C9', D], [null, undefined], lines[1], lines[2]] },
      expected: {
        ...allUsed(lines),
        issues: [
          { row: 3, reason: 'bad_amount', column: '金额', value: '', customer: 'C9', amount: 0 },
          { row: 4, reason: 'blank', amount: 0 },
        ],
      },
    });
  }

  // ── Dates ───────────────────────────────────────────────────────────────────────────────────────────
  {
    const forms: Cell[] = [
      D,
      D + 0.75,
      '45356',
      '45356.5',
      20240305,
      '20240305',
      '2024-03-05',
      '2024-03-05 14:30:00',
      '2024-03-05T08:26:00Z',
      '2024-03-05T08:26:00.000+08:00',
      '2024/3/5',
      '2024/03/05 8:26',
      '2024.3.5',
      '2024年3月5日',
      '2024年03月05日 10时30分',
      '2024年3月5号',
      '２０２４－０３－０５',
      '２０２４年３月５日',
      ' 2024-03-05 ',
    ];
    add({
      id: 'dates-every-format',
      topic: 'dates in every format of DESIGN §3',
      note: 'Serials (with a time fraction too), YYYYMMDD, ISO with or without time and zone, YYYY/M/D, YYYY.M.D, YYYY年M月D日 with time, full-width digits: all 2024-03-05.',
      input: { cells: orders(forms.map((d, i) => [`C${i}`, d, 1])) },
      expected: {
        kind: 'transactions',
        headerRow: 1,
        used: forms.length,
        issues: [],
        amountUsed: forms.length,
        days: forms.map(() => D),
      },
    });
  }
  {
    const bad: string[] = [
      '2024-02-30',
      '2023-02-29',
      '2024-13-01',
      '2024-00-10',
      '2024年2月30日',
      '2024/4/31',
      '0000-00-00',
      '9999-99-99',
      '下周二',
      'N/A',
    ];
    add({
      id: 'impossible-dates',
      topic: 'impossible dates',
      note: 'Each impossible date is skipped with its text; 2024-02-29 (a leap day) is fine.',
      input: { cells: orders([...GOOD, ['C1', '2024-02-29', 5], ...bad.map((d, i) => [`C${i + 2}`, d, 1])]) },
      expected: {
        kind: 'transactions',
        headerRow: 1,
        used: 13,
        issues: bad.map((d, i) => ({
          row: i + 15,
          reason: 'bad_date',
          column: '订单日期',
          value: d,
          amount: 1,
        })),
        amountUsed: GOOD_SUM + 5,
        days: [...GOOD.map((l) => l[1] as number), 45351],
      },
    });
  }
  add({
    id: 'impossible-serials',
    topic: 'impossible dates',
    note: 'Serial 0 and negatives are no date in the 1900 system; 2958466 is after 9999-12-31.',
    input: {
      cells: orders([...GOOD, ['C2', 0, 1], ['C3', -5, 1], ['C4', 2958466, 1]]),
    },
    expected: {
      kind: 'transactions',
      headerRow: 1,
      used: 12,
      issues: [
        { row: 14, reason: 'bad_date', column: '订单日期', value: '0', customer: 'C2' },
        { row: 15, reason: 'bad_date', column: '订单日期', value: '-5', customer: 'C3' },
        { row: 16, reason: 'bad_date', column: '订单日期', value: '2958466', customer: 'C4' },
      ],
      amountUsed: GOOD_SUM,
    },
  });
  add({
    id: 'day-month-decided-by-values',
    topic: 'D/M vs M/D ambiguity',
    note: '13/04/2024 can only be day-first, so the whole column is read day-first: 03/04/2024 is 3 April.',
    input: {
      cells: orders([
        ['C1', '03/04/2024', 1],
        ['C2', '13/04/2024', 1],
        ['C3', '5/3/24', 1],
      ]),
    },
    expected: {
      kind: 'transactions',
      headerRow: 1,
      used: 3,
      issues: [],
      amountUsed: 3,
      days: [45385, 45395, D],
      dateOrders: { 订单日期: 'dmy' },
    },
  });
  add({
    id: 'month-day-decided-by-values',
    topic: 'D/M vs M/D ambiguity',
    note: '04/13/2024 can only be month-first: 03/04/2024 is 4 March.',
    input: {
      cells: orders([
        ['C1', '03/04/2024', 1],
        ['C2', '04/13/2024', 1],
      ]),
    },
    expected: {
      kind: 'transactions',
      headerRow: 1,
      used: 2,
      issues: [],
      amountUsed: 2,
      days: [45355, 45395],
      dateOrders: { 订单日期: 'mdy' },
    },
  });
  {
    const lines = [
      ['C1', '03/04/2024', 1],
      ['C2', '05/06/2024', 1],
    ];
    add({
      id: 'ambiguous-default-month-first',
      topic: 'D/M vs M/D ambiguity',
      note: 'Nothing settles it: month-first (Excel en-US) unless the user chose day-first.',
      input: { cells: orders(lines) },
      expected: {
        kind: 'transactions',
        headerRow: 1,
        used: 2,
        issues: [],
        amountUsed: 2,
        days: [45355, 45418],
        dateOrders: { 订单日期: 'mdy' },
      },
    });
    add({
      id: 'ambiguous-day-first-option',
      topic: 'D/M vs M/D ambiguity',
      input: { cells: orders(lines) },
      options: { dayFirst: true },
      expected: {
        kind: 'transactions',
        headerRow: 1,
        used: 2,
        issues: [],
        amountUsed: 2,
        days: [45385, 45448],
        dateOrders: { 订单日期: 'dmy' },
      },
    });
  }
  add({
    id: 'conflicting-day-month',
    topic: 'D/M vs M/D ambiguity',
    note: 'A column with both 13/04 and 04/13: the majority (day-first) wins and the other date is listed as unreadable.',
    input: {
      cells: orders([
        ['C1', '13/04/2024', 1],
        ['C2', '14/04/2024', 1],
        ['C3', '04/13/2024', 1],
      ]),
    },
    expected: {
      kind: 'transactions',
      headerRow: 1,
      used: 2,
      issues: [
        { row: 4, reason: 'bad_date', column: '订单日期', value: '04/13/2024', customer: 'C3', amount: 1 },
      ],
      amountUsed: 2,
      days: [45395, 45396],
      dateOrders: { 订单日期: 'dmy' },
    },
  });
  add({
    id: 'date-system-1904',
    topic: 'the 1904 date system',
    note: 'A Mac workbook in the 1904 system: serial 43894 is 2024-03-05 (1462 days later than in the 1900 system); serial 0 is 1904-01-01.',
    input: {
      cells: orders([
        ['C1', D - 1462, 1],
        ['C2', 0, 1],
        ['C3', '2024-03-05', 1],
      ]),
    },
    options: { dateSystem: 1904 },
    expected: {
      kind: 'transactions',
      headerRow: 1,
      used: 3,
      issues: [],
      amountUsed: 3,
      days: [D, 1462, D],
    },
  });
  add({
    id: 'as-of-leaves-later-rows-out',
    topic: 'options',
    input: {
      cells: orders([
        ['C1', '2024-03-05', 10],
        ['C2', '2024-03-06', 20],
      ]),
    },
    options: { asOf: '2024-03-05' },
    expected: {
      kind: 'transactions',
      headerRow: 1,
      used: 1,
      issues: [
        {
          row: 3,
          reason: 'after_as_of',
          column: '订单日期',
          value: '2024-03-06',
          customer: 'C2',
          amount: 20,
        },
      ],
      amountUsed: 10,
    },
  });

  // ── Amounts ─────────────────────────────────────────────────────────────────────────────────────────
  {
    const forms: [Cell, number][] = [
      ['¥1,234.50', 1234.5],
      ['￥1,234.50', 1234.5],
      ['$1,234.50', 1234.5],
      ['US$1,234.50', 1234.5],
      ['€1,234.50', 1234.5],
      ['£1,234.50', 1234.5],
      ['RMB 1,234.50', 1234.5],
      ['CNY1234.5', 1234.5],
      ['USD 1,234.50', 1234.5],
      ['1,234.50元', 1234.5],
      ['人民币1234.50', 1234.5],
      ['1234.5 円', 1234.5],
      ['(¥1,234.50)', -1234.5],
      ['-¥12', -12],
      ['¥-12', -12],
      ['12-', -12],
      ['+8', 8],
      ['1.5e3', 1500],
      [' 42 ', 42],
    ];
    add({
      id: 'amounts-currency-forms',
      topic: 'amounts with every currency form',
      input: { cells: orders(forms.map(([a], i) => [`C${i}`, D, a])) },
      expected: {
        kind: 'transactions',
        headerRow: 1,
        used: forms.length,
        issues: [],
        amountUsed: sum(forms.map((f) => f[1])),
        amounts: forms.map((f) => f[1]),
      },
    });
  }
  {
    const forms: [Cell, number][] = [
      ['1.2万', 12_000],
      ['3万元', 30_000],
      ['¥1.5万', 15_000],
      ['0.5亿', 50_000_000],
      ['1.23万', 12_300],
      ['-2万', -20_000],
    ];
    add({
      id: 'amounts-wan-yi',
      topic: '万/亿',
      input: { cells: orders(forms.map(([a], i) => [`C${i}`, D, a])) },
      expected: {
        kind: 'transactions',
        headerRow: 1,
        used: forms.length,
        issues: [],
        amountUsed: sum(forms.map((f) => f[1])),
        amounts: forms.map((f) => f[1]),
      },
    });
  }
  {
    const forms: [Cell, number][] = [
      ['１２３４．５', 1234.5],
      ['￥１，２３４', 1234],
      ['（１００）', -100],
      ['－５０', -50],
      ['１２３４。５', 1234.5],
    ];
    add({
      id: 'amounts-full-width',
      topic: 'full-width digits',
      input: { cells: orders(forms.map(([a], i) => [`Ｃ${i}`, D, a])) },
      expected: {
        kind: 'transactions',
        headerRow: 1,
        used: forms.length,
        issues: [],
        amountUsed: sum(forms.map((f) => f[1])),
        amounts: forms.map((f) => f[1]),
        ids: forms.map((_, i) => `Ｃ${i}`),
      },
    });
  }
  {
    const lines: Cell[][] = [
      ['C1', D, 100],
      ['C1', D - 1, -40],
      ['C2', D, 0],
      ['C3', D, '(25.00)'],
      ['C3', D - 2, '-0'],
    ];
    add({
      id: 'amounts-negative-zero',
      topic: 'negative and zero amounts',
      note: 'Returns (negative) and zero-value lines are real lines: kept, so that net revenue is right.',
      input: { cells: orders(lines) },
      expected: {
        kind: 'transactions',
        headerRow: 1,
        used: 5,
        issues: [],
        amountUsed: 35,
        amounts: [100, -40, 0, -25, 0],
      },
    });
  }
  {
    const bad = ['€1.234,50', '12.34.5', '1,23,4', '十二元', 'TRUE', '--5', '5%%', '¥'];
    add({
      id: 'amounts-unreadable',
      topic: 'amounts with every currency form',
      note: 'A decimal comma (€1.234,50) is not read: it would be ambiguous with a thousands comma. Booleans are no amount.',
      input: {
        cells: orders([...GOOD, ...bad.map((a, i) => [`C${i + 1}`, D, a === 'TRUE' ? true : a])]),
      },
      expected: {
        kind: 'transactions',
        headerRow: 1,
        used: 12,
        issues: bad.map((a, i) => ({
          row: i + 14,
          reason: 'bad_amount',
          column: '金额',
          value: a,
          customer: `C${i + 1}`,
          amount: 0,
        })),
        amountUsed: GOOD_SUM,
      },
    });
  }
  {
    const lines: Cell[][] = [
      ['C1', D, 3, '¥10.00'],
      ['C2', D, '2', 5],
      ['C3', D, 'x', 5],
      ['C4', D, 1, '#N/A'],
    ];
    add({
      id: 'quantity-times-price',
      topic: 'amounts with every currency form',
      note: 'Without an amount column, amount = quantity × unit price; the unreadable factor is named.',
      input: { cells: [['客户ID', '订单日期', '数量', '单价'], ...lines] },
      expected: {
        kind: 'transactions',
        headerRow: 1,
        used: 2,
        issues: [
          { row: 4, reason: 'bad_amount', column: '数量', value: 'x', customer: 'C3', amount: 0 },
          { row: 5, reason: 'bad_amount', column: '单价', value: '#N/A', customer: 'C4', amount: 0 },
        ],
        amountUsed: 40,
        amounts: [30, 10],
      },
    });
  }

  // ── Error values and formulas ───────────────────────────────────────────────────────────────────────
  {
    const errorValues = [
      '#N/A',
      '#VALUE!',
      '#DIV/0!',
      '#REF!',
      '#NAME?',
      '#NUM!',
      '#NULL!',
      '#SPILL!',
      '#CALC!',
    ];
    add({
      id: 'error-values-in-amount',
      topic: '#N/A and other error values',
      note: 'range.values gives a formula error as its text; in an amount column it is an unreadable amount.',
      input: { cells: orders([...GOOD, ...errorValues.map((e, i) => [`C${i + 1}`, D, e])]) },
      expected: {
        kind: 'transactions',
        headerRow: 1,
        used: 12,
        issues: errorValues.map((e, i) => ({
          row: i + 14,
          reason: 'bad_amount',
          column: '金额',
          value: e,
          customer: `C${i + 1}`,
        })),
        amountUsed: GOOD_SUM,
      },
    });
    add({
      id: 'error-values-in-date',
      topic: '#N/A and other error values',
      input: { cells: orders([...GOOD, ...errorValues.map((e, i) => [`C${i + 1}`, e, 2])]) },
      expected: {
        kind: 'transactions',
        headerRow: 1,
        used: 12,
        issues: errorValues.map((e, i) => ({ row: i + 14, reason: 'bad_date', value: e, amount: 2 })),
        amountUsed: GOOD_SUM,
      },
    });
    add({
      id: 'error-values-in-id',
      topic: '#N/A and other error values',
      note: 'A lookup that failed (=VLOOKUP(…) → #N/A) is no customer: such rows are listed, not merged into one customer "#N/A".',
      input: {
        cells: orders([...GOOD, ...errorValues.map((e, i) => [e, D, i + 1])]),
      },
      expected: {
        kind: 'transactions',
        headerRow: 1,
        used: 12,
        issues: errorValues.map((e, i) => ({
          row: i + 14,
          reason: 'no_customer_id',
          column: '客户ID',
          value: e,
          amount: i + 1,
        })),
        amountUsed: GOOD_SUM,
        ids: ['C1', 'C2', 'C3'],
      },
    });
  }
  add({
    id: 'formula-cached-values',
    topic: "formulas' cached values",
    note: 'range.values gives a formula cell its last calculated value: a number, a date serial or "" (=IF(…,"")), never the formula.',
    input: {
      cells: orders([
        ['C1', D, 123.456],
        ['C2', D, ''],
        ['C3', D, 1e-9],
      ]),
    },
    expected: {
      kind: 'transactions',
      headerRow: 1,
      used: 2,
      issues: [{ row: 3, reason: 'bad_amount', column: '金额', value: '', customer: 'C2', amount: 0 }],
      amountUsed: 123.456 + 1e-9,
    },
  });

  // ── Customer-level lists ────────────────────────────────────────────────────────────────────────────
  add({
    id: 'duplicate-customer-ids',
    topic: 'duplicate customer ids in a customer-level list',
    note: 'The first row of a customer is kept; later ones are listed with their amount (so amounts reconcile).',
    input: {
      cells: [
        ['会员编号', '最近购买日期', '累计消费金额'],
        ['M1', '2024-03-01', 100],
        ['M2', '2024-03-02', 200],
        ['M1', '2024-03-03', 300],
        [' M2', '2024-03-04', '¥400'],
        [1001, '2024-03-04', 50],
        ['1001', '2024-03-04', 60],
      ],
    },
    expected: {
      kind: 'customers',
      headerRow: 1,
      used: 3,
      issues: [
        { row: 4, reason: 'duplicate_customer', customer: 'M1', amount: 300 },
        { row: 5, reason: 'duplicate_customer', customer: 'M2', amount: 400 },
        { row: 7, reason: 'duplicate_customer', customer: '1001', amount: 60 },
      ],
      amountUsed: 350,
      ids: ['M1', 'M2', '1001'],
    },
  });
  add({
    id: 'customer-list-rfm-given',
    topic: 'customer-level list',
    input: {
      cells: [
        ['Customer', 'Recency', 'Frequency', 'Monetary'],
        ['A', 3, 5, '$1,000'],
        ['B', 30, 1, '(50)'],
        ['Total', '', 6, '$950'],
      ],
    },
    expected: {
      kind: 'customers',
      headerRow: 1,
      used: 2,
      issues: [{ row: 4, reason: 'totals_row', value: 'Total', amount: 950 }],
      amountUsed: 950,
      amounts: [1000, -50],
    },
  });

  // ── Odd text ────────────────────────────────────────────────────────────────────────────────────────
  add({
    id: 'cells-30000-chars',
    topic: '30,000-character cells',
    note: 'A 30,000-character id is an id like any other; an issue shows at most 80 characters of a value.',
    input: {
      cells: orders([
        [LONG, D, 1],
        ['C2', LONG, 2],
        ['C3', D, LONG],
        [LONG, D - 1, 4],
      ]),
    },
    expected: {
      kind: 'transactions',
      headerRow: 1,
      used: 2,
      issues: [
        { row: 3, reason: 'bad_date', column: '订单日期', value: LONG_SHOWN, customer: 'C2', amount: 2 },
        { row: 4, reason: 'bad_amount', column: '金额', value: LONG_SHOWN, customer: 'C3', amount: 0 },
      ],
      amountUsed: 5,
      ids: [LONG],
    },
  });
  {
    const ids = ['😀客户', 'عميل-١', 'לקוח 7', '\u202eRTL\u202c', '👨‍👩‍👧', 'Zoë'];
    add({
      id: 'emoji-and-rtl',
      topic: 'emoji and right-to-left text',
      note: 'Ids are kept exactly as written (Arabic-Indic digits, bidi controls, ZWJ sequences), never normalised.',
      input: {
        cells: [
          ['客户ID', '订单日期', '金额', '地区'],
          ...ids.map((id, i) => [id, D, i + 1, ids[(i + 1) % 6]]),
        ],
      },
      expected: {
        kind: 'transactions',
        headerRow: 1,
        used: 6,
        issues: [],
        amountUsed: 21,
        ids,
      },
    });
  }
  {
    const names = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', '__defineGetter__'];
    add({
      id: 'ids-and-regions-named-like-object-keys',
      topic: 'prototype pollution',
      note: 'Ids and region names such as __proto__ are ordinary keys: each is one customer or region.',
      input: {
        cells: [
          ['客户ID', '订单日期', '金额', '地区'],
          ...names.map((n, i) => [n, D - i, i + 1, names[names.length - 1 - i]]),
          ['__proto__', D, 100, '__proto__'],
        ],
      },
      expected: {
        kind: 'transactions',
        headerRow: 1,
        used: 7,
        issues: [],
        amountUsed: 121,
        ids: names,
      },
    });
  }
  add({
    id: 'ids-trimmed-and-typed',
    topic: 'customer ids',
    note: 'Surrounding spaces (also full-width and no-break) are not part of an id; 007 stays text, 1001 and "1001" are one customer.',
    input: {
      cells: orders([
        ['C1', D, 1],
        ['  C1\u3000', D - 1, 2],
        ['\u00a0C1', D - 2, 3],
        ['007', D, 4],
        [1001, D, 5],
        ['1001', D, 6],
      ]),
    },
    expected: {
      kind: 'transactions',
      headerRow: 1,
      used: 6,
      issues: [],
      amountUsed: 21,
      ids: ['C1', '007', '1001'],
    },
  });
  return cases;
}
