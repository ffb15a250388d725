import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { validateConfiguration } from "../../domain/configurator/validate.ts";
import { shanghaiDate } from "../../domain/time.ts";
import { ruleBase } from "../db/catalog.ts";
import { database } from "../db/client.ts";
import type { AppEnv } from "../env.ts";
import { problemResponse } from "../openapi.ts";
import { problem } from "../problem.ts";
import { riskGate } from "../risk.ts";
import {
  ProductModelDocumentSchema,
  ProductModelParamsSchema,
  ValidateConfigurationSchema,
  ValidatedConfigurationSchema,
} from "../schemas/configurator.ts";
import { validationHook } from "../validation.ts";

/** The configurator's rule bases, and the server's own check of every configuration and price. */
export const configurator = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: "get",
      path: "/models/{slug}/product-model",
      tags: ["Configurator"],
      summary: "Get the latest rule base of a model",
      request: { params: ProductModelParamsSchema },
      responses: {
        200: { content: { "application/json": { schema: ProductModelDocumentSchema } }, description: "The rule base" },
        404: problemResponse("No such model, or it has no rule base"),
      },
    }),
    async (c) => {
      const row = await ruleBase(database(c.env.DB), c.req.valid("param").slug);
      if (!row) return problem(c, "not-found", "这个车型暂无配置器 / This model has no configurator yet") as never;
      c.header("cache-control", "public, max-age=60, stale-while-revalidate=600");
      return c.json(row as { modelId: string; version: number; body: Record<string, unknown> }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/configurations/validate",
      tags: ["Configurator"],
      summary: "Check a configuration and the price the shopper saw",
      description:
        "The server never trusts a client's configuration or price: it checks every rule of the model version and prices the configuration itself. " +
        "Guarded by the risk policy: a device or account checking configurations unusually fast is challenged (403 `risk-challenge`, passed by a step-up within 10 minutes), and blocked past the limit (429 `risk-blocked`).",
      middleware: [riskGate("configure")] as const,
      request: { body: { content: { "application/json": { schema: ValidateConfigurationSchema } }, required: true } },
      responses: {
        200: {
          content: { "application/json": { schema: ValidatedConfigurationSchema } },
          description: "Valid, at this price",
        },
        400: problemResponse("Malformed request"),
        403: problemResponse("Risk challenge: confirm with a text code (`risk-challenge`)"),
        404: problemResponse("No such model version"),
        409: problemResponse("The price differs from the server's; `priceFen` and `lines` carry the server's"),
        422: problemResponse("The configuration breaks the model's rules; `errors` lists them"),
        429: problemResponse("Blocked by the risk policy; `Retry-After` says when to try again (`risk-blocked`)"),
      },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const row = await ruleBase(database(c.env.DB), input.model, input.version);
      if (!row) return problem(c, "not-found", "没有这个车型版本 / No such model version") as never;
      const date = shanghaiDate();
      const result = validateConfiguration(row.body, input.options, { date, province: input.province }, input.priceFen);
      if (result.ok) return c.json({ priceFen: result.breakdown.totalFen, lines: result.breakdown.lines, date }, 200);
      if (result.type === "price-mismatch") {
        return problem(c, "price-mismatch", "请以服务器价格为准 / Please confirm the server's price", {
          extensions: { priceFen: result.breakdown.totalFen, lines: result.breakdown.lines, date },
        }) as never;
      }
      return problem(c, "invalid-configuration", "配置不符合车型规则 / The configuration breaks the model's rules", {
        errors: result.problems.map((message) => ({ path: "json.options", message })),
      }) as never;
    },
  );
