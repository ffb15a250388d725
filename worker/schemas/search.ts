import { z } from "@hono/zod-openapi";
import { ADAS_LEVELS, BODY_TYPES, DRIVES, POWERTRAINS, SEAT_MATERIALS } from "../../domain/catalog/types.ts";
import { COLOUR_FAMILIES } from "../../domain/search/colour.ts";
import { LISTING_KINDS } from "../../domain/search/listing.ts";
import { FACETS, RANGES, SORTS } from "../../domain/search/query.ts";

const MAX_VALUES = 20;

/** A comma-separated list of up to 20 values, each matching `value`. */
const list = (value: string, description: string) =>
  z
    .string()
    .regex(
      new RegExp(`^(?:${value})(?:,(?:${value})){0,${MAX_VALUES - 1}}$`),
      `逗号分隔的取值，最多 ${MAX_VALUES} 个 / Up to ${MAX_VALUES} comma-separated values: ${description}`,
    )
    .optional();
const oneOf = (values: readonly (string | number)[]) => values.map((v) => String(v).replace(/[+]/g, "\\+")).join("|");
const param = (name: string, example?: string) => ({
  param: { name, in: "query" as const },
  ...(example ? { example } : {}),
});

const bound = (max: number, integer: boolean) => {
  const number = z.coerce
    .number()
    .min(0, "不能为负数 / Must not be negative")
    .max(max, `不能超过 ${max} / At most ${max}`);
  return (integer ? number.int("须为整数 / Must be a whole number") : number).optional();
};

/** Query parameters of GET /api/search; every list is comma-separated. */
export const SearchQuerySchema = z
  .object({
    q: z
      .string()
      .trim()
      .max(100, "关键词最多 100 个字符 / At most 100 characters")
      .optional()
      .openapi(param("q", "星曜 长续航")),
    brand: list("[a-z0-9-]{1,64}", "brand slugs").openapi(param("brand", "stellan")),
    model: list("[a-z0-9-]{1,64}", "model slugs").openapi(param("model")),
    body: list(oneOf(BODY_TYPES), BODY_TYPES.join(", ")).openapi(param("body", "suv,mpv")),
    powertrain: list(oneOf(POWERTRAINS), POWERTRAINS.join(", ")).openapi(param("powertrain", "BEV")),
    drive: list(oneOf(DRIVES), DRIVES.join(", ")).openapi(param("drive")),
    seatMaterial: list(oneOf(SEAT_MATERIALS), SEAT_MATERIALS.join(", ")).openapi(param("seatMaterial")),
    adas: list(oneOf(ADAS_LEVELS), ADAS_LEVELS.join(", ")).openapi(param("adas")),
    colour: list(oneOf(COLOUR_FAMILIES), COLOUR_FAMILIES.join(", ")).openapi(param("colour")),
    seats: list("[2-9]", "seat counts 2–9").openapi(param("seats")),
    kind: list(oneOf(LISTING_KINDS), LISTING_KINDS.join(", ")).openapi(param("kind")),
    priceMin: bound(1e11, true).openapi(param("priceMin", "20000000")),
    priceMax: bound(1e11, true).openapi(param("priceMax", "30000000")),
    rangeMin: bound(5000, true).openapi(param("rangeMin")),
    rangeMax: bound(5000, true).openapi(param("rangeMax")),
    batteryMin: bound(500, false).openapi(param("batteryMin")),
    batteryMax: bound(500, false).openapi(param("batteryMax")),
    accelerationMin: bound(60, false).openapi(param("accelerationMin")),
    accelerationMax: bound(60, false).openapi(param("accelerationMax")),
    delivery: bound(365, true).openapi(param("delivery", "30")),
    city: z
      .string()
      .regex(/^\d{6}$/, "城市代码为 6 位数字 / A city code has 6 digits")
      .optional()
      .openapi(param("city", "330100")),
    within: bound(1000, true).openapi(param("within", "100")),
    sort: z.enum(SORTS).default("relevance").openapi(param("sort")),
    limit: z.coerce
      .number()
      .int("须为整数 / Must be a whole number")
      .min(1, "至少 1 条 / At least 1")
      .max(50, "每页最多 50 条 / At most 50 per page")
      .default(20)
      .openapi(param("limit")),
    after: z.string().max(512, "翻页游标无效 / The page cursor is invalid").optional().openapi(param("after")),
  })
  .superRefine((query, context) => {
    for (const name of ["price", "range", "battery", "acceleration"] as const) {
      const min = query[`${name}Min`];
      const max = query[`${name}Max`];
      if (min !== undefined && max !== undefined && min > max)
        context.addIssue({
          code: "custom",
          path: [`${name}Min`],
          message: "下限不能大于上限 / The minimum must not exceed the maximum",
        });
    }
    if (query.within !== undefined && query.city === undefined)
      context.addIssue({ code: "custom", path: ["within"], message: "请先选择城市 / Choose a city to search around" });
  });
