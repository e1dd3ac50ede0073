/**
 * The WebAssembly byte tokenizer (src/io/wasm/csvScan.ts) behind csvColumns' ByteTokenizer interface.
 *
 * It finds the fields and each column's distinct byte strings; csvColumns turns those into text. Each read
 * gets its own instance. The codes are copied out of its memory, so that the memory (the input's bytes
 * included) is freed once the read's spans, blobs and bounds are dropped and, for reserve()'s instance,
 * release() is called. Browser-safe (WebAssembly only), though only the CLI uses it: the task pane reads
 * Excel's values, not files, and a pane page would need 'wasm-unsafe-eval' in its content security policy.
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
   * must be read by the JavaScript tokenizer (UTF-8 split by a closing quote and bytes after it, an input of
   * 1 GB or more, or no memory left for the module).
   */
  tokenize(bytes: Uint8Array, start: number, delimiter: number, estimate: number): RawColumns | null;
  /**
   * Room for n bytes that tokenize() then reads where they are, without copying them (the CLI reads the file
   * straight into it). A tokenizer whose memory may move under such a view says where the bytes are now
   * through revive().
   */
  reserve?(n: number): Uint8Array;
  /** `bytes` as they are now: the same view, or a new one when it was reserve()'s and its memory grew. */
  revive?(bytes: Uint8Array): Uint8Array;
  /**
   * Done with reserve()'s bytes (read, or given up on): the tokenizer lets go of them, so that their memory
   * is freed once nothing else holds it.
   */
  release?(): void;
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
 * over Online Retail takes ~1.5× as long).
 */
const ROWS_PER_RUN = 4096;
/** The module's allocator hands out blocks below 1 GB: larger inputs are left to JavaScript. */
const MAX_BYTES = 2 ** 30 - 64;

/** One instance of the module with n input bytes placed in its memory. */
interface Placed {
  x: ScanExports;
  ptr: number;
  n: number;
  /** The view reserve() gave out (detached once the memory grows). */
  view: Uint8Array;
}

/** A ByteTokenizer running the compiled csvScan module (its bytes as the build embeds them). */
export function wasmTokenizer(wasm: Uint8Array<ArrayBuffer>): ByteTokenizer {
  let module: WebAssembly.Module | undefined;
  /** The last reserve(): its bytes are read in place. */
  let reserved: Placed | null = null;

  /** A new instance with room for n bytes (each read gets its own: the codes returned are its memory). */
  const place = (n: number): Placed => {
    // Compiled on first use; small enough (a few kB) to compile synchronously.
    module ??= new WebAssembly.Module(wasm);
    const x = new WebAssembly.Instance(module, {
      env: {
        abort: () => {
          throw new Error('csvScan: abort');
        },
      },
    }).exports as unknown as ScanExports;
    const ptr = x.alloc(n);
    return { x, ptr, n, view: new Uint8Array(x.memory.buffer, ptr, n) };
  };

  const read = (at: Placed, start: number, delimiter: number, estimate: number): RawColumns | null => {
    const { x, ptr, n } = at;
    x.begin(ptr, n, start, delimiter, estimate);
    let status: number;
    do status = x.run(ROWS_PER_RUN);
    while (status === MORE);
    if (status === BAIL) return null;
    const count = x.columnCount();
    const gathered: number[] = [];
    for (let c = 0; c < count; c++) gathered.push(x.gather(c));
    // Views made now: growing the memory while reading detached any made before.
    const buffer = x.memory.buffer;
    const words = new Int32Array(buffer);
    const rows = x.rowCount();
    const columns: RawColumn[] = [];
    for (let c = 0; c < count; c++) {
      const values = x.valueCount(c);
      const rec = gathered[c] >> 2;
      columns.push({
        // A copy: a view would keep the whole memory (the file's bytes included) alive for the analysis.
        codes: new Int32Array(buffer, x.codesOf(c), rows).slice(),
        spans: new Int32Array(buffer, x.spansOf(c), 2 * values),
        blob: new Uint8Array(buffer, words[rec], words[rec + 1]),
        bounds: new Int32Array(buffer, words[rec + 2], 2 * values),
      });
    }
    return { rows, columns, memory: new Uint8Array(buffer) };
  };

  return {
    reserve(n) {
      reserved = null;
      if (n > MAX_BYTES) return new Uint8Array(n);
      try {
        reserved = place(n);
      } catch {
        // No memory for the module: a plain array, which tokenize() copies or declines.
        return new Uint8Array(n);
      }
      return reserved.view;
    },
    revive(bytes) {
      const r = reserved;
      return r && bytes === r.view ? new Uint8Array(r.x.memory.buffer, r.ptr, r.n) : bytes;
    },
    release() {
      reserved = null;
    },
    tokenize(bytes, start, delimiter, estimate) {
      if (bytes.length > MAX_BYTES) return null;
      try {
        let at: Placed;
        if (reserved && bytes === reserved.view) at = reserved;
        else {
          at = place(bytes.length);
          at.view.set(bytes);
        }
        return read(at, start, delimiter, estimate);
      } catch {
        // Out of memory inside the module (or a bug): the JavaScript tokenizer reads the input instead.
        return null;
      }
    },
  };
}
