/**
 * Cell value parsers: amounts (currency, 万/亿, percents, parentheses, full-width) and dates (Excel
 * serials, ISO, Chinese, slash dates with a per-column day/month order, YYYYMMDD). Both never throw and
 * return NaN for anything they cannot read.
 */
import type { Cell } from '../types';
import { DATE_1904_OFFSET, serialFromYmd } from '../dates';

/** How an ambiguous `a/b/yyyy` date is read: month first (US) or day first. */
export type DateOrder = 'mdy' | 'dmy';

/** The written form of a date column, as reported in Ingested.dateOrders. */
export type DateForm = 'dmy' | 'mdy' | 'iso' | 'serial' | 'ymd';

/** Largest Excel serial day (9999-12-31). */
export const MAX_SERIAL = 2_958_465;

const C_0 = 48;
const C_9 = 57;
const C_DOT = 46;
const C_MINUS = 45;
const C_PLUS = 43;

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * The value of a plain decimal string (optional minus, digits, at most one dot) in one char-code pass,
 * or NaN when the text is anything else. With at most 15 digits the mantissa and the power of ten are
 * exact doubles, so one division gives the correctly rounded result, the same as Number(text).
 */
function plainNumber(s: string): number {
  const n = s.length;
  if (n === 0 || n > 40) return NaN;
  let i = s.charCodeAt(0) === C_MINUS ? 1 : 0;
  const negative = i === 1;
  let mantissa = 0;
  let digits = 0;
  let dot = -1;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= C_0 && c <= C_9) {
      mantissa = mantissa * 10 + (c - C_0);
      digits++;
    } else if (c === C_DOT && dot < 0) dot = i;
    else return NaN;
  }
  if (digits === 0) return NaN;
  if (digits > 15) return Number(s);
  const v = dot < 0 || dot === n - 1 ? mantissa : mantissa / POW10[n - 1 - dot];
  return negative ? -v : v;
}

/** True for a character that toHalfWidth changes. */
function needsHalfWidth(c: number): boolean {
  return (
    (c >= 0xff01 && c <= 0xff5e) ||
    c === 0x3000 ||
    c === 0xa0 ||
    c === 0x2009 ||
    c === 0x202f ||
    c === 0x2212 ||
    c === 0x2012 ||
    c === 0x2013 ||
    c === 0x3002
  );
}

/** Full-width ASCII (U+FF01..FF5E) to ASCII, ideographic space to space, a few look-alike signs. */
function toHalfWidth(s: string): string {
  let i = 0;
  while (i < s.length && !needsHalfWidth(s.charCodeAt(i))) i++;
  if (i === s.length) return s;
  const out: string[] = [s.slice(0, i)];
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) out.push(String.fromCharCode(c - 0xfee0));
    else if (c === 0x3000 || c === 0xa0 || c === 0x2009 || c === 0x202f) out.push(' ');
    // Unicode minus and dashes that spreadsheets and word processors put in front of numbers.
    else if (c === 0x2212 || c === 0x2012 || c === 0x2013) out.push('-');
    // 。 typed for a decimal point on a Chinese keyboard.
    else if (c === 0x3002) out.push('.');
    else out.push(s[i]);
  }
  return out.join('');
}

/** True when the text has an ASCII or full-width digit (no digit, no amount: skips the slow path). */
function hasDigit(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= C_0 && c <= C_9) || (c >= 0xff10 && c <= 0xff19)) return true;
  }
  return false;
}

// Longest first so that "RMB" is removed before a lone "B" could matter, "US$" before "$".
const CURRENCY_WORDS = ['人民币', 'US$', 'HK$', 'RMB', 'CNY', 'USD', 'EUR', 'GBP', 'HKD', 'JPY', 'NT$'];
const CURRENCY_CHARS = '¥￥$€£元円₩₹';
const NUMBER_BODY = /^(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:e[+-]?\d+)?$/i;

/** The number in a cell, or NaN: plain numbers pass through; text may carry ¥/$/€/£/RMB/元, thousands
 * separators, (parentheses) or leading/trailing minus for negatives, 万/亿 units and %. */
export function parseAmount(cell: Cell): number {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : NaN;
  if (typeof cell !== 'string') return NaN;
  const v = plainNumber(cell);
  return v === v ? v : parseAmountText(cell);
}

