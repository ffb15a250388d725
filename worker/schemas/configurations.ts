import { z } from "@hono/zod-openapi";
import { SAVED_CONFIGURATION_LIMIT, THUMBNAIL_MAX_CHARS } from "../../domain/configurator/saved-configuration.ts";

const slug = z.string().regex(/^[a-z0-9-]{1,64}$/);

export const SaveConfigurationSchema = z
  .object({
    model: slug.openapi({ example: "stellan-s05" }),
    version: z
      .number()
      .int()
      .positive()
      .optional()
      .openapi({ description: "The rule base version the shopper configured on; the latest when left out" }),
    options: z
      .array(z.string().min(1).max(200))
      .min(1)
      .max(500)
      .openapi({ description: "Every option of the configuration, the trim's code included" }),
    name: z
      .string()
      .trim()
      .min(1)
      .max(60)
      .optional()
      .openapi({ description: "The shopper's name for it; the list shows the model and trim without one" }),
    thumbnail: z
      .string()
      .max(THUMBNAIL_MAX_CHARS)
      .regex(
        /^data:image\/(?:jpeg|png|webp);base64,[A-Za-z0-9+/]+={0,2}$/,
        "须为 JPEG、PNG 或 WebP 图片 / must be a JPEG, PNG or WebP data URL",
      )
      .optional()
      .openapi({
        description: "A small picture of the configured car (data URL, at most 32 KiB), shown only to the owner",
      }),
  })
  .openapi("SaveConfiguration");

export const SavedConfigurationSchema = z
  .object({
    id: z.string().openapi({ example: "cfg_3k9x0q7m2r5t8w1y4z6a" }),
    model: z.object({ slug: z.string(), name: z.string(), nameEn: z.string() }),
    trim: z.object({ id: z.string(), name: z.string(), nameEn: z.string() }),
    version: z.number().int(),
    options: z.array(z.string()),
    name: z.string().nullable(),
    priceFen: z.number().int().openapi({ description: "The server's price when it was saved, fen" }),
    pricedOn: z.string().openapi({ description: "The day of that price (Asia/Shanghai)", example: "2026-11-28" }),
    currentPriceFen: z.number().int().nullable().openapi({
      description:
        "Today's price of the same options on the same rule-base version, fen (Asia/Shanghai); null when that version cannot price them any more",
    }),
    createdAt: z.string(),
    shareUrl: z.string().openapi({
      description: "The configure page with this configuration in its URL",
      example: "/models/stellan-s05/configure?c=trim:pro,paint:blue",
    }),
    thumbnailUrl: z.string().nullable().openapi({ description: "The saved picture (owner only), or null" }),
    imageUrl: z
      .string()
      .nullable()
      .openapi({ description: "The model's side picture, for configurations without one" }),
  })
  .openapi("SavedConfiguration");

export const SavedConfigurationListSchema = z
  .object({
    configurations: z.array(SavedConfigurationSchema),
    limit: z.number().int().openapi({ example: SAVED_CONFIGURATION_LIMIT }),
  })
  .openapi("SavedConfigurationList");

export const SavedConfigurationParamsSchema = z.object({
  id: z
    .string()
    .regex(/^cfg_[a-z0-9]{20}$/)
    .openapi({ param: { name: "id", in: "path" }, example: "cfg_3k9x0q7m2r5t8w1y4z6a" }),
});
