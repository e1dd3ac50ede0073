/**
 * The simulator's entry point: a workbook whose `run` behaves like `Excel.run`, plus test helpers that act
 * as the user (typing cells, selecting) and inspect the state (cells, tables, charts, PivotTables).
 */
import type { ExcelRunner } from '../excel/api';
import { parseAddress, type Rect } from './address';
import { SimRequestContextCore } from './context';
import { SimApplication, SimWorkbook } from './objects';
import {
  isFormula,
  type ChartState,
  type ConditionalFormatState,
  type PivotState,
  type SimStats,
  type Stored,
  type SyncFault,
  type TableState,
  WorkbookState,
} from './state';

/** The context a batch receives: `context.workbook`, `context.application`, `context.sync()`. */
export class SimRequestContext extends SimRequestContextCore {
  readonly workbook: SimWorkbook;
  readonly application: SimApplication;
  /** office-js API surface kept for compatibility; sim objects need no tracking. */
  readonly trackedObjects = { add: (): void => undefined, remove: (): void => undefined };

  constructor(state: WorkbookState) {
    super(state);
    this.workbook = new SimWorkbook(this);
    this.application = this.workbook.application;
  }
}

export interface SimOptions {
  /** Highest ExcelApi requirement set the simulated host supports (default "1.17"). */
  apiVersion?: string;
  /** Sheets to create (default: one sheet named "Sheet1"). */
  sheets?: string[];
}

/** A cell as a test or the CLI sees it: its stored value (formulas as { formula }) and number format. */
export interface SimCell {
  value: Stored | undefined;
  format: string;
}

export interface SimWorkbookHandle {
  readonly state: WorkbookState;
  /** Runs a batch like Excel.run: a fresh context, a final sync of pending work. */
  run: ExcelRunner;
  readonly stats: SimStats;
  isSetSupported(name: string, version: string): boolean;
  setApiVersion(version: string): void;
  /** Makes the next `count` syncs hang for ever (Excel on the web can). */
  hangSyncs(count: number): void;
  /**
   * Injects a fault into the `inSyncs`-th sync from now (1 = the next one): an error code thrown after
   * `applied` actions of the batch landed, and/or a callback (e.g. cancelling through an AbortController).
   */
  injectFault(inSyncs: number, fault: Omit<SyncFault, 'at'>): void;
  /** Syncs so far (for scheduling faults). */
  readonly syncClock: number;
  /** Rejects requests above `bytes` with RequestPayloadSizeLimitExceeded (default 5,000,000). */
  setPayloadLimit(bytes: number): void;
  resetStats(): void;
  sheetNames(): string[];
  /** Types values into cells as a user would (Excel's typing rules; null skips a cell). */
  setValues(
    sheet: string,
    address: string,
    values: (string | number | boolean | null)[][],
    formats?: (string | null)[][],
  ): void;
  /** Values as range.values reads them ('' for empty, '#NAME?' for formulas). */
  getValues(sheet: string, address: string): (string | number | boolean)[][];
  cell(sheet: string, address: string): SimCell;
  /** Every non-empty cell of a sheet, keyed "r,c" (0-based). */
  snapshot(sheet: string): Map<string, SimCell>;
  select(sheet: string, address: string): void;
  addSheet(name: string): void;
  tables(): TableState[];
  charts(): ChartState[];
  pivots(): PivotState[];
  conditionalFormats(): ConditionalFormatState[];
  settings(): Map<string, unknown>;
}

/** The version number 1.x as its minor part ("1.8" → 8). */
function minor(version: string): number {
  const m = /^1\.(\d+)$/.exec(version);
  if (!m) throw new Error(`ExcelApi version "${version}"`);
  return Number(m[1]);
}

/** Creates an empty simulated workbook. */
export function createWorkbook(options: SimOptions = {}): SimWorkbookHandle {
  const state = new WorkbookState();
  for (const name of options.sheets ?? ['Sheet1']) state.addSheet(name);
  if (options.apiVersion) state.apiVersion = minor(options.apiVersion);
  return wrapState(state);
}

/** A handle over an existing state (used by the file loaders). */
export function wrapState(state: WorkbookState): SimWorkbookHandle {
  const sheetOf = (name: string) => {
    const s = state.sheetByName(name);
    if (!s) throw new Error(`no sheet "${name}"`);
    return s;
  };
  const rectOf = (address: string): Rect => {
    const p = parseAddress(address);
    if (!p) throw new Error(`bad address "${address}"`);
    return p;
  };
  const run: ExcelRunner = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    const context = new SimRequestContext(state);
    // The sim implements the subset of Excel.RequestContext that src/excel uses.
    const result = await batch(context as unknown as Excel.RequestContext);
    if (context.pendingActions > 0) await context.sync();
    return result;
  };
  return {
    state,
    run,
    get stats() {
      return state.stats;
    },
    isSetSupported: (name, version) => state.isSetSupported(name, version),
    setApiVersion: (version) => {
      state.apiVersion = minor(version);
    },
    hangSyncs: (count) => {
      state.hangingSyncs = count;
    },
    injectFault: (inSyncs, fault) => {
      state.faults.push({ ...fault, at: state.syncClock + inSyncs });
    },
    get syncClock() {
      return state.syncClock;
    },
    setPayloadLimit: (bytes) => {
      state.payloadLimit = bytes;
    },
    resetStats: () => {
      state.stats = {
        syncs: 0,
        largestRequest: 0,
        largestResponse: 0,
        requests: [],
        calculationSuspensions: 0,
      };
    },
    sheetNames: () => state.liveSheets().map((s) => s.name),
    setValues: (sheet, address, values, formats) => {
      const s = sheetOf(sheet);
      const r = rectOf(address);
      values.forEach((line, i) =>
        line.forEach((v, j) => {
          const f = formats?.[i]?.[j];
          if (f) s.setFormat(r.r0 + i, r.c0 + j, f);
          if (v === '') s.setRaw(r.r0 + i, r.c0 + j, undefined);
          else s.write(r.r0 + i, r.c0 + j, v);
        }),
      );
    },
    getValues: (sheet, address) => {
      const s = sheetOf(sheet);
      const r = rectOf(address);
      const out: (string | number | boolean)[][] = [];
      for (let i = r.r0; i <= r.r1; i++) {
        const line: (string | number | boolean)[] = [];
        for (let j = r.c0; j <= r.c1; j++) {
          const v = s.get(i, j);
          line.push(v === undefined ? '' : isFormula(v) ? (v.result ?? '#NAME?') : v);
        }
        out.push(line);
      }
      return out;
    },
    cell: (sheet, address) => {
      const s = sheetOf(sheet);
      const r = rectOf(address);
      return { value: s.get(r.r0, r.c0), format: s.format(r.r0, r.c0) };
    },
    snapshot: (sheet) => {
      const s = sheetOf(sheet);
      const out = new Map<string, SimCell>();
      for (const [r, row] of s.cells)
        row.forEach((v, c) => {
          if (v !== undefined) out.set(`${r},${c}`, { value: v, format: s.format(r, c) });
        });
      return out;
    },
    select: (sheet, address) => {
      const s = sheetOf(sheet);
      state.selection = { sheetId: s.id, rects: address.split(',').map((a) => rectOf(a)) };
      state.activeSheetId = s.id;
    },
    addSheet: (name) => {
      state.addSheet(name);
    },
    tables: () => state.tables,
    charts: () => state.charts,
    pivots: () => state.pivots,
    conditionalFormats: () => state.conditionalFormats,
    settings: () => state.settings,
  };
}
