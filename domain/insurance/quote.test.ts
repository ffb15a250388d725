import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { POWERTRAINS } from "../catalog/types.ts";
import { THIRD_PARTY_LEVELS } from "./commercial.ts";
import { DRIVING_RECORDS, USAGES } from "./compulsory.ts";
import { type InsuranceRequest, quoteInsurance } from "./quote.ts";

const request: InsuranceRequest = {
  priceFen: 20_000_000,
  seats: 5,
  usage: "family",
  cityCode: "440300",
  powertrain: "BEV",
  thirdPartyLevel: 200,
  seatCoverFen: 1_000_000,
  record: "new",
};

describe("quoteInsurance", () => {
  it("quotes a ¥200,000 electric family car in Shenzhen line by line", () => {
    const result = quoteInsurance(request);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { quote } = result;
    expect(quote.city).toEqual({ code: "440300", name: "深圳市", tier: "1" });
    expect(quote.lines.map((l) => [l.line, l.premiumFen])).toEqual([
      ["compulsory", 95_000],
      ["vehicle-damage", 374_000],
      ["third-party", 129_800],
      ["driver-seat", 4_400],
      ["passenger-seats", 11_440],
    ]);
    expect(quote.compulsoryFen + quote.commercialFen).toBe(quote.totalFen);
    expect(quote.newEnergy).toBe(true);
    expect(quote.disclaimer.en).toMatch(/illustrative/i);
  });

  it("adds its lines up to the total and never charges less for a dearer car", () => {
    const arbitraryRequest = fc.record({
      priceFen: fc.integer({ min: 1, max: 1_000_000_000 }),
      seats: fc.integer({ min: 2, max: 9 }),
      usage: fc.constantFrom(...USAGES),
      cityCode: fc.constantFrom("110000", "440300", "130100", "131100"),
      powertrain: fc.constantFrom(...POWERTRAINS),
      thirdPartyLevel: fc.constantFrom(...THIRD_PARTY_LEVELS),
      seatCoverFen: fc.integer({ min: 0, max: 10_000_000 }),
      record: fc.constantFrom(...DRIVING_RECORDS),
    });
    fc.assert(
      fc.property(arbitraryRequest, fc.integer({ min: 0, max: 100_000_000 }), (asked, more) => {
        const result = quoteInsurance(asked);
        const dearer = quoteInsurance({ ...asked, priceFen: asked.priceFen + more });
        if (!result.ok || !dearer.ok) return false;
        const lines = result.quote.lines.reduce((sum, line) => sum + line.premiumFen, 0);
        return lines === result.quote.totalFen && dearer.quote.totalFen >= result.quote.totalFen;
      }),
    );
  });

  it("applies the record factor to 交强险", () => {
    const result = quoteInsurance({ ...request, record: "claim-free-2" });
    expect(result.ok && result.quote.compulsoryFen).toBe(76_000);
  });

  it("lists every user mistake with its field instead of throwing", () => {
    const result = quoteInsurance({
      ...request,
      priceFen: -1,
      seats: 12,
      cityCode: "999999",
      seatCoverFen: 1.5,
      usage: "bus" as never,
      thirdPartyLevel: 150 as never,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => `${e.field}:${e.code}`)).toEqual([
      "priceFen:invalid-amount",
      "seats:seats-out-of-range",
      "seatCoverFen:invalid-amount",
      "usage:invalid-choice",
      "thirdPartyLevel:invalid-choice",
      "cityCode:unknown-city",
    ]);
  });
});
