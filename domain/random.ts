/**
 * mulberry32: a seeded pseudo-random generator (32-bit state) for generated demo data, models and
 * benchmarks, so the same seed gives the same sequence on every machine. Not for security.
 * @example const next = mulberry32(1); next() // 0.6270739405881613
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
