import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BODY_TYPE_LABELS, POWERTRAIN_LABELS } from "../catalog/labels.ts";
import { ADAS_LEVELS, BODY_TYPES, DRIVES, POWERTRAINS, SEAT_MATERIALS } from "../catalog/types.ts";
import { distanceKm } from "../geo/distance.ts";
import { bucketOf, DELIVERY_DAYS, RANGE_BUCKETS } from "./buckets.ts";
import { COLOUR_FAMILY_LABELS } from "./colour.ts";
import type { Listing } from "./listing.ts";
import { FACETS, type Facet, RANGES, type RangeName, type SearchQuery, SORTS } from "./query.ts";
import { type SearchHit, SearchIndex } from "./search-index.ts";
import { matchText, prepare, tokenize } from "./text.ts";

const TODAY = "2026-11-28";
const MODEL_NAMES = [
  ["星曜", "Aurora", "S7"],
  ["极光", "Polar", "X5"],
  ["星河", "Galaxy", "G9"],
  ["曜石", "Nova", "N3"],
] as const;
const TRIM_NAMES = [
  ["长续航版", "Long Range"],
  ["性能版", "Performance"],
  ["标准版", "Standard"],
] as const;
const PAINTS = [
  ["珍珠白", "Pearl White", "white"],
  ["曜石黑", "Obsidian Black", "black"],
  ["星河蓝", "Galaxy Blue", "blue"],
] as const;
const CITIES = [
  ["hangzhou", "杭州", "Hangzhou", 30.27, 120.15],
  ["ningbo", "宁波", "Ningbo", 29.87, 121.54],
  ["chengdu", "成都", "Chengdu", 30.57, 104.07],
] as const;

const listingArb = fc
  .record({
    n: fc.integer({ min: 0, max: 9999 }),
    model: fc.nat(MODEL_NAMES.length - 1),
    trim: fc.nat(TRIM_NAMES.length - 1),
    kind: fc.constantFrom("stock", "transit", "order"),
    paint: fc.nat(PAINTS.length - 1),
    dealer: fc.nat(5),
    body: fc.constantFrom(...BODY_TYPES),
    powertrain: fc.constantFrom(...POWERTRAINS),
    drive: fc.constantFrom(...DRIVES),
    seatMaterial: fc.constantFrom(...SEAT_MATERIALS),
    adas: fc.constantFrom(...ADAS_LEVELS),
    seats: fc.constantFrom(5, 6, 7),
    price: fc.integer({ min: 80, max: 800 }),
    range: fc.option(fc.constantFrom(200, 350, 500, 650, 900)),
    battery: fc.option(fc.constantFrom(30, 60, 90, 120)),
    accel: fc.integer({ min: 30, max: 120 }),
    delay: fc.integer({ min: 0, max: 90 }),
    launched: fc.integer({ min: 0, max: 800 }),
    popularity: fc.integer({ min: 0, max: 100 }),
  })
  .map((r): Listing => {
    const [modelName, modelNameEn, modelCode] = MODEL_NAMES[r.model] as (typeof MODEL_NAMES)[number];
    const [trimName, trimNameEn] = TRIM_NAMES[r.trim] as (typeof TRIM_NAMES)[number];
    const [paintName, paintNameEn, colour] = PAINTS[r.paint] as (typeof PAINTS)[number];
    const [cityCode, cityName, cityNameEn, lat, lon] = CITIES[r.dealer % CITIES.length] as (typeof CITIES)[number];
    const vehicle = r.kind !== "order";
    const trimId = `t${r.model}${r.trim}`;
    return {
      id: vehicle ? `V${String(r.n).padStart(4, "0")}` : `order:${trimId}`,
      kind: r.kind,
      brand: `b${r.model % 2}`,
      brandName: r.model % 2 ? "星驰" : "曜影",
      brandNameEn: r.model % 2 ? "Xingchi" : "Yaoying",
      model: `m${r.model}`,
      modelName,
      modelNameEn,
      modelCode,
      trimId,
      trimName,
      trimNameEn,
      bodyType: r.body,
      powertrain: r.powertrain,
      drive: r.drive,
      seatMaterial: r.seatMaterial,
      adasLevel: r.adas,
      seats: r.seats,
      priceFen: r.price * 100_000,
      rangeKm: r.range,
      batteryKwh: r.battery,
      zeroToHundredS: r.accel / 10,
      paintCode: vehicle ? `p${r.paint}` : null,
      paintName: vehicle ? paintName : null,
      paintNameEn: vehicle ? paintNameEn : null,
      colour: vehicle ? colour : null,
      dealerId: vehicle ? `d${r.dealer}` : null,
      cityCode: vehicle ? cityCode : null,
      cityName: vehicle ? cityName : null,
      cityNameEn: vehicle ? cityNameEn : null,
      lat: vehicle ? lat + r.dealer / 100 : null,
      lon: vehicle ? lon : null,
      availableOn: new Date(Date.parse(`${TODAY}T00:00:00Z`) + r.delay * 86_400_000).toISOString().slice(0, 10),
      launchedOn: new Date(Date.parse("2024-01-01T00:00:00Z") + r.launched * 86_400_000).toISOString().slice(0, 10),
      popularity: r.popularity,
    };
  });

