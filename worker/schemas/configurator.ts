import { z } from "@hono/zod-openapi";

const slug = z.string().regex(/^[a-z0-9-]{1,64}$/);

export const ProductModelParamsSchema = z.object({
  slug: slug.openapi({ param: { name: "slug", in: "path" }, example: "stellan-s05" }),
});

export const ProductModelDocumentSchema = z
  .object({ modelId: z.string(), version: z.number().int(), body: z.record(z.string(), z.unknown()) })
  .openapi("ProductModelDocument", {
    description:
      "A model's configurator rule base (options, groups, rules, prices); the browser runs the same engine on it",
  });

export const ValidateConfigurationSchema = z
  .object({
    model: slug.openapi({ example: "stellan-s05" }),
    version: z.number().int().positive(),
    options: z.array(z.string().min(1).max(200)).min(1).max(500),
    priceFen: z.number().int().nonnegative().openapi({ description: "The price the shopper was shown, in fen" }),
    province: z.string().max(20).optional(),
  })
  .openapi("ValidateConfiguration");

const PriceLineSchema = z.object({
  option: z.string(),
  name: z.object({ zh: z.string(), en: z.string() }),
  listPriceFen: z.number().int(),
  priceFen: z.number().int(),
  rule: z.object({ zh: z.string(), en: z.string() }).optional(),
});

export const ValidatedConfigurationSchema = z
  .object({ priceFen: z.number().int(), lines: z.array(PriceLineSchema), date: z.string() })
  .openapi("ValidatedConfiguration");
