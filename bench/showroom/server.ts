/**
 * The built Worker for the showroom benchmark, served by wrangler dev from a private copy of dist/
 * (built and copied under the build lock, so that other builds neither tear it nor wait for the
 * whole run), with its own local state: migrations applied and the demo store seeded (GLBs
 * included, cached).
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { ensureDevVars, run } from "../../scripts/lib/run.ts";
import { serveWorker } from "../../scripts/lib/server.ts";

export const PERSIST = ".wrangler/bench-showroom";
export const DIST = ".wrangler/bench-showroom-dist";
/** The lock every build of dist/ is taken under. */
const BUILD_LOCK = "/tmp/marque-e2e.lock";

/** Where the build's output goes when the benchmark builds. */
export const BUILD_LOG = ".wrangler/bench-showroom-build.log";

/**
 * Builds (`npm run build`, unless `build` is false: then the dist/ there is) and copies dist/ to
 * DIST, both under the build lock; points the copy's config at the repository's migrations.
 */
export function copyBuild(build: boolean): string {
  rmSync(DIST, { recursive: true, force: true });
  const script = `${build ? `npm run build > ${BUILD_LOG} 2>&1 && ` : ""}test -f dist/server/wrangler.json && cp -a dist ${DIST}`;
  const copied = spawnSync("flock", [BUILD_LOCK, "sh", "-c", script], { stdio: "inherit" });
  if (copied.status !== 0)
    throw new Error(build ? `the build failed: see ${BUILD_LOG}` : "no dist/ build: run `npm run build` first");
  const config = `${DIST}/server/wrangler.json`;
  const json = JSON.parse(readFileSync(config, "utf8")) as { d1_databases?: { migrations_dir?: string }[] };
  for (const db of json.d1_databases ?? []) db.migrations_dir = resolve("migrations");
  writeFileSync(config, JSON.stringify(json));
  return config;
}

/**
 * The built JavaScript files of the 3D view: the scene chunk the viewer island imports and the
 * chunks Vite preloads with it (its `__vite__mapDeps` list), as /_astro/… paths; not the chunks
 * the island imports statically itself (Vite's preload helper), which every visitor loads.
 */
export function threeDChunks(): Set<string> {
  const dir = `${DIST}/client/_astro`;
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".js"))) {
    const source = readFileSync(`${dir}/${file}`, "utf8");
    const list = /__vite__mapDeps=.*?m\.f=\[([^\]]*)\]/.exec(source)?.[1];
    if (!list || !/"_astro\/scene\.[^"]+\.js"/.test(list)) continue;
    const island = new Set([...source.matchAll(/from"\.\/([^"]+\.js)"/g)].map((m) => `/_astro/${m[1]}`));
    return new Set(
      [...list.matchAll(/"(_astro\/[^"]+\.js)"/g)].map((m) => `/${m[1]}`).filter((path) => !island.has(path)),
    );
  }
  throw new Error(`no chunk in ${dir} imports the 3D scene chunk (_astro/scene.*.js)`);
}

/** Applies migrations, seeds, starts wrangler dev on a free port; answers its URL and how to stop it. */
export async function startWorker(config: string) {
  ensureDevVars();
  const started = performance.now();
  await run("wrangler", ["d1", "migrations", "apply", "DB", "--local", "--persist-to", PERSIST, "-c", config], {
    quiet: true,
  });
  await run("node", ["scripts/seed.ts", "--inventory", "500", "--persist-to", PERSIST], { quiet: true });
  const { url, stop } = await serveWorker(PERSIST, { config, quiet: true });
  return { url, stop, setupSeconds: (performance.now() - started) / 1000 };
}
