/// <reference lib="webworker" />
/**
 * The engine's home in the browser: the pane posts the selection by column (code arrays transferred), gets progress and the result back.
 * Cancel terminates this worker, so no abort plumbing is needed here.
 */
import { analyze } from '../engine/analyze';
import { METHODS } from '../engine/methods/registry';
import { EngineError } from '../engine/types';
import type { FromWorker, ToWorker } from './protocol';
import { transferablesOf } from './transfer';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (msg: FromWorker, transfer: Transferable[] = []) => scope.postMessage(msg, transfer);

scope.onmessage = async (ev: MessageEvent<ToWorker>) => {
  const msg = ev.data;
  if (msg.type === 'describe') {
    post({
      type: 'methods',
      id: msg.id,
      methods: METHODS.map((m) => ({ id: m.id, byDefault: m.byDefault })),
    });
    return;
  }
  try {
    // Throttle progress: a message per percent is plenty and keeps the pane's event loop free.
    let last = -1;
    const result = await analyze(msg.input, msg.options, (progress) => {
      const pct = Math.floor(progress.fraction * 100);
      if (pct === last && progress.stage !== 'methods') return;
      last = pct;
      post({ type: 'progress', id: msg.id, progress });
    });
    post({ type: 'result', id: msg.id, result }, transferablesOf(result));
  } catch (err) {
    const e = err as Error;
    post({
      type: 'error',
      id: msg.id,
      error:
        err instanceof EngineError || (e && e.name === 'EngineError')
          ? {
              name: 'EngineError',
              message: e.message,
              code: (e as EngineError).code,
              params: (e as EngineError).params,
            }
          : { name: e?.name ?? 'Error', message: e?.message ?? String(err) },
    });
  }
};
