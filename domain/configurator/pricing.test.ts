import { describe, expect, it } from "vitest";
import { sampleCar } from "./fixtures.ts";
import { priceBreakdown, renderCommands } from "./pricing.ts";
import { validateConfiguration } from "./validate.ts";

const model = sampleCar();
const config = ["TRIM_PRO", "PAINT_BLUE", "W21", "SEAT_SPORT", "SPORT_PKG", "RED_CALIPERS"];

describe("priceBreakdown", () => {
  it("prices package contents at zero inside the package, and applies a dated promotion only in its window", () => {
    const inPromotion = priceBreakdown(model, new Set(config), { date: "2026-11-28" });
    expect(inPromotion.lines.find((l) => l.option === "SEAT_SPORT")).toMatchObject({
      listPriceFen: 600_000,
      priceFen: 0,
    });
    expect(inPromotion.lines.find((l) => l.option === "PAINT_BLUE")?.priceFen).toBe(0);
    expect(inPromotion.totalFen).toBe(25_990_000 + 1_200_000 + 1_800_000);
    const after = priceBreakdown(model, new Set(config), { date: "2027-01-01" });
    expect(after.totalFen).toBe(inPromotion.totalFen + 800_000);
  });

  it("applies a province price only in that province", () => {
    const tow = new Set(["TRIM_STD", "PAINT_WHITE", "W19", "SEAT_COMFORT", "TOW"]);
    expect(priceBreakdown(model, tow, { date: "2026-11-28", province: "青海省" }).totalFen).toBe(22_990_000 + 200_000);
    expect(priceBreakdown(model, tow, { date: "2026-11-28", province: "广东省" }).totalFen).toBe(22_990_000 + 400_000);
    expect(priceBreakdown(model, tow, { date: "2026-11-28" }).totalFen).toBe(22_990_000 + 400_000);
  });

  it("gives the render commands of the chosen options", () => {
    expect(renderCommands(model, new Set(["PAINT_BLUE", "W21"]))).toEqual([
      { material: "paint", set: { albedo: "#1d4e9e", metallic: 0.8 } },
      { show: "wheels_21" },
    ]);
  });
});

describe("validateConfiguration", () => {
  it("accepts a valid configuration at the server's price", () => {
    const result = validateConfiguration(model, config, { date: "2026-11-28" }, 28_990_000);
    expect(result.ok).toBe(true);
  });

  it("refuses a tampered price with the server's breakdown", () => {
    const result = validateConfiguration(model, config, { date: "2026-11-28" }, 100);
    expect(result).toMatchObject({
      ok: false,
      type: "price-mismatch",
      claimedFen: 100,
      breakdown: { totalFen: 28_990_000 },
    });
  });

  it("refuses a configuration that breaks a rule or names an unknown option", () => {
    expect(
      validateConfiguration(model, ["TRIM_STD", "PAINT_WHITE", "W21", "SEAT_COMFORT"], { date: "2026-11-28" }),
    ).toMatchObject({
      ok: false,
      type: "invalid-configuration",
      problems: ["rule W21_NEEDS_SPORT"],
    });
    expect(validateConfiguration(model, ["NOPE"], { date: "2026-11-28" })).toMatchObject({
      problems: ["unknown option NOPE"],
    });
  });
});
