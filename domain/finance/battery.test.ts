import { describe, expect, it } from "vitest";
import { batteryRentalTerms } from "./battery.ts";

describe("batteryRentalTerms", () => {
  it("scales the reference offer with the pack, in whole ¥1,000 and whole yuan a month", () => {
    expect(batteryRentalTerms(75)).toEqual({ batteryPriceFen: 7_000_000, monthlyFeeFen: 72_800 });
    expect(batteryRentalTerms(100)).toEqual({ batteryPriceFen: 9_300_000, monthlyFeeFen: 97_100 });
  });

  it("falls back to the reference pack without a size", () => {
    expect(batteryRentalTerms(null)).toEqual(batteryRentalTerms(75));
    expect(batteryRentalTerms(0)).toEqual(batteryRentalTerms(75));
  });
});