/** Listings with unique ids; a trim's shared fields follow the first listing of that trim, as in a real catalogue. */
const listingsArb = fc
  .uniqueArray(listingArb, { selector: (l) => l.id, minLength: 1, maxLength: 60 })
  .map((listings) => {
    const first = new Map<string, Listing>();
    return listings.map((listing) => {
      const trim = first.get(listing.trimId) ?? listing;
      first.set(listing.trimId, trim);
      const shared = {
        bodyType: trim.bodyType,
        powertrain: trim.powertrain,
        popularity: trim.popularity,
        launchedOn: trim.launchedOn,
      };
      return { ...listing, ...shared };
    });
  });

const textArb = fc.constantFrom(
  "星曜",
  "s7",
  "aurora",
  "auroar",
  "xingyao",
  "xy",
  "长续航",
  "changxuhang",
  "performance",
  "白",
  "galaxy blue",
  "杭州",
  "hangzhou",
  "suv",
  "纯电",
  "星 版",
  "zz",
  "'; DROP TABLE--",
  "😀",
);
/** A filter that is absent from most queries, so that results are seldom empty. */
const sometimes = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 5 }, { arbitrary: arb, weight: 1 });

/** Bounds on the listings' own grid, so that bounds equal to a listing's value are common. */
const rangeArb = (min: number, max: number, toValue: (step: number) => number) => {
  const bound = fc.option(fc.integer({ min, max }).map(toValue), { nil: undefined });
  return sometimes(fc.record({ min: bound, max: bound }));
};
const subset = <T>(values: readonly T[]) => sometimes(fc.subarray([...values], { minLength: 1 }));

const queryArb = fc.record({
  text: fc.option(textArb, { nil: undefined, freq: 2 }),
  brand: subset(["b0", "b1"]),
  model: subset(["m0", "m1", "m2", "m3"]),
  body: subset(BODY_TYPES),
  powertrain: subset(POWERTRAINS),
  drive: subset(DRIVES),
  seatMaterial: subset(SEAT_MATERIALS),
  adas: subset(ADAS_LEVELS),
  colour: subset(["white", "black", "blue"] as const),
  seats: subset([5, 6, 7]),
  kind: subset(["stock", "transit", "order"] as const),
  price: rangeArb(80, 800, (v) => v * 100_000),
  range: rangeArb(200, 900, (v) => v),
  battery: rangeArb(30, 120, (v) => v),
  acceleration: rangeArb(30, 120, (v) => v / 10),
  deliveryDays: sometimes(fc.integer({ min: 0, max: 90 })),
  near: sometimes(
    fc.oneof(
      fc.record({ city: fc.constantFrom("hangzhou", "ningbo", "chengdu", "beijing") }),
      fc.record({ lat: fc.constant(30.3), lon: fc.constant(120.2), km: fc.integer({ min: 1, max: 2000 }) }),
    ),
  ),
  sort: fc.constantFrom(...SORTS),
  limit: fc.integer({ min: 1, max: 7 }),
});

type Query = Omit<SearchQuery, "after">;

