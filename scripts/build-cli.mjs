// Bundles the `segment` CLI into one CommonJS file so it starts fast (no TypeScript loader at run time).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { buildWasm } from './build-wasm.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const outfile = join(root, 'dist/cli/segment.cjs');

/**
 * ExcelJS is large and only needed for .xlsx: it stays a run-time require from node_modules, and a lazy
 * one. Our sources import it at the top of a module, which would load and compile it (a few hundred ms)
 * on every run, CSV included; this stand-in requires it on first use of its default export.
 */
// JSZip (for Strict Open XML workbooks) gets the same treatment; bundling it would also inline its
// setImmediate polyfill, whose `new Function` the security test rightly refuses.
const lazyExcelJs = {
  name: 'lazy-exceljs',
  setup(b) {
    b.onResolve({ filter: /^(exceljs|jszip)$/ }, (args) =>
      args.namespace === 'lazy-exceljs'
        ? { path: args.path, external: true }
        : { path: args.path, namespace: 'lazy-exceljs' },
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-exceljs' }, (args) => ({
      contents:
        "let m;\nObject.defineProperty(exports, '__esModule', { value: true });\n" +
        `Object.defineProperty(exports, 'default', { enumerable: true, get: () => (m ??= require('${args.path}')) });\n`,
      loader: 'js',
    }));
  },
};

/** Builds the bundle; a benchmark may build a variant elsewhere with extra plugins (bench/csv.bench.ts). */
export async function buildCli({ out = outfile, plugins = [] } = {}) {
  await buildWasm();
  await build({
    entryPoints: [join(root, 'src/cli/main.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    plugins: [...plugins, lazyExcelJs],
    // The WebAssembly tokenizer is embedded as bytes (a few kB).
    loader: { '.wasm': 'binary' },
    sourcemap: 'linked',
    banner: { js: '#!/usr/bin/env node' },
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildCli();
}
