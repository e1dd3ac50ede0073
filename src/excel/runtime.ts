/** Shared plumbing of the Excel layer: timed syncs, requirement-set checks, cancellation. */
import { CancelledError, EngineError } from '../engine/types';
import { parseAddress, type Rect } from '../sim/address';

/** Default milliseconds before a sync is declared hung. */
export const DEFAULT_SYNC_TIMEOUT_MS = 60_000;
/** Bytes of values + formats per request: under Excel on the web's 5 MB with room for the envelope. */
export const REQUEST_BUDGET = 3_800_000;
/** Bytes per read response we aim for (Excel's limit is 5 MB). */
export const RESPONSE_BUDGET = 3_500_000;

type IsSetSupported = (name: string, version: string) => boolean;

/** The host's requirement-set check: the injected one, Office's, or "all supported" outside Office. */
export function requirementChecker(injected?: IsSetSupported): (version: string) => boolean {
  const cache = new Map<string, boolean>();
  const check: IsSetSupported =
    injected ??
    ((name, version) => {
      const office = (globalThis as { Office?: typeof Office }).Office;
      return office?.context?.requirements ? office.context.requirements.isSetSupported(name, version) : true;
    });
  return (version) => {
    let v = cache.get(version);
    if (v === undefined) cache.set(version, (v = check('ExcelApi', version)));
    return v;
  };
}

/** A sync that fails with a clear message instead of hanging for ever (Excel on the web can). */
export function timedSync(timeoutMs: number, counter: { syncs: number }, signal?: AbortSignal) {
  return async (context: Excel.RequestContext): Promise<void> => {
    if (signal?.aborted) throw new CancelledError();
    counter.syncs++;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new EngineError('sync_timeout', { seconds: Math.round(timeoutMs / 1000) })),
        timeoutMs,
      );
    });
    try {
      await Promise.race([context.sync(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  };
}

/** The rectangle of a (sheet-qualified) address. */
export function rectOf(address: string): Rect {
  const p = parseAddress(address);
  if (!p) throw new EngineError('bad_address', { address });
  return p;
}

/** The sheet-local part of an address. */
export function localAddress(address: string): string {
  const bang = address.lastIndexOf('!');
  return bang < 0 ? address : address.slice(bang + 1);
}
