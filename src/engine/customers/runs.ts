/**
 * Building blocks for grouping order lines, shared by customer facts and contributions: runs of equal
 * consecutive values, gathers and stable counting sorts over typed arrays. Each is one small loop, which
 * V8 optimizes within its first call; nothing after the loop needs type feedback, since code compiled
 * mid-loop would be thrown away at such a point on every call.
 */

/** Where each run of consecutive equal values starts, written into `at`; returns the number of runs. */
export function findRuns(a: Int32Array, at: Int32Array): number {
  let runs = 0;
  let last = 0;
  for (let i = 0; i < a.length; i++) {
    if (runs > 0 && a[i] === last) continue;
    at[runs++] = i;
    last = a[i];
  }
  return runs;
}

/** Where each run of consecutive equal (a, b) pairs starts, written into `at`; returns the number of runs. */
export function findPairRuns(a: Int32Array, b: Int32Array, at: Int32Array): number {
  let runs = 0;
  let lastA = 0;
  let lastB = 0;
  for (let i = 0; i < a.length; i++) {
    if (runs > 0 && a[i] === lastA && b[i] === lastB) continue;
    at[runs++] = i;
    lastA = a[i];
    lastB = b[i];
  }
  return runs;
}

/** values[index[r]] for each r. */
export function gather(values: Int32Array, index: Int32Array): Int32Array {
  const out = new Int32Array(index.length);
  for (let r = 0; r < index.length; r++) out[r] = values[index[r]];
  return out;
}

/** How many keys (each in 0 … nKeys − 1) are below each key: start[k], with start[nKeys] = keys.length. */
export function keyStarts(keys: Int32Array, nKeys: number): Int32Array {
  const start = new Int32Array(nKeys + 1);
  for (let r = 0; r < keys.length; r++) start[keys[r] + 1]++;
  return prefixSums(start);
}

/** Running sums, in place. */
function prefixSums(a: Int32Array): Int32Array {
  for (let k = 1; k < a.length; k++) a[k] += a[k - 1];
  return a;
}

/** Positions stably sorted by key (a counting sort), given keyStarts (advanced in place). */
export function scatter(keys: Int32Array, start: Int32Array): Int32Array {
  const out = new Int32Array(keys.length);
  for (let r = 0; r < keys.length; r++) out[start[keys[r]]++] = r;
  return out;
}

/** The largest value, or −1 for none. */
export function maxOf(a: Int32Array): number {
  let top = -1;
  for (let i = 0; i < a.length; i++) if (a[i] > top) top = a[i];
  return top;
}
