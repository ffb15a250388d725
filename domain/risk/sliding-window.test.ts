import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decide } from "./sliding-window.ts";

describe("decide", () => {
  it("allows up to the limit inside the window, then refuses until the oldest hit leaves", () => {
    const limit = { limit: 2, windowMs: 60_000 };
    expect(decide([], 0, limit)).toEqual({ allowed: true, remaining: 1, retryAfterMs: 0 });
    expect(decide([0], 1000, limit)).toEqual({ allowed: true, remaining: 0, retryAfterMs: 0 });
    expect(decide([0, 1000], 2000, limit)).toEqual({ allowed: false, remaining: 0, retryAfterMs: 58_000 });
    expect(decide([0, 1000], 60_001, limit).allowed).toBe(true);
  });

  it("never lets more than `limit` hits into any window (replayed against a brute-force count)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000 }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 3000 }),
        (offsets, limit, windowMs) => {
          const times = offsets.sort((a, b) => a - b);
          const accepted: number[] = [];
          for (const now of times) {
            const decision = decide(accepted, now, { limit, windowMs });
            if (decision.allowed) accepted.push(now);
            else if (decision.retryAfterMs <= 0) return false;
          }
          return accepted.every(
            (at) => accepted.filter((other) => other > at - windowMs && other <= at).length <= limit,
          );
        },
      ),
    );
  });
});
