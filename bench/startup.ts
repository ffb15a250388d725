/**
 * Benchmark: how long `npm start` takes from an empty local state to a served home page with demo
 * data (budget: one minute on these machines), how long a second start takes (seeding is a no-op),
 * and how long seeding a 100,000-vehicle inventory takes next to the default 5,000.
 *
 *   npm run bench -- startup
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../scripts/lib/run.ts";
import { freePort, startGroup, waitUntilServing } from "../scripts/lib/server.ts";

const BUDGET_S = 60;

async function timeStart(persistTo: string, extra: string[] = []): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const server = startGroup(
    "node_modules/.bin/node",
    ["scripts/start.ts", "--port", String(port), "--persist-to", persistTo, ...extra],
    true,
  );
  try {
    await waitUntilServing(`http://127.0.0.1:${port}/`, server.child, 180_000);
    const html = await (await fetch(`http://127.0.0.1:${port}/`)).text();
    if (!html.includes("article")) throw new Error("the home page has no models");
    return (performance.now() - started) / 1000;
  } finally {
    server.stop();
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function timeSeed(persistTo: string, inventory: number): Promise<number> {
  await run("wrangler", ["d1", "migrations", "apply", "DB", "--local", "--persist-to", persistTo], { quiet: true });
  const started = performance.now();
  await run("node", ["scripts/seed.ts", "--inventory", String(inventory), "--persist-to", persistTo], { quiet: true });
  return (performance.now() - started) / 1000;
}

const root = mkdtempSync(join(tmpdir(), "marque-bench-"));
try {
  const state = join(root, "state");
  const cold = await timeStart(state);
  const warm = await timeStart(state);
  const warmNoBuild = await timeStart(state, ["--skip-build"]);
  const seed5k = await timeSeed(join(root, "seed-5k"), 5_000);
  const seed100k = await timeSeed(join(root, "seed-100k"), 100_000);
  console.table([
    {
      measure: "npm start, empty state → home page served (build + migrate + seed + serve)",
      seconds: cold.toFixed(1),
      budget: `${BUDGET_S} s`,
      within: cold <= BUDGET_S ? "yes" : "NO",
    },
    {
      measure: "npm start again (seed is a no-op)",
      seconds: warm.toFixed(1),
      budget: `${BUDGET_S} s`,
      within: warm <= BUDGET_S ? "yes" : "NO",
    },
    { measure: "npm start -- --skip-build (already built)", seconds: warmNoBuild.toFixed(1), budget: "—", within: "" },
    { measure: "seed 5,000 vehicles (default)", seconds: seed5k.toFixed(1), budget: "baseline", within: "" },
    {
      measure: "seed 100,000 vehicles (benchmarks)",
      seconds: seed100k.toFixed(1),
      budget: `${(seed100k / seed5k).toFixed(1)}× the 5,000 seed`,
      within: "",
    },
  ]);
} finally {
  rmSync(root, { recursive: true, force: true });
}