function parseAmountText(raw: string): number {
  if (raw.length > 60 || !hasDigit(raw)) return NaN;
  let s = toHalfWidth(raw).trim();
  if (s === '') return NaN;
  let negative = false;
  if (s.charCodeAt(0) === 40 && s.charCodeAt(s.length - 1) === 41) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  // Signs may sit outside or inside the currency symbol: -¥12, ¥-12, 12-.
  let sign = 0;
  const takeSign = (): void => {
    const c0 = s.charCodeAt(0);
    if (c0 === C_MINUS || c0 === C_PLUS) {
      if (sign !== 0) sign = 2;
      else sign = c0 === C_MINUS ? -1 : 1;
      s = s.slice(1).trim();
    }
    const cl = s.charCodeAt(s.length - 1);
    if (s.length > 1 && cl === C_MINUS) {
      if (sign !== 0) sign = 2;
      else sign = -1;
      s = s.slice(0, -1).trim();
    }
  };
  takeSign();
  s = stripCurrency(s);
  takeSign();
  if (sign === 2) return NaN;
  let exponent = 0;
  let unitSeen = false;
  for (;;) {
    const last = s.charCodeAt(s.length - 1);
    if (last === 37 /* % */) exponent -= 2;
    else if (last === 0x4e07 /* 万 */) exponent += 4;
    else if (last === 0x4ebf /* 亿 */) exponent += 8;
    else break;
    if (unitSeen && last === 37) return NaN;
    unitSeen = true;
    s = stripCurrency(s.slice(0, -1).trim());
  }
  s = s.replace(/ /g, '');
  if (s === '' || s === '.' || !NUMBER_BODY.test(s)) return NaN;
  const body = s.replace(/,/g, '');
  if (!/\d/.test(body)) return NaN;
  // Shift through the exponent so that 1.23万 is exactly 12300 and 12% exactly 0.12.
  let v =
    exponent === 0 ? Number(body) : Number(body.replace(/e.*$/i, '') + 'e' + (exponentOf(body) + exponent));
  if (!Number.isFinite(v)) return NaN;
  if (negative) v = -v;
  if (sign === -1) v = -v;
  return v === 0 ? 0 : v;
}

function exponentOf(body: string): number {
  const m = /e([+-]?\d+)$/i.exec(body);
  return m ? Number(m[1]) : 0;
}

function stripCurrency(text: string): string {
  let s = text;
  for (let guard = 0; guard < 4; guard++) {
    const before = s;
    const upper = s.toUpperCase();
    for (const w of CURRENCY_WORDS) {
      if (upper.startsWith(w)) s = s.slice(w.length).trim();
      else if (upper.endsWith(w)) s = s.slice(0, s.length - w.length).trim();
    }
    if (s.length > 0 && CURRENCY_CHARS.includes(s[0])) s = s.slice(1).trim();
    if (s.length > 0 && CURRENCY_CHARS.includes(s[s.length - 1])) s = s.slice(0, -1).trim();
    if (s === before) break;
  }
  return s;
}

/** The date of a cell as an integer serial day (1900 system), or NaN when it is not a date. */
export function parseDay(cell: Cell, dateOrder: DateOrder = 'mdy', dateSystem: 1900 | 1904 = 1900): number {
  if (typeof cell === 'number') return dayFromNumber(cell, dateSystem);
  if (typeof cell !== 'string') return NaN;
  return dayFromText(cell, dateOrder, dateSystem);
}

/** A number in a date column: YYYYMMDD when it reads as one, else an Excel serial. */
export function dayFromNumber(v: number, dateSystem: 1900 | 1904 = 1900): number {
  if (!Number.isFinite(v)) return NaN;
  if (v >= 19_000_101 && v <= 29_991_231 && Number.isInteger(v)) return dayFromYyyymmdd(v);
  // Serial 0 is 1900-01-00 in the 1900 system (not a date) but 1904-01-01 in the 1904 system.
  if (v < (dateSystem === 1904 ? 0 : 1) || v >= MAX_SERIAL + 1) return NaN;
  const s = Math.floor(v) + (dateSystem === 1904 ? DATE_1904_OFFSET : 0);
  return s <= MAX_SERIAL ? s : NaN;
}

function dayFromYyyymmdd(v: number): number {
  const y = Math.floor(v / 10_000);
  const m = Math.floor(v / 100) % 100;
  const d = v % 100;
  return serialFromYmd(y, m, d);
}

// Time of day after a date (ignored): 8:26, 08:26:00.000, T08:26Z, 10时30分, 10点, 3:05 PM.
export const TIME_TAIL =
  /^(?:[ T]*\d{1,2}(?::\d{1,2}(?::\d{1,2}(?:\.\d+)?)?|[时点](?:\d{1,2}分?(?:\d{1,2}秒)?)?)(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s*Z|\s*[+-]\d{2}:?\d{2})?)?\s*$/;

/** End position of the last readInt (module scratch, so the hot path allocates nothing). */
let readEnd = 0;

/** Reads the digits at pos and returns their value; readEnd is set to the position after them. */
function readInt(s: string, pos: number): number {
  let v = 0;
  let i = pos;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c < C_0 || c > C_9) break;
    v = v * 10 + (c - C_0);
    i++;
  }
  readEnd = i;
  return v;
}