const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const namesOf = (l: Listing) =>
  [
    l.brandName,
    l.brandNameEn,
    l.modelName,
    l.modelNameEn,
    l.modelCode,
    l.trimName,
    l.trimNameEn,
    l.paintName,
    l.paintNameEn,
    l.cityName,
    l.cityNameEn,
    BODY_TYPE_LABELS[l.bodyType].zh,
    BODY_TYPE_LABELS[l.bodyType].en,
    POWERTRAIN_LABELS[l.powertrain].zh,
    POWERTRAIN_LABELS[l.powertrain].en,
    ...(l.colour ? [COLOUR_FAMILY_LABELS[l.colour].zh, COLOUR_FAMILY_LABELS[l.colour].en] : []),
  ].filter((name): name is string => name !== null);

const facetOf: Record<Facet, (l: Listing) => string | number | null> = {
  brand: (l) => l.brand,
  model: (l) => l.model,
  body: (l) => l.bodyType,
  powertrain: (l) => l.powertrain,
  drive: (l) => l.drive,
  seatMaterial: (l) => l.seatMaterial,
  adas: (l) => l.adasLevel,
  colour: (l) => l.colour,
  seats: (l) => l.seats,
  kind: (l) => l.kind,
};
const rangeOf: Record<RangeName, (l: Listing) => number | null> = {
  price: (l) => l.priceFen,
  range: (l) => l.rangeKm,
  battery: (l) => l.batteryKwh,
  acceleration: (l) => l.zeroToHundredS,
};

/** Relevance of a listing to the query text, by brute force over its names (0 without text). */
function textScore(l: Listing, query: Query): number | null {
  const tokens = query.text ? tokenize(query.text) : [];
  let total = 0;
  for (const token of tokens) {
    const best = Math.max(0, ...namesOf(l).map((name) => matchText(prepare(name), token)?.score ?? 0));
    if (best === 0) return null;
    total += best;
  }
  return total;
}

/** Whether a listing passes the query, one filter at a time: the reference the index must agree with. */
function passes(l: Listing, query: Query, skip?: string): boolean {
  for (const facet of FACETS) {
    const chosen = query[facet] as Array<string | number> | undefined;
    if (skip !== facet && chosen?.length && !chosen.includes(facetOf[facet](l) as string | number)) return false;
  }
  for (const name of RANGES) {
    const range = query[name];
    const value = rangeOf[name](l);
    if (skip === name || !range || (range.min === undefined && range.max === undefined)) continue;
    if (value === null || value < (range.min ?? -Infinity) || value >= (range.max ?? Infinity)) return false;
  }
  if (
    skip !== "deliveryDays" &&
    query.deliveryDays !== undefined &&
    dayOf(l.availableOn) > dayOf(TODAY) + query.deliveryDays
  )
    return false;
  const near = query.near;
  if (skip !== "near" && near) {
    if (
      "city" in near
        ? l.cityCode !== near.city
        : l.lat === null || l.lon === null || distanceKm(near, { lat: l.lat, lon: l.lon }) > near.km
    )
      return false;
  }
  return skip === "text" || textScore(l, query) !== null;
}

function sortKey(l: Listing, query: Query): number {
  switch (query.sort) {
    case "price-asc":
      return l.priceFen;
    case "price-desc":
      return -l.priceFen;
    case "range":
      return l.rangeKm === null ? Infinity : -l.rangeKm;
    case "acceleration":
      return l.zeroToHundredS;
    case "newest":
      return -dayOf(l.launchedOn);
    case "popularity":
      return -l.popularity;
    case "relevance": {
      const tokens = query.text ? tokenize(query.text) : [];
      return tokens.length === 0 ? -l.popularity : -((textScore(l, query) ?? 0) * 1000 + l.popularity);
    }
  }
}

function expected(listings: Listing[], query: Query): Listing[] {
  return listings
    .filter((l) => passes(l, query))
    .sort((a, b) => sortKey(a, query) - sortKey(b, query) || (a.id < b.id ? -1 : 1));
}

function allPages(index: SearchIndex, query: Query): SearchHit[] {
  const hits: SearchHit[] = [];
  let after: string | undefined;
  for (let page = 0; page < 100; page++) {
    const answer = index.search({ ...query, after });
    if (!answer.ok) throw new Error(JSON.stringify(answer.errors));
    hits.push(...answer.result.hits);
    if (!answer.result.next) return hits;
    after = answer.result.next;
  }
  throw new Error("pagination did not end");
}

