import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cellsOf, isColumnar } from '../engine/ingest/columnar';
import { EngineError } from '../engine/types';
import { parseDelimited } from '../io/csv';
import { decodeText } from '../io/decode';
import { intersect, parseAddress, rectAddress } from '../sim/address';
import { loadFile } from './readInput';

/** How a delimited file was cut to a range as rows of strings (the reading the columns must match). */
function cutRows(
  bytes: Uint8Array,
  range: string | undefined,
): { cells: string[][]; top: number; left: number; range: string } {
  const rows = parseDelimited(decodeText(bytes).text);
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  const used = rows.length > 0 ? { r0: 0, c0: 0, r1: rows.length - 1, c1: Math.max(width, 1) - 1 } : null;
  if (!range) return { cells: rows, top: 1, left: 1, range: used ? rectAddress(used) : '' };
  const parsed = parseAddress(range)!;
  const box = parsed.wholeColumns || parsed.wholeRows ? (used ? intersect(parsed, used) : null) : parsed;
  if (!box) return { cells: [], top: 1, left: 1, range: '' };
  const cells = rows.slice(box.r0, box.r1 + 1).map((r) => r.slice(box.c0, box.c1 + 1));
  return { cells, top: box.r0 + 1, left: box.c0 + 1, range: rectAddress(box) };
}

describe('loadFile on delimited files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'read-input-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, content: string | Uint8Array): string => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  it('reads the file by column, with its sheet name, range and encoding', async () => {
    const path = write('orders.csv', '\ufeffcustomer,amount\r\nann,12\r\nbob,"1,5"\r\nann,3\r\n');
    const loaded = await loadFile(path);
    expect(isColumnar(loaded.input)).toBe(true);
    expect(loaded).toMatchObject({ sheet: 'orders', range: 'A1:B4', format: 'csv', encoding: 'utf-8' });
    expect(loaded.input).toMatchObject({ rows: 4, firstRow: 1, firstColumn: 1, sheet: 'orders' });
    expect(cellsOf(loaded.input)).toEqual([
      ['customer', 'amount'],
      ['ann', '12'],
      ['bob', '1,5'],
      ['ann', '3'],
    ]);
  });

  it('cuts --range as rows of cells were cut: rectangles, whole columns and rows stopping at the data', async () => {
    const text = 'title\nid,name,amount,note\n1,ann,12\n2,bob,7,late,extra\n\n3,"c,d",5,\n';
    const path = write('ragged.csv', text);
    const bytes = new TextEncoder().encode(text);
    const ranges = [
      undefined,
      'A1:C3',
      'A2:D7',
      'B:C',
      'A:A',
      'E:E',
      'F:G',
      '2:3',
      '3:3',
      '7:9',
      'B2:Z100',
      'C4:C4',
      'D5:E6',
      'A10:B12',
      'Z1:Z2',
      'sheet!B2:C3',
    ];
    for (const range of ranges) {
      const loaded = await loadFile(path, { range });
      const want = cutRows(bytes, range);
      expect({ range, cells: cellsOf(loaded.input) }).toEqual({ range, cells: want.cells });
      expect(loaded.range).toBe(want.range);
      expect(loaded.input.firstRow).toBe(want.top);
      expect(loaded.input.firstColumn).toBe(want.left);
      if (isColumnar(loaded.input))
        for (const col of loaded.input.columns) expect(col.codes.length).toBe(loaded.input.rows);
    }
  });

  it('reads an empty file as no rows, whatever the range', async () => {
    const path = write('empty.csv', '');
    for (const range of [undefined, 'A1:B2', 'A:B', '1:2']) {
      const loaded = await loadFile(path, { range });
      expect(loaded.input).toMatchObject({ rows: 0, columns: [] });
      expect(loaded.range).toBe(cutRows(new Uint8Array(0), range).range);
    }
  });

  it('refuses a range it cannot read', async () => {
    const path = write('small.csv', 'a,b\n1,2\n');
    await expect(loadFile(path, { range: 'A1:B2:C3' })).rejects.toThrow(EngineError);
  });

  it('reads GB18030 and UTF-16 files, telling the encoding', async () => {
    const gbk = new Uint8Array([
      0xbf, 0xcd, 0xbb, 0xa7, 0x2c, 0xbd, 0xf0, 0xb6, 0xee, 0x0a, 0x41, 0x2c, 0x31, 0x0a,
    ]);
    const loaded = await loadFile(write('gbk.csv', gbk));
    expect(loaded.encoding).toBe('gb18030');
    expect(cellsOf(loaded.input)).toEqual([
      ['客户', '金额'],
      ['A', '1'],
    ]);
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from('a\tb\n1\t2\n', 'utf16le')]);
    const wide = await loadFile(write('wide.tsv', utf16));
    expect(wide.encoding).toBe('utf-16le');
    expect(cellsOf(wide.input)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });
});