function isDateSep(c: number): boolean {
  return c === C_MINUS || c === 47 /* / */ || c === C_DOT;
}

/** Date text to a serial day; `order` resolves a/b/yyyy. */
export function dayFromText(raw: string, order: DateOrder, dateSystem: 1900 | 1904 = 1900): number {
  let s = raw;
  // Most exports are plain ASCII; only normalise when something outside it shows up.
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 0xff00 || s.charCodeAt(i) === 0x3000) {
      s = toHalfWidth(s);
      break;
    }
  }
  s = s.trim();
  if (s.length === 0) return NaN;
  const a = readInt(s, 0);
  const p1 = readEnd;
  const n1 = readEnd - 0;
  if (n1 === 0) return NaN;
  if (p1 === s.length) {
    // Digits only: YYYYMMDD, else an Excel serial typed or exported as text.
    if (n1 === 8) return dayFromYyyymmdd(a);
    return n1 <= 7 ? dayFromNumber(a, dateSystem) : NaN;
  }
  const sep = s.charCodeAt(p1);
  if (n1 === 4 && sep === 0x5e74 /* 年 */) {
    const m = readInt(s, p1 + 1);
    const p2 = readEnd;
    const n2 = readEnd - (p1 + 1);
    if (n2 === 0 || n2 > 2 || s.charCodeAt(p2) !== 0x6708 /* 月 */) return NaN;
    const d = readInt(s, p2 + 1);
    const p3 = readEnd;
    const n3 = readEnd - (p2 + 1);
    if (n3 === 0 || n3 > 2) return NaN;
    let rest = p3;
    const c = s.charCodeAt(rest);
    if (c === 0x65e5 /* 日 */ || c === 0x53f7 /* 号 */) rest++;
    return timeTailOk(s, rest) ? serialFromYmd(a, m, d) : NaN;
  }
  if (!isDateSep(sep)) return NaN;
  const b = readInt(s, p1 + 1);
  const p2 = readEnd;
  const n2 = readEnd - (p1 + 1);
  if (n2 === 0 || n2 > 2 || s.charCodeAt(p2) !== sep) {
    // A serial with a time fraction typed as text ("43831.5").
    if (sep === C_DOT && n1 <= 7 && n2 > 0 && p2 === s.length) return dayFromNumber(Number(s), dateSystem);
    return NaN;
  }
  const c = readInt(s, p2 + 1);
  const p3 = readEnd;
  const n3 = readEnd - (p2 + 1);
  if (n3 === 0) return NaN;
  if (!timeTailOk(s, p3)) return NaN;
  if (n1 === 4) return n3 <= 2 ? serialFromYmd(a, b, c) : NaN;
  if (n1 > 2 || (n3 !== 4 && n3 !== 2)) return NaN;
  const year = n3 === 2 ? 2000 + c : c;
  return order === 'dmy' ? serialFromYmd(year, b, a) : serialFromYmd(year, a, b);
}

/**
 * Length of the plain date at the start of s ("12/1/2010" in "12/1/2010 8:26": 1–4 digits, a separator,
 * 1–2 digits, the same separator, 1–4 digits), else 0.
 */
function plainDatePart(s: string): number {
  readInt(s, 0);
  const n1 = readEnd;
  if (n1 === 0 || n1 > 4) return 0;
  const sep = s.charCodeAt(n1);
  if (!isDateSep(sep)) return 0;
  readInt(s, n1 + 1);
  const p2 = readEnd;
  const n2 = p2 - n1 - 1;
  if (n2 === 0 || n2 > 2 || s.charCodeAt(p2) !== sep) return 0;
  readInt(s, p2 + 1);
  const n3 = readEnd - p2 - 1;
  return n3 > 0 && n3 <= 4 ? readEnd : 0;
}

/**
 * dayFromText for the distinct values of a column, one after the other. Timestamps repeat their date with
 * another time ("12/1/2010 8:26", "12/1/2010 8:28" …), so a value that starts with the previous value's
 * plain date and ends in a plain time tail takes that date's day without being parsed again: tens of
 * thousands of distinct timestamps are usually a few hundred days. Same results as dayFromText.
 */
export function dayTextReader(order: DateOrder, dateSystem: 1900 | 1904 = 1900): (s: string) => number {
  let date = '';
  let dateDay = NaN;
  return (s) => {
    const p = date.length;
    if (p > 0 && s.startsWith(date) && plainTimeTail(s, p)) return dateDay;
    const day = dayFromText(s, order, dateSystem);
    // s is that date and a time (or nothing): another plain time after the same date gives the same day.
    const q = day === day ? plainDatePart(s) : 0;
    if (q > 0) {
      date = s.slice(0, q);
      dateDay = day;
    }
    return day;
  };
}

