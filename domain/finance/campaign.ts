import { annualRate } from "./apr.ts";
import { flatRateSchedule } from "./schedule.ts";
import type { Label, PlanType, Rate } from "./types.ts";

/** A promotional rate: who gets it (trims, provinces), when, and on which plans and terms. */
export interface Campaign {
  id: string;
  name: Label;
  rate: Rate;
  /** First and last day, inclusive, as Asia/Shanghai dates (YYYY-MM-DD). */
  from: string;
  to: string;
  /** Trim ids it applies to; absent = every trim. */
  trims?: readonly string[];
  /** Province names as in the city dataset (e.g. "广东省"); absent = nationwide. */
  provinces?: readonly string[];
  /** Plans it applies to; a flat rate never applies to a balloon plan (its fee has no balloon form). */
  plans: readonly PlanType[];
  /** Terms in months it is offered for. */
  terms: readonly number[];
}

/** Where and when a shopper asks for finance. */
export interface CampaignContext {
  trimId?: string;
  province?: string;
  /** Asia/Shanghai date, YYYY-MM-DD. */
  date: string;
  plan: PlanType;
  months: number;
}

/** The rate without a campaign. Illustrative: a captive finance company's list APR. */
export const STANDARD_RATE: Rate = { kind: "apr", bp: 499 };

const VERDO_PIP_TRIMS = ["verdo-v1:joy", "verdo-v1:plus", "verdo-v1:pro", "verdo-v1:max"];

/** Demo campaigns (illustrative, for the demo catalogue; real ones come from marketing). */
export const DEMO_CAMPAIGNS: readonly Campaign[] = [
  {
    id: "pip-zero-apr",
    name: { zh: "禾豆限时 0 息", en: "Pip 0% APR" },
    rate: { kind: "apr", bp: 0 },
    from: "2026-11-01",
    to: "2026-12-31",
    trims: VERDO_PIP_TRIMS,
    plans: ["equal-instalment"],
    terms: [12, 24],
  },
  {
    id: "guangdong-low-rate",
    name: { zh: "广东专享低息 1.99%", en: "Guangdong low rate 1.99%" },
    rate: { kind: "apr", bp: 199 },
    from: "2026-11-15",
    to: "2027-01-31",
    provinces: ["广东省"],
    plans: ["equal-instalment", "equal-principal"],
    terms: [12, 24, 36],
  },
  {
    id: "flat-fee-2-5",
    name: { zh: "低费率 2.5%", en: "Low flat rate 2.5%" },
    rate: { kind: "flat", bp: 250 },
    from: "2026-10-01",
    to: "2027-03-31",
    plans: ["equal-instalment"],
    terms: [24, 36, 48, 60],
  },
  {
    id: "year-end-balloon",
    name: { zh: "年终尾款贷 2.99%", en: "Year-end balloon 2.99%" },
    rate: { kind: "apr", bp: 299 },
    from: "2026-12-01",
    to: "2026-12-31",
    plans: ["balloon"],
    terms: [12, 24, 36],
  },
];

const REFERENCE_LOAN_FEN = 10_000_000;

/**
 * The true APR of a rate over a term (a fraction: 0.0473 = 4.73 %); an APR is its own, a flat
 * rate's is found from its payments.
 * @example trueApr({ kind: "flat", bp: 250 }, 36) // ≈ 0.0476
 */
export function trueApr(rate: Rate, months: number): number {
  if (rate.kind === "apr") return rate.bp / 10_000;
  const payments = flatRateSchedule(REFERENCE_LOAN_FEN, rate.bp, months).map((row) => row.paymentFen);
  return annualRate(REFERENCE_LOAN_FEN, payments);
}

/**
 * The campaign a shopper gets: of those whose trim, province, dates, plan and term all fit (a flat
 * rate never fits a balloon plan), the one
 * with the lowest true APR (a flat rate is compared by its true APR, not its smaller headline), ties
 * going to the smaller id; undefined when none fits.
 * @example selectCampaign(DEMO_CAMPAIGNS, { province: "广东省", date: "2026-11-20", plan: "equal-principal", months: 24 })?.id // "guangdong-low-rate"
 */
export function selectCampaign(campaigns: readonly Campaign[], context: CampaignContext): Campaign | undefined {
  const fits = campaigns.filter(
    (campaign) =>
      campaign.from <= context.date &&
      context.date <= campaign.to &&
      campaign.plans.includes(context.plan) &&
      (campaign.rate.kind === "apr" || context.plan !== "balloon") &&
      campaign.terms.includes(context.months) &&
      (campaign.trims === undefined || (context.trimId !== undefined && campaign.trims.includes(context.trimId))) &&
      (campaign.provinces === undefined ||
        (context.province !== undefined && campaign.provinces.includes(context.province))),
  );
  const cost = (campaign: Campaign) => trueApr(campaign.rate, context.months);
  return fits.sort((a, b) => cost(a) - cost(b) || (a.id < b.id ? -1 : 1))[0];
}
