/** A .wasm file imported as its bytes (esbuild's binary loader in the CLI build; a transform in jest). */
declare module '*.wasm' {
  const bytes: Uint8Array<ArrayBuffer>;
  export default bytes;
}
