/**
 * Generates the 3D model of every catalogue model, puts it into R2 under its content hash and
 * records it in D1's `media` (role `model3d`). Generation is cached on disk by the hash of its
 * input (the spec and the generator's source), so an unchanged model is not rebuilt on `npm start`.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Database } from "../../worker/db/client.ts";
import { schema } from "../../worker/db/client.ts";
import type { DemoData } from "../demo/rows.ts";
import { carGlb } from "./export.ts";
import { type CarSpec, carSpecs } from "./spec.ts";
import { GLB_CONTENT_TYPE, storeGlb } from "./store.ts";

const CACHE_DIR = "node_modules/.cache/marque-models3d";
const GENERATOR_FILES = ["car.ts", "geometry.ts", "spec.ts", "export.ts"].map((file) => new URL(file, import.meta.url));
const BABYLON_VERSION = (
  JSON.parse(readFileSync("node_modules/@babylonjs/serializers/package.json", "utf8")) as { version: string }
).version;

/** Hash of everything a model's bytes depend on. */
function inputHash(spec: CarSpec): string {
  const hash = createHash("sha256").update(BABYLON_VERSION).update(JSON.stringify(spec));
  for (const file of GENERATOR_FILES) hash.update(readFileSync(file));
  return hash.digest("hex").slice(0, 32);
}

/** The GLB of a spec, from the cache when its input is unchanged. */
async function cachedGlb(spec: CarSpec): Promise<{ glb: Uint8Array<ArrayBuffer>; generated: boolean }> {
  const file = join(CACHE_DIR, `${inputHash(spec)}.glb`);
  try {
    return { glb: new Uint8Array(readFileSync(file)), generated: false };
  } catch {
    const glb = await carGlb(spec);
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
  let bytes = 0;
  const specs = carSpecs(demo);
  for (const spec of specs) {
    const model = demo.models.find((m) => m.id === spec.modelId);
    const brand = demo.brands.find((b) => b.id === model?.brandId);
    if (!model || !brand) continue;
    const result = await cachedGlb(spec);
    const stored = await storeGlb(bucket, result.glb);
    generated += result.generated ? 1 : 0;
    uploaded += stored.uploaded ? 1 : 0;
    bytes += result.glb.byteLength;
    const row = {
      id: `media:${model.id}:model3d`,
      ownerType: "model" as const,
      ownerId: model.id,
      role: "model3d" as const,
      r2Key: stored.key,
      contentType: GLB_CONTENT_TYPE,
      bytes: result.glb.byteLength,
      width: null,
      height: null,
      alt: `${brand.name} ${model.name} 三维模型`,
      altEn: `3D model of the ${brand.nameEn} ${model.nameEn}`,
    };
    await db
      .insert(schema.media)
      .values(row)
      .onConflictDoUpdate({ target: schema.media.id, set: { r2Key: row.r2Key, bytes: row.bytes } });
  }
  console.log(
    `seed: ${specs.length} 3D models (${generated} generated, ${specs.length - generated} cached; ${uploaded} uploaded to R2; ${(bytes / specs.length / 1e6).toFixed(2)} MB each on average) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}
