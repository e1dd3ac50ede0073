import { mulberry32, sampleIndices } from './random';

describe('mulberry32', () => {
  test('is deterministic and uniform enough', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 10_000 }, () => a.next());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b.next()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((s, v) => s + v, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
    expect(mulberry32(43).next()).not.toBe(mulberry32(42).next());
    const counts = new Array(6).fill(0);
    const r = mulberry32(1);
    for (let i = 0; i < 6000; i++) counts[r.int(6)]++;
    for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThan(120);
  });
  test('sampleIndices: distinct, sorted, seeded', () => {
    const s = sampleIndices(100, 10, mulberry32(5));
    expect(new Set(s).size).toBe(10);
    expect(Array.from(s)).toEqual(Array.from(s).sort((x, y) => x - y));
    expect(Array.from(sampleIndices(100, 10, mulberry32(5)))).toEqual(Array.from(s));
    expect(sampleIndices(5, 10, mulberry32(5)).length).toBe(5);
  });
});
