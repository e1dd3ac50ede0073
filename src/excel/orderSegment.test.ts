/**
 * The segment column beside order lines: ids matched exactly as the engine normalises them (trimmed text, numbers
 * as text) and an empty cell for every row the engine skipped, even when its customer is known.
 */
import { issueList } from '../engine/issues';
import { analyze } from '../engine/analyze';
import { t } from '../i18n';
import { createWorkbook } from '../sim';
import { lineSegment, primaryMethod, type OrderSegmentSpec } from './layout';
import { segmentName } from '../i18n';
import { readSheetRange } from './read';
import { writeAnalysis } from './write';

const DAY = 45300; // 2024-01-08

test('lineSegment: engine id normalisation, skipped rows and unknown ids are empty', () => {
  const spec: OrderSegmentSpec = {
    sheet: 'S',
    headerRow: 0,
    firstRow: 1,
    lastRow: 9,
    col: 5,
    idCol: 0,
    header: 'Segment',
    segmentById: new Map([
      ['1001', 'Champions'],
      ['C7', 'Loyal'],
      ['TRUE', 'Odd'],
    ]),
    skippedRows: new Set([4]),
  };
  expect(lineSegment(spec, 1, 1001)).toBe('Champions');
  expect(lineSegment(spec, 2, ' 1001 ')).toBe('Champions');
  expect(lineSegment(spec, 3, '\u3000C7\u00a0')).toBe('Loyal');
  expect(lineSegment(spec, 4, 'C7')).toBe(''); // skipped by the engine
  expect(lineSegment(spec, 5, true)).toBe('Odd');
  expect(lineSegment(spec, 6, 'c7')).toBe(''); // ids are case-sensitive, as in the engine
  expect(lineSegment(spec, 7, '')).toBe('');
  expect(lineSegment(spec, 8, null)).toBe('');
  expect(lineSegment(spec, 9, 1001.5)).toBe('');
});

test('order lines with numeric ids, ids with spaces and skipped rows', async () => {
  const wb = createWorkbook();
  // [order, date, customer id, amount]; the id column is Text where ids carry spaces (as typed text they stay).
  const lines: [string, number | string, string | number, number | string][] = [
    ['O1', DAY, 1001, 100], // row 2
    ['O2', DAY + 5, ' 1001 ', 50], // row 3: same customer "1001"
    ['O3', DAY + 9, 'C7', 80], // row 4
    ['O4', DAY + 30, '  C7\u3000', 20], // row 5: same customer "C7"
    ['O5', DAY + 31, 'C7', 'n/a'], // row 6: bad amount, skipped
    ['O6', 'someday', 'C7', 30], // row 7: bad date, skipped
    ['O7', DAY + 2, '', 40], // row 8: no customer id, skipped
    ['', '', '', ''], // row 9: blank
    ['O8', DAY + 40, 'C9', 60], // row 10
    ['O9', DAY + 41, 2002, 70], // row 11
    ['O10', DAY + 300, 'C9', 10], // row 12: after the as-of date, skipped
    ['Total', '', '', 450], // row 13: totals row, skipped
  ];
  const cells = [['Order ID', 'Order Date', 'Customer ID', 'Sales'], ...lines];
  wb.setValues(
    'Sheet1',
    'A1',
    cells,
    cells.map((r, i) => r.map((_, j) => (i > 0 && j === 1 ? 'yyyy-mm-dd' : i > 0 && j === 2 ? '@' : null))),
  );
  const sel = await readSheetRange(wb.run, 'Sheet1', undefined, { isSetSupported: wb.isSetSupported });
  const asOf = '2024-03-31';
  const result = await analyze(sel.input, { asOf });
  expect([...result.facts.ids].sort()).toEqual(['1001', '2002', 'C7', 'C9']);
  const skipped = new Set(issueList(result.issues).map((i) => i.row));
  for (const row of [6, 7, 8, 9, 12, 13]) expect(skipped.has(row)).toBe(true);

  await writeAnalysis(wb.run, result, {
    lang: 'en',
    source: { sheet: sel.sheet, address: sel.address },
    isSetSupported: wb.isSetSupported,
  });
  const primary = primaryMethod(result)!;
  const segOf = (id: string) => {
    const values = primary.columns.find((c) => c.key === primary.segmentColumn)!.values as (string | null)[];
    return segmentName(primary.id, values[result.facts.ids.indexOf(id)]!, 'en');
  };
  const column = wb.getValues('Sheet1', 'E1:E13').map((r) => r[0]);
  expect(column).toEqual([
    'Customer segment (RFM segments)',
    segOf('1001'),
    segOf('1001'),
    segOf('C7'),
    segOf('C7'),
    '',
    '',
    '',
    '',
    segOf('C9'),
    segOf('2002'),
    '',
    '',
  ]);
  // Every used line got a segment: the column has as many non-empty cells as the engine used lines.
  expect(column.slice(1).filter((v) => v !== '').length).toBe(result.input.used);
});

test('notices about skipped features name the feature in the run language', async () => {
  const wb = createWorkbook({ apiVersion: '1.7' });
  const cells = [
    ['Order ID', 'Order Date', 'Customer ID', 'Sales'],
    ...Array.from({ length: 12 }, (_, i) => [`O${i}`, DAY + i * 3, `C${i % 4}`, 10 + i]),
  ];
  wb.setValues(
    'Sheet1',
    'A1',
    cells,
    cells.map((r, i) => r.map((_, j) => (i > 0 && j === 1 ? 'yyyy-mm-dd' : null))),
  );
  const sel = await readSheetRange(wb.run, 'Sheet1', undefined, { isSetSupported: wb.isSetSupported });
  const result = await analyze(sel.input);
  const report = await writeAnalysis(wb.run, result, {
    lang: 'zh',
    source: { sheet: sel.sheet, address: sel.address },
    isSetSupported: wb.isSetSupported,
  });
  const notice = report.notices.find((n) => n.key === 'ui.notice.feature_unsupported')!;
  expect(t(notice.key, 'zh', notice.params)).toBe('此 Excel 版本不支持 ExcelApi 1.8，已跳过：帕累托组合图。');
});
