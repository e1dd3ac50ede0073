import { analyze } from '../engine/analyze';
import { createWorkbook } from '../sim';
import { readSelection } from './read';
import { writeAnalysis } from './write';

/** A small seeded order list with a title row, a note right of the data and a formula-looking name. */
function orders(): (string | number)[][] {
  const rows: (string | number)[][] = [
    ['Order ID', 'Order Date', 'Customer ID', 'Customer Name', 'Region', 'Sales'],
  ];
  let seed = 7;
  const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  for (let i = 0; i < 240; i++) {
    const c = Math.floor(rand() * 40);
    rows.push([
      `O${1000 + i}`,
      45000 + Math.floor(rand() * 300),
      `C${c}`,
      c === 3 ? '=HYPERLINK("x")' : `Name ${c}`,
      c % 3 ? 'East' : '华北',
      Math.round(rand() * 50000) / 100,
    ]);
  }
  return rows;
}

test('read → analyze → write on a generated order list', async () => {
  const wb = createWorkbook();
  const data = orders();
  wb.setValues(
    'Sheet1',
    'A1',
    data,
    data.map((r, i) => r.map((_, j) => (j === 1 && i > 0 ? 'yyyy-mm-dd' : j === 3 ? '@' : null))),
  );
  wb.setValues('Sheet1', 'H2', [['note: checked by Li']]);
  const before = wb.snapshot('Sheet1');
  wb.select('Sheet1', 'A1');
  const sel = await readSelection(wb.run, { isSetSupported: wb.isSetSupported });
  expect(sel.address).toBe('Sheet1!A1:F241');
  const result = await analyze(sel.input);
  const report = await writeAnalysis(wb.run, result, {
    lang: 'zh',
    source: { sheet: sel.sheet, address: sel.address },
    isSetSupported: wb.isSetSupported,
  });
  // The user's sheet is unchanged cell for cell, except the free segment column G.
  const after = wb.snapshot('Sheet1');
  for (const [k, v] of before) expect(after.get(k)).toEqual(v);
  expect([...after.keys()].filter((k) => !before.has(k)).every((k) => k.endsWith(',6'))).toBe(true);
  expect(report.sheets).toEqual(['Sheet1', '客户细分', '细分汇总', '细分透视']);
  // One customer row per customer; monetary reconciles with the used amounts.
  const n = result.facts.n;
  const customerTable = wb.tables().find((t) => t.name === '客户细分')!;
  expect(customerTable.rect.r1).toBe(n);
  const header = wb.getValues('客户细分', `A1:Z1`)[0];
  const mCol = header.indexOf('消费金额');
  const monetary = wb.getValues('客户细分', `A2:Z${n + 1}`).reduce((s, r) => s + Number(r[mCol]), 0);
  expect(monetary).toBeCloseTo(result.amounts.used, 2);
  // The formula-looking name stayed text.
  const names = wb.getValues('客户细分', `B2:B${n + 1}`).map((r) => r[0]);
  expect(names).toContain('=HYPERLINK("x")');
  expect(report.tables.length).toBeGreaterThanOrEqual(4);
  expect(report.pivot).toBe(true);
});
