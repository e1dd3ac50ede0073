/** A1-style addresses: column letters, cell and range parsing (1-based rows and columns). */

export interface CellBox {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** "A" → 1, "Z" → 26, "AA" → 27; NaN for anything else. */
export function columnNumber(letters: string): number {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return NaN;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** 1 → "A", 27 → "AA". */
export function columnLetters(n: number): string {
  let s = '';
  for (let v = n; v > 0; v = Math.floor((v - 1) / 26)) s = String.fromCharCode(65 + ((v - 1) % 26)) + s;
  return s;
}

/** Parse "B3:K99" (or one cell "B3"; "$" allowed; a sheet prefix is ignored), or null when invalid. */
export function parseRange(address: string): CellBox | null {
  const bare = address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address;
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?$/.exec(bare.trim());
  if (!m) return null;
  const a = { col: columnNumber(m[1]), row: Number(m[2]) };
  const b = m[3] ? { col: columnNumber(m[3]), row: Number(m[4]) } : a;
  if (!(a.row >= 1 && b.row >= 1 && a.col >= 1 && b.col >= 1)) return null;
  return {
    top: Math.min(a.row, b.row),
    left: Math.min(a.col, b.col),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.col, b.col),
  };
}

/** "B3:K99" of a box. */
export function formatRange(box: CellBox): string {
  const tl = `${columnLetters(box.left)}${box.top}`;
  const br = `${columnLetters(box.right)}${box.bottom}`;
  return tl === br ? tl : `${tl}:${br}`;
}
