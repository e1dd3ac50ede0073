import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { runCli } from './segment';
import { cellFromExcelJs } from '../io/xlsx';

const dir = mkdtempSync(join(tmpdir(), 'segment-wb-'));
const SAMPLE_EN = join(__dirname, '../../samples/orders-en.csv');

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), env: {} });
  return { code, stdout, stderr };
}

async function open(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
  return wb;
}

function grid(ws: ExcelJS.Worksheet, rows: number, cols: number): unknown[][] {
  return Array.from({ length: rows }, (_, r) =>
    Array.from({ length: cols }, (_, c) => cellFromExcelJs(ws.getCell(r + 1, c + 1).value)),
  );
}

describe('segment FILE writes an enriched workbook', () => {
  it('keeps a user note right of the data, adds customer and summary sheets with named Tables', async () => {
    // A user's workbook: order lines in A1:E7 and a note in G2, right of the data.
    const src = new ExcelJS.Workbook();
    const ws = src.addWorksheet('Orders');
    const data = [
      ['Customer ID', 'Order Date', 'Order ID', 'Sales', 'Region'],
      ['A1', '2024-01-05', 'o1', 120, 'East'],
      ['A1', '2024-03-01', 'o2', 80, 'East'],
      ['B2', '2024-02-10', 'o3', 300, 'West'],
      ['C3', '2024-03-20', 'o4', 45, 'West'],
      ['C3', '2024-03-25', 'o5', '=1+1', 'West'],
      ['D4', '2024-03-30', 'o6', 60, 'East'],
    ];
    data.forEach((row, r) => row.forEach((v, c) => (ws.getCell(r + 1, c + 1).value = v)));
    ws.getCell('G2').value = 'Call B2 before Friday';
    const input = join(dir, 'book.xlsx');
    writeFileSync(input, new Uint8Array(await src.xlsx.writeBuffer()));
    const before = grid(ws, 8, 8);

    const out = join(dir, 'book.out.xlsx');
    const r = await run([input, '--out', out, '--lang', 'en']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Workbook written: ${out}`);

    const wb = await open(out);
    // The user's cells are unchanged, cell for cell (our columns may only be added in empty cells).
    const after = grid(wb.getWorksheet('Orders')!, 8, 8);
    for (let i = 0; i < 8; i++)
      for (let j = 0; j < 8; j++)
        if (before[i][j] !== '') expect([i, j, after[i][j]]).toEqual([i, j, before[i][j]]);
    const names = wb.worksheets.map((w) => w.name);
    expect(names.length).toBeGreaterThanOrEqual(3);
    const tables = wb.worksheets.flatMap((w) =>
      Object.keys((w as unknown as { tables: Record<string, unknown> }).tables ?? {}),
    );
    expect(tables.length).toBeGreaterThanOrEqual(3);
  });

  it('writes FILE.segmented.xlsx by default for a CSV and its customer sheet reconciles with the input', async () => {
    const csv = join(dir, 'orders.csv');
    writeFileSync(csv, readFileSync(SAMPLE_EN));
    const r = await run([csv, '--lang', 'en']);
    expect(r.code).toBe(0);
    const wb = await open(join(dir, 'orders.segmented.xlsx'));
    const json = JSON.parse((await run([csv, '--json', '--no-write'])).stdout);
    // Find the customer sheet: the one with a row per customer and a column of monetary values.
    const customerSheet = wb.worksheets.find((w) => w.actualRowCount === json.customers.length + 1);
    expect(customerSheet).toBeDefined();
    const header = grid(customerSheet!, 1, customerSheet!.columnCount)[0];
    const idCol = header.findIndex((h) => typeof h === 'string' && /customer/i.test(h));
    expect(idCol).toBeGreaterThanOrEqual(0);
    const ids = new Set(
      grid(customerSheet!, json.customers.length + 1, idCol + 1)
        .slice(1)
        .map((row) => String(row[idCol])),
    );
    expect(ids).toEqual(new Set(json.customers.map((c: { id: string }) => c.id)));
  });
});
