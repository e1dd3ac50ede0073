/**
 * Bad-input corpus, Excel layer (the engine's cases are in src/engine/ingest/corpus.ts): selections that only
 * exist in a workbook — whole columns, a block reaching past the data, more than 5 million cells, formulas —
 * read with readSelection against the simulator, with the exact zh/en sentence or the exact rows read.
 */
import { issueList } from '../engine/issues';
import { ingest } from '../engine/ingest';
import { EngineError } from '../engine/types';
import { t } from '../i18n';
import { createWorkbook, type SimWorkbookHandle } from '../sim';
import { readSelection } from './read';
import { cellsOf } from '../engine/ingest/columnar';

/** Orders in B2:D6 (header + 4 lines); dates as serials with a date format. */
function book(): SimWorkbookHandle {
  const wb = createWorkbook();
  const fmt = [null, 'yyyy-mm-dd', null];
  wb.setValues(
    'Sheet1',
    'B2:D6',
    [
      ['客户ID', '订单日期', '金额'],
      ['C1', 45356, 10],
      ['C2', 45355, 20],
      ['C1', 45354, 30],
      ['C3', 45353, 40],
    ],
    [[null, null, null], fmt, fmt, fmt, fmt],
  );
  return wb;
}

async function refusal(wb: SimWorkbookHandle): Promise<{ code: string; zh: string; en: string }> {
  try {
    await readSelection(wb.run, { isSetSupported: wb.isSetSupported });
  } catch (e) {
    expect(e).toBeInstanceOf(EngineError);
    const err = e as EngineError;
    return {
      code: err.code,
      zh: t(`errors.${err.code}`, 'zh', err.params),
      en: t(`errors.${err.code}`, 'en', err.params),
    };
  }
  throw new Error('the selection was read');
}

/** Reads the selection and ingests it: every row of the list used, none invented. */
async function readAndIngest(wb: SimWorkbookHandle) {
  const sel = await readSelection(wb.run, { isSetSupported: wb.isSetSupported });
  const ing = ingest(sel.input);
  return { sel, ing };
}

