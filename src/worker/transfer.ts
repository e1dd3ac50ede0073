/** The distinct ArrayBuffers inside a value (typed arrays in the result), so they move instead of copying. */
export function transferablesOf(value: unknown): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>();
  const seen = new Set<object>();
  const visit = (v: unknown, depth: number): void => {
    if (v === null || typeof v !== 'object' || depth > 8 || seen.has(v)) return;
    seen.add(v);
    if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof ArrayBuffer) found.add(v.buffer);
      return;
    }
    // Arrays of plain values (cells, ids) hold no buffers; skip them rather than walk millions of items.
    if (Array.isArray(v)) {
      if (v.length > 0 && (typeof v[0] !== 'object' || v[0] === null)) return;
      for (const x of v) visit(x, depth + 1);
      return;
    }
    for (const x of Object.values(v)) visit(x, depth + 1);
  };
  visit(value, 0);
  return [...found];
}
