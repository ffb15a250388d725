import type { z } from "@hono/zod-openapi";
import type { DealerSchema, ModelDetailSchema, ModelSummarySchema } from "../../worker/schemas/catalog.ts";
import type { SearchHitSchema, SearchResultSchema } from "../../worker/schemas/search.ts";

export type ModelSummary = z.infer<typeof ModelSummarySchema>;
export type ModelDetail = z.infer<typeof ModelDetailSchema>;
export type Dealer = z.infer<typeof DealerSchema>;
export type SearchResult = z.infer<typeof SearchResultSchema>;
export type SearchHit = z.infer<typeof SearchHitSchema>;
