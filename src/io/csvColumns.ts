/**
 * Delimited bytes straight to columns (the engine's ColumnarInput) without a string per cell.
 *
 * A half-million-line export holds tens of thousands of distinct values in millions of cells. parseDelimited
 * makes a string for every cell (4.3 million on Online Retail, ~450 ms plus their garbage collection); here
 * each field's UTF-8 bytes are hashed and looked up in a per-column table keyed by byte content, and only a
 * value seen for the first time becomes a string. The result reads exactly as parseDelimited does
 * (csvColumns.property.test.ts checks that value for value).
 *
 * Browser-safe: src/io is also bundled into the task pane and the demo, so no Node-only API here.
 */
import { ColumnarBuilder } from '../engine/ingest/columnar';
import type { Cell, DictColumn } from '../engine/types';
import { detectDelimiter, parseDelimited } from './csv';
import { decodeText } from './decode';

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
 * (specials) and hashing and comparing a word at a time is several times faster than a loop per byte.
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

/** Per byte lane, the top bit set where the word holds the delimiter (dw: it in all lanes), LF or CR. */
function specials(x: number, dw: number): number {
  // Exact per lane: ((t & 0x7f) + 0x7f) | t has its top bit clear only for t = 0, and no carry leaves a lane.
  const a = x ^ dw;
  const b = x ^ 0x0a0a0a0a;
  const c = x ^ 0x0d0d0d0d;
  return (
    ~(
      (((a & 0x7f7f7f7f) + 0x7f7f7f7f) | a) &
      (((b & 0x7f7f7f7f) + 0x7f7f7f7f) | b) &
      (((c & 0x7f7f7f7f) + 0x7f7f7f7f) | c)
    ) & 0x80808080
  );
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

/** Word j of the n input bytes from word-space position g, realigned to start at lane 0 (zero past n). */
function fieldWord(w: Int32Array, nw: number, tail: number, g: number, n: number, j: number): number {
  const k = (g >> 2) + j;
  const sh = (g & 3) << 3;
  const x =
    sh === 0
      ? wordAt(w, nw, tail, k)
      : (wordAt(w, nw, tail, k) >>> sh) | (wordAt(w, nw, tail, k + 1) << (32 - sh));
  return x & lowBytes(n - 4 * j);
}

/** The hash of the n input bytes from word-space position g (fieldHash of the same bytes). */
function hashAt(w: Int32Array, nw: number, tail: number, g: number, n: number): number {
  let h = HASH_SEED;
  for (let j = 0; 4 * j < n; j++) h = mix(h, fieldWord(w, nw, tail, g, n, j));
  return h ^ n;
}

/** Spreads the hash's bits before masking (the low bits alone cluster on values one digit apart). */
function slotOf(h: number, mask: number): number {
  const x = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  return (x ^ (x >>> 15)) & mask;
}

/*
 * Entries: per distinct key a record of ENT int32s: byte length, code, start of the key's words past the
 * first INLINE in `keys`, then the first INLINE words (zero-padded). Keys up to 20 bytes (ids, dates,
 * prices) are compared within the one record.
 */
const ENT = 8;
const INLINE = 5;

/** Key word j of the entry record at e0. */
function keyWord(ents: Int32Array, e0: number, keys: Int32Array, j: number): number {
  return j < INLINE ? ents[e0 + 3 + j] : keys[ents[e0 + 2] + j - INLINE];
}

/** True when the n input bytes from word-space position g equal the key of entry `ent` (of length n). */
function equalAt(
  w: Int32Array,
  nw: number,
  tail: number,
  g: number,
  n: number,
  ents: Int32Array,
  ent: number,
  keys: Int32Array,
): boolean {
  const e0 = ent * ENT;
  const sh = (g & 3) << 3;
  let k = g >> 2;
  let j = 0;
  let rem = n;
  if (sh === 0) {
    for (; rem > 0; rem -= 4)
      if ((wordAt(w, nw, tail, k++) & lowBytes(rem)) !== keyWord(ents, e0, keys, j++)) return false;
    return true;
  }
  let lo = wordAt(w, nw, tail, k);
  for (; rem > 0; rem -= 4) {
    const hi = wordAt(w, nw, tail, ++k);
    if ((((lo >>> sh) | (hi << (32 - sh))) & lowBytes(rem)) !== keyWord(ents, e0, keys, j++)) return false;
    lo = hi;
  }
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

/**
 * One column being read: codes per row, the distinct values, entries (see ENT) and an open-addressing
 * table of (hash, entry + 1) slots. Two entries share a code only when different bytes read as the same
 * text (malformed UTF-8 after a BOM).
 */
class Column {
  codes: Int32Array;
  readonly values: Cell[] = [];
  slots: Int32Array = new Int32Array(2 * 64);
  mask = 63;
  private usedSlots = 0;
  ents: Int32Array = new Int32Array(ENT * 32);
  private count = 0;
  keys: Int32Array = new Int32Array(64);
  private keyEnd = 0;
  /** The entry of this column's previous field: a repeat is compared with it before hashing. */
  prevEnt = -1;
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

  /** A new entry for an n-byte key standing for `code` (its words still to write). */
  private newEntry(n: number, code: number): number {
    const ent = this.count++;
    if (ENT * this.count > this.ents.length) this.ents = grow(this.ents, 2 * this.ents.length);
    const extra = Math.max(0, ((n + 3) >> 2) - INLINE);
    if (this.keyEnd + extra > this.keys.length)
      this.keys = grow(this.keys, Math.max(2 * this.keys.length, this.keyEnd + extra));
    const e0 = ent * ENT;
    this.ents[e0] = n;
    this.ents[e0 + 1] = code;
    this.ents[e0 + 2] = this.keyEnd;
    this.keyEnd += extra;
    return ent;
  }

  private setWord(ent: number, j: number, x: number): void {
    const e0 = ent * ENT;
    if (j < INLINE) this.ents[e0 + 3 + j] = x;
    else this.keys[this.ents[e0 + 2] + j - INLINE] = x;
  }

  /** Files entry `ent` under hash h. */
  addSlot(h: number, ent: number): void {
    // Load factor at most 1/2 keeps probe runs short.
    if (2 * (this.usedSlots + 1) > this.mask + 1) this.rehash(2 * (this.mask + 1));
    this.usedSlots++;
    let i = slotOf(h, this.mask);
    while (this.slots[2 * i + 1] !== 0) i = (i + 1) & this.mask;
    this.slots[2 * i] = h;
    this.slots[2 * i + 1] = ent + 1;
  }

  private rehash(size: number): void {
    const old = this.slots;
    const slots = new Int32Array(2 * size);
    const mask = size - 1;
    for (let s = 0; s < old.length; s += 2) {
      if (old[s + 1] === 0) continue;
      let i = slotOf(old[s], mask);
      while (slots[2 * i + 1] !== 0) i = (i + 1) & mask;
      slots[2 * i] = old[s];
      slots[2 * i + 1] = old[s + 1];
    }
    this.slots = slots;
    this.mask = mask;
  }

  /** The code for a new key's bytes: a new value, or (malformed UTF-8) the code of the text it reads as. */
  private codeOf(src: Uint8Array, s: number, n: number, dec: ValueDecoder): number {
    const text = dec.exact(src, s, s + n);
    if (text !== null) {
      this.values.push(text);
      return this.values.length - 1;
    }
    return this.ents[this.byText(dec.text(src, s, s + n), dec) * ENT + 1];
  }

  /** Adds the input field of n bytes at buf[s..] (word-space position g, hash h) with its value. */
  addAt(
    w: Int32Array,
    nw: number,
    tail: number,
    g: number,
    buf: Uint8Array,
    s: number,
    n: number,
    h: number,
    dec: ValueDecoder,
  ): number {
    const ent = this.newEntry(n, this.codeOf(buf, s, n, dec));
    for (let j = 0; 4 * j < n; j++) this.setWord(ent, j, fieldWord(w, nw, tail, g, n, j));
    this.addSlot(h, ent);
    return ent;
  }

  /** The entry whose key is the n bytes src[s..] (hash h), or -1. */
  private findBytes(src: Uint8Array, s: number, n: number, h: number): number {
    const slots = this.slots;
    for (let i = slotOf(h, this.mask); ; i = (i + 1) & this.mask) {
      const e1 = slots[2 * i + 1];
      if (e1 === 0) return -1;
      if (slots[2 * i] !== h || this.ents[(e1 - 1) * ENT] !== n) continue;
      let j = 0;
      while (4 * j < n && byteWord(src, s, n, j) === keyWord(this.ents, (e1 - 1) * ENT, this.keys, j)) j++;
      if (4 * j >= n) return e1 - 1;
    }
  }

  /** The entry for the n bytes src[s..] (hash h), adding the key (and its value when new). */
  byBytes(src: Uint8Array, s: number, n: number, h: number, dec: ValueDecoder): number {
    const found = this.findBytes(src, s, n, h);
    if (found >= 0) return found;
    const ent = this.newEntry(n, this.codeOf(src, s, n, dec));
    for (let j = 0; 4 * j < n; j++) this.setWord(ent, j, byteWord(src, s, n, j));
    this.addSlot(h, ent);
    return ent;
  }

  /** The entry of a text's well-formed UTF-8, adding the text when it is new. */
  byText(text: string, dec: ValueDecoder): number {
    const bytes = encoder.encode(text);
    return this.byBytes(bytes, 0, bytes.length, fieldHash(bytes, 0, bytes.length), dec);
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

/** The entry of the n input bytes from word-space position g under hash h in col's table, or -1. */
function findAt(
  col: Column,
  w: Int32Array,
  nw: number,
  tail: number,
  g: number,
  n: number,
  h: number,
): number {
  const slots = col.slots;
  const mask = col.mask;
  const ents = col.ents;
  for (let i = slotOf(h, mask); ; i = (i + 1) & mask) {
    const e1 = slots[2 * i + 1];
    if (e1 === 0) return -1;
    if (
      slots[2 * i] === h &&
      ents[(e1 - 1) * ENT] === n &&
      equalAt(w, nw, tail, g, n, ents, e1 - 1, col.keys)
    )
      return e1 - 1;
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
  for (let s = 0; s < samples; s++) {
    const from = start + Math.floor(((size - window) * s) / (samples - 1 || 1));
    for (let k = Math.max(start, from); k < Math.min(buf.length, from + window); k++) {
      if (buf[k] === LF) lf++;
      else if (buf[k] === CR) cr++;
      seen++;
    }
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
    this.m = specials(this.x, this.dw) & (-1 << ((g & 3) << 3));
  }

  /** Reads up to `limit` more rows; false once the input is exhausted. */
  run(limit: number): boolean {
    const { buf, len, w, nw, tail, off, dw, delimiter, dec, cols } = this;
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
        let ent: number;
        let e: number;
        if (buf[i] === QUOTE) {
          e = this.quoted(col, i);
          ent = col.prevEnt;
        } else {
          // Unquoted: up to the next delimiter, LF or CR (a quote inside is an ordinary character).
          const g = i + off;
          for (;;) {
            if (m !== 0) {
              const lane = (31 - Math.clz32(m & -m)) >> 3;
              e = (k << 2) + lane - off;
              if (e > len) e = len;
              break;
            }
            if ((++k << 2) - off >= len) {
              e = len;
              break;
            }
            x = wordAt(w, nw, tail, k);
            m = specials(x, dw);
          }
          const n = e - i;
          ent = col.prevEnt;
          if (ent < 0 || col.ents[ent * ENT] !== n || !equalAt(w, nw, tail, g, n, col.ents, ent, col.keys)) {
            const h = hashAt(w, nw, tail, g, n);
            ent = findAt(col, w, nw, tail, g, n, h);
            if (ent < 0) ent = col.addAt(w, nw, tail, g, buf, i, n, h, dec);
            col.prevEnt = ent;
          }
        }
        col.codes[r] = col.ents[ent * ENT + 1];
        c++;
        i = e;
        if (i < len && buf[i] === delimiter) i++;
        else {
          more = false;
          // The row ended at a line break (LF, CRLF or a lone CR) or at the end of the bytes.
          if (i < len) {
            if (buf[i] === CR && i + 1 < len && buf[i + 1] === LF) i += 2;
            else i++;
          }
        }
        // Point the scan state at byte i (usually still in word k).
        const gi = i + off;
        if (gi >> 2 !== k) {
          k = gi >> 2;
          x = wordAt(w, nw, tail, k);
          m = specials(x, dw);
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
    return i < len;
  }

  private grow(): void {
    this.capacity = Math.ceil(this.capacity * 1.5) + 16;
    for (const col of this.cols) col.ensure(this.capacity);
  }

  /** Reads the quoted field at byte i into col (its entry becomes col.prevEnt); returns where it ends. */
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
    let ent: number;
    if (i > after && n > 0 && this.scratch[n - 1] >= 0x80 && buf[after] >= 0x80) {
      // Split UTF-8 on either side of the quote decodes as two pieces, not as the joined bytes.
      ent = col.byText(dec.text(this.scratch, 0, n) + dec.text(buf, after, i), dec);
    } else {
      n = this.put(after, i, n);
      ent = col.byBytes(this.scratch, 0, n, fieldHash(this.scratch, 0, n), dec);
    }
    col.prevEnt = ent;
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

/** Tokenizes UTF-8 bytes from `start` into columns (the caller has ruled out a blank file). */
function tokenize(
  buf: Uint8Array,
  start: number,
  delimiter: number,
  dec: ValueDecoder,
): { columns: DictColumn[]; rows: number } {
  const t = new Tokenizer(buf, start, delimiter, dec);
  // Small batches first: the interpreter then sees run()'s exit too before V8 optimises it (code
  // optimised without feedback for the exit bails out at the end of every batch).
  for (let limit = 16; t.run(limit); limit = Math.min(ROWS_PER_RUN, 2 * limit));
  return { columns: t.cols.map((col) => col.build(t.r)), rows: t.r };
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
function readUtf8(bytes: Uint8Array, start: number, strict: boolean, delimiter?: string): DelimitedColumns {
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
  return { ...tokenize(bytes, start, code, new ValueDecoder(strict)), encoding, delimiter: delim };
}

/** Reads text decodeText has decoded (UTF-16, GB18030) by re-encoding it as UTF-8. */
function readText(text: string, encoding: string, delimiter?: string): DelimitedColumns {
  const delim = delimiter ?? detectDelimiter(text);
  if (text.trim() === '') return { columns: [], rows: 0, encoding, delimiter: delim };
  const code = byteDelimiter(delim);
  // A lone surrogate would not survive UTF-8; decoders do not make them, but stay exact if one does.
  if (code < 0 || /[\uD800-\uDFFF]/u.test(text))
    return { ...columnsOfRows(parseDelimited(text, delim)), encoding, delimiter: delim };
  return { ...tokenize(encoder.encode(text), 0, code, new ValueDecoder(false)), encoding, delimiter: delim };
}

/**
 * Reads a delimited file's bytes into columns (each distinct value once per column, a code per row), the
 * same cells parseDelimited reads from decodeText's text, without a string per cell.
 */
export function readDelimitedColumns(input: Uint8Array, opts: { delimiter?: string } = {}): DelimitedColumns {
  // A plain Uint8Array view: a Node Buffer has another map, and the tokenizer's typed-array reads would
  // then see two kinds of array (the input and its own key buffers) and deoptimise.
  const bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (bom) {
    // decodeText's TextDecoder drops one more BOM right after the first.
    const start = bytes[3] === 0xef && bytes[4] === 0xbb && bytes[5] === 0xbf ? 6 : 3;
    return readUtf8(bytes, start, false, opts.delimiter);
  }
  // decodeText decides UTF-16 from a BOM or from the NUL bytes of the first 4 kB: ask it about those.
  const probe = decodeText(bytes.subarray(0, 4096)).encoding;
  if (probe !== 'utf-16le' && probe !== 'utf-16be') {
    try {
      return readUtf8(bytes, 0, true, opts.delimiter);
    } catch (e) {
      if (!(e instanceof NotUtf8)) throw e;
    }
  }
  const { text, encoding } = decodeText(bytes);
  return readText(text, encoding, opts.delimiter);
}
