import { describe, expect, it } from "vitest";
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
