/*
 * AssemblyScript (compiled to WebAssembly by scripts/build-wasm.mjs): the byte tokenizer of csvColumns.ts
 * for the CLI, where a one-shot process would otherwise spend most of its reading in JavaScript warm-up.
 *
 * It reads UTF-8 bytes into columns exactly as csvColumns' Tokenizer does (rows end at LF, CRLF or a lone
 * CR; a field starting with a quote runs to its closing quote, "" standing for one quote, stray bytes after
 * the closing quote kept; a short row leaves the columns to its right "missing"), and gives each column a
 * code per row and, per code, where the value's bytes are (or -1: missing). Codes are given in order of
 * first appearance of each distinct byte string, and the missing code when a column first lacks a cell.
 * Turning bytes into text (and merging byte strings that read as the same text) is left to JavaScript.
 *
 * No garbage-collected objects: raw memory from the stub runtime's bump allocator, freed with the instance.
 */

const QUOTE: i32 = 0x22;
const LF: i32 = 0x0a;
const CR: i32 = 0x0d;

// A column record: fields at these byte offsets.
const C_CODES: usize = 0; // i32 code per row (capacity rows)
const C_TAB: usize = 4; // hash table of SLOT-byte slots (see lookup)
const C_MASK: usize = 8; // slots - 1
const C_COUNT: usize = 12; // codes given so far
const C_SPANS: usize = 16; // per code: where its bytes start (u32) and how many (-1: the missing code)
const C_SPAN_CAP: usize = 20;
const C_PREV: usize = 24; // code of this column's field in the row before, or -1
const C_PREV_AT: usize = 28; // where that field's bytes are (in the input near the current row: in cache)
const C_PREV_LEN: usize = 32; // and how many (-1: none)
const C_MISSING: usize = 36; // the missing code, or -1
const C_SIZE: usize = 40;

/*
 * A slot: code + 1 (0: free), the key's length, its first 16 bytes (zero-padded) as two u64. A probe for a
 * key of up to 16 bytes (ids, dates, prices, quantities) reads only its slot; longer keys compare the rest
 * where their bytes are.
 */
const SLOT: usize = 24;

/** Status of run(): more rows to read, done, or a field JavaScript must read (see quoted()). */
const MORE: i32 = 1;
const DONE: i32 = 0;
const BAIL: i32 = -1;

let input: usize = 0;
let len: i32 = 0;
let pos: i32 = 0;
let rows: i32 = 0;
let capacity: i32 = 0;
let delim: i32 = 0;
let cols: usize = 0;
let ncols: i32 = 0;
let colsCap: i32 = 0;
/** Where quoted fields with "" or stray bytes are rebuilt: chunks that never move (codes point into them). */
let chunk: usize = 0;
let chunkUsed: i32 = 0;
let chunkCap: i32 = 0;
let bailed = false;

/** Room for n input bytes and the zero padding that 8-byte loads past a field's end may touch. */
export function alloc(n: i32): usize {
  return heap.alloc(<usize>n + 16);
}

/** Starts reading the n bytes at ptr (from alloc) from byte `start`, expecting about `estimate` rows. */
export function begin(ptr: usize, n: i32, start: i32, delimiter: i32, estimate: i32): void {
  input = ptr;
  len = n;
  store<u64>(ptr + <usize>n, 0);
  store<u64>(ptr + <usize>n, 0, 8);
  pos = start;
  rows = 0;
  capacity = estimate > 16 ? estimate : 16;
  delim = delimiter;
  ncols = 0;
  colsCap = 16;
  cols = heap.alloc(<usize>colsCap * C_SIZE);
  chunk = 0;
  chunkUsed = 0;
  chunkCap = 0;
  bailed = false;
}

/** The low n bytes (0..7) of a 64-bit word. */
function lowMask(n: i32): u64 {
  return ((<u64>1) << ((<u64>n) << 3)) - 1;
}

