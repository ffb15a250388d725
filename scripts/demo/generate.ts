/**
 * Deterministic demo data for the store: the same options give byte-identical rows on every machine.
 * Catalogue, dealers and inventory draw from separate seeded streams, so asking for more vehicles
 * leaves the catalogue and the dealers as they were.
 */
import { CITIES, type City } from "../../domain/geo/cities.ts";
import { buildCatalog } from "./catalog.ts";
import { BRANDS } from "./content/index.ts";
import { buildDealers } from "./dealers.ts";
import { inventoryStream } from "./inventory.ts";
import { createPrng, deriveSeed } from "./prng.ts";
import type { DemoData } from "./rows.ts";
import { testDriveCars } from "./test-drive-cars.ts";

export type { DemoData } from "./rows.ts";

export const DEFAULT_SEED = 2026;
export const DEFAULT_INVENTORY = 5000;
export const DEFAULT_NOW = new Date("2026-11-01T00:00:00Z");

export interface DemoOptions {
  seed?: number;
  /** Number of inventory vehicles. */
  inventory?: number;
  /** The moment the data describes: vehicle dates are relative to it. */
  now?: Date;
  /** Cities to place dealers in; all of domain/geo/cities.ts unless given. */
  cities?: readonly City[];
}

/**
 * Generates the whole demo dataset as plain insert rows.
 * @example
 * const demo = generateDemo({ seed: 7, inventory: 1000 });
 * demo.inventoryVehicles.length // 1000
 * JSON.stringify(generateDemo({ seed: 7 })) === JSON.stringify(generateDemo({ seed: 7 })) // true
 */
export function generateDemo(opts: DemoOptions = {}): DemoData {
  const seed = opts.seed ?? DEFAULT_SEED;
  const count = opts.inventory ?? DEFAULT_INVENTORY;
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`inventory must be a whole number ≥ 0, not ${count}`);
  const cities = opts.cities ?? CITIES;
  const catalog = buildCatalog(createPrng(deriveSeed(seed, "catalog")));
  const dealers = buildDealers(BRANDS, cities, createPrng(deriveSeed(seed, "dealers")));
  const nextVehicle = inventoryStream(
    { catalog, dealers, cities, brands: BRANDS, now: opts.now ?? DEFAULT_NOW },
    createPrng(deriveSeed(seed, "inventory")),
  );
  const inventoryVehicles = Array.from({ length: count }, () => nextVehicle());
  const demoCars = testDriveCars(catalog, dealers, createPrng(deriveSeed(seed, "test-drive-cars")));
  return { ...catalog, dealers, testDriveCars: demoCars, inventoryVehicles };
}
