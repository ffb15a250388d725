import { describe, expect, it } from "vitest";
import { canTransition, ORDER_STATES, ORDER_TRANSITIONS, TERMINAL_STATES } from "./order-state.ts";

describe("order state machine", () => {
  it("refuses to leave a terminal state", () => {
    for (const terminal of TERMINAL_STATES) {
      for (const to of ORDER_STATES) expect(canTransition(terminal, to)).toBe(false);
    }
  });

  it("reaches a terminal state from every state", () => {
    for (const start of ORDER_STATES) {
      const seen = new Set([start]);
      const queue = [start];
      while (queue.length > 0) {
        for (const next of ORDER_TRANSITIONS[queue.shift() ?? start]) {
          if (!seen.has(next)) {
            seen.add(next);
            queue.push(next);
          }
        }
      }
      expect(TERMINAL_STATES.some((terminal) => seen.has(terminal))).toBe(true);
    }
  });

  it("cannot confirm an unpaid order", () => {
    expect(canTransition("awaiting_payment", "confirmed")).toBe(false);
    expect(canTransition("vehicle_held", "paid")).toBe(false);
  });
});