/** Of the n bytes at p, the eight from byte k (zero past the end). */
function word(p: usize, n: i32, k: i32): u64 {
  return k + 8 <= n ? load<u64>(p + <usize>k) : k < n ? load<u64>(p + <usize>k) & lowMask(n - k) : 0;
}

function mix(h: u64, w: u64): u64 {
  h = (h ^ w) * 0xff51afd7ed558ccd;
  return h ^ (h >> 29);
}

/** The hash of n bytes at p whose first 16 are h0 and h1. */
function hashKey(p: usize, n: i32, h0: u64, h1: u64): u32 {
  let h = mix(mix(0x9e3779b97f4a7c15 ^ (<u64>n), h0), h1);
  for (let k = 16; k < n; k += 8) h = mix(h, word(p, n, k));
  h ^= h >> 32;
  h *= 0xc4ceb9fe1a85ec53;
  return <u32>(h ^ (h >> 29));
}

/** Whether the n bytes at a and at b are the same, from byte `from`. */
function sameFrom(a: usize, b: usize, n: i32, from: i32): bool {
  let k = from;
  for (; k + 8 <= n; k += 8) if (load<u64>(a + <usize>k) != load<u64>(b + <usize>k)) return false;
  return k >= n || ((load<u64>(a + <usize>k) ^ load<u64>(b + <usize>k)) & lowMask(n - k)) == 0;
}

/** A new code for col whose bytes are n at p (n = -1: the missing code). */
function newCode(col: usize, p: usize, n: i32): i32 {
  const code = load<i32>(col + C_COUNT);
  let cap = load<i32>(col + C_SPAN_CAP);
  if (code == cap) {
    cap *= 2;
    store<usize>(col + C_SPANS, heap.realloc(load<usize>(col + C_SPANS), (<usize>cap) << 3));
    store<i32>(col + C_SPAN_CAP, cap);
  }
  const span = load<usize>(col + C_SPANS) + ((<usize>code) << 3);
  store<u32>(span, <u32>p);
  store<i32>(span, n, 4);
  store<i32>(col + C_COUNT, code + 1);
  return code;
}

function missingCode(col: usize): i32 {
  let code = load<i32>(col + C_MISSING);
  if (code < 0) {
    code = newCode(col, 0, -1);
    store<i32>(col + C_MISSING, code);
  }
  return code;
}

function newTable(slots: i32): usize {
  const tab = heap.alloc(<usize>slots * SLOT);
  memory.fill(tab, 0, <usize>slots * SLOT);
  return tab;
}

/** Doubles col's table (load factor at most 1/2 keeps probe runs short). */
function rehash(col: usize): void {
  const old = load<usize>(col + C_TAB);
  const oldSlots = load<i32>(col + C_MASK) + 1;
  const mask = 2 * oldSlots - 1;
  const tab = newTable(mask + 1);
  const spans = load<usize>(col + C_SPANS);
  for (let s = 0; s < oldSlots; s++) {
    const from = old + <usize>s * SLOT;
    const c1 = load<i32>(from);
    if (c1 == 0) continue;
    const n = load<i32>(from, 4);
    const p = <usize>load<u32>(spans + ((<usize>(c1 - 1)) << 3));
    let i = hashKey(p, n, load<u64>(from, 8), load<u64>(from, 16)) & (<u32>mask);
    while (load<i32>(tab + <usize>i * SLOT) != 0) i = (i + 1) & (<u32>mask);
    memory.copy(tab + <usize>i * SLOT, from, SLOT);
  }
  heap.free(old);
  store<usize>(col + C_TAB, tab);
  store<i32>(col + C_MASK, mask);
}

