/**
 * How a payment provider delivers webhooks: at least once, retried with exponential backoff until
 * the merchant answers 2xx, then given up after a day's worth of attempts (ops then look it up).
 */

export const MAX_DELIVERY_ATTEMPTS = 12;
const FIRST_RETRY_MS = 5_000;
const LONGEST_RETRY_MS = 4 * 60 * 60 * 1000;

/**
 * How long to wait after failed attempt number `attempt` (1-based) before the next: 5 s, 10 s,
 * 20 s… doubling, at most 4 hours; undefined once `MAX_DELIVERY_ATTEMPTS` attempts failed.
 * @example retryDelayMs(1) // 5000
 * @example retryDelayMs(12) // undefined
 */
export function retryDelayMs(attempt: number): number | undefined {
  if (attempt >= MAX_DELIVERY_ATTEMPTS) return undefined;
  return Math.min(FIRST_RETRY_MS * 2 ** (attempt - 1), LONGEST_RETRY_MS);
}
