import { env, exports } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { generateDemo } from "../../scripts/demo/generate.ts";
import { storeDemo } from "../../scripts/demo/store.ts";
import { database } from "../../worker/db/client.ts";
import { inventoryVehicles } from "../../worker/db/schema.ts";
import { liveIndex } from "../../worker/search/cache.ts";
import { loadListings } from "../../worker/search/load.ts";

const demo = generateDemo({ inventory: 300 });
const listed = demo.inventoryVehicles.filter((v) => v.status === "in_stock" || v.status === "in_transit");

type Hit = {
  id: string;
  kind: string;
  bodyType: string;
  priceFen: number;
  model: { slug: string; name: string };
  highlights: Record<string, Array<[number, number]>>;
};
type Result = {
  total: number;
  hits: Hit[];
  next: string | null;
  facets: Record<string, Array<{ value: string; count: number }>>;
  relax: Array<{ filter: string; total: number }>;
};
type Problem = { status: number; errors: Array<{ path: string }> };

const get = async <T>(query: string) => {
  const response = await exports.default.fetch(new Request(`http://store.test/api/search?${query}`));
  return { status: response.status, type: response.headers.get("content-type"), body: (await response.json()) as T };
};

beforeAll(async () => {
  await storeDemo(database(env.DB), demo);
});

describe("GET /api/search on the demo store", () => {
  it("lists every listed vehicle and every trim built to order, and counts them by kind", async () => {
    const { status, body } = await get<Result>("limit=5");
    expect(status).toBe(200);
    expect(body.total).toBe(listed.length + demo.trims.length);
    const kinds = Object.fromEntries(body.facets.kind?.map((f) => [f.value, f.count]) ?? []);
    expect(kinds).toEqual({
      order: demo.trims.length,
      stock: listed.filter((v) => v.status === "in_stock").length,
      transit: listed.filter((v) => v.status === "in_transit").length,
    });
  });

  it("filters by body type and price, sorted by price, and the SUV count beside the facet is what the click gives", async () => {
    const all = await get<Result>("priceMax=30000000&limit=1");
    const suvCount = all.body.facets.body?.find((f) => f.value === "suv")?.count;
    const { body } = await get<Result>("body=suv&priceMax=30000000&sort=price-asc&limit=50");
    expect(body.total).toBe(suvCount);
    expect(body.hits.every((hit) => hit.bodyType === "suv" && hit.priceFen <= 30_000_000)).toBe(true);
    const prices = body.hits.map((hit) => hit.priceFen);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
  });

  it("pages through every result exactly once with the next cursor", async () => {
    const seen: string[] = [];
    let after = "";
    let total = 0;
    for (let page = 0; page < 100; page++) {
      const { body } = await get<Result>(`kind=stock&sort=newest&limit=50${after}`);
      total = body.total;
      seen.push(...body.hits.map((hit) => hit.id));
      if (!body.next) break;
      after = `&after=${body.next}`;
    }
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
  });

  it("finds a model by its Chinese name, its pinyin and its initials, and marks the match", async () => {
    const model = demo.models[0];
    if (!model) throw new Error("no demo model");
    const { pinyin } = await import("pinyin-pro");
    const spoken = pinyin(model.name, { toneType: "none", type: "array", nonZh: "removed" });
    for (const text of [model.name, spoken.join(""), spoken.map((s) => s[0]).join("")]) {
      const { body } = await get<Result>(`q=${encodeURIComponent(text)}&limit=50`);
      expect(body.total, text).toBeGreaterThan(0);
      expect(body.hits.some((hit) => hit.model.slug === model.slug)).toBe(true);
      expect(body.hits.find((hit) => hit.model.slug === model.slug)?.highlights.modelName).toBeDefined();
    }
  });

  it("tolerates a typo in an English model name", async () => {
    const model = demo.models.find((m) => m.nameEn.split(" ").some((word) => word.length >= 5));
    const word = model?.nameEn.split(" ").find((w) => w.length >= 5) ?? "";
    const typo = word.slice(0, 1) + word.slice(2, 3) + word.slice(1, 2) + word.slice(3);
    const { body } = await get<Result>(`q=${encodeURIComponent(typo)}&limit=50`);
    expect(body.hits.some((hit) => hit.model.slug === model?.slug)).toBe(true);
  });

  it("says which filter to relax when nothing matches", async () => {
    const { body } = await get<Result>("body=mpv&seats=2&limit=5");
    expect(body.total).toBe(0);
    expect(body.relax[0]?.total).toBeGreaterThan(0);
    expect(body.relax.map((r) => r.filter).sort()).toEqual(["body", "seats"]);
  });

  it("drops a vehicle that is sold, and lists it again when it is back in stock", async () => {
    const db = database(env.DB);
    const vehicle = listed[0];
    if (!vehicle) throw new Error("no listed vehicle");
    const start = Date.now() + 60_000;
    expect((await liveIndex(db, start)).index.lists(vehicle.vin)).toBe(true);
    await db
      .update(inventoryVehicles)
      .set({ status: "sold", updatedAt: new Date().toISOString() })
      .where(eq(inventoryVehicles.vin, vehicle.vin));
    expect((await liveIndex(db, start + 1_500)).index.lists(vehicle.vin)).toBe(false);
    await db
      .update(inventoryVehicles)
      .set({ status: "in_stock", updatedAt: new Date(Date.now() + 1).toISOString() })
      .where(eq(inventoryVehicles.vin, vehicle.vin));
    expect((await liveIndex(db, start + 3_000)).index.lists(vehicle.vin)).toBe(true);
  });

  it("loads listings in id order, so the index is built without sorting them", async () => {
    const { listings } = await loadListings(database(env.DB), "2026-11-28");
    const ids = listings.map((l) => l.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids.length).toBe(listed.length + demo.trims.length);
  });

  it("answers from the current index while a rebuild runs in the background, then uses the rebuilt one", async () => {
    const db = database(env.DB);
    const start = Date.now() + 120_000;
    const before = await liveIndex(db, start);
    const deferred: Array<Promise<unknown>> = [];
    const during = await liveIndex(db, start + 11 * 60_000, (work) => deferred.push(work));
    expect(during.index).toBe(before.index);
    expect(deferred).toHaveLength(1);
    await deferred[0];
    const after = await liveIndex(db, start + 11 * 60_000 + 10);
    expect(after.index).not.toBe(before.index);
    expect(after.index.size).toBe(before.index.size);
  });
});

