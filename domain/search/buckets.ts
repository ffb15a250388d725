import type { RangeName } from "./query.ts";

const WAN = 1_000_000;

/** Histogram bucket edges per range filter (lower bound inclusive): what the range sliders chart. */
export const RANGE_BUCKETS: Record<RangeName, number[]> = {
  price: [0, 10 * WAN, 15 * WAN, 20 * WAN, 25 * WAN, 30 * WAN, 40 * WAN, 50 * WAN, 70 * WAN],
  range: [0, 300, 400, 500, 600, 700, 800],
  battery: [0, 40, 60, 80, 100],
  acceleration: [0, 4, 5, 6, 8, 10],
};

/** "Delivered within N days" choices, each counted cumulatively. */
export const DELIVERY_DAYS = [7, 14, 30, 60] as const;

/**
 * The bucket a value falls into, or -1 for no value (NaN).
 * @example bucketOf(RANGE_BUCKETS.acceleration, 4.5) // 1
 */
export function bucketOf(edges: number[], value: number): number {
  if (Number.isNaN(value)) return -1;
  let bucket = 0;
  while (bucket + 1 < edges.length && value >= (edges[bucket + 1] as number)) bucket++;
  return bucket;
}
