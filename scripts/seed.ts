/**
 * Seeds the local store: the city dataset, the demo catalogue, dealers and inventory into D1, and
 * the generated car images and 3D models (GLB) into R2. Idempotent: an already seeded database is left as it is, and
 * images are stored under content-hashed keys, so nothing is written twice.
 *
 *   npm run seed -- [--inventory 5000] [--seed 1] [--persist-to .wrangler/state]
 */
import { parseArgs } from "node:util";
import { count, type InferInsertModel } from "drizzle-orm";
import { CITIES } from "../domain/geo/cities.ts";
import { insertAll } from "../worker/db/bulk-insert.ts";
import { database, schema } from "../worker/db/client.ts";
import { carSvg, carSvgKey } from "./demo/car-art.ts";
import { DEFAULT_SEED, generateDemo } from "./demo/generate.ts";
import type { DemoData } from "./demo/rows.ts";
import { storeDemo } from "./demo/store.ts";
import { platformProxy } from "./lib/platform.ts";
import { PERSIST_DIR } from "./lib/run.ts";
import { seedCarModels } from "./models3d/seed.ts";

/** HSL saturation of a #rrggbb colour, 0 (grey) to 1: the catalogue shows each model in a colourful paint. */
function saturation(hex: string): number {
  const [r = 0, g = 0, b = 0] = (hex.match(/[0-9a-f]{2}/gi) ?? []).map((h) => Number.parseInt(h, 16) / 255);
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const lightness = (max + min) / 2;
  return max === min ? 0 : (max - min) / (1 - Math.abs(2 * lightness - 1));
}

/** The two catalogue images of each model (side view and three-quarter hero), in the model's launch colour. */
async function modelImages(demo: DemoData) {
  const images: { key: string; svg: string; row: InferInsertModel<typeof schema.media> }[] = [];
  for (const model of demo.models) {
    const brand = demo.brands.find((b) => b.id === model.brandId);
    const trim = demo.trims.find((t) => t.modelId === model.id);
    const paintGroup = demo.optionGroups.find((g) => g.modelId === model.id && g.kind === "paint");
    const paints = demo.options.filter((o) => o.groupId === paintGroup?.id && o.swatch);
    const paint = paints.find((o) => saturation(o.swatch ?? "") > 0.35) ?? paints[0];
    if (!brand || !trim) continue;
    for (const view of ["side", "front34"] as const) {
      const svg = carSvg({
        bodyType: model.bodyType,
        paint: paint?.swatch ?? "#c0c4cc",
        accent: brand.accentColor,
        lengthMm: trim.lengthMm,
        heightMm: trim.heightMm,
        wheelbaseMm: trim.wheelbaseMm,
        view,
        seed: images.length + 1,
        title: `${model.nameEn} (${model.name})`,
      });
      const key = await carSvgKey(svg);
      const colour = paint ? `${paint.name}` : "";
      const colourEn = paint ? `${paint.nameEn}` : "";
      images.push({
        key,
        svg,
        row: {
          id: `media:${model.id}:${view}`,
          ownerType: "model",
          ownerId: model.id,
          role: view === "side" ? "side" : "hero",
          r2Key: key,
          contentType: "image/svg+xml",
          bytes: new TextEncoder().encode(svg).byteLength,
          width: 1600,
          height: 900,
          alt: `${brand.name} ${model.name}，${colour}，${view === "side" ? "侧面" : "前侧 45°"}插画`,
          altEn: `${brand.nameEn} ${model.nameEn} in ${colourEn}, ${view === "side" ? "side view" : "front three-quarter view"} illustration`,
        },
      });
    }
  }
  return images;
}

async function main() {
  const { values } = parseArgs({
    options: {
      inventory: { type: "string", default: "5000" },
      seed: { type: "string", default: String(DEFAULT_SEED) },
      "persist-to": { type: "string", default: PERSIST_DIR },
    },
  });
  const inventory = Number(values.inventory);
  if (!Number.isInteger(inventory) || inventory < 0) throw new Error("--inventory must be a whole number");
  const started = performance.now();
  const proxy = await platformProxy(values["persist-to"]);
  try {
    const db = database(proxy.env.DB);
    const demo = generateDemo({ seed: Number(values.seed), inventory });
    const [{ brands } = { brands: 0 }] = await db.select({ brands: count() }).from(schema.brands);
    if (brands > 0) {
      console.log(`seed: database already has ${brands} brands; catalogue left as it is`);
    } else {
      await storeDemo(db, demo);
      console.log(
        `seed: ${CITIES.length} cities, ${demo.brands.length} brands, ${demo.models.length} models, ${demo.trims.length} trims, ${demo.options.length} options, ${demo.dealers.length} dealers, ${demo.inventoryVehicles.length} vehicles`,
      );
    }
    const images = await modelImages(demo);
    let uploaded = 0;
    for (const image of images) {
      if (await proxy.env.MEDIA.head(image.key)) continue;
      await proxy.env.MEDIA.put(image.key, image.svg, { httpMetadata: { contentType: "image/svg+xml" } });
      uploaded++;
    }
    await insertAll(
      db,
      schema.media,
      images.map((image) => image.row),
    );
    console.log(
      `seed: ${uploaded} of ${images.length} images uploaded to R2 (${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
    await seedCarModels(proxy.env.MEDIA, db, demo);
  } finally {
    await proxy.dispose();
  }
}

await main();
