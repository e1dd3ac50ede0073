import fc from 'fast-check';
import { ISSUE_REASONS, IssueLog, issueAt, issueCounts, issueList, issueTable } from './issues';
import type { DataIssue } from './types';

const anIssue: fc.Arbitrary<DataIssue> = fc
  .record(
    {
      row: fc.integer({ min: -5, max: 2 ** 31 - 1 }),
      reason: fc.constantFrom(...ISSUE_REASONS),
      column: fc.constantFrom('客户ID', 'Amount', ''),
      value: fc.string({ maxLength: 6 }),
      customer: fc.string({ maxLength: 4 }),
      amount: fc.double({ noNaN: true }),
    },
    { requiredKeys: ['row', 'reason'] },
  )
  .map((x) => ({ ...x })); // a plain object, as the engine makes

describe('IssueTable', () => {
  it('gives back every issue as it was added, in order, through growth and a structured clone', () => {
    fc.assert(
      fc.property(fc.array(anIssue, { maxLength: 300, size: 'max' }), (issues) => {
        const table = structuredClone(issueTable(issues));
        expect(table.length).toBe(issues.length);
        // toStrictEqual: no field the issue did not have comes back (not even as undefined).
        expect(issueList(table)).toStrictEqual(issues);
        issues.forEach((x, i) => expect(issueAt(table, i)).toStrictEqual(x));
      }),
    );
  });

  it('stores each text once, whatever field it is in', () => {
    const table = issueTable([
      { row: 2, reason: 'no_customer_id', column: 'ID', value: '', amount: 3 },
      { row: 3, reason: 'no_customer_id', column: 'ID', value: '', amount: 4 },
      { row: 4, reason: 'bad_date', column: 'Date', value: 'ID', customer: 'ID', amount: 0 },
    ]);
    expect(table.texts).toEqual(['ID', '', 'Date']);
    expect(Array.from(table.column)).toEqual([0, 0, 2]);
    expect(Array.from(table.customer)).toEqual([-1, -1, 0]);
  });

  it('goes on from a table without changing its issues (IssueLog.from)', () => {
    fc.assert(
      fc.property(
        fc.array(anIssue, { maxLength: 200, size: 'max' }),
        fc.array(anIssue, { maxLength: 20 }),
        (a, b) => {
          const first = issueTable(a);
          const log = IssueLog.from(first);
          for (const x of b) log.add(x.row, x.reason, x.amount ?? NaN, x.column, x.value, x.customer);
          expect(issueList(log.table())).toStrictEqual([...a, ...b]);
          expect(issueList(first)).toStrictEqual(a);
        },
      ),
    );
  });

  it('counts by reason in the order the reasons first occur, and lists the first ones kept', () => {
    const table = issueTable([
      { row: 1, reason: 'above_header' },
      { row: 3, reason: 'totals_row', amount: 5 },
      { row: 4, reason: 'blank', amount: 0 },
      { row: 5, reason: 'totals_row', amount: 1 },
      { row: 6, reason: 'blank', amount: 0 },
    ]);
    expect([...issueCounts(table)]).toEqual([
      ['above_header', 1],
      ['totals_row', 2],
      ['blank', 2],
    ]);
    const listed = (r: string): boolean => r !== 'above_header';
    expect([...issueCounts(table, listed).keys()]).toEqual(['totals_row', 'blank']);
    expect(issueList(table, listed, 2).map((x) => x.row)).toEqual([3, 4]);
  });
});
