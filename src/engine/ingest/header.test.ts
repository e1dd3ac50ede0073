import type { Cell } from '../types';
import { cellText, findHeader, isBlankCell, isBlankRow } from './header';

describe('findHeader', () => {
  it('finds the header on the first row', () => {
    expect(
      findHeader([
        ['客户ID', '日期', '金额'],
        ['a', '2024-01-01', 1],
      ]),
    ).toBe(0);
  });

  it('skips title rows and export notes above the header', () => {
    const cells: Cell[][] = [
      ['2024 年客户消费明细', '', '', ''],
      ['导出时间：2024-03-01 10:00', '', '', ''],
      ['', '', '', ''],
      ['客户编号', '客户名称', '下单时间', '实付金额(元)'],
      ['C001', '张三', '2024-01-02', '¥1,200.00'],
      ['C002', '李四', '2024-01-03', '¥88.00'],
    ];
    expect(findHeader(cells)).toBe(3);
  });

  it('skips a two-cell title that matches fewer roles than the header', () => {
    const cells: Cell[][] = [
      ['Customer report', 'Q1'],
      ['Customer ID', 'Amount'],
      ['A', 1],
    ];
    expect(findHeader(cells)).toBe(1);
  });

  it('accepts a header without known names when it is the only label row', () => {
    expect(
      findHeader([
        ['foo', 'bar', 'baz'],
        ['x', 1, 2],
      ]),
    ).toBe(0);
  });

  it('returns -1 when no row looks like a header', () => {
    expect(
      findHeader([
        [1, 2, 3],
        [4, 5, 6],
      ]),
    ).toBe(-1);
    expect(findHeader([['2024-01-01', '12', '13']])).toBe(-1);
    expect(findHeader([])).toBe(-1);
    expect(findHeader([['', ''], []])).toBe(-1);
  });

  it('only looks at the top 30 rows', () => {
    const cells: Cell[][] = Array.from({ length: 40 }, (_, i) => [i, i * 2]);
    cells.push(['Customer ID', 'Amount']);
    expect(findHeader(cells)).toBe(-1);
  });
});

describe('cell helpers', () => {
  it('tells blank cells and rows', () => {
    expect(isBlankCell('')).toBe(true);
    expect(isBlankCell('  \u3000')).toBe(true);
    expect(isBlankCell(null)).toBe(true);
    expect(isBlankCell(undefined)).toBe(true);
    expect(isBlankCell(0)).toBe(false);
    expect(isBlankCell(false)).toBe(false);
    expect(isBlankCell(' x')).toBe(false);
    expect(isBlankRow(['', null, '  '])).toBe(true);
    expect(isBlankRow(undefined)).toBe(true);
    expect(isBlankRow(['', 0])).toBe(false);
  });

  it('turns cells into trimmed text', () => {
    expect(cellText('  a b  ')).toBe('a b');
    expect(cellText('\ufeffRow ID')).toBe('Row ID');
    expect(cellText(12.5)).toBe('12.5');
    expect(cellText(true)).toBe('TRUE');
    expect(cellText(null)).toBe('');
  });
});
