import { detectDelimiter, parseDelimited } from './csv';
import { decodeText } from './decode';

describe('parseDelimited', () => {
  it('keeps ragged rows, quotes, embedded newlines and blank lines', () => {
    const rows = parseDelimited('订单明细导出\n客户,金额,日期\n"a, b",12,"x""y"\n\nc,,\n"multi\nline",1,2\n');
    expect(rows).toEqual([
      ['订单明细导出'],
      ['客户', '金额', '日期'],
      ['a, b', '12', 'x"y'],
      [''],
      ['c', '', ''],
      ['multi\nline', '1', '2'],
    ]);
  });
  it('handles CRLF and no final newline', () => {
    expect(parseDelimited('a,b\r\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });
  it('detects tab, semicolon and pipe delimiters even below a title line', () => {
    expect(detectDelimiter('a\tb\tc\n1\t2\t3\n')).toBe('\t');
    expect(detectDelimiter('Export 2024\nname;amount;date\nx;1,5;2024-01-01\ny;2,5;2024-01-02\n')).toBe(';');
    expect(detectDelimiter('a|b\n1|2\n')).toBe('|');
  });
  it('returns no rows for an empty or blank file', () => {
    expect(parseDelimited('')).toEqual([]);
    expect(parseDelimited('\n \n')).toEqual([]);
  });
});

describe('decodeText', () => {
  const zh = '客户,金额\n张三,¥1,234.50\n';
  it('reads UTF-8 with and without BOM', () => {
    const bytes = new TextEncoder().encode(zh);
    expect(decodeText(bytes)).toEqual({ text: zh, encoding: 'utf-8' });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes])).text).toBe(zh);
  });
  it('reads UTF-16 with a BOM and without one', () => {
    const le = Buffer.from(zh, 'utf16le');
    expect(decodeText(new Uint8Array([0xff, 0xfe, ...le]))).toEqual({ text: zh, encoding: 'utf-16le' });
    const ascii = 'customer,amount\nann,12\n';
    expect(decodeText(new Uint8Array(Buffer.from(ascii, 'utf16le')))).toEqual({
      text: ascii,
      encoding: 'utf-16le',
    });
  });
  it('falls back to GB18030 for GBK exports', () => {
    // "客户,金额" in GBK.
    const gbk = new Uint8Array([0xbf, 0xcd, 0xbb, 0xa7, 0x2c, 0xbd, 0xf0, 0xb6, 0xee, 0x0a]);
    expect(decodeText(gbk)).toEqual({ text: '客户,金额\n', encoding: 'gb18030' });
  });
});
