import type { Hook } from "@hono/zod-openapi";
import type { AppEnv } from "./env.ts";
import { fieldErrors, problem } from "./problem.ts";

/** Turns a failed zod validation into a 400 problem+json with a field path for each error. */
export const validationHook: Hook<unknown, AppEnv, string, unknown> = (result, c) => {
  if (result.success) return;
  const where = result.target === "param" ? "path" : result.target;
  return problem(c, "validation", "请检查标出的字段 / Check the fields listed in errors", {
    errors: fieldErrors(where, result.error.issues),
  });
};