/** The code of the n bytes at p in col, given a new code (keeping p as where its bytes are) when new. */
function lookup(col: usize, p: usize, n: i32): i32 {
  if (2 * (load<i32>(col + C_COUNT) + 1) > load<i32>(col + C_MASK) + 1) rehash(col);
  const h0 = word(p, n, 0);
  const h1 = word(p, n, 8);
  const tab = load<usize>(col + C_TAB);
  const mask = <u32>load<i32>(col + C_MASK);
  let i = hashKey(p, n, h0, h1) & mask;
  while (true) {
    const slot = tab + <usize>i * SLOT;
    const c1 = load<i32>(slot);
    if (c1 == 0) {
      const code = newCode(col, p, n);
      store<i32>(slot, code + 1);
      store<i32>(slot, n, 4);
      store<u64>(slot, h0, 8);
      store<u64>(slot, h1, 16);
      return code;
    }
    if (load<i32>(slot, 4) == n && load<u64>(slot, 8) == h0 && load<u64>(slot, 16) == h1) {
      if (n <= 16) return c1 - 1;
      const at = <usize>load<u32>(load<usize>(col + C_SPANS) + ((<usize>(c1 - 1)) << 3));
      if (sameFrom(at, p, n, 16)) return c1 - 1;
    }
    i = (i + 1) & mask;
  }
  return unreachable();
}

/** Remembers the code of col's field in this row and where its n bytes are (for the next row's field). */
function setPrev(col: usize, code: i32, p: usize, n: i32): void {
  store<i32>(col + C_PREV, code);
  store<u32>(col + C_PREV_AT, <u32>p);
  store<i32>(col + C_PREV_LEN, n);
}

/** The code of a field read in place (compared with the column's field in the row before first: values repeat). */
function fieldCode(col: usize, p: usize, n: i32): i32 {
  if (load<i32>(col + C_PREV_LEN) == n && sameFrom(<usize>load<u32>(col + C_PREV_AT), p, n, 0)) {
    store<u32>(col + C_PREV_AT, <u32>p);
    return load<i32>(col + C_PREV);
  }
  const code = lookup(col, p, n);
  setPrev(col, code, p, n);
  return code;
}

/** Room for `more` bytes (and padding) after the `used` bytes of the field being rebuilt. */
function reserve(used: i32, more: i32): void {
  if (chunkUsed + used + more + 16 <= chunkCap) return;
  let cap = 65536;
  while (cap < used + more + 16) cap *= 2;
  const fresh = heap.alloc(<usize>cap);
  if (used > 0) memory.copy(fresh, chunk + <usize>chunkUsed, <usize>used);
  chunk = fresh;
  chunkUsed = 0;
  chunkCap = cap;
}

/** Appends input[from..to) to the field being rebuilt (`used` bytes so far); returns the new length. */
function put(from: i32, to: i32, used: i32): i32 {
  reserve(used, to - from);
  memory.copy(chunk + <usize>(chunkUsed + used), input + <usize>from, <usize>(to - from));
  return used + to - from;
}

let fieldEnd: i32 = 0;

function endsField(b: i32): bool {
  return b == delim || b == LF || b == CR;
}

/**
 * The code of the quoted field whose opening quote is at i; sets fieldEnd. Bails (returns -1) on the one
 * case whose text is not its bytes' decoding: UTF-8 split by the closing quote and stray bytes after it.
 */
function quoted(col: usize, i: i32): i32 {
  const from = i + 1;
  let q = from;
  while (q < len && <i32>load<u8>(input + <usize>q) != QUOTE) q++;
  if (q >= len) {
    fieldEnd = len;
    return fieldCode(col, input + <usize>from, len - from);
  }
  if (q + 1 >= len || endsField(<i32>load<u8>(input + <usize>q + 1))) {
    fieldEnd = q + 1;
    return fieldCode(col, input + <usize>from, q - from);
  }
  // "" inside, or stray bytes after the closing quote: the field's bytes are rebuilt in the chunk.
  let n = put(from, q, 0);
  let at = q;
  while (true) {
    // at: a quote.
    if (at + 1 < len && <i32>load<u8>(input + <usize>at + 1) == QUOTE) {
      n = put(at, at + 1, n);
      const f = at + 2;
      let e = f;
      while (e < len && <i32>load<u8>(input + <usize>e) != QUOTE) e++;
      n = put(f, e, n);
      if (e >= len) {
        at = len;
        break;
      }
      at = e;
      continue;
    }
    at++;
    break;
  }
  return rebuilt(col, at, n);
}

