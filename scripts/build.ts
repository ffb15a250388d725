/**
 * Production build: copies the vendored API-reference bundle into the static assets (the store
 * loads nothing from CDNs), then builds the Astro site and the Worker into dist/.
 */
import { copyFileSync, mkdirSync } from "node:fs";
import { run } from "./lib/run.ts";

export async function buildSite(): Promise<void> {
  mkdirSync("public/vendor/scalar", { recursive: true });
  copyFileSync("node_modules/@scalar/api-reference/dist/browser/standalone.js", "public/vendor/scalar/standalone.js");
  await run("astro", ["build"]);
}

if (import.meta.main) await buildSite();