describe('bad-input corpus: selections', () => {
  test('whole columns (B:D) are narrowed to the used range; nothing past the data is read', async () => {
    const wb = book();
    wb.select('Sheet1', 'B:D');
    const { sel, ing } = await readAndIngest(wb);
    expect(sel.address).toBe('Sheet1!B2:D6');
    expect(sel.notices).toEqual([
      { key: 'ui.notice.selection_narrowed', params: { address: 'Sheet1!B2:D6' } },
    ]);
    expect(ing.used).toBe(4);
    expect(issueList(ing.issues)).toEqual([]);
    expect(Array.from(ing.tx!.row)).toEqual([3, 4, 5, 6]);
  });

  test('whole rows (1:10) and the whole sheet are narrowed too', async () => {
    for (const address of ['1:10', 'A:XFD', 'A1:XFD1048576']) {
      const wb = book();
      wb.select('Sheet1', address);
      const { sel, ing } = await readAndIngest(wb);
      expect(sel.address).toBe('Sheet1!B2:D6');
      expect(ing.used).toBe(4);
    }
  });

  test('a block past the used range (A1:Z5000) is trimmed to the data: no 4,994 "blank row" issues', async () => {
    const wb = book();
    wb.select('Sheet1', 'A1:Z5000');
    const { sel, ing } = await readAndIngest(wb);
    expect(sel.address).toBe('Sheet1!B2:D6');
    expect(sel.notices).toEqual([
      { key: 'ui.notice.selection_trimmed', params: { address: 'Sheet1!B2:D6' } },
    ]);
    expect(t('ui.notice.selection_trimmed', 'zh', sel.notices[0].params)).toBe(
      '所选区域超出了有数据的范围，已缩小为 Sheet1!B2:D6。',
    );
    expect(t('ui.notice.selection_trimmed', 'en', sel.notices[0].params)).toBe(
      'The selection reached past the data, so it was trimmed to Sheet1!B2:D6.',
    );
    expect(ing.rows).toBe(4);
    expect(issueList(ing.issues)).toEqual([]);
  });

  test('a block inside the data is read as selected (no widening)', async () => {
    const wb = book();
    wb.select('Sheet1', 'B2:D4');
    const { sel, ing } = await readAndIngest(wb);
    expect(sel.address).toBe('Sheet1!B2:D4');
    expect(sel.notices).toEqual([]);
    expect(ing.used).toBe(2);
  });

  test('a block entirely outside the data is refused as empty', async () => {
    const wb = book();
    wb.select('Sheet1', 'M100:N200');
    expect(await refusal(wb)).toEqual({
      code: 'selection_empty',
      zh: '所选区域为空。请选择客户或订单列表。',
      en: 'The selection is empty. Select a customer or order list.',
    });
  });

  test('one empty cell is refused as empty', async () => {
    const wb = book();
    wb.select('Sheet1', 'K20');
    expect((await refusal(wb)).code).toBe('selection_empty');
  });

  test('more than 5 million cells is refused before any value is read', async () => {
    const wb = book();
    // A used range of 6 columns × 900,000 rows: 5.4 million cells.
    wb.setValues('Sheet1', 'A900000', [['last']]);
    wb.setValues('Sheet1', 'F1', [['note']]);
    wb.select('Sheet1', 'A:F');
    wb.resetStats();
    expect(await refusal(wb)).toEqual({
      code: 'selection_too_large',
      zh: '所选区域有 5,400,000 个单元格，超过 Excel 一次可读取的 500 万个。请选择更小的区域。',
      en: 'The selection has 5,400,000 cells, more than the 5 million Excel can read at once. Select a smaller range.',
    });
    // Only the selection and the used range were asked for: no response carried cell values.
    expect(wb.stats.largestResponse).toBeLessThan(2_000);
  });

  test('a multi-area selection is refused with its sentence', async () => {
    const wb = book();
    wb.select('Sheet1', 'B2:B6,D2:D6');
    expect(await refusal(wb)).toEqual({
      code: 'multiple_selection',
      zh: '请只选择一个连续区域。',
      en: 'Select a single block of cells, not several.',
    });
  });

  test('formulas are read as their cached values (never as formula text)', async () => {
    const wb = book();
    const sheet = wb.state.sheetByName('Sheet1')!;
    // D7 = a sum that Excel calculated; C7 a date from =DATE(2024,3,1); B7 a lookup that failed.
    wb.setValues('Sheet1', 'B7:D8', [
      ['C4', 45352, 0],
      ['', 45351, 0],
    ]);
    sheet.setRaw(6, 3, { formula: '=SUM(D3:D6)/2', result: 50 });
    sheet.setRaw(6, 2, { formula: '=DATE(2024,3,1)', result: 45352 });
    sheet.setRaw(7, 1, { formula: '=VLOOKUP(A8,Customers!A:B,2,FALSE)', result: '#N/A' });
    sheet.setRaw(7, 3, { formula: '=1/0', result: '#DIV/0!' });
    wb.select('Sheet1', 'B2:D8');
    const { sel, ing } = await readAndIngest(wb);
    expect(cellsOf(sel.input)[5]).toEqual(['C4', 45352, 50]);
    expect(cellsOf(sel.input)[6]).toEqual(['#N/A', 45351, '#DIV/0!']);
    expect(ing.used).toBe(5);
    expect(issueList(ing.issues)).toEqual([
      expect.objectContaining({
        row: 8,
        reason: 'no_customer_id',
        column: '客户ID',
        value: '#N/A',
        amount: 0,
      }),
    ]);
    expect(ing.amounts.used).toBe(150);
  });

  test('hidden rows are read like any row (range.values includes them)', async () => {
    // The simulator has no hidden rows: Excel's range.values returns hidden and filtered-out rows alike, so
    // the engine sees plain rows (see the engine corpus case hidden-filtered-rows).
    const wb = book();
    wb.select('Sheet1', 'B2:D6');
    const { ing } = await readAndIngest(wb);
    expect(ing.used).toBe(4);
  });
});
