import { describe, expect, it } from "vitest";
import { CITY_TIERS } from "../geo/city-tier.ts";
import { financePlacement } from "./lead.ts";

describe("financePlacement", () => {
  it("puts finance first for visitors from tier-3, tier-4 and tier-5 cities", () => {
    expect(CITY_TIERS.filter((tier) => financePlacement(tier) === "lead")).toEqual(["3", "4", "5"]);
  });

  it("keeps the specifications first in tier-1, new-tier-1 and tier-2 cities", () => {
    expect((["1", "new1", "2"] as const).map((tier) => financePlacement(tier))).toEqual(["follow", "follow", "follow"]);
  });

  it("keeps the specifications first when the visitor's city is unknown", () => {
    expect(financePlacement(null)).toBe("follow");
    expect(financePlacement(undefined)).toBe("follow");
  });
});
