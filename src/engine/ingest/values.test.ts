import fc from 'fast-check';
import { serialFromYmd } from '../dates';
import {
  dateShape,
  dayFromNumber,
  dayFromText,
  dayTextReader,
  parseAmount,
  parseDay,
  plainTimeTail,
  TIME_TAIL,
} from './values';

describe('parseAmount', () => {
  it.each<[unknown, number]>([
    [12.5, 12.5],
    [0, 0],
    ['1234', 1234],
    ['-12.5', -12.5],
    ['.5', 0.5],
    ['1,234.50', 1234.5],
    ['12,345,678', 12345678],
    ['¥1,234.50', 1234.5],
    ['￥88', 88],
    ['$1,000', 1000],
    ['€ 12.30', 12.3],
    ['£7', 7],
    ['RMB 100', 100],
    ['CNY100', 100],
    ['100 USD', 100],
    ['100元', 100],
    ['人民币 100 元', 100],
    ['(1,234.50)', -1234.5],
    ['($12)', -12],
    ['-¥12', -12],
    ['¥-12', -12],
    ['12-', -12],
    ['+12', 12],
    ['１２３．５', 123.5],
    ['－１，２００', -1200],
    ['（５０）', -50],
    ['1.2万', 12000],
    ['1.23万', 12300],
    ['3亿', 300000000],
    ['1.5万元', 15000],
    ['¥1.2万', 12000],
    ['12%', 0.12],
    ['-3.5%', -0.035],
    ['１２％', 0.12],
    ['  42  ', 42],
    ['1e3', 1000],
    ['\u2212 5', -5],
  ])('%p → %p', (input, expected) => {
    expect(parseAmount(input as string)).toBe(expected);
  });

  it.each<unknown>([
    '',
    '   ',
    'abc',
    '12abc',
    '1,23',
    '1.2.3',
    '--5',
    '(-5)-',
    '¥',
    '%',
    '万',
    true,
    false,
    null,
    undefined,
    NaN,
    Infinity,
    '2024-03-05',
    '12%%',
  ])('%p is not a number', (input) => {
    expect(parseAmount(input as string)).toBeNaN();
  });

  it('matches Number() on plain decimals (fast path)', () => {
    for (const s of [
      '2.55',
      '0.1',
      '3.39',
      '-0.004',
      '123456789012345',
      '1234567890123456789',
      '007',
      '1.',
    ]) {
      expect(parseAmount(s)).toBe(Number(s));
    }
  });
});

