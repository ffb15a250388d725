import { z } from "@hono/zod-openapi";
import { WEEKDAYS } from "../../domain/catalog/types.ts";
import { DealerSchema } from "./catalog.ts";

const id = z.string().regex(/^[\w:.-]{1,80}$/, "无效的编号 / Not a valid id");
const coordinate = (name: "lat" | "lon", limit: number) =>
  z.coerce
    .number()
    .min(-limit)
    .max(limit)
    .optional()
    .openapi({ param: { name, in: "query" }, description: "The visitor's position, for `distanceKm`" });

export const DealerDetailParamsSchema = z.object({
  id: id.openapi({ param: { name: "id", in: "path" }, example: "xingchi-440300-1" }),
});

export const DealerDetailQuerySchema = z
  .object({
    trim: id.optional().openapi({
      param: { name: "trim", in: "query" },
      description: "A configured trim: adds its stock here and at the nearest other dealers",
    }),
    lat: coordinate("lat", 90),
    lon: coordinate("lon", 180),
  })
  .refine((q) => (q.lat === undefined) === (q.lon === undefined), {
    message: "lat 和 lon 需同时提供 / lat and lon go together",
    path: ["lat"],
  });

const count = z.number().int().nonnegative();

const ColourStockSchema = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  swatch: z.string().nullable().openapi({ description: "CSS colour of the paint" }),
  inStock: count,
  inTransit: count,
});

const TrimStockSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    nameEn: z.string(),
    priceFen: count,
    inStock: count.openapi({ description: "Vehicles at the dealer, ready to hand over" }),
    inTransit: count.openapi({ description: "Vehicles on their way to the dealer" }),
    colours: z.array(ColourStockSchema),
  })
  .openapi("DealerTrimStock");

const ModelRefSchema = z.object({ id: z.string(), slug: z.string(), name: z.string(), nameEn: z.string() });

const ModelStockSchema = ModelRefSchema.extend({ trims: z.array(TrimStockSchema) }).openapi("DealerModelStock");

const DemoTrimSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    nameEn: z.string(),
    model: ModelRefSchema,
    cars: count.openapi({ description: "Demo cars of the trim: the capacity of each test-drive slot" }),
  })
  .openapi("DealerDemoTrim");

const OtherDealerStockSchema = z.object({
  id: z.string(),
  name: z.string(),
  nameEn: z.string(),
  address: z.string(),
  addressEn: z.string(),
  phone: z.string(),
  city: z.object({ code: z.string(), name: z.string(), pinyin: z.string() }),
  distanceKm: z.number().openapi({ description: "From this dealer" }),
  inStock: count,
  inTransit: count,
});

export const DealerDetailSchema = DealerSchema.extend({
  today: z.enum(WEEKDAYS).openapi({ description: "Today in Asia/Shanghai" }),
  openNow: z.boolean().openapi({ description: "Open at this moment, by its hours in Asia/Shanghai" }),
  stock: z.array(ModelStockSchema).openapi({ description: "Vehicles in stock or in transit, by model and trim" }),
  demoTrims: z.array(DemoTrimSchema).openapi({ description: "Trims that can be test-driven here" }),
  configured: z
    .object({
      trim: DemoTrimSchema.omit({ cars: true }),
      here: TrimStockSchema.nullable().openapi({ description: "null if this dealer has none" }),
      elsewhere: z.array(OtherDealerStockSchema).openapi({ description: "Nearest other dealers that have it" }),
    })
    .nullable()
    .openapi({ description: "Stock of the trim asked for with `?trim=`" }),
}).openapi("DealerDetail");
