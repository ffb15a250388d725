import { and, asc, count, desc, eq, inArray, ne } from "drizzle-orm";
import type { DealerService, OpeningHours, VehicleStatus } from "../../domain/catalog/types.ts";
import { distanceKm, type LatLon } from "../../domain/geo/distance.ts";
import type { Database } from "./client.ts";
import { brands, cities, dealers, inventoryVehicles, models, options, testDriveCars, trims } from "./schema.ts";

/** Vehicles a shopper can buy from a dealer: on the forecourt or on their way there. */
const AVAILABLE: VehicleStatus[] = ["in_stock", "in_transit"];

const roundKm = (km: number) => Math.round(km * 10) / 10;

/**
 * One dealer with its brand and city; `distanceKm` from `origin` when given. Null if there is none.
 * @example const dealer = await findDealer(db, "xingchi-440300-1", { lat: 22.54, lon: 114.06 });
 */
export async function findDealer(db: Database, id: string, origin: LatLon | null) {
  const [row] = await db
    .select({ dealer: dealers, brand: brands, city: cities })
    .from(dealers)
    .innerJoin(brands, eq(brands.id, dealers.brandId))
    .innerJoin(cities, eq(cities.code, dealers.cityCode))
    .where(eq(dealers.id, id));
  if (!row) return null;
  const { dealer, brand, city } = row;
  return {
    id: dealer.id,
    name: dealer.name,
    nameEn: dealer.nameEn,
    brand: { slug: brand.slug, name: brand.name, nameEn: brand.nameEn, accentColor: brand.accentColor },
    city: { code: city.code, name: city.name, pinyin: city.pinyin, tier: city.tier },
    address: dealer.address,
    addressEn: dealer.addressEn,
    lat: dealer.lat,
    lon: dealer.lon,
    phone: dealer.phone,
    hours: dealer.hours as OpeningHours,
    services: dealer.services as DealerService[],
    distanceKm: origin ? roundKm(distanceKm(origin, dealer)) : null,
  };
}

type StockRow = {
  model: { id: string; slug: string; name: string; nameEn: string };
  trim: { id: string; name: string; nameEn: string; priceFen: number };
  colour: { code: string; name: string | null; nameEn: string | null; swatch: string | null };
  status: VehicleStatus;
  vehicles: number;
};

/**
 * Vehicles in stock or in transit at a dealer (optionally of one trim), counted per model, trim
 * and colour; most popular model first, trims and colours in catalogue order.
 * @example (await dealerStock(db, "xingchi-440300-1"))[0]?.trims[0]?.colours // [{ code: "PAINT-WHITE", inStock: 2, … }]
 */
export async function dealerStock(db: Database, dealerId: string, trimId?: string) {
  const rows: StockRow[] = await db
    .select({
      model: { id: models.id, slug: models.slug, name: models.name, nameEn: models.nameEn },
      trim: { id: trims.id, name: trims.name, nameEn: trims.nameEn, priceFen: trims.priceFen },
      colour: { code: inventoryVehicles.colorCode, name: options.name, nameEn: options.nameEn, swatch: options.swatch },
      status: inventoryVehicles.status,
      vehicles: count(),
    })
    .from(inventoryVehicles)
    .innerJoin(trims, eq(trims.id, inventoryVehicles.trimId))
    .innerJoin(models, eq(models.id, trims.modelId))
    .leftJoin(options, and(eq(options.modelId, trims.modelId), eq(options.code, inventoryVehicles.colorCode)))
    .where(
      and(
        eq(inventoryVehicles.dealerId, dealerId),
        inArray(inventoryVehicles.status, AVAILABLE),
        trimId ? eq(inventoryVehicles.trimId, trimId) : undefined,
      ),
    )
    .groupBy(inventoryVehicles.trimId, inventoryVehicles.colorCode, inventoryVehicles.status)
    .orderBy(desc(models.popularity), asc(models.slug), asc(trims.sort), asc(trims.priceFen), asc(options.sort));
  return groupStock(rows);
}

type Counts = { inStock: number; inTransit: number };

function add(target: Counts, row: Pick<StockRow, "status" | "vehicles">): void {
  if (row.status === "in_stock") target.inStock += row.vehicles;
  else target.inTransit += row.vehicles;
}

type TrimStock = StockRow["trim"] &
  Counts & { colours: Array<Counts & { code: string; name: string; nameEn: string; swatch: string | null }> };

