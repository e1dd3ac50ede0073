/**
 * Side by side (issue 6 item 5): the same work in the tools our users would otherwise use, timed in the
 * same run on the same data: pandas for RFM + ABC on Online Retail against our CLI, scikit-learn's KMeans
 * against our k-means, scipy's optimiser on the BG/NBD likelihood against our fit. Debian's
 * python3-pandas, python3-sklearn and python3-scipy are installed when missing (apt-get, as root).
 * Prints one JSON line per figure for scripts/bench.mjs; ratios are ours / theirs (below 1 = we are faster).
 * Usage: node scripts/run-ts.mjs bench/sidebyside.bench.ts DATASETS RUNS
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadFile } from '../src/cli/readInput';
import { analyze } from '../src/engine/analyze';
import { fitBgNbd } from '../src/engine/methods/clv/bgnbd';
import { fitGammaGamma } from '../src/engine/methods/clv/gammaGamma';
import { kmeans, kmeansData, runKmeans } from '../src/engine/methods/kmeans';
import { readNumericCsv } from './util';

// Debian's interpreter: the one apt's python3-* packages install into (a pyenv python3 on PATH lacks them).
const PYTHON = '/usr/bin/python3';
const PACKAGES = ['python3-pandas', 'python3-sklearn', 'python3-scipy'];

const emit = (name: string, value: number | string, unit: string, goal = '', note = ''): void => {
  process.stdout.write(JSON.stringify({ name, value, unit, goal, note }) + '\n');
};
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const r2 = (x: number): number => Math.round(x * 100) / 100;

function pythonReady(): boolean {
  return spawnSync(PYTHON, ['-c', 'import pandas, sklearn, scipy'], { stdio: 'ignore' }).status === 0;
}

function ensurePython(): boolean {
  if (pythonReady()) return true;
  process.stderr.write(`installing ${PACKAGES.join(' ')} …\n`);
  spawnSync('apt-get', ['install', '-y', ...PACKAGES], { stdio: ['ignore', 'ignore', 'inherit'] });
  return pythonReady();
}

/** Runs a script of bench/python; its last stdout line is JSON. Returns it and the process wall time. */
function python<T>(script: string, args: string[]): { out: T; ms: number } {
  const t = performance.now();
  const r = spawnSync(PYTHON, [join('bench/python', script), ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${script}: ${r.stderr}`);
  return { out: JSON.parse(r.stdout.trim().split('\n').pop() as string) as T, ms };
}

function medianTime(runs: number, fn: () => void): number {
  fn();
  const all: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t = performance.now();
    fn();
    all.push(performance.now() - t);
  }
  return median(all);
}

interface PandasOut {
  seconds: number;
  import_seconds: number;
  scored_customers: number;
  versions: Record<string, string>;
}
interface SklearnOut {
  fit_seconds: number;
  inertia: number;
  auto_seconds: number;
  auto_k: number;
  threads: number | null;
  versions: Record<string, string>;
}
interface ScipyOut {
  bgnbd_seconds: number;
  bgnbd_method: string;
  bgnbd_nelder_mead_seconds: number;
  bgnbd_bfgs_seconds: number;
  gamma_gamma_seconds: number;
  log_likelihood: number;
  versions: Record<string, string>;
}

async function main(): Promise<void> {
  const [datasets, runsText] = process.argv.slice(2);
  const runs = Number(runsText ?? 5);
  if (!ensurePython()) {
    emit(
      'Side by side with pandas, scikit-learn, scipy',
      'skipped',
      '',
      '',
      `${PYTHON} lacks ${PACKAGES.join(', ')}`,
    );
    return;
  }
  const retailPath = join(datasets, 'online_retail/online_retail.csv');

  // 1. RFM + ABC on Online Retail: our CLI (whole process) against a pandas script (whole process).
  const cliMs: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, ['dist/cli/segment.cjs', retailPath, '--json'], {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    });
    cliMs.push(performance.now() - t);
    if (r.status !== 0) throw new Error(r.stderr);
  }
  const pandasRuns = Array.from({ length: Math.min(runs, 3) }, () =>
    python<PandasOut>('rfm_abc.py', [retailPath]),
  );
  const pandasMs = median(pandasRuns.map((p) => p.ms));
  const pandasWork = median(pandasRuns.map((p) => p.out.seconds * 1000));
  const pv = pandasRuns[0].out;
  // Our in-process equivalent of pandas' work: read, parse, analyze (default methods).
  const inProcess: number[] = [];
  let customers = 0;
  for (let k = 0; k < Math.min(runs, 3); k++) {
    const t = performance.now();
    const loaded = await loadFile(retailPath);
    const res = await analyze(loaded.input, {});
    inProcess.push(performance.now() - t);
    customers = res.facts.n;
  }
  emit(
    'Side by side: our CLI / pandas (RFM + ABC on Online Retail, whole processes)',
    r2(median(cliMs) / pandasMs),
    '×',
    '≤ 0.5×',
    `CLI ${Math.round(median(cliMs))} ms (all default methods, JSON out) vs pandas ${Math.round(pandasMs)} ms (of which import ${Math.round(pv.import_seconds * 1000)} ms); pandas ${pv.versions.pandas}, numpy ${pv.versions.numpy}, Python ${pv.versions.python}; ${pv.scored_customers} scored customers in pandas, ${customers} customers in ours`,
  );
  emit(
    '  the work alone: our read + parse + analyze / pandas read_csv … ABC (in process)',
    r2(median(inProcess) / pandasWork),
    '×',
    '',
    `ours ${Math.round(median(inProcess))} ms vs pandas ${Math.round(pandasWork)} ms`,
  );

  // 2. k-means at the k our automatic choice makes, on the same z-scores, against scikit-learn.
  const base = await analyze((await loadFile(retailPath)).input, { methods: ['rfm'] });
  const { facts } = base;
  const { data, n, d } = kmeansData(facts, [facts.recency, facts.frequency, facts.monetary]);
  const ctx = { facts, tx: null, options: {}, earlier: new Map() };
  let autoModel = { k: 0 };
  const autoMs = medianTime(runs, () => {
    autoModel = runKmeans(ctx).model as { k: number };
  });
  const k = autoModel.k;
  let inertia = 0;
  const fitMs = medianTime(runs, () => {
    inertia = kmeans(data, n, d, k, 42 + k).inertia;
  });
  const dir = mkdtempSync(join(tmpdir(), 'sidebyside-'));
  const file = join(dir, 'features.f64');
  writeFileSync(file, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  const sk = python<SklearnOut>('kmeans_sklearn.py', [
    file,
    String(n),
    String(d),
    String(k),
    String(runs),
  ]).out;
  rmSync(dir, { recursive: true, force: true });
  emit(
    `Side by side: our k-means / scikit-learn KMeans (k = ${k}, k-means++, n_init = 10, ${n} customers × ${d} features)`,
    r2(fitMs / (sk.fit_seconds * 1000)),
    '×',
    '≤ 1.0× at ≤ 1.01× inertia',
    `ours ${r2(fitMs)} ms, inertia ${inertia.toFixed(3)} vs scikit-learn ${r2(sk.fit_seconds * 1000)} ms, inertia ${sk.inertia.toFixed(3)} (inertia ratio ${(inertia / sk.inertia).toFixed(4)}); scikit-learn ${sk.versions.sklearn} (${sk.threads ?? '?'} threads), numpy ${sk.versions.numpy}`,
  );
  emit(
    '  automatic k (k = 2..8 and silhouettes on ≤ 5,000): ours / scikit-learn',
    r2(autoMs / (sk.auto_seconds * 1000)),
    '×',
    '',
    `ours ${Math.round(autoMs)} ms (k = ${k}) vs KMeans × 7 + silhouette_score ${Math.round(sk.auto_seconds * 1000)} ms (k = ${sk.auto_k})`,
  );

  // 3. BG/NBD (and Gamma-Gamma) maximum likelihood on the CDNOW summary against scipy.optimize.minimize.
  const summaryPath = join(datasets, 'lifetimes/cdnow_customers_summary_with_transactions.csv');
  const cd = readNumericCsv(summaryPath);
  let ll = 0;
  const bgMs = medianTime(runs, () => {
    ll = fitBgNbd({ x: cd.x, tx: cd.t_x, T: cd.T }).logLikelihood;
  });
  const ggMs = medianTime(runs, () => fitGammaGamma(cd.x, cd.zbar));
  const sp = python<ScipyOut>('bgnbd_scipy.py', [summaryPath, String(runs)]).out;
  emit(
    'Side by side: our BG/NBD fit / scipy.optimize.minimize on the same likelihood (CDNOW, 2,357 customers)',
    r2(bgMs / (sp.bgnbd_seconds * 1000)),
    '×',
    '≤ 1.0×',
    `ours ${r2(bgMs)} ms (LL ${ll.toFixed(2)}) vs scipy ${sp.bgnbd_method} ${r2(sp.bgnbd_seconds * 1000)} ms (LL ${sp.log_likelihood.toFixed(2)}; Nelder-Mead ${r2(sp.bgnbd_nelder_mead_seconds * 1000)} ms, BFGS ${r2(sp.bgnbd_bfgs_seconds * 1000)} ms); scipy ${sp.versions.scipy}, numpy ${sp.versions.numpy}`,
  );
  emit(
    '  Gamma-Gamma fit: ours / scipy Nelder-Mead',
    r2(ggMs / (sp.gamma_gamma_seconds * 1000)),
    '×',
    '',
    `ours ${r2(ggMs)} ms vs scipy ${r2(sp.gamma_gamma_seconds * 1000)} ms`,
  );
}

void main();
