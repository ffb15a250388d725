import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mulDivHalfUp, roundHalfUp } from "./exact.ts";

describe("roundHalfUp", () => {
  it("rounds a half fen up and anything less down", () => {
    expect(roundHalfUp(5n, 2n)).toBe(3n);
    expect(roundHalfUp(7n, 3n)).toBe(2n);
    expect(roundHalfUp(8n, 3n)).toBe(3n);
    expect(roundHalfUp(0n, 9n)).toBe(0n);
  });

  it("stays within half a unit of the exact value", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.bigInt({ min: 1n, max: 10n ** 20n }), (n, d) => {
        const r = roundHalfUp(n, d);
        return 2n * r * d - d <= 2n * n && 2n * n < 2n * r * d + d;
      }),
    );
  });

  it("refuses negative fractions", () => {
    expect(() => roundHalfUp(-1n, 2n)).toThrow(RangeError);
  });
});

describe("mulDivHalfUp", () => {
  it("computes a percentage of a car price to the fen", () => {
    expect(mulDivHalfUp(25_990_000, 1_250, 10_000)).toBe(3_248_750);
    expect(mulDivHalfUp(1, 1, 2)).toBe(1);
  });
});
