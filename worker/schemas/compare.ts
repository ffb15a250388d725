import { z } from "@hono/zod-openapi";
import { MAX_COMPARED_TRIMS } from "../../domain/catalog/compare.ts";
import { MediaSchema } from "./catalog.ts";

const TRIM_ID = "[A-Za-z0-9:._-]{1,100}";

/**
 * The trim ids of `?trims=a,b,c`, in order.
 * @example trimIdsOf("s05:pro,s07:max") // ["s05:pro", "s07:max"]
 */
export const trimIdsOf = (trims: string) => trims.split(",");

export const CompareQuerySchema = z.object({
  trims: z
    .string()
    .regex(new RegExp(`^${TRIM_ID}(?:,${TRIM_ID})*$`), "以逗号分隔的版本 id / Comma-separated trim ids, at least one")
    .refine(
      (trims) => trimIdsOf(trims).length <= MAX_COMPARED_TRIMS,
      `最多对比 ${MAX_COMPARED_TRIMS} 款 / Compare at most ${MAX_COMPARED_TRIMS} trims`,
    )
    .refine(
      (trims) => new Set(trimIdsOf(trims)).size === trimIdsOf(trims).length,
      "同一版本只能出现一次 / Each trim may appear only once",
    )
    .openapi({
      param: { name: "trims", in: "query" },
      description: `1–${MAX_COMPARED_TRIMS} distinct trim ids, comma-separated; columns follow this order`,
      example: "stellan-s05:lr-rwd,stellan-s07:pro",
    }),
});

const fen = z.number().int().nonnegative().openapi({ description: "Amount in fen (分, 1/100 yuan)" });
const BilingualSchema = z.object({ zh: z.string(), en: z.string() });
const NamedSchema = z.object({ name: z.string(), nameEn: z.string() });

const CompareColumnSchema = z
  .object({
    brand: NamedSchema.extend({ slug: z.string() }),
    model: NamedSchema.extend({ slug: z.string() }),
    trim: NamedSchema.extend({ id: z.string() }),
    image: MediaSchema.pick({ url: true, alt: true, altEn: true, width: true, height: true }).nullable(),
    priceFen: fen,
    standardValueFen: fen.openapi({
      description: "List value of the options this trim fits as standard; the price already includes them",
    }),
  })
  .openapi("CompareColumn");

const CompareCellSchema = z
  .discriminatedUnion("kind", [
    z.object({
      kind: z.literal("spec"),
      value: z.union([z.number(), z.string()]).nullable().openapi({ description: "What is compared" }),
      text: BilingualSchema.openapi({ description: "What is shown" }),
    }),
    z.object({
      kind: z.literal("equipment"),
      status: z.enum(["standard", "optional", "unavailable"]),
      priceFen: fen.nullable().openapi({ description: "Price of the option when it is optional" }),
      text: BilingualSchema,
    }),
  ])
  .openapi("CompareCell");

const CompareRowSchema = z
  .object({
    key: z.string(),
    label: BilingualSchema,
    swatch: z.string().nullable(),
    differs: z.boolean().openapi({ description: "Whether the cells of this row are not all the same" }),
    cells: z.array(CompareCellSchema).openapi({ description: "One cell per column" }),
  })
  .openapi("CompareRow");

export const ComparisonSchema = z
  .object({
    columns: z.array(CompareColumnSchema),
    sections: z.array(z.object({ key: z.string(), title: BilingualSchema, rows: z.array(CompareRowSchema) })),
  })
  .openapi("Comparison");

export const CompareChoicesSchema = z
  .object({
    models: z.array(
      NamedSchema.extend({
        slug: z.string(),
        brand: NamedSchema,
        trims: z.array(NamedSchema.extend({ id: z.string(), priceFen: fen })),
      }),
    ),
  })
  .openapi("CompareChoices");
