import { z } from "@hono/zod-openapi";
import { POWERTRAINS } from "../../domain/catalog/types.ts";
import { isCalendarDate, MAX_MONTHS, MIN_MONTHS, TERM_STEP_MONTHS } from "../../domain/finance/quote.ts";
import { PLAN_TYPES } from "../../domain/finance/types.ts";
import { CITY_TIERS } from "../../domain/geo/city-tier.ts";
import { COMMERCIAL_LINES, THIRD_PARTY_LEVELS } from "../../domain/insurance/commercial.ts";
import { DRIVING_RECORDS, MAX_SEATS, MIN_SEATS, USAGES } from "../../domain/insurance/compulsory.ts";

const MAX_PRICE_FEN = 10_000_000_000;
const fen = z.number().int().nonnegative().openapi({ description: "Amount in fen (分, 1/100 yuan)" });
const LabelSchema = z.object({ zh: z.string(), en: z.string() }).openapi("Label");
const query = <T extends z.ZodType>(schema: T, name: string, description: string, example?: unknown) =>
  schema.openapi({ param: { name, in: "query" }, description, ...(example === undefined ? {} : { example }) });
const queryFen = (max: number) => z.coerce.number().int().nonnegative().max(max);

export const FinanceQuoteQuerySchema = z.object({
  priceFen: query(queryFen(MAX_PRICE_FEN).positive(), "priceFen", "Car price in fen, battery included", 20_000_000),
  downPaymentPercent: query(
    z.coerce.number().int().min(0).max(100).default(30),
    "downPaymentPercent",
    "Down payment, % of the financed price",
    30,
  ),
  months: query(
    z.coerce
      .number()
      .int()
      .min(MIN_MONTHS)
      .max(MAX_MONTHS)
      .multipleOf(TERM_STEP_MONTHS, "期限须为 6 的倍数 / The term goes in steps of 6 months")
      .default(36),
    "months",
    "Term: 12–60 months in steps of 6",
    36,
  ),
  plan: query(z.enum(PLAN_TYPES).default("equal-instalment"), "plan", "等额本息 / 等额本金 / 尾款贷"),
  balloonPercent: query(
    z.coerce.number().int().min(0).max(100).optional(),
    "balloonPercent",
    "Balloon plans: the last payment's balloon, % of the financed price",
  ),
  batteryPriceFen: query(queryFen(MAX_PRICE_FEN).optional(), "batteryPriceFen", "Battery rental (BaaS): battery price"),
  batteryMonthlyFeeFen: query(
    queryFen(10_000_000).optional(),
    "batteryMonthlyFeeFen",
    "Battery rental (BaaS): monthly rent",
  ),
  trimId: query(z.string().max(100).optional(), "trimId", "Trim, for trim campaigns", "verdo-v1:joy"),
  province: query(z.string().max(20).optional(), "province", "Province as in the city dataset", "广东省"),
  date: query(
    z.string().refine(isCalendarDate, "日期须为有效的 YYYY-MM-DD / The date must be a real YYYY-MM-DD date").optional(),
    "date",
    "Asia/Shanghai date for campaigns; default today",
    "2026-11-28",
  ),
});

export const ScheduleRowSchema = z
  .object({
    period: z.number().int(),
    paymentFen: fen,
    principalFen: fen,
    interestFen: fen,
    remainingFen: fen,
  })
  .openapi("ScheduleRow");

export const FinanceQuoteSchema = z
  .object({
    plan: z.enum(PLAN_TYPES),
    planLabel: LabelSchema,
    months: z.number().int(),
    priceFen: fen,
    financedPriceFen: fen.openapi({ description: "The price the loan is for: priceFen less a rented battery" }),
    downPaymentFen: fen,
    loanFen: fen,
    balloonFen: fen,
    rate: z
      .object({ kind: z.enum(["apr", "flat"]), bp: z.number().int() })
      .openapi({ description: "Quoted rate, basis points a year: an APR, or a flat rate (费率)" }),
    campaign: z.object({ id: z.string(), name: LabelSchema }).nullable(),
    monthlyPaymentFen: fen,
    lastPaymentFen: fen,
    batteryMonthlyFeeFen: fen,
    firstMonthTotalFen: fen,
    totalInterestFen: fen,
    totalCostFen: fen,
    aprPercent: z
      .number()
      .openapi({ description: "True annual rate from the cash flows (monthly IRR × 12), %", example: 4.99 }),
    schedule: z.array(ScheduleRowSchema),
  })
  .openapi("FinanceQuote");

