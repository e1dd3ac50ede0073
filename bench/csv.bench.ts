/**
 * CSV reading of Online Retail (47 MB, 541,909 lines, some quoted fields):
 * - src/io/csv.ts's tokenizer against papaparse as the CLI used it before (text in, rows of strings out);
 * - src/io/csvColumns.ts (bytes in, columns out: each distinct value once and a code per row) against
 *   parseDelimited on the already decoded text, with its JavaScript tokenizer and with the WebAssembly one
 *   the CLI uses (the file read into the module's memory, as the CLI reads it);
 * - the CLI as built (WebAssembly tokenizer) against the same CLI with the JavaScript tokenizer, and with
 *   rows of strings turned into columns.
 * Each measurement is a fresh process, so all start from the same empty heap; the readers' runs alternate,
 * so that load from other processes on the machine falls on all of them alike.
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
import { readDelimitedColumns } from '../src/io/csvColumns';
import csvScan from '../src/io/wasm/csvScan.wasm';
import { wasmTokenizer } from '../src/io/wasmTokenizer';

const emit = (name: string, value: number | string, unit: string, goal = '', note = ''): void => {
  process.stdout.write(JSON.stringify({ name, value, unit, goal, note }) + '\n');
};
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface ChildRun {
  ms: number;
  /** CPU time of the process (all threads, garbage collection included) during the read, ms. */
  cpu: number;
  rows: number;
  /** V8 heap in use after the read, MB (the parsed rows or the columns' values are still referenced). */
  heap: number;
  /** Array buffers, MB: the file's bytes and the code arrays for the columnar reader. */
  buffers: number;
}

/** Child mode: read the file once with the named reader and print the milliseconds and the memory used. */
function child(file: string, parser: string): void {
  let ms: number;
  let cpu: NodeJS.CpuUsage;
  let rows: number;
  let kept: unknown;
  if (parser === 'columns' || parser === 'wasm') {
    // The file's bytes are read before the clock starts, as the text is for the other readers; the
    // WebAssembly tokenizer's straight into its memory, as the CLI reads them.
    const tokenizer = parser === 'wasm' ? wasmTokenizer(csvScan) : undefined;
    const file_ = readFileSync(file);
    const bytes = tokenizer?.reserve ? tokenizer.reserve(file_.length) : new Uint8Array(file_.length);
    bytes.set(file_);
    const c = process.cpuUsage();
    const t = performance.now();
    const read = readDelimitedColumns(bytes, { tokenizer });
    ms = performance.now() - t;
    cpu = process.cpuUsage(c);
    rows = read.rows;
    kept = [bytes, read];
  } else {
    const text = readFileSync(file, 'utf8');
    const c = process.cpuUsage();
    const t = performance.now();
    let parsed: string[][];
    if (parser === 'papaparse') {
      parsed = Papa.parse<string[]>(text, {
        delimiter: ',',
        skipEmptyLines: false,
        dynamicTyping: false,
      }).data;
      if (parsed.length > 0 && parsed[parsed.length - 1].length === 1 && parsed[parsed.length - 1][0] === '')
        parsed.pop();
    } else parsed = parseDelimited(text, ',');
    ms = performance.now() - t;
    cpu = process.cpuUsage(c);
    rows = parsed.length;
    kept = [text, parsed];
  }
  const mem = process.memoryUsage();
  const out: ChildRun = {
    ms,
    cpu: (cpu.user + cpu.system) / 1000,
    rows,
    heap: mem.heapUsed / 1e6,
    buffers: mem.arrayBuffers / 1e6,
  };
  process.stdout.write(JSON.stringify(out) + '\n');
  void kept;
}

/**
 * A stand-in for src/io/csvColumns that reads as the CLI did before it: decode the text, parse rows of
 * strings, then turn them into columns (what the engine does with rows of cells).
 */
const ROWS_READER = `
import { detectDelimiter, parseDelimited } from './csv';
import { decodeText } from './decode';
import { columnarFromCells } from '../engine/ingest/columnar';
export function readDelimitedColumns(bytes: Uint8Array, opts: { delimiter?: string } = {}) {
  const { text, encoding } = decodeText(bytes);
  const delimiter = opts.delimiter ?? detectDelimiter(text);
  const { rows, columns } = columnarFromCells({ cells: parseDelimited(text, delimiter) });
  return { rows, columns, encoding, delimiter };
}`;

