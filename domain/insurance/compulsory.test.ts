import { describe, expect, it } from "vitest";
import { compulsoryBasePremiumFen, compulsoryRecordPermille, DRIVING_RECORDS } from "./compulsory.ts";

describe("compulsoryBasePremiumFen", () => {
  it("charges a family car ¥950 under six seats and ¥1,100 from six", () => {
    expect(compulsoryBasePremiumFen("family", 2)).toBe(95_000);
    expect(compulsoryBasePremiumFen("family", 5)).toBe(95_000);
    expect(compulsoryBasePremiumFen("family", 6)).toBe(110_000);
    expect(compulsoryBasePremiumFen("family", 9)).toBe(110_000);
  });

  it("charges company cars and taxis the statutory table's higher bases", () => {
    expect(compulsoryBasePremiumFen("enterprise", 5)).toBe(100_000);
    expect(compulsoryBasePremiumFen("enterprise", 7)).toBe(113_000);
    expect(compulsoryBasePremiumFen("taxi", 5)).toBe(180_000);
    expect(compulsoryBasePremiumFen("taxi", 7)).toBe(236_000);
  });
});

describe("compulsoryRecordPermille", () => {
  it("discounts claim-free years and loads at-fault claims, within 0.7–1.3", () => {
    expect(compulsoryRecordPermille("new")).toBe(1000);
    expect(compulsoryRecordPermille("claim-free-1")).toBe(900);
    expect(compulsoryRecordPermille("claim-free-3")).toBe(700);
    expect(compulsoryRecordPermille("fatal")).toBe(1300);
    for (const record of DRIVING_RECORDS) {
      expect(compulsoryRecordPermille(record)).toBeGreaterThanOrEqual(700);
      expect(compulsoryRecordPermille(record)).toBeLessThanOrEqual(1300);
    }
  });
});
