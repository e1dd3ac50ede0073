import { detectDelimiter, parseDelimited } from './csv';
import { fieldHash, readDelimitedColumns, type DelimitedColumns, type ReadOptions } from './csvColumns';
import { decodeText } from './decode';
import csvScan from './wasm/csvScan.wasm';
import { wasmTokenizer } from './wasmTokenizer';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** The cells parseDelimited reads from decodeText's text, rows padded with undefined to the widest. */
function expected(bytes: Uint8Array, delimiter?: string): (string | undefined)[][] {
  const { text } = decodeText(bytes);
  const rows = parseDelimited(text, delimiter ?? detectDelimiter(text));
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  return rows.map((row) => Array.from({ length: width }, (_, c) => (c < row.length ? row[c] : undefined)));
}

type Read = (bytes: Uint8Array, opts?: ReadOptions) => DelimitedColumns;
const tokenizer = wasmTokenizer(csvScan);
/** Each test runs with the JavaScript tokenizer and with the WebAssembly one the CLI uses. */
const readers: [string, Read][] = [
  ['JavaScript', (bytes, opts) => readDelimitedColumns(bytes, opts)],
  ['WebAssembly', (bytes, opts) => readDelimitedColumns(bytes, { ...opts, tokenizer })],
  ['WebAssembly, reading in place,', (bytes, opts) => readInPlace(bytes, opts)],
];

/** As the CLI reads a file: the bytes placed in the tokenizer's own memory first. */
function readInPlace(bytes: Uint8Array, opts?: ReadOptions): DelimitedColumns {
  const view = tokenizer.reserve!(bytes.length);
  view.set(bytes);
  return readDelimitedColumns(view, { ...opts, tokenizer });
}

