import type { RiskOutcome } from "./policy.ts";

const HOUR_MS = 3_600_000;

/** Risk events of one UTC hour, by outcome. */
export interface HourCounts {
  /** Start of the hour, UTC ISO-8601. */
  hour: string;
  allow: number;
  challenge: number;
  block: number;
}

/**
 * The start (epoch ms) of the first of `hours` whole UTC hours ending with the one holding `now`.
 * @example firstHour(Date.parse("2026-11-29T10:20:00Z"), 24) // Date.parse("2026-11-28T11:00:00Z")
 */
export function firstHour(now: number, hours: number): number {
  return Math.floor(now / HOUR_MS) * HOUR_MS - (hours - 1) * HOUR_MS;
}

/**
 * Every hour of the range with its counts, zero where nothing happened, oldest first. `counts`
 * are rows of (hour prefix "YYYY-MM-DDTHH", outcome, n) as SQL groups them; others are ignored.
 * @example perHour([{ hour: "2026-11-29T10", outcome: "block", n: 2 }], Date.parse("2026-11-29T09:00:00Z"), 2)
 * // [{ hour: "2026-11-29T09:00:00.000Z", allow: 0, challenge: 0, block: 0 }, { hour: "2026-11-29T10:00:00.000Z", allow: 0, challenge: 0, block: 2 }]
 */
export function perHour(
  counts: readonly { hour: string; outcome: RiskOutcome; n: number }[],
  from: number,
  hours: number,
): HourCounts[] {
  const buckets = Array.from({ length: hours }, (_, i) => ({
    hour: new Date(from + i * HOUR_MS).toISOString(),
    allow: 0,
    challenge: 0,
    block: 0,
  }));
  const byPrefix = new Map(buckets.map((bucket) => [bucket.hour.slice(0, 13), bucket]));
  for (const { hour, outcome, n } of counts) {
    const bucket = byPrefix.get(hour);
    if (bucket) bucket[outcome] += n;
  }
  return buckets;
}
