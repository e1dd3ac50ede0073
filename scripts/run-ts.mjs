// Runs a TypeScript file of this repository (bundled on the fly with esbuild): node scripts/run-ts.mjs FILE.ts [args…]
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildWasm } from './build-wasm.mjs';

const [entry, ...rest] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs FILE.ts [args…]');
  process.exit(2);
}
// Inside the repository so that external packages resolve from its node_modules.
const cache = join(dirname(fileURLToPath(import.meta.url)), '../node_modules/.cache');
mkdirSync(cache, { recursive: true });
const dir = mkdtempSync(join(cache, 'run-ts-'));
const outfile = join(dir, 'main.mjs');
await buildWasm();
await build({
  entryPoints: [resolve(entry)],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  loader: { '.wasm': 'binary' },
  logLevel: 'warning',
});
process.argv = [process.argv[0], resolve(entry), ...rest];
try {
  await import(pathToFileURL(outfile).href);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
