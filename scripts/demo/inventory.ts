/**
 * Demo inventory: vehicles at dealers, each a trim of the dealer's brand with a paint, wheels,
 * interior and a few extras its trim offers, priced as trim price plus the non-standard options.
 * Vehicles are produced one at a time, so a seed script can stream 100,000 of them.
 */
import type { BodyType, Drive, Powertrain, VehicleStatus } from "../../domain/catalog/types.ts";
import type { City } from "../../domain/geo/cities.ts";
import type { CityTier } from "../../domain/geo/city-tier.ts";
import type { BrandContent } from "./content/types.ts";
import { type Prng, weightedSampler } from "./prng.ts";
import type { CatalogData, DealerRow, InventoryVehicleRow, OptionGroupRow, OptionRow, TrimRow } from "./rows.ts";
import { buildVin } from "./vin.ts";

export interface InventoryInput {
  catalog: CatalogData;
  dealers: readonly DealerRow[];
  cities: readonly City[];
  brands: readonly BrandContent[];
  now: Date;
}

interface OfferedGroup {
  kind: OptionGroupRow["kind"];
  selection: "one" | "any";
  offered: OptionRow[];
  standard: Set<string>;
}

interface TrimStock {
  trim: TrimRow;
  brandSlug: string;
  wmi: string;
  plants: string[];
  descriptor: string;
  groups: OfferedGroup[];
}

const DAY_MS = 86_400_000;
const STATUSES: readonly VehicleStatus[] = ["in_stock", "in_transit", "reserved", "sold"];
const STATUS_WEIGHTS = [80, 10, 6, 4];
const TIER_STOCK: Record<CityTier, number> = { "1": 3, new1: 2.5, "2": 2, "3": 1.5, "4": 1.2, "5": 1 };
const STICK_TO_STANDARD: Record<string, number> = { paint: 0.35, wheels: 0.7, interior: 0.6 };
const EXTRA_CHANCE: Record<string, number> = { package: 0.22, feature: 0.18 };
const BODY_CODE: Record<BodyType, string> = { sedan: "A", suv: "B", hatchback: "C", mpv: "D" };
const POWERTRAIN_CODE: Record<Powertrain, string> = { BEV: "E", PHEV: "P", EREV: "R", HEV: "H", ICE: "G" };
const DRIVE_CODE: Record<Drive, string> = { FWD: "1", RWD: "2", AWD: "4" };
const LINE_CODES = "123456789ABCDEFGHJKLMNPRSTUVWXYZ";

/**
 * An endless, deterministic stream of inventory vehicles; take as many as needed.
 * @example
 * const next = inventoryStream({ catalog, dealers, cities: CITIES, brands: BRANDS, now }, rng);
 * const vehicles = Array.from({ length: 100 }, next);
 */
export function inventoryStream(input: InventoryInput, rng: Prng): () => InventoryVehicleRow {
  const stock = trimStock(input);
  const pickTrim = weightedSampler(stock, stockWeights(input.catalog, stock));
  const pickDealer = dealerSamplers(input);
  const serials = new Map(input.brands.map((brand) => [brand.slug, rng.int(10_000, 99_999)]));
  const nowMs = input.now.getTime();
  return () => {
    const item = pickTrim(rng);
    const dealer = pickDealer.get(item.brandSlug)?.(rng);
    if (!dealer) throw new Error(`brand ${item.brandSlug} has no dealer to stock its cars`);
    const { colorCode, optionCodes, optionsFen } = configure(item, rng);
    const status = rng.weighted(STATUSES, STATUS_WEIGHTS);
    const dates = datesFor(status, nowMs, rng);
    const serial = (serials.get(item.brandSlug) ?? 0) + rng.int(1, 2);
    serials.set(item.brandSlug, serial);
    const vin = buildVin({
      wmi: item.wmi,
      descriptor: item.descriptor,
      modelYear: modelYear(dates.availableOn),
      plant: rng.pick(item.plants),
      serial,
    });
    return {
      vin,
      trimId: item.trim.id,
      dealerId: dealer.id,
      colorCode,
      optionCodes,
      status,
      priceFen: item.trim.priceFen + optionsFen,
      availableOn: dates.availableOn,
      updatedAt: dates.updatedAt,
    };
  };
}

