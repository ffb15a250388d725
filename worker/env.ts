import type { RequestIdVariables } from "hono/request-id";

/**
 * Hono environment of the API: the Worker's bindings and per-request variables.
 * `Env` comes from `wrangler types` (worker-configuration.d.ts), which also picks up the secrets
 * listed in .dev.vars. Secrets are never in wrangler.toml: in production `wrangler secret put NAME`,
 * locally `scripts/lib/run.ts` generates them into .dev.vars.
 * - `PII_KEY`: base64 of 32 random bytes; worker/pii.ts derives the AES-GCM, blind-index and
 *   manage-token keys from it.
 * - `VISITOR_KEY`: base64 of 32 random bytes; signs the visitor cookie (worker/edge.ts). Without it
 *   every visitor is treated as new and no history is kept.
 */
export type AppEnv = { Bindings: Env; Variables: RequestIdVariables };
