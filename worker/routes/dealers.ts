import { createRoute, OpenAPIHono, type z } from "@hono/zod-openapi";
import { isOpenAt, shanghaiWeekday } from "../../domain/time.ts";
import { database } from "../db/client.ts";
import { dealerStock, demoTrims, findDealer, trimElsewhere, trimRef } from "../db/dealer.ts";
import type { AppEnv } from "../env.ts";
import { problemResponse } from "../openapi.ts";
import { problem } from "../problem.ts";
import { DealerDetailParamsSchema, DealerDetailQuerySchema, DealerDetailSchema } from "../schemas/dealer.ts";
import { validationHook } from "../validation.ts";

const NEARBY_DEALERS = 5;

/** One dealer for its page: contact, hours, stock by model, trim and colour, demo cars, and a configured trim's stock. */
export const dealerRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(
  createRoute({
    method: "get",
    path: "/dealers/{id}",
    tags: ["Dealers"],
    summary: "Get a dealer with its stock and test-drive cars",
    description:
      "Stock counts vehicles in stock or in transit. With `?trim=` the answer adds that trim's stock here and at the " +
      `${NEARBY_DEALERS} nearest other dealers that have it; with \`lat\`/\`lon\` it adds the distance from there.`,
    request: { params: DealerDetailParamsSchema, query: DealerDetailQuerySchema },
    responses: {
      200: { content: { "application/json": { schema: DealerDetailSchema } }, description: "The dealer" },
      400: problemResponse("Malformed id or query"),
      404: problemResponse("No such dealer, or no such trim (`errors` names `query.trim`)"),
    },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const { trim, lat, lon } = c.req.valid("query");
    const db = database(c.env.DB);
    const origin = lat !== undefined && lon !== undefined ? { lat, lon } : null;
    const [dealer, configuredTrim] = await Promise.all([findDealer(db, id, origin), trim ? trimRef(db, trim) : null]);
    if (!dealer) return problem(c, "not-found", "没有这个经销商 / No such dealer") as never;
    if (trim && !configuredTrim) {
      return problem(c, "not-found", "没有这个车型版本 / No such trim", {
        errors: [{ path: "query.trim", message: "没有这个车型版本 / No such trim" }],
      }) as never;
    }
    const [stock, demo, here, elsewhere] = await Promise.all([
      dealerStock(db, id),
      dealer.services.includes("test_drive") ? demoTrims(db, id) : [],
      configuredTrim ? dealerStock(db, id, configuredTrim.id) : [],
      configuredTrim ? trimElsewhere(db, configuredTrim.id, dealer, NEARBY_DEALERS) : [],
    ]);
    const now = Date.now();
    c.header("cache-control", "public, max-age=30, stale-while-revalidate=60");
    return c.json(
      {
        ...dealer,
        today: shanghaiWeekday(now),
        openNow: isOpenAt(dealer.hours, now),
        stock,
        demoTrims: demo,
        configured: configuredTrim ? { trim: configuredTrim, here: here[0]?.trims[0] ?? null, elsewhere } : null,
      } satisfies z.infer<typeof DealerDetailSchema>,
      200,
    );
  },
);