export type SearchQueryInput = z.infer<typeof SearchQuerySchema>;

const Count = z.object({ value: z.string(), count: z.number().int() });
const Ranges = z.array(z.tuple([z.number().int(), z.number().int()]));

export const SearchHitSchema = z
  .object({
    id: z
      .string()
      .openapi({ description: "VIN, or order:<trimId> for a trim built to order", example: "LSX1S7A20RS000123" }),
    kind: z.enum(LISTING_KINDS),
    brand: z.object({ slug: z.string(), name: z.string(), nameEn: z.string() }),
    model: z.object({
      slug: z.string(),
      name: z.string(),
      nameEn: z.string(),
      code: z.string(),
      image: z.string().nullable(),
    }),
    trim: z.object({ id: z.string(), name: z.string(), nameEn: z.string() }),
    bodyType: z.enum(BODY_TYPES),
    powertrain: z.enum(POWERTRAINS),
    drive: z.enum(DRIVES),
    seats: z.number().int(),
    seatMaterial: z.enum(SEAT_MATERIALS),
    adasLevel: z.enum(ADAS_LEVELS),
    priceFen: z.number().int(),
    rangeKm: z.number().int().nullable(),
    batteryKwh: z.number().nullable(),
    zeroToHundredS: z.number(),
    paint: z
      .object({ code: z.string(), name: z.string(), nameEn: z.string(), colour: z.enum(COLOUR_FAMILIES).nullable() })
      .nullable(),
    dealer: z.object({ id: z.string(), cityCode: z.string(), cityName: z.string(), cityNameEn: z.string() }).nullable(),
    distanceKm: z.number().nullable(),
    availableOn: z.string().openapi({ example: "2026-12-03" }),
    highlights: z.record(z.string(), Ranges).openapi({
      description:
        "Per field (brandName, modelName, modelCode, trimName, paintName, cityName), [start, end) ranges the text matched",
    }),
  })
  .openapi("SearchHit");

export const SearchResultSchema = z
  .object({
    total: z.number().int(),
    hits: z.array(SearchHitSchema),
    next: z.string().nullable().openapi({ description: "Pass as `after` for the next page; null on the last page" }),
    facets: z.object(
      Object.fromEntries(FACETS.map((facet) => [facet, z.array(Count)])) as Record<
        (typeof FACETS)[number],
        z.ZodArray<typeof Count>
      >,
    ),
    histograms: z.object(
      Object.fromEntries(
        RANGES.map((name) => [
          name,
          z.array(z.object({ min: z.number(), max: z.number().nullable(), count: z.number().int() })),
        ]),
      ) as Record<
        (typeof RANGES)[number],
        z.ZodArray<z.ZodObject<{ min: z.ZodNumber; max: z.ZodNullable<z.ZodNumber>; count: z.ZodNumber }>>
      >,
    ),
    delivery: z.array(z.object({ days: z.number().int(), count: z.number().int() })),
    relax: z.array(z.object({ filter: z.string(), total: z.number().int() })),
  })
  .openapi("SearchResult");
