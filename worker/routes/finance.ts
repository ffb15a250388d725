import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { type Campaign, DEMO_CAMPAIGNS } from "../../domain/finance/campaign.ts";
import { scheduleCsv } from "../../domain/finance/csv.ts";
import { type FinanceRequest, quoteFinance } from "../../domain/finance/quote.ts";
import {
  DEMO_SUBSCRIPTION_PLANS,
  quoteSubscription,
  type SubscriptionPlan,
} from "../../domain/finance/subscription.ts";
import type { ThirdPartyLevel } from "../../domain/insurance/commercial.ts";
import { type InsurancePartner, requestQuote } from "../../domain/insurance/partner.ts";
import { generatePartnerKey } from "../../domain/insurance/signature.ts";
import { createInsuranceSimulator } from "../../domain/insurance/simulator.ts";
import { shanghaiDate } from "../../domain/time.ts";
import type { AppEnv } from "../env.ts";
import { log } from "../log.ts";
import { json, problemResponse } from "../openapi.ts";
import { problem } from "../problem.ts";
import {
  FinanceQuoteQuerySchema,
  FinanceQuoteSchema,
  InsuranceQuoteQuerySchema,
  InsuranceQuoteSchema,
  SubscriptionQuerySchema,
  SubscriptionQuoteSchema,
} from "../schemas/finance.ts";
import { validationHook } from "../validation.ts";

/** An insurer to ask and the key its answers must be signed with. */
export interface InsurerConnection {
  partner: InsurancePartner;
  key: CryptoKey;
}

export interface FinanceRouteOptions {
  campaigns: readonly Campaign[];
  subscriptionPlans: readonly SubscriptionPlan[];
  /** The insurer for this request's environment (a real partner would take its secret from `env`). */
  insurer: (env: Env) => Promise<InsurerConnection>;
  insuranceTimeoutMs: number;
  now: () => number;
}

/**
 * The in-process insurer simulator, made on first use (Workers allow no randomness at start-up): a
 * random HMAC key that never leaves the isolate — nothing secret lives in the repository — and a
 * random seed. It answers in 80–400 ms and, in the store, never fails on purpose; tests make one
 * that does with `createInsuranceSimulator`.
 */
function localSimulator(): () => Promise<InsurerConnection> {
  let connection: Promise<InsurerConnection> | undefined;
  return () => {
    connection ??= generatePartnerKey().then((key) => ({
      key,
      partner: createInsuranceSimulator({ key, seed: crypto.getRandomValues(new Uint32Array(1))[0] ?? 0 }),
    }));
    return connection;
  };
}

const CSV_NAME = encodeURIComponent("还款计划.csv");

/**
 * Finance and insurance quotes, built for a set of campaigns and an insurer so tests can swap both.
 * @example financeRoutes({ insurer: async () => ({ partner, key }) }).request("/insurance/quote?priceFen=20000000&city=440300")
 */
