import { describe, expect, it } from "vitest";
import { DEMO_SUBSCRIPTION_PLANS, quoteSubscription, type SubscriptionPlan } from "./subscription.ts";

const plan = DEMO_SUBSCRIPTION_PLANS[0] as SubscriptionPlan;

describe("quoteSubscription", () => {
  it("charges only the fees while the shopper stays under the cap", () => {
    const result = quoteSubscription(plan, 1_000);
    expect(result).toMatchObject({ ok: true, quote: { excessKm: 0, excessFeeFen: 0, totalCostFen: 4_798_800 } });
  });

  it("charges every km over the cap", () => {
    const result = quoteSubscription(plan, 1_500);
    expect(result).toMatchObject({
      ok: true,
      quote: { expectedKm: 18_000, excessKm: 3_000, excessFeeFen: 450_000, totalCostFen: 5_248_800, costPerKmFen: 292 },
    });
  });

  it("makes the longer plan cheaper per km for a high-mileage driver", () => {
    const perKm = DEMO_SUBSCRIPTION_PLANS.map((p) => {
      const result = quoteSubscription(p, 2_500);
      return result.ok ? result.quote.costPerKmFen : Number.NaN;
    });
    expect(perKm[2]).toBeLessThan(perKm[0] ?? 0);
  });

  it("returns a message for an impossible distance", () => {
    expect(quoteSubscription(plan, -5)).toMatchObject({ ok: false });
    expect(quoteSubscription(plan, 1.5)).toMatchObject({ ok: false });
  });
});
