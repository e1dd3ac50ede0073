import { createWorkbook } from '../sim';
import { readSelection, readSheetRange } from './read';
import { cellsOf } from '../engine/ingest/columnar';

function book() {
  const wb = createWorkbook();
  wb.setValues(
    'Sheet1',
    'B2:D5',
    [
      ['id', 'date', 'amount'],
      ['a', 45000, 1],
      ['b', 45001, 2],
      ['c', 45002, 3],
    ],
    [
      [null, null, null],
      [null, 'yyyy-mm-dd', null],
      [null, 'yyyy-mm-dd', null],
      [null, 'yyyy-mm-dd', null],
    ],
  );
  wb.setValues('Sheet1', 'H1', [['far away']]);
  return wb;
}

describe('readSelection', () => {
  test('a single cell widens to its current region', async () => {
    const wb = book();
    wb.select('Sheet1', 'C3');
    const sel = await readSelection(wb.run);
    expect(sel.address).toBe('Sheet1!B2:D5');
    expect(sel.input.firstRow).toBe(2);
    expect(sel.input.firstColumn).toBe(2);
    expect(cellsOf(sel.input)[1]).toEqual(['a', 45000, 1]);
    expect(sel.input.numberFormats?.[1][1]).toBe('yyyy-mm-dd');
    expect(sel.notices[0].key).toBe('ui.notice.selection_widened');
  });

  test('a single cell inside a Table uses the Table', async () => {
    const wb = book();
    await wb.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').tables.add('B2:D4', true).name = 'Orders';
      await ctx.sync();
    });
    wb.select('Sheet1', 'C3');
    const sel = await readSelection(wb.run);
    expect(sel.address).toBe('Sheet1!B2:D4');
    expect(sel.notices[0]).toMatchObject({ key: 'ui.notice.table_used', params: { table: 'Orders' } });
  });

  test('whole columns are narrowed to the used range', async () => {
    const wb = book();
    wb.select('Sheet1', 'B:D');
    const sel = await readSelection(wb.run);
    expect(sel.address).toBe('Sheet1!B1:D5');
    expect(sel.rowCount).toBe(5);
    expect(sel.notices[0].key).toBe('ui.notice.selection_narrowed');
  });

  test('more than 5,000,000 cells is refused with a message key', async () => {
    const wb = book();
    // Data down to row 900000, so that trimming to the used range does not make the selection small.
    wb.setValues('Sheet1', 'A900000', [['last']]);
    wb.select('Sheet1', 'A1:F900000');
    await expect(readSelection(wb.run)).rejects.toMatchObject({ code: 'selection_too_large' });
  });

  test('a multi-area selection is refused with a message key', async () => {
    const wb = book();
    wb.select('Sheet1', 'B2:B3,D2:D3');
    await expect(readSelection(wb.run)).rejects.toMatchObject({ code: 'multiple_selection' });
  });

  test('rows are read in chunks sized to keep responses under 4 MB', async () => {
    const wb = createWorkbook();
    const rows = Array.from({ length: 150_000 }, (_, i) => [
      `customer ${i}`,
      45000 + (i % 300),
      i * 1.25,
      'a region name',
    ]);
    wb.setValues('Sheet1', 'A1', rows);
    wb.select('Sheet1', 'A1:D150000');
    const sel = await readSelection(wb.run);
    expect(cellsOf(sel.input)).toHaveLength(150_000);
    expect(cellsOf(sel.input)[149_999][0]).toBe('customer 149999');
    expect(sel.input.numberFormats).toHaveLength(21);
    expect(wb.stats.largestResponse).toBeLessThan(4_000_000);
    expect(wb.stats.syncs).toBeGreaterThan(2);
  });

  test('readSheetRange reads the used range or an address', async () => {
    const wb = book();
    expect((await readSheetRange(wb.run, 'Sheet1')).address).toBe('Sheet1!B1:H5');
    expect(cellsOf((await readSheetRange(wb.run, 'sheet1', 'B2:C3')).input)).toEqual([
      ['id', 'date'],
      ['a', 45000],
    ]);
    await expect(readSheetRange(wb.run, 'Nope')).rejects.toMatchObject({ code: 'sheet_not_found' });
  });
});
