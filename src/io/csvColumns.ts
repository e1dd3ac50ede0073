/**
 * Delimited bytes straight to columns (the engine's ColumnarInput) without a string per cell.
 *
 * A half-million-line export holds tens of thousands of distinct values in millions of cells. parseDelimited
 * makes and keeps a string for every cell (4.3 million on Online Retail, 168 MB of heap); here each field's
 * UTF-8 bytes are compared with the column's previous value or hashed and looked up in a per-column table
 * keyed by byte content, and only a value seen for the first time becomes a string. The result reads
 * exactly as parseDelimited reads decodeText's text (csvColumns.property.test.ts checks that cell by cell).
 *
 * Encodings as decodeText decides them: UTF-8 (with or without BOM) is read in place; UTF-16 and GB18030
 * are decoded and re-encoded as UTF-8 first.
 *
 * Browser-safe: src/io is also bundled into the task pane and the demo, so no Node-only API here.
 */
import { ColumnarBuilder } from '../engine/ingest/columnar';
import type { Cell, DictColumn } from '../engine/types';
import { detectDelimiter, parseDelimited } from './csv';
import { decodeText } from './decode';
import type { ByteTokenizer, RawColumns } from './wasmTokenizer';

/** What readDelimitedColumns returns: the columns, the number of rows, and how the bytes were read. */
export interface DelimitedColumns {
  columns: DictColumn[];
  rows: number;
  encoding: string;
  delimiter: string;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const HASH_SEED = 0x2c9277b5;
/** detectDelimiter looks at the first 20,000 UTF-16 units; no unit takes more than 3 bytes of UTF-8. */
const DELIMITER_SAMPLE_BYTES = 60_000;
/** Int32Array reads are the platform's byte order; the word layout below assumes little-endian. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
/** Rows per call of Tokenizer.run: V8 optimises a function called repeatedly sooner than one long loop. */
const ROWS_PER_RUN = 4096;

/** Thrown while reading bytes without a BOM that are not UTF-8: the file is then read as decodeText says. */
class NotUtf8 extends Error {}

/*
 * The tokenizer reads the input four bytes at a time, as little-endian 32-bit words: a JavaScript loop costs
 * a few cycles per iteration whatever it does, so finding a word's delimiters and line breaks at once
 * (specials) and hashing and comparing a word at a time beats a loop per byte (the scan alone: ~1.5×).
 * Byte p of the input is lane (p + off) & 3 of word (p + off) >> 2 ("word space" position p + off).
 * A field's hash folds mix() over its bytes as little-endian words (the last one zero-padded), then xors
 * its length; keys are kept as the same words, so a field at any lane offset is compared a word at a time.
 */

/** One round of the word hash (multiply and rotate). */
function mix(h: number, x: number): number {
  const y = Math.imul(h ^ x, 0x9e3779b1);
  return (y << 13) | (y >>> 19);
}

/** The low `rem` bytes (0..4) of a word. */
function lowBytes(rem: number): number {
  return rem >= 4 ? -1 : (1 << (rem << 3)) - 1;
}

/**
 * Per byte lane, the top bit set where the word holds the delimiter (dw: it in all lanes), LF, or (when cr)
 * CR. Many files have no CR at all, and leaving it out saves a third of the work per word.
 */
function specials(x: number, dw: number, cr: boolean): number {
  // Exact per lane: ((t & 0x7f) + 0x7f) | t has its top bit clear only for t = 0, and no carry leaves a lane.
  const a = x ^ dw;
  const b = x ^ 0x0a0a0a0a;
  let t = (((a & 0x7f7f7f7f) + 0x7f7f7f7f) | a) & (((b & 0x7f7f7f7f) + 0x7f7f7f7f) | b);
  if (cr) {
    const c = x ^ 0x0d0d0d0d;
    t &= ((c & 0x7f7f7f7f) + 0x7f7f7f7f) | c;
  }
  return ~t & 0x80808080;
}

/** Thrown by a tokenizer that does not look for CR on meeting one: the input is read again, looking. */
class SawCr extends Error {}

function hasCr(buf: Uint8Array, s: number, e: number): boolean {
  for (let k = s; k < e; k++) if (buf[k] === CR) return true;
  return false;
}

/** Word k of the input: the full words of the view, then the last partial word, then zeros. */
function wordAt(w: Int32Array, nw: number, tail: number, k: number): number {
  return k < nw ? w[k] : k === nw ? tail : 0;
}

/** Word j (little-endian, zero past n) of the n bytes at src[s..]. */
function byteWord(src: Uint8Array, s: number, n: number, j: number): number {
  const p = s + 4 * j;
  const rem = n - 4 * j;
  if (rem >= 4) return src[p] | (src[p + 1] << 8) | (src[p + 2] << 16) | (src[p + 3] << 24);
  let x = 0;
  for (let b = 0; b < rem; b++) x |= src[p + b] << (b << 3);
  return x;
}

/** The hash of the bytes src[s..e), as the tables use it (exported for the collision tests). */
export function fieldHash(src: Uint8Array, s: number, e: number): number {
  const n = e - s;
  let h = HASH_SEED;
  for (let j = 0; 4 * j < n; j++) h = mix(h, byteWord(src, s, n, j));
  return h ^ n;
}

/** Spreads the hash's bits before masking (the low bits alone cluster on values one digit apart). */
function slotOf(h: number, mask: number): number {
  const x = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  return (x ^ (x >>> 15)) & mask;
}

/*
 * A column's table: open addressing with linear probing over records of REC int32s: the key's hash, its code
 * + 1 (0 = free slot), its byte length, where its words past the first INLINE sit in `keys`, then its first
 * INLINE words (zero-padded). A probe for a key of up to 16 bytes (ids, prices, quantities) reads one record,
 * half a cache line.
 */
const REC = 8;
const INLINE = 4;

/**
 * Copies the n input bytes from word-space position g into fw as words realigned to lane 0, the last one
 * zero-padded: the field's words are composed once, then compared and hashed from fw.
 */
function loadField(w: Int32Array, nw: number, tail: number, g: number, n: number, fw: Int32Array): void {
  const words = (n + 3) >> 2;
  let k = g >> 2;
  const sh = (g & 3) << 3;
  if (sh === 0) {
    for (let j = 0; j < words; j++) fw[j] = wordAt(w, nw, tail, k + j);
  } else {
    let lo = wordAt(w, nw, tail, k);
    for (let j = 0; j < words; j++) {
      const hi = wordAt(w, nw, tail, ++k);
      fw[j] = (lo >>> sh) | (hi << (32 - sh));
      lo = hi;
    }
  }
  if ((n & 3) !== 0) fw[words - 1] &= lowBytes(n & 3);
}

/** The hash of a field loaded in fw (fieldHash of its bytes). */
function hashWords(fw: Int32Array, words: number, n: number): number {
  let h = HASH_SEED;
  for (let j = 0; j < words; j++) h = mix(h, fw[j]);
  return h ^ n;
}

/** True when the record at `rec` (of the field's length) has the key loaded in fw. */
function sameKey(tab: Int32Array, rec: number, keys: Int32Array, fw: Int32Array, words: number): boolean {
  const inline = words < INLINE ? words : INLINE;
  for (let j = 0; j < inline; j++) if (tab[rec + 4 + j] !== fw[j]) return false;
  const ks = tab[rec + 3] - INLINE;
  for (let j = INLINE; j < words; j++) if (keys[ks + j] !== fw[j]) return false;
  return true;
}

/** ASCII bytes as a string (each byte is its own UTF-16 unit), cheaper than a TextDecoder call per value. */
function asciiString(src: Uint8Array, s: number, e: number): string {
  // Below 13 characters V8 makes a flat string from each concatenation, so the loop leaves no rope behind.
  if (e - s <= 12) {
    let out = '';
    for (let k = s; k < e; k++) out += String.fromCharCode(src[k]);
    return out;
  }
  let out = '';
  for (let k = s; k < e; k += 8192) {
    const part = src.subarray(k, Math.min(e, k + 8192));
    out += String.fromCharCode.apply(null, part as unknown as number[]);
  }
  return out;
}

function isAscii(src: Uint8Array, s: number, e: number): boolean {
  for (let k = s; k < e; k++) if (src[k] >= 0x80) return false;
  return true;
}

/**
 * Turns a value's bytes into its string. `strict` (UTF-8 without a BOM): bytes that are not UTF-8 mean the
 * whole file is not (decodeText then reads it as GB18030), so they throw NotUtf8. Otherwise (a BOM, or bytes
 * re-encoded from decoded text) bad sequences become U+FFFD as TextDecoder makes them in the whole text.
 */
class ValueDecoder {
  // ignoreBOM: a value may begin with U+FEFF, which TextDecoder would otherwise drop.
  private readonly fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  private readonly lenient = new TextDecoder('utf-8', { ignoreBOM: true });
  constructor(readonly strict: boolean) {}
  /** The string, or null when the bytes are not UTF-8 (and the reading is not strict). */
  exact(src: Uint8Array, s: number, e: number): string | null {
    if (isAscii(src, s, e)) return asciiString(src, s, e);
    try {
      return this.fatal.decode(src.subarray(s, e));
    } catch {
      if (this.strict) throw new NotUtf8();
      return null;
    }
  }
  /** The string as the whole text's decoding has it (replacement characters included). */
  text(src: Uint8Array, s: number, e: number): string {
    return this.exact(src, s, e) ?? this.lenient.decode(src.subarray(s, e));
  }
}

const encoder = new TextEncoder();

function grow(a: Int32Array, size: number): Int32Array {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

/** The n bytes src[s..] as words (little-endian, the last zero-padded). */
function bytesToWords(src: Uint8Array, s: number, n: number): Int32Array {
  const fw = new Int32Array(Math.max(1, (n + 3) >> 2));
  for (let j = 0; 4 * j < n; j++) fw[j] = byteWord(src, s, n, j);
  return fw;
}

/**
 * One column being read: codes per row, the distinct values, and the table (see REC) from a value's bytes to
 * its code. Two keys share a code only when different bytes read as the same text (malformed UTF-8 after a
 * BOM).
 */
class Column {
  codes: Int32Array;
  readonly values: Cell[] = [];
  tab: Int32Array = new Int32Array(64 * REC);
  mask = 63;
  private used = 0;
  keys: Int32Array = new Int32Array(64);
  private keyEnd = 0;
  /** The record of this column's previous field and its code: a repeat is compared with it before hashing. */
  prev = -1;
  prevCode = -1;
  /**
   * Whether fields are compared with the previous one first: worth it where values repeat (an order's id,
   * date, customer), wasted where they seldom do (products, prices). Decided per batch of rows from the
   * repeats and changes that went through the table in the batch before.
   */
  comparePrev = true;
  repeats = 0;
  changes = 0;
  /** The code of "no cell" (undefined), made when a row first falls short of this column. */
  private missingCode = -1;

  constructor(capacity: number, filled: number) {
    this.codes = new Int32Array(capacity);
    // A column that first appears at row `filled` had no cell in the rows above.
    if (filled > 0) this.codes.fill(this.missing(), 0, filled);
  }

  missing(): number {
    if (this.missingCode < 0) {
      this.missingCode = this.values.length;
      this.values.push(undefined);
    }
    return this.missingCode;
  }

  /** Files the key in fw (n bytes, hash h) under `code`; returns its record. */
  private insert(fw: Int32Array, words: number, n: number, h: number, code: number): number {
    // Load factor at most 1/2 keeps probe runs short.
    if (2 * (this.used + 1) > this.mask + 1) this.rehash(2 * (this.mask + 1));
    this.used++;
    const tab = this.tab;
    let i = slotOf(h, this.mask);
    while (tab[i * REC + 1] !== 0) i = (i + 1) & this.mask;
    const rec = i * REC;
    const extra = Math.max(0, words - INLINE);
    if (this.keyEnd + extra > this.keys.length)
      this.keys = grow(this.keys, Math.max(2 * this.keys.length, this.keyEnd + extra));
    tab[rec] = h;
    tab[rec + 1] = code + 1;
    tab[rec + 2] = n;
    tab[rec + 3] = this.keyEnd;
    for (let j = 0; j < words; j++) {
      if (j < INLINE) tab[rec + 4 + j] = fw[j];
      else this.keys[this.keyEnd + j - INLINE] = fw[j];
    }
    this.keyEnd += extra;
    return rec;
  }

  private rehash(size: number): void {
    const old = this.tab;
    const tab = new Int32Array(size * REC);
    const mask = size - 1;
    for (let rec = 0; rec < old.length; rec += REC) {
      if (old[rec + 1] === 0) continue;
      let i = slotOf(old[rec], mask);
      while (tab[i * REC + 1] !== 0) i = (i + 1) & mask;
      for (let k = 0; k < REC; k++) tab[i * REC + k] = old[rec + k];
    }
    this.tab = tab;
    this.mask = mask;
    // Records moved.
    this.prev = -1;
  }

  /** The code for a new key's bytes: a new value, or (malformed UTF-8) the code of the text it reads as. */
  private codeOf(src: Uint8Array, s: number, n: number, dec: ValueDecoder): number {
    const text = dec.exact(src, s, s + n);
    if (text !== null) {
      this.values.push(text);
      return this.values.length - 1;
    }
    return this.tab[this.byText(dec.text(src, s, s + n), dec) + 1] - 1;
  }

  /** Adds the field buf[s..s+n) (its words in fw, hash h) with its value; returns its record. */
  add(
    fw: Int32Array,
    words: number,
    buf: Uint8Array,
    s: number,
    n: number,
    h: number,
    dec: ValueDecoder,
  ): number {
    return this.insert(fw, words, n, h, this.codeOf(buf, s, n, dec));
  }

  /** The record for the n bytes src[s..] (hash h), adding the key (and its value when new). */
  byBytes(src: Uint8Array, s: number, n: number, h: number, dec: ValueDecoder): number {
    // Its own words: codeOf may come back here for another key.
    const fw = bytesToWords(src, s, n);
    const words = (n + 3) >> 2;
    const found = findKey(this, fw, words, n, h);
    return found >= 0 ? found : this.add(fw, words, src, s, n, h, dec);
  }

  /** The record of a text's well-formed UTF-8, adding the text when it is new. */
  byText(text: string, dec: ValueDecoder): number {
    const bytes = encoder.encode(text);
    return this.byBytes(bytes, 0, bytes.length, fieldHash(bytes, 0, bytes.length), dec);
  }

  /**
   * Chooses comparePrev for the next batch of rows from this one's `rows`: a comparison costs about a
   * quarter of what a hit saves (hashing and probing), so it pays while a quarter of the fields repeat.
   */
  adapt(rows: number): void {
    // While comparing, repeats stop before the table: the table sees the changes only.
    const repeats = this.comparePrev ? rows - this.changes : this.repeats;
    if (rows >= 256) this.comparePrev = 4 * repeats >= rows;
    this.repeats = 0;
    this.changes = 0;
  }

  ensure(capacity: number): void {
    if (capacity > this.codes.length) this.codes = grow(this.codes, capacity);
  }

  /** The finished column: a view of the first `rows` codes (copying them would cost fresh pages). */
  build(rows: number): DictColumn {
    return {
      codes: this.codes.length === rows ? this.codes : this.codes.subarray(0, rows),
      values: this.values,
    };
  }
}

/** The record of the key loaded in fw (n bytes, hash h) in col's table, or -1. */
function findKey(col: Column, fw: Int32Array, words: number, n: number, h: number): number {
  const tab = col.tab;
  const mask = col.mask;
  for (let i = slotOf(h, mask); ; i = (i + 1) & mask) {
    const rec = i * REC;
    if (tab[rec + 1] === 0) return -1;
    if (tab[rec] === h && tab[rec + 2] === n && sameKey(tab, rec, col.keys, fw, words)) return rec;
  }
}

/**
 * A generous guess of the number of rows, from the line breaks in samples spread over the input. The code
 * arrays are allocated at this size: pages never written cost no memory, while growing them copies them.
 */
function estimateRows(buf: Uint8Array, start: number): number {
  const size = buf.length - start;
  const samples = 16;
  const window = Math.min(4096, Math.ceil(size / samples));
  let seen = 0;
  let lf = 0;
  let cr = 0;
  // Counted with the native indexOf within each window: a byte loop here would run in V8's interpreter
  // (it runs once per file), ~8 ms for the 64 kB.
  const count = (part: Uint8Array, byte: number): number => {
    let n = 0;
    for (let k = part.indexOf(byte); k >= 0; k = part.indexOf(byte, k + 1)) n++;
    return n;
  };
  for (let s = 0; s < samples; s++) {
    const from = Math.max(start, start + Math.floor(((size - window) * s) / (samples - 1 || 1)));
    const part = buf.subarray(from, Math.min(buf.length, from + window));
    lf += count(part, LF);
    cr += count(part, CR);
    seen += part.length;
  }
  // Rows end at LF or at CR (CRLF counts twice: an overestimate, which is harmless).
  return Math.ceil(((size * (Math.max(lf, cr) + 1)) / Math.max(1, seen)) * 1.25) + 16;
}

/**
 * Reads UTF-8 bytes into columns, a batch of rows per run() call. The scan state between fields: the next
 * field starts at byte i, k is the word holding it, x that word and m its specials in lanes not yet passed.
 */
class Tokenizer {
  readonly cols: Column[] = [];
  private readonly len: number;
  private readonly w: Int32Array;
  private readonly nw: number;
  private readonly tail: number;
  private readonly off: number;
  private readonly dw: number;
  private capacity: number;
  private scratch: Uint8Array = new Uint8Array(256);
  /** The words of the field being looked up (see loadField). */
  private fw: Int32Array = new Int32Array(64);
  i: number;
  r = 0;
  private k = 0;
  private x = 0;
  private m = 0;

  constructor(
    private readonly buf: Uint8Array,
    start: number,
    private readonly delimiter: number,
    private readonly dec: ValueDecoder,
    /** Whether CR ends rows here: false reads faster until a CR shows up (see SawCr). */
    private readonly cr: boolean,
  ) {
    this.len = buf.length;
    if (LITTLE_ENDIAN) {
      this.off = buf.byteOffset & 3;
      this.nw = (this.off + buf.length) >> 2;
      this.w = new Int32Array(buf.buffer, buf.byteOffset - this.off, this.nw);
    } else {
      // Big-endian host: little-endian words composed from the bytes (a copy).
      this.off = 0;
      this.nw = buf.length >> 2;
      this.w = new Int32Array(this.nw);
      for (let k = 0; k < this.nw; k++) this.w[k] = byteWord(buf, 4 * k, 4, 0);
    }
    let tail = 0;
    for (let p = 4 * this.nw - this.off, lane = 0; p < buf.length; p++, lane++) tail |= buf[p] << (lane << 3);
    this.tail = tail;
    this.dw = Math.imul(delimiter, 0x01010101);
    this.capacity = estimateRows(buf, start);
    this.i = start;
    this.sync(start);
  }

  /** Points the scan state at byte i. */
  private sync(i: number): void {
    const g = i + this.off;
    this.k = g >> 2;
    this.x = wordAt(this.w, this.nw, this.tail, this.k);
    this.m = specials(this.x, this.dw, this.cr) & (-1 << ((g & 3) << 3));
  }

  /** Reads up to `limit` more rows; false once the input is exhausted. */
  run(limit: number): boolean {
    const { buf, len, w, nw, tail, off, dw, delimiter, dec, cols, cr } = this;
    let fw = this.fw;
    let i = this.i;
    let r = this.r;
    let k = this.k;
    let x = this.x;
    let m = this.m;
    const stop = r + limit;
    while (i < len && r < stop) {
      if (r === this.capacity) this.grow();
      let c = 0;
      let more = true;
      while (more) {
        if (c === cols.length) cols.push(new Column(this.capacity, r));
        const col = cols[c];
        const g = i + off;
        let e: number;
        // x is the word holding byte i: its lane tells whether the field is quoted.
        if (((x >>> ((g & 3) << 3)) & 0xff) === QUOTE && i < len) {
          e = this.quoted(col, i);
        } else {
          // Unquoted: up to the next delimiter, LF or CR (a quote inside is an ordinary character).
          for (;;) {
            if (m !== 0) {
              e = (k << 2) + ((31 - Math.clz32(m & -m)) >> 3) - off;
              if (e > len) e = len;
              break;
            }
            if ((++k << 2) - off >= len) {
              e = len;
              break;
            }
            x = wordAt(w, nw, tail, k);
            m = specials(x, dw, cr);
          }
          const n = e - i;
          const words = (n + 3) >> 2;
          if (words > fw.length) fw = this.fieldWords(words);
          loadField(w, nw, tail, g, n, fw);
          const prev = col.prev;
          if (
            !col.comparePrev ||
            prev < 0 ||
            col.tab[prev + 2] !== n ||
            !sameKey(col.tab, prev, col.keys, fw, words)
          ) {
            const h = hashWords(fw, words, n);
            let rec = findKey(col, fw, words, n, h);
            if (rec < 0) {
              // A CR in a new unquoted value (every CR outside quotes first shows in one): read again.
              if (!cr && hasCr(buf, i, e)) throw new SawCr();
              rec = col.add(fw, words, buf, i, n, h, dec);
            }
            if (rec === prev) col.repeats++;
            else col.changes++;
            col.prev = rec;
            col.prevCode = col.tab[rec + 1] - 1;
          }
        }
        col.codes[r] = col.prevCode;
        c++;
        if (e >= len) {
          i = len;
          break;
        }
        // The byte that ended the field, read from its word (a quoted field may have moved on from word k).
        const ge = e + off;
        if (ge >> 2 !== k) {
          k = ge >> 2;
          x = wordAt(w, nw, tail, k);
          m = specials(x, dw, cr);
        }
        const b = (x >>> ((ge & 3) << 3)) & 0xff;
        if (b === delimiter) i = e + 1;
        else {
          // The row ended at a line break: LF, CRLF or a lone CR.
          more = false;
          i = b === CR && e + 1 < len && buf[e + 1] === LF ? e + 2 : e + 1;
        }
        // Point the scan state at byte i (usually still in word k).
        const gi = i + off;
        if (gi >> 2 !== k) {
          k = gi >> 2;
          x = wordAt(w, nw, tail, k);
          m = specials(x, dw, cr);
        }
        m &= -1 << ((gi & 3) << 3);
      }
      for (let j = c; j < cols.length; j++) cols[j].codes[r] = cols[j].missing();
      r++;
    }
    this.i = i;
    this.r = r;
    this.k = k;
    this.x = x;
    this.m = m;
    for (const col of cols) col.adapt(limit);
    return i < len;
  }

  /** A field-word buffer for at least `words` words. */
  private fieldWords(words: number): Int32Array {
    this.fw = new Int32Array(2 * words);
    return this.fw;
  }

  private grow(): void {
    this.capacity = Math.ceil(this.capacity * 1.5) + 16;
    for (const col of this.cols) col.ensure(this.capacity);
  }

  /** Reads the quoted field at byte i into col (its record becomes col.prev); returns where it ends. */
  private quoted(col: Column, i: number): number {
    const { buf, len, delimiter, dec } = this;
    // Up to the closing quote, "" standing for one quote; an unclosed quote runs to the end.
    let n = 0;
    let from = i + 1;
    for (;;) {
      let q = from;
      while (q < len && buf[q] !== QUOTE) q++;
      n = this.put(from, q, n);
      if (q >= len) {
        i = len;
        break;
      }
      if (q + 1 < len && buf[q + 1] === QUOTE) {
        n = this.put(q, q + 1, n);
        from = q + 2;
        continue;
      }
      i = q + 1;
      break;
    }
    // Stray characters after the closing quote stay part of the field, as parseDelimited keeps them.
    const after = i;
    for (; i < len; i++) {
      const b = buf[i];
      if (b === delimiter || b === LF || b === CR) break;
    }
    let rec: number;
    if (i > after && n > 0 && this.scratch[n - 1] >= 0x80 && buf[after] >= 0x80) {
      // Split UTF-8 on either side of the quote decodes as two pieces, not as the joined bytes.
      rec = col.byText(dec.text(this.scratch, 0, n) + dec.text(buf, after, i), dec);
    } else {
      n = this.put(after, i, n);
      rec = col.byBytes(this.scratch, 0, n, fieldHash(this.scratch, 0, n), dec);
    }
    col.prev = rec;
    col.prevCode = col.tab[rec + 1] - 1;
    return i;
  }

  /** Appends buf[from..to) to the scratch buffer at `at`; returns the new length. */
  private put(from: number, to: number, at: number): number {
    if (at + (to - from) > this.scratch.length) {
      const bigger = new Uint8Array(Math.max(2 * this.scratch.length, at + (to - from)));
      bigger.set(this.scratch.subarray(0, at));
      this.scratch = bigger;
    }
    for (let k = from; k < to; k++) this.scratch[at++] = this.buf[k];
    return at;
  }
}

/** Decodes a column's values in one call; fatal: one malformed value sends the column to ValueDecoder. */
const wholeBlob = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The columns of a ByteTokenizer's read: each code's bytes decoded as the Tokenizer decodes them, and codes
 * whose bytes read as the same text (malformed UTF-8 after a BOM) merged, keeping first-appearance order.
 */
function decodeRaw(raw: RawColumns, dec: ValueDecoder): { columns: DictColumn[]; rows: number } {
  const mem = raw.memory;
  const columns = raw.columns.map(({ codes, spans, blob, bounds }): DictColumn => {
    // Usually all of a column's values are well-formed: one decoding, then a substring per value.
    let whole: string | null = null;
    try {
      whole = wholeBlob.decode(blob);
    } catch {
      whole = null;
    }
    const values: Cell[] = [];
    if (whole !== null) {
      for (let j = 0; j < bounds.length; j += 2)
        values.push(bounds[j] < 0 ? undefined : whole.substring(bounds[j], bounds[j + 1]));
      return { codes, values };
    }
    let malformed = false;
    for (let j = 0; j < spans.length; j += 2) {
      const s = spans[j];
      const n = spans[j + 1];
      const text = n < 0 ? undefined : dec.exact(mem, s, s + n);
      if (text === null) malformed = true;
      values.push(text === null ? dec.text(mem, s, s + n) : text);
    }
    if (!malformed) return { codes, values };
    // Well-formed UTF-8 reads one way only, but a replacement character can come from several byte strings.
    const first = new Map<Cell, number>();
    const remap = new Int32Array(values.length);
    const merged: Cell[] = [];
    values.forEach((v, j) => {
      let code = first.get(v);
      if (code === undefined) {
        code = merged.push(v) - 1;
        first.set(v, code);
      }
      remap[j] = code;
    });
    for (let r = 0; r < codes.length; r++) codes[r] = remap[codes[r]];
    return { codes, values: merged };
  });
  return { columns, rows: raw.rows };
}

/** Tokenizes UTF-8 bytes from `start` into columns (the caller has ruled out a blank file). */
function tokenize(
  buf: Uint8Array,
  start: number,
  delimiter: number,
  dec: ValueDecoder,
  fast?: ByteTokenizer,
): { columns: DictColumn[]; rows: number } {
  if (fast) {
    const raw = fast.tokenize(buf, start, delimiter, estimateRows(buf, start));
    if (raw) return decodeRaw(raw, dec);
    buf = fast.revive?.(buf) ?? buf;
  }
  for (const cr of [false, true]) {
    const t = new Tokenizer(buf, start, delimiter, dec, cr);
    try {
      // Small batches first: the interpreter then sees run()'s exit too before V8 optimises it (code
      // optimised without feedback for the exit bails out at the end of every batch).
      for (let limit = 16; t.run(limit); limit = Math.min(ROWS_PER_RUN, 2 * limit));
    } catch (e) {
      if (e instanceof SawCr) continue;
      throw e;
    }
    return { columns: t.cols.map((col) => col.build(t.r)), rows: t.r };
  }
  throw new Error('unreachable: the tokenizer looking for CR does not throw SawCr');
}

/** True when the text from `start` is only whitespace (as String#trim sees it), decoding no more than needed. */
function isBlank(buf: Uint8Array, start: number, strict: boolean): boolean {
  let k = start;
  for (; k < buf.length; k++) {
    const b = buf[k];
    if (b >= 0x80) break;
    // ASCII whitespace for trim: tab, LF, VT, FF, CR, space.
    if (b !== 0x20 && (b < 0x09 || b > 0x0d)) return false;
  }
  if (k === buf.length) return true;
  // Unicode whitespace (U+3000, U+FEFF, NBSP…) may follow: decode a chunk at a time until a non-space.
  const stream = new TextDecoder('utf-8', { fatal: strict, ignoreBOM: true });
  try {
    for (let at = k; at < buf.length; at += 65_536) {
      const chunk = stream.decode(buf.subarray(at, at + 65_536), { stream: true });
      if (/\S/.test(chunk)) return false;
    }
    return !/\S/.test(stream.decode());
  } catch {
    throw new NotUtf8();
  }
}

/** A delimiter the byte tokenizer handles: one ASCII character other than a quote or a line break. */
function byteDelimiter(delimiter: string): number {
  const code = delimiter.length === 1 ? delimiter.charCodeAt(0) : -1;
  return code >= 0 && code < 0x80 && code !== QUOTE && code !== LF && code !== CR ? code : -1;
}

/** Columns of parsed rows: for delimiters the byte tokenizer does not handle. */
function columnsOfRows(rows: string[][]): { columns: DictColumn[]; rows: number } {
  const b = new ColumnarBuilder(rows.length);
  b.addRows(rows);
  const built = b.build();
  return { columns: built.columns, rows: built.rows };
}

/** Reads UTF-8 bytes from `start`; throws NotUtf8 (strict only) when they turn out not to be UTF-8. */
function readUtf8(bytes: Uint8Array, start: number, strict: boolean, opts: ReadOptions): DelimitedColumns {
  const delimiter = opts.delimiter;
  const encoding = 'utf-8';
  // Streaming: no replacement character for a sequence cut at the end, so this is a prefix of the text.
  const sample = new TextDecoder('utf-8', { ignoreBOM: true }).decode(
    bytes.subarray(start, start + DELIMITER_SAMPLE_BYTES),
    { stream: true },
  );
  const delim = delimiter ?? detectDelimiter(sample);
  if (isBlank(bytes, start, strict)) return { columns: [], rows: 0, encoding, delimiter: delim };
  const code = byteDelimiter(delim);
  if (code < 0) {
    const text = new TextDecoder('utf-8', { fatal: strict, ignoreBOM: true });
    let decoded: string;
    try {
      decoded = text.decode(bytes.subarray(start));
    } catch {
      throw new NotUtf8();
    }
    return { ...columnsOfRows(parseDelimited(decoded, delim)), encoding, delimiter: delim };
  }
  return {
    ...tokenize(bytes, start, code, new ValueDecoder(strict), opts.tokenizer),
    encoding,
    delimiter: delim,
  };
}

/** Reads text decodeText has decoded (UTF-16, GB18030) by re-encoding it as UTF-8. */
function readText(text: string, encoding: string, opts: ReadOptions): DelimitedColumns {
  const delim = opts.delimiter ?? detectDelimiter(text);
  if (text.trim() === '') return { columns: [], rows: 0, encoding, delimiter: delim };
  const code = byteDelimiter(delim);
  // A lone surrogate would not survive UTF-8; decoders do not make them, but stay exact if one does.
  if (code < 0 || /[\uD800-\uDFFF]/u.test(text))
    return { ...columnsOfRows(parseDelimited(text, delim)), encoding, delimiter: delim };
  return {
    ...tokenize(encoder.encode(text), 0, code, new ValueDecoder(false), opts.tokenizer),
    encoding,
    delimiter: delim,
  };
}

/** How to read: the delimiter when known, and a faster tokenizer when the caller has one (the CLI). */
export interface ReadOptions {
  delimiter?: string;
  tokenizer?: ByteTokenizer;
}

/**
 * Reads a delimited file's bytes into columns (each distinct value once per column, a code per row), the
 * same cells parseDelimited reads from decodeText's text, without a string per cell.
 */
export function readDelimitedColumns(input: Uint8Array, opts: ReadOptions = {}): DelimitedColumns {
  // A plain Uint8Array view: a Node Buffer has another map, and the tokenizer's typed-array reads would
  // then see two kinds of array (the input and its own key buffers) and deoptimise. A plain one is kept
  // as it is: it may be the faster tokenizer's own (see ByteTokenizer.reserve).
  const bytes =
    Object.getPrototypeOf(input) === Uint8Array.prototype
      ? input
      : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (bom) {
    // decodeText's TextDecoder drops one more BOM right after the first.
    const start = bytes[3] === 0xef && bytes[4] === 0xbb && bytes[5] === 0xbf ? 6 : 3;
    return readUtf8(bytes, start, false, opts);
  }
  // decodeText decides UTF-16 from a BOM or from the NUL bytes of the first 4 kB: ask it about those.
  const probe = decodeText(bytes.subarray(0, 4096)).encoding;
  if (probe !== 'utf-16le' && probe !== 'utf-16be') {
    try {
      return readUtf8(bytes, 0, true, opts);
    } catch (e) {
      if (!(e instanceof NotUtf8)) throw e;
    }
  }
  // The faster tokenizer may have read the bytes in place and moved them since.
  const { text, encoding } = decodeText(opts.tokenizer?.revive?.(bytes) ?? bytes);
  return readText(text, encoding, opts);
}
