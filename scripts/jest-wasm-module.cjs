// Jest: the WebAssembly tokenizer's import (`…/csvScan.wasm`) as its bytes, as esbuild's binary loader gives
// them in the CLI bundle. jest-global-setup.cjs has compiled the file.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

module.exports = {
  __esModule: true,
  default: new Uint8Array(readFileSync(join(__dirname, '../src/io/wasm/csvScan.wasm'))),
};
