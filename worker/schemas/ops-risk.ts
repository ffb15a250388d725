import { z } from "@hono/zod-openapi";
import { RISK_OUTCOMES, RISK_RULES } from "../../domain/risk/policy.ts";
import { RISK_ACTIONS } from "../../domain/risk/thresholds.ts";

const outcome = z
  .enum(RISK_OUTCOMES, "结果须为 allow、challenge 或 block / The outcome is allow, challenge or block")
  .optional()
  .openapi({ param: { name: "outcome", in: "query" }, example: "block" });
const principal = z
  .string()
  .regex(
    /^(user|device|ip):[\w:.-]{1,80}$/,
    "主体须为 user:<id>、device:<id> 或 ip:<地址> / A principal is user:<id>, device:<id> or ip:<address>",
  )
  .optional()
  .openapi({ param: { name: "principal", in: "query" }, example: "ip:203.0.113.5" });

/** `at~id` of the last event of a page: the next page starts after it. */
const CURSOR = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z~rsk_[0-9a-f]{32}$/;

export const RiskEventsQuerySchema = z.object({
  outcome,
  principal,
  since: z.iso
    .datetime({ message: "时间格式须为 ISO-8601（UTC） / A UTC ISO-8601 time" })
    .optional()
    .openapi({ param: { name: "since", in: "query" }, example: "2026-11-29T00:00:00Z" }),
  after: z
    .string()
    .regex(CURSOR, "无效的翻页游标 / Not a page cursor from `next`")
    .optional()
    .openapi({ param: { name: "after", in: "query" }, description: "The `next` of the previous page" }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100, "每页最多 100 条 / At most 100 a page")
    .default(50)
    .openapi({ param: { name: "limit", in: "query" }, example: 50 }),
});

export const RiskEventSchema = z
  .object({
    id: z.string(),
    at: z.string().openapi({ description: "UTC ISO-8601", example: "2026-11-29T02:13:04.118Z" }),
    principal: z.string().openapi({ example: "device:q0pXb3Vz1x2yZ9w8v7u6tA" }),
    action: z.enum(RISK_ACTIONS),
    outcome: z.enum(RISK_OUTCOMES),
    rule: z.enum(RISK_RULES),
    detail: z.record(z.string(), z.union([z.string(), z.number()])).openapi({
      description: "What the rule counted (no personal data)",
      example: { accounts: 6, windowMs: 86_400_000, retryAfterMs: 86_100_000 },
    }),
  })
  .openapi("RiskEvent");

export const RiskEventPageSchema = z
  .object({
    events: z.array(RiskEventSchema),
    next: z.string().nullable().openapi({ description: "Pass as `after` for the next page; null on the last" }),
  })
  .openapi("RiskEventPage");

export const RiskHourlyQuerySchema = z.object({
  outcome,
  principal,
  hours: z.coerce
    .number()
    .int()
    .min(1, "至少 1 小时 / At least 1 hour")
    .max(168, "最多 168 小时 / At most 168 hours")
    .default(24)
    .openapi({ param: { name: "hours", in: "query" }, example: 24 }),
});

export const RiskHourlySchema = z
  .object({
    hours: z.array(
      z.object({
        hour: z.string().openapi({ description: "Start of the UTC hour", example: "2026-11-29T02:00:00.000Z" }),
        allow: z.number().int(),
        challenge: z.number().int(),
        block: z.number().int(),
      }),
    ),
  })
  .openapi("RiskHourly");
