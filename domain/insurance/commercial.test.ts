import { describe, expect, it } from "vitest";
import { type CommercialRequest, commercialPremiums, policyWording } from "./commercial.ts";

const family: CommercialRequest = {
  priceFen: 20_000_000,
  seats: 5,
  usage: "family",
  powertrain: "ICE",
  cityTier: "2",
  thirdPartyLevel: 200,
  seatCoverFen: 1_000_000,
  record: "new",
};
const premium = (request: Partial<CommercialRequest>, line: string) =>
  commercialPremiums({ ...family, ...request }).find((p) => p.line === line)?.premiumFen;

describe("commercialPremiums", () => {
  it("prices vehicle damage from the car's price, higher for a new-energy car", () => {
    expect(premium({}, "vehicle-damage")).toBe(60_000 + 220_000);
    expect(premium({ powertrain: "BEV" }, "vehicle-damage")).toBe(60_000 + 280_000);
    expect(premium({ powertrain: "HEV" }, "vehicle-damage")).toBe(60_000 + 220_000);
    expect(premium({ priceFen: 40_000_000 }, "vehicle-damage")).toBeGreaterThan(premium({}, "vehicle-damage") ?? 0);
  });

  it("costs more for more third-party cover", () => {
    const levels = ([100, 200, 300, 500] as const).map((level) => premium({ thirdPartyLevel: level }, "third-party"));
    expect(levels).toEqual([92_000, 118_000, 138_000, 170_000]);
  });

  it("loads a tier-1 city and discounts a claim-free driver", () => {
    expect(premium({ cityTier: "1" }, "third-party")).toBe(129_800);
    expect(premium({ cityTier: "5" }, "third-party")).toBe(109_740);
    expect(premium({ record: "claim-free-3" }, "third-party")).toBe(70_800);
  });

  it("covers the driver and every passenger seat, or none", () => {
    expect(premium({}, "driver-seat")).toBe(4_000);
    expect(premium({}, "passenger-seats")).toBe(10_400);
    expect(premium({ seats: 7 }, "passenger-seats")).toBe(15_600);
    expect(commercialPremiums({ ...family, seatCoverFen: 0 }).map((p) => p.line)).toEqual([
      "vehicle-damage",
      "third-party",
    ]);
  });
});

describe("policyWording", () => {
  it("insures a battery-electric or plug-in car under the NEV clauses that cover its battery", () => {
    for (const powertrain of ["BEV", "PHEV", "EREV"] as const) {
      const wording = policyWording(powertrain);
      expect(wording.name.zh).toBe("新能源汽车商业保险专属条款（试行）");
      expect(wording.notes.map((n) => n.zh).join()).toContain("三电");
    }
    expect(policyWording("HEV").name.zh).toBe("机动车商业保险示范条款（2020版）");
  });
});
