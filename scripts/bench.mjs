// npm run bench: times the CLI and the engine on real and generated data and writes BENCHMARKS.md.
// Goals are stated beside each figure; nothing here fails a build (speed goals are not timed tests).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const datasets = resolve(process.env.SEGMENT_DATASETS ?? join(root, '../shared/datasets'));
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const retail = join(datasets, 'online_retail/online_retail.csv');
if (!existsSync(retail)) {
  console.error(`Datasets not found at ${datasets} (set SEGMENT_DATASETS).`);
  process.exit(2);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
const record = (name, value, unit, goal = '', note = '') => {
  rows.push({ name, value, unit, goal, note });
  console.log(`${name}: ${value} ${unit}${goal ? `  (goal ${goal})` : ''}${note ? `  ${note}` : ''}`);
};

// A preload that reports the process's peak resident memory when it exits.
const tmp = mkdtempSync(join(tmpdir(), 'bench-'));
const rssHook = join(tmp, 'rss.cjs');
writeFileSync(
  rssHook,
  "process.on('exit', () => process.stderr.write(`\\nMAXRSS ${process.resourceUsage().maxRSS}\\n`));\n",
);

/** Run a command RUNS times; median wall time in ms and the largest peak RSS in MB. */
function timeCommand(args, runs = RUNS, env = process.env) {
  const times = [];
  let rss = 0;
  let last;
  for (let k = 0; k < runs; k++) {
    const t = performance.now();
    last = spawnSync(process.execPath, ['--require', rssHook, ...args], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      env,
    });
    times.push(performance.now() - t);
    if (last.status !== 0) throw new Error(`${args.join(' ')} failed: ${last.stderr}`);
    const m = /MAXRSS (\d+)/.exec(last.stderr);
    if (m) rss = Math.max(rss, Number(m[1]) / 1024);
  }
  return {
    ms: Math.round(median(times)),
    all: times.map(Math.round),
    rss: Math.round(rss),
    stdout: last.stdout,
  };
}

/**
 * Two fixed plain-JavaScript workloads that say how fast this shared machine is right now, so that figures
 * taken on different days can be compared: a cache-friendly typed-array pass over 541,909 rows (the shape of
 * ingest's row loop) and the same number of random reads from a 64 MB table (the cache misses that dominate
 * reading a large file, and that other tenants of the machine make slower).
 */
function calibrate() {
  const N = 541_909;
  const a = new Int32Array(N);
  const b = new Int32Array(N);
  const big = new Float64Array(8 << 20);
  let seed = 1;
  for (let i = 0; i < N; i++) {
    a[i] = i % 4000;
    seed = (Math.imul(seed, 1103515245) + 12345) | 0;
    b[i] = (seed >>> 8) & (big.length - 1);
  }
  for (let i = 0; i < big.length; i++) big[i] = i;
  const va = new Float64Array(4000).map((_, i) => i * 0.5);
  const pass = [];
  const gather = [];
  let sink = 0;
  for (let k = 0; k < 15; k++) {
    let t = performance.now();
    const out = new Float64Array(N);
    let n = 0;
    for (let r = 0; r < N; r++) {
      const x = va[a[r]] * 1.5;
      if (x > 1e15) continue;
      out[n++] = x;
    }
    pass.push(performance.now() - t);
    t = performance.now();
    let s = 0;
    for (let r = 0; r < N; r++) s += big[b[r]];
    gather.push(performance.now() - t);
    sink += s + out[n - 1];
  }
  const m = (xs) => Math.round(median(xs.slice(5)) * 10) / 10;
  return sink > 0 ? `${m(pass)} + ${m(gather)}` : '';
}
const speedBefore = calibrate();

console.log('building the CLI …');
spawnSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: root, stdio: 'inherit' });
const cli = join(root, 'dist/cli/segment.cjs');

// 1. The CLI end to end on Online Retail (541,909 lines), JSON out, no workbook.
const c = timeCommand([cli, retail, '--json']);
const doc = JSON.parse(c.stdout);
record(
  'CLI on Online Retail (541,909 lines) --json, wall time, median of ' + RUNS,
  c.ms,
  'ms',
  '≤ 1,000 ms',
  `runs ${c.all.join(', ')}`,
);
record('CLI on Online Retail, peak memory', c.rss, 'MB');

// Node's own start is part of every CLI figure. A machine that sets NODE_EXTRA_CA_CERTS (this one does) makes
// Node 20 parse that certificate file and its own root certificates at every start, before any of our
// code runs (nodejs/node#40524); the CLI opens no connection and has no use for them.
const nodeStart = timeCommand(['-e', '0']);
if (process.env.NODE_EXTRA_CA_CERTS) {
  const withoutCa = { ...process.env, NODE_EXTRA_CA_CERTS: '' };
  const bare = timeCommand(['-e', '0'], RUNS, withoutCa);
  record(
    "Node's own start (node -e 0), median of " + RUNS,
    nodeStart.ms,
    'ms',
    '',
    `${bare.ms} ms with NODE_EXTRA_CA_CERTS cleared (this machine sets it)`,
  );
  const cBare = timeCommand([cli, retail, '--json'], RUNS, withoutCa);
  record(
    'CLI on Online Retail --json with NODE_EXTRA_CA_CERTS cleared, wall time, median of ' + RUNS,
    cBare.ms,
    'ms',
    '',
    `runs ${cBare.all.join(', ')}`,
  );
} else record("Node's own start (node -e 0), median of " + RUNS, nodeStart.ms, 'ms');

