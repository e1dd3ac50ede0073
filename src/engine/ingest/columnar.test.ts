import fc from 'fast-check';
import type { Cell } from '../types';
import { ColumnarBuilder, columnarFromCells, isColumnar, rowCells, toColumnar, topRows } from './columnar';

const numRuns = Number(process.env.FC_RUNS ?? 200);

const cellArb: fc.Arbitrary<Cell> = fc.oneof(
  fc.string({ maxLength: 4 }),
  fc.constantFrom('', '  ', '__proto__', 'constructor', 'toString', '0', '-0'),
  fc.integer({ min: -3, max: 3 }),
  fc.double(),
  fc.constantFrom(0, -0, NaN, null, undefined, true, false),
);
const rowsArb = fc.array(fc.array(cellArb, { maxLength: 6 }), { maxLength: 30 });

/** A row without its trailing missing cells (what rowCells gives back). */
function trimmed(row: readonly Cell[]): Cell[] {
  const out = [...row];
  while (out.length > 0 && out[out.length - 1] === undefined) out.pop();
  return out;
}

describe('columnarFromCells', () => {
  it('keeps every cell: each row reads back as it was', () => {
    fc.assert(
      fc.property(rowsArb, (cells) => {
        const col = columnarFromCells({ cells });
        expect(col.rows).toBe(cells.length);
        for (let r = 0; r < cells.length; r++)
          expect(rowCells(col, r)).toEqual(trimmed(cells[r]).map((v) => (Object.is(v, -0) ? 0 : v)));
      }),
      { numRuns },
    );
  });

  it('stores each distinct value once per column, in order of first appearance', () => {
    const col = columnarFromCells({ cells: [['a', 1], ['b', 1], ['a', '1'], ['a']] });
    expect(col.columns[0].values).toEqual(['a', 'b']);
    expect(Array.from(col.columns[0].codes)).toEqual([0, 1, 0, 0]);
    // The number 1 and the text "1" stay apart; the short last row has no cell in column 2.
    expect(col.columns[1].values).toEqual([1, '1', undefined]);
    expect(Array.from(col.columns[1].codes)).toEqual([0, 0, 1, 2]);
  });

  it('gives a column that first appears further down no cell in the rows above', () => {
    const col = columnarFromCells({ cells: [['a'], ['b', 'x']] });
    expect(col.columns[1].values[col.columns[1].codes[0]]).toBeUndefined();
    expect(rowCells(col, 0)).toEqual(['a']);
    expect(rowCells(col, 1)).toEqual(['b', 'x']);
  });

  it('keeps the block position and sheet name', () => {
    const col = columnarFromCells({ cells: [['a']], firstRow: 5, firstColumn: 3, sheet: 'S' });
    expect(col).toMatchObject({ firstRow: 5, firstColumn: 3, sheet: 'S', rows: 1 });
    expect('cells' in col).toBe(false);
  });
});

describe('ColumnarBuilder', () => {
  it('gives the same block whatever the chunks rows are added in', () => {
    fc.assert(
      fc.property(rowsArb, fc.integer({ min: 1, max: 7 }), (cells, chunk) => {
        const b = new ColumnarBuilder(2);
        for (let i = 0; i < cells.length; i += chunk) b.addRows(cells.slice(i, i + chunk));
        const chunked = b.build();
        const whole = columnarFromCells({ cells });
        expect(chunked.rows).toBe(whole.rows);
        expect(chunked.columns.map((c) => c.values)).toEqual(whole.columns.map((c) => c.values));
        expect(chunked.columns.map((c) => Array.from(c.codes))).toEqual(
          whole.columns.map((c) => Array.from(c.codes)),
        );
      }),
      { numRuns },
    );
  });
});

describe('toColumnar / topRows', () => {
  it('passes columnar input through and converts cells', () => {
    const col = columnarFromCells({ cells: [['a', 'b']] });
    expect(toColumnar(col)).toBe(col);
    expect(isColumnar(col)).toBe(true);
    expect(isColumnar({ cells: [] })).toBe(false);
    expect(toColumnar({ cells: [['x']] }).columns[0].values).toEqual(['x']);
  });

  it('gives the top rows as cells', () => {
    const col = columnarFromCells({ cells: [['h1', 'h2'], [1], [2, 3]] });
    expect(topRows(col, 2)).toEqual([['h1', 'h2'], [1]]);
    expect(topRows(col, 10)).toHaveLength(3);
  });
});
