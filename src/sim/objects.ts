/**
 * The proxies of the simulated Excel JS API (the subset src/excel uses), named as in office-js so that a
 * RequestContext built from them is structurally usable as `Excel.RequestContext`.
 */
import {
  cellCount,
  columnLetters,
  intersect,
  MAX_COLUMNS,
  MAX_ROWS,
  parseAddress,
  qualified,
  rectAddress,
  type Rect,
} from './address';
import {
  ACTION_OVERHEAD,
  jsonSize,
  READ_CELL_LIMIT,
  SimClientResult,
  SimError,
  SimObject,
  SimRequestContextCore,
  type LoadOption,
} from './context';
import { sheetNameProblem, tableNameProblem } from './names';
import {
  isFormula,
  type ChartState,
  type ConditionalFormatState,
  type PivotState,
  type SheetState,
  type TableState,
  type WorkbookState,
} from './state';

type Cellish = string | number | boolean;

function itemNotFound(what: string): SimError {
  return new SimError('ItemNotFound', `The requested resource doesn't exist: ${what}.`);
}
function invalidArgument(why: string): SimError {
  return new SimError(
    'InvalidArgument',
    `The argument is invalid or missing or has an incorrect format: ${why}.`,
  );
}
function invalidOperation(why: string): SimError {
  return new SimError('InvalidOperation', `The operation is not valid for the object's state: ${why}.`);
}

/** Throws ApiNotFound when the simulated host lacks the requirement set (checked at sync, as Excel does). */
function requireApi(state: WorkbookState, version: string, api: string): void {
  if (!state.isSetSupported('ExcelApi', version))
    throw new SimError(
      'ApiNotFound',
      `The API you are trying to use could not be found (${api} needs ExcelApi ${version}).`,
    );
}

/** A queued write or method call with its request size. */
function act(core: SimRequestContextCore, size: number, run: () => void): void {
  core.enqueue({
    size: ACTION_OVERHEAD + size,
    run: () => {
      run();
    },
  });
}

/** Caches the first successful resolution, as Excel's object identity does. */
class Resolver<T> {
  private cached: T | undefined;
  constructor(private readonly find: () => T | null) {}
  tryGet(): T | null {
    if (this.cached !== undefined) return this.cached;
    const v = this.find();
    if (v !== null) this.cached = v;
    return v;
  }
}

// ---------------------------------------------------------------- workbook

export class SimWorkbook extends SimObject {
  readonly worksheets: SimWorksheetCollection;
  readonly tables: SimTableCollection;
  readonly pivotTables: SimPivotTableCollection;
  readonly settings: SimSettingCollection;
  readonly application: SimApplication;

  constructor(core: SimRequestContextCore) {
    super(core);
    this.worksheets = new SimWorksheetCollection(core);
    this.tables = new SimTableCollection(core, null);
    this.pivotTables = new SimPivotTableCollection(core, null);
    this.settings = new SimSettingCollection(core);
    this.application = new SimApplication(core);
  }

  protected scalarProps(): readonly string[] {
    return ['name'];
  }
  protected readProp(name: string): unknown {
    if (name === 'name') return 'Book1.xlsx';
    return this.unknownProp(name);
  }
  protected exists(): boolean {
    return true;
  }

  /** The selected range; throws InvalidSelection on a multi-area selection, as Excel does. */
  getSelectedRange(): SimRange {
    const state = this.core.state;
    return new SimRange(this.core, () => {
      const sel = state.selection;
      if (!sel) {
        const sheet = state.sheetById(state.activeSheetId ?? '') ?? state.liveSheets()[0];
        return sheet ? { sheet, rect: { r0: 0, c0: 0, r1: 0, c1: 0 }, whole: false } : null;
      }
      if (sel.rects.length !== 1)
        throw new SimError(
          'InvalidSelection',
          'The current selection is invalid for this operation (multiple selection).',
        );
      const sheet = state.sheetById(sel.sheetId);
      if (!sheet) return null;
      const r = sel.rects[0];
      const whole = (r.r0 === 0 && r.r1 === MAX_ROWS - 1) || (r.c0 === 0 && r.c1 === MAX_COLUMNS - 1);
      return { sheet, rect: r, whole };
    });
  }
}

export class SimApplication extends SimObject {
  protected scalarProps(): readonly string[] {
    return ['calculationMode'];
  }
  protected readProp(name: string): unknown {
    if (name === 'calculationMode') return 'Automatic';
    return this.unknownProp(name);
  }
  protected exists(): boolean {
    return true;
  }
  /** Suspends calculation until the next sync (ExcelApi 1.6). */
  suspendApiCalculationUntilNextSync(): void {
    act(this.core, 40, () => {
      requireApi(this.core.state, '1.6', 'suspendApiCalculationUntilNextSync');
      this.core.state.stats.calculationSuspensions++;
    });
  }
}

// ---------------------------------------------------------------- worksheets

export class SimWorksheetCollection extends SimObject {
  private itemList: SimWorksheet[] | undefined;

  protected scalarProps(): readonly string[] {
    return ['items'];
  }
  protected readProp(name: string): unknown {
    if (name === 'items' || name.startsWith('items/')) return null;
    return this.unknownProp(name);
  }
  protected exists(): boolean {
    return true;
  }

  get items(): SimWorksheet[] {
    if (!this.itemList) throw this.got('items');
    return this.itemList;
  }

  override load(option?: LoadOption): this {
    const sub = itemProps(option);
    this.core.enqueue({
      size: ACTION_OVERHEAD + jsonSize(option ?? null),
      run: () => {
        const sheets = this.core.state.liveSheets();
        const items = sheets.map((s) => new SimWorksheet(this.core, () => s));
        const data = items.map((it) => it.readAll(sub));
        return {
          size: jsonSize(data),
          deliver: () => {
            items.forEach((it, i) => it.deliverAll(data[i]));
            this.itemList = items;
          },
        };
      },
    });
    return this;
  }

  /** Adds a worksheet (default name SheetN); the name must follow Excel's rules. */
  add(name?: string): SimWorksheet {
    let created: SheetState | null = null;
    const state = this.core.state;
    act(this.core, jsonSize(name ?? null), () => {
      let n = name;
      if (n === undefined) {
        let i = state.liveSheets().length + 1;
        while (state.sheetByName(`Sheet${i}`)) i++;
        n = `Sheet${i}`;
      }
      const problem = sheetNameProblem(n);
      if (problem) throw invalidArgument(`sheet name "${n}" ${problem}`);
      if (state.sheetByName(n))
        throw new SimError('ItemAlreadyExists', `A worksheet named "${n}" already exists.`);
      created = state.addSheet(n);
    });
    return new SimWorksheet(this.core, () => created);
  }

  /** The worksheet with this name (case-insensitive) or id; ItemNotFound at sync when missing. */
  getItem(key: string): SimWorksheet {
    return new SimWorksheet(this.core, () => this.core.state.sheetByKey(key) ?? null, `worksheet "${key}"`);
  }