describe.each(readers)('readDelimitedColumns with the %s tokenizer', (_name, readCsv) => {
  /** Reads the bytes by column, checks the shape and that each column holds each value once; returns cells. */
  function cells(bytes: Uint8Array, delimiter?: string): (string | undefined)[][] {
    const read = readCsv(bytes, { delimiter });
    for (const col of read.columns) {
      expect(col.codes.length).toBe(read.rows);
      expect(new Set(col.values).size).toBe(col.values.length);
      expect(col.codes.every((code) => code >= 0 && code < col.values.length)).toBe(true);
    }
    return Array.from({ length: read.rows }, (_, r) =>
      read.columns.map((col) => col.values[col.codes[r]] as string | undefined),
    );
  }

  /** The equivalence the reader promises, on bytes. */
  function expectSame(bytes: Uint8Array, delimiter?: string): void {
    expect(cells(bytes, delimiter)).toEqual(expected(bytes, delimiter));
  }

  it('reads rows into columns with each distinct value once', () => {
    const read = readCsv(utf8('id,country\n1,UK\n2,UK\n1,FR\n'));
    expect(read.rows).toBe(4);
    expect(read.delimiter).toBe(',');
    expect(read.encoding).toBe('utf-8');
    expect(read.columns[0].values).toEqual(['id', '1', '2']);
    expect([...read.columns[0].codes]).toEqual([0, 1, 2, 1]);
    expect(read.columns[1].values).toEqual(['country', 'UK', 'FR']);
    expect([...read.columns[1].codes]).toEqual([0, 1, 1, 2]);
  });

  it('gives no rows for an empty or blank file, Unicode spaces included', () => {
    for (const text of ['', '\n', ' \r\n\t\n', '\u3000\n', '\ufeff', '\u00a0 \u2028']) {
      const read = readCsv(utf8(text));
      expect(read).toMatchObject({ rows: 0, columns: [] });
    }
    expect(readCsv(new Uint8Array([0xef, 0xbb, 0xbf, 0x20, 0x0a])).rows).toBe(0);
    // GB18030 A1A1 is U+3000: blank as decodeText reads it.
    expect(readCsv(new Uint8Array([0xa1, 0xa1, 0x0a]))).toMatchObject({
      rows: 0,
      encoding: 'gb18030',
    });
    // Not blank once a character follows the spaces.
    expectSame(utf8('\u3000\u3000x\n'));
  });

  it('drops a UTF-8 BOM (and a second one right after it, as decodeText does)', () => {
    const body = utf8('a,b\n1,2\n');
    expectSame(new Uint8Array([0xef, 0xbb, 0xbf, ...body]));
    expectSame(new Uint8Array([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, ...body]));
    expect(cells(new Uint8Array([0xef, 0xbb, 0xbf, ...body]))[0]).toEqual(['a', 'b']);
    // A BOM further on is a character of the value.
    expectSame(utf8('a,\ufeffb\n\ufeffa,b\n'));
  });

  it('ends rows at LF, CRLF and a lone CR, with or without a final line break', () => {
    for (const text of [
      'a,b\r\n1,2\r\n',
      'a,b\r1,2\r',
      'a,b\n1,2',
      'a,b\r\n1,2',
      'a,b\r\n\r\n1,2\r\r\n',
      'a\r\rb\n\nc\r',
      'x\r',
      '\r\nx',
    ]) {
      expectSame(utf8(text));
    }
    expect(cells(utf8('a,b\r1,2\r\n3,4'))).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('reads a CR first met far into the file, and CRs inside quotes only, as parseDelimited', () => {
    // The reader looks for CR only once it has met one outside quotes (then it reads the file again).
    const rows = Array.from({ length: 3000 }, (_, i) => `${i % 7},row ${i}`);
    expectSame(utf8(rows.join('\n') + '\r\nlast,1\rafter,2\n'));
    expectSame(utf8(rows.join('\n') + '\nx,"a\rb"\ny,"c\r\nd"\n"e"\r\nf,g'));
    expectSame(utf8('a,b\nc,d\r'));
  });

  it('unescapes quoted fields exactly as parseDelimited', () => {
    const text =
      'name,note\n"a, b","x""y"\n"multi\nline","cr\r\nlf"\n"",""""\n"abc"def,"q"\n"open, never closed\nstill,"it';
    expectSame(utf8(text));
    expect(cells(utf8('"a, b","x""y"\n"multi\nline",2\n'))).toEqual([
      ['a, b', 'x"y'],
      ['multi\nline', '2'],
    ]);
    // A quote inside an unquoted field is an ordinary character.
    expect(cells(utf8('ab"c,d"\n'))).toEqual([['ab"c', 'd"']]);
  });

  it('gives the quoted and unquoted spellings of a text one code', () => {
    const read = readCsv(utf8('abc\n"abc"\nabc\n"ab""c"\n"ab"c\n'));
    expect(read.columns[0].values).toEqual(['abc', 'ab"c']);
    expect([...read.columns[0].codes]).toEqual([0, 0, 0, 1, 0]);
  });

  it('keeps empty fields, trailing delimiters and ragged rows', () => {
    const text = 'a,b,c\n1,,3\n,,\n4\n5,6,7,8,9\n\n10,\n';
    expectSame(utf8(text));
    const read = readCsv(utf8(text));
    expect(read.columns.length).toBe(5);
    // A column that first appears in row 5 has no cell above it; short rows have none after their end.
    expect(read.columns[4].values[read.columns[4].codes[0]]).toBeUndefined();
    expect(read.columns[4].values[read.columns[4].codes[4]]).toBe('9');
    expect(read.columns[1].values[read.columns[1].codes[3]]).toBeUndefined();
    expect(read.columns[1].values[read.columns[1].codes[1]]).toBe('');
    expect(cells(utf8('a,\n'))).toEqual([['a', '']]);
  });

  it('reads multi-byte UTF-8 (Chinese, accents, emoji) at every byte offset', () => {
    const text = '客户,金额,备注\n张三,¥1,234.50,老客户😀\n李四,12,café\n张三,7,\n';
    for (let pad = 0; pad < 8; pad++) {
      const prefix = 'x'.repeat(pad) + '\n';
      expectSame(utf8(prefix + text));
    }
    const read = readCsv(utf8(text));
    expect(read.columns[0].values).toEqual(['客户', '张三', '李四']);
    expect([...read.columns[0].codes]).toEqual([0, 1, 2, 1]);
  });

  it('reads GB18030 / GBK and UTF-16 files as decodeText decodes them', () => {
    // "张三,1\n客户,金额\n张三,2\n" in GBK.
    const gbk = new Uint8Array([
      0xd5, 0xc5, 0xc8, 0xfd, 0x2c, 0x31, 0x0a, 0xbf, 0xcd, 0xbb, 0xa7, 0x2c, 0xbd, 0xf0, 0xb6, 0xee, 0x0a,
      0xd5, 0xc5, 0xc8, 0xfd, 0x2c, 0x32, 0x0a,
    ]);
    expectSame(gbk);
    const read = readCsv(gbk);
    expect(read.encoding).toBe('gb18030');
    expect(read.columns[0].values).toEqual(['张三', '客户']);

    const text = '客户;金额\n张三;1\n"李;四";2\n';
    const le = new Uint8Array(Buffer.from(text, 'utf16le'));
    const be = new Uint8Array(le.length);
    for (let i = 0; i < le.length; i += 2) [be[i], be[i + 1]] = [le[i + 1], le[i]];
    for (const [bytes, encoding] of [
      [new Uint8Array([0xff, 0xfe, ...le]), 'utf-16le'],
      [new Uint8Array([0xfe, 0xff, ...be]), 'utf-16be'],
      [new Uint8Array(Buffer.from('customer;amount\nann;12\nbob;"1;5"\n', 'utf16le')), 'utf-16le'],
    ] as const) {
      expectSame(bytes);
      expect(readCsv(bytes)).toMatchObject({ encoding, delimiter: ';' });
    }
  });

  it('falls back to GB18030 on bytes that are not UTF-8, wherever they are', () => {
    const head = utf8('a,b\n' + 'x,1\n'.repeat(5000));
    const bytes = new Uint8Array([...head, 0xc4, 0xe3, 0x2c, 0x32, 0x0a]);
    expectSame(bytes);
    expect(readCsv(bytes).encoding).toBe('gb18030');
  });

  it('reads malformed UTF-8 after a BOM with replacement characters, one code per text', () => {
    // 0xff is never UTF-8: it reads as U+FFFD, like the literal U+FFFD on the next row.
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0xff, 0x0a, ...utf8('a\ufffd\n'), 0xc3, 0x0a]);
    expectSame(bytes);
    const read = readCsv(bytes);
    expect(read.columns[0].values).toEqual(['a\ufffd', '\ufffd']);
    expect([...read.columns[0].codes]).toEqual([0, 0, 1]);
  });

  it('decodes UTF-8 split around a closing quote as two pieces, as the whole text decodes', () => {
    // "é" is C3 A9: here C3 sits inside the quotes and A9 after them.
    const bom = [0xef, 0xbb, 0xbf];
    const split = [0x22, 0xc3, 0x22, 0xa9, 0x0a];
    expectSame(new Uint8Array([...bom, ...split, ...utf8('é\n')]));
    // Without a BOM these bytes are not UTF-8 at all.
    expect(readCsv(new Uint8Array(split)).encoding).toBe('gb18030');
    expectSame(new Uint8Array(split));
  });

  it('detects the delimiter or uses the one given, any single character included', () => {
    expect(readCsv(utf8('a\tb\n1\t2\n')).delimiter).toBe('\t');
    expect(readCsv(utf8('a|b\n1|2\n')).delimiter).toBe('|');
    expect(readCsv(utf8('Export\nname;amount\nx;1,5\n')).delimiter).toBe(';');
    expectSame(utf8('a;b,c\n1;2,3\n'), ',');
    expectSame(utf8('a;b,c\n1;2,3\n'), ';');
    // Delimiters the byte reader leaves to parseDelimited: non-ASCII, several characters, a quote.
    expectSame(utf8('a§b\n1§"2§3"\n'), '§');
    expectSame(utf8('a::b\n1::2\n'), '::');
    expectSame(utf8('a"b\n1"2\n'), '"');
  });

  it('reads from a view at any offset of a larger buffer without reading past its end', () => {
    const text = 'id,name\n1,ann\n2,"b,o"\n1,ann';
    const body = utf8(text);
    for (let offset = 0; offset < 8; offset++) {
      for (const after of [0, 1, 5]) {
        // Bytes around the view that would change the result if they were read.
        const backing = new Uint8Array(offset + body.length + after).fill(0x2c);
        backing.set(body, offset);
        const view = backing.subarray(offset, offset + body.length);
        expect(cells(view)).toEqual(expected(body));
      }
    }
  });

  it('tells apart values whose hashes collide', () => {
    // Birthday search for full 32-bit hash collisions among short distinct values.
    const seen = new Map<number, string>();
    const pairs: [string, string][] = [];
    for (let i = 0; pairs.length < 3 && i < 400_000; i++) {
      const v = `v${i.toString(36)}`;
      const b = utf8(v);
      const h = fieldHash(b, 0, b.length);
      const other = seen.get(h);
      if (other !== undefined) pairs.push([other, v]);
      else seen.set(h, v);
    }
    expect(pairs.length).toBeGreaterThan(0);
    const values = pairs.flat();
    // Each colliding value at several lane offsets (the prefix column shifts it), repeated and interleaved.
    const lines = ['pad,value'];
    for (let k = 0; k < 12; k++) for (const v of values) lines.push(`${'p'.repeat(k % 5)},${v}`);
    for (const [a, b] of pairs) lines.push(`,${a}`, `,${b}`, `,${a}`);
    const bytes = utf8(lines.join('\n'));
    expectSame(bytes);
    const read = readCsv(bytes);
    expect(new Set(read.columns[1].values)).toEqual(new Set(['value', ...values]));
  });

  it('keeps many distinct values of equal length apart (table growth, long keys, repeats)', () => {
    const lines: string[] = [];
    for (let i = 0; i < 12_000; i++) {
      const id = (i * 7919) % 8_000;
      lines.push(`${id.toString().padStart(8, '0')},${'LONG DESCRIPTION '.repeat(1 + (id % 3))}${id},x`);
    }
    const bytes = utf8(lines.join('\n') + '\n');
    expectSame(bytes);
    const read = readCsv(bytes);
    expect(read.columns[0].values.length).toBe(8_000);
    expect(read.columns[2].values).toEqual(['x']);
  });
});