describe('parseDay', () => {
  const d = serialFromYmd;
  it('reads Excel serials and the 1904 system', () => {
    expect(parseDay(45000)).toBe(45000);
    expect(parseDay(45000.75)).toBe(45000);
    expect(parseDay(60)).toBe(60); // Excel's fictitious 1900-02-29
    expect(parseDay(61)).toBe(d(1900, 3, 1));
    expect(parseDay(1)).toBe(d(1900, 1, 1));
    expect(parseDay(0)).toBeNaN();
    expect(parseDay(-5)).toBeNaN();
    expect(parseDay(2958466)).toBeNaN();
    expect(parseDay(0, 'mdy', 1904)).toBe(d(1904, 1, 1));
    expect(parseDay(43000, 'mdy', 1904)).toBe(44462);
    expect(parseDay('1900-02-29')).toBe(60);
  });

  it('reads YYYYMMDD numbers and strings', () => {
    expect(parseDay(19970101)).toBe(d(1997, 1, 1));
    expect(parseDay('19970118')).toBe(d(1997, 1, 18));
    expect(parseDay(19970230)).toBeNaN();
    expect(parseDay('20231301')).toBeNaN();
    expect(dayFromNumber(29991231)).toBe(d(2999, 12, 31));
  });

  it('reads ISO dates with and without time', () => {
    expect(parseDay('2024-03-05')).toBe(d(2024, 3, 5));
    expect(parseDay('2010-12-01 08:26:00')).toBe(d(2010, 12, 1));
    expect(parseDay('2010-12-01 8:26')).toBe(d(2010, 12, 1));
    expect(parseDay('2024-03-05T23:59:59.123Z')).toBe(d(2024, 3, 5));
    expect(parseDay('2024-03-05T10:00:00+08:00')).toBe(d(2024, 3, 5));
    expect(parseDay(' 2024-3-5 ')).toBe(d(2024, 3, 5));
    expect(parseDay('2024-03-05 3:05 PM')).toBe(d(2024, 3, 5));
  });

  it('reads YYYY/M/D, YYYY.M.D and Chinese dates', () => {
    expect(parseDay('2024/3/5')).toBe(d(2024, 3, 5));
    expect(parseDay('2024.03.05')).toBe(d(2024, 3, 5));
    expect(parseDay('2024年3月5日')).toBe(d(2024, 3, 5));
    expect(parseDay('2024年3月5日 14:30')).toBe(d(2024, 3, 5));
    expect(parseDay('2024年3月5日 14时30分')).toBe(d(2024, 3, 5));
    expect(parseDay('2024年3月5日 9点')).toBe(d(2024, 3, 5));
    expect(parseDay('２０２４年３月５日')).toBe(d(2024, 3, 5));
    expect(parseDay('２０２４－０３－０５')).toBe(d(2024, 3, 5));
  });

  it('reads slash dates in the given order, with 2-digit years as 20xx', () => {
    expect(parseDay('3/5/2024', 'mdy')).toBe(d(2024, 3, 5));
    expect(parseDay('3/5/2024', 'dmy')).toBe(d(2024, 5, 3));
    expect(parseDay('11/08/2016 13:45', 'mdy')).toBe(d(2016, 11, 8));
    expect(parseDay('31/12/24', 'dmy')).toBe(d(2024, 12, 31));
    expect(parseDay('31.12.2024', 'dmy')).toBe(d(2024, 12, 31));
    expect(parseDay('31/12/2024', 'mdy')).toBeNaN();
  });

  it('rejects impossible dates and non-dates', () => {
    for (const v of [
      '2023-02-30',
      '2023-02-29',
      '2024-13-01',
      '2024-00-10',
      '2024-1-32',
      '2024年2月30日',
      'hello',
      '',
      '12:30',
      '2024-03-05 banana',
      '1,234',
      '2024-03',
      true,
      null,
      undefined,
      NaN,
    ]) {
      expect(parseDay(v as string)).toBeNaN();
    }
    expect(parseDay('2024-02-29')).toBe(d(2024, 2, 29));
  });

  it('describes the written form of a date cell', () => {
    expect(dateShape('2024-03-05')?.form).toBe('iso');
    expect(dateShape('2024/3/5')?.form).toBe('ymd');
    expect(dateShape(19970101)?.form).toBe('ymd');
    expect(dateShape(45000)?.form).toBe('serial');
    expect(dateShape('13/4/2024')).toEqual({ form: 'slash', a: 13, b: 4 });
    expect(dateShape('abc')).toBeNull();
  });
});

describe('dateShape on decimals', () => {
  it('does not take a decimal amount for YYYY.M.D', () => {
    expect(dateShape('1706.184')?.form).toBe('serial');
    expect(dateShape('2024.3.5')?.form).toBe('ymd');
    expect(dateShape('2024-3')).toBeNull();
    expect(dateShape('123/4/5')).toBeNull();
  });
});

