/**
 * A payment channel's circuit breaker as pure state transitions. Closed: calls pass, consecutive
 * failures are counted. Open (after `failureThreshold` of them): calls are refused until `coolDownMs`
 * has passed. Half-open: calls pass as trials; a success closes the breaker, a failure opens it again.
 */

type BreakerStateName = "closed" | "open" | "half_open";

export interface Breaker {
  state: BreakerStateName;
  /** Consecutive failures while closed. */
  failures: number;
  /** When the breaker last opened (epoch ms), null while closed. */
  openedAt: number | null;
}

export interface BreakerPolicy {
  failureThreshold: number;
  coolDownMs: number;
}

/** Three failures in a row open a channel for 30 seconds. */
export const BREAKER_POLICY: BreakerPolicy = { failureThreshold: 3, coolDownMs: 30_000 };

/** A closed breaker with nothing counted: the state of a new channel, and of any channel after a successful call. */
export const CLOSED: Breaker = { state: "closed", failures: 0, openedAt: null };

/**
 * Whether a call may go to the channel at `now`, and the breaker to keep: an open breaker whose
 * cool-down has passed turns half-open and lets the call through as a trial.
 * @example admit({ state: "open", failures: 3, openedAt: 0 }, 30_000) // { allowed: true, breaker: { state: "half_open", … } }
 */
export function admit(breaker: Breaker, now: number, policy = BREAKER_POLICY): { allowed: boolean; breaker: Breaker } {
  if (breaker.state !== "open") return { allowed: true, breaker };
  if (now - (breaker.openedAt ?? now) < policy.coolDownMs) return { allowed: false, breaker };
  return { allowed: true, breaker: { ...breaker, state: "half_open" } };
}

/**
 * The breaker after a failed call at `now`: one more failure while closed (opening at the
 * threshold); a failed trial while half-open opens it again for a new cool-down.
 * @example failed(CLOSED, 0, { failureThreshold: 1, coolDownMs: 1000 }) // { state: "open", failures: 1, openedAt: 0 }
 */
export function failed(breaker: Breaker, now: number, policy = BREAKER_POLICY): Breaker {
  if (breaker.state === "open") return breaker;
  const failures = breaker.failures + 1;
  if (breaker.state === "half_open" || failures >= policy.failureThreshold) {
    return { state: "open", failures, openedAt: now };
  }
  return { state: "closed", failures, openedAt: null };
}