  /** Like getItem, but a null object (isNullObject) instead of ItemNotFound. */
  getItemOrNullObject(key: string): SimWorksheet {
    const ws = new SimWorksheet(
      this.core,
      () => this.core.state.sheetByKey(key) ?? null,
      `worksheet "${key}"`,
      true,
    );
    ws.queueNullCheck();
    return ws;
  }

  getActiveWorksheet(): SimWorksheet {
    const state = this.core.state;
    return new SimWorksheet(
      this.core,
      () => state.sheetById(state.activeSheetId ?? '') ?? state.liveSheets()[0] ?? null,
    );
  }

  getCount(): SimClientResult<number> {
    const result = new SimClientResult<number>();
    this.core.enqueue({
      size: ACTION_OVERHEAD,
      run: () => {
        const n = this.core.state.liveSheets().length;
        return { size: 8, deliver: () => result.set(n) };
      },
    });
    return result;
  }
}

/** Sub-properties asked for on items ("items/name"): null = all scalars. */
function itemProps(option: LoadOption | undefined): string[] | null {
  if (option === undefined) return null;
  const list =
    typeof option === 'string'
      ? option.split(',')
      : Array.isArray(option)
        ? option
        : (option.select ?? '').split(',');
  const subs = list
    .map((s) => s.trim())
    .filter((s) => s.startsWith('items/'))
    .map((s) => s.slice(6));
  return subs.length ? subs : null;
}

/** Base for proxies that resolve to a state object. */
abstract class Resolved<T> extends SimObject {
  protected readonly resolver: Resolver<T>;
  constructor(
    core: SimRequestContextCore,
    find: () => T | null,
    protected readonly what: string,
    protected readonly nullable = false,
  ) {
    super(core);
    this.resolver = new Resolver(find);
  }

  /** The target; throws ItemNotFound (or InvalidOperation on a null object). */
  protected target(): T {
    const t = this.resolver.tryGet();
    if (t === null) {
      if (this.nullable) throw invalidOperation(`${this.what} is a null object`);
      throw itemNotFound(this.what);
    }
    return t;
  }
  protected exists(): boolean {
    if (this.nullable) return this.resolver.tryGet() !== null;
    this.target();
    return true;
  }
  /** Sets isNullObject at the next sync (getItemOrNullObject does this in Excel). */
  queueNullCheck(): void {
    this.core.enqueue({
      size: ACTION_OVERHEAD,
      run: () => {
        const isNull = this.resolver.tryGet() === null;
        return { size: 10, deliver: () => (this.nullState = isNull) };
      },
    });
  }
  /** Reads the given (or all scalar) properties now; used when loading collection items. */
  readAll(names: string[] | null): [string, unknown][] {
    return (names ?? this.scalarProps()).map((n) => [n, this.readProp(n)]);
  }
  deliverAll(data: [string, unknown][]): void {
    this.nullState = false;
    for (const [n, v] of data) this.loadedProps.set(n, v);
  }
}

export class SimWorksheet extends Resolved<SheetState> {
  readonly tables: SimTableCollection;
  readonly charts: SimChartCollection;
  readonly pivotTables: SimPivotTableCollection;
  readonly freezePanes: SimFreezePanes;

  constructor(
    core: SimRequestContextCore,
    find: () => SheetState | null,
    what = 'worksheet',
    nullable = false,
  ) {
    super(core, find, what, nullable);
    this.tables = new SimTableCollection(core, this);
    this.charts = new SimChartCollection(core, this);
    this.pivotTables = new SimPivotTableCollection(core, this);
    this.freezePanes = new SimFreezePanes(core, this);
  }

  /** The live sheet (throws when missing or deleted). */
  sheet(): SheetState {
    const s = this.target();
    if (s.deleted) throw itemNotFound(`${this.what} (deleted)`);
    return s;
  }

  protected scalarProps(): readonly string[] {
    return ['name', 'id', 'position', 'visibility'];
  }
  protected readProp(name: string): unknown {
    const s = this.sheet();
    switch (name) {
      case 'name':
        return s.name;
      case 'id':
        return s.id;
      case 'position':
        return this.core.state.liveSheets().indexOf(s);
      case 'visibility':
        return s.visibility;
      default:
        return this.unknownProp(name);
    }
  }

  get name(): string {
    return this.got('name');
  }
  /** Renames the sheet (Excel's name rules apply at sync). */
  set name(value: string) {
    act(this.core, jsonSize(value), () => {
      const s = this.sheet();
      const problem = sheetNameProblem(value);
      if (problem) throw invalidArgument(`sheet name "${value}" ${problem}`);
      const other = this.core.state.sheetByName(value);
      if (other && other !== s)
        throw new SimError('ItemAlreadyExists', `A worksheet named "${value}" already exists.`);
      s.name = value;
    });
  }
  get id(): string {
    return this.got('id');
  }
  get position(): number {
    return this.got('position');
  }
  get visibility(): string {
    return this.got('visibility');
  }

  /** A range by A1 address on this sheet (the whole sheet without an address). */
  getRange(address?: string): SimRange {
    return new SimRange(this.core, () => {
      const sheet = this.sheet();
      if (address === undefined || address === '')
        return { sheet, rect: { r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLUMNS - 1 }, whole: true };
      const p = parseAddress(address);
      if (!p) throw invalidArgument(`address "${address}"`);
      if (p.sheet !== undefined && p.sheet.toLowerCase() !== sheet.name.toLowerCase())
        throw invalidArgument(`address "${address}" is on another sheet`);
      return { sheet, rect: p, whole: p.wholeColumns || p.wholeRows };
    });
  }

  /** A range by 0-based indexes (ExcelApi 1.7). */
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): SimRange {
    return new SimRange(this.core, () => {
      requireApi(this.core.state, '1.7', 'getRangeByIndexes');
      const rect = {
        r0: startRow,
        c0: startColumn,
        r1: startRow + rowCount - 1,
        c1: startColumn + columnCount - 1,
      };
      checkRect(rect);
      return { sheet: this.sheet(), rect, whole: false };
    });
  }

  getCell(row: number, column: number): SimRange {
    return this.getRangeByIndexesUnchecked(row, column);
  }

  private getRangeByIndexesUnchecked(row: number, column: number): SimRange {
    return new SimRange(this.core, () => {
      const rect = { r0: row, c0: column, r1: row, c1: column };
      checkRect(rect);
      return { sheet: this.sheet(), rect, whole: false };
    });
  }

  /** The used range; A1 on an empty sheet, as in Excel. */
  getUsedRange(valuesOnly?: boolean): SimRange {
    return new SimRange(this.core, () => {
      const sheet = this.sheet();
      return {
        sheet,
        rect: sheet.usedRect(valuesOnly === true) ?? { r0: 0, c0: 0, r1: 0, c1: 0 },
        whole: false,
      };
    });
  }

  /** The used range, or a null object on an empty sheet (ExcelApi 1.4). */
  getUsedRangeOrNullObject(valuesOnly?: boolean): SimRange {
    const r = new SimRange(
      this.core,
      () => {
        requireApi(this.core.state, '1.4', 'getUsedRangeOrNullObject');
        const sheet = this.sheet();
        const rect = sheet.usedRect(valuesOnly === true);
        return rect ? { sheet, rect, whole: false } : null;
      },
      true,
    );
    r.queueNullCheck();
    return r;
  }

  /** Deletes the sheet with its tables, charts, PivotTables and conditional formats. */
  delete(): void {
    act(this.core, 0, () => {
      const s = this.sheet();
      const state = this.core.state;
      if (
        state.liveSheets().filter((x) => x.visibility === 'Visible').length <= 1 &&
        s.visibility === 'Visible'
      )
        throw invalidOperation('a workbook must contain at least one visible worksheet');
      s.deleted = true;
      state.tables = state.tables.filter((t) => t.sheetId !== s.id);
      state.charts = state.charts.filter((c) => c.sheetId !== s.id);
      state.pivots = state.pivots.filter((p) => p.sheetId !== s.id);
      state.conditionalFormats = state.conditionalFormats.filter((c) => c.sheetId !== s.id);
      if (state.activeSheetId === s.id) state.activeSheetId = state.liveSheets()[0]?.id ?? null;
      if (state.selection?.sheetId === s.id) state.selection = null;
    });
  }

  activate(): void {
    act(this.core, 0, () => {
      this.core.state.activeSheetId = this.sheet().id;
    });
  }
}

