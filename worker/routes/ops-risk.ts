import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { and, count, desc, eq, gte, lt, or, type SQL, sql } from "drizzle-orm";
import { firstHour, perHour } from "../../domain/risk/hourly.ts";
import type { RiskOutcome, RiskRule } from "../../domain/risk/policy.ts";
import type { RiskAction } from "../../domain/risk/thresholds.ts";
import { type AuthEnv, requireRole } from "../auth.ts";
import { database } from "../db/client.ts";
import { riskEvents } from "../db/schema.ts";
import { json, problemResponse } from "../openapi.ts";
import {
  RiskEventPageSchema,
  RiskEventsQuerySchema,
  RiskHourlyQuerySchema,
  RiskHourlySchema,
} from "../schemas/ops-risk.ts";
import { validationHook } from "../validation.ts";

const guarded = {
  400: problemResponse("Invalid filter (`errors` names it)"),
  401: problemResponse("Not signed in"),
  403: problemResponse("Not an ops or admin account"),
};

const filters = ({ outcome, principal }: { outcome?: RiskOutcome; principal?: string }): SQL[] => [
  ...(outcome ? [eq(riskEvents.outcome, outcome)] : []),
  ...(principal ? [eq(riskEvents.principal, principal)] : []),
];

/** Risk events for ops: what the risk guards challenged or blocked (and allows worth seeing), newest first. */
export const opsRisk = new OpenAPIHono<AuthEnv>({ defaultHook: (result, c) => validationHook(result, c as never) })
  .openapi(
    createRoute({
      method: "get",
      path: "/ops/risk-events",
      tags: ["Ops"],
      summary: "List risk events",
      description:
        "Newest first, filtered by outcome, principal (`user:<id>`, `device:<id>`, `ip:<address>`) and time; keyset-paginated (`next` → `after`).",
      middleware: [requireRole("ops", "admin")] as const,
      request: { query: RiskEventsQuerySchema },
      responses: { 200: json(RiskEventPageSchema, "One page of events"), ...guarded },
    }),
    async (c) => {
      const { since, after, limit, ...rest } = c.req.valid("query");
      const [afterAt = "", afterId = ""] = after?.split("~") ?? [];
      const where = [
        ...filters(rest),
        ...(since ? [gte(riskEvents.at, new Date(since).toISOString())] : []),
        ...(after
          ? [or(lt(riskEvents.at, afterAt), and(eq(riskEvents.at, afterAt), lt(riskEvents.id, afterId))) as SQL]
          : []),
      ];
      const rows = await database(c.env.DB)
        .select()
        .from(riskEvents)
        .where(and(...where))
        .orderBy(desc(riskEvents.at), desc(riskEvents.id))
        .limit(limit + 1);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return c.json(
        {
          events: page.map((row) => ({
            ...row,
            action: row.action as RiskAction,
            rule: row.rule as RiskRule,
            detail: row.detail as Record<string, string | number>,
          })),
          next: rows.length > limit && last ? `${last.at}~${last.id}` : null,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/ops/risk-events/hourly",
      tags: ["Ops"],
      summary: "Risk events per hour by outcome",
      description: "The last `hours` whole UTC hours (the current one included), oldest first, with the same filters.",
      middleware: [requireRole("ops", "admin")] as const,
      request: { query: RiskHourlyQuerySchema },
      responses: { 200: json(RiskHourlySchema, "Counts per hour"), ...guarded },
    }),
    async (c) => {
      const { hours, ...rest } = c.req.valid("query");
      const from = firstHour(Date.now(), hours);
      const hour = sql<string>`substr(${riskEvents.at}, 1, 13)`;
      const counts = await database(c.env.DB)
        .select({ hour, outcome: riskEvents.outcome, n: count() })
        .from(riskEvents)
        .where(and(...filters(rest), gte(riskEvents.at, new Date(from).toISOString())))
        .groupBy(hour, riskEvents.outcome);
      return c.json({ hours: perHour(counts, from, hours) }, 200);
    },
  );
