/**
 * The finance page's inputs as they appear in its URL (/finance?trim=…&price=…&plan=…), read
 * forgivingly: a value out of range falls back to the nearest offered one, so a shared or hand-edited
 * link always shows a quote. Money typed or read by people is in whole yuan here (price, battery,
 * batteryFee); it becomes fen at the API boundary.
 */
import { MAX_MONTHS, MIN_MONTHS, TERM_STEP_MONTHS } from "../../../domain/finance/quote.ts";
import type { PlanType } from "../../../domain/finance/types.ts";
import { THIRD_PARTY_LEVELS, type ThirdPartyLevel } from "../../../domain/insurance/commercial.ts";

/** The page's plan choices: the three loan plans, a loan with the battery rented, a subscription. */
export const PAGE_PLANS = ["equal-instalment", "equal-principal", "balloon", "baas", "subscription"] as const;
export type PagePlan = (typeof PAGE_PLANS)[number];

export const DOWN_PAYMENT_CHOICES = [0, 10, 15, 20, 25, 30, 40, 50, 60, 70, 80] as const;
export const BALLOON_CHOICES = [10, 20, 30, 40, 50] as const;
export const TERM_CHOICES = Array.from(
  { length: (MAX_MONTHS - MIN_MONTHS) / TERM_STEP_MONTHS + 1 },
  (_, index) => MIN_MONTHS + index * TERM_STEP_MONTHS,
);
export const KM_CHOICES = [500, 1_000, 1_500, 2_000, 3_000, 4_000] as const;

/** The shopper's choices on the finance page. */
export interface FinanceInputs {
  plan: PagePlan;
  trimId: string | undefined;
  /** Car price in whole yuan, when given instead of (or to override) the trim's price. */
  priceYuan: number | undefined;
  downPaymentPercent: number;
  months: number;
  balloonPercent: number;
  /** Battery rental: the battery's price and monthly rent, whole yuan; undefined = the car's default. */
  batteryYuan: number | undefined;
  batteryFeeYuan: number | undefined;
  kmPerMonth: number;
  cityCode: string | undefined;
  thirdPartyLevel: ThirdPartyLevel;
}

const integer = (value: string | null) => (value !== null && /^\d{1,12}$/.test(value) ? Number(value) : undefined);
const nearest = (choices: readonly number[], value: number | undefined, fallback: number) =>
  value === undefined
    ? fallback
    : choices.reduce((best, choice) => (Math.abs(choice - value) < Math.abs(best - value) ? choice : best));

/**
 * Reads the page's query; anything missing or out of range gets the offered value nearest to it.
 * @example readInputs(new URLSearchParams("trim=verdo-v1:joy&months=40")).months // 42
 */
export function readInputs(params: URLSearchParams): FinanceInputs {
  const plan = params.get("plan");
  const trimId = params.get("trim");
  const price = integer(params.get("price"));
  return {
    plan: (PAGE_PLANS as readonly string[]).includes(plan ?? "") ? (plan as PagePlan) : "equal-instalment",
    trimId: trimId && /^[a-z0-9-]{1,64}:[a-z0-9-]{1,32}$/.test(trimId) ? trimId : undefined,
    priceYuan: price !== undefined && price >= 10_000 && price <= 100_000_000 ? price : undefined,
    downPaymentPercent: nearest(DOWN_PAYMENT_CHOICES, integer(params.get("down")), 30),
    months: nearest(TERM_CHOICES, integer(params.get("months")), 36),
    balloonPercent: nearest(BALLOON_CHOICES, integer(params.get("balloon")), 30),
    batteryYuan: integer(params.get("battery")),
    batteryFeeYuan: integer(params.get("batteryFee")),
    kmPerMonth: nearest(KM_CHOICES, integer(params.get("km")), 1_500),
    cityCode: /^\d{6}$/.test(params.get("city") ?? "") ? (params.get("city") ?? undefined) : undefined,
    thirdPartyLevel: nearest(THIRD_PARTY_LEVELS, integer(params.get("tpl")), 200) as ThirdPartyLevel,
  };
}

/** The loan plan behind a page plan: a rented battery is paid off with equal instalments. */
export function loanPlan(plan: PagePlan): PlanType {
  return plan === "baas" || plan === "subscription" ? "equal-instalment" : plan;
}
