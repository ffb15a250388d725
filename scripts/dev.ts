/**
 * `npm run dev`: the same local state as `npm start` (migrations applied, demo data seeded once),
 * served by `astro dev` with hot reload; pages, API, Durable Objects and the queue run in workerd.
 */
import { ensureDevVars, PERSIST_DIR, run, serve } from "./lib/run.ts";

ensureDevVars();
await run("wrangler", ["d1", "migrations", "apply", "DB", "--local", "--persist-to", PERSIST_DIR]);
await run("node", ["scripts/seed.ts"]);
await serve("astro", ["dev", "--host", "127.0.0.1", "--port", "4321"]);
