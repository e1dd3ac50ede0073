/**
 * The WebAssembly byte tokenizer (src/io/wasm/csvScan.ts) behind csvColumns' ByteTokenizer interface.
 *
 * It finds the fields and each column's distinct byte strings; csvColumns turns those into text. Each read
 * gets its own instance: the codes it returns are views of that instance's memory, which lives as long as
 * they do. Browser-safe (WebAssembly only), though only the CLI uses it: the task pane reads Excel's values,
 * not files, and a pane page would need 'wasm-unsafe-eval' in its content security policy.
 */

/** One column as the tokenizer leaves it: a code per row, and per code where its bytes are (see RawColumns). */
export interface RawColumn {
  codes: Int32Array;
  /** Two numbers per code: where its bytes start in `memory`, and how many (-1: the row had no cell). */
  spans: Int32Array;
  /**
   * The values' bytes one after the other, each followed by a NUL, to decode in one call; and two numbers
   * per code: where its text starts and ends in that decoding if every value is well-formed UTF-8 (-1, -1
   * for the missing code).
   */
  blob: Uint8Array;
  bounds: Int32Array;
}

/** The columns of a read, with the memory their spans point into. */
export interface RawColumns {
  rows: number;
  columns: RawColumn[];
  memory: Uint8Array;
}

/** Splits UTF-8 bytes into columns of codes; csvColumns decodes the values. */
export interface ByteTokenizer {
  /**
   * Reads bytes[start..] with the given delimiter byte, expecting about `estimate` rows; null when this input
   * must be read by the JavaScript tokenizer (UTF-8 split by a closing quote and bytes after it).
   */
  tokenize(bytes: Uint8Array, start: number, delimiter: number, estimate: number): RawColumns | null;
}

interface ScanExports {
  memory: WebAssembly.Memory;
  alloc(n: number): number;
  begin(ptr: number, n: number, start: number, delimiter: number, estimate: number): void;
  run(limit: number): number;
  rowCount(): number;
  columnCount(): number;
  codesOf(c: number): number;
  valueCount(c: number): number;
  spansOf(c: number): number;
  gather(c: number): number;
}

const MORE = 1;
const BAIL = -1;
/**
 * Rows per run() call. V8 first runs WebAssembly from its quick baseline compiler and swaps in optimised
 * code for later calls (never inside a running one): short calls switch sooner (measured: a single call
 * over Online Retail takes ~1.6× as long).
 */
const ROWS_PER_RUN = 4096;
/** Linear memory addresses are 32-bit: inputs of 2 GB and more are left to JavaScript. */
const MAX_BYTES = 2 ** 31 - 4096;

/** A ByteTokenizer running the compiled csvScan module (its bytes as the build embeds them). */
export function wasmTokenizer(wasm: Uint8Array<ArrayBuffer>): ByteTokenizer {
  let module: WebAssembly.Module | undefined;
  return {
    tokenize(bytes, start, delimiter, estimate) {
      if (bytes.length > MAX_BYTES) return null;
      // Compiled on first use; small enough (a few kB) to compile synchronously.
      module ??= new WebAssembly.Module(wasm);
      const x = new WebAssembly.Instance(module, {
        env: {
          abort: () => {
            throw new Error('csvScan: abort');
          },
        },
      }).exports as unknown as ScanExports;
      const ptr = x.alloc(bytes.length);
      new Uint8Array(x.memory.buffer, ptr, bytes.length).set(bytes);
      x.begin(ptr, bytes.length, start, delimiter, estimate);
      let status: number;
      do status = x.run(ROWS_PER_RUN);
      while (status === MORE);
      if (status === BAIL) return null;
      const n = x.columnCount();
      const gathered: number[] = [];
      for (let c = 0; c < n; c++) gathered.push(x.gather(c));
      // Views made now: growing the memory while reading detached any made before.
      const buffer = x.memory.buffer;
      const words = new Int32Array(buffer);
      const rows = x.rowCount();
      const columns: RawColumn[] = [];
      for (let c = 0; c < n; c++) {
        const count = x.valueCount(c);
        const rec = gathered[c] >> 2;
        columns.push({
          codes: new Int32Array(buffer, x.codesOf(c), rows),
          spans: new Int32Array(buffer, x.spansOf(c), 2 * count),
          blob: new Uint8Array(buffer, words[rec], words[rec + 1]),
          bounds: new Int32Array(buffer, words[rec + 2], 2 * count),
        });
      }
      return { rows, columns, memory: new Uint8Array(buffer) };
    },
  };
}
