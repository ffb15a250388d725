import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { getModel, listBrands, listCities, listDealers, listModels } from "../db/catalog.ts";
import { database } from "../db/client.ts";
import type { AppEnv } from "../env.ts";
import { json, problemResponse } from "../openapi.ts";
import { problem } from "../problem.ts";
import {
  BrandSchema,
  CityListQuerySchema,
  CitySchema,
  DealerListQuerySchema,
  DealerSchema,
  ModelDetailSchema,
  ModelListQuerySchema,
  ModelParamsSchema,
  ModelSummarySchema,
} from "../schemas/catalog.ts";
import { validationHook } from "../validation.ts";

const CATALOG_CACHE = "public, max-age=60, stale-while-revalidate=600";

/** Read-only catalogue: brands, models with trims and options, cities and dealers. */
export const catalog = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: "get",
      path: "/brands",
      tags: ["Catalogue"],
      summary: "List brands",
      responses: { 200: json(z.object({ brands: z.array(BrandSchema) }), "All brands, in display order") },
    }),
    async (c) => {
      c.header("cache-control", CATALOG_CACHE);
      return c.json({ brands: await listBrands(database(c.env.DB)) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/models",
      tags: ["Catalogue"],
      summary: "List models",
      request: { query: ModelListQuerySchema },
      responses: {
        200: json(z.object({ models: z.array(ModelSummarySchema) }), "Models, most popular first"),
        400: problemResponse("Invalid filter"),
      },
    }),
    async (c) => {
      c.header("cache-control", CATALOG_CACHE);
      return c.json({ models: await listModels(database(c.env.DB), c.req.valid("query")) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/models/{slug}",
      tags: ["Catalogue"],
      summary: "Get a model with its trims, options and media",
      request: { params: ModelParamsSchema },
      responses: {
        200: json(ModelDetailSchema, "The model"),
        400: problemResponse("Malformed slug"),
        404: problemResponse("No such model"),
      },
    }),
    async (c) => {
      const model = await getModel(database(c.env.DB), c.req.valid("param").slug);
      if (!model) return problem(c, "not-found", "没有这个车型 / No such model") as never;
      c.header("cache-control", CATALOG_CACHE);
      return c.json(model, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/cities",
      tags: ["Dealers"],
      summary: "List or search cities",
      request: { query: CityListQuerySchema },
      responses: {
        200: json(z.object({ cities: z.array(CitySchema) }), "Matching cities, by administrative code"),
        400: problemResponse("Invalid query"),
      },
    }),
    async (c) => {
      const { q, withDealers } = c.req.valid("query");
      c.header("cache-control", CATALOG_CACHE);
      return c.json({ cities: await listCities(database(c.env.DB), { q, withDealers: withDealers === "true" }) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/dealers",
      tags: ["Dealers"],
      summary: "List dealers by city or brand, or nearest to a point",
      request: { query: DealerListQuerySchema },
      responses: {
        200: json(z.object({ dealers: z.array(DealerSchema) }), "Dealers"),
        400: problemResponse("Invalid query"),
      },
    }),
    async (c) => {
      c.header("cache-control", CATALOG_CACHE);
      return c.json({ dealers: await listDealers(database(c.env.DB), c.req.valid("query")) }, 200);
    },
  );
