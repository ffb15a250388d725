/**
 * `npm test`: every check, in the order a failure is cheapest to find. Ends with one line
 * "test: N passed, N failed" counting the vitest tests of all three projects.
 *
 *   1. generated Worker types are current (wrangler types --check)
 *   2. typecheck: tsc and astro check
 *   3. lint and format: biome
 *   4. unit tests of domain/ and scripts/ in Node, integration tests inside workerd
 *   5. build, then `wrangler deploy --dry-run` with the bundle size printed
 *   6. end-to-end tests in headless Chromium against the built Worker
 *      (without Chromium: skipped with install instructions, except with CI=true, where it fails)
 */
import { existsSync, readFileSync, rmSync } from "node:fs";
import { buildSite } from "./build.ts";
import { ensureDevVars, run } from "./lib/run.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const REPORT = ".tmp/vitest-report.json";
const step = (name: string) => console.log(`\n▶ ${name}`);

type Report = { numPassedTests: number; numFailedTests: number };
const totals = { passed: 0, failed: 0 };

async function vitest(projects: string[]): Promise<void> {
  rmSync(REPORT, { force: true });
  const args = ["run", ...projects.flatMap((p) => ["--project", p]), "--reporter=default", "--reporter=json"];
  try {
    await run("vitest", [...args, `--outputFile.json=${REPORT}`]);
  } finally {
    if (existsSync(REPORT)) {
      const report = JSON.parse(readFileSync(REPORT, "utf8")) as Report;
      totals.passed += report.numPassedTests;
      totals.failed += report.numFailedTests;
    }
  }
}

try {
  ensureDevVars();
  step("worker types are current");
  await run("wrangler", ["types", "--check", "-c", "wrangler.toml"]);
  step("typecheck (tsc, astro check)");
  await run("tsc", ["--noEmit"]);
  await run("astro", ["check", "--minimumSeverity", "warning"]);
  step("lint and format (biome)");
  await run("biome", ["check", "."]);
  step("unit tests (Node) and integration tests (workerd)");
  await vitest(["domain", "workers"]);
  step("build and dry-run deploy");
  await buildSite();
  const deploy = await run("wrangler", ["deploy", "--dry-run", "--outdir", "dist-deploy"], { quiet: true });
  const size = deploy.match(/Total Upload:[^\n]*/)?.[0] ?? "Total Upload: (not reported)";
  console.log(`bundle: ${size.trim()}`);
  step("end-to-end tests (Chromium)");
  if (existsSync(CHROMIUM)) {
    await vitest(["e2e"]);
  } else if (process.env.CI === "true") {
    throw new Error(`Chromium is required in CI but missing at ${CHROMIUM}: apt-get install -y chromium`);
  } else {
    console.log(
      `SKIPPED: Chromium not found at ${CHROMIUM}. Install Debian's build with\n  sudo apt-get update && sudo apt-get install -y chromium\n(or set CHROMIUM_PATH), then run npm test again.`,
    );
  }
  console.log(`\ntest: ${totals.passed} passed, ${totals.failed} failed`);
} catch (error) {
  console.error(`\n${error instanceof Error ? error.message : error}`);
  console.log(`\ntest: ${totals.passed} passed, ${Math.max(1, totals.failed)} failed`);
  process.exit(1);
}
