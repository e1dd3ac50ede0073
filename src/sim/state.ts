/**
 * The simulator's workbook state: what Excel keeps on its side of the API. Proxies in objects.ts read and
 * change it only inside `sync()`.
 */
import { serialFromIso } from '../engine/dates';
import type { Rect } from './address';

/**
 * A formula stored in a cell. Sim does not calculate: reading its value gives the cached result of a loaded
 * file, else `#NAME?`.
 */
export interface Formula {
  formula: string;
  result?: number | string | boolean;
}
export type Stored = number | string | boolean | Formula;

export function isFormula(v: unknown): v is Formula {
  return typeof v === 'object' && v !== null && 'formula' in v;
}

export interface TableState {
  id: string;
  name: string;
  sheetId: string;
  rect: Rect;
  style: string;
  showHeaders: boolean;
}

export interface ChartSeriesState {
  name: string;
  /** Sheet-qualified address of the values. */
  values: string;
  categories?: string;
  chartType?: string;
  axisGroup?: 'Primary' | 'Secondary';
}

export interface ChartState {
  id: string;
  name: string;
  sheetId: string;
  type: string;
  source: string;
  seriesBy: string;
  title: string;
  series: ChartSeriesState[];
  position?: { start: string; end?: string };
}

export interface ConditionalFormatState {
  sheetId: string;
  rect: Rect;
  type: 'ColorScale' | 'DataBar';
  /** Colour-scale criteria or data-bar settings, as set through the API. */
  settings: Record<string, unknown>;
}

export interface PivotFieldState {
  field: string;
  name: string;
  summarizeBy: string;
}

export interface PivotState {
  id: string;
  name: string;
  /** Sheet-qualified source address. */
  source: string;
  sheetId: string;
  destination: string;
  rows: string[];
  columns: string[];
  data: PivotFieldState[];
}

export class SheetState {
  /** Row index → sparse row of values. */
  readonly cells = new Map<number, (Stored | undefined)[]>();
  /** Row index → sparse row of number formats (undefined = General). */
  readonly formats = new Map<number, (string | undefined)[]>();
  readonly columnWidths = new Map<number, number>();
  freezeRows = 0;
  deleted = false;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden' = 'Visible';

  constructor(
    public readonly id: string,
    public name: string,
  ) {}

  get(r: number, c: number): Stored | undefined {
    return this.cells.get(r)?.[c];
  }

  format(r: number, c: number): string {
    return this.formats.get(r)?.[c] ?? 'General';
  }

  /** Stores a value as-is ('' and undefined clear the cell). */
  setRaw(r: number, c: number, v: Stored | undefined): void {
    let row = this.cells.get(r);
    if (v === undefined || v === '') {
      if (row && row[c] !== undefined) row[c] = undefined;
      return;
    }
    if (!row) this.cells.set(r, (row = []));
    row[c] = v;
  }

  setFormat(r: number, c: number, f: string | undefined): void {
    let row = this.formats.get(r);
    if (f === undefined || f === 'General') {
      if (row && row[c] !== undefined) row[c] = undefined;
      return;
    }
    if (!row) this.formats.set(r, (row = []));
    row[c] = f;
  }

  /**
   * Writes a value the way `range.values = …` does in Excel: a string is parsed like typed input unless the
   * cell's format is Text (`@`): `=…` (and `+x`, `-x`, `@x` that are not numbers) become formulas, numeric
   * text becomes a number, TRUE/FALSE booleans, ISO dates date serials; a leading apostrophe keeps text.
   */
  write(r: number, c: number, v: unknown): void {
    if (v === null || v === undefined) return; // null leaves the cell unchanged, as in Excel
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new TypeError('non-finite number');
      this.setRaw(r, c, v);
      return;
    }
    if (typeof v === 'boolean') {
      this.setRaw(r, c, v);
      return;
    }
    const s = String(v);
    if (s === '' || this.format(r, c) === '@') {
      this.setRaw(r, c, s);
      return;
    }
    const parsed = parseTyped(s);
    if (parsed.dateFormat && this.format(r, c) === 'General') this.setFormat(r, c, parsed.dateFormat);
    this.setRaw(r, c, parsed.value);
  }

  /** Bounding box of non-empty cells (and of formatted cells unless valuesOnly), or null. */
  usedRect(valuesOnly: boolean): Rect | null {
    let r0 = Infinity;
    let c0 = Infinity;
    let r1 = -1;
    let c1 = -1;
    const scan = (m: Map<number, (unknown | undefined)[]>) => {
      for (const [r, row] of m) {
        for (let c = 0; c < row.length; c++) {
          if (row[c] === undefined) continue;
          if (r < r0) r0 = r;
          if (r > r1) r1 = r;
          if (c < c0) c0 = c;
          if (c > c1) c1 = c;
        }
      }
    };
    scan(this.cells);
    if (!valuesOnly) scan(this.formats);
    return r1 < 0 ? null : { r0, c0, r1, c1 };
  }
}

