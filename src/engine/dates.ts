/**
 * Calendar arithmetic on Excel serial days (1900 system). Serial 60 is Excel's fictitious 1900-02-29,
 * so the epoch 1899-12-30 is exact only from serial 61 (1900-03-01) on; earlier serials are shifted by one.
 */

const MS_PER_DAY = 86_400_000;
/** Days from 1899-12-30 to 1970-01-01. */
const UNIX_EPOCH_SERIAL = 25_569;
/** Serials of the 1904 system are this many days smaller than the 1900 system's. */
export const DATE_1904_OFFSET = 1_462;

/** Serial day of a calendar date, or NaN for an impossible date. */
export function serialFromYmd(year: number, month: number, day: number): number {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return NaN;
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1900 || year > 9999) return NaN;
  if (year === 1900 && month === 2 && day === 29) return 60;
  if (day > daysInMonth(year, month)) return NaN;
  // Arithmetic rather than Date objects: ingest turns tens of thousands of distinct dates into serials.
  const serial = daysFromCivil(year, month, day) + UNIX_EPOCH_SERIAL;
  return serial < 61 ? serial - 1 : serial;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil; years from 1 on). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Calendar date [year, month, day] of a serial day. */
export function ymdFromSerial(serial: number): [number, number, number] {
  const s = Math.floor(serial);
  if (s === 60) return [1900, 2, 29];
  const adj = s < 61 ? s + 1 : s;
  const d = new Date((adj - UNIX_EPOCH_SERIAL) * MS_PER_DAY);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

/** "YYYY-MM-DD" of a serial day ("" for NaN). */
export function isoFromSerial(serial: number): string {
  if (!Number.isFinite(serial)) return '';
  const [y, m, d] = ymdFromSerial(serial);
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** Serial day of "YYYY-MM-DD" (also accepts "/" or "." separators), or NaN. */
export function serialFromIso(text: string): number {
  const m = /^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\s*$/.exec(text);
  if (!m) return NaN;
  return serialFromYmd(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Serial day of a JavaScript Date, taking its UTC calendar date (ExcelJS hands dates as UTC). */
export function serialFromDate(date: Date): number {
  const t = date.getTime();
  if (!Number.isFinite(t)) return NaN;
  return serialFromYmd(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** Day-of-year fraction helpers for period conversion. */
export const DAYS_PER_PERIOD = { day: 1, week: 7, month: 365.25 / 12 } as const;