function checkRect(rect: Rect): void {
  if (
    !Number.isInteger(rect.r0) ||
    !Number.isInteger(rect.c0) ||
    !Number.isInteger(rect.r1) ||
    !Number.isInteger(rect.c1) ||
    rect.r0 < 0 ||
    rect.c0 < 0 ||
    rect.r1 >= MAX_ROWS ||
    rect.c1 >= MAX_COLUMNS ||
    rect.r1 < rect.r0 ||
    rect.c1 < rect.c0
  )
    throw invalidArgument(`range outside the sheet or empty (${JSON.stringify(rect)})`);
}

export class SimFreezePanes {
  constructor(
    private readonly core: SimRequestContextCore,
    private readonly ws: SimWorksheet,
  ) {}
  /** Freezes the top rows (ExcelApi 1.7). */
  freezeRows(count?: number): void {
    act(this.core, 10, () => {
      requireApi(this.core.state, '1.7', 'freezePanes');
      this.ws.sheet().freezeRows = count ?? 1;
    });
  }
}

// ---------------------------------------------------------------- ranges

interface RangeTarget {
  sheet: SheetState;
  rect: Rect;
  /** Whole columns or rows: values read as null and cannot be written. */
  whole: boolean;
}

export class SimRange extends Resolved<RangeTarget> {
  readonly format: SimRangeFormat;
  readonly conditionalFormats: SimConditionalFormatCollection;

  constructor(core: SimRequestContextCore, find: () => RangeTarget | null, nullable = false) {
    super(core, find, 'range', nullable);
    this.format = new SimRangeFormat(core, this);
    this.conditionalFormats = new SimConditionalFormatCollection(core, this);
  }

  /** The resolved sheet and rectangle (for sibling proxies). */
  rt(): RangeTarget {
    const t = this.target();
    if (t.sheet.deleted) throw itemNotFound('range on a deleted worksheet');
    return t;
  }

  protected scalarProps(): readonly string[] {
    return [
      'address',
      'addressLocal',
      'rowCount',
      'columnCount',
      'rowIndex',
      'columnIndex',
      'cellCount',
      'values',
      'numberFormat',
    ];
  }

  protected readProp(name: string): unknown {
    const { sheet, rect, whole } = this.rt();
    switch (name) {
      case 'address':
      case 'addressLocal':
        return qualified(sheet.name, rect);
      case 'rowCount':
        return rect.r1 - rect.r0 + 1;
      case 'columnCount':
        return rect.c1 - rect.c0 + 1;
      case 'rowIndex':
        return rect.r0;
      case 'columnIndex':
        return rect.c0;
      case 'cellCount':
        return cellCount(rect);
      case 'values':
      case 'numberFormat':
      case 'formulas':
      case 'text': {
        // Whole columns/rows read as null in Excel (office-js#4792); huge reads fail.
        if (whole) return null;
        if (cellCount(rect) > READ_CELL_LIMIT)
          throw new SimError(
            'RangeExceedsLimit',
            `The cell count in the range (${cellCount(rect)}) exceeds the limit.`,
          );
        return this.grid(sheet, rect, name);
      }
      case 'worksheet':
        return this.unknownProp('worksheet (load it through range.worksheet)');
      default:
        return this.unknownProp(name);
    }
  }

  private grid(sheet: SheetState, rect: Rect, name: string): unknown[][] {
    const out: unknown[][] = [];
    for (let r = rect.r0; r <= rect.r1; r++) {
      const row = sheet.cells.get(r);
      const fmt = sheet.formats.get(r);
      const line: unknown[] = new Array(rect.c1 - rect.c0 + 1);
      for (let c = rect.c0; c <= rect.c1; c++) {
        const v = row?.[c];
        let cell: unknown;
        if (name === 'numberFormat') cell = fmt?.[c] ?? 'General';
        else if (v === undefined) cell = '';
        else if (isFormula(v)) cell = name === 'formulas' ? v.formula : (v.result ?? '#NAME?');
        else cell = name === 'text' ? String(v) : v;
        line[c - rect.c0] = cell;
      }
      out.push(line);
    }
    return out;
  }

  get address(): string {
    return this.got('address');
  }
  get addressLocal(): string {
    return this.got('addressLocal');
  }
  get rowCount(): number {
    return this.got('rowCount');
  }
  get columnCount(): number {
    return this.got('columnCount');
  }
  get rowIndex(): number {
    return this.got('rowIndex');
  }
  get columnIndex(): number {
    return this.got('columnIndex');
  }
  get cellCount(): number {
    return this.got('cellCount');
  }
  get values(): Cellish[][] {
    return this.got('values');
  }
  /** Writes values at sync; the array must have the range's shape (null leaves a cell unchanged). */
  set values(v: Cellish[][]) {
    this.setGrid('values', v);
  }
  get numberFormat(): string[][] {
    return this.got('numberFormat');
  }
  set numberFormat(v: string[][]) {
    this.setGrid('numberFormat', v);
  }
  get formulas(): Cellish[][] {
    return this.got('formulas');
  }
  get text(): string[][] {
    return this.got('text');
  }

  private setGrid(name: 'values' | 'numberFormat', grid: unknown[][]): void {
    act(this.core, jsonSize(grid), () => {
      const { sheet, rect, whole } = this.rt();
      if (whole) throw invalidArgument(`cannot set ${name} of whole columns or rows`);
      const rows = rect.r1 - rect.r0 + 1;
      const cols = rect.c1 - rect.c0 + 1;
      if (
        !Array.isArray(grid) ||
        grid.length !== rows ||
        grid.some((line) => !Array.isArray(line) || line.length !== cols)
      )
        throw invalidArgument(
          `the ${name} array does not match the size of the range (${rows}×${cols} expected, got ${describeShape(grid)})`,
        );
      for (let i = 0; i < rows; i++) {
        const line = grid[i];
        for (let j = 0; j < cols; j++) {
          const v = line[j];
          if (name === 'numberFormat') {
            if (v === null || v === undefined) continue;
            if (typeof v !== 'string') throw invalidArgument('number formats must be strings');
            sheet.setFormat(rect.r0 + i, rect.c0 + j, v);
          } else {
            if (
              v !== null &&
              v !== undefined &&
              typeof v !== 'string' &&
              typeof v !== 'number' &&
              typeof v !== 'boolean'
            )
              throw invalidArgument(`unsupported cell value ${JSON.stringify(v)}`);
            if (typeof v === 'number' && !Number.isFinite(v)) throw invalidArgument(`non-finite number ${v}`);
            sheet.write(rect.r0 + i, rect.c0 + j, v);
          }
        }
      }
    });
  }

