import { annualRate } from "./apr.ts";
import { type Campaign, STANDARD_RATE, selectCampaign } from "./campaign.ts";
import { mulDivHalfUp } from "./exact.ts";
import {
  equalInstalmentSchedule,
  equalPrincipalSchedule,
  flatRateSchedule,
  type ScheduleRow,
  totalInterestFen,
} from "./schedule.ts";
import { type Label, PLAN_LABELS, type PlanType, type Rate } from "./types.ts";

/**
 * What a shopper asks for. Percentages are whole numbers of the financed price, which is the car's
 * price less the battery when the battery is rented (BaaS, 车电分离).
 */
export interface FinanceRequest {
  priceFen: number;
  downPaymentPercent: number;
  months: number;
  plan: PlanType;
  /** Balloon plans only: the final balloon (尾款) as a percentage of the financed price. */
  balloonPercent?: number;
  /** Battery rental: the battery's price, taken off the car's price… */
  batteryPriceFen?: number;
  /** …and the monthly fee for renting it. */
  batteryMonthlyFeeFen?: number;
  trimId?: string;
  province?: string;
  /** Asia/Shanghai date the quote is for, YYYY-MM-DD (campaigns have date windows). */
  date: string;
}

/** Terms offered: one to five years, in steps of six months. */
export const MIN_MONTHS = 12;
export const MAX_MONTHS = 60;
export const TERM_STEP_MONTHS = 6;
/** The smallest loan worth a schedule: ¥1,000. */
const MIN_LOAN_FEN = 100_000;

export interface FinanceQuote {
  plan: PlanType;
  planLabel: Label;
  months: number;
  priceFen: number;
  /** The price the loan is for: `priceFen` less a rented battery. */
  financedPriceFen: number;
  downPaymentFen: number;
  loanFen: number;
  /** Paid with the last instalment; 0 except on balloon plans. */
  balloonFen: number;
  rate: Rate;
  campaign: { id: string; name: Label } | null;
  /** The first month's loan payment (the regular one, or the highest on equal principal). */
  monthlyPaymentFen: number;
  /** The last month's loan payment, balloon included. */
  lastPaymentFen: number;
  batteryMonthlyFeeFen: number;
  /** What the first month costs: loan payment plus battery rent. */
  firstMonthTotalFen: number;
  totalInterestFen: number;
  /** Down payment, every loan payment and the battery rent over the term. */
  totalCostFen: number;
  /** True annual rate from the cash flows (monthly IRR × 12), in percent with two decimals. */
  aprPercent: number;
  schedule: ScheduleRow[];
}

export type FinanceErrorCode =
  | "invalid-amount"
  | "down-payment-out-of-range"
  | "term-not-offered"
  | "balloon-out-of-range"
  | "balloon-needs-balloon-plan"
  | "battery-exceeds-price"
  | "loan-too-small"
  | "invalid-date";

/** A user mistake, with the request field it is about and a bilingual message. */
export interface FinanceIssue {
  code: FinanceErrorCode;
  field: keyof FinanceRequest;
  message: string;
}

export type FinanceResult = { ok: true; quote: FinanceQuote } | { ok: false; errors: FinanceIssue[] };

/**
 * Whether a string is a real calendar date written YYYY-MM-DD (so "2026-02-30" is not).
 * @example isCalendarDate("2028-02-29") // true
 */
