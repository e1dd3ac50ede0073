// Jest: compiles the WebAssembly tokenizer first when its source is newer (the CLI build does the same).
module.exports = async function globalSetup() {
  const { buildWasm } = await import('./build-wasm.mjs');
  await buildWasm();
};