/** Ends the rebuilt quoted field (n bytes so far, the closing quote just before `after`); returns its code. */
function rebuilt(col: usize, after: i32, n: i32): i32 {
  let e = after;
  while (e < len && !endsField(<i32>load<u8>(input + <usize>e))) e++;
  if (e > after && n > 0) {
    if (load<u8>(chunk + <usize>(chunkUsed + n - 1)) >= 0x80 && load<u8>(input + <usize>after) >= 0x80) {
      bailed = true;
      return -1;
    }
  }
  n = put(after, e, n);
  fieldEnd = e;
  const p = chunk + <usize>chunkUsed;
  const count = load<i32>(col + C_COUNT);
  const code = lookup(col, p, n);
  // A new key keeps its rebuilt bytes; a known one lets the next field use the space again.
  if (code == count) chunkUsed += n;
  setPrev(col, code, <usize>load<u32>(load<usize>(col + C_SPANS) + ((<usize>code) << 3)), n);
  return code;
}

function addColumn(r: i32): void {
  if (ncols == colsCap) {
    colsCap *= 2;
    cols = heap.realloc(cols, <usize>colsCap * C_SIZE);
  }
  const col = cols + <usize>ncols * C_SIZE;
  ncols++;
  store<usize>(col + C_CODES, heap.alloc((<usize>capacity) << 2));
  store<usize>(col + C_TAB, newTable(64));
  store<i32>(col + C_MASK, 63);
  store<i32>(col + C_COUNT, 0);
  store<usize>(col + C_SPANS, heap.alloc(16 << 3));
  store<i32>(col + C_SPAN_CAP, 16);
  setPrev(col, -1, 0, -1);
  store<i32>(col + C_MISSING, -1);
  // A column that first appears at row r had no cell in the rows above.
  if (r > 0) {
    const m = missingCode(col);
    const codes = load<usize>(col + C_CODES);
    for (let k = 0; k < r; k++) store<i32>(codes + ((<usize>k) << 2), m);
  }
}

function growCodes(): void {
  capacity = capacity + (capacity >> 1) + 16;
  for (let c = 0; c < ncols; c++) {
    const col = cols + <usize>c * C_SIZE;
    store<usize>(col + C_CODES, heap.realloc(load<usize>(col + C_CODES), (<usize>capacity) << 2));
  }
}

