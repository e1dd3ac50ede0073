// Compiles the AssemblyScript tokenizer (src/io/wasm/csvScan.ts) to WebAssembly when the source is newer.
import asc from 'assemblyscript/asc';
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'src/io/wasm/csvScan.ts');
export const wasmFile = join(root, 'src/io/wasm/csvScan.wasm');

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/** Builds the .wasm (unless it is newer than its source and `force` is false). */
export async function buildWasm({ force = false } = {}) {
  if (!force && mtime(wasmFile) >= mtime(source)) return;
  const { error, stderr } = await asc.main([
    source,
    '--outFile',
    wasmFile,
    '--optimizeLevel',
    '3',
    '--shrinkLevel',
    '0',
    // No garbage collector: the module manages raw memory only.
    '--runtime',
    'stub',
    '--noAssert',
    // 16-byte vector compares find field ends (Node 16.4+ and every current browser have them).
    '--enable',
    'simd',
  ]);
  if (error) {
    throw new Error(`AssemblyScript could not compile ${source}:\n${stderr.toString()}`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildWasm({ force: process.argv.includes('--force') });
}