describe('the WebAssembly tokenizer reading in place', () => {
  it('finds the bytes again after its memory grew, for the readings that fall back to JavaScript', () => {
    const rows = 'id,name\n' + Array.from({ length: 20_000 }, (_, k) => `${k},n${k % 977}\n`).join('');
    // Not UTF-8 at the very end (GB18030 你): the whole file is read again as GB18030.
    const gbk = new Uint8Array([...utf8(rows), 0xc4, 0xe3, 0x2c, 0x32, 0x0a]);
    // UTF-8 split around a closing quote after a BOM: the JavaScript tokenizer reads it.
    const split = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(rows), 0x22, 0xc3, 0x22, 0xa9, 0x0a]);
    for (const bytes of [gbk, split]) {
      const view = tokenizer.reserve!(bytes.length);
      view.set(bytes);
      const read = readDelimitedColumns(view, { tokenizer });
      // The memory grew while reading, which detached the view: only revive() finds the bytes again.
      expect(view.length).toBe(0);
      const want = expected(bytes);
      expect(read.rows).toBe(want.length);
      const got = Array.from({ length: read.rows }, (_, r) => read.columns.map((c) => c.values[c.codes[r]]));
      expect(got).toEqual(want);
    }
  });
});

describe('the WebAssembly tokenizer and memory', () => {
  it('hands out codes of their own, not views that would keep its memory (and the file) alive', () => {
    const own = wasmTokenizer(csvScan);
    const bytes = utf8('id,name\n' + Array.from({ length: 5_000 }, (_, k) => `${k},n${k % 97}\n`).join(''));
    const view = own.reserve!(bytes.length);
    view.set(bytes);
    const read = readDelimitedColumns(view, { tokenizer: own });
    const memory = own.revive!(view).buffer;
    for (const col of read.columns) expect(col.codes.buffer).not.toBe(memory);
    expect(read.columns[1].values[read.columns[1].codes[100]]).toBe('n2');
    // After release() the tokenizer holds on to nothing: revive() no longer knows the bytes.
    own.release!();
    expect(own.revive!(view)).toBe(view);
  });
});
