/** A small seeded PRNG (mulberry32): deterministic across platforms, good enough for seeding and sampling. */

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
}

/** A mulberry32 generator from a 32-bit seed (any number; it is folded to 32 bits). */
export function mulberry32(seed: number): Rng {
  let s = (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n) };
}

/** k distinct indices of 0..n−1 in ascending order (partial Fisher–Yates); all of them when k ≥ n. */
export function sampleIndices(n: number, k: number, rng: Rng): Int32Array {
  if (k >= n) return Int32Array.from({ length: n }, (_, i) => i);
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(n - i);
    const t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
  return perm.slice(0, k).sort();
}
