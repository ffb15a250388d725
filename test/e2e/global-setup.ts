import { rmSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { run } from "../../scripts/lib/run.ts";
import { serveWorker } from "../../scripts/lib/server.ts";

export const E2E_PERSIST = ".wrangler/e2e-state";

/**
 * Runs SQL on the e2e Worker's local D1 (wrangler d1 execute) and answers the result rows.
 * @example const [{ n }] = await e2eSql<{ n: number }>("SELECT count(*) AS n FROM orders")
 */
export async function e2eSql<Row>(sql: string): Promise<Row[]> {
  const args = ["d1", "execute", "DB", "--local", "--persist-to", E2E_PERSIST, "--json", "--command", sql];
  const output = await run("wrangler", args, { quiet: true });
  return (JSON.parse(output.slice(output.indexOf("["))) as { results: Row[] }[])[0]?.results ?? [];
}

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
  const worker = await serveWorker(E2E_PERSIST, { timeoutMs: 60_000 });
  project.provide("baseURL", worker.url);
  return () => worker.stop();
}
