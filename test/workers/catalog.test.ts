import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { generateDemo } from "../../scripts/demo/generate.ts";
import { storeDemo } from "../../scripts/demo/store.ts";
import { database } from "../../worker/db/client.ts";

const demo = generateDemo({ inventory: 200 });
const api = async <T>(path: string) => {
  const response = await exports.default.fetch(new Request(`http://store.test${path}`));
  return { status: response.status, headers: response.headers, body: (await response.json()) as T };
};

type ModelSummary = {
  slug: string;
  fromPriceFen: number;
  toPriceFen: number;
  brand: { slug: string };
  bodyType: string;
  trimCount: number;
  popularity: number;
};
type ModelDetail = ModelSummary & {
  trims: { id: string; priceFen: number; powerKw: number }[];
  optionGroups: { kind: string; selection: string; options: { code: string; standardOn: string[] }[] }[];
};
type Dealer = { id: string; city: { code: string }; brand: { slug: string }; distanceKm: number | null };

beforeAll(async () => {
  await storeDemo(database(env.DB), demo);
});

describe("catalogue API on the demo store", () => {
  it("lists every brand with its model count", async () => {
    const { body } = await api<{ brands: { slug: string; modelCount: number }[] }>("/api/brands");
    expect(body.brands.map((b) => b.slug).sort()).toEqual(demo.brands.map((b) => b.slug).sort());
    for (const brand of body.brands) {
      expect(brand.modelCount).toBe(
        demo.models.filter((m) => m.brandId === demo.brands.find((b) => b.slug === brand.slug)?.id).length,
      );
    }
  });

  it("lists models most popular first, with the price span of their trims", async () => {
    const { body, headers } = await api<{ models: ModelSummary[] }>("/api/models");
    expect(body.models).toHaveLength(demo.models.length);
    expect(headers.get("cache-control")).toContain("max-age=60");
    const popularity = body.models.map((m) => m.popularity);
    expect(popularity).toEqual([...popularity].sort((a, b) => b - a));
    for (const model of body.models) {
      const prices = demo.trims
        .filter((t) => t.modelId === demo.models.find((m) => m.slug === model.slug)?.id)
        .map((t) => t.priceFen);
      expect(model.fromPriceFen).toBe(Math.min(...prices));
      expect(model.toPriceFen).toBe(Math.max(...prices));
      expect(model.trimCount).toBe(prices.length);
    }
  });

  it("filters models by brand and body type", async () => {
    const brand = demo.brands[0]?.slug ?? "";
    const { body } = await api<{ models: ModelSummary[] }>(`/api/models?brand=${brand}&bodyType=suv`);
    expect(body.models.length).toBeGreaterThan(0);
    for (const model of body.models) expect([model.brand.slug, model.bodyType]).toEqual([brand, "suv"]);
  });

  it("rejects an unknown body type with a field error", async () => {
    const { status, body } = await api<{ errors: { path: string }[] }>("/api/models?bodyType=spaceship");
    expect(status).toBe(400);
    expect(body.errors[0]?.path).toBe("query.bodyType");
  });

  it("returns a model with its trims and an option catalogue where each one-of group has one standard option per trim", async () => {
    const slug = demo.models[0]?.slug ?? "";
    const { status, body } = await api<ModelDetail>(`/api/models/${slug}`);
    expect(status).toBe(200);
    const modelId = demo.models[0]?.id;
    expect(body.trims.map((t) => t.id).sort()).toEqual(
      demo.trims
        .filter((t) => t.modelId === modelId)
        .map((t) => t.id)
        .sort(),
    );
    for (const group of body.optionGroups.filter((g) => g.selection === "one")) {
      for (const trim of body.trims) {
        expect(
          group.options.filter((o) => o.standardOn.includes(trim.id)),
          `${group.kind} on ${trim.id}`,
        ).toHaveLength(1);
      }
    }
  });

  it("answers 404 problem+json for an unknown model and 400 for a malformed slug", async () => {
    const missing = await api<{ type: string }>("/api/models/no-such-car");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toMatch(/problem\+json/);
    expect((await api("/api/models/DROP%20TABLE")).status).toBe(400);
  });

  it("lists a city's dealers nearest first", async () => {
    const city = "440300";
    const { body } = await api<{ dealers: Dealer[] }>(`/api/dealers?city=${city}&lat=22.543&lon=114.058`);
    expect(body.dealers.length).toBe(demo.dealers.filter((d) => d.cityCode === city).length);
    expect(body.dealers.every((d) => d.city.code === city)).toBe(true);
    const distances = body.dealers.map((d) => d.distanceKm ?? Number.NaN);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
  });

  it("insists that lat and lon come together", async () => {
    const { status, body } = await api<{ errors: { path: string; message: string }[] }>("/api/dealers?lat=22.5");
    expect(status).toBe(400);
    expect(body.errors.map((e) => e.path)).toEqual(["query.lat"]);
  });

  it("finds cities by Chinese name or pinyin prefix, and only those with dealers when asked", async () => {
    const byName = await api<{ cities: { code: string }[] }>(`/api/cities?q=${encodeURIComponent("深圳")}`);
    expect(byName.body.cities.map((c) => c.code)).toEqual(["440300"]);
    const byPinyin = await api<{ cities: { code: string }[] }>("/api/cities?q=Shenz");
    expect(byPinyin.body.cities.map((c) => c.code)).toEqual(["440300"]);
    const withDealers = await api<{ cities: { code: string }[] }>("/api/cities?withDealers=true");
    expect(withDealers.body.cities.length).toBe(new Set(demo.dealers.map((d) => d.cityCode)).size);
    const wildcard = await api<{ cities: unknown[] }>("/api/cities?q=%25");
    expect(wildcard.status).toBe(200);
  });
});