export const SubscriptionQuerySchema = z.object({
  kmPerMonth: query(
    z.coerce.number().int().min(0).max(20_000).default(1_500),
    "kmPerMonth",
    "Kilometres the shopper expects to drive a month",
    1_500,
  ),
});

export const SubscriptionQuoteSchema = z
  .object({
    plan: z.object({
      id: z.string(),
      name: LabelSchema,
      monthlyFeeFen: fen,
      months: z.number().int(),
      mileageCapKm: z.number().int(),
      excessPerKmFen: fen,
      depositFen: fen,
    }),
    feesFen: fen,
    expectedKm: z.number().int(),
    excessKm: z.number().int(),
    excessFeeFen: fen,
    totalCostFen: fen,
    costPerKmFen: fen,
  })
  .openapi("SubscriptionQuote");

export const InsuranceQuoteQuerySchema = z.object({
  priceFen: query(queryFen(MAX_PRICE_FEN).positive(), "priceFen", "New-car price (新车购置价) in fen", 20_000_000),
  seats: query(z.coerce.number().int().min(MIN_SEATS).max(MAX_SEATS).default(5), "seats", "Seats, 2–9", 5),
  usage: query(z.enum(USAGES).default("family"), "usage", "家庭自用 / 企业非营业 / 出租租赁"),
  city: query(
    z.string().regex(/^\d{6}$/, "城市代码为 6 位数字 / A city code has 6 digits"),
    "city",
    "City of registration (GB/T 2260 code)",
    "440300",
  ),
  powertrain: query(z.enum(POWERTRAINS).default("ICE"), "powertrain", "BEV/PHEV/EREV get the NEV clauses"),
  thirdPartyLevel: query(
    z.coerce
      .number()
      .refine((level) => (THIRD_PARTY_LEVELS as readonly number[]).includes(level), {
        message: "三者险保额须为 100/200/300/500 万 / Third-party cover is 100, 200, 300 or 500 (万 yuan)",
      })
      .default(200),
    "thirdPartyLevel",
    "三者险 sum insured in 万 yuan: 100, 200, 300 or 500",
    200,
  ),
  seatCoverFen: query(queryFen(100_000_000).default(1_000_000), "seatCoverFen", "座位险 per seat, fen; 0 for none"),
  record: query(z.enum(DRIVING_RECORDS).default("new"), "record", "Driving record for the no-claim factors"),
});

const PremiumLineSchema = z.object({
  line: z.enum(["compulsory", ...COMMERCIAL_LINES]),
  name: LabelSchema,
  coverFen: fen.nullable(),
  premiumFen: fen,
});

export const InsuranceQuoteSchema = z
  .object({
    quoteId: z.string().openapi({ example: "INS-3F2A9C1D0B7E4A55" }),
    partner: z.string(),
    issuedAt: z.string(),
    validUntil: z.string(),
    city: z.object({ code: z.string(), name: z.string(), tier: z.enum(CITY_TIERS) }),
    newEnergy: z.boolean(),
    lines: z.array(PremiumLineSchema),
    compulsoryFen: fen,
    commercialFen: fen,
    totalFen: fen,
    wording: z.object({ name: LabelSchema, notes: z.array(LabelSchema) }),
    disclaimer: LabelSchema,
    signature: z.string().openapi({
      description: "The partner's HMAC-SHA256 over its answer, kept to re-check the quote when it is accepted",
    }),
  })
  .openapi("InsuranceQuote");
