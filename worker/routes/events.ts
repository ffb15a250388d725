import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { AnalyticsBatchSchema, type QueuedEvent } from "../analytics.ts";
import type { AppEnv } from "../env.ts";
import { ProblemSchema, problem } from "../problem.ts";
import { validationHook } from "../validation.ts";

/** Per client IP: at most this many analytics batches a minute. */
const EVENTS_LIMIT = { limit: 120, windowMs: 60_000 };

/** Analytics intake: events are queued and written to D1 in batches by the queue consumer. */
export const events = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(
  createRoute({
    method: "post",
    path: "/events",
    tags: ["Analytics"],
    summary: "Send analytics events",
    request: { body: { content: { "application/json": { schema: AnalyticsBatchSchema } }, required: true } },
    responses: {
      202: {
        content: { "application/json": { schema: z.object({ accepted: z.number().int() }) } },
        description: "Queued",
      },
      400: { content: { "application/problem+json": { schema: ProblemSchema } }, description: "Invalid events" },
      429: { content: { "application/problem+json": { schema: ProblemSchema } }, description: "Too many batches" },
    },
  }),
  async (c) => {
    const ip = c.req.header("cf-connecting-ip") ?? "local";
    const guard = c.env.RISK_GUARD.get(c.env.RISK_GUARD.idFromName(`ip:${ip}`));
    const decision = await guard.hit("events", EVENTS_LIMIT);
    if (!decision.allowed) {
      const retryAfter = String(Math.ceil(decision.retryAfterMs / 1000));
      return problem(c, "rate-limited", "请稍后再试 / Please retry later", {
        headers: { "retry-after": retryAfter },
      }) as never;
    }
    const cf = c.req.raw.cf;
    const receivedAt = new Date().toISOString();
    const queued: QueuedEvent[] = c.req.valid("json").events.map((event) => ({
      ...event,
      receivedAt,
      country: typeof cf?.country === "string" ? cf.country : null,
      city: typeof cf?.city === "string" ? cf.city : null,
    }));
    await c.env.ANALYTICS.sendBatch(queued.map((body) => ({ body, contentType: "json" })));
    return c.json({ accepted: queued.length }, 202);
  },
);
