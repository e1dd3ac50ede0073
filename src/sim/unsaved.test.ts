/**
 * Charts and PivotTables a saved .xlsx cannot hold: listed as data, described in the run's language (the CLI's
 * zh output is fully Chinese), and on a bilingual Notes sheet of the file. Also the XY scatter series rule.
 */
import ExcelJS from 'exceljs';
import { createWorkbook, saveXlsx, unsavedObjectList, unsavedObjects, type SimWorkbookHandle } from '.';

async function withObjects(): Promise<SimWorkbookHandle> {
  const wb = createWorkbook();
  await wb.run(async (ctx) => {
    const s = ctx.workbook.worksheets.add('汇总');
    s.getRange('A1:D4').values = [
      ['客户编号', 'x', '冠军', '休眠'],
      ['C1', 1.5, 7.2, ''],
      ['C2', 2.5, '', 3.1],
      ['C3', 0.5, 6.4, ''],
    ];
    const chart = s.charts.add('XYScatter', s.getRange('B1:D4'), 'Columns');
    chart.title.text = '客户聚类';
    const pivot = ctx.workbook.pivotTables.add('透视', '汇总!A1:D4', '汇总!F1');
    pivot.rowHierarchies.add(pivot.hierarchies.getItem('客户编号'));
    await ctx.sync();
    const dh = pivot.dataHierarchies.add(pivot.hierarchies.getItem('x'));
    await ctx.sync();
    dh.summarizeBy = 'Sum';
    await ctx.sync();
  });
  return wb;
}

test('XY scatter over several columns: the first column is every series X values, headers name the series', async () => {
  const wb = await withObjects();
  const [chart] = wb.charts();
  expect(chart.series).toEqual([
    { name: '冠军', values: '汇总!C2:C4', categories: '汇总!B2:B4' },
    { name: '休眠', values: '汇总!D2:D4', categories: '汇总!B2:B4' },
  ]);
});

test('unsaved objects as data and as sentences in zh and en', async () => {
  const wb = await withObjects();
  const list = unsavedObjectList(wb);
  expect(list).toEqual([
    { kind: 'chart', title: '客户聚类', type: 'XYScatter', sheet: '汇总', source: '汇总!B1:D4' },
    {
      kind: 'pivot',
      name: '透视',
      sheet: '汇总',
      destination: 'F1',
      source: '汇总!A1:D4',
      rows: ['客户编号'],
      values: [{ field: 'x', summarizeBy: 'Sum' }],
    },
  ]);
  const zh = unsavedObjects(wb, 'zh');
  expect(zh[0]).toBe('图表“客户聚类”（散点图），位于工作表“汇总”，数据 汇总!B1:D4');
  expect(zh[1]).toContain('求和（x）');
  // No English words left in the Chinese sentences (sheet and field names here are Chinese or single letters).
  for (const line of zh) expect(line).not.toMatch(/[A-Za-z]{2,}/);
  expect(unsavedObjects(wb, 'en')[0]).toBe('Chart "客户聚类" (XY scatter) on sheet "汇总", data 汇总!B1:D4');
  expect(unsavedObjects(wb)).toEqual(unsavedObjects(wb, 'en'));
});

test('the Notes sheet of a saved file is bilingual: English in column A, Chinese in column B', async () => {
  const wb = await withObjects();
  const check = new ExcelJS.Workbook();
  await check.xlsx.load((await saveXlsx(wb)) as unknown as ExcelJS.Buffer);
  const notes = check.getWorksheet('Notes')!;
  expect(String(notes.getCell(1, 1).value)).toMatch(/^Not in this file/);
  expect(String(notes.getCell(2, 1).value)).toMatch(/^本文件不含/);
  expect(notes.getCell(4, 1).value).toBe(unsavedObjects(wb, 'en')[0]);
  expect(notes.getCell(4, 2).value).toBe(unsavedObjects(wb, 'zh')[0]);
  expect(notes.getCell(5, 2).value).toBe(unsavedObjects(wb, 'zh')[1]);
});
