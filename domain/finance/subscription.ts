import { mulDivHalfUp } from "./exact.ts";
import type { Label } from "./types.ts";

/** A car subscription (订阅): a monthly fee for a fixed term, a mileage cap, a price per km over it. */
export interface SubscriptionPlan {
  id: string;
  name: Label;
  monthlyFeeFen: number;
  months: number;
  /** Kilometres included over the whole term. */
  mileageCapKm: number;
  excessPerKmFen: number;
  /** Refundable deposit. */
  depositFen: number;
}

/** What a plan costs a shopper who drives a given distance a month. */
export interface SubscriptionQuote {
  plan: SubscriptionPlan;
  feesFen: number;
  expectedKm: number;
  excessKm: number;
  excessFeeFen: number;
  /** Fees plus excess mileage; the deposit comes back. */
  totalCostFen: number;
  /** Total cost per kilometre, rounded half up to the fen. */
  costPerKmFen: number;
}

/** Demo plans (illustrative). */
export const DEMO_SUBSCRIPTION_PLANS: readonly SubscriptionPlan[] = [
  {
    id: "flex-12",
    name: { zh: "灵活订阅 12 个月", en: "Flex 12 months" },
    monthlyFeeFen: 399_900,
    months: 12,
    mileageCapKm: 15_000,
    excessPerKmFen: 150,
    depositFen: 500_000,
  },
  {
    id: "steady-24",
    name: { zh: "安心订阅 24 个月", en: "Steady 24 months" },
    monthlyFeeFen: 349_900,
    months: 24,
    mileageCapKm: 40_000,
    excessPerKmFen: 120,
    depositFen: 500_000,
  },
  {
    id: "long-36",
    name: { zh: "长租订阅 36 个月", en: "Long 36 months" },
    monthlyFeeFen: 319_900,
    months: 36,
    mileageCapKm: 72_000,
    excessPerKmFen: 100,
    depositFen: 300_000,
  },
];

/**
 * Costs a subscription for a shopper who expects to drive `kmPerMonth`; the excess over the cap is
 * charged per km. A negative or fractional distance is a user mistake, returned, not thrown.
 * @example quoteSubscription(DEMO_SUBSCRIPTION_PLANS[0], 1_500) // { ok: true, quote: { excessKm: 3_000, excessFeeFen: 450_000, totalCostFen: 5_248_800, … } }
 */
export function quoteSubscription(
  plan: SubscriptionPlan,
  kmPerMonth: number,
): { ok: true; quote: SubscriptionQuote } | { ok: false; message: string } {
  if (!Number.isSafeInteger(kmPerMonth) || kmPerMonth < 0) {
    return { ok: false, message: "月行驶里程须为非负整数 / Monthly distance must be a whole, non-negative km" };
  }
  const feesFen = plan.monthlyFeeFen * plan.months;
  const expectedKm = kmPerMonth * plan.months;
  const excessKm = Math.max(0, expectedKm - plan.mileageCapKm);
  const excessFeeFen = excessKm * plan.excessPerKmFen;
  const totalCostFen = feesFen + excessFeeFen;
  return {
    ok: true,
    quote: {
      plan,
      feesFen,
      expectedKm,
      excessKm,
      excessFeeFen,
      totalCostFen,
      costPerKmFen: expectedKm === 0 ? totalCostFen : mulDivHalfUp(totalCostFen, 1, expectedKm),
    },
  };
}
