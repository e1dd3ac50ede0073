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