export function financeRoutes(options: Partial<FinanceRouteOptions> = {}) {
  const {
    campaigns = DEMO_CAMPAIGNS,
    subscriptionPlans = DEMO_SUBSCRIPTION_PLANS,
    insurer = localSimulator(),
    insuranceTimeoutMs = 3_000,
    now = Date.now,
  } = options;
  const quote = (query: z.infer<typeof FinanceQuoteQuerySchema>) =>
    quoteFinance({ ...query, date: query.date ?? shanghaiDate(now()) } satisfies FinanceRequest, campaigns);
  const notPossible = (errors: { field: string; message: string }[]) => ({
    errors: errors.map((error) => ({ path: `query.${error.field}`, message: error.message })),
  });

  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(
      createRoute({
        method: "get",
        path: "/finance/quote",
        tags: ["Finance"],
        summary: "Quote a car loan: monthly payment, total interest, true APR and schedule",
        request: { query: FinanceQuoteQuerySchema },
        responses: {
          200: json(FinanceQuoteSchema, "The quote, at the best campaign rate that applies"),
          400: problemResponse("Invalid query"),
          422: problemResponse("The values do not make a loan together; `errors` says which"),
        },
      }),
      (c) => {
        const result = quote(c.req.valid("query"));
        if (!result.ok) {
          return problem(c, "quote-not-possible", result.errors[0]?.message, notPossible(result.errors)) as never;
        }
        c.header("cache-control", "public, max-age=60");
        return c.json(result.quote, 200);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/finance/schedule.csv",
        tags: ["Finance"],
        summary: "The repayment schedule as CSV for Excel (UTF-8 with BOM, bilingual headers)",
        request: { query: FinanceQuoteQuerySchema },
        responses: {
          200: { content: { "text/csv": { schema: z.string() } }, description: "One line per month" },
          400: problemResponse("Invalid query"),
          422: problemResponse("The values do not make a loan together; `errors` says which"),
        },
      }),
      (c) => {
        const result = quote(c.req.valid("query"));
        if (!result.ok) {
          return problem(c, "quote-not-possible", result.errors[0]?.message, notPossible(result.errors)) as never;
        }
        return c.body(scheduleCsv(result.quote.schedule), 200, {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": `attachment; filename="schedule.csv"; filename*=UTF-8''${CSV_NAME}`,
          "cache-control": "public, max-age=60",
        });
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/finance/subscriptions",
        tags: ["Finance"],
        summary: "Subscription plans costed for a monthly distance, cheapest per km first",
        request: { query: SubscriptionQuerySchema },
        responses: {
          200: json(z.object({ quotes: z.array(SubscriptionQuoteSchema) }), "Every plan, cheapest per km first"),
          400: problemResponse("Invalid query"),
        },
      }),
      (c) => {
        const { kmPerMonth } = c.req.valid("query");
        const quotes = subscriptionPlans
          .map((plan) => quoteSubscription(plan, kmPerMonth))
          .flatMap((result) => (result.ok ? [result.quote] : []))
          .sort((a, b) => a.costPerKmFen - b.costPerKmFen);
        c.header("cache-control", "public, max-age=300");
        return c.json({ quotes }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/insurance/quote",
        tags: ["Finance"],
        summary: "First-year insurance quote (交强险 + 商业险) from the insurance partner, signature checked",
        request: { query: InsuranceQuoteQuerySchema },
        responses: {
          200: json(InsuranceQuoteSchema, "The partner's quote, valid until `validUntil`"),
          400: problemResponse("Invalid query"),
          422: problemResponse("The partner cannot insure this car; `errors` says why"),
          502: problemResponse("The partner's answer failed its signature, validity or request check"),
          503: problemResponse("The partner failed or did not answer in time; retry later"),
        },
      }),
      async (c) => {
        const { city, thirdPartyLevel, ...query } = c.req.valid("query");
        const request = { ...query, cityCode: city, thirdPartyLevel: thirdPartyLevel as ThirdPartyLevel };
        const { partner, key } = await insurer(c.env);
        const result = await requestQuote(partner, key, request, { timeoutMs: insuranceTimeoutMs, now });
        if (result.ok) {
          const { request: _asked, ...shown } = result.quote;
          c.header("cache-control", "no-store");
          return c.json({ ...shown, signature: result.signature }, 200);
        }
        const { error } = result;
        if (error.kind === "rejected") {
          const errors = error.issues.map((issue) => ({
            field: issue.field === "cityCode" ? "city" : issue.field,
            message: issue.message,
          }));
          return problem(c, "quote-not-possible", error.message, notPossible(errors)) as never;
        }
        if (error.kind === "unavailable" || error.kind === "timeout") {
          return problem(c, "partner-unavailable", error.message, { headers: { "retry-after": "5" } }) as never;
        }
        log("error", c.get("requestId") ?? "-", "insurance partner answer refused", {
          kind: error.kind,
          partner: partner.name,
        });
        return problem(c, "partner-invalid-response", error.message) as never;
      },
    );
}

/** Finance and insurance quotes with the demo campaigns and the in-process insurer simulator. */
export const finance = financeRoutes();
