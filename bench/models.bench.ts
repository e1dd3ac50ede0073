/**
 * Model benchmarks (issue 5): k-means with automatic k on Online Retail's customers, the BG/NBD and
 * Gamma-Gamma fits on the CDNOW summary, and the clv method on the CDNOW transactions.
 * Prints one JSON line per figure for scripts/bench.mjs.
 * Usage: node scripts/run-ts.mjs bench/models.bench.ts DATASETS RUNS
 */
import { join } from 'node:path';
import { loadFile } from '../src/cli/readInput';
import { analyze } from '../src/engine/analyze';
import { fitBgNbd } from '../src/engine/methods/clv/bgnbd';
import { fitGammaGamma } from '../src/engine/methods/clv/gammaGamma';
import { kmeans, kmeansData, runKmeans, silhouettes } from '../src/engine/methods/kmeans';
import { mulberry32, sampleIndices } from '../src/engine/methods/random';
import { readNumericCsv } from './util';

const emit = (name: string, value: number | string, unit: string, goal = '', note = ''): void => {
  process.stdout.write(JSON.stringify({ name, value, unit, goal, note }) + '\n');
};
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Median wall time of fn over runs (after one warm-up run, as a worker that has run before). */
function time<T>(runs: number, fn: () => T): { ms: number; all: number[]; value: T } {
  let value = fn();
  const all: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t = performance.now();
    value = fn();
    all.push(performance.now() - t);
  }
  return { ms: median(all), all, value };
}
const fmt = (xs: number[]): string => xs.map((x) => Math.round(x)).join(', ');

async function main(): Promise<void> {
  const [datasets, runsText] = process.argv.slice(2);
  const runs = Number(runsText ?? 5);

  // 1. k-means, automatic k, on Online Retail's customers (the facts of a default analysis).
  const retail = await loadFile(join(datasets, 'online_retail/online_retail.csv'));
  const base = await analyze(retail.input, { methods: ['rfm'] });
  const ctx = { facts: base.facts, tx: null, options: {}, earlier: new Map() };
  const auto = time(runs, () => runKmeans(ctx));
  const model = auto.value.model as { k: number; inertia: number; silhouette: number; customers: number };
  emit(
    `k-means, automatic k (2..8, 10 restarts each, silhouette on ≤ 5,000), Online Retail's ${model.customers} customers, median of ${runs}`,
    Math.round(auto.ms),
    'ms',
    '< 500 ms',
    `k = ${model.k}, silhouette ${model.silhouette.toFixed(4)}, inertia ${model.inertia.toFixed(2)}; runs ${fmt(auto.all)}`,
  );
  // Where the time goes: the 7 × 10 fits, and the silhouettes of the 7 candidates.
  const { data, n, d } = kmeansData(base.facts, [
    base.facts.recency,
    base.facts.frequency,
    base.facts.monetary,
  ]);
  const fits = time(runs, () => Array.from({ length: 7 }, (_, j) => kmeans(data, n, d, j + 2, 42 + j + 2)));
  const sample = sampleIndices(n, 5000, mulberry32(42 ^ 0x5bd1e995));
  const sil = time(runs, () => silhouettes(data, d, sample, fits.value));
  emit('  of which the 70 k-means fits (k = 2..8)', Math.round(fits.ms), 'ms', '', `runs ${fmt(fits.all)}`);
  emit(
    '  of which the silhouettes of the 7 candidates',
    Math.round(sil.ms),
    'ms',
    '',
    `runs ${fmt(sil.all)}`,
  );

  // 2. BG/NBD + Gamma-Gamma fits on the CDNOW summary (2,357 customers; the published figures).
  const cd = readNumericCsv(join(datasets, 'lifetimes/cdnow_customers_summary_with_transactions.csv'));
  const fit = time(runs, () => ({
    bg: fitBgNbd({ x: cd.x, tx: cd.t_x, T: cd.T }),
    gg: fitGammaGamma(cd.x, cd.zbar),
  }));
  const bgOnly = time(runs, () => fitBgNbd({ x: cd.x, tx: cd.t_x, T: cd.T }));
  const { r, alpha, a, b } = fit.value.bg.params;
  const { p, q, gamma } = fit.value.gg.params;
  emit(
    `BG/NBD + Gamma-Gamma fit on the CDNOW summary (2,357 customers), median of ${runs}`,
    Math.round(fit.ms * 10) / 10,
    'ms',
    '< 200 ms',
    `BG/NBD alone ${bgOnly.ms.toFixed(1)} ms; r ${r.toFixed(3)}, α ${alpha.toFixed(3)}, a ${a.toFixed(3)}, b ${b.toFixed(3)}, LL ${fit.value.bg.logLikelihood.toFixed(1)}; p ${p.toFixed(2)}, q ${q.toFixed(2)}, γ ${gamma.toFixed(2)}`,
  );

  // 3. The clv method on the CDNOW transactions, as the CLI runs it.
  const cdnow = await loadFile(join(datasets, 'clv/cdnow_transactions.csv'));
  const options = {
    map: { customer_id: 'id', order_date: 'date', amount: 'spent' },
    asOf: '1997-09-30',
    methods: ['clv' as const],
    clv: { period: 'week' as const },
  };
  const clvTimes: number[] = [];
  const wholeTimes: number[] = [];
  await analyze(cdnow.input, options);
  for (let k = 0; k < runs; k++) {
    const t = performance.now();
    const res = await analyze(cdnow.input, options);
    wholeTimes.push(performance.now() - t);
    clvTimes.push(res.timings['method.clv']);
  }
  emit(
    `clv method (BG/NBD, Gamma-Gamma, retention, migration) on the CDNOW transactions (6,919 lines), median of ${runs}`,
    Math.round(median(clvTimes) * 10) / 10,
    'ms',
    '',
    `whole analyze ${Math.round(median(wholeTimes))} ms; runs ${fmt(clvTimes)}`,
  );
}

void main();
