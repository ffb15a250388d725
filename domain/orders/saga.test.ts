import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canTransition, type OrderState, TERMINAL_STATES } from "./order-state.ts";
import {
  nextAction,
  planFor,
  RETRY_POLICY,
  retryDelayMs,
  type SagaStep,
  STATE_AFTER,
  type StepStatus,
} from "./saga.ts";

/** What the world answers when the saga acts: success, a transient failure, a permanent one. */
type Outcome = "ok" | "transient" | "permanent";

/**
 * A small executor with the Durable Object's rules, driven by random outcomes and random payment
 * events (the shopper pays, never pays, pays late; the shopper cancels at a random moment).
 */
function simulate(insurance: boolean, outcomes: Outcome[], payAt: number, cancelAt: number) {
  const plan = planFor(insurance);
  let state = "placed" as OrderState;
  const steps: Partial<Record<SagaStep, StepStatus>> = {};
  const attempts: Partial<Record<SagaStep, number>> = {};
  const visited: OrderState[] = [state];
  let captured = 0;
  let refunded = 0;
  let tick = 0;
  const move = (to: OrderState) => {
    expect(canTransition(state, to), `${state} → ${to}`).toBe(true);
    state = to;
    visited.push(to);
  };
  const fail = () => move(state === "placed" ? "cancelled" : "compensating");
  for (; tick < 500; tick++) {
    if (tick >= payAt && payAt >= 0 && steps.payment === "created") {
      // The shopper pays at the cashier once it exists; after a timeout the money arrives late.
      captured++;
      steps.payment = "done";
      if (state === "awaiting_payment") move("paid");
    }
    if (tick === cancelAt && !TERMINAL_STATES.includes(state) && state !== "compensating") fail();
    const action = nextAction({ state, plan, steps });
    if (action.kind === "none") break;
    if (action.kind === "await-payment") {
      if (tick > payAt + 5 && tick > 20) fail(); // the 15-minute timeout
      continue;
    }
    if (action.kind === "finish") {
      move(action.to);
      continue;
    }
    const outcome = outcomes[tick % outcomes.length] ?? "ok";
    if (action.kind === "compensate") {
      if (outcome === "ok") {
        if (action.step === "payment") refunded++;
        steps[action.step] = "compensated";
      }
      continue; // compensations are retried until they succeed
    }
    const tries = (attempts[action.step] ?? 0) + 1;
    attempts[action.step] = tries;
    if (outcome === "ok") {
      if (action.step === "payment") {
        steps.payment = "created";
        move("awaiting_payment");
      } else {
        steps[action.step] = "done";
        move(STATE_AFTER[action.step]);
      }
    } else if (outcome === "permanent" || tries >= RETRY_POLICY.maxAttempts) {
      fail();
    }
  }
  return { state, steps, captured, refunded, visited, tick };
}

describe("the order saga's plan", () => {
  it("runs every step in order and confirms when all goes well", () => {
    const run = simulate(true, ["ok"], 3, -1);
    expect(run.visited).toEqual([
      "placed",
      "vehicle_held",
      "awaiting_payment",
      "paid",
      "insured",
      "registration_booked",
      "confirmed",
    ]);
  });

  it("skips insurance when the shopper did not choose it", () => {
    expect(simulate(false, ["ok"], 3, -1).visited).not.toContain("insured");
  });

  it("undoes what was done, latest first, when a later step fails for good", () => {
    const plan = planFor(true);
    const steps = { hold: "done", payment: "done", insurance: "done" } as const;
    expect(nextAction({ state: "compensating", plan, steps })).toEqual({ kind: "compensate", step: "insurance" });
    expect(nextAction({ state: "compensating", plan, steps: { ...steps, insurance: "compensated" } })).toEqual({
      kind: "compensate",
      step: "payment",
    });
    expect(
      nextAction({
        state: "compensating",
        plan,
        steps: { hold: "compensated", payment: "compensated", insurance: "compensated" },
      }),
    ).toEqual({ kind: "finish", to: "cancelled" });
  });

  it("refunds money captured after the order was cancelled", () => {
    expect(nextAction({ state: "cancelled", plan: planFor(false), steps: { payment: "done" } })).toEqual({
      kind: "compensate",
      step: "payment",
    });
  });

  it("under any failures, payments and cancellations: terminal, legal moves, money confirmed or refunded, holds released", () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(fc.constantFrom<Outcome>("ok", "ok", "transient", "permanent"), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: -1, max: 60 }),
        fc.integer({ min: -1, max: 60 }),
        (insurance, outcomes, payAt, cancelAt) => {
          const run = simulate(insurance, outcomes, payAt, cancelAt);
          expect(TERMINAL_STATES).toContain(run.state);
          if (run.state === "confirmed") {
            expect(run.captured).toBe(1);
            expect(run.refunded).toBe(0);
          } else {
            expect(run.refunded).toBe(run.captured);
            expect(run.steps.hold === "done").toBe(false);
          }
        },
      ),
      { numRuns: 2_000 },
    );
  }, 60_000);
});

describe("retry backoff", () => {
  it("grows exponentially inside its jitter band and never passes the cap", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.double({ min: 0, max: 0.999_999, noNaN: true }), (n, r) => {
        const ceiling = Math.min(RETRY_POLICY.capMs, RETRY_POLICY.baseMs * 2 ** (n - 1));
        const delay = retryDelayMs(n, r);
        expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }),
    );
  });
});
