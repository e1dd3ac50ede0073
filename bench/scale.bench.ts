/**
 * Excel-size scale (issue 6): a generated order sheet of 1,048,575 lines (Excel's row limit below a header)
 * through the engine, the CLI and the write plan. Prints one JSON line per figure for scripts/bench.mjs.
 * Usage: node --max-old-space-size=8192 scripts/run-ts.mjs bench/scale.bench.ts DATASETS RUNS
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../src/engine/analyze';
import { columnarFromCells } from '../src/engine/ingest/columnar';
import type { Cell } from '../src/engine/types';
import { writeAnalysis } from '../src/excel';
import { loadCsv } from '../src/sim';
import { mulberry32 } from '../src/engine/methods/random';

const LINES = 1_048_575;
const emit = (name: string, value: number | string, unit: string, goal = '', note = ''): void => {
  process.stdout.write(JSON.stringify({ name, value, unit, goal, note }) + '\n');
};

/** The generated sheet as CSV text: 120,000 customers, two years of orders, 8 columns of mixed formats. */
function generateCsv(): string {
  // The engine's seeded PRNG, so the sheet is the same on every run.
  const rand = mulberry32(1_048_575).next;
  const regions = ['华东', '华南', '华北', '西南', '东北', '西北'];
  const products = Array.from({ length: 400 }, (_, i) => `SKU-${String(i).padStart(4, '0')}`);
  const parts: string[] = ['订单编号,下单日期,客户编号,地区,商品,数量,单价,实付金额'];
  for (let i = 0; i < LINES; i++) {
    const customer = Math.floor(120_000 * rand() ** 1.5);
    const day = 45_000 + Math.floor(730 * rand());
    const d = new Date(Date.UTC(1899, 11, 30) + day * 86_400_000);
    const qty = 1 + Math.floor(4 * rand());
    const price = Math.round(5_000 + 95_000 * rand()) / 100;
    const amount = (rand() < 0.03 ? -1 : 1) * qty * price;
    parts.push(
      `O${Math.floor(i / 3)},${d.getUTCFullYear()}-${d.getUTCMonth() + 1}-${d.getUTCDate()},C${customer},${regions[customer % 6]},${products[Math.floor(rand() * 400)]},${qty},${price.toFixed(2)},${amount.toFixed(2)}`,
    );
  }
  return parts.join('\n') + '\n';
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'scale-'));
  const csvPath = join(dir, 'orders-1048575.csv');
  const text = generateCsv();
  writeFileSync(csvPath, text);

  // 1. The CLI end to end (separate process, peak memory from its resource usage).
  const rssHook = join(dir, 'rss.cjs');
  writeFileSync(
    rssHook,
    "process.on('exit', () => process.stderr.write(`\\nMAXRSS ${process.resourceUsage().maxRSS}\\n`));\n",
  );
  const t0 = performance.now();
  const cli = spawnSync(process.execPath, ['--require', rssHook, 'dist/cli/segment.cjs', csvPath, '--json'], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const cliMs = performance.now() - t0;
  if (cli.status !== 0) throw new Error(cli.stderr);
  const rss = Number(/MAXRSS (\d+)/.exec(cli.stderr)?.[1] ?? 0) / 1024;
  const doc = JSON.parse(cli.stdout) as { input: { rows: number; used: number }; customers: unknown[] };
  emit(
    'CLI on a generated 1,048,575-line order sheet --json, wall time',
    Math.round(cliMs),
    'ms',
    '≤ 20,000 ms',
    `${doc.input.used} lines used, ${doc.customers.length} customers`,
  );
  emit('CLI on 1,048,575 lines, peak memory', Math.round(rss), 'MB', '≤ 3,072 MB');

  // 2. The engine alone on the same block by column (as both readers hand it over), and the conversion
  // from rows of cells that the pane makes chunk by chunk while it reads.
  const cells: Cell[][] = text
    .trimEnd()
    .split('\n')
    .map((l) => l.split(','));
  const tc = performance.now();
  const input = columnarFromCells({ cells, sheet: 'Orders' });
  const convertMs = performance.now() - tc;
  const t1 = performance.now();
  const result = await analyze(input, {});
  emit(
    'Engine alone on 1,048,575 lines (by column)',
    Math.round(performance.now() - t1),
    'ms',
    '',
    Object.entries(result.timings)
      .map(([k, v]) => `${k} ${Math.round(v)}`)
      .join(', '),
  );
  emit('Rows of cells to columns on 1,048,575 lines (8.4 M cells)', Math.round(convertMs), 'ms');

  // 3. The write plan against the simulated Excel: every request must stay ≤ 4 MB.
  // The pane refuses to *read* a selection over 5 million cells (issue 3); the write plan is measured on the
  // engine's result for the whole sheet, as if the user had selected it.
  const wb = loadCsv(text, 'Orders');
  const selection = { sheet: 'Orders', address: `Orders!A1:H${LINES + 1}` };
  wb.resetStats();
  const t2 = performance.now();
  const report = await writeAnalysis(wb.run, result, {
    lang: 'zh',
    source: { sheet: selection.sheet, address: selection.address },
    isSetSupported: wb.isSetSupported,
  });
  emit(
    'Write of the 1,048,575-line result into the simulated Excel',
    Math.round(performance.now() - t2),
    'ms',
    '',
    `${report.syncs} syncs, sheets ${report.sheets.length}`,
  );
  emit(
    '  largest request / response of that write',
    `${wb.stats.largestRequest} / ${wb.stats.largestResponse}`,
    'bytes',
    '≤ 4,000,000',
  );
  emit('Peak heap of the in-process engine + write run', Math.round(process.memoryUsage().rss / 1e6), 'MB');
  rmSync(dir, { recursive: true, force: true });
}

void main();
