/**
 * The request/sync machinery of the simulator: proxies queue actions; `sync()` sends them as one request
 * (size-checked like Excel on the web), applies them in order and delivers loaded properties.
 */
import type { WorkbookState } from './state';

/** 5 MB, Excel on the web's request and response limit (taken as 5,000,000 bytes to stay conservative). */
export const PAYLOAD_LIMIT = 5_000_000;
/** Excel's limit on the number of cells of one read. */
export const READ_CELL_LIMIT = 5_000_000;

/** An error shaped like OfficeExtension.Error: a stable `code`, a message and debugInfo. */
export class SimError extends Error {
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(
    readonly code: string,
    message: string,
    errorLocation?: string,
  ) {
    super(message);
    this.name = 'RichApi.Error';
    this.debugInfo = { code, message, errorLocation };
  }
}

export interface Delivery {
  /** Bytes this action adds to the response. */
  size: number;
  deliver(): void;
}

export interface Action {
  /** Bytes this action adds to the request. */
  size: number;
  run(): Delivery | void;
}

/** Approximate bytes of one serialised action (object path + action record), before its arguments. */
export const ACTION_OVERHEAD = 120;

/** JSON length of a value (what it costs in a request or response). */
export function jsonSize(value: unknown): number {
  return JSON.stringify(value ?? null).length;
}

export class SimRequestContextCore {
  private queue: Action[] = [];

  constructor(readonly state: WorkbookState) {}

  /** Queues an action for the next sync. */
  enqueue(action: Action): void {
    this.queue.push(action);
  }

  get pendingActions(): number {
    return this.queue.length;
  }

  /** Sends the queued actions as one request, as `context.sync()` does. */
  async sync(): Promise<void> {
    const actions = this.queue;
    this.queue = [];
    const stats = this.state.stats;
    const request = 200 + actions.reduce((s, a) => s + a.size, 0);
    const record = { request, response: 0, actions: actions.length };
    stats.syncs++;
    stats.requests.push(record);
    stats.largestRequest = Math.max(stats.largestRequest, request);
    const clock = ++this.state.syncClock;
    const faultIndex = this.state.faults.findIndex((f) => f.at === clock);
    const fault = faultIndex >= 0 ? this.state.faults.splice(faultIndex, 1)[0] : undefined;
    fault?.run?.();
    if (fault?.hang) return new Promise<void>(() => undefined);
    if (this.state.hangingSyncs > 0) {
      this.state.hangingSyncs--;
      // Excel on the web can leave a sync pending for ever; the caller must time it out.
      return new Promise<void>(() => undefined);
    }
    await Promise.resolve();
    const limit = this.state.payloadLimit;
    if (request > limit || fault?.code === 'RequestPayloadSizeLimitExceeded')
      throw new SimError(
        'RequestPayloadSizeLimitExceeded',
        `The request payload size (${request} bytes) has exceeded the limit of ${limit} bytes.`,
      );
    if (fault?.code) {
      // Part of the batch lands, then the host fails (a batch is not a transaction).
      for (const action of actions.slice(0, fault.applied ?? 0)) action.run();
      throw new SimError(fault.code, `Injected fault ${fault.code} at sync ${clock}.`);
    }
    const deliveries: Delivery[] = [];
    let response = 0;
    // Actions before a failing one stay applied, as in Excel (a batch is not a transaction).
    for (const action of actions) {
      const d = action.run();
      if (d) {
        deliveries.push(d);
        response += d.size;
      }
    }
    record.response = response;
    stats.largestResponse = Math.max(stats.largestResponse, response);
    if (response > PAYLOAD_LIMIT)
      throw new SimError(
        'ResponsePayloadSizeLimitExceeded',
        `The response payload size (${response} bytes) has exceeded the limit of ${PAYLOAD_LIMIT} bytes.`,
      );
    for (const d of deliveries) d.deliver();
  }
}

export type LoadOption = string | string[] | { select?: string; expand?: string };

/** Property names asked for by a load() argument; null = all scalar properties. */
export function loadNames(option: LoadOption | undefined): string[] | null {
  if (option === undefined) return null;
  const list =
    typeof option === 'string'
      ? option.split(',')
      : Array.isArray(option)
        ? option
        : (option.select ?? '').split(',');
  const names = list.map((s) => s.trim()).filter((s) => s.length > 0);
  return names.length ? names : null;
}

export function notLoaded(name: string): SimError {
  return new SimError(
    'PropertyNotLoaded',
    `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

/** Base of every proxy: loaded properties, isNullObject, load(). */
export abstract class SimObject {
  protected readonly loadedProps = new Map<string, unknown>();
  protected nullState: boolean | undefined;

  constructor(protected readonly core: SimRequestContextCore) {}

  /** Scalar properties loaded by a bare load(). */
  protected abstract scalarProps(): readonly string[];
  /** Reads one property from the state (runs inside sync); throws InvalidArgument for unknown names. */
  protected abstract readProp(name: string): unknown;
  /** Resolves the object (runs inside sync); returns false for a null object. */
  protected abstract exists(): boolean;

  get isNullObject(): boolean {
    if (this.nullState === undefined) throw notLoaded('isNullObject');
    return this.nullState;
  }

  protected got<T>(name: string): T {
    if (!this.loadedProps.has(name)) throw notLoaded(name);
    return this.loadedProps.get(name) as T;
  }

  /** Queues the loading of properties, as Excel's load(). */
  load(option?: LoadOption): this {
    const names = loadNames(option);
    this.core.enqueue({
      size: ACTION_OVERHEAD + jsonSize(names),
      run: () => {
        if (!this.exists()) {
          return { size: 20, deliver: () => (this.nullState = true) };
        }
        const list = names ?? this.scalarProps();
        const values = list.map((n) => [n, this.readProp(n)] as const);
        return {
          size: jsonSize(values),
          deliver: () => {
            this.nullState = false;
            for (const [n, v] of values) this.loadedProps.set(n, v);
          },
        };
      },
    });
    return this;
  }

  /** Loaded properties as plain data, like Office's toJSON(). */
  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.loadedProps);
  }

  protected unknownProp(name: string): never {
    throw new SimError('InvalidArgument', `The argument is invalid or missing: unknown property '${name}'.`);
  }
}

/** A value returned by a method, available after sync (like OfficeExtension.ClientResult). */
export class SimClientResult<T> {
  private ready = false;
  private result: T | undefined;

  get value(): T {
    if (!this.ready) throw notLoaded('value');
    return this.result as T;
  }

  set(v: T): void {
    this.result = v;
    this.ready = true;
  }
}
