import fc from 'fast-check';
import { parseDelimited } from './csv';
import { lookAlikeRowsArb, piece, rowsArb, serialise } from './testing/csvArbitraries';

describe('parseDelimited properties', () => {
  it('round-trips random rows through RFC 4180 serialisation', () => {
    fc.assert(
      fc.property(
        rowsArb,
        fc.constantFrom(',', ';', '\t', '|'),
        fc.constantFrom('\r\n', '\n'),
        (rows, delimiter, eol) => {
          const text = serialise(rows, delimiter, eol);
          // A text of only whitespace is "no rows" by design.
          fc.pre(text.trim() !== '');
          expect(parseDelimited(text, delimiter)).toEqual(rows);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('round-trips rows drawn from a small pool of look-alike values (the repeated-value cache)', () => {
    fc.assert(
      fc.property(lookAlikeRowsArb, (r) => {
        const text = serialise(r, ',', '\n');
        fc.pre(text.trim() !== '');
        expect(parseDelimited(text, ',')).toEqual(r);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws, and every row has at least one field', () => {
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 40 }).map((ps) => ps.join('')),
        (text) => {
          const rows = parseDelimited(text);
          for (const r of rows) expect(r.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('reuses the string of the row above for a repeated value without changing what is read', () => {
    const rows = parseDelimited('a,b\r\nx,1\r\nx,2\nx,"2"\rx,22\n');
    expect(rows).toEqual([
      ['a', 'b'],
      ['x', '1'],
      ['x', '2'],
      ['x', '2'],
      ['x', '22'],
    ]);
  });
});
