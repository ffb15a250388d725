/**
 * `npm start`: build, apply D1 migrations locally, seed demo data (once), put the generated images
 * into local R2, and serve the store on http://127.0.0.1:8787 in workerd. State lives in .wrangler/state.
 *
 *   npm start -- [--port 8787] [--inventory 5000] [--skip-build] [--persist-to .wrangler/state]
 */
import { parseArgs } from "node:util";
import { buildSite } from "./build.ts";
import { ensureDevVars, PERSIST_DIR, run, serve } from "./lib/run.ts";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "8787" },
    inventory: { type: "string", default: "5000" },
    "skip-build": { type: "boolean", default: false },
    "persist-to": { type: "string", default: PERSIST_DIR },
  },
});

ensureDevVars();
if (!values["skip-build"]) await buildSite();
const persistTo = values["persist-to"];
await run("wrangler", ["d1", "migrations", "apply", "DB", "--local", "--persist-to", persistTo]);
await run("node", ["scripts/seed.ts", "--inventory", values.inventory, "--persist-to", persistTo]);
console.log(`\nMarque is starting on http://127.0.0.1:${values.port}\n`);
await serve("wrangler", [
  "dev",
  "--ip",
  "127.0.0.1",
  "--port",
  values.port,
  "--persist-to",
  persistTo,
  "--log-level",
  "warn",
  "--show-interactive-dev-session=false",
]);
