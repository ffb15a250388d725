import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { admit, BREAKER_POLICY, type Breaker, CLOSED, failed } from "./circuit-breaker.ts";

const policy = { failureThreshold: 3, coolDownMs: 30_000 };

/**
 * The oracle: a breaker told as a story. Calls go through unless the channel opened less than a
 * cool-down ago; it opens when the calls that went through end with `threshold` failures in a
 * row, or with a failure right after it was allowed a trial.
 */
function model(calls: { gap: number; ok: boolean }[]) {
  let now = 0;
  let openedAt: number | null = null;
  let streak = 0;
  let trial = false;
  const passed: boolean[] = [];
  for (const { gap, ok } of calls) {
    now += gap;
    if (openedAt !== null && now - openedAt < policy.coolDownMs) {
      passed.push(false);
      continue;
    }
    passed.push(true);
    trial = openedAt !== null;
    if (ok) {
      openedAt = null;
      streak = 0;
      continue;
    }
    streak += 1;
    if (trial || streak >= policy.failureThreshold) openedAt = now;
  }
  return passed;
}

function run(calls: { gap: number; ok: boolean }[]) {
  let now = 0;
  let breaker: Breaker = CLOSED;
  const passed: boolean[] = [];
  for (const { gap, ok } of calls) {
    now += gap;
    const admitted = admit(breaker, now, policy);
    passed.push(admitted.allowed);
    if (!admitted.allowed) continue;
    breaker = ok ? CLOSED : failed(admitted.breaker, now, policy);
  }
  return passed;
}

describe("circuit breaker", () => {
  it("lets exactly the calls through that the story of the channel says", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ gap: fc.nat(40_000), ok: fc.boolean() }), { maxLength: 60 }), (calls) => {
        expect(run(calls)).toEqual(model(calls));
      }),
      { numRuns: 500 },
    );
  });

  it("opens on the threshold's failure in a row, not before", () => {
    let breaker = CLOSED;
    for (let i = 1; i < policy.failureThreshold; i++) {
      breaker = failed(breaker, 0, policy);
      expect(breaker).toEqual({ state: "closed", failures: i, openedAt: null });
    }
    expect(failed(breaker, 7, policy)).toEqual({ state: "open", failures: policy.failureThreshold, openedAt: 7 });
  });

  it("half-opens once the cool-down has passed, and a failed trial opens it again from then", () => {
    const open: Breaker = { state: "open", failures: 3, openedAt: 1_000 };
    expect(admit(open, 1_000 + policy.coolDownMs - 1, policy)).toEqual({ allowed: false, breaker: open });
    const trial = admit(open, 1_000 + policy.coolDownMs, policy);
    expect(trial).toEqual({ allowed: true, breaker: { ...open, state: "half_open" } });
    expect(failed(trial.breaker, 50_000, policy)).toEqual({ state: "open", failures: 4, openedAt: 50_000 });
  });

  it("by default opens after three failures for 30 seconds", () => {
    expect(BREAKER_POLICY).toEqual(policy);
  });
});