  private derived(f: (t: RangeTarget) => Rect | null, nullable = false): SimRange {
    return new SimRange(
      this.core,
      () => {
        const t = this.rt();
        const rect = f(t);
        if (rect === null) return null;
        checkRect(rect);
        return { sheet: t.sheet, rect, whole: isWhole(rect) };
      },
      nullable,
    );
  }

  /** The range grown or shrunk by rows and columns at the bottom/right. */
  getResizedRange(deltaRows: number, deltaColumns: number): SimRange {
    return this.derived(({ rect }) => ({ ...rect, r1: rect.r1 + deltaRows, c1: rect.c1 + deltaColumns }));
  }

  getOffsetRange(rowOffset: number, columnOffset: number): SimRange {
    return this.derived(({ rect }) => ({
      r0: rect.r0 + rowOffset,
      r1: rect.r1 + rowOffset,
      c0: rect.c0 + columnOffset,
      c1: rect.c1 + columnOffset,
    }));
  }

  getCell(row: number, column: number): SimRange {
    return this.derived(({ rect }) => ({
      r0: rect.r0 + row,
      r1: rect.r0 + row,
      c0: rect.c0 + column,
      c1: rect.c0 + column,
    }));
  }

  getIntersection(other: SimRange | string): SimRange {
    return this.derived(({ sheet, rect }) => {
      const o = this.otherRect(sheet, other);
      const x = intersect(rect, o);
      if (!x) throw itemNotFound('intersection (the ranges do not overlap)');
      return x;
    });
  }

  getIntersectionOrNullObject(other: SimRange | string): SimRange {
    const r = this.derived(({ sheet, rect }) => intersect(rect, this.otherRect(sheet, other)), true);
    r.queueNullCheck();
    return r;
  }

  private otherRect(sheet: SheetState, other: SimRange | string): Rect {
    if (typeof other === 'string') {
      const p = parseAddress(other);
      if (!p) throw invalidArgument(`address "${other}"`);
      return p;
    }
    const t = other.rt();
    if (t.sheet !== sheet) throw invalidArgument('ranges on different sheets');
    return t.rect;
  }

  /** The current region around the range (Ctrl+A): grown while any neighbouring cell is non-empty (1.13). */
  getSurroundingRegion(): SimRange {
    return this.derived(({ sheet, rect }) => {
      requireApi(this.core.state, '1.13', 'getSurroundingRegion');
      return surroundingRegion(sheet, rect);
    });
  }

  /** The used part of this range; ItemNotFound when it has no used cell. */
  getUsedRange(valuesOnly?: boolean): SimRange {
    return this.derived(({ sheet, rect }) => {
      const used = sheet.usedRect(valuesOnly === true);
      const x = used && intersect(used, rect);
      if (!x) throw itemNotFound('used range (no used cells in the range)');
      return x;
    });
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): SimRange {
    const r = this.derived(({ sheet, rect }) => {
      const used = sheet.usedRect(valuesOnly === true);
      return used && intersect(used, rect);
    }, true);
    r.queueNullCheck();
    return r;
  }

  /** Clears values and/or formats ('All' by default). */
  clear(applyTo?: 'All' | 'Formats' | 'Contents'): void {
    act(this.core, 20, () => {
      const { sheet, rect, whole } = this.rt();
      const used = whole ? sheet.usedRect(false) : rect;
      const x = used && intersect(used, rect);
      if (!x) return;
      for (let r = x.r0; r <= x.r1; r++)
        for (let c = x.c0; c <= x.c1; c++) {
          if (applyTo !== 'Formats') sheet.setRaw(r, c, undefined);
          if (applyTo !== 'Contents') sheet.setFormat(r, c, undefined);
        }
      if (applyTo !== 'Contents')
        this.core.state.conditionalFormats = this.core.state.conditionalFormats.filter(
          (cf) => !(cf.sheetId === sheet.id && intersect(cf.rect, x)),
        );
    });
  }

  /** The worksheet the range is on. */
  get worksheet(): SimWorksheet {
    return new SimWorksheet(this.core, () => this.rt().sheet);
  }
}

function isWhole(rect: Rect): boolean {
  return (rect.r0 === 0 && rect.r1 === MAX_ROWS - 1) || (rect.c0 === 0 && rect.c1 === MAX_COLUMNS - 1);
}

function describeShape(grid: unknown): string {
  if (!Array.isArray(grid)) return typeof grid;
  const widths = new Set(grid.map((l) => (Array.isArray(l) ? l.length : -1)));
  return `${grid.length}×${[...widths].join('/')}`;
}

/** Excel's current region: the rectangle grown while a cell touching it (diagonals included) is non-empty. */
export function surroundingRegion(sheet: SheetState, start: Rect): Rect {
  const r = { ...start };
  const filled = (row: number, c0: number, c1: number): boolean => {
    if (row < 0 || row >= MAX_ROWS) return false;
    const line = sheet.cells.get(row);
    if (!line) return false;
    for (let c = Math.max(0, c0); c <= Math.min(c1, line.length - 1); c++)
      if (line[c] !== undefined) return true;
    return false;
  };
  const colFilled = (col: number, r0: number, r1: number): boolean => {
    if (col < 0 || col >= MAX_COLUMNS) return false;
    for (let row = Math.max(0, r0); row <= Math.min(r1, MAX_ROWS - 1); row++)
      if (sheet.cells.get(row)?.[col] !== undefined) return true;
    return false;
  };
  let changed = true;
  while (changed) {
    changed = false;
    while (filled(r.r1 + 1, r.c0 - 1, r.c1 + 1)) {
      r.r1++;
      changed = true;
    }
    while (filled(r.r0 - 1, r.c0 - 1, r.c1 + 1)) {
      r.r0--;
      changed = true;
    }
    while (colFilled(r.c1 + 1, r.r0 - 1, r.r1 + 1)) {
      r.c1++;
      changed = true;
    }
    while (colFilled(r.c0 - 1, r.r0 - 1, r.r1 + 1)) {
      r.c0--;
      changed = true;
    }
  }
  return r;
}

