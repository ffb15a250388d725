import { describe, expect, it } from "vitest";
import { CITIES } from "../../domain/geo/cities.ts";
import { distanceKm } from "../../domain/geo/distance.ts";
import { BRANDS } from "./content/index.ts";
import { DEFAULT_NOW, generateDemo } from "./generate.ts";
import type { OptionRow } from "./rows.ts";
import { isValidVin, vinCheckDigit } from "./vin.ts";

const demo = generateDemo();
const byId = <T extends { id: string }>(rows: readonly T[]) => new Map(rows.map((row) => [row.id, row]));
const brands = byId(demo.brands);
const models = byId(demo.models);
const trims = byId(demo.trims);
const groups = byId(demo.optionGroups);
const options = byId(demo.options);
const dealers = byId(demo.dealers);
const cities = new Map(CITIES.map((city) => [city.code, city]));
const offersOf = (trimId: string) => demo.trimOptions.filter((offer) => offer.trimId === trimId);
const countBy = <T>(rows: readonly T[], key: (row: T) => string) => {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(key(row), (counts.get(key(row)) ?? 0) + 1);
  return counts;
};

describe("determinism", () => {
  it("gives byte-identical data for the same seed", () => {
    const a = generateDemo({ seed: 7, inventory: 500 });
    const b = generateDemo({ seed: 7, inventory: 500 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(generateDemo())).toBe(JSON.stringify(demo));
  });

  it("gives different data for a different seed", () => {
    const a = generateDemo({ seed: 1, inventory: 200 });
    const b = generateDemo({ seed: 2, inventory: 200 });
    expect(JSON.stringify(a.trims)).not.toBe(JSON.stringify(b.trims));
    expect(JSON.stringify(a.dealers)).not.toBe(JSON.stringify(b.dealers));
    expect(a.inventoryVehicles.map((v) => v.vin)).not.toEqual(b.inventoryVehicles.map((v) => v.vin));
  });

  it("keeps catalogue and dealers when only the inventory size changes", () => {
    const small = generateDemo({ seed: 3, inventory: 10 });
    const large = generateDemo({ seed: 3, inventory: 2000 });
    expect(JSON.stringify(large.trims)).toBe(JSON.stringify(small.trims));
    expect(JSON.stringify(large.dealers)).toBe(JSON.stringify(small.dealers));
    expect(large.inventoryVehicles.slice(0, 10)).toEqual(small.inventoryVehicles);
  });
});

describe("catalogue", () => {
  it("has four brands, about 24 models and about 120 trims", () => {
    expect(demo.brands).toHaveLength(4);
    expect(demo.models.length).toBeGreaterThanOrEqual(20);
    expect(demo.models.length).toBeLessThanOrEqual(28);
    expect(demo.trims.length).toBeGreaterThanOrEqual(100);
    expect(demo.trims.length).toBeLessThanOrEqual(140);
    for (const [, count] of countBy(demo.trims, (trim) => trim.modelId)) {
      expect(count).toBeGreaterThanOrEqual(4);
      expect(count).toBeLessThanOrEqual(6);
    }
  });

  it("has unique ids and lowercase ASCII slugs", () => {
    for (const rows of [demo.brands, demo.models, demo.trims, demo.optionGroups, demo.options, demo.dealers]) {
      expect(new Set(rows.map((row) => row.id)).size).toBe(rows.length);
    }
    const slugs = [...demo.brands, ...demo.models].map((row) => row.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const slug of slugs) expect(slug).toMatch(/^[a-z0-9-]{1,64}$/);
    const offers = demo.trimOptions.map((offer) => `${offer.trimId}|${offer.optionId}`);
    expect(new Set(offers).size).toBe(offers.length);
  });

  it("gives every brand two body types or more, and the rugged brand mostly SUVs", () => {
    for (const brand of demo.brands) {
      const own = demo.models.filter((model) => model.brandId === brand.id);
      expect(new Set(own.map((model) => model.bodyType)).size).toBeGreaterThanOrEqual(2);
    }
    const rugged = demo.models.filter((model) => model.brandId === "cragmore");
    expect(rugged.filter((model) => model.bodyType === "suv").length / rugged.length).toBeGreaterThan(0.5);
  });

  it("keeps each brand to its powertrains", () => {
    const allowed: Record<string, string[]> = {
      "premium-bev": ["BEV"],
      "mass-nev": ["BEV", "PHEV"],
      luxury: ["PHEV", "ICE"],
      "rugged-erev": ["EREV"],
    };
    for (const trim of demo.trims) {
      const brand = BRANDS.find((b) => b.slug === models.get(trim.modelId)?.brandId);
      expect(allowed[brand?.character ?? ""]).toContain(trim.powertrain);
    }
  });

  it("resolves trim → model → brand", () => {
    for (const trim of demo.trims) {
      const model = models.get(trim.modelId);
      expect(model).toBeDefined();
      expect(brands.has(model?.brandId ?? "")).toBe(true);
    }
  });

  it("has technical data in plausible ranges", () => {
    for (const trim of demo.trims) {
      expect(trim.zeroToHundredS).toBeGreaterThanOrEqual(2.8);
      expect(trim.zeroToHundredS).toBeLessThanOrEqual(9.5);
      expect(Math.round(trim.zeroToHundredS * 10)).toBeCloseTo(trim.zeroToHundredS * 10, 6);
      expect([5, 6, 7]).toContain(trim.seats);
      if (trim.powertrain === "BEV") {
        expect(trim.cltcRangeKm).toBeGreaterThanOrEqual(450);
        expect(trim.cltcRangeKm).toBeLessThanOrEqual(900);
        expect(trim.peakChargeKw).toBeGreaterThanOrEqual(120);
        expect(trim.peakChargeKw).toBeLessThanOrEqual(500);
        expect(trim.fuelLPer100km).toBeNull();
      } else if (trim.powertrain === "PHEV" || trim.powertrain === "EREV") {
        expect(trim.cltcRangeKm).toBeGreaterThanOrEqual(1000);
        expect(trim.cltcRangeKm).toBeLessThanOrEqual(1400);
        expect(trim.electricRangeKm).toBeGreaterThanOrEqual(100);
        expect(trim.electricRangeKm).toBeLessThanOrEqual(300);
        expect(trim.peakChargeKw).toBeGreaterThanOrEqual(60);
        expect(trim.peakChargeKw).toBeLessThanOrEqual(120);
      } else {
        expect(trim.cltcRangeKm).toBeNull();
        expect(trim.peakChargeKw).toBeNull();
        expect(trim.fuelLPer100km).toBeGreaterThan(0);
      }
      if (trim.powertrain === "ICE") expect(trim.batteryKwh).toBeNull();
      else expect(trim.batteryKwh).toBeGreaterThan(0);
    }
  });

  it("prices trims in whole hundreds of yuan, rising with the trim", () => {
    for (const model of demo.models) {
      const sorted = demo.trims
        .filter((trim) => trim.modelId === model.id)
        .sort((a, b) => (a.sort ?? 0) - (b.sort ?? 0));
      for (let i = 1; i < sorted.length; i++) {
        expect(sorted[i]?.priceFen).toBeGreaterThan(sorted[i - 1]?.priceFen ?? 0);
      }
    }
    for (const trim of demo.trims) {
      expect(trim.priceFen % 10_000).toBe(0);
      expect(trim.priceFen).toBeGreaterThanOrEqual(5_000_000);
      expect(trim.priceFen).toBeLessThanOrEqual(120_000_000);
    }
  });

  it("keeps all money as non-negative integers", () => {
    const amounts = [
      ...demo.trims.map((row) => row.priceFen),
      ...demo.options.map((row) => row.priceFen),
      ...demo.inventoryVehicles.map((row) => row.priceFen),
    ];
    for (const fen of amounts) {
      expect(Number.isSafeInteger(fen)).toBe(true);
      expect(fen).toBeGreaterThanOrEqual(0);
    }
  });
});

describe("option catalogue", () => {
  it("gives every model the five groups with the stated numbers of options", () => {
    const sizes: Record<string, [number, number, "one" | "any"]> = {
      paint: [5, 8, "one"],
      wheels: [2, 4, "one"],
      interior: [2, 4, "one"],
      package: [2, 3, "any"],
      feature: [4, 8, "any"],
    };
    for (const model of demo.models) {
      const own = demo.optionGroups.filter((group) => group.modelId === model.id);
      expect(own.map((group) => group.kind).sort()).toEqual(Object.keys(sizes).sort());
      for (const group of own) {
        const [min, max, selection] = sizes[group.kind] ?? [0, 0, "any"];
        const count = demo.options.filter((option) => option.groupId === group.id).length;
        expect(group.selection).toBe(selection);
        expect(count).toBeGreaterThanOrEqual(min);
        expect(count).toBeLessThanOrEqual(max);
      }
    }
  });

  it("resolves option → group of the same model, and trim offers to both sides", () => {
    for (const option of demo.options) {
      expect(groups.get(option.groupId)?.modelId).toBe(option.modelId);
    }
    for (const offer of demo.trimOptions) {
      expect(trims.get(offer.trimId)?.modelId).toBe(options.get(offer.optionId)?.modelId);
    }
    for (const option of demo.options) {
      expect(demo.trimOptions.some((offer) => offer.optionId === option.id)).toBe(true);
    }
  });

  it("fits exactly one standard option of every pick-one group on every trim", () => {
    for (const trim of demo.trims) {
      const offers = offersOf(trim.id);
      for (const group of demo.optionGroups.filter((g) => g.modelId === trim.modelId && g.selection === "one")) {
        const standard = offers.filter((offer) => offer.standard && options.get(offer.optionId)?.groupId === group.id);
        expect(standard, `${trim.id} ${group.code}`).toHaveLength(1);
      }
    }
  });

  it("withholds some options from lower trims and fits more as standard higher up", () => {
    let withheld = 0;
    for (const model of demo.models) {
      const own = demo.trims.filter((trim) => trim.modelId === model.id).sort((a, b) => (a.sort ?? 0) - (b.sort ?? 0));
      const first = own[0];
      const last = own[own.length - 1];
      if (!first || !last) throw new Error(`${model.id} has no trims`);
      const modelOptions = demo.options.filter((option) => option.modelId === model.id).length;
      withheld += modelOptions - offersOf(first.id).length;
      const standardAny = (trimId: string) =>
        offersOf(trimId).filter(
          (offer) => offer.standard && groups.get(options.get(offer.optionId)?.groupId ?? "")?.selection === "any",
        ).length;
      expect(standardAny(last.id)).toBeGreaterThan(standardAny(first.id));
    }
    expect(withheld).toBeGreaterThan(0);
  });
});

describe("dealers", () => {
  it("number about 600, spread by city tier", () => {
    expect(demo.dealers.length).toBeGreaterThanOrEqual(550);
    expect(demo.dealers.length).toBeLessThanOrEqual(700);
    const perCity = countBy(demo.dealers, (dealer) => dealer.cityCode);
    const range: Record<string, [number, number]> = {
      "1": [8, 12],
      new1: [5, 8],
      "2": [4, 5],
      "3": [2, 3],
      "4": [1, 2],
      "5": [0, 1],
    };
    for (const city of CITIES) {
      const [min, max] = range[city.tier] ?? [0, 0];
      const count = perCity.get(city.code) ?? 0;
      expect(count, city.name).toBeGreaterThanOrEqual(min);
      expect(count, city.name).toBeLessThanOrEqual(max);
    }
    const tier5 = CITIES.filter((city) => city.tier === "5");
    expect(tier5.filter((city) => perCity.has(city.code)).length / tier5.length).toBeLessThan(0.65);
  });

  it("belong to a known brand and city, near the city centre, with sales and mostly test drives", () => {
    for (const dealer of demo.dealers) {
      expect(brands.has(dealer.brandId)).toBe(true);
      const city = cities.get(dealer.cityCode);
      if (!city) throw new Error(`${dealer.id} is in unknown city ${dealer.cityCode}`);
      expect(distanceKm(city, dealer)).toBeLessThanOrEqual(15.5);
      expect(dealer.services).toContain("sales");
      expect(dealer.name.startsWith(brands.get(dealer.brandId)?.name ?? "?")).toBe(true);
      expect(dealer.phone).toMatch(/^(0\d{2,3}-\d{8}|400-\d{3}-\d{4})$/);
      for (const hours of Object.values(dealer.hours)) {
        expect(hours.open).toMatch(/^\d\d:\d\d$/);
        expect(hours.open < hours.close).toBe(true);
      }
    }
    const testDrives = demo.dealers.filter((dealer) => dealer.services.includes("test_drive")).length;
    expect(testDrives / demo.dealers.length).toBeGreaterThan(0.8);
    expect(demo.dealers.some((dealer) => dealer.hours.mon === undefined)).toBe(true);
  });

  it("put every brand in every tier-1 city", () => {
    for (const city of CITIES.filter((c) => c.tier === "1")) {
      const here = new Set(demo.dealers.filter((d) => d.cityCode === city.code).map((d) => d.brandId));
      expect(here.size, city.name).toBe(demo.brands.length);
    }
  });
});

describe("inventory", () => {
  it("has the requested number of vehicles with unique valid VINs", () => {
    expect(demo.inventoryVehicles).toHaveLength(5000);
    const vins = demo.inventoryVehicles.map((vehicle) => vehicle.vin);
    expect(new Set(vins).size).toBe(vins.length);
    for (const vin of vins) {
      expect(vin).toMatch(/^[0-9A-HJ-NPR-Z]{17}$/);
      expect(isValidVin(vin)).toBe(true);
    }
    expect(vinCheckDigit("1M8GDM9A_KP042788")).toBe("X");
  });

  it("stocks each vehicle at a dealer of its own brand, in a colour and with options its trim offers", () => {
    for (const vehicle of demo.inventoryVehicles) {
      const trim = trims.get(vehicle.trimId);
      const dealer = dealers.get(vehicle.dealerId);
      const model = models.get(trim?.modelId ?? "");
      if (!trim || !dealer || !model) throw new Error(`${vehicle.vin} has a dangling reference`);
      expect(dealer.brandId).toBe(model.brandId);
      expect(vehicle.vin.slice(0, 3)).toBe(BRANDS.find((brand) => brand.slug === model.brandId)?.wmi);
      const offers = new Map(
        offersOf(trim.id).map((offer) => [options.get(offer.optionId)?.code ?? "", offer.standard ?? false]),
      );
      const paint = demo.options.find((o) => o.modelId === model.id && o.code === vehicle.colorCode);
      expect(groups.get(paint?.groupId ?? "")?.kind).toBe("paint");
      expect(vehicle.optionCodes).toContain(vehicle.colorCode);
      for (const code of vehicle.optionCodes) expect(offers.has(code), `${trim.id} offers ${code}`).toBe(true);
    }
  });

  it("prices each vehicle as its trim plus its non-standard options", () => {
    for (const vehicle of demo.inventoryVehicles) {
      const trim = trims.get(vehicle.trimId);
      if (!trim) throw new Error(`${vehicle.vin} has no trim`);
      const offers = offersOf(trim.id);
      let expected = trim.priceFen;
      for (const code of vehicle.optionCodes) {
        const option = demo.options.find((o) => o.modelId === trim.modelId && o.code === code) as OptionRow;
        const standard = offers.find((offer) => offer.optionId === option.id)?.standard;
        if (!standard) expected += option.priceFen;
      }
      expect(vehicle.priceFen).toBe(expected);
    }
  });

  it("picks one option per pick-one group and keeps every standard package and feature", () => {
    for (const vehicle of demo.inventoryVehicles.slice(0, 500)) {
      const trim = trims.get(vehicle.trimId);
      if (!trim) throw new Error(`${vehicle.vin} has no trim`);
      const chosen = new Set(vehicle.optionCodes);
      for (const group of demo.optionGroups.filter((g) => g.modelId === trim.modelId)) {
        const inGroup = offersOf(trim.id).filter((offer) => options.get(offer.optionId)?.groupId === group.id);
        const picked = inGroup.filter((offer) => chosen.has(options.get(offer.optionId)?.code ?? ""));
        if (group.selection === "one") expect(picked).toHaveLength(1);
        for (const offer of inGroup.filter((o) => o.standard && group.selection === "any")) {
          expect(chosen.has(options.get(offer.optionId)?.code ?? "")).toBe(true);
        }
      }
    }
  });

  it("is mostly in stock, with cars in transit due within eight weeks", () => {
    const statuses = countBy(demo.inventoryVehicles, (vehicle) => vehicle.status);
    const inStock = (statuses.get("in_stock") ?? 0) / demo.inventoryVehicles.length;
    expect(inStock).toBeGreaterThan(0.75);
    expect(inStock).toBeLessThan(0.85);
    for (const status of ["in_transit", "reserved", "sold"]) expect(statuses.get(status)).toBeGreaterThan(0);
    const now = DEFAULT_NOW.getTime();
    for (const vehicle of demo.inventoryVehicles) {
      const available = Date.parse(`${vehicle.availableOn}T00:00:00Z`);
      const days = (available - now) / 86_400_000;
      if (vehicle.status === "in_transit") {
        expect(days).toBeGreaterThanOrEqual(7);
        expect(days).toBeLessThanOrEqual(56);
      } else {
        expect(days).toBeLessThan(0);
      }
      expect(Date.parse(vehicle.updatedAt)).toBeLessThanOrEqual(now);
      expect(new Date(vehicle.updatedAt).toISOString()).toBe(vehicle.updatedAt);
    }
  });

  it("sells cheaper trims more often than the dearest", () => {
    const perTrim = countBy(demo.inventoryVehicles, (vehicle) => vehicle.trimId);
    let cheaperWins = 0;
    for (const model of demo.models) {
      const own = demo.trims.filter((trim) => trim.modelId === model.id).sort((a, b) => (a.sort ?? 0) - (b.sort ?? 0));
      if ((perTrim.get(own[0]?.id ?? "") ?? 0) > (perTrim.get(own[own.length - 1]?.id ?? "") ?? 0)) cheaperWins++;
    }
    expect(cheaperWins).toBeGreaterThanOrEqual(demo.models.length - 2);
  });

  it("generates 100,000 vehicles with distinct VINs (its speed is measured by npm run bench -- startup)", () => {
    const large = generateDemo({ seed: 11, inventory: 100_000 });
    expect(large.inventoryVehicles).toHaveLength(100_000);
    expect(new Set(large.inventoryVehicles.map((vehicle) => vehicle.vin)).size).toBe(100_000);
  }, 30_000);
});

describe("test-drive demo cars", () => {
  it("gives every dealer that offers test drives a car of each of its brand's models' entry trim", () => {
    const cars = new Set(demo.testDriveCars.map((row) => `${row.dealerId}/${row.trimId}`));
    for (const dealer of demo.dealers.filter((d) => d.services.includes("test_drive"))) {
      for (const model of demo.models.filter((m) => m.brandId === dealer.brandId)) {
        const entry = demo.trims.filter((t) => t.modelId === model.id).sort((a, b) => a.priceFen - b.priceFen)[0];
        expect(cars.has(`${dealer.id}/${entry?.id}`), `${dealer.id} ${model.slug}`).toBe(true);
      }
    }
  });

  it("keeps demo cars at dealers of the trim's own brand, one or two each, and none where test drives are not offered", () => {
    for (const row of demo.testDriveCars) {
      const dealer = dealers.get(row.dealerId);
      const brandOfTrim = models.get(trims.get(row.trimId)?.modelId ?? "")?.brandId;
      expect(dealer?.services).toContain("test_drive");
      expect(dealer?.brandId).toBe(brandOfTrim);
      expect(row.cars).toBeGreaterThanOrEqual(1);
      expect(row.cars).toBeLessThanOrEqual(2);
    }
  });
});
