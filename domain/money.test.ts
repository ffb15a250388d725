import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatCarPrice, formatYuan } from "./money.ts";

describe("formatCarPrice", () => {
  it("shows Chinese shoppers 万 with two decimals and English readers whole yuan", () => {
    expect(formatCarPrice(25_990_000, "zh")).toBe("25.99万");
    expect(formatCarPrice(25_990_000, "en")).toBe("¥259,900");
    expect(formatCarPrice(100_000_000, "zh")).toBe("100.00万");
  });

  it("refuses amounts that are not integer fen", () => {
    expect(() => formatCarPrice(12.5, "zh")).toThrow(RangeError);
  });
});

describe("formatYuan", () => {
  it("prints fen only when there are any", () => {
    expect(formatYuan(600_000, "zh")).toBe("¥6,000");
    expect(formatYuan(12_345, "en")).toBe("¥123.45");
    expect(formatYuan(0, "en")).toBe("¥0");
  });

  it("round-trips every amount to the fen", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (fen) => {
        const printed = formatYuan(fen, "en").replace(/[¥,]/g, "");
        return Math.round(Number(printed) * 100) === fen;
      }),
    );
  });
});
