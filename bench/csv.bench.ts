/**
 * CSV parsing of Online Retail (47 MB, 541,909 lines, some quoted fields): src/io/csv.ts's tokenizer against
 * papaparse as the CLI used it before (text in, rows of strings out, every value kept as text). Each
 * measurement is a fresh process, so both start from the same empty heap.
 * Prints one JSON line per figure for scripts/bench.mjs.
 * Usage: node scripts/run-ts.mjs bench/csv.bench.ts DATASETS RUNS
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PluginBuild } from 'esbuild';
import Papa from 'papaparse';
import { parseDelimited } from '../src/io/csv';

const emit = (name: string, value: number | string, unit: string, goal = '', note = ''): void => {
  process.stdout.write(JSON.stringify({ name, value, unit, goal, note }) + '\n');
};
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Child mode: parse once with the named parser and print the milliseconds and the heap used. */
function child(file: string, parser: string): void {
  const text = readFileSync(file, 'utf8');
  const t = performance.now();
  let rows: string[][];
  if (parser === 'papaparse') {
    rows = Papa.parse<string[]>(text, { delimiter: ',', skipEmptyLines: false, dynamicTyping: false }).data;
    if (rows.length > 0 && rows[rows.length - 1].length === 1 && rows[rows.length - 1][0] === '') rows.pop();
  } else rows = parseDelimited(text, ',');
  const ms = performance.now() - t;
  process.stdout.write(
    JSON.stringify({ ms, rows: rows.length, heap: process.memoryUsage().heapUsed / 1e6 }) + '\n',
  );
}

/** The papaparse-based parseDelimited the CLI used before (same trailing-row rule, every value as text). */
const PAPAPARSE_CSV = `
import Papa from 'papaparse';
export function parseDelimited(text, delimiter = ',') {
  if (text.trim() === '') return [];
  const rows = Papa.parse(text, { delimiter, skipEmptyLines: false, dynamicTyping: false }).data;
  if (rows.length > 0 && rows[rows.length - 1].length === 1 && rows[rows.length - 1][0] === '') rows.pop();
  return rows;
}`;

/** Wall times (median) and peak RSS (max) of the CLI bundle on the file, --json, over runs. */
function timeCli(bundle: string, file: string, hook: string, runs: number): { ms: number; rss: number } {
  const times: number[] = [];
  let rss = 0;
  for (let k = 0; k < runs; k++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, ['--require', hook, bundle, file, '--json'], {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    });
    times.push(performance.now() - t);
    if (r.status !== 0) throw new Error(r.stderr);
    rss = Math.max(rss, Number(/MAXRSS (\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024);
  }
  return { ms: median(times), rss };
}

async function main(): Promise<void> {
  const [datasets, runsText, mode, parser] = process.argv.slice(2);
  const file = join(datasets, 'online_retail/online_retail.csv');
  if (mode === 'child') {
    child(file, parser);
    return;
  }
  const runs = Number(runsText ?? 5);
  const measure = (p: string): { ms: number; heap: number; rows: number } => {
    const out = Array.from({ length: runs }, () => {
      const r = spawnSync(
        process.execPath,
        ['scripts/run-ts.mjs', process.argv[1], datasets, '1', 'child', p],
        {
          encoding: 'utf8',
        },
      );
      if (r.status !== 0) throw new Error(r.stderr);
      return JSON.parse(r.stdout) as { ms: number; heap: number; rows: number };
    });
    return { ms: median(out.map((o) => o.ms)), heap: median(out.map((o) => o.heap)), rows: out[0].rows };
  };
  const ours = measure('ours');
  const papa = measure('papaparse');
  emit(
    `CSV parse of Online Retail: src/io/csv.ts / papaparse, median of ${runs} fresh processes`,
    Math.round((ours.ms / papa.ms) * 100) / 100,
    '×',
    '',
    `ours ${Math.round(ours.ms)} ms, heap ${Math.round(ours.heap)} MB; papaparse ${Math.round(papa.ms)} ms, heap ${Math.round(papa.heap)} MB; ${ours.rows} rows each`,
  );

  // End to end: the CLI as built, against the same CLI built with the papaparse parseDelimited.
  const dir = mkdtempSync(join('node_modules', '.cache', 'csv-bench-'));
  const variant = resolve(dir, 'segment-papaparse.cjs');
  const swapCsv = {
    name: 'papaparse-csv',
    setup(b: PluginBuild): void {
      b.onResolve({ filter: /\/io\/csv$/ }, () => ({ path: 'csv', namespace: 'papaparse-csv' }));
      b.onLoad({ filter: /.*/, namespace: 'papaparse-csv' }, () => ({
        contents: PAPAPARSE_CSV,
        loader: 'js',
        resolveDir: process.cwd(),
      }));
    },
  };
  // Loaded at run time (not bundled into this script), so that it finds the repository from its own path.
  const { buildCli } = (await import(pathToFileURL(resolve('scripts/build-cli.mjs')).href)) as {
    buildCli: (o?: { out?: string; plugins?: unknown[] }) => Promise<void>;
  };
  await buildCli({ out: variant, plugins: [swapCsv] });
  await buildCli();
  const hook = resolve(dir, 'rss.cjs');
  writeFileSync(
    hook,
    "process.on('exit', () => process.stderr.write(`\\nMAXRSS ${process.resourceUsage().maxRSS}\\n`));\n",
  );
  const cliOurs = timeCli('dist/cli/segment.cjs', file, hook, runs);
  const cliPapa = timeCli(variant, file, hook, runs);
  rmSync(dir, { recursive: true, force: true });
  emit(
    `CLI on Online Retail --json with src/io/csv.ts / with papaparse, median of ${runs}`,
    Math.round((cliOurs.ms / cliPapa.ms) * 100) / 100,
    '×',
    '',
    `wall ${Math.round(cliOurs.ms)} vs ${Math.round(cliPapa.ms)} ms; peak memory ${Math.round(cliOurs.rss)} vs ${Math.round(cliPapa.rss)} MB`,
  );
}

void main();