/** Wall times (median) and peak RSS (max) of CLI bundles on the file, --json, runs alternating. */
function timeClis(
  bundles: string[],
  file: string,
  hook: string,
  runs: number,
): { ms: number; rss: number }[] {
  const times = bundles.map((): number[] => []);
  const rss = bundles.map(() => 0);
  for (let k = 0; k < runs; k++) {
    bundles.forEach((bundle, b) => {
      const t = performance.now();
      const r = spawnSync(process.execPath, ['--require', hook, bundle, file, '--json'], {
        encoding: 'utf8',
        maxBuffer: 1 << 30,
      });
      times[b].push(performance.now() - t);
      if (r.status !== 0) throw new Error(r.stderr);
      rss[b] = Math.max(rss[b], Number(/MAXRSS (\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024);
    });
  }
  return bundles.map((_, b) => ({ ms: median(times[b]), rss: rss[b] }));
}

async function main(): Promise<void> {
  const [datasets, runsText, mode, parser] = process.argv.slice(2);
  const file = join(datasets, 'online_retail/online_retail.csv');
  if (mode === 'child') {
    child(file, parser);
    return;
  }
  const runs = Number(runsText ?? 5);
  const parsers = ['ours', 'papaparse', 'columns', 'wasm'];
  const out = new Map<string, ChildRun[]>(parsers.map((p) => [p, []]));
  for (let k = 0; k < runs; k++) {
    for (const p of parsers) {
      const r = spawnSync(
        process.execPath,
        ['scripts/run-ts.mjs', process.argv[1], datasets, '1', 'child', p],
        {
          encoding: 'utf8',
        },
      );
      if (r.status !== 0) throw new Error(r.stderr);
      out.get(p)!.push(JSON.parse(r.stdout) as ChildRun);
    }
  }
  const summary = (p: string): ChildRun => {
    const o = out.get(p)!;
    return {
      ms: median(o.map((x) => x.ms)),
      cpu: median(o.map((x) => x.cpu)),
      heap: median(o.map((x) => x.heap)),
      buffers: median(o.map((x) => x.buffers)),
      rows: o[0].rows,
    };
  };
  const ours = summary('ours');
  const papa = summary('papaparse');
  const cols = summary('columns');
  const wasm = summary('wasm');
  emit(
    `CSV parse of Online Retail: src/io/csv.ts / papaparse, median of ${runs} fresh processes`,
    Math.round((ours.ms / papa.ms) * 100) / 100,
    '×',
    '',
    `ours ${Math.round(ours.ms)} ms, heap ${Math.round(ours.heap)} MB; papaparse ${Math.round(papa.ms)} ms, heap ${Math.round(papa.heap)} MB; ${ours.rows} rows each`,
  );
  emit(
    `CSV read of Online Retail into columns from bytes (src/io/csvColumns.ts) / parseDelimited from decoded text, median of ${runs} fresh processes`,
    Math.round((cols.ms / ours.ms) * 100) / 100,
    '×',
    '≤ 200 ms',
    `columns ${Math.round(cols.ms)} ms, heap ${Math.round(cols.heap)} MB (+ ${Math.round(cols.buffers)} MB of array buffers: ` +
      `the file's bytes and the codes); parseDelimited ${Math.round(ours.ms)} ms, heap ${Math.round(ours.heap)} MB ` +
      `(the text included); ${cols.rows} rows each`,
  );

  emit(
    `CSV read of Online Retail into columns: the WebAssembly tokenizer (the CLI's) / the JavaScript one, median of ${runs} fresh processes`,
    Math.round((wasm.ms / cols.ms) * 100) / 100,
    '×',
    '',
    `WebAssembly ${Math.round(wasm.ms)} ms, JavaScript ${Math.round(cols.ms)} ms (values decoded to strings in both); ` +
      `${wasm.rows} rows each`,
  );

  // End to end: the CLI as built, against the same CLI reading rows of strings and turning them into columns.
  const dir = mkdtempSync(join('node_modules', '.cache', 'csv-bench-'));
  const variant = resolve(dir, 'segment-rows.cjs');
  const swapReader = {
    name: 'rows-reader',
    setup(b: PluginBuild): void {
      b.onResolve({ filter: /\/io\/csvColumns$/ }, () => ({ path: 'csvColumns', namespace: 'rows-reader' }));
      b.onLoad({ filter: /.*/, namespace: 'rows-reader' }, () => ({
        contents: ROWS_READER,
        loader: 'ts',
        resolveDir: resolve('src/io'),
      }));
    },
  };
  // Loaded at run time (not bundled into this script), so that it finds the repository from its own path.
  const { buildCli } = (await import(pathToFileURL(resolve('scripts/build-cli.mjs')).href)) as {
    buildCli: (o?: { out?: string; plugins?: unknown[] }) => Promise<void>;
  };
  await buildCli({ out: variant, plugins: [swapReader] });
  // The CLI with csvColumns' JavaScript tokenizer: a stand-in tokenizer that always declines.
  const jsVariant = resolve(dir, 'segment-js.cjs');
  const jsTokenizer = {
    name: 'js-tokenizer',
    setup(b: PluginBuild): void {
      b.onResolve({ filter: /\/csvTokenizer$/ }, () => ({ path: 'csvTokenizer', namespace: 'js-tokenizer' }));
      b.onLoad({ filter: /.*/, namespace: 'js-tokenizer' }, () => ({
        contents: 'export const cliTokenizer = { tokenize: () => null };',
        loader: 'ts',
      }));
    },
  };
  await buildCli({ out: jsVariant, plugins: [jsTokenizer] });
  await buildCli();
  const hook = resolve(dir, 'rss.cjs');
  writeFileSync(
    hook,
    "process.on('exit', () => process.stderr.write(`\\nMAXRSS ${process.resourceUsage().maxRSS}\\n`));\n",
  );
  const [cliCols, cliRows, cliJs] = timeClis(['dist/cli/segment.cjs', variant, jsVariant], file, hook, runs);
  rmSync(dir, { recursive: true, force: true });
  emit(
    `CLI on Online Retail --json with the WebAssembly tokenizer / with the JavaScript one, median of ${runs}`,
    Math.round((cliCols.ms / cliJs.ms) * 100) / 100,
    '×',
    'under 1 s',
    `wall ${Math.round(cliCols.ms)} vs ${Math.round(cliJs.ms)} ms; peak memory ${Math.round(cliCols.rss)} vs ${Math.round(cliJs.rss)} MB`,
  );
  emit(
    `CLI on Online Retail --json reading columns from bytes / reading rows of strings, median of ${runs}`,
    Math.round((cliCols.ms / cliRows.ms) * 100) / 100,
    '×',
    'under 1 s',
    `wall ${Math.round(cliCols.ms)} vs ${Math.round(cliRows.ms)} ms; peak memory ${Math.round(cliCols.rss)} vs ${Math.round(cliRows.rss)} MB`,
  );
}

void main();
