import type { RequestIdVariables } from "hono/request-id";

/** Hono environment of the API: the Worker's bindings and per-request variables. */
export type AppEnv = { Bindings: Env; Variables: RequestIdVariables };
