import type { z } from "@hono/zod-openapi";
import { ProblemSchema } from "./problem.ts";

/**
 * An OpenAPI response with a JSON body of `schema`.
 * @example responses: { 200: json(BrandSchema, "One brand") }
 */
export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  description,
});

/**
 * An OpenAPI response with an RFC 9457 problem body.
 * @example responses: { 404: problemResponse("No such model") }
 */
export const problemResponse = (description: string) => ({
  content: { "application/problem+json": { schema: ProblemSchema } },
  description,
});
