import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CITIES } from "./cities.ts";
import { nearestCity, resolveCity } from "./city-lookup.ts";
import { distanceKm } from "./distance.ts";

describe("resolveCity", () => {
  it("matches Cloudflare's city spelling regardless of case, accents and apostrophes", () => {
    expect(resolveCity({ city: "Shenzhen" })?.code).toBe("440300");
    expect(resolveCity({ city: "xian" })?.name).toBe("西安市");
    expect(resolveCity({ city: "Xi'an" })?.name).toBe("西安市");
    expect(resolveCity({ city: "Lüliang" })?.name).toBe(resolveCity({ city: "Luliang" })?.name);
  });

  it("tells apart cities that share a name by region", () => {
    const suzhous = CITIES.filter((city) => city.cfCity === "Suzhou");
    expect(suzhous.length).toBeGreaterThan(1);
    expect(resolveCity({ city: "Suzhou", region: "Jiangsu" })?.code).toBe("320500");
    expect(resolveCity({ city: "Suzhou", region: "Anhui" })?.code).toBe("341300");
  });

  it("falls back to the nearest city when the name is unknown", () => {
    expect(resolveCity({ city: "Nanshan District", latitude: 22.53, longitude: 113.93 })?.code).toBe("440300");
  });

  it("knows nothing without a name or coordinates", () => {
    expect(resolveCity({})).toBeNull();
  });
});

describe("nearestCity", () => {
  it("is never farther than any other city (brute force)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 18, max: 53, noNaN: true }),
        fc.double({ min: 74, max: 134, noNaN: true }),
        (lat, lon) => {
          const point = { lat, lon };
          const found = distanceKm(point, nearestCity(point));
          return CITIES.every((city) => distanceKm(point, city) >= found);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("the city dataset", () => {
  it("covers every prefecture-level city once with the ranking's tier counts", () => {
    expect(CITIES.length).toBe(337);
    expect(new Set(CITIES.map((city) => city.code)).size).toBe(CITIES.length);
    const counts = Object.groupBy(CITIES, (city) => city.tier);
    expect(Object.fromEntries(Object.entries(counts).map(([tier, cities]) => [tier, cities?.length]))).toEqual({
      "1": 4,
      new1: 15,
      "2": 30,
      "3": 70,
      "4": 90,
      "5": 128,
    });
  });
});