/** What Excel makes of a typed string in a General cell. */
export function parseTyped(s: string): { value: Stored; dateFormat?: string } {
  if (s.startsWith("'")) return { value: s.slice(1) };
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s.trim())) return { value: Number(s.trim()) };
  if (s.startsWith('=') && s.length > 1) return { value: { formula: s } };
  if ((s.startsWith('+') || s.startsWith('-') || s.startsWith('@')) && s.length > 1)
    return { value: { formula: `=${s}` } };
  const upper = s.trim().toUpperCase();
  if (upper === 'TRUE' || upper === 'FALSE') return { value: upper === 'TRUE' };
  if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(s.trim())) {
    const serial = serialFromIso(s);
    if (Number.isFinite(serial)) return { value: serial, dateFormat: 'yyyy-mm-dd' };
  }
  return { value: s };
}

export interface SyncRecord {
  /** Estimated serialised request size in bytes. */
  request: number;
  response: number;
  actions: number;
}

export interface SimStats {
  syncs: number;
  largestRequest: number;
  largestResponse: number;
  requests: SyncRecord[];
  /** Times suspendApiCalculationUntilNextSync was called. */
  calculationSuspensions: number;
}

/**
 * A fault injected into a sync, as Excel on the web produces them: the request rejected before anything is
 * applied (RequestPayloadSizeLimitExceeded), or an error after part of the batch was applied (GeneralException:
 * a batch is not a transaction), or something the test does at that moment (an AbortController's abort).
 */
export interface SyncFault {
  /** The sync it hits: syncClock + 1 is the next one. */
  at: number;
  /** Error code to throw (e.g. 'GeneralException', 'RequestPayloadSizeLimitExceeded'); none = the sync succeeds. */
  code?: string;
  /** Actions of the batch applied before the error (default 0; ignored for payload errors). */
  applied?: number;
  /** Runs when the sync happens (before it applies anything). */
  run?: () => void;
  /** The sync never returns (Excel on the web can leave one pending for ever). */
  hang?: boolean;
}

export class WorkbookState {
  sheets: SheetState[] = [];
  tables: TableState[] = [];
  charts: ChartState[] = [];
  conditionalFormats: ConditionalFormatState[] = [];
  pivots: PivotState[] = [];
  settings = new Map<string, unknown>();
  activeSheetId: string | null = null;
  /** Selected areas: sheet id and rectangles (several = a multi-area selection). */
  selection: { sheetId: string; rects: Rect[] } | null = null;
  stats: SimStats = {
    syncs: 0,
    largestRequest: 0,
    largestResponse: 0,
    requests: [],
    calculationSuspensions: 0,
  };
  /** Highest supported ExcelApi minor version (1.x). */
  apiVersion = 17;
  /** Number of upcoming syncs that never complete (to test sync timeouts). */
  hangingSyncs = 0;
  /** Bytes above which a request is rejected (Excel on the web: 5 MB; lower it to test payload retries). */
  payloadLimit = 5_000_000;
  /** Injected faults, by the number of the sync they hit (counted from `syncClock`). */
  faults: SyncFault[] = [];
  /** Syncs so far (not reset with the stats), the clock that injected faults are scheduled on. */
  syncClock = 0;
  private nextId = 1;

  newId(prefix: string): string {
    return `{${prefix}-${String(this.nextId++).padStart(8, '0')}}`;
  }

  liveSheets(): SheetState[] {
    return this.sheets.filter((s) => !s.deleted);
  }

  sheetByName(name: string): SheetState | undefined {
    const lower = name.toLowerCase();
    return this.liveSheets().find((s) => s.name.toLowerCase() === lower);
  }

  sheetByKey(key: string): SheetState | undefined {
    return this.sheetByName(key) ?? this.liveSheets().find((s) => s.id === key);
  }

  sheetById(id: string): SheetState | undefined {
    return this.liveSheets().find((s) => s.id === id);
  }

  addSheet(name: string): SheetState {
    const sheet = new SheetState(this.newId('sheet'), name);
    this.sheets.push(sheet);
    if (!this.activeSheetId) this.activeSheetId = sheet.id;
    return sheet;
  }

  /** Whether ExcelApi `version` ("1.8") is supported by this simulated host. */
  isSetSupported(name: string, version: string): boolean {
    if (name !== 'ExcelApi') return false;
    const m = /^1\.(\d+)$/.exec(version);
    return m !== null && Number(m[1]) <= this.apiVersion;
  }
}
