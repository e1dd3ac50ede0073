/** Shared fast-check material for the CSV readers' property tests. */
import fc from 'fast-check';

/** RFC 4180 serialisation: a field holding the delimiter, a quote, CR or LF is quoted, quotes doubled. */
export function serialise(rows: string[][], delimiter: string, eol: string, quoteAll = false): string {
  const field = (f: string): string =>
    quoteAll || f.includes(delimiter) || f.includes('"') || f.includes('\r') || f.includes('\n')
      ? `"${f.replace(/"/g, '""')}"`
      : f;
  return rows.map((r) => r.map(field).join(delimiter) + eol).join('');
}

/** Strings rich in the characters that matter to a tokenizer, plus any unicode. */
export const piece = fc.oneof(
  fc.constantFrom(
    ',',
    ';',
    '\t',
    '|',
    '"',
    '""',
    '\r',
    '\n',
    '\r\n',
    ' ',
    '',
    'a',
    '1',
    'abcd',
    '客户',
    'é',
    '😀',
    '\u3000',
    '\ufeff',
    '\ufffd',
  ),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
);
export const cellArb = fc.array(piece, { maxLength: 5 }).map((ps) => ps.join(''));
/** 1–12 rows of 1–6 such cells. */
export const rowsArb = fc.array(fc.array(cellArb, { minLength: 1, maxLength: 6 }), {
  minLength: 1,
  maxLength: 12,
});

/**
 * Rows of look-alike values: same lengths, same first, middle and last characters, starting in different
 * byte lanes, so that cache and table slots collide and a match must be verified.
 */
export const lookAlikeRowsArb = fc.array(
  fc.array(
    fc.constantFrom(
      'ab1xb',
      'ab2xb',
      'abxxb',
      'ab1yb',
      'a',
      '',
      'ab',
      'ba',
      'abcdefghijklmnop',
      'abcdefghijklmnoq',
      '客',
    ),
    { minLength: 1, maxLength: 5 },
  ),
  { minLength: 1, maxLength: 60 },
);