export class SimRangeFormat extends SimObject {
  constructor(
    core: SimRequestContextCore,
    private readonly range: SimRange,
  ) {
    super(core);
  }
  protected scalarProps(): readonly string[] {
    return ['columnWidth'];
  }
  protected readProp(name: string): unknown {
    if (name !== 'columnWidth') return this.unknownProp(name);
    const { sheet, rect } = this.range.rt();
    return sheet.columnWidths.get(rect.c0) ?? DEFAULT_WIDTH;
  }
  protected exists(): boolean {
    this.range.rt();
    return true;
  }
  get columnWidth(): number {
    return this.got('columnWidth');
  }
  /** Width in points for every column of the range. */
  set columnWidth(points: number) {
    act(this.core, 20, () => {
      const { sheet, rect } = this.range.rt();
      if (!(points >= 0)) throw invalidArgument('column width');
      for (let c = rect.c0; c <= rect.c1; c++) sheet.columnWidths.set(c, points);
    });
  }
  /** Fits columns to their longest text (an estimate: about 7 points per character, CJK double). */
  autofitColumns(): void {
    act(this.core, 10, () => {
      const { sheet, rect } = this.range.rt();
      const used = sheet.usedRect(true);
      const x = used && intersect(used, rect);
      if (!x) return;
      for (let c = x.c0; c <= x.c1; c++) {
        let chars = 0;
        for (let r = x.r0; r <= x.r1; r++) {
          const v = sheet.get(r, c);
          if (v === undefined) continue;
          let w = 0;
          if (typeof v === 'number') w = formatLength(v, sheet.format(r, c));
          else for (const ch of isFormula(v) ? '#NAME?' : String(v)) w += ch.charCodeAt(0) > 0x2e80 ? 2 : 1;
          chars = Math.max(chars, w);
        }
        sheet.columnWidths.set(c, Math.min(255 * 7, Math.max(DEFAULT_WIDTH, Math.round((chars + 2) * 7))));
      }
    });
  }
}

/** Excel's default column width in points (8.43 characters). */
export const DEFAULT_WIDTH = 48;