describe("SearchIndex", () => {
  it("finds exactly what filtering every listing finds, in the same order, page after page", () => {
    fc.assert(
      fc.property(listingsArb, queryArb, (listings, query) => {
        const index = new SearchIndex(listings, TODAY);
        expect(allPages(index, query).map((hit) => hit.listing.id)).toEqual(expected(listings, query).map((l) => l.id));
      }),
      { numRuns: 400 },
    );
  }, 60_000);

  it("counts each facet value, range bucket and delivery choice as brute force does with that filter left out", () => {
    fc.assert(
      fc.property(listingsArb, queryArb, (listings, query) => {
        const answer = new SearchIndex(listings, TODAY).search(query);
        if (!answer.ok) throw new Error(JSON.stringify(answer.errors));
        const { result } = answer;
        expect(result.total).toBe(expected(listings, query).length);
        for (const facet of FACETS) {
          for (const { value, count } of result.facets[facet]) {
            const want = listings.filter((l) => passes(l, query, facet) && String(facetOf[facet](l)) === value).length;
            expect(count, `${facet}=${value}`).toBe(want);
          }
        }
        for (const name of RANGES) {
          result.histograms[name].forEach(({ count }, bucket) => {
            const want = listings.filter((l) => {
              const value = rangeOf[name](l);
              return passes(l, query, name) && value !== null && bucketOf(RANGE_BUCKETS[name], value) === bucket;
            }).length;
            expect(count, `${name} bucket ${bucket}`).toBe(want);
          });
        }
        DELIVERY_DAYS.forEach((days, i) => {
          const want = listings.filter(
            (l) => passes(l, query, "deliveryDays") && dayOf(l.availableOn) <= dayOf(TODAY) + days,
          ).length;
          expect(result.delivery[i]?.count).toBe(want);
        });
        for (const { filter, total } of result.relax) {
          expect(total, `without ${filter}`).toBe(listings.filter((l) => passes(l, query, filter)).length);
        }
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it("gives, for a chosen histogram bucket, exactly the count shown beside it", () => {
    fc.assert(
      fc.property(listingsArb, queryArb, fc.constantFrom(...RANGES), (listings, query, name) => {
        const index = new SearchIndex(listings, TODAY);
        const shown = index.search(query);
        if (!shown.ok) throw new Error("search failed");
        shown.result.histograms[name].forEach(({ min, max, count }) => {
          const chosen = index.search({ ...query, [name]: { min, max: max ?? undefined } });
          expect(chosen.ok && chosen.result.total).toBe(count);
        });
      }),
      { numRuns: 200 },
    );
  }, 60_000);

  it("drops a withdrawn vehicle from results and counts at once", () => {
    fc.assert(
      fc.property(listingsArb, fc.nat(), (listings, pick) => {
        const index = new SearchIndex(listings, TODAY);
        const gone = listings[pick % listings.length] as Listing;
        expect(index.withdraw(gone.id)).toBe(true);
        expect(index.withdraw(gone.id)).toBe(false);
        const answer = index.search({ sort: "price-asc", limit: 100 });
        if (!answer.ok) throw new Error("search failed");
        expect(answer.result.total).toBe(listings.length - 1);
        expect(answer.result.hits.map((hit) => hit.listing.id)).not.toContain(gone.id);
      }),
    );
  });

  it("rejects a cursor that is not one of its own for this sort", () => {
    fc.assert(
      fc.property(listingsArb, fc.string(), (listings, junk) => {
        const index = new SearchIndex(listings, TODAY);
        const page = index.search({ sort: "price-asc", limit: 1 });
        const foreign = page.ok && page.result.next ? [page.result.next] : [];
        for (const after of [junk, "bm90IGEgY3Vyc29y", ...foreign]) {
          const answer = index.search({ sort: "newest", limit: 5, after });
          expect(answer.ok).toBe(false);
          if (!answer.ok) expect(answer.errors.map((error) => error.path)).toEqual(["after"]);
        }
      }),
      { numRuns: 50 },
    );
  });

  it("marks where the text matched, also through pinyin", () => {
    const listing = fc.sample(listingsArb, { numRuns: 1, seed: 7 })[0]?.[0] as Listing;
    const index = new SearchIndex([{ ...listing, modelName: "星曜", modelNameEn: "Aurora", modelCode: "S7" }], TODAY);
    const answer = index.search({ text: "xingyao", sort: "relevance", limit: 1 });
    expect(answer.ok && answer.result.hits[0]?.highlights.modelName).toEqual([[0, 2]]);
  });
});
