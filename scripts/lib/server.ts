import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { QUIET_ENV } from "./run.ts";

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort(): Promise<number> {
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

/** Resolves once GET `url` answers 200; fails if `process` exits first or `timeoutMs` passes. */
export async function waitUntilServing(url: string, process: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (process.exitCode !== null) throw new Error(`the server exited with ${process.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

/**
 * Starts a command in its own process group, so that `stop()` ends it and every child it started
 * (wrangler → workerd) at once.
 * @example const server = startGroup("node_modules/.bin/wrangler", ["dev"]); …; server.stop();
 */
export function startGroup(command: string, args: string[], quiet = false) {
  const child = spawn(command, args, {
    stdio: ["ignore", quiet ? "ignore" : "inherit", "inherit"],
    env: { ...process.env, ...QUIET_ENV },
    detached: true,
  });
  return {
    child,
    stop(): void {
      if (child.pid && child.exitCode === null) {
        try {
          process.kill(-child.pid, "SIGTERM");
        } catch {
          // already gone
        }
      }
    },
  };
}

/**
 * Serves the built Worker with `wrangler dev` on a free port of 127.0.0.1, its local state in
 * `persistTo` (and the build `config` names, else wrangler.toml's); resolves once /api/health answers.
 * @example const worker = await serveWorker(".wrangler/e2e-state"); …; worker.stop();
 */
export async function serveWorker(
  persistTo: string,
  options: { config?: string; quiet?: boolean; timeoutMs?: number } = {},
): Promise<{ url: string; stop(): void }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = startGroup(
    "node_modules/.bin/wrangler",
    [
      "dev",
      ...(options.config ? ["-c", options.config] : []),
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--persist-to",
      persistTo,
      "--log-level",
      "warn",
      "--show-interactive-dev-session=false",
    ],
    options.quiet ?? false,
  );
  try {
    await waitUntilServing(`${url}/api/health`, server.child, options.timeoutMs ?? 120_000);
  } catch (error) {
    server.stop();
    throw error;
  }
  return { url, stop: server.stop };
}
