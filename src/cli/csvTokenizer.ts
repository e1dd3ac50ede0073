/** The CLI's CSV tokenizer: the WebAssembly one, embedded in the bundle (see src/io/wasmTokenizer.ts). */
import csvScan from '../io/wasm/csvScan.wasm';
import { wasmTokenizer } from '../io/wasmTokenizer';

export const cliTokenizer = wasmTokenizer(csvScan);
