import { z } from "@hono/zod-openapi";
import {
  ADAS_LEVELS,
  BODY_TYPES,
  DEALER_SERVICES,
  DRIVES,
  OPTION_GROUP_KINDS,
  POWERTRAINS,
  SEAT_MATERIALS,
  WEEKDAYS,
} from "../../domain/catalog/types.ts";
import { CITY_TIERS } from "../../domain/geo/city-tier.ts";

const fen = z
  .number()
  .int()
  .nonnegative()
  .openapi({ description: "Amount in fen (分, 1/100 yuan)", example: 25990000 });
const slug = z.string().regex(/^[a-z0-9-]{1,64}$/);

export const MediaSchema = z
  .object({
    url: z.string().openapi({ example: "/api/media/images/3f2a9c1d0b7e4a55.svg" }),
    contentType: z.string(),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    alt: z.string(),
    altEn: z.string(),
    role: z.enum(["hero", "side", "model3d", "model3d-lite", "swatch"]),
  })
  .openapi("Media");

export const BrandSchema = z
  .object({
    id: z.string(),
    slug,
    name: z.string().openapi({ example: "星驰" }),
    nameEn: z.string().openapi({ example: "Xingchi" }),
    tagline: z.string(),
    taglineEn: z.string(),
    accentColor: z.string(),
    founded: z.number().int(),
    modelCount: z.number().int(),
  })
  .openapi("Brand");

const BrandRefSchema = BrandSchema.pick({ slug: true, name: true, nameEn: true, accentColor: true });

export const ModelSummarySchema = z
  .object({
    id: z.string(),
    slug,
    code: z.string(),
    name: z.string(),
    nameEn: z.string(),
    bodyType: z.enum(BODY_TYPES),
    summary: z.string(),
    summaryEn: z.string(),
    launchedOn: z.string(),
    popularity: z.number().int(),
    brand: BrandRefSchema,
    fromPriceFen: fen,
    toPriceFen: fen,
    powertrains: z.array(z.enum(POWERTRAINS)),
    maxRangeKm: z.number().int().nullable(),
    bestZeroToHundredS: z.number(),
    trimCount: z.number().int(),
    image: MediaSchema.nullable(),
  })
  .openapi("ModelSummary");

export const TrimSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    nameEn: z.string(),
    priceFen: fen,
    powertrain: z.enum(POWERTRAINS),
    cltcRangeKm: z.number().int().nullable(),
    electricRangeKm: z.number().int().nullable(),
    batteryKwh: z.number().nullable(),
    fuelLPer100km: z.number().nullable(),
    zeroToHundredS: z.number(),
    powerKw: z.number().int(),
    torqueNm: z.number().int(),
    topSpeedKmh: z.number().int(),
    seats: z.number().int(),
    seatMaterial: z.enum(SEAT_MATERIALS),
    drive: z.enum(DRIVES),
    lengthMm: z.number().int(),
    widthMm: z.number().int(),
    heightMm: z.number().int(),
    wheelbaseMm: z.number().int(),
    curbWeightKg: z.number().int(),
    adasLevel: z.enum(ADAS_LEVELS),
    peakChargeKw: z.number().int().nullable(),
  })
  .openapi("Trim");

export const OptionSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    nameEn: z.string(),
    priceFen: fen,
    swatch: z.string().nullable(),
    standardOn: z.array(z.string()).openapi({ description: "Ids of the trims that fit this option as standard" }),
    offeredOn: z.array(z.string()).openapi({ description: "Ids of the trims that offer this option" }),
  })
  .openapi("Option");

export const OptionGroupSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    nameEn: z.string(),
    kind: z.enum(OPTION_GROUP_KINDS),
    selection: z.enum(["one", "any"]),
    options: z.array(OptionSchema),
  })
  .openapi("OptionGroup");

export const ModelDetailSchema = ModelSummarySchema.extend({
  trims: z.array(TrimSchema),
  optionGroups: z.array(OptionGroupSchema),
  media: z.array(MediaSchema),
}).openapi("ModelDetail");

export const ModelListQuerySchema = z.object({
  brand: slug.optional().openapi({ param: { name: "brand", in: "query" }, example: "xingchi" }),
  bodyType: z
    .enum(BODY_TYPES)
    .optional()
    .openapi({ param: { name: "bodyType", in: "query" } }),
});

export const ModelParamsSchema = z.object({
  slug: slug.openapi({ param: { name: "slug", in: "path" }, example: "xingchi-s7" }),
});

export const CitySchema = z
  .object({
    code: z.string().openapi({ example: "440300" }),
    name: z.string().openapi({ example: "深圳市" }),
    pinyin: z.string().openapi({ example: "Shenzhen" }),
    province: z.string(),
    provinceEn: z.string(),
    lat: z.number(),
    lon: z.number(),
    tier: z.enum(CITY_TIERS),
  })
  .openapi("City");

const OpeningHoursSchema = z.partialRecord(z.enum(WEEKDAYS), z.object({ open: z.string(), close: z.string() }));

export const DealerSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    nameEn: z.string(),
    brand: BrandRefSchema,
    city: CitySchema.pick({ code: true, name: true, pinyin: true, tier: true }),
    address: z.string(),
    addressEn: z.string(),
    lat: z.number(),
    lon: z.number(),
    phone: z.string(),
    hours: OpeningHoursSchema,
    services: z.array(z.enum(DEALER_SERVICES)),
    distanceKm: z.number().nullable().openapi({ description: "Distance from the point asked for, if any" }),
  })
  .openapi("Dealer");

export const DealerListQuerySchema = z
  .object({
    city: z
      .string()
      .regex(/^\d{6}$/, "城市代码为 6 位数字 / A city code has 6 digits")
      .optional()
      .openapi({ param: { name: "city", in: "query" }, example: "440300" }),
    brand: slug.optional().openapi({ param: { name: "brand", in: "query" } }),
    lat: z.coerce
      .number()
      .min(-90)
      .max(90)
      .optional()
      .openapi({ param: { name: "lat", in: "query" } }),
    lon: z.coerce
      .number()
      .min(-180)
      .max(180)
      .optional()
      .openapi({ param: { name: "lon", in: "query" } }),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(100)
      .default(50)
      .openapi({ param: { name: "limit", in: "query" } }),
  })
  .refine((q) => (q.lat === undefined) === (q.lon === undefined), {
    message: "lat 和 lon 需同时提供 / lat and lon go together",
    path: ["lat"],
  });

export const CityListQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .max(40)
    .optional()
    .openapi({ param: { name: "q", in: "query" }, example: "深圳" }),
  withDealers: z
    .enum(["true", "false"])
    .optional()
    .openapi({ param: { name: "withDealers", in: "query" } }),
});
