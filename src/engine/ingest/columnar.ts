/**
 * Cells ⇄ columns. The engine reads a block by column with each distinct value once (ColumnarInput):
 * a half-million-row export holds only tens of thousands of distinct values, so parsing them once and
 * keeping a code per row is both faster and far smaller than a string per cell.
 */
import type { Cell, ColumnarInput, DictColumn, EngineInput, SheetInput } from '../types';

/** True when the input is already by column. */
export function isColumnar(input: EngineInput): input is ColumnarInput {
  return Array.isArray((input as ColumnarInput).columns) && !('cells' in input);
}

/** One column being built: a growable code array and a value → code map. */
class ColumnBuilder {
  codes: Int32Array;
  readonly values: Cell[] = [];
  // Strings in a null-prototype object (V8 looks internalised strings up there faster than in a Map, and
  // "__proto__" is an ordinary key), everything else (numbers, booleans, null, undefined) in a Map.
  private readonly strings = Object.create(null) as Record<string, number>;
  private readonly others = new Map<Cell, number>();
  private prev: Cell = undefined;
  private prevCode = -1;
  constructor(capacity: number, filled: number) {
    this.codes = new Int32Array(Math.max(16, capacity));
    // A column that appears at row `filled` had no cell in the rows above it.
    if (filled > 0) this.codes.fill(this.code(undefined), 0, filled);
  }
  code(v: Cell): number {
    // null and undefined are both "no value"; keep undefined only for cells past a row's end.
    if (v === this.prev && this.prevCode >= 0) return this.prevCode;
    let c: number | undefined;
    if (typeof v === 'string') {
      c = this.strings[v];
      if (c === undefined) {
        c = this.values.length;
        this.values.push(v);
        this.strings[v] = c;
      }
    } else {
      // -0 and 0 are one value (as in a Map's keys); keep the plain 0 whichever came first.
      if (v === 0) v = 0;
      c = this.others.get(v);
      if (c === undefined) {
        c = this.values.length;
        this.values.push(v);
        this.others.set(v, c);
      }
    }
    this.prev = v;
    this.prevCode = c;
    return c;
  }
  ensure(size: number): void {
    if (size <= this.codes.length) return;
    const next = new Int32Array(Math.max(size, this.codes.length * 2));
    next.set(this.codes);
    this.codes = next;
  }
  build(rows: number): DictColumn {
    return {
      codes: this.codes.length === rows ? this.codes : this.codes.slice(0, rows),
      values: this.values,
    };
  }
}

/**
 * Builds a ColumnarInput from rows of cells added in order, a chunk at a time (the Excel reader adds each
 * chunk as it arrives, so the whole block never exists as rows of cells).
 */
export class ColumnarBuilder {
  private readonly cols: ColumnBuilder[] = [];
  private rows = 0;
  private capacity: number;
  constructor(expectedRows = 1024) {
    this.capacity = Math.max(16, expectedRows);
  }
  /** Appends rows; a row shorter than others has no cell (undefined) in the missing columns. */
  addRows(rows: readonly (readonly Cell[] | undefined)[]): void {
    const need = this.rows + rows.length;
    if (need > this.capacity) {
      this.capacity = Math.max(need, this.capacity * 2);
      for (const c of this.cols) c.ensure(this.capacity);
    }
    const cols = this.cols;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] ?? [];
      const r = this.rows + i;
      while (cols.length < row.length) cols.push(new ColumnBuilder(this.capacity, r));
      for (let c = 0; c < row.length; c++) cols[c].codes[r] = cols[c].code(row[c]);
      for (let c = row.length; c < cols.length; c++) cols[c].codes[r] = cols[c].code(undefined);
    }
    this.rows = need;
  }
  /** The finished block (the builder must not be used afterwards). */
  build(meta: Omit<ColumnarInput, 'rows' | 'columns'> = {}): ColumnarInput {
    return { ...meta, rows: this.rows, columns: this.cols.map((c) => c.build(this.rows)) };
  }
}

/** The columnar form of a block of cells. */
export function columnarFromCells(input: SheetInput): ColumnarInput {
  const cells = Array.isArray(input.cells) ? input.cells : [];
  const b = new ColumnarBuilder(cells.length);
  b.addRows(cells);
  const { cells: _cells, ...meta } = input;
  void _cells;
  return b.build(meta);
}

/** The input by column, converting cells when needed. */
export function toColumnar(input: EngineInput): ColumnarInput {
  return isColumnar(input) ? input : columnarFromCells(input);
}

/** Row r as cells, without trailing missing cells (for the rare checks that look at a whole row). */
export function rowCells(input: ColumnarInput, r: number): Cell[] {
  const out: Cell[] = [];
  let end = 0;
  for (let c = 0; c < input.columns.length; c++) {
    const col = input.columns[c];
    const v = col.values[col.codes[r]];
    out.push(v);
    if (v !== undefined) end = c + 1;
  }
  out.length = end;
  return out;
}

/** The whole block as rows of cells (for tests and small tools; the engine itself reads by column). */
export function cellsOf(input: EngineInput): Cell[][] {
  if (!isColumnar(input)) return input.cells.map((row) => [...row]);
  return topRows(input, input.rows);
}

/** The first `count` rows as cells (header search and column profiles look only at the top). */
export function topRows(input: ColumnarInput, count: number): Cell[][] {
  const n = Math.min(count, input.rows);
  const out: Cell[][] = [];
  for (let r = 0; r < n; r++) out.push(rowCells(input, r));
  return out;
}
