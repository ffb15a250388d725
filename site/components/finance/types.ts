import type { z } from "@hono/zod-openapi";
import type {
  FinanceQuoteSchema,
  InsuranceQuoteSchema,
  SubscriptionQuoteSchema,
} from "../../../worker/schemas/finance.ts";

export type FinanceQuote = z.infer<typeof FinanceQuoteSchema>;
export type ScheduleRow = FinanceQuote["schedule"][number];
export type InsuranceQuote = z.infer<typeof InsuranceQuoteSchema>;
export type SubscriptionQuote = z.infer<typeof SubscriptionQuoteSchema>;
