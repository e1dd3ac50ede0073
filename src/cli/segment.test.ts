import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { outputText, runCli } from './segment';
import { parseMap } from './args';
import { displayWidth } from './report';

const dir = mkdtempSync(join(tmpdir(), 'segment-cli-'));
function file(name: string, content: string | Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

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

const SAMPLE_ZH = join(__dirname, '../../samples/orders-zh.csv');
const SAMPLE_EN = join(__dirname, '../../samples/orders-en.csv');

describe('bad input gets one clear sentence in the chosen language and a non-zero exit', () => {
  const cases: [string, string, string | Uint8Array][] = [
    ['an empty file', 'empty.csv', ''],
    ['a file with only blank lines', 'blank.csv', '\n,,\n\n'],
    ['a file with no header (numbers only)', 'numbers.csv', '1,2,3\n4,5,6\n7,8,9\n'],
    ['a sheet of text only', 'text.csv', '客户,备注\n张三,老客户\n李四,新客户\n'],
    ['a list without a customer column', 'nocustomer.csv', '订单日期,金额\n2024-01-01,100\n2024-01-02,200\n'],
    ['order lines without an amount', 'noamount.csv', '客户编号,订单日期\nA,2024-01-01\nB,2024-01-02\n'],
  ];
  it.each(cases)('%s', async (_label, name, content) => {
    const p = file(name, content);
    for (const lang of ['zh', 'en'] as const) {
      const r = await run([p, '--lang', lang, '--no-write']);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      // A sentence, not an i18n key or a stack trace.
      expect(lines[0]).not.toMatch(/^(errors|issue)\./);
      expect(lines[0]).not.toMatch(/Error:|at .*\(/);
      if (lang === 'zh') expect(lines[0]).toMatch(/[\u4e00-\u9fff]/);
      else expect(lines[0]).toMatch(/^[\x20-\x7e…’“”—–]+$/);
    }
  });

  it('a missing file, a bad range, an unknown sheet, a bad as-of date, an unknown method, a bad --map', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Orders').addRow(['Customer ID', 'Order Date', 'Sales']);
    const xlsx = file('book.xlsx', new Uint8Array(await wb.xlsx.writeBuffer()));
    const bad: string[][] = [
      [join(dir, 'nope.csv')],
      [SAMPLE_EN, '--range', 'A1:B2:C3'],
      [xlsx, '--sheet', 'Customers'],
      [SAMPLE_EN, '--as-of', '2024-02-30'],
      [SAMPLE_EN, '--methods', 'rfm,magic'],
      [SAMPLE_EN, '--map', 'customer_id=No Such Column'],
      [SAMPLE_EN, '--map', 'nonsense'],
      [SAMPLE_EN, '--bins', '7'],
      [],
    ];
    for (const args of bad) {
      const r = await run([...args, '--lang', 'en', '--no-write']);
      expect([args, r.code]).toEqual([args, 2]);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/^errors\./);
    }
  });
});

describe('the JSON contract on the bundled samples', () => {
  it('accounts for every row of the Chinese sample and lists each messy row with its reason', async () => {
    const r = await run([SAMPLE_ZH, '--json', '--lang', 'zh']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.input.used + doc.input.skipped).toBe(doc.input.rows);
    expect(doc.input.header_row).toBe(2);
    expect(doc.input.kind).toBe('transactions');
    const skipped = doc.issues.filter(
      (i: { reason: string }) => !['above_header', 'no_purchase', 'duplicate_customer'].includes(i.reason),
    );
    expect(skipped).toHaveLength(doc.input.skipped);
    const reasons = new Set(doc.issues.map((i: { reason: string }) => i.reason));
    for (const reason of ['above_header', 'repeated_header', 'blank', 'totals_row', 'no_customer_id'])
      expect(reasons).toContain(reason);
    for (const i of doc.issues) expect(i.message).not.toMatch(/^issue\./);
    expect(doc.amounts.used + doc.amounts.skipped).toBeCloseTo(doc.amounts.input, 6);
    expect(doc.roles.customer_id).toBe('会员编号');
    expect(doc.roles.amount).toBe('实付金额(元)');
    const c = doc.customers[0];
    for (const key of [
      'id',
      'recency_days',
      'frequency',
      'monetary',
      'r_score',
      'f_score',
      'm_score',
      'rfm_segment',
      'rfm_class8',
      'value_tier',
      'fm_quadrant',
    ]) {
      expect(c).toHaveProperty(key);
    }
    const names = doc.segments
      .filter((s: { method: string }) => s.method === 'rfm_segments')
      .map((s: { name: string }) => s.name);
    expect(names).toContain('冠军客户');
    expect(doc.as_of).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('honours --as-of (later rows held out) and --methods', async () => {
    const r = await run([SAMPLE_EN, '--json', '--as-of', '2024-12-31', '--methods', 'rfm_segments']);
    const doc = JSON.parse(r.stdout);
    expect(doc.as_of).toBe('2024-12-31');
    expect(doc.methods).toEqual(['rfm', 'rfm_segments']);
    expect(doc.issues.some((i: { reason: string }) => i.reason === 'after_as_of')).toBe(true);
    expect(
      doc.customers.every(
        (c: { last_purchase: string | null }) => c.last_purchase === null || c.last_purchase <= '2024-12-31',
      ),
    ).toBe(true);
  });

  it('prints a readable table in each language', async () => {
    const zh = await run([SAMPLE_ZH, '--lang', 'zh', '--no-write']);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain('冠军客户');
    const en = await run([SAMPLE_EN, '--lang', 'en', '--no-write']);
    expect(en.stdout).toContain('Champions');
    expect(en.stdout).not.toMatch(/method\.|segment\.|cli\./);
  });
});

describe('argument helpers', () => {
  it('parses --map with commas inside a header and empty values', () => {
    expect(parseMap('customer_id=Cust, ID,amount=Sales,region=')).toEqual({
      customer_id: 'Cust, ID',
      amount: 'Sales',
      region: null,
    });
  });
  it('measures terminal width of Chinese text', () => {
    expect(displayWidth('冠军客户 A')).toBe(10);
  });
});

describe('the compiled command', () => {
  const root = join(__dirname, '../..');
  beforeAll(() => {
    expect(spawnSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: root }).status).toBe(0);
  });

  it('gives the same document as the CLI run in process (it sets its own V8 compiler settings)', async () => {
    const child = spawnSync(process.execPath, ['dist/cli/segment.cjs', SAMPLE_ZH, '--json'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    const inProcess = await run([SAMPLE_ZH, '--json']);
    const withoutTimings = (text: string): unknown => ({ ...JSON.parse(text), timings_ms: null });
    expect(withoutTimings(child.stdout)).toEqual(withoutTimings(inProcess.stdout));
  });

  it('stops quietly when the reader closes the pipe early (segment … | head)', async () => {
    const child = spawn(process.execPath, ['dist/cli/segment.cjs', SAMPLE_EN, '--json'], { cwd: root });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Like `segment … | head -c 0`: the reader is gone before the document is written.
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
