/**
 * In-process engine benchmarks. Prints one JSON object on stdout. Run through scripts/bench.mjs.
 * Usage: node scripts/run-ts.mjs bench/engine.bench.ts DATASETS_DIR RUNS
 */
import { join } from 'node:path';
import { loadFile } from '../src/cli/readInput';
import { analyze } from '../src/engine/analyze';
import { cellsOf, columnarFromCells, toColumnar } from '../src/engine/ingest/columnar';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const [datasets, runsText] = process.argv.slice(2);
  const runs = Number(runsText ?? 5);
  const results: Record<string, unknown> = {};

  const t0 = performance.now();
  const loaded = await loadFile(join(datasets, 'online_retail/online_retail.csv'));
  results.online_retail_read_ms = Math.round(performance.now() - t0);
  // The engine's input: the block by column, as the CLI's reader and the pane's reader both give it.
  const input = toColumnar(loaded.input);
  const times: number[] = [];
  let stages: Record<string, number> = {};
  for (let k = 0; k < runs; k++) {
    const t = performance.now();
    const r = await analyze(input, {});
    times.push(performance.now() - t);
    stages = r.timings;
    results.online_retail_customers = r.facts.n;
  }
  results.online_retail_engine_ms = Math.round(median(times));
  results.online_retail_engine_runs_ms = times.map(Math.round);
  results.online_retail_engine_stages_ms = stages;
  results.heap_used_mb = Math.round(process.memoryUsage().heapUsed / 1e6);

  // What the pane pays on top: Excel hands over rows of cells, which the reader turns into columns chunk
  // by chunk as they arrive (here in one go, on the same 4.3 million cells).
  const cells = cellsOf(input);
  const conv: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t = performance.now();
    columnarFromCells({ cells });
    conv.push(performance.now() - t);
  }
  results.online_retail_cells_to_columns_ms = Math.round(median(conv));
  process.stdout.write(JSON.stringify(results) + '\n');
}

void main();
