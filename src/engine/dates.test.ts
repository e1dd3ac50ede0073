import fc from 'fast-check';
import { isoFromSerial, serialFromDate, serialFromIso, serialFromYmd, ymdFromSerial } from './dates';

describe('serial days', () => {
  it('matches Excel serials, including the fictitious 1900-02-29', () => {
    expect(serialFromYmd(2000, 1, 1)).toBe(36526);
    expect(serialFromYmd(1900, 1, 1)).toBe(1);
    expect(serialFromYmd(1900, 2, 28)).toBe(59);
    expect(serialFromYmd(1900, 2, 29)).toBe(60);
    expect(serialFromYmd(1900, 3, 1)).toBe(61);
    expect(serialFromYmd(2024, 3, 5)).toBe(45356);
  });
  it('refuses impossible dates', () => {
    expect(serialFromYmd(2023, 2, 29)).toBeNaN();
    expect(serialFromYmd(2024, 13, 1)).toBeNaN();
    expect(serialFromIso('2024-04-31')).toBeNaN();
  });
  it('round-trips every day across the 1900 leap bug and modern dates', () => {
    for (const s of [1, 59, 60, 61, 36526, 45356, 2958465]) {
      const [y, m, d] = ymdFromSerial(s);
      expect(serialFromYmd(y, m, d)).toBe(s);
    }
    expect(isoFromSerial(45356)).toBe('2024-03-05');
    expect(isoFromSerial(NaN)).toBe('');
  });
  it('takes the UTC calendar day of a Date', () => {
    expect(serialFromDate(new Date(Date.UTC(2024, 2, 5, 23, 59)))).toBe(45356);
  });
});

describe('serialFromYmd against the Date object', () => {
  /** The former implementation: through Date.UTC, valid when the Date gives the same month and day back. */
  function viaDate(year: number, month: number, day: number): number {
    if (year === 1900 && month === 2 && day === 29) return 60;
    const ms = Date.UTC(year, month - 1, day);
    const d = new Date(ms);
    if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return NaN;
    const serial = Math.round(ms / 86_400_000) + 25_569;
    return serial < 61 ? serial - 1 : serial;
  }

  it('agrees on every date from 1900 to 9999, impossible ones (31 April, 29 February) included', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (y, m, d) => {
          expect(serialFromYmd(y, m, d)).toBe(viaDate(y, m, d));
        },
      ),
      { numRuns: Number(process.env.FC_RUNS ?? 1000) },
    );
    for (const [y, m, d] of [
      [1900, 1, 1],
      [1900, 2, 28],
      [1900, 3, 1],
      [1904, 2, 29],
      [2000, 2, 29],
      [2100, 2, 29],
      [2024, 12, 31],
      [9999, 12, 31],
      [2023, 4, 31],
    ])
      expect(serialFromYmd(y, m, d)).toBe(viaDate(y, m, d));
  });
});
