import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";

const CheckSchema = z.enum(["ok", "failing"]);
const HealthSchema = z
  .object({
    status: z.enum(["ok", "degraded"]),
    checks: z.object({ d1: CheckSchema, kv: CheckSchema, r2: CheckSchema }),
  })
  .openapi("Health");

async function probe(check: () => Promise<unknown>): Promise<"ok" | "failing"> {
  try {
    await check();
    return "ok";
  } catch {
    return "failing";
  }
}

/** Liveness and the reachability of each storage binding, for load balancers and ops. */
export const health = new OpenAPIHono<AppEnv>().openapi(
  createRoute({
    method: "get",
    path: "/health",
    tags: ["Operations"],
    summary: "Health of the Worker and its bindings",
    responses: {
      200: { content: { "application/json": { schema: HealthSchema } }, description: "Every binding answers" },
      503: { content: { "application/json": { schema: HealthSchema } }, description: "A binding is failing" },
    },
  }),
  async (c) => {
    const [d1, kv, r2] = await Promise.all([
      probe(() => c.env.DB.prepare("SELECT 1").first()),
      probe(() => c.env.CONFIG.get("health")),
      probe(() => c.env.MEDIA.head("health")),
    ]);
    const checks = { d1, kv, r2 };
    c.header("cache-control", "no-store");
    if (Object.values(checks).every((check) => check === "ok")) return c.json({ status: "ok" as const, checks }, 200);
    return c.json({ status: "degraded" as const, checks }, 503);
  },
);
