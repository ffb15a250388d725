import { describe, expect, it } from "vitest";
import type { Campaign } from "./campaign.ts";
import { type FinanceRequest, quoteFinance } from "./quote.ts";

const request: FinanceRequest = {
  priceFen: 20_000_000,
  downPaymentPercent: 30,
  months: 36,
  plan: "equal-instalment",
  date: "2026-09-01",
};
const zeroApr: Campaign = {
  id: "zero",
  name: { zh: "0 息", en: "0% APR" },
  rate: { kind: "apr", bp: 0 },
  from: "2026-09-01",
  to: "2026-09-30",
  plans: ["equal-instalment"],
  terms: [36],
};

function quote(overrides: Partial<FinanceRequest>, campaigns: Campaign[] = []) {
  const result = quoteFinance({ ...request, ...overrides }, campaigns);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.quote;
}

function errorsOf(overrides: Partial<FinanceRequest>) {
  const result = quoteFinance({ ...request, ...overrides }, []);
  return result.ok ? [] : result.errors.map((e) => `${e.field}:${e.code}`);
}

describe("quoteFinance", () => {
  it("finances 70 % of a ¥200,000 car at the standard 4.99 % over 36 months", () => {
    const q = quote({});
    expect(q).toMatchObject({
      downPaymentFen: 6_000_000,
      loanFen: 14_000_000,
      rate: { kind: "apr", bp: 499 },
      campaign: null,
      monthlyPaymentFen: 419_530,
      aprPercent: 4.99,
    });
    expect(q.schedule).toHaveLength(36);
    expect(q.totalCostFen).toBe(q.priceFen + q.totalInterestFen);
  });

  it("uses a campaign that fits, and a 0 % loan shows a 0 % APR and no interest", () => {
    const q = quote({}, [zeroApr]);
    expect(q.campaign?.id).toBe("zero");
    expect(q.totalInterestFen).toBe(0);
    expect(q.aprPercent).toBe(0);
    expect(quote({ date: "2026-10-01" }, [zeroApr]).campaign).toBeNull();
  });

  it("shows a flat-rate campaign with its true APR", () => {
    const flat: Campaign = { ...zeroApr, id: "flat", rate: { kind: "flat", bp: 300 } };
    const q = quote({}, [flat]);
    expect(q.totalInterestFen).toBe(1_260_000);
    expect(q.aprPercent).toBe(5.68);
  });

  it("starts equal principal high and lets it fall", () => {
    const q = quote({ plan: "equal-principal" });
    expect(q.monthlyPaymentFen).toBeGreaterThan(q.lastPaymentFen);
    expect(q.schedule[0]?.principalFen).toBe(388_889);
  });

  it("leaves a balloon of the price to the last month", () => {
    const q = quote({ plan: "balloon", balloonPercent: 40, months: 24 });
    expect(q.balloonFen).toBe(8_000_000);
    expect(q.lastPaymentFen).toBeGreaterThan(q.balloonFen);
    expect(q.monthlyPaymentFen).toBeLessThan(quote({ months: 24 }).monthlyPaymentFen / 2);
    expect(q.aprPercent).toBe(4.99);
  });

  it("finances a car without its rented battery and adds the rent to each month", () => {
    const q = quote({ batteryPriceFen: 7_000_000, batteryMonthlyFeeFen: 98_000 });
    expect(q.financedPriceFen).toBe(13_000_000);
    expect(q.downPaymentFen).toBe(3_900_000);
    expect(q.loanFen).toBe(9_100_000);
    expect(q.firstMonthTotalFen).toBe(q.monthlyPaymentFen + 98_000);
    expect(q.totalCostFen).toBe(q.financedPriceFen + q.totalInterestFen + 36 * 98_000);
  });

  it("answers user mistakes with the fields to fix instead of throwing", () => {
    expect(errorsOf({ priceFen: -100 })).toEqual(["priceFen:invalid-amount"]);
    expect(errorsOf({ downPaymentPercent: 120 })).toEqual(["downPaymentPercent:down-payment-out-of-range"]);
    expect(errorsOf({ months: 13 })).toEqual(["months:term-not-offered"]);
    expect(errorsOf({ months: 72 })).toEqual(["months:term-not-offered"]);
    expect(errorsOf({ balloonPercent: 30 })).toEqual(["balloonPercent:balloon-needs-balloon-plan"]);
    expect(errorsOf({ plan: "balloon" })).toEqual(["balloonPercent:balloon-out-of-range"]);
    expect(errorsOf({ batteryPriceFen: 20_000_000 })).toEqual(["batteryPriceFen:battery-exceeds-price"]);
    expect(errorsOf({ date: "2026-13-45" })).toEqual(["date:invalid-date"]);
    expect(errorsOf({ date: "2026-02-29" })).toEqual(["date:invalid-date"]);
    expect(errorsOf({ date: "2028-02-29" })).toEqual([]);
  });

  it("refuses a balloon bigger than the loan and a loan too small to schedule", () => {
    expect(errorsOf({ plan: "balloon", balloonPercent: 80 })).toEqual(["balloonPercent:balloon-out-of-range"]);
    expect(errorsOf({ downPaymentPercent: 100 })).toEqual(["downPaymentPercent:loan-too-small"]);
  });
});