function timeTailOk(s: string, pos: number): boolean {
  if (pos >= s.length) return true;
  return plainTimeTail(s, pos) || TIME_TAIL.test(s.slice(pos));
}

/** The digits at i, at most two of them: the position after them, or -1 when there are none. */
function oneOrTwoDigits(s: string, i: number): number {
  if (!isDigitAt(s, i)) return -1;
  return isDigitAt(s, i + 1) ? i + 2 : i + 1;
}

function isDigitAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= C_0 && c <= C_9;
}

/**
 * The common time tails (" 8:26", " 08:26:00", "T08:26:00.000") checked without a regular expression: a
 * subset of TIME_TAIL, which judges every other tail. Tens of thousands of distinct timestamps are common.
 */
export function plainTimeTail(s: string, pos: number): boolean {
  let i = pos;
  while (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 84 /* T */) i++;
  if (i === pos) return false;
  i = oneOrTwoDigits(s, i);
  if (i < 0 || s.charCodeAt(i) !== 58 /* : */) return false;
  i = oneOrTwoDigits(s, i + 1);
  if (i < 0) return false;
  if (s.charCodeAt(i) === 58) {
    i = oneOrTwoDigits(s, i + 1);
    if (i < 0) return false;
    if (s.charCodeAt(i) === C_DOT && isDigitAt(s, i + 1)) {
      i += 2;
      while (isDigitAt(s, i)) i++;
    }
  }
  return i === s.length;
}

/** dateShapeCode results: not a date, serial, YYYYMMDD/YYYY-年, ISO; slash dates are SHAPE_SLASH + a·100 + b. */
export const SHAPE_NONE = -1;
export const SHAPE_SERIAL = 0;
export const SHAPE_YMD = 1;
export const SHAPE_ISO = 2;
export const SHAPE_SLASH = 10_000;

/**
 * The written form of a date cell without parsing it fully (allocation-free, for whole-column scans):
 * one of the SHAPE_ codes; for a/b/yyyy dates SHAPE_SLASH + a·100 + b so D/M vs M/D can be decided.
 */
export function dateShapeCode(cell: Cell): number {
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return SHAPE_NONE;
    if (cell >= 19_000_101 && cell <= 29_991_231 && Number.isInteger(cell)) return SHAPE_YMD;
    return cell >= 1 && cell <= MAX_SERIAL ? SHAPE_SERIAL : SHAPE_NONE;
  }
  if (typeof cell !== 'string') return SHAPE_NONE;
  let i = 0;
  while (i < cell.length && cell.charCodeAt(i) === 32) i++;
  const a = readInt(cell, i);
  const p1 = readEnd;
  const n1 = p1 - i;
  if (n1 === 0) return SHAPE_NONE;
  if (p1 === cell.length) return n1 === 8 ? SHAPE_YMD : n1 <= 7 ? SHAPE_SERIAL : SHAPE_NONE;
  const sep = cell.charCodeAt(p1);
  if (n1 === 4 && sep === 0x5e74 /* 年 */) return SHAPE_YMD;
  if (n1 > 4 || n1 === 3 || !isDateSep(sep)) return SHAPE_NONE;
  const b = readInt(cell, p1 + 1);
  const p2 = readEnd;
  const n2 = p2 - p1 - 1;
  // "1706.184" is a decimal number (at most a serial typed as text), not YYYY.M.D.
  if (sep === C_DOT && n2 > 0 && p2 === cell.length) return SHAPE_SERIAL;
  if (n2 === 0 || n2 > 2 || cell.charCodeAt(p2) !== sep) return SHAPE_NONE;
  if (n1 === 4) return sep === C_MINUS ? SHAPE_ISO : SHAPE_YMD;
  return SHAPE_SLASH + a * 100 + b;
}

/** The written form of a date cell (see dateShapeCode), with a slash date's two leading numbers. */
export function dateShape(cell: Cell): { form: DateForm | 'slash'; a: number; b: number } | null {
  const code = dateShapeCode(cell);
  if (code === SHAPE_NONE) return null;
  if (code >= SHAPE_SLASH)
    return { form: 'slash', a: Math.floor((code - SHAPE_SLASH) / 100), b: (code - SHAPE_SLASH) % 100 };
  return { form: code === SHAPE_SERIAL ? 'serial' : code === SHAPE_YMD ? 'ymd' : 'iso', a: 0, b: 0 };
}

/** True when a number looks like a date serial or YYYYMMDD (used to confirm date roles on numbers). */
export function plausibleDateNumber(v: number): boolean {
  if (!Number.isInteger(v)) return v > 3_000 && v < 80_000;
  if (v >= 19_000_101 && v <= 29_991_231) return Number.isFinite(dayFromYyyymmdd(v));
  // 1908..2118: wide enough for real order dates, narrow enough that a sales figure rarely passes.
  return v > 3_000 && v < 80_000;
}