/** Reads up to `limit` more rows: MORE, DONE, or BAIL (JavaScript must read this input). */
export function run(limit: i32): i32 {
  const at = input;
  const end = len;
  // The field ends are found 16 bytes at a time: a lane mask of the delimiters, LFs and CRs.
  const vd = i8x16.splat(<i8>delim);
  const vl = i8x16.splat(<i8>LF);
  const vc = i8x16.splat(<i8>CR);
  let i = pos;
  let r = rows;
  const stop = r + limit;
  while (i < end && r < stop) {
    if (r == capacity) growCodes();
    let c = 0;
    while (true) {
      if (c == ncols) addColumn(r);
      const col = cols + <usize>c * C_SIZE;
      let e: i32;
      let code: i32;
      if (i < end && <i32>load<u8>(at + <usize>i) == QUOTE) {
        code = quoted(col, i);
        if (bailed) return BAIL;
        e = fieldEnd;
      } else {
        // The input is followed by 16 zero bytes, so a block may run past its end (clamped below).
        let base = i & ~15;
        let v = v128.load(at + <usize>base);
        let m = i8x16.bitmask(v128.or(v128.or(i8x16.eq(v, vd), i8x16.eq(v, vl)), i8x16.eq(v, vc)));
        m &= 0xffff << (i - base);
        while (m == 0 && base + 16 < end) {
          base += 16;
          v = v128.load(at + <usize>base);
          m = i8x16.bitmask(v128.or(v128.or(i8x16.eq(v, vd), i8x16.eq(v, vl)), i8x16.eq(v, vc)));
        }
        e = m == 0 ? end : base + ctz(m);
        if (e > end) e = end;
        code = fieldCode(col, at + <usize>i, e - i);
      }
      store<i32>(load<usize>(col + C_CODES) + ((<usize>r) << 2), code);
      c++;
      if (e >= end) {
        i = end;
        break;
      }
      const b = <i32>load<u8>(at + <usize>e);
      if (b == delim) {
        i = e + 1;
        continue;
      }
      // The row ended at a line break: LF, CRLF or a lone CR.
      i = b == CR && e + 1 < end && <i32>load<u8>(at + <usize>e + 1) == LF ? e + 2 : e + 1;
      break;
    }
    for (let j = c; j < ncols; j++) {
      const col = cols + <usize>j * C_SIZE;
      store<i32>(load<usize>(col + C_CODES) + ((<usize>r) << 2), missingCode(col));
    }
    r++;
  }
  pos = i;
  rows = r;
  return i < end ? MORE : DONE;
}

export function rowCount(): i32 {
  return rows;
}

export function columnCount(): i32 {
  return ncols;
}

/** Where column c's codes are (rowCount() of them). */
export function codesOf(c: i32): usize {
  return load<usize>(cols + <usize>c * C_SIZE + C_CODES);
}

/** How many codes column c has. */
export function valueCount(c: i32): i32 {
  return load<i32>(cols + <usize>c * C_SIZE + C_COUNT);
}

/** Where column c's spans are: per code, where its bytes start and how many (-1: missing). */
export function spansOf(c: i32): usize {
  return load<usize>(cols + <usize>c * C_SIZE + C_SPANS);
}

/**
 * Column c's values as one blob for a single decoding: each value's bytes followed by a NUL (so that no
 * multi-byte sequence runs from one value into the next), and per code where its text starts and ends in
 * the blob's decoding, in UTF-16 units as well-formed UTF-8 decodes (-1, -1: the missing code). Returns
 * where the record [blob, blob length, bounds] is.
 */
export function gather(c: i32): usize {
  const col = cols + <usize>c * C_SIZE;
  const count = load<i32>(col + C_COUNT);
  const spans = load<usize>(col + C_SPANS);
  let total = 0;
  for (let j = 0; j < count; j++) {
    const n = load<i32>(spans + ((<usize>j) << 3), 4);
    if (n >= 0) total += n + 1;
  }
  const blob = heap.alloc(<usize>total + 16);
  const bounds = heap.alloc((<usize>count) << 3);
  let at = 0;
  let units = 0;
  for (let j = 0; j < count; j++) {
    const span = spans + ((<usize>j) << 3);
    const n = load<i32>(span, 4);
    const bound = bounds + ((<usize>j) << 3);
    if (n < 0) {
      store<i32>(bound, -1);
      store<i32>(bound, -1, 4);
      continue;
    }
    const p = <usize>load<u32>(span);
    memory.copy(blob + <usize>at, p, <usize>n);
    store<i32>(bound, units);
    // Each byte that does not continue a sequence starts a character; four-byte ones take two units.
    for (let k = 0; k < n; k++) {
      const b = <i32>load<u8>(p + <usize>k);
      units += i32((b & 0xc0) != 0x80) + i32(b >= 0xf0);
    }
    store<i32>(bound, units, 4);
    at += n;
    store<u8>(blob + <usize>at, 0);
    at++;
    units++;
  }
  const rec = heap.alloc(12);
  store<usize>(rec, blob);
  store<i32>(rec, total, 4);
  store<usize>(rec, bounds, 8);
  return rec;
}
