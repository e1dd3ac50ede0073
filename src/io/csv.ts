/** Delimited text (CSV, TSV, semicolon lists) to rows of strings, with the delimiter detected. */

const CANDIDATES = [',', '\t', ';', '|'] as const;

/** The delimiter that splits the first lines into the most consistent number of fields. */
export function detectDelimiter(text: string): string {
  const sample = text
    .slice(0, 20_000)
    .split(/\r?\n/, 20)
    .filter((l) => l.length > 0);
  let best: string = ',';
  let bestScore = -1;
  for (const d of CANDIDATES) {
    const counts = sample.map((l) => l.split(d).length - 1);
    const nonZero = counts.filter((c) => c > 0);
    if (nonZero.length === 0) continue;
    // Lines that agree on a field count score; a title line above the header may disagree.
    const freq = new Map<number, number>();
    for (const c of nonZero) freq.set(c, (freq.get(c) ?? 0) + 1);
    let modeCount = 0;
    let mode = 0;
    for (const [c, k] of freq) if (k > modeCount || (k === modeCount && c > mode)) [mode, modeCount] = [c, k];
    const score = modeCount * 1000 + mode;
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** Position of the next occurrence of ch at or after from, or the text's length when there is none. */
function nextIndex(text: string, ch: string, from: number): number {
  const i = text.indexOf(ch, from);
  return i < 0 ? text.length : i;
}

/**
 * Parse delimited text into rows of strings (RFC 4180: quoted fields with "" for a quote, delimiters and
 * line breaks inside quotes; rows end at LF, CRLF or a lone CR; ragged rows kept as they are).
 *
 * Hand-written rather than papaparse for memory on large exports: on Online Retail the CLI's peak memory
 * drops by about a quarter and its time by a few percent (measured, see BENCHMARKS.md). Parsing alone is no
 * faster: creating and keeping millions of strings costs the same either way. What differs:
 * - a file with any quoted field sends papaparse down its character-by-character path for the whole
 *   file; here a line without a quote or a stray CR (almost every line) is cut with native indexOf, and
 *   only lines that hold a quote are walked by character;
 * - a field equal to the same column of the row above (an order's id, date, customer, country repeat on
 *   each of its lines) reuses that row's string instead of allocating a new one: about half of Online
 *   Retail's 4.3 million cells, which is less to keep, and lets the engine's caches hit on identity (a
 *   cache of values seen further back saved more memory but cost more time than it saved);
 * - each row is an exactly sized array (a row built by push keeps spare capacity).
 */
export function parseDelimited(text: string, delimiter = detectDelimiter(text)): string[][] {
  if (text.trim() === '') return [];
  const rows: string[][] = [];
  const len = text.length;
  const delim = delimiter.charCodeAt(0);
  const scratch: string[] = [];
  let prev: string[] = [];
  // Next quote and next CR, re-found only once passed: a line ending before both takes the fast path.
  let nextQuote = nextIndex(text, '"', 0);
  let nextCr = nextIndex(text, '\r', 0);
  let pos = 0;
  while (pos < len) {
    const lineEnd = nextIndex(text, '\n', pos);
    if (nextCr < pos) nextCr = nextIndex(text, '\r', pos);
    if (nextQuote < pos) nextQuote = nextIndex(text, '"', pos);
    // A CRLF line end is fine on the fast path; any other CR (a lone-CR line end) is not.
    const crlf = lineEnd > pos && nextCr === lineEnd - 1;
    let c = 0;
    if (nextQuote >= lineEnd && (nextCr >= lineEnd || crlf)) {
      const end = crlf ? lineEnd - 1 : lineEnd;
      let s = pos;
      for (;;) {
        let e = text.indexOf(delimiter, s);
        if (e < 0 || e > end) e = end;
        const above = prev[c];
        scratch[c++] =
          above !== undefined && above.length === e - s && text.startsWith(above, s)
            ? above
            : text.slice(s, e);
        if (e === end) break;
        s = e + 1;
      }
      pos = lineEnd + 1;
    } else {
      // Slow path: walk this row by character (it may span several lines inside quotes).
      let i = pos;
      for (;;) {
        let field: string;
        if (i < len && text.charCodeAt(i) === QUOTE) {
          // Quoted field: up to the closing quote, "" standing for one quote.
          let value = '';
          let from = i + 1;
          for (;;) {
            const q = text.indexOf('"', from);
            if (q < 0) {
              // Unclosed quote: the field runs to the end of the text.
              value += text.slice(from);
              i = len;
              break;
            }
            value += text.slice(from, q);
            if (q + 1 < len && text.charCodeAt(q + 1) === QUOTE) {
              value += '"';
              from = q + 2;
              continue;
            }
            i = q + 1;
            break;
          }
          // Stray characters after the closing quote stay part of the field, as written.
          const tail = i;
          while (i < len) {
            const ch = text.charCodeAt(i);
            if (ch === delim || ch === LF || ch === CR) break;
            i++;
          }
          field = tail < i ? value + text.slice(tail, i) : value;
        } else {
          const start = i;
          while (i < len) {
            const ch = text.charCodeAt(i);
            if (ch === delim || ch === LF || ch === CR) break;
            i++;
          }
          field = text.slice(start, i);
        }
        scratch[c++] = field;
        if (i < len && text.charCodeAt(i) === delim) {
          i++;
          continue;
        }
        break;
      }
      // The row ended at a line break (LF, CRLF or CR) or at the end of the text.
      if (i < len && text.charCodeAt(i) === CR) {
        i++;
        if (i < len && text.charCodeAt(i) === LF) i++;
      } else if (i < len && text.charCodeAt(i) === LF) i++;
      pos = i;
    }
    const row = scratch.slice(0, c);
    rows.push(row);
    prev = row;
  }
  return rows;
}