// 2. The engine alone (the block already in memory, by column).
const e = spawnSync(
  process.execPath,
  ['scripts/run-ts.mjs', 'bench/engine.bench.ts', datasets, String(RUNS)],
  {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  },
);
if (e.status !== 0) throw new Error(e.stderr);
const eng = JSON.parse(e.stdout.trim().split('\n').pop());
record(
  'Engine alone on Online Retail (analyze on the block by column, as both readers give it), median of ' +
    RUNS,
  eng.online_retail_engine_ms,
  'ms',
  '≤ 300 ms',
  `runs ${eng.online_retail_engine_runs_ms.join(', ')}`,
);
record(
  '  of which (last run), per stage',
  Object.entries(eng.online_retail_engine_stages_ms)
    .map(([k, v]) => `${k} ${Math.round(v)}`)
    .join(', '),
  'ms',
);
record('File read and CSV parse of Online Retail (47 MB)', eng.online_retail_read_ms, 'ms');
record(
  'Rows of cells to columns, Online Retail (4.3 M cells; the pane does this chunk by chunk while reading)',
  eng.online_retail_cells_to_columns_ms,
  'ms',
);

// 3. Extra benchmark modules (k-means, BG/NBD, write plan, the side-by-side with pandas, scikit-learn and
// scipy, Excel-size scale, …).
for (const extra of [
  'bench/csv.bench.ts',
  'bench/models.bench.ts',
  'bench/write.bench.ts',
  'bench/sidebyside.bench.ts',
  'bench/scale.bench.ts',
]) {
  if (!existsSync(join(root, extra))) continue;
  const r = spawnSync(
    process.execPath,
    ['--max-old-space-size=8192', 'scripts/run-ts.mjs', extra, datasets, String(RUNS)],
    {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    },
  );
  if (r.status !== 0) {
    record(extra, 'failed', '', '', r.stderr.split('\n').slice(-3).join(' '));
    continue;
  }
  for (const line of r.stdout.trim().split('\n')) {
    if (!line.startsWith('{')) continue;
    const x = JSON.parse(line);
    record(x.name, x.value, x.unit ?? '', x.goal ?? '', x.note ?? '');
  }
}
if (existsSync(join(root, 'scripts/bundle-size.mjs')) && existsSync(join(root, 'dist/taskpane.html'))) {
  const b = spawnSync(process.execPath, ['scripts/bundle-size.mjs', '--json'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (b.status === 0) {
    try {
      // bundle-size.mjs prints one (pretty-printed) JSON document: {initial: [...], total: {raw, gzip}, …}.
      const x = JSON.parse(b.stdout);
      const kb = x.initialGzipKB ?? (x.total?.gzip !== undefined ? Math.round(x.total.gzip / 1024) : x.value);
      const files = Array.isArray(x.initial) ? x.initial.map((f) => f.file).join(', ') : '';
      record('Task pane initial JavaScript, gzipped', kb, 'KB', '≤ 350 KB', x.note ?? files);
    } catch {
      record('Task pane bundle', b.stdout.trim().split('\n').pop(), '');
    }
  }
}

const speedAfter = calibrate();
record(
  'Machine speed reference: a fixed 541,909-row typed-array pass + as many random reads from 64 MB, medians (at the start / at the end of this run)',
  `${speedBefore} / ${speedAfter}`,
  'ms',
  '',
  'for comparing runs taken on different days: larger means the shared machine was slower',
);

// 4. BENCHMARKS.md
const cpu = cpus()[0]?.model ?? 'unknown CPU';
const machine = `${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`;
const when = new Date().toISOString().slice(0, 10);
const md = [
  '# Benchmarks',
  '',
  `Command: \`npm run bench\` (set \`SEGMENT_DATASETS\` if the datasets are not at \`../shared/datasets\`; \`BENCH_RUNS\` for the number of runs, default 5).`,
  `Machine: ${machine}. Date: ${when}. Customers in Online Retail: ${doc.customers.length}.`,
  '',
  '| what | result | goal | notes |',
  '|---|---|---|---|',
  ...rows.map((r) => `| ${r.name} | ${r.value} ${r.unit} | ${r.goal} | ${r.note} |`),
  '',
  readFileSync(join(root, 'bench/NOTES.md'), 'utf8').trim(),
  '',
].join('\n');
writeFileSync(join(root, 'BENCHMARKS.md'), md);
console.log('\nwrote BENCHMARKS.md');
