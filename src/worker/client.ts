/**
 * The pane's side of the analysis worker. One worker per analysis: Cancel terminates it outright, which
 * stops the engine mid-loop (an AbortSignal would only be checked between steps).
 */
import type { AnalysisResult, AnalyzeOptions, EngineInput, Progress } from '../engine/types';
import { isColumnar } from '../engine/ingest/columnar';
import { CancelledError, EngineError } from '../engine/types';
import type { FromWorker, MethodInfo, ToWorker } from './protocol';

let nextId = 1;

function spawn(): Worker {
  return new Worker(new URL('./analyze.worker.ts', import.meta.url), { name: 'analysis' });
}

/** Thrown when the worker itself failed (script error, out of memory). */
export class WorkerCrashError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerCrashError';
  }
}

/**
 * The input as it is posted: a columnar block's code arrays are copied and the copies transferred (moved,
 * not cloned); the pane keeps its own for previews and re-runs of the same selection.
 */
function outgoing(input: EngineInput): { input: EngineInput; transfer: Transferable[] } {
  if (!isColumnar(input)) return { input, transfer: [] };
  const columns = input.columns.map((c) => ({ codes: c.codes.slice(), values: c.values }));
  return { input: { ...input, columns }, transfer: columns.map((c) => c.codes.buffer) };
}

function call<T>(
  request: ToWorker,
  transfer: Transferable[],
  onMessage: (msg: FromWorker, resolve: (v: T) => void) => void,
  signal?: AbortSignal,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) return reject(new CancelledError());
    const worker = spawn();
    const finish = () => {
      worker.terminate();
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      finish();
      reject(new CancelledError());
    };
    signal?.addEventListener('abort', onAbort);
    worker.onmessage = (ev: MessageEvent<FromWorker>) => {
      const msg = ev.data;
      if (msg.id !== request.id) return;
      if (msg.type === 'error') {
        finish();
        const e = msg.error;
        reject(e.code ? new EngineError(e.code, e.params ?? {}) : new Error(e.message));
        return;
      }
      onMessage(msg, (v) => {
        finish();
        resolve(v);
      });
    };
    worker.onerror = (ev) => {
      ev.preventDefault();
      finish();
      reject(new WorkerCrashError(ev.message || 'worker error'));
    };
    worker.postMessage(request, transfer);
  });
}

/** Runs `analyze` in a fresh worker; aborting the signal terminates the worker and rejects with CancelledError. */
export function analyzeInWorker(
  input: EngineInput,
  options: AnalyzeOptions,
  onProgress?: (p: Progress) => void,
  signal?: AbortSignal,
): Promise<AnalysisResult> {
  const id = nextId++;
  const sent = outgoing(input);
  return call<AnalysisResult>(
    { type: 'analyze', id, input: sent.input, options },
    sent.transfer,
    (msg, done) => {
      if (msg.type === 'progress') onProgress?.(msg.progress);
      else if (msg.type === 'result') done(msg.result);
    },
    signal,
  );
}

/** The engine's method list (ids and which run by default), asked once from a worker. */
export function describeMethods(): Promise<MethodInfo[]> {
  const id = nextId++;
  return call<MethodInfo[]>({ type: 'describe', id }, [], (msg, done) => {
    if (msg.type === 'methods') done(msg.methods);
  });
}