function groupStock(rows: readonly StockRow[]) {
  const byModel = new Map<string, StockRow["model"] & { trims: Map<string, TrimStock> }>();
  for (const row of rows) {
    const model = byModel.get(row.model.id) ?? { ...row.model, trims: new Map<string, TrimStock>() };
    byModel.set(row.model.id, model);
    const trim = model.trims.get(row.trim.id) ?? { ...row.trim, inStock: 0, inTransit: 0, colours: [] };
    model.trims.set(row.trim.id, trim);
    let colour = trim.colours.find((c) => c.code === row.colour.code);
    if (!colour) {
      const { code, name, nameEn, swatch } = row.colour;
      colour = { code, name: name ?? code, nameEn: nameEn ?? code, swatch, inStock: 0, inTransit: 0 };
      trim.colours.push(colour);
    }
    add(trim, row);
    add(colour, row);
  }
  return [...byModel.values()].map((model) => ({ ...model, trims: [...model.trims.values()] }));
}

/**
 * The trims a dealer keeps demo cars of, with how many: what can be test-driven there.
 * @example (await demoTrims(db, "xingchi-440300-1"))[0] // { id: "…", name: "…", model: { … }, cars: 2 }
 */
export async function demoTrims(db: Database, dealerId: string) {
  return db
    .select({
      id: trims.id,
      name: trims.name,
      nameEn: trims.nameEn,
      model: { id: models.id, slug: models.slug, name: models.name, nameEn: models.nameEn },
      cars: testDriveCars.cars,
    })
    .from(testDriveCars)
    .innerJoin(trims, eq(trims.id, testDriveCars.trimId))
    .innerJoin(models, eq(models.id, trims.modelId))
    .where(eq(testDriveCars.dealerId, dealerId))
    .orderBy(desc(models.popularity), asc(models.slug), asc(trims.priceFen));
}

/**
 * A trim with its model, or null if there is no such trim.
 * @example await trimRef(db, "xingchi-s7-long-range") // { id, name, nameEn, model: { slug, … } }
 */
export async function trimRef(db: Database, trimId: string) {
  const [row] = await db
    .select({
      id: trims.id,
      name: trims.name,
      nameEn: trims.nameEn,
      model: { id: models.id, slug: models.slug, name: models.name, nameEn: models.nameEn },
    })
    .from(trims)
    .innerJoin(models, eq(models.id, trims.modelId))
    .where(eq(trims.id, trimId));
  return row ?? null;
}

/**
 * Other dealers with vehicles of a trim in stock or in transit, nearest to `from` first.
 * @example await trimElsewhere(db, trimId, dealer, 5) // [{ id, name, distanceKm: 3.2, inStock: 1, inTransit: 0, … }]
 */
export async function trimElsewhere(db: Database, trimId: string, from: LatLon & { id: string }, limit: number) {
  const rows = await db
    .select({
      dealer: {
        id: dealers.id,
        name: dealers.name,
        nameEn: dealers.nameEn,
        address: dealers.address,
        addressEn: dealers.addressEn,
        phone: dealers.phone,
        lat: dealers.lat,
        lon: dealers.lon,
      },
      city: { code: cities.code, name: cities.name, pinyin: cities.pinyin },
      status: inventoryVehicles.status,
      vehicles: count(),
    })
    .from(inventoryVehicles)
    .innerJoin(dealers, eq(dealers.id, inventoryVehicles.dealerId))
    .innerJoin(cities, eq(cities.code, dealers.cityCode))
    .where(
      and(
        eq(inventoryVehicles.trimId, trimId),
        inArray(inventoryVehicles.status, AVAILABLE),
        ne(inventoryVehicles.dealerId, from.id),
      ),
    )
    .groupBy(inventoryVehicles.dealerId, inventoryVehicles.status);
  const byDealer = new Map<
    string,
    (typeof rows)[number]["dealer"] & { city: (typeof rows)[number]["city"] } & Counts
  >();
  for (const row of rows) {
    const dealer = byDealer.get(row.dealer.id) ?? { ...row.dealer, city: row.city, inStock: 0, inTransit: 0 };
    byDealer.set(row.dealer.id, dealer);
    add(dealer, row);
  }
  return [...byDealer.values()]
    .map(({ lat, lon, ...dealer }) => ({ ...dealer, distanceKm: roundKm(distanceKm(from, { lat, lon })) }))
    .sort((a, b) => a.distanceKm - b.distanceKm || b.inStock - a.inStock)
    .slice(0, limit);
}
