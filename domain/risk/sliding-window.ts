/** A limit of `limit` hits per `windowMs` milliseconds. */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

export interface WindowDecision {
  allowed: boolean;
  /** Hits still allowed in the window after this one. */
  remaining: number;
  /** When refused: milliseconds until the oldest hit leaves the window. */
  retryAfterMs: number;
}

/**
 * Decides one hit against a sliding-window log: `hits` are the timestamps (ms, ascending) of the
 * earlier hits still inside the window ending at `now`.
 * @example decide([1000, 2000], 2500, { limit: 2, windowMs: 60_000 }) // { allowed: false, remaining: 0, retryAfterMs: 58_500 }
 */
export function decide(hits: readonly number[], now: number, { limit, windowMs }: RateLimit): WindowDecision {
  const inWindow = hits.filter((at) => at > now - windowMs);
  if (inWindow.length < limit) return { allowed: true, remaining: limit - inWindow.length - 1, retryAfterMs: 0 };
  const oldestThatMustLeave = inWindow[inWindow.length - limit] ?? now;
  return { allowed: false, remaining: 0, retryAfterMs: oldestThatMustLeave + windowMs - now };
}