describe("GET /api/search with bad input", () => {
  it.each([
    ["priceMin=30000000&priceMax=20000000", "query.priceMin"],
    ["limit=500", "query.limit"],
    ["limit=0", "query.limit"],
    ["brand=no-such-brand", "query.brand"],
    ["colour=chartreuse", "query.colour"],
    ["body=suv,truck", "query.body"],
    ["city=999999", "query.city"],
    ["within=50", "query.within"],
    ["after=not-a-cursor", "query.after"],
    [`q=${"车".repeat(3000)}`, "query.q"],
    ["sort=cheapest", "query.sort"],
    ["rangeMin=-5", "query.rangeMin"],
  ])("answers %s with a 400 naming %s", async (query, path) => {
    const { status, type, body } = await get<Problem>(query);
    expect(status).toBe(400);
    expect(type).toContain("application/problem+json");
    expect(body.errors.map((error) => error.path)).toContain(path);
  });

  it.each(["' OR 1=1 --", 'NEAR("a" "b") * AND', "😀🚗", "%_\\", "星曜\u0000"])(
    "treats %j as plain text",
    async (text) => {
      const { status, body } = await get<Result>(`q=${encodeURIComponent(text)}`);
      expect(status).toBe(200);
      expect(body.total).toBeGreaterThanOrEqual(0);
    },
  );
});
