/**
 * Write-back benchmark (DESIGN §8): a 100,000-customer analysis written into the simulated Excel (src/sim)
 * through writeAnalysis, the same code path the pane uses: wall time, number of syncs (round trips to
 * Excel) and the largest request and response.
 * Prints one JSON line per figure for scripts/bench.mjs.
 * Usage: node scripts/run-ts.mjs bench/write.bench.ts DATASETS RUNS
 */
import { analyze } from '../src/engine/analyze';
import type { Cell } from '../src/engine/types';
import { mulberry32 } from '../src/engine/methods/random';
import { writeAnalysis } from '../src/excel';
import { loadCsv } from '../src/sim';

const CUSTOMERS = 100_000;
const emit = (name: string, value: number | string, unit: string, goal = '', note = ''): void => {
  process.stdout.write(JSON.stringify({ name, value, unit, goal, note }) + '\n');
};
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A customer list of 100,000 rows (seeded): id, name, region, last purchase, orders, spend. */
function generateCsv(): string {
  const rand = mulberry32(100_000).next;
  const regions = ['East', 'West', 'North', 'South', 'Central'];
  const lines = ['Customer ID,Customer Name,Region,Last Purchase Date,Orders,Sales'];
  for (let i = 0; i < CUSTOMERS; i++) {
    const d = new Date(Date.UTC(2024, 0, 1) + Math.floor(730 * rand()) * 86_400_000);
    const orders = 1 + Math.floor(20 * rand() ** 2);
    const sales = Math.round(orders * (20 + 480 * rand()) * 100) / 100;
    lines.push(
      `C${String(i).padStart(6, '0')},Customer ${i},${regions[i % 5]},${d.toISOString().slice(0, 10)},${orders},${sales.toFixed(2)}`,
    );
  }
  return lines.join('\n') + '\n';
}

async function main(): Promise<void> {
  const runs = Math.max(1, Math.min(Number(process.argv[3] ?? 3), 3));
  const text = generateCsv();
  const cells: Cell[][] = text
    .trimEnd()
    .split('\n')
    .map((l) => l.split(','));
  const result = await analyze({ cells, sheet: 'Customers' }, {});
  const times: number[] = [];
  let syncs = 0;
  let largestRequest = 0;
  let largestResponse = 0;
  let sheets = 0;
  for (let k = 0; k < runs; k++) {
    // A fresh workbook each run: the write adds sheets and columns beside the list.
    const wb = loadCsv(text, 'Customers');
    wb.resetStats();
    const t = performance.now();
    const report = await writeAnalysis(wb.run, result, {
      lang: 'en',
      source: { sheet: 'Customers', address: `Customers!A1:F${CUSTOMERS + 1}` },
      isSetSupported: wb.isSetSupported,
    });
    times.push(performance.now() - t);
    syncs = report.syncs;
    sheets = report.sheets.length;
    largestRequest = wb.stats.largestRequest;
    largestResponse = wb.stats.largestResponse;
  }
  emit(
    `Write of a 100,000-customer analysis into the simulated Excel (writeAnalysis), median of ${runs}`,
    Math.round(median(times)),
    'ms',
    '',
    `${result.input.kind}, ${result.facts.n} customers, ${sheets} sheets`,
  );
  emit('  syncs (round trips) of that write', syncs, '');
  emit(
    '  largest request / response of that write',
    `${largestRequest} / ${largestResponse}`,
    'bytes',
    '≤ 4,000,000',
  );
}

void main();
