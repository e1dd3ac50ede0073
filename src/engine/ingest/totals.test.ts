import { isTotalsText } from './ingest';

describe('isTotalsText', () => {
  it.each([
    'Total',
    'TOTAL (USD)',
    'Grand Total',
    'Sub-total',
    'Subtotal:',
    'SUM',
    ' totals ',
    '合计',
    '总计：',
    '小计',
    'Ｔｏｔａｌ',
  ])('recognises %j', (v) => expect(isTotalsText(v)).toBe(true));
  it.each([
    'Tea set',
    'Summer sale',
    'Glass jar',
    'SET OF 3 CAKE TINS',
    'T',
    'to',
    'Gr',
    'Sunday',
    'Totally',
    17850,
    '',
  ])('leaves %j alone', (v) => expect(isTotalsText(v)).toBe(false));
});