function trimStock(input: InventoryInput): TrimStock[] {
  const { catalog } = input;
  const modelById = new Map(catalog.models.map((model) => [model.id, model]));
  const brandBySlug = new Map(input.brands.map((brand) => [brand.slug, brand]));
  const optionById = new Map(catalog.options.map((option) => [option.id, option]));
  const offersByTrim = groupBy(catalog.trimOptions, (offer) => offer.trimId);
  const groups = [...catalog.optionGroups].sort((a, b) => (a.sort ?? 0) - (b.sort ?? 0));
  return catalog.trims.map((trim) => {
    const model = modelById.get(trim.modelId);
    const brand = model && brandBySlug.get(model.brandId);
    if (!model || !brand) throw new Error(`trim ${trim.id} has no model or brand`);
    const lineIndex = catalog.models.filter((other) => other.brandId === model.brandId).indexOf(model);
    const offers = (offersByTrim.get(trim.id) ?? [])
      .map((offer) => ({ option: optionById.get(offer.optionId), standard: offer.standard ?? false }))
      .filter((offer): offer is { option: OptionRow; standard: boolean } => offer.option !== undefined)
      .sort((a, b) => (a.option.sort ?? 0) - (b.option.sort ?? 0));
    return {
      trim,
      brandSlug: brand.slug,
      wmi: brand.wmi,
      plants: [...brand.plants],
      descriptor: `${BODY_CODE[model.bodyType]}${LINE_CODES[lineIndex]}${POWERTRAIN_CODE[trim.powertrain]}${DRIVE_CODE[trim.drive]}${LINE_CODES[trim.sort ?? 0]}`,
      groups: groups
        .filter((group) => group.modelId === model.id)
        .map((group) => {
          const inGroup = offers.filter((offer) => offer.option.groupId === group.id);
          return {
            kind: group.kind,
            selection: group.selection,
            offered: inGroup.map((offer) => offer.option),
            standard: new Set(inGroup.filter((offer) => offer.standard).map((offer) => offer.option.code)),
          };
        }),
    };
  });
}

function stockWeights(catalog: CatalogData, stock: readonly TrimStock[]): number[] {
  const popularity = new Map(catalog.models.map((model) => [model.id, model.popularity ?? 50]));
  const cheapest = new Map<string, number>();
  for (const { trim } of stock) {
    cheapest.set(trim.modelId, Math.min(cheapest.get(trim.modelId) ?? Number.POSITIVE_INFINITY, trim.priceFen));
  }
  return stock.map(({ trim }) => {
    const share = ((popularity.get(trim.modelId) ?? 50) / 100) ** 2;
    return share * 0.72 ** (trim.sort ?? 0) * ((cheapest.get(trim.modelId) ?? trim.priceFen) / trim.priceFen);
  });
}

function dealerSamplers(input: InventoryInput): Map<string, (rng: Prng) => DealerRow> {
  const tierByCity = new Map(input.cities.map((city) => [city.code, city.tier]));
  const samplers = new Map<string, (rng: Prng) => DealerRow>();
  for (const [brandSlug, dealers] of groupBy(input.dealers, (dealer) => dealer.brandId)) {
    const weights = dealers.map((dealer) => {
      const tier = tierByCity.get(dealer.cityCode) ?? "5";
      const services = dealer.services;
      const size = services.includes("delivery") ? 1.5 : services.includes("service") ? 1 : 0.5;
      return TIER_STOCK[tier] * size;
    });
    samplers.set(brandSlug, weightedSampler(dealers, weights));
  }
  return samplers;
}

function configure(item: TrimStock, rng: Prng): { colorCode: string; optionCodes: string[]; optionsFen: number } {
  let colorCode = "";
  let optionsFen = 0;
  const optionCodes: string[] = [];
  const take = (group: OfferedGroup, option: OptionRow) => {
    optionCodes.push(option.code);
    if (!group.standard.has(option.code)) optionsFen += option.priceFen;
    if (group.kind === "paint") colorCode = option.code;
  };
  for (const group of item.groups) {
    if (group.selection === "one") {
      const standard = group.offered.find((option) => group.standard.has(option.code));
      const stick = standard && rng.chance(STICK_TO_STANDARD[group.kind] ?? 0.5);
      const chosen = stick ? standard : rng.pick(group.offered);
      take(group, chosen);
      continue;
    }
    for (const option of group.offered) {
      if (group.standard.has(option.code) || rng.chance(EXTRA_CHANCE[group.kind] ?? 0.2)) take(group, option);
    }
  }
  return { colorCode, optionCodes, optionsFen };
}

function datesFor(status: VehicleStatus, nowMs: number, rng: Prng): { availableOn: string; updatedAt: string } {
  const secondsAgo = (maxDays: number) => rng.int(0, maxDays * 86_400) * 1000;
  if (status === "in_transit") {
    return {
      availableOn: isoDate(nowMs + rng.int(7, 56) * DAY_MS),
      updatedAt: new Date(nowMs - secondsAgo(5)).toISOString(),
    };
  }
  const arrivedDaysAgo = rng.int(1, 120);
  const touchedWithinDays =
    status === "in_stock" ? arrivedDaysAgo : Math.min(arrivedDaysAgo, status === "sold" ? 30 : 14);
  return {
    availableOn: isoDate(nowMs - arrivedDaysAgo * DAY_MS),
    updatedAt: new Date(nowMs - secondsAgo(touchedWithinDays)).toISOString(),
  };
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Cars built from September on carry the next model year. */
function modelYear(isoDay: string): number {
  const year = Number(isoDay.slice(0, 4));
  return Number(isoDay.slice(5, 7)) >= 9 ? year + 1 : year;
}