export function isCalendarDate(value: string): boolean {
  const time = Date.parse(`${value}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(time) && new Date(time).toISOString().startsWith(value);
}

const isFen = (value: number) => Number.isSafeInteger(value) && value >= 0;
const isPercent = (value: number) => Number.isInteger(value) && value >= 0 && value <= 100;

/**
 * A loan quote: the campaign rate if one fits (see `selectCampaign`), else the standard rate; the
 * schedule for the plan; its true APR. User mistakes come back as `{ ok: false, errors }`.
 * @example quoteFinance({ priceFen: 20_000_000, downPaymentPercent: 30, months: 36, plan: "equal-instalment", date: "2026-09-01" }, [])
 * // { ok: true, quote: { loanFen: 14_000_000, monthlyPaymentFen: 419_530, aprPercent: 4.99, … } }
 */
export function quoteFinance(request: FinanceRequest, campaigns: readonly Campaign[]): FinanceResult {
  const errors = checkRequest(request);
  if (errors.length > 0) return { ok: false, errors };

  const batteryPriceFen = request.batteryPriceFen ?? 0;
  const batteryMonthlyFeeFen = request.batteryMonthlyFeeFen ?? 0;
  const financedPriceFen = request.priceFen - batteryPriceFen;
  const downPaymentFen = mulDivHalfUp(financedPriceFen, request.downPaymentPercent, 100);
  const loanFen = financedPriceFen - downPaymentFen;
  const balloonFen = mulDivHalfUp(financedPriceFen, request.balloonPercent ?? 0, 100);
  if (loanFen < MIN_LOAN_FEN) {
    return fail("loan-too-small", "downPaymentPercent", "贷款金额不足 ¥1,000 / The loan is under ¥1,000");
  }
  if (balloonFen > loanFen) {
    return fail("balloon-out-of-range", "balloonPercent", "尾款不能超过贷款金额 / The balloon exceeds the loan");
  }

  const campaign = selectCampaign(campaigns, request);
  const rate = campaign?.rate ?? STANDARD_RATE;
  const schedule =
    rate.kind === "flat"
      ? flatRateSchedule(loanFen, rate.bp, request.months)
      : request.plan === "equal-principal"
        ? equalPrincipalSchedule(loanFen, rate.bp, request.months)
        : equalInstalmentSchedule(loanFen, rate.bp, request.months, balloonFen);
  const payments = schedule.map((row) => row.paymentFen);
  const monthlyPaymentFen = payments[0] ?? 0;
  return {
    ok: true,
    quote: {
      plan: request.plan,
      planLabel: PLAN_LABELS[request.plan],
      months: request.months,
      priceFen: request.priceFen,
      financedPriceFen,
      downPaymentFen,
      loanFen,
      balloonFen,
      rate,
      campaign: campaign ? { id: campaign.id, name: campaign.name } : null,
      monthlyPaymentFen,
      lastPaymentFen: payments.at(-1) ?? 0,
      batteryMonthlyFeeFen,
      firstMonthTotalFen: monthlyPaymentFen + batteryMonthlyFeeFen,
      totalInterestFen: totalInterestFen(schedule),
      totalCostFen:
        downPaymentFen + payments.reduce((sum, payment) => sum + payment, 0) + batteryMonthlyFeeFen * request.months,
      aprPercent: Math.round(annualRate(loanFen, payments) * 10_000) / 100,
      schedule,
    },
  };
}

function fail(code: FinanceErrorCode, field: keyof FinanceRequest, message: string): FinanceResult {
  return { ok: false, errors: [{ code, field, message }] };
}

function checkRequest(request: FinanceRequest): FinanceIssue[] {
  const errors: FinanceIssue[] = [];
  const add = (code: FinanceErrorCode, field: keyof FinanceRequest, message: string) =>
    errors.push({ code, field, message });
  const { priceFen, months, balloonPercent, batteryPriceFen, batteryMonthlyFeeFen } = request;

  if (!isFen(priceFen) || priceFen === 0) {
    add("invalid-amount", "priceFen", "车价须为正整数（分）/ The price must be a positive whole number of fen");
  }
  if (!isPercent(request.downPaymentPercent)) {
    add(
      "down-payment-out-of-range",
      "downPaymentPercent",
      "首付比例须为 0–100 的整数，且不能超过车价 / The down payment must be 0–100 % and cannot exceed the price",
    );
  }
  if (!Number.isInteger(months) || months < MIN_MONTHS || months > MAX_MONTHS || months % TERM_STEP_MONTHS !== 0) {
    add(
      "term-not-offered",
      "months",
      "贷款期限须为 12–60 个月且为 6 的倍数 / The term must be 12–60 months, in steps of 6",
    );
  }
  if (request.plan === "balloon") {
    if (balloonPercent === undefined || !isPercent(balloonPercent) || balloonPercent === 0) {
      add("balloon-out-of-range", "balloonPercent", "尾款比例须为 1–100 的整数 / The balloon must be 1–100 %");
    }
  } else if (balloonPercent !== undefined && balloonPercent !== 0) {
    add("balloon-needs-balloon-plan", "balloonPercent", "只有尾款贷才有尾款 / Only balloon plans have a balloon");
  }
  if (batteryPriceFen !== undefined && (!isFen(batteryPriceFen) || (isFen(priceFen) && batteryPriceFen >= priceFen))) {
    add("battery-exceeds-price", "batteryPriceFen", "电池价格须小于车价 / The battery must cost less than the car");
  }
  if (batteryMonthlyFeeFen !== undefined && !isFen(batteryMonthlyFeeFen)) {
    add("invalid-amount", "batteryMonthlyFeeFen", "电池月租须为非负整数（分）/ The battery rent must be whole fen");
  }
  if (!isCalendarDate(request.date)) {
    add("invalid-date", "date", "日期格式须为 YYYY-MM-DD / The date must be YYYY-MM-DD");
  }
  return errors;
}
