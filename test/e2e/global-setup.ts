import { rmSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { run } from "../../scripts/lib/run.ts";
import { freePort, startGroup, waitUntilServing } from "../../scripts/lib/server.ts";

export const E2E_PERSIST = ".wrangler/e2e-state";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
  }
}

/**
 * Serves the built Worker (dist/, from `npm run build`) with wrangler dev on a free port, with its
 * own fresh local state: migrations applied and a small demo store seeded.
 */
export default async function setup(project: TestProject) {
  rmSync(E2E_PERSIST, { recursive: true, force: true });
  await run("wrangler", ["d1", "migrations", "apply", "DB", "--local", "--persist-to", E2E_PERSIST], { quiet: true });
  await run("node", ["scripts/seed.ts", "--inventory", "500", "--persist-to", E2E_PERSIST], { quiet: true });
  const port = await freePort();
  const server = startGroup("node_modules/.bin/wrangler", [
    "dev",
    "--ip",
    "127.0.0.1",
    "--port",
    String(port),
    "--persist-to",
    E2E_PERSIST,
    "--log-level",
    "warn",
    "--show-interactive-dev-session=false",
  ]);
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitUntilServing(`${base}/api/health`, server.child);
  } catch (error) {
    server.stop();
    throw error;
  }
  project.provide("baseURL", base);
  return () => server.stop();
}
