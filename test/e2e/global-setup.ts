import { type ChildProcess, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { createServer } from "node:net";
import type { TestProject } from "vitest/node";
import { QUIET_ENV, run } from "../../scripts/lib/run.ts";

const PERSIST = ".wrangler/e2e-state";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

async function waitForHealth(base: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`wrangler dev exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("the built Worker did not become healthy within 60 s");
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
  rmSync(PERSIST, { recursive: true, force: true });
  await run("wrangler", ["d1", "migrations", "apply", "DB", "--local", "--persist-to", PERSIST], { quiet: true });
  await run("node", ["scripts/seed.ts", "--inventory", "500", "--persist-to", PERSIST], { quiet: true });
  const port = await freePort();
  const server = spawn(
    "node_modules/.bin/wrangler",
    [
      "dev",
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--persist-to",
      PERSIST,
      "--log-level",
      "warn",
      "--show-interactive-dev-session=false",
    ],
    { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, ...QUIET_ENV }, detached: true },
  );
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(base, server);
  } catch (error) {
    if (server.pid) process.kill(-server.pid, "SIGTERM");
    throw error;
  }
  project.provide("baseURL", base);
  return () => {
    if (server.pid && server.exitCode === null) process.kill(-server.pid, "SIGTERM");
  };
}
