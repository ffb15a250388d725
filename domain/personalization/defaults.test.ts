import { describe, expect, it } from "vitest";
import { offerLabel } from "./defaults.ts";

describe("offerLabel", () => {
  it("words an instalment offer as Chinese buyers read it, with the English beside it", () => {
    expect(offerLabel({ id: "o", downPaymentPercent: 20, monthlyFen: 298_000, termMonths: 60 })).toEqual({
      zh: "首付 20%，月供 ¥2,980 起（60 期）",
      en: "20% down, from ¥2,980 a month over 60 months",
    });
  });
});
