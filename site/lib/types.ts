import type { z } from "@hono/zod-openapi";
import type { DealerSchema, ModelDetailSchema, ModelSummarySchema } from "../../worker/schemas/catalog.ts";

export type ModelSummary = z.infer<typeof ModelSummarySchema>;
export type ModelDetail = z.infer<typeof ModelDetailSchema>;
export type Dealer = z.infer<typeof DealerSchema>;
