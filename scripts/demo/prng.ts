/**
 * Seeded pseudo-random numbers for the demo data: mulberry32, 32-bit state, pure JavaScript, so the
 * same seed gives the same sequence on every machine. Not for anything security-related.
 */

import { mulberry32 } from "../../domain/random.ts";

export interface Prng {
  /** Next float in [0, 1). */
  next(): number;
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** Float in [min, max). */
  float(min: number, max: number): number;
  /** One element of a non-empty array, uniformly. */
  pick<T>(items: readonly T[]): T;
  /** One element, with probability proportional to its weight (weights ≥ 0, at least one > 0). */
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  /** True with probability p. */
  chance(p: number): boolean;
  /** A shuffled copy (Fisher–Yates); the input is left alone. */
  shuffle<T>(items: readonly T[]): T[];
  /** `count` distinct elements in their original order. */
  sample<T>(items: readonly T[], count: number): T[];
}

/**
 * A generator seeded with a 32-bit integer.
 * @example
 * const rng = createPrng(42);
 * rng.int(1, 6); // 4, on every run
 * rng.pick(["red", "blue"]);
 * rng.weighted(["in_stock", "sold"], [4, 1]);
 */
export function createPrng(seed: number): Prng {
  const next = mulberry32(seed);
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const shuffle = <T>(items: readonly T[]): T[] => {
    const copy = items.slice();
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy;
  };
  return {
    next,
    int,
    float: (min, max) => min + next() * (max - min),
    pick: (items) => {
      if (items.length === 0) throw new RangeError("pick from an empty array");
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    weighted: (items, weights) => pickWeighted(items, cumulate(weights), next()),
    chance: (p) => next() < p,
    shuffle,
    sample: (items, count) => {
      const chosen = new Set(shuffle(items.map((_, index) => index)).slice(0, count));
      return items.filter((_, index) => chosen.has(index));
    },
  };
}

/**
 * An independent seed for one named stream, so that adding draws to one part of the data does not
 * shift every other part.
 * @example
 * const inventoryRng = createPrng(deriveSeed(42, "inventory"));
 */
export function deriveSeed(seed: number, label: string): number {
  let hash = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < label.length; i++) {
    hash = Math.imul(hash ^ label.charCodeAt(i), 0x01000193);
  }
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}

/**
 * A sampler for many draws from one weighted list: O(log n) per draw instead of O(n).
 * @example
 * const pickTrim = weightedSampler(trims, trims.map((trim) => trim.weight));
 * const trim = pickTrim(rng);
 */
export function weightedSampler<T>(items: readonly T[], weights: readonly number[]): (rng: Prng) => T {
  const cumulative = cumulate(weights);
  return (rng) => pickWeighted(items, cumulative, rng.next());
}

function cumulate(weights: readonly number[]): Float64Array {
  const cumulative = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((weight, index) => {
    if (!(weight >= 0)) throw new RangeError(`weight ${index} is ${weight}`);
    total += weight;
    cumulative[index] = total;
  });
  if (!(total > 0)) throw new RangeError("weights sum to zero");
  return cumulative;
}

function pickWeighted<T>(items: readonly T[], cumulative: Float64Array, unit: number): T {
  if (items.length !== cumulative.length) throw new RangeError("items and weights differ in length");
  const target = unit * (cumulative[cumulative.length - 1] as number);
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((cumulative[mid] as number) > target) high = mid;
    else low = mid + 1;
  }
  return items[low] as T;
}
