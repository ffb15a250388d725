/**
 * Every threshold of the risk policy, in one place. Times are milliseconds. Changing a number here
 * changes what the guards decide from the next signal on; the history they keep is sized from these
 * windows (see `retentionMs` in policy.ts).
 */
import type { RateLimit } from "./sliding-window.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const RISK_ACTIONS = ["login", "configure", "checkout", "payment_failed", "sms_code"] as const;
export type RiskAction = (typeof RISK_ACTIONS)[number];

export const PRINCIPAL_KINDS = ["user", "device", "ip"] as const;
export type PrincipalKind = (typeof PRINCIPAL_KINDS)[number];

/**
 * Hard limits per action and principal kind: one more within the window is blocked until the
 * oldest counted signal leaves it. IP limits are generous because carrier NAT puts many shoppers
 * behind one address. Payment failures are facts reported by the saga, never limited.
 */
export const RATE_LIMITS: Record<RiskAction, Partial<Record<PrincipalKind, RateLimit>>> = {
  login: {
    user: { limit: 10, windowMs: HOUR },
    device: { limit: 20, windowMs: HOUR },
    ip: { limit: 200, windowMs: HOUR },
  },
  configure: {
    user: { limit: 60, windowMs: MINUTE },
    device: { limit: 60, windowMs: MINUTE },
    ip: { limit: 600, windowMs: MINUTE },
  },
  checkout: {
    user: { limit: 10, windowMs: HOUR },
    device: { limit: 20, windowMs: HOUR },
    ip: { limit: 100, windowMs: HOUR },
  },
  sms_code: { device: { limit: 10, windowMs: HOUR } },
  payment_failed: {},
};

/** A device (or account) validating more than `challengeAbove` configurations a minute is challenged. */
export const RAPID_CONFIGURATION = { windowMs: MINUTE, challengeAbove: 20 } as const;

/**
 * Two sign-ins of one account whose distance over the time between them needs more than
 * `maxKmh` (faster than an airliner, door to door) are challenged, as is the account's checkout for
 * `lookbackMs` afterwards. Places closer than `minKm` (neighbouring cities, imprecise geolocation) never count.
 */
export const IMPOSSIBLE_TRAVEL = { maxKmh: 800, minKm: 100, lookbackMs: DAY } as const;

/** Failed payments of an account or device in `windowMs`: from `challengeAt` a challenge, from `blockAt` a block. */
export const PAYMENT_FAILURES = { windowMs: 30 * MINUTE, challengeAt: 3, blockAt: 5 } as const;

/** Distinct accounts signing in on one device in `windowMs`: above `challengeAbove` a challenge, above `blockAbove` a block. */
export const MANY_ACCOUNTS = { windowMs: DAY, challengeAbove: 3, blockAbove: 5 } as const;
