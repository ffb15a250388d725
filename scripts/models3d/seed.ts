/**
 * Generates the 3D models of every catalogue model, puts them into R2 under their content hash and
 * records them in D1's `media`: role `model3d` at full detail, and `model3d-lite`, a coarser mesh
 * with the same nodes that the viewer loads where WebGL is drawn by the CPU. Generation is cached
 * on disk by the hash of its input (the spec, the detail and the generator's source), so an
 * unchanged model is not rebuilt on `npm start`.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Database } from "../../worker/db/client.ts";
import { schema } from "../../worker/db/client.ts";
import type { DemoData } from "../demo/rows.ts";
import { FULL_DETAIL, LITE_DETAIL } from "./car.ts";
import { carGlb } from "./export.ts";
import { type CarSpec, carSpecs } from "./spec.ts";
import { GLB_CONTENT_TYPE, storeGlb } from "./store.ts";

const CACHE_DIR = "node_modules/.cache/marque-models3d";
const GENERATOR_FILES = ["car.ts", "geometry.ts", "spec.ts", "export.ts"].map((file) => new URL(file, import.meta.url));
const BABYLON_VERSION = (
  JSON.parse(readFileSync("node_modules/@babylonjs/serializers/package.json", "utf8")) as { version: string }
).version;

/** The two GLBs of every model: their media role and detail. */
const VERSIONS = [
  { role: "model3d", detail: FULL_DETAIL, label: "三维模型", labelEn: "3D model" },
  { role: "model3d-lite", detail: LITE_DETAIL, label: "三维模型（精简）", labelEn: "light 3D model" },
] as const;

/** Hash of everything a model's bytes depend on. */
function inputHash(spec: CarSpec, detail: number): string {
  const hash = createHash("sha256").update(BABYLON_VERSION).update(JSON.stringify({ spec, detail }));
  for (const file of GENERATOR_FILES) hash.update(readFileSync(file));
  return hash.digest("hex").slice(0, 32);
}

/** The GLB of a spec, from the cache when its input is unchanged. */
async function cachedGlb(spec: CarSpec, detail: number): Promise<{ glb: Uint8Array<ArrayBuffer>; generated: boolean }> {
  const file = join(CACHE_DIR, `${inputHash(spec, detail)}.glb`);
  try {
    return { glb: new Uint8Array(readFileSync(file)), generated: false };
  } catch {
    const glb = await carGlb(spec, detail);
    mkdirSync(CACHE_DIR, { recursive: true });
    writeFileSync(file, glb);
    return { glb, generated: true };
  }
}

/**
 * Generates (or takes from the cache), uploads and records every model's GLB; prints what it did.
 * @example await seedCarModels(proxy.env.MEDIA, db, demo)
 */
export async function seedCarModels(bucket: R2Bucket, db: Database, demo: DemoData): Promise<void> {
  const started = performance.now();
  let generated = 0;
  let uploaded = 0;
  const bytes = { model3d: 0, "model3d-lite": 0 };
  const specs = carSpecs(demo);
  for (const spec of specs) {
    const model = demo.models.find((m) => m.id === spec.modelId);
    const brand = demo.brands.find((b) => b.id === model?.brandId);
    if (!model || !brand) continue;
    for (const version of VERSIONS) {
      const result = await cachedGlb(spec, version.detail);
      const stored = await storeGlb(bucket, result.glb);
      generated += result.generated ? 1 : 0;
      uploaded += stored.uploaded ? 1 : 0;
      bytes[version.role] += result.glb.byteLength;
      const row = {
        id: `media:${model.id}:${version.role}`,
        ownerType: "model" as const,
        ownerId: model.id,
        role: version.role,
        r2Key: stored.key,
        contentType: GLB_CONTENT_TYPE,
        bytes: result.glb.byteLength,
        width: null,
        height: null,
        alt: `${brand.name} ${model.name} ${version.label}`,
        altEn: `${version.labelEn} of the ${brand.nameEn} ${model.nameEn}`,
      };
      await db
        .insert(schema.media)
        .values(row)
        .onConflictDoUpdate({ target: schema.media.id, set: { r2Key: row.r2Key, bytes: row.bytes } });
    }
  }
  const files = specs.length * VERSIONS.length;
  const average = (role: (typeof VERSIONS)[number]["role"]) => (bytes[role] / specs.length / 1e6).toFixed(2);
  console.log(
    `seed: ${files} 3D models (${generated} generated, ${files - generated} cached; ${uploaded} uploaded to R2; ${average("model3d")} MB each on average, light ones ${average("model3d-lite")} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}