function formatLength(v: number, fmt: string): number {
  if (/y|d/i.test(fmt) && !/"/.test(fmt)) return 10;
  if (fmt.includes('%')) return (v * 100).toFixed(1).length + 1;
  return (
    (Number.isInteger(v) ? String(v) : v.toFixed(2)).length +
    (fmt.includes(',') ? Math.floor(String(Math.trunc(v)).length / 3) : 0)
  );
}

// ---------------------------------------------------------------- conditional formats

export class SimConditionalFormatCollection {
  constructor(
    private readonly core: SimRequestContextCore,
    private readonly range: SimRange,
  ) {}
  /** Adds a colour scale or data bar (ExcelApi 1.6), recorded as data. */
  add(type: string): SimConditionalFormat {
    let created: ConditionalFormatState | null = null;
    act(this.core, jsonSize(type), () => {
      requireApi(this.core.state, '1.6', 'conditionalFormats');
      if (type !== 'ColorScale' && type !== 'DataBar')
        throw new SimError(
          'NotImplemented',
          `sim records only ColorScale and DataBar conditional formats, not ${type}`,
        );
      const { sheet, rect } = this.range.rt();
      created = { sheetId: sheet.id, rect, type, settings: {} };
      this.core.state.conditionalFormats.push(created);
    });
    return new SimConditionalFormat(this.core, () => created);
  }
}

export class SimConditionalFormat {
  readonly colorScale: { criteria: Record<string, unknown> };
  readonly dataBar: { barDirection: string; showDataBarOnly: boolean };
  constructor(core: SimRequestContextCore, get: () => ConditionalFormatState | null) {
    const set = (key: string, value: unknown) =>
      act(core, jsonSize(value), () => {
        const cf = get();
        if (!cf) throw itemNotFound('conditional format');
        cf.settings[key] = value;
      });
    this.colorScale = {
      get criteria(): Record<string, unknown> {
        throw new SimError('PropertyNotLoaded', 'colorScale.criteria is write-only in sim');
      },
      set criteria(v: Record<string, unknown>) {
        set('criteria', v);
      },
    };
    this.dataBar = {
      get barDirection(): string {
        throw new SimError('PropertyNotLoaded', 'dataBar.barDirection is write-only in sim');
      },
      set barDirection(v: string) {
        set('barDirection', v);
      },
      get showDataBarOnly(): boolean {
        throw new SimError('PropertyNotLoaded', 'dataBar.showDataBarOnly is write-only in sim');
      },
      set showDataBarOnly(v: boolean) {
        set('showDataBarOnly', v);
      },
    };
  }
}

// ---------------------------------------------------------------- tables

export class SimTableCollection extends SimObject {
  private itemList: SimTable[] | undefined;

  constructor(
    core: SimRequestContextCore,
    private readonly ws: SimWorksheet | null,
  ) {
    super(core);
  }
  protected scalarProps(): readonly string[] {
    return ['items'];
  }
  protected readProp(name: string): unknown {
    return this.unknownProp(name);
  }
  protected exists(): boolean {
    return true;
  }
  private scope(): TableState[] {
    const all = this.core.state.tables;
    return this.ws ? all.filter((t) => t.sheetId === this.ws!.sheet().id) : all;
  }
  get items(): SimTable[] {
    if (!this.itemList) throw this.got('items');
    return this.itemList;
  }
  override load(option?: LoadOption): this {
    const sub = itemProps(option);
    this.core.enqueue({
      size: ACTION_OVERHEAD + jsonSize(option ?? null),
      run: () => {
        const items = this.scope().map((t) => new SimTable(this.core, () => t, 'table'));
        const data = items.map((it) => it.readAll(sub));
        return {
          size: jsonSize(data),
          deliver: () => {
            items.forEach((it, i) => it.deliverAll(data[i]));
            this.itemList = items;
          },
        };
      },
    });
    return this;
  }

  /** Converts a range with a header row into a Table; tables cannot overlap. */
  add(address: string | SimRange, hasHeaders: boolean): SimTable {
    let created: TableState | null = null;
    const state = this.core.state;
    act(this.core, jsonSize(typeof address === 'string' ? address : 'range'), () => {
      let sheet: SheetState;
      let rect: Rect;
      if (typeof address === 'string') {
        const p = parseAddress(address);
        if (!p || p.wholeColumns || p.wholeRows) throw invalidArgument(`table address "${address}"`);
        if (this.ws) sheet = this.ws.sheet();
        else {
          if (p.sheet === undefined)
            throw invalidArgument('a workbook-level table address must name its sheet');
          const s = state.sheetByName(p.sheet);
          if (!s) throw itemNotFound(`worksheet "${p.sheet}"`);
          sheet = s;
        }
        if (p.sheet !== undefined && p.sheet.toLowerCase() !== sheet.name.toLowerCase())
          throw invalidArgument('table address on another sheet');
        rect = p;
      } else {
        const t = address.rt();
        sheet = t.sheet;
        rect = t.rect;
      }
      if (!hasHeaders)
        throw new SimError('NotImplemented', 'sim models tables with a header row only (hasHeaders = true)');
      if (rect.r1 <= rect.r0 - 1) throw invalidArgument('table needs a header row');
      if (state.tables.some((t) => t.sheetId === sheet.id && intersect(t.rect, rect)))
        throw invalidOperation('a table cannot overlap another table');
      if (
        state.pivots.some(
          (p) => p.sheetId === sheet.id && pivotRect(p) && intersect(pivotRect(p) as Rect, rect),
        )
      )
        throw invalidOperation('a table cannot overlap a PivotTable');
      // Excel turns the header row into unique text labels.
      const seen = new Set<string>();
      for (let c = rect.c0; c <= rect.c1; c++) {
        const v = sheet.get(rect.r0, c);
        let label = v === undefined ? `Column${c - rect.c0 + 1}` : isFormula(v) ? '#NAME?' : String(v);
        const base = label;
        for (let k = 2; seen.has(label.toLowerCase()); k++) label = `${base}${k}`;
        seen.add(label.toLowerCase());
        if (v === undefined || label !== String(v)) sheet.setRaw(rect.r0, c, label);
      }
      let i = state.tables.length + 1;
      while (state.tables.some((t) => t.name.toLowerCase() === `table${i}`)) i++;
      created = {
        id: state.newId('table'),
        name: `Table${i}`,
        sheetId: sheet.id,
        rect,
        style: 'TableStyleMedium2',
        showHeaders: true,
      };
      state.tables.push(created);
    });
    return new SimTable(this.core, () => created, 'new table');
  }

  getItem(key: string): SimTable {
    return new SimTable(this.core, () => this.find(key), `table "${key}"`);
  }
  /** The table or a null object (ExcelApi 1.4). */
  getItemOrNullObject(key: string): SimTable {
    const t = new SimTable(this.core, () => this.find(key), `table "${key}"`, true);
    t.queueNullCheck();
    return t;
  }
  private find(key: string): TableState | null {
    const lower = key.toLowerCase();
    return this.scope().find((t) => t.name.toLowerCase() === lower || t.id === key) ?? null;
  }
  getCount(): SimClientResult<number> {
    const result = new SimClientResult<number>();
    this.core.enqueue({
      size: ACTION_OVERHEAD,
      run: () => {
        const n = this.scope().length;
        return { size: 8, deliver: () => result.set(n) };
      },
    });
    return result;
  }
}

export class SimTable extends Resolved<TableState> {
  protected scalarProps(): readonly string[] {
    return ['name', 'id', 'style', 'showHeaders'];
  }
  protected readProp(name: string): unknown {
    const t = this.target();
    switch (name) {
      case 'name':
        return t.name;
      case 'id':
        return t.id;
      case 'style':
        return t.style;
      case 'showHeaders':
        return t.showHeaders;
      default:
        return this.unknownProp(name);
    }
  }
  get name(): string {
    return this.got('name');
  }
  /** Renames the table: Excel's name rules and workbook-wide uniqueness apply. */
  set name(value: string) {
    act(this.core, jsonSize(value), () => {
      const t = this.target();
      const problem = tableNameProblem(value);
      if (problem) throw invalidArgument(`table name "${value}": ${problem}`);
      const lower = value.toLowerCase();
      const state = this.core.state;
      if (
        state.tables.some((o) => o !== t && o.name.toLowerCase() === lower) ||
        state.pivots.some((p) => p.name.toLowerCase() === lower)
      )
        throw new SimError('ItemAlreadyExists', `A table or PivotTable named "${value}" already exists.`);
      t.name = value;
    });
  }
  get id(): string {
    return this.got('id');
  }
  get style(): string {
    return this.got('style');
  }
  set style(value: string) {
    act(this.core, jsonSize(value), () => {
      this.target().style = value;
    });
  }
  get showHeaders(): boolean {
    return this.got('showHeaders');
  }

  private part(f: (rect: Rect) => Rect): SimRange {
    return new SimRange(this.core, () => {
      const t = this.target();
      const sheet = this.core.state.sheetById(t.sheetId);
      if (!sheet) return null;
      return { sheet, rect: f(t.rect), whole: false };
    });
  }
  getRange(): SimRange {
    return this.part((r) => r);
  }
  getHeaderRowRange(): SimRange {
    return this.part((r) => ({ ...r, r1: r.r0 }));
  }
  getDataBodyRange(): SimRange {
    return this.part((r) => ({ ...r, r0: Math.min(r.r0 + 1, r.r1) }));
  }
  /** Removes the table and its cells' contents, as Excel's Table.delete(). */
  delete(): void {
    act(this.core, 0, () => {
      const t = this.target();
      const state = this.core.state;
      const sheet = state.sheetById(t.sheetId);
      if (sheet)
        for (let r = t.rect.r0; r <= t.rect.r1; r++)
          for (let c = t.rect.c0; c <= t.rect.c1; c++) {
            sheet.setRaw(r, c, undefined);
            sheet.setFormat(r, c, undefined);
          }
      state.tables = state.tables.filter((x) => x !== t);
    });
  }
  get worksheet(): SimWorksheet {
    return new SimWorksheet(this.core, () => this.core.state.sheetById(this.target().sheetId) ?? null);
  }
}

// ---------------------------------------------------------------- charts

export class SimChartCollection {
  constructor(
    private readonly core: SimRequestContextCore,
    private readonly ws: SimWorksheet,
  ) {}

  /** Adds a chart over a source range, recorded as data (type, series with their addresses). */
  add(type: string, sourceData: SimRange, seriesBy: string = 'Auto'): SimChart {
    let created: ChartState | null = null;
    const state = this.core.state;
    act(this.core, jsonSize([type, seriesBy]), () => {
      const sheet = this.ws.sheet();
      const { sheet: srcSheet, rect } = sourceData.rt();
      if (!CHART_TYPES.has(type)) throw invalidArgument(`chart type "${type}"`);
      const byColumns =
        seriesBy === 'Columns' || (seriesBy === 'Auto' && rect.r1 - rect.r0 >= rect.c1 - rect.c0);
      created = {
        id: state.newId('chart'),
        name: `Chart ${state.charts.length + 1}`,
        sheetId: sheet.id,
        type,
        source: qualified(srcSheet.name, rect),
        seriesBy: byColumns ? 'Columns' : 'Rows',
        title: '',
        series: chartSeries(srcSheet, rect, byColumns, type === 'XYScatter'),
      };
      state.charts.push(created);
    });
    return new SimChart(this.core, () => created);
  }
}

const CHART_TYPES = new Set([
  'ColumnClustered',
  'ColumnStacked',
  'BarClustered',
  'BarStacked',
  'Line',
  'LineMarkers',
  'Pie',
  'Doughnut',
  'XYScatter',
  'Area',
]);

/**
 * Excel's series detection: a text first column (or row) gives the categories, a text header the names. For an
 * XY scatter over several columns the first column is the X values of every series, numeric or not.
 */
function chartSeries(
  sheet: SheetState,
  rect: Rect,
  byColumns: boolean,
  scatter = false,
): ChartState['series'] {
  const text = (r: number, c: number) => typeof sheet.get(r, c) === 'string';
  const headerRow = text(rect.r0, rect.c1) || text(rect.r0, rect.c0);
  const categoryCol =
    rect.r1 > rect.r0 &&
    ((scatter && byColumns && rect.c1 > rect.c0) || text(rect.r0 + (headerRow ? 1 : 0), rect.c0));
  const series: ChartState['series'] = [];
  const name = (r: number, c: number, i: number) => {
    const v = sheet.get(r, c);
    return v === undefined || isFormula(v) ? `Series${i + 1}` : String(v);
  };
  if (byColumns) {
    const firstData = rect.r0 + (headerRow ? 1 : 0);
    const cats = categoryCol
      ? qualified(sheet.name, { r0: firstData, r1: rect.r1, c0: rect.c0, c1: rect.c0 })
      : undefined;
    for (let c = rect.c0 + (categoryCol ? 1 : 0); c <= rect.c1; c++)
      series.push({
        name: headerRow ? name(rect.r0, c, series.length) : `Series${series.length + 1}`,
        values: qualified(sheet.name, { r0: firstData, r1: rect.r1, c0: c, c1: c }),
        categories: cats,
      });
  } else {
    const firstData = rect.c0 + (categoryCol ? 1 : 0);
    for (let r = rect.r0 + (headerRow ? 1 : 0); r <= rect.r1; r++)
      series.push({
        name: categoryCol ? name(r, rect.c0, series.length) : `Series${series.length + 1}`,
        values: qualified(sheet.name, { r0: r, r1: r, c0: firstData, c1: rect.c1 }),
      });
  }
  return series;
}

export class SimChart {
  readonly title: { text: string };
  readonly series: SimChartSeriesCollection;
  constructor(
    private readonly core: SimRequestContextCore,
    private readonly get: () => ChartState | null,
  ) {
    const chart = () => {
      const c = get();
      if (!c) throw itemNotFound('chart');
      return c;
    };
    this.title = {
      get text(): string {
        throw new SimError('PropertyNotLoaded', 'chart.title.text is write-only in sim');
      },
      set text(v: string) {
        act(core, jsonSize(v), () => (chart().title = v));
      },
    };
    this.series = new SimChartSeriesCollection(core, chart);
  }
  set name(v: string) {
    act(this.core, jsonSize(v), () => {
      const c = this.get();
      if (!c) throw itemNotFound('chart');
      c.name = v;
    });
  }
  /** Places the chart over cells (start and optional end cell addresses). */
  setPosition(startCell: string, endCell?: string): void {
    act(this.core, jsonSize([startCell, endCell ?? null]), () => {
      const c = this.get();
      if (!c) throw itemNotFound('chart');
      if (!parseAddress(startCell) || (endCell !== undefined && !parseAddress(endCell)))
        throw invalidArgument('chart position');
      c.position = { start: startCell, end: endCell };
    });
  }
}

export class SimChartSeriesCollection {
  constructor(
    private readonly core: SimRequestContextCore,
    private readonly chart: () => ChartState,
  ) {}
  getItemAt(index: number): SimChartSeries {
    return new SimChartSeries(this.core, () => {
      const s = this.chart().series[index];
      if (!s) throw itemNotFound(`chart series ${index}`);
      return s;
    });
  }
}

export class SimChartSeries {
  constructor(
    private readonly core: SimRequestContextCore,
    private readonly get: () => ChartState['series'][number],
  ) {}
  set chartType(v: string) {
    act(this.core, jsonSize(v), () => {
      requireApi(this.core.state, '1.7', 'ChartSeries.chartType');
      if (!CHART_TYPES.has(v)) throw invalidArgument(`chart type "${v}"`);
      this.get().chartType = v;
    });
  }
  set axisGroup(v: 'Primary' | 'Secondary') {
    act(this.core, jsonSize(v), () => {
      requireApi(this.core.state, '1.8', 'ChartSeries.axisGroup');
      this.get().axisGroup = v;
    });
  }
  set name(v: string) {
    act(this.core, jsonSize(v), () => (this.get().name = v));
  }
  /** Sets the series values from a range (ExcelApi 1.7). */
  setValues(source: SimRange): void {
    act(this.core, 40, () => {
      requireApi(this.core.state, '1.7', 'ChartSeries.setValues');
      const { sheet, rect } = source.rt();
      this.get().values = qualified(sheet.name, rect);
    });
  }
  /** Sets the category labels from a range (ExcelApi 1.7). */
  setXAxisValues(source: SimRange): void {
    act(this.core, 40, () => {
      requireApi(this.core.state, '1.7', 'ChartSeries.setXAxisValues');
      const { sheet, rect } = source.rt();
      this.get().categories = qualified(sheet.name, rect);
    });
  }
}

// ---------------------------------------------------------------- PivotTables

function pivotRect(p: PivotState): Rect | null {
  const d = parseAddress(p.destination);
  return d ? { r0: d.r0, c0: d.c0, r1: d.r0 + 2, c1: d.c0 + 2 } : null;
}

export class SimPivotTableCollection {
  constructor(
    private readonly core: SimRequestContextCore,
    private readonly ws: SimWorksheet | null,
  ) {}

  /** Adds a PivotTable (ExcelApi 1.8) over a source range/table, recorded as data. */
  add(name: string, source: SimRange | SimTable | string, destination: SimRange | string): SimPivotTable {
    let created: PivotState | null = null;
    const state = this.core.state;
    act(
      this.core,
      jsonSize([
        name,
        typeof source === 'string' ? source : '',
        typeof destination === 'string' ? destination : '',
      ]),
      () => {
        requireApi(state, '1.8', 'pivotTables.add');
        const problem = tableNameProblem(name);
        if (problem) throw invalidArgument(`PivotTable name "${name}": ${problem}`);
        const lower = name.toLowerCase();
        if (
          state.pivots.some((p) => p.name.toLowerCase() === lower) ||
          state.tables.some((t) => t.name.toLowerCase() === lower)
        )
          throw new SimError('ItemAlreadyExists', `A PivotTable or table named "${name}" already exists.`);
        const src = this.resolveRange(source);
        const dst = this.resolveRange(destination);
        if (src.rect.r1 <= src.rect.r0)
          throw invalidArgument('PivotTable source needs a header row and data');
        const headers = new Set<string>();
        for (let c = src.rect.c0; c <= src.rect.c1; c++) {
          const v = src.sheet.get(src.rect.r0, c);
          if (v === undefined || isFormula(v))
            throw invalidArgument('PivotTable source has an empty field name');
          headers.add(String(v));
        }
        if (dst.sheet === src.sheet && intersect(dst.rect, src.rect))
          throw invalidArgument('PivotTable destination overlaps its source');
        created = {
          id: state.newId('pivot'),
          name,
          source: qualified(src.sheet.name, src.rect),
          sheetId: dst.sheet.id,
          destination: rectAddress({ ...dst.rect, r1: dst.rect.r0, c1: dst.rect.c0 }),
          rows: [],
          columns: [],
          data: [],
        };
        state.pivots.push(created);
      },
    );
    return new SimPivotTable(this.core, () => created, `PivotTable "${name}"`);
  }

  private resolveRange(x: SimRange | SimTable | string): { sheet: SheetState; rect: Rect } {
    if (typeof x === 'string') {
      const p = parseAddress(x);
      if (!p) throw invalidArgument(`address "${x}"`);
      const sheet = p.sheet !== undefined ? this.core.state.sheetByName(p.sheet) : this.ws?.sheet();
      if (!sheet) throw itemNotFound(`worksheet of "${x}"`);
      return { sheet, rect: p };
    }
    if (x instanceof SimTable) return x.getRange().rt();
    return x.rt();
  }

  getItem(name: string): SimPivotTable {
    return new SimPivotTable(this.core, () => this.find(name), `PivotTable "${name}"`);
  }
  getItemOrNullObject(name: string): SimPivotTable {
    const p = new SimPivotTable(this.core, () => this.find(name), `PivotTable "${name}"`, true);
    p.queueNullCheck();
    return p;
  }
  private find(name: string): PivotState | null {
    const lower = name.toLowerCase();
    const all = this.core.state.pivots.filter((p) => !this.ws || p.sheetId === this.ws.sheet().id);
    return all.find((p) => p.name.toLowerCase() === lower) ?? null;
  }
}

export class SimPivotTable extends Resolved<PivotState> {
  readonly hierarchies: { getItem(name: string): SimPivotHierarchy };
  readonly rowHierarchies: { add(h: SimPivotHierarchy): SimPivotHierarchy };
  readonly columnHierarchies: { add(h: SimPivotHierarchy): SimPivotHierarchy };
  readonly dataHierarchies: { add(h: SimPivotHierarchy): SimDataPivotHierarchy };

  constructor(core: SimRequestContextCore, find: () => PivotState | null, what: string, nullable = false) {
    super(core, find, what, nullable);
    const fieldNames = (p: PivotState): string[] => {
      const src = parseAddress(p.source);
      const sheet = src?.sheet !== undefined ? this.core.state.sheetByName(src.sheet) : undefined;
      if (!src || !sheet) throw itemNotFound('PivotTable source');
      const out: string[] = [];
      for (let c = src.c0; c <= src.c1; c++) out.push(String(sheet.get(src.r0, c) ?? ''));
      return out;
    };
    this.hierarchies = {
      getItem: (name: string) =>
        new SimPivotHierarchy(() => {
          const p = this.target();
          if (!fieldNames(p).some((f) => f.toLowerCase() === name.toLowerCase()))
            throw itemNotFound(`PivotTable field "${name}"`);
          return name;
        }),
    };
    const addTo = (list: 'rows' | 'columns') => (h: SimPivotHierarchy) => {
      act(core, jsonSize(list), () => {
        const p = this.target();
        const field = h.field();
        if (p.rows.includes(field) || p.columns.includes(field))
          throw invalidOperation(`field "${field}" is already in the PivotTable's rows or columns`);
        p[list].push(field);
      });
      return h;
    };
    this.rowHierarchies = { add: addTo('rows') };
    this.columnHierarchies = { add: addTo('columns') };
    this.dataHierarchies = {
      add: (h: SimPivotHierarchy) => {
        let entry: PivotState['data'][number] | null = null;
        act(core, 20, () => {
          const p = this.target();
          const field = h.field();
          const src = parseAddress(p.source);
          const sheet = src?.sheet !== undefined ? this.core.state.sheetByName(src.sheet) : undefined;
          let numeric = true;
          if (src && sheet) {
            const c = src.c0 + fieldNames(p).findIndex((f) => f.toLowerCase() === field.toLowerCase());
            for (let r = src.r0 + 1; r <= src.r1 && numeric; r++) {
              const v = sheet.get(r, c);
              if (v !== undefined && typeof v !== 'number') numeric = false;
            }
          }
          // Excel's default: Sum for numeric fields, Count otherwise.
          const summarizeBy = numeric ? 'Sum' : 'Count';
          entry = { field, name: `${summarizeBy} of ${field}`, summarizeBy };
          p.data.push(entry);
        });
        return new SimDataPivotHierarchy(
          core,
          () => entry,
          () => fieldNames(this.target()),
        );
      },
    };
  }
  protected scalarProps(): readonly string[] {
    return ['name', 'id'];
  }
  protected readProp(name: string): unknown {
    const p = this.target();
    if (name === 'name') return p.name;
    if (name === 'id') return p.id;
    return this.unknownProp(name);
  }
  get name(): string {
    return this.got('name');
  }
  delete(): void {
    act(this.core, 0, () => {
      const p = this.target();
      this.core.state.pivots = this.core.state.pivots.filter((x) => x !== p);
    });
  }
}

export class SimPivotHierarchy {
  private cached: string | undefined;
  constructor(private readonly resolve: () => string) {}
  /** The source field name (runs inside sync). */
  field(): string {
    if (this.cached === undefined) this.cached = this.resolve();
    return this.cached;
  }
}

export class SimDataPivotHierarchy {
  constructor(
    private readonly core: SimRequestContextCore,
    private readonly get: () => PivotState['data'][number] | null,
    private readonly fields: () => string[],
  ) {}
  private entry(): PivotState['data'][number] {
    const e = this.get();
    if (!e) throw itemNotFound('data hierarchy');
    return e;
  }
  set summarizeBy(v: string) {
    act(this.core, jsonSize(v), () => {
      if (
        ![
          'Sum',
          'Count',
          'Average',
          'Max',
          'Min',
          'Product',
          'CountNumbers',
          'StandardDeviation',
          'Variance',
          'Automatic',
        ].includes(v)
      )
        throw invalidArgument(`summarizeBy "${v}"`);
      this.entry().summarizeBy = v;
    });
  }
  /** Renames the data field; Excel refuses a name equal to a source field's. */
  set name(v: string) {
    act(this.core, jsonSize(v), () => {
      if (this.fields().some((f) => f.toLowerCase() === v.toLowerCase()))
        throw invalidArgument(`a PivotTable data field cannot be named like the source field "${v}"`);
      this.entry().name = v;
    });
  }
}

// ---------------------------------------------------------------- settings

export class SimSettingCollection {
  constructor(private readonly core: SimRequestContextCore) {}
  /** Adds or replaces a setting (ExcelApi 1.4); the value must be JSON-serialisable. */
  add(key: string, value: unknown): SimSetting {
    act(this.core, jsonSize([key, value]), () => {
      requireApi(this.core.state, '1.4', 'settings');
      if (key.length === 0 || key.length > 255) throw invalidArgument('setting key');
      this.core.state.settings.set(key, JSON.parse(JSON.stringify(value ?? null)));
    });
    return new SimSetting(this.core, key, false);
  }
  getItem(key: string): SimSetting {
    return new SimSetting(this.core, key, false);
  }
  getItemOrNullObject(key: string): SimSetting {
    const s = new SimSetting(this.core, key, true);
    s.queueNullCheck();
    return s;
  }
}

export class SimSetting extends Resolved<string> {
  constructor(core: SimRequestContextCore, key: string, nullable: boolean) {
    super(core, () => (core.state.settings.has(key) ? key : null), `setting "${key}"`, nullable);
  }
  protected scalarProps(): readonly string[] {
    return ['key', 'value'];
  }
  protected readProp(name: string): unknown {
    const key = this.target();
    if (name === 'key') return key;
    if (name === 'value') return this.core.state.settings.get(key);
    return this.unknownProp(name);
  }
  get key(): string {
    return this.got('key');
  }
  get value(): unknown {
    return this.got('value');
  }
  delete(): void {
    act(this.core, 0, () => {
      this.core.state.settings.delete(this.target());
    });
  }
}

export { columnLetters };
