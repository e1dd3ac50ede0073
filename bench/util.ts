/** Helpers shared by the bench modules. */
import { readFileSync } from 'node:fs';

/** Columns of a small numeric CSV by header name. */
export function readNumericCsv(path: string): Record<string, Float64Array> {
  const lines = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const head = lines[0].split(',');
  const cols: Record<string, Float64Array> = {};
  head.forEach((h, j) => (cols[h] = Float64Array.from(lines.slice(1), (l) => Number(l.split(',')[j]))));
  return cols;
}
