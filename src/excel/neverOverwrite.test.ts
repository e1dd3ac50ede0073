import fc from 'fast-check';
import { createWorkbook, columnLetters } from '../sim';
import type { WriteOptions } from './api';
import { writeAnalysis } from './write';
import { fixtureCells, fixtureResult, fixtureSource, type FixtureSpec } from './testing/fixtures';

const NUM_RUNS = Number(process.env.FC_RUNS_OVERWRITE ?? 1000);

const userCell = fc.record({
  row: fc.integer({ min: 0, max: 24 }),
  col: fc.integer({ min: 0, max: 14 }),
  value: fc.oneof(
    fc.string({ minLength: 1, maxLength: 6 }),
    fc.integer(),
    fc.constantFrom('=SUM(A1)', '-x', 'note'),
  ),
});

const scenario = fc.record({
  kind: fc.constantFrom<'customers' | 'transactions'>('customers', 'transactions'),
  headerRow: fc.integer({ min: 1, max: 5 }),
  firstColumn: fc.integer({ min: 1, max: 5 }),
  columns: fc.integer({ min: 2, max: 4 }),
  customers: fc.integer({ min: 1, max: 6 }),
  cells: fc.array(userCell, { maxLength: 12 }),
  otherSheets: fc.subarray(['Customer segments', 'Segment summary', 'Segment pivot', 'Notes']),
  otherCells: fc.array(userCell, { maxLength: 4 }),
  placement: fc.constantFrom<'auto' | 'new-sheet'>('auto', 'new-sheet'),
  reruns: fc.array(fc.boolean(), { maxLength: 2 }),
  lang: fc.constantFrom<'en' | 'zh'>('en', 'zh'),
});

describe('never overwrite a user cell', () => {
  test(
    'after any run every pre-existing non-empty cell is unchanged',
    async () => {
      await fc.assert(
        fc.asyncProperty(scenario, async (s) => {
          const spec: FixtureSpec = {
            kind: s.kind,
            headerRow: s.headerRow,
            firstColumn: s.firstColumn,
            columns: s.columns,
            customers: s.customers,
            linesPerCustomer: 2,
          };
          const wb = createWorkbook();
          const src = fixtureSource(spec);
          const cells = fixtureCells(spec);
          const r0 = s.headerRow - 1;
          const c0 = s.firstColumn - 1;
          // User cells around (never inside) the analysed block.
          for (const u of s.cells) {
            const inside = u.row >= r0 && u.row < r0 + cells.length && u.col >= c0 && u.col < c0 + s.columns;
            if (!inside) wb.setValues('Sheet1', `${columnLetters(u.col)}${u.row + 1}`, [[u.value]]);
          }
          wb.setValues('Sheet1', `${columnLetters(c0)}${r0 + 1}`, cells);
          for (const name of s.otherSheets) {
            wb.addSheet(name);
            for (const u of s.otherCells)
              wb.setValues(name, `${columnLetters(u.col)}${u.row + 1}`, [[u.value]]);
          }
          const before = new Map(wb.sheetNames().map((n) => [n, wb.snapshot(n)]));
          const opts: WriteOptions = {
            lang: s.lang,
            placement: s.placement,
            source: { sheet: src.sheet, address: src.address },
            isSetSupported: wb.isSetSupported,
          };
          const result = fixtureResult(spec);
          await writeAnalysis(wb.run, result, opts);
          for (const replace of s.reruns)
            await writeAnalysis(wb.run, result, { ...opts, replacePrevious: replace });
          for (const [name, snap] of before) {
            expect(wb.sheetNames()).toContain(name);
            const now = wb.snapshot(name);
            for (const [key, cell] of snap) expect(now.get(key)?.value).toEqual(cell.value);
          }
        }),
        { numRuns: NUM_RUNS },
      );
    },
    60_000 + NUM_RUNS * 50,
  );
});
