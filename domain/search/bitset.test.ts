import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { and, andCount, bitsetOf, count, fullBitset, has, ordinals, orInto, remove } from "./bitset.ts";

const sets = fc
  .integer({ min: 1, max: 200 })
  .chain((size) => fc.tuple(fc.constant(size), fc.uniqueArray(fc.nat(size - 1)), fc.uniqueArray(fc.nat(size - 1))));

describe("bitset", () => {
  it("agrees with Set for membership, intersection, union and counts", () => {
    fc.assert(
      fc.property(sets, ([size, xs, ys]) => {
        const a = bitsetOf(size, xs);
        const b = bitsetOf(size, ys);
        const both = xs.filter((x) => ys.includes(x)).sort((p, q) => p - q);
        expect([...ordinals(and(a, b))]).toEqual(both);
        expect(andCount(a, b)).toBe(both.length);
        orInto(a, b);
        expect(count(a)).toBe(new Set([...xs, ...ys]).size);
        for (const y of ys) expect(has(a, y)).toBe(true);
      }),
    );
  });

  it("a full set holds exactly 0..size-1", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 130 }), (size) => {
        const all = fullBitset(size);
        expect(count(all)).toBe(size);
        remove(all, size - 1);
        expect(has(all, size - 1)).toBe(false);
        expect(count(all)).toBe(size - 1);
      }),
    );
  });
});
