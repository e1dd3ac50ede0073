/** Issue 3 on real data: the Chinese Superstore orders become an enriched workbook without touching the user's sheet. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { cli, dataset } from './datasets';
import { cellFromExcelJs } from '../../src/io/xlsx';

describe('Chinese Superstore → enriched workbook', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'wb-')), 'orders.segmented.xlsx');
  let wb: ExcelJS.Workbook;
  let stdout = '';
  beforeAll(async () => {
    const r = await cli([dataset('chinese_superstore', 'orders.csv'), '--out', out, '--lang', 'zh']);
    expect(r.code).toBe(0);
    stdout = r.stdout;
    wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
  });

  it('leaves every cell of the user’s sheet as it was', () => {
    const text = readFileSync(dataset('chinese_superstore', 'orders.csv'), 'utf8').replace(/^\ufeff/, '');
    const rows = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
    const ws = wb.getWorksheet('orders')!;
    expect(ws).toBeDefined();
    for (let r = 0; r < rows.length; r++) {
      for (let c = 0; c < rows[r].length; c++) {
        const original = rows[r][c];
        const now = cellFromExcelJs(ws.getCell(r + 1, c + 1).value);
        const same =
          typeof now === 'number' ? Math.abs(now - Number(original)) < 1e-9 : String(now) === original;
        if (!same) throw new Error(`cell ${r + 1},${c + 1} changed: ${original} → ${String(now)}`);
      }
    }
  });

  it('has a customer sheet and a summary sheet with named Tables, and the totals reconcile', () => {
    const tables = wb.worksheets.flatMap((w) =>
      Object.keys((w as unknown as { tables: Record<string, unknown> }).tables ?? {}).map(
        (t) => `${w.name}!${t}`,
      ),
    );
    expect(tables.length).toBeGreaterThanOrEqual(4);
    const customerSheet = wb.worksheets.find((w) => w.actualRowCount === 791);
    expect(customerSheet).toBeDefined();
    // Sum the monetary column of the customer sheet: it must equal the input's 销售额 total.
    const header = Array.from(customerSheet!.getRow(1).values as unknown[], (v) => String(v ?? ''));
    const col = header.findIndex((h) => h.includes('消费金额') || h.includes('金额'));
    expect(col).toBeGreaterThan(0);
    let total = 0;
    for (let r = 2; r <= 791; r++)
      total += Number(cellFromExcelJs(customerSheet!.getRow(r).getCell(col).value));
    expect(total).toBeCloseTo(16_068_954.13, 1);
    expect(stdout).toContain('已写入工作簿');
  });
});
