import { spawn } from "node:child_process";
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";

/** Environment for every tool we start: offline, quiet, no telemetry. */
export const QUIET_ENV = {
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_SEND_ERROR_REPORTS: "false",
  WRANGLER_HIDE_BANNER: "true",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  ASTRO_TELEMETRY_DISABLED: "1",
};

/**
 * Runs a binary from node_modules/.bin (on Node 22, as npm scripts do) and resolves when it exits 0.
 * @example await run("wrangler", ["d1", "migrations", "apply", "DB", "--local"])
 */
export function run(bin: string, args: string[], options: { env?: Record<string, string>; quiet?: boolean } = {}) {
  return new Promise<string>((resolve, reject) => {
    const child = spawn(`node_modules/.bin/${bin}`, args, {
      stdio: options.quiet ? ["ignore", "pipe", "pipe"] : ["ignore", "inherit", "inherit"],
      env: { ...process.env, ...QUIET_ENV, ...options.env },
    });
    let output = "";
    child.stdout?.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr?.on("data", (chunk) => {
      output += chunk;
    });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${bin} ${args.join(" ")} exited with ${code}\n${output}`)),
    );
  });
}

/**
 * Makes sure .dev.vars exists, so that wrangler does not hand the .env tool settings to the Worker
 * as secrets. Local development secrets are generated per machine and never committed; a
 * .dev.vars from before a secret existed gets that secret appended.
 */
export function ensureDevVars(): void {
  if (!existsSync(".dev.vars")) {
    writeFileSync(
      ".dev.vars",
      "# Local development values (generated, not committed). Production secrets: wrangler secret put NAME\nENVIRONMENT=development\n",
    );
  }
  const secrets = [
    ["PII_KEY", "Key for personal data at rest (worker/pii.ts)"],
    ["VISITOR_KEY", "Key that signs the visitor cookie (worker/edge.ts)"],
    ["PAYMENT_WEBHOOK_SECRET", "Signs the payment simulator's webhooks (domain/payment/signature.ts)"],
  ];
  for (const [name, purpose] of secrets) {
    const vars = readFileSync(".dev.vars", "utf8");
    if (new RegExp(`^${name}=`, "m").test(vars)) continue;
    const key = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64");
    const newline = vars === "" || vars.endsWith("\n") ? "" : "\n";
    appendFileSync(".dev.vars", `${newline}# ${purpose}\n${name}=${key}\n`);
  }
}

/** Where local D1, R2, KV, Queue and Durable Object state lives (wrangler's --persist-to). */
export const PERSIST_DIR = ".wrangler/state";

/**
 * Runs a long-lived server in the foreground: stops it on Ctrl-C or SIGTERM, and exits with its code.
 * @example await serve("wrangler", ["dev", "--port", "8787"])
 */
export function serve(bin: string, args: string[]): Promise<never> {
  const child = spawn(`node_modules/.bin/${bin}`, args, { stdio: "inherit", env: { ...process.env, ...QUIET_ENV } });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  return new Promise((_, reject) => {
    child.on("error", reject);
    child.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
  });
}