describe('time after a date', () => {
  it('reads the common time tails without the regular expression, as the regular expression does', () => {
    for (const tail of [' 8:26', ' 08:26:00', 'T08:26:00.000', '  23:59:59.5', 'T0:0']) {
      expect(plainTimeTail(tail, 0)).toBe(true);
      expect(TIME_TAIL.test(tail)).toBe(true);
      expect(parseDay(`2010-12-01${tail}`)).toBe(serialFromYmd(2010, 12, 1));
      expect(parseDay(`12/1/2010${tail}`)).toBe(serialFromYmd(2010, 12, 1));
    }
    // Left to the regular expression: no separator, AM/PM, zones, 时/点, a bare hour; or not a time at all.
    for (const tail of [
      '08:26',
      ' 3:05 PM',
      'T08:26Z',
      ' 10时30分',
      ' 8',
      ' 8:',
      ' 123:45',
      ' 8:26:',
      ' 8:26.5',
    ]) {
      expect(plainTimeTail(tail, 0)).toBe(false);
    }
  });

  it('never accepts a tail the regular expression rejects', () => {
    const piece = fc.constantFrom(' ', 'T', '0', '1', '9', ':', '.', 'Z', 'P', 'M', '-', '+', '时', 'x');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), fc.integer({ min: 0, max: 3 }), (parts, at) => {
        const s = parts.join('');
        if (plainTimeTail(s, Math.min(at, s.length)))
          expect(TIME_TAIL.test(s.slice(Math.min(at, s.length)))).toBe(true);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 1000) },
    );
  });
});

describe('dayTextReader', () => {
  it('gives a timestamp the day of the same date read before it, and parses any other value', () => {
    const read = dayTextReader('mdy');
    expect(read('12/1/2010 8:26')).toBe(serialFromYmd(2010, 12, 1));
    expect(read('12/1/2010 8:28')).toBe(serialFromYmd(2010, 12, 1));
    expect(read('12/1/2010 9:01:30')).toBe(serialFromYmd(2010, 12, 1));
    // Same leading characters, another date, or a tail only the full parser judges.
    expect(read('12/1/20101 8:30')).toBeNaN();
    expect(read('12/1/2010 3:05 PM')).toBe(serialFromYmd(2010, 12, 1));
    expect(read('12/1/2010 8:30x')).toBeNaN();
    expect(read('12/1/2010 8:31')).toBe(serialFromYmd(2010, 12, 1));
    expect(read('12/2/2010 8:30')).toBe(serialFromYmd(2010, 12, 2));
    expect(read('12/2/2010')).toBe(serialFromYmd(2010, 12, 2));
    expect(read('2/30/2010 8:00')).toBeNaN();
    expect(read('2/30/2010 8:01')).toBeNaN();
    expect(dayTextReader('dmy')('1/2/2010 8:26')).toBe(serialFromYmd(2010, 2, 1));
  });

  it('equals dayFromText on any sequence of values', () => {
    const piece = fc.constantFrom(
      '1',
      '2',
      '0',
      '12',
      '31',
      '2010',
      '/',
      '-',
      '.',
      ' ',
      'T',
      ':',
      '8:26',
      'PM',
      'x',
    );
    const text = fc.array(piece, { maxLength: 9 }).map((p) => p.join(''));
    const date = fc.oneof(
      fc.constantFrom(
        '12/1/2010',
        '2/30/2010',
        '1/2/10',
        '2010-12-01',
        '12.1.2010',
        '31/12/2010',
        '12/1/20101',
      ),
      text,
    );
    const tail = fc.oneof(
      fc.constantFrom(' 8:26', ' 08:26:00', 'T08:26', ' 3:05 PM', 'x', ' 8:30x', '', ' ', ' 10时30分'),
      text,
    );
    // Runs of one date with several tails, as exports list timestamps.
    const run = fc
      .tuple(date, fc.array(tail, { minLength: 1, maxLength: 4 }))
      .map(([d, tails]) => tails.map((t) => d + t));
    fc.assert(
      fc.property(fc.array(run, { maxLength: 6 }), fc.constantFrom('mdy', 'dmy'), (runs, order) => {
        const read = dayTextReader(order as 'mdy' | 'dmy');
        for (const s of runs.flat())
          expect(Object.is(read(s), dayFromText(s, order as 'mdy' | 'dmy'))).toBe(true);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 1000) },
    );
  });
});
