import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AdasLevel, BodyType, Drive, Powertrain, SeatMaterial } from "../../domain/catalog/types.ts";
import { CITIES } from "../../domain/geo/cities.ts";
import type { ColourFamily } from "../../domain/search/colour.ts";
import type { ListingKind } from "../../domain/search/listing.ts";
import type { Near, NumericRange, SearchQuery } from "../../domain/search/query.ts";
import type { SearchHit } from "../../domain/search/search-index.ts";
import { database } from "../db/client.ts";
import type { AppEnv } from "../env.ts";
import { ProblemSchema, problem } from "../problem.ts";
import { type SearchQueryInput, SearchQuerySchema, SearchResultSchema } from "../schemas/search.ts";
import { type Background, liveIndex } from "../search/cache.ts";
import { validationHook } from "../validation.ts";

const split = <T extends string>(value: string | undefined) => (value ? (value.split(",") as T[]) : undefined);
const span = (min: number | undefined, max: number | undefined): NumericRange | undefined =>
  min === undefined && max === undefined ? undefined : { min, max };

/** The domain query of validated parameters; the city is looked up in the city dataset. */
function toQuery(input: SearchQueryInput): { query: SearchQuery; unknownCity: boolean } {
  const city = input.city === undefined ? undefined : CITIES.find((c) => c.code === input.city);
  let near: Near | undefined;
  if (city)
    near = input.within === undefined ? { city: city.code } : { lat: city.lat, lon: city.lon, km: input.within };
  const query: SearchQuery = {
    text: input.q || undefined,
    brand: split(input.brand),
    model: split(input.model),
    body: split<BodyType>(input.body),
    powertrain: split<Powertrain>(input.powertrain),
    drive: split<Drive>(input.drive),
    seatMaterial: split<SeatMaterial>(input.seatMaterial),
    adas: split<AdasLevel>(input.adas),
    colour: split<ColourFamily>(input.colour),
    seats: split(input.seats)?.map(Number),
    kind: split<ListingKind>(input.kind),
    price: span(input.priceMin, input.priceMax),
    range: span(input.rangeMin, input.rangeMax),
    battery: span(input.batteryMin, input.batteryMax),
    acceleration: span(input.accelerationMin, input.accelerationMax),
    deliveryDays: input.delivery,
    near,
    sort: input.sort,
    limit: input.limit,
    after: input.after,
  };
  return { query, unknownCity: input.city !== undefined && !city };
}

/** ctx.waitUntil when the request has an execution context (in-process page calls may not). */
function backgroundOf(c: Context<AppEnv>): Background | undefined {
  try {
    const context = c.executionCtx;
    return (work) => context.waitUntil(work);
  } catch {
    return undefined;
  }
}

function hitView({ listing: l, highlights, distanceKm }: SearchHit, images: Map<string, string>) {
  return {
    id: l.id,
    kind: l.kind,
    brand: { slug: l.brand, name: l.brandName, nameEn: l.brandNameEn },
    model: {
      slug: l.model,
      name: l.modelName,
      nameEn: l.modelNameEn,
      code: l.modelCode,
      image: images.get(l.model) ?? null,
    },
    trim: { id: l.trimId, name: l.trimName, nameEn: l.trimNameEn },
    bodyType: l.bodyType,
    powertrain: l.powertrain,
    drive: l.drive,
    seats: l.seats,
    seatMaterial: l.seatMaterial,
    adasLevel: l.adasLevel,
    priceFen: l.priceFen,
    rangeKm: l.rangeKm,
    batteryKwh: l.batteryKwh,
    zeroToHundredS: l.zeroToHundredS,
    paint:
      l.paintCode === null
        ? null
        : {
            code: l.paintCode,
            name: l.paintName ?? l.paintCode,
            nameEn: l.paintNameEn ?? l.paintCode,
            colour: l.colour,
          },
    dealer:
      l.dealerId === null
        ? null
        : { id: l.dealerId, cityCode: l.cityCode ?? "", cityName: l.cityName ?? "", cityNameEn: l.cityNameEn ?? "" },
    distanceKm,
    availableOn: l.availableOn,
    highlights,
  };
}

/** Catalogue search over in-stock and in-transit vehicles and build-to-order trims. */
export const search = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(
  createRoute({
    method: "get",
    path: "/search",
    tags: ["Catalogue"],
    summary: "Search vehicles and trims with facets",
    description:
      "Filters combine with AND; values within one filter with OR. Each facet value's count is the number of results it has with every other active filter applied. Pages are keyset-paginated: pass `next` as `after`.",
    request: { query: SearchQuerySchema },
    responses: {
      200: {
        content: { "application/json": { schema: SearchResultSchema } },
        description: "One page of results with facet counts",
      },
      400: {
        content: { "application/problem+json": { schema: ProblemSchema } },
        description: "Invalid parameters, with field paths",
      },
    },
  }),
  async (c) => {
    const { query, unknownCity } = toQuery(c.req.valid("query"));
    const { index, images } = await liveIndex(database(c.env.DB), Date.now(), backgroundOf(c));
    const errors: Array<{ path: string; message: string }> = [];
    if (unknownCity) errors.push({ path: "query.city", message: "未知的城市代码 / Unknown city code" });
    for (const facet of ["brand", "model"] as const) {
      const known = index.values(facet);
      const unknown = query[facet]?.filter((value) => !known.includes(value)) ?? [];
      if (unknown.length > 0)
        errors.push({ path: `query.${facet}`, message: `未知的取值 / Unknown: ${unknown.join(", ")}` });
    }
    const answer = errors.length === 0 ? index.search(query) : null;
    if (!answer?.ok) {
      const all = answer ? answer.errors.map((error) => ({ ...error, path: `query.${error.path}` })) : errors;
      return problem(c, "validation", "请检查标出的字段 / Check the fields listed in errors", { errors: all }) as never;
    }
    c.header("cache-control", "public, max-age=5");
    const { result } = answer;
    return c.json({ ...result, hits: result.hits.map((hit) => hitView(hit, images)) }, 200);
  },
);
