import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as v8 from 'node:v8';
import ExcelJS from 'exceljs';
import { EngineError } from '../engine/types';
import { outputText, runCli } from './segment';
import { checkWorkbookSize, SAVE_BYTES_PER_CELL } from './workbook';
import { cellFromExcelJs } from '../io/xlsx';

// The real heap statistics unless a test says otherwise.
jest.mock('node:v8', () => {
  const real = jest.requireActual<typeof import('node:v8')>('node:v8');
  return { ...real, getHeapStatistics: jest.fn(real.getHeapStatistics) };
});

const dir = mkdtempSync(join(tmpdir(), 'segment-wb-'));
const SAMPLE_EN = join(__dirname, '../../samples/orders-en.csv');

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (s) => (stdout += outputText(s)),
    stderr: (s) => (stderr += s),
    env: {},
  });
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

describe('a workbook too big to build in memory', () => {
  const heap = (limitMb: number, usedMb: number) => ({
    heap_size_limit: limitMb * 1e6,
    used_heap_size: usedMb * 1e6,
  });

  it('is refused from the cells it would hold and the heap left', () => {
    expect(() => checkWorkbookSize(1000, heap(4000, 100))).not.toThrow();
    const fits = Math.floor((3900 * 1e6) / SAVE_BYTES_PER_CELL);
    expect(() => checkWorkbookSize(fits, heap(4000, 100))).not.toThrow();
    let refused: unknown;
    try {
      checkWorkbookSize(fits + 1, heap(4000, 100));
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(EngineError);
    expect((refused as EngineError).code).toBe('workbook_too_large');
    expect((refused as EngineError).params).toEqual({
      cells: (fits + 1).toLocaleString('en-US'),
      max: fits.toLocaleString('en-US'),
    });
  });

  it('still prints the analysis, says in each language why no workbook was written, and exits 2', async () => {
    // The sample: 28,874 cells in its source sheet, 39,252 in the workbook; room here for 35,000.
    const spy = jest
      .mocked(v8.getHeapStatistics)
      .mockImplementation(
        () => ({ heap_size_limit: 35_000 * SAVE_BYTES_PER_CELL, used_heap_size: 0 }) as v8.HeapInfo,
      );
    try {
      for (const lang of ['en', 'zh'] as const) {
        const out = join(dir, `too-big-${lang}.xlsx`);
        const r = await run([SAMPLE_EN, '--out', out, '--lang', lang]);
        expect(r.code).toBe(2);
        expect(existsSync(out)).toBe(false);
        // The same summary as without a workbook.
        expect(r.stdout).toBe((await run([SAMPLE_EN, '--no-write', '--lang', lang])).stdout);
        const lines = r.stderr.trim().split('\n');
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(
          lang === 'en' ? /^No workbook was written: .*35,000/ : /^未写入工作簿：.*35,000/,
        );
      }
      // With --json, stdout still carries exactly the JSON document.
      const r = await run([SAMPLE_EN, '--json', '--out', join(dir, 'too-big.xlsx')]);
      expect(r.code).toBe(2);
      expect(JSON.parse(r.stdout).input.rows).toBe(2222);
      // A heap too small for the source sheet alone is refused before the analysis.
      spy.mockImplementation(
        () => ({ heap_size_limit: 1000 * SAVE_BYTES_PER_CELL, used_heap_size: 0 }) as v8.HeapInfo,
      );
      const early = await run([SAMPLE_EN, '--out', join(dir, 'too-big-early.xlsx')]);
      expect(early.code).toBe(2);
      expect(early.stderr).toMatch(/about 1,000\)/);
    } finally {
      spy.mockImplementation(jest.requireActual<typeof import('node:v8')>('node:v8').getHeapStatistics);
    }
  });
});
