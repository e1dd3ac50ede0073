import fc from 'fast-check';
import { detectDelimiter, parseDelimited } from './csv';
import { readDelimitedColumns } from './csvColumns';
import { decodeText } from './decode';
import { lookAlikeRowsArb, piece, rowsArb, serialise } from './testing/csvArbitraries';
import csvScan from './wasm/csvScan.wasm';
import { wasmTokenizer } from './wasmTokenizer';

const numRuns = Number(process.env.FC_RUNS ?? 1000);

const tokenizer = wasmTokenizer(csvScan);

/** A read as plain data: codes as arrays (to compare reads). */
function plain(read: ReturnType<typeof readDelimitedColumns>): unknown {
  return { ...read, columns: read.columns.map((c) => ({ codes: [...c.codes], values: c.values })) };
}

/**
 * The equivalence readDelimitedColumns promises: for each row r and column c, the cell parseDelimited reads
 * from decodeText's text, or undefined past the end of a short row; one value per distinct cell per column.
 * The CLI's WebAssembly tokenizer reads the same columns to the last code, values in the same order.
 */
function checkSame(bytes: Uint8Array, delimiter?: string): void {
  const { text, encoding } = decodeText(bytes);
  const rows = parseDelimited(text, delimiter ?? detectDelimiter(text));
  const read = readDelimitedColumns(bytes, { delimiter });
  expect(read.encoding).toBe(encoding);
  expect(read.rows).toBe(rows.length);
  expect(read.columns.length).toBe(rows.reduce((w, r) => Math.max(w, r.length), 0));
  for (const col of read.columns) {
    expect(col.codes.length).toBe(rows.length);
    expect(new Set(col.values).size).toBe(col.values.length);
  }
  const got = rows.map((_, r) => read.columns.map((col) => col.values[col.codes[r]]));
  const want = rows.map((row) => read.columns.map((_, c) => (c < row.length ? row[c] : undefined)));
  expect(got).toEqual(want);
  expect(plain(readDelimitedColumns(bytes, { delimiter, tokenizer }))).toEqual(plain(read));
}

const delimiterArb = fc.constantFrom(',', ';', '\t', '|');

/** The bytes placed at `offset` in a larger buffer full of delimiters (the reader must stay in its view). */
function atOffset(bytes: Uint8Array, offset: number): Uint8Array {
  const backing = new Uint8Array(offset + bytes.length + 3).fill(0x2c);
  backing.set(bytes, offset);
  return backing.subarray(offset, offset + bytes.length);
}

describe('readDelimitedColumns properties', () => {
  it('reads serialised rows as parseDelimited does, in UTF-8 at any offset', () => {
    fc.assert(
      fc.property(
        rowsArb,
        delimiterArb,
        fc.constantFrom('\r\n', '\n', '\r', ''),
        fc.boolean(),
        fc.integer({ min: 0, max: 7 }),
        (rows, delimiter, eol, quoteAll, offset) => {
          const bytes = new TextEncoder().encode(serialise(rows, delimiter, eol, quoteAll));
          checkSame(atOffset(bytes, offset));
          checkSame(bytes, delimiter);
        },
      ),
      { numRuns },
    );
  });

  it('reads rows of look-alike values (colliding table slots, repeats above) as parseDelimited does', () => {
    fc.assert(
      fc.property(lookAlikeRowsArb, fc.boolean(), (r, quoteAll) => {
        checkSame(new TextEncoder().encode(serialise(r, ',', '\n', quoteAll)));
      }),
      { numRuns },
    );
  });

  it('reads any text as parseDelimited does, with or without a BOM and as UTF-16', () => {
    const text = fc.array(piece, { maxLength: 40 }).map((ps) => ps.join(''));
    fc.assert(
      fc.property(text, fc.constantFrom('utf-8', 'utf-8-bom', 'utf-16le-bom'), (t, form) => {
        const body = new TextEncoder().encode(t);
        const bytes =
          form === 'utf-8'
            ? body
            : form === 'utf-8-bom'
              ? new Uint8Array([0xef, 0xbb, 0xbf, ...body])
              : new Uint8Array([0xff, 0xfe, ...Buffer.from(t, 'utf16le')]);
        checkSame(bytes);
      }),
      { numRuns },
    );
  });

  it('reads any bytes as parseDelimited reads their decoded text (malformed UTF-8, GB18030, BOMs)', () => {
    // Bytes biased towards the structural ones, UTF-8 lead and continuation bytes, and BOM bytes.
    const byte = fc.oneof(
      fc.constantFrom(0x2c, 0x3b, 0x09, 0x22, 0x0a, 0x0d, 0x20, 0x61, 0x00),
      fc.constantFrom(0xef, 0xbb, 0xbf, 0xc3, 0xa9, 0xe5, 0xae, 0xa2, 0xf0, 0x9f, 0x98, 0x80, 0xff, 0xfe),
      fc.integer({ min: 0, max: 255 }),
    );
    const prefix = fc.constantFrom(
      [],
      [0xef, 0xbb, 0xbf],
      [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf],
      [0xff, 0xfe],
    );
    fc.assert(
      fc.property(
        prefix,
        fc.array(byte, { maxLength: 60 }),
        fc.integer({ min: 0, max: 3 }),
        (p, b, offset) => {
          checkSame(atOffset(new Uint8Array([...p, ...b]), offset));
        },
      ),
      { numRuns },
    );
  });
});
