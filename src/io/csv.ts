/** Delimited text (CSV, TSV, semicolon lists) to rows of strings, with the delimiter detected. */
import Papa from 'papaparse';

const CANDIDATES = [',', '\t', ';', '|'] as const;

/** The delimiter that splits the first lines into the most consistent number of fields. */
export function detectDelimiter(text: string): string {
  const sample = text.slice(0, 20_000).split(/\r?\n/, 20).filter((l) => l.length > 0);
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

/** Parse delimited text into rows of strings (RFC 4180 quotes, ragged rows kept as they are). */
export function parseDelimited(text: string, delimiter = detectDelimiter(text)): string[][] {
  if (text.trim() === '') return [];
  // Every value stays text: the engine's parsers decide what is a number or a date.
  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false, dynamicTyping: false });
  const rows = parsed.data;
  // A final newline yields one empty trailing row that is not in the file.
  if (rows.length > 0 && rows[rows.length - 1].length === 1 && rows[rows.length - 1][0] === '') rows.pop();
  return rows;
}
