import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { compareTrims } from "../../domain/catalog/compare.ts";
import { getModel, modelsOfTrims, trimChoices } from "../db/catalog.ts";
import { database } from "../db/client.ts";
import type { AppEnv } from "../env.ts";
import { json } from "../openapi.ts";
import { ProblemSchema, problem } from "../problem.ts";
import { CompareChoicesSchema, CompareQuerySchema, ComparisonSchema, trimIdsOf } from "../schemas/compare.ts";
import { validationHook } from "../validation.ts";

const CATALOG_CACHE = "public, max-age=60, stale-while-revalidate=600";

/** Trims side by side (`GET /compare?trims=a,b`), and the trims one can add (`GET /compare/trims`). */
export const compare = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: "get",
      path: "/compare",
      tags: ["Catalogue"],
      summary: "Compare 1–4 trims, of one model or several",
      request: { query: CompareQuerySchema },
      responses: {
        200: json(ComparisonSchema, "One column per trim, rows grouped in sections, each flagged when it differs"),
        400: {
          content: { "application/problem+json": { schema: ProblemSchema } },
          description: "Malformed, repeated, too many or unknown trim ids (unknown ones listed in `unknownTrims`)",
        },
      },
    }),
    async (c) => {
      const db = database(c.env.DB);
      const ids = trimIdsOf(c.req.valid("query").trims);
      const found = await modelsOfTrims(db, ids);
      const known = new Set(found.map((row) => row.id));
      const unknownTrims = ids.filter((id) => !known.has(id));
      if (unknownTrims.length > 0) {
        return problem(c, "validation", "请检查标出的字段 / Check the fields listed in errors", {
          errors: [{ path: "query.trims", message: `没有这些版本 / No such trims: ${unknownTrims.join(", ")}` }],
          extensions: { unknownTrims },
        }) as never;
      }
      const slugs = [...new Set(found.map((row) => row.slug))];
      const details = await Promise.all(slugs.map((slug) => getModel(db, slug)));
      c.header("cache-control", CATALOG_CACHE);
      return c.json(
        compareTrims(
          details.filter((model) => model !== null),
          ids,
        ),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/compare/trims",
      tags: ["Catalogue"],
      summary: "Every trim that can join a comparison, by model",
      responses: { 200: json(CompareChoicesSchema, "Models by brand, then popularity; their trims by price") },
    }),
    async (c) => {
      const rows = await trimChoices(database(c.env.DB));
      const bySlug = Map.groupBy(rows, (row) => row.slug);
      c.header("cache-control", CATALOG_CACHE);
      return c.json(
        {
          models: [...bySlug.values()].map((group) => ({
            slug: group[0]?.slug ?? "",
            name: group[0]?.name ?? "",
            nameEn: group[0]?.nameEn ?? "",
            brand: { name: group[0]?.brandName ?? "", nameEn: group[0]?.brandNameEn ?? "" },
            trims: group.map((row) => ({
              id: row.id,
              name: row.trimName,
              nameEn: row.trimNameEn,
              priceFen: row.priceFen,
            })),
          })),
        },
        200,
      );
    },
  );
