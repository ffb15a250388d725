import { and, eq, gte, inArray } from "drizzle-orm";
import type { BodyType } from "../../domain/catalog/types.ts";
import { ORDER_LEAD_DAYS } from "../../domain/orders/saga.ts";
import { colourFamily } from "../../domain/search/colour.ts";
import type { Listing } from "../../domain/search/listing.ts";
import { addDays } from "../../domain/time.ts";
import type { Database } from "../db/client.ts";
import {
  brands,
  cities,
  dealers,
  inventoryVehicles,
  media,
  models,
  optionGroups,
  options,
  trims,
} from "../db/schema.ts";

/** Vehicles a shopper can buy: at a dealer or on the way. Sold and reserved ones are not listed. */
const LISTED = ["in_stock", "in_transit"] as const;

/**
 * Everything the search index is built from: every listed vehicle and every trim as a build-to-order
 * listing, in id order (VINs, then "order:…"), so that the index need not sort them.
 */
export async function loadListings(
  db: Database,
  today: string,
): Promise<{ listings: Listing[]; images: Map<string, string>; watermark: string }> {
  const [trimRows, modelRows, brandRows, paintRows, dealerRows, cityRows, imageRows, vehicleRows] = await db.batch([
    db
      .select({
        trimId: trims.id,
        modelId: trims.modelId,
        trimName: trims.name,
        trimNameEn: trims.nameEn,
        priceFen: trims.priceFen,
        powertrain: trims.powertrain,
        rangeKm: trims.cltcRangeKm,
        electricRangeKm: trims.electricRangeKm,
        batteryKwh: trims.batteryKwh,
        zeroToHundredS: trims.zeroToHundredS,
        seats: trims.seats,
        seatMaterial: trims.seatMaterial,
        drive: trims.drive,
        adasLevel: trims.adasLevel,
      })
      .from(trims),
    db
      .select({
        modelId: models.id,
        brandId: models.brandId,
        model: models.slug,
        modelName: models.name,
        modelNameEn: models.nameEn,
        modelCode: models.code,
        bodyType: models.bodyType,
        launchedOn: models.launchedOn,
        popularity: models.popularity,
      })
      .from(models),
    db
      .select({ brandId: brands.id, brand: brands.slug, brandName: brands.name, brandNameEn: brands.nameEn })
      .from(brands),
    db
      .select({
        modelId: options.modelId,
        code: options.code,
        name: options.name,
        nameEn: options.nameEn,
        swatch: options.swatch,
      })
      .from(options)
      .innerJoin(optionGroups, eq(optionGroups.id, options.groupId))
      .where(eq(optionGroups.kind, "paint")),
    db.select({ id: dealers.id, cityCode: dealers.cityCode, lat: dealers.lat, lon: dealers.lon }).from(dealers),
    db.select({ code: cities.code, cityName: cities.name, cityNameEn: cities.pinyin }).from(cities),
    db
      .select({ modelId: media.ownerId, r2Key: media.r2Key })
      .from(media)
      .where(and(eq(media.ownerType, "model"), eq(media.role, "side"))),
    db
      .select({
        vin: inventoryVehicles.vin,
        trimId: inventoryVehicles.trimId,
        dealerId: inventoryVehicles.dealerId,
        colorCode: inventoryVehicles.colorCode,
        status: inventoryVehicles.status,
        priceFen: inventoryVehicles.priceFen,
        availableOn: inventoryVehicles.availableOn,
        updatedAt: inventoryVehicles.updatedAt,
      })
      .from(inventoryVehicles)
      .where(inArray(inventoryVehicles.status, [...LISTED]))
      .orderBy(inventoryVehicles.vin),
  ]);

  const brandById = new Map(brandRows.map(({ brandId, ...brand }) => [brandId, brand]));
  const modelById = new Map(
    modelRows.map(({ brandId, modelId, ...model }) => [
      modelId,
      { ...model, ...(brandById.get(brandId) as (typeof brandRows)[number]), bodyType: model.bodyType as BodyType },
    ]),
  );
  const trimById = new Map(
    trimRows.map(({ electricRangeKm, modelId, ...trim }) => [
      trim.trimId,
      {
        ...trim,
        ...(modelById.get(modelId) as ReturnType<typeof modelById.get> & object),
        rangeKm: trim.rangeKm ?? electricRangeKm,
      },
    ]),
  );
  const modelIdByTrim = new Map(trimRows.map((trim) => [trim.trimId, trim.modelId]));
  const paints = new Map(paintRows.map((paint) => [`${paint.modelId}/${paint.code}`, paint]));
  const cityByCode = new Map(cityRows.map(({ code, ...city }) => [code, city]));
  const dealerById = new Map(
    dealerRows.map((dealer) => [dealer.id, { ...dealer, ...cityByCode.get(dealer.cityCode) }]),
  );
  const orderDate = addDays(today, ORDER_LEAD_DAYS);

  const listings: Listing[] = [];
  let watermark = "";
  for (const vehicle of vehicleRows) {
    const trim = trimById.get(vehicle.trimId);
    const dealer = dealerById.get(vehicle.dealerId);
    if (!trim || !dealer) continue;
    const paint = paints.get(`${modelIdByTrim.get(vehicle.trimId)}/${vehicle.colorCode}`);
    if (vehicle.updatedAt > watermark) watermark = vehicle.updatedAt;
    listings.push({
      ...trim,
      id: vehicle.vin,
      kind: vehicle.status === "in_stock" ? "stock" : "transit",
      priceFen: vehicle.priceFen,
      paintCode: vehicle.colorCode,
      paintName: paint?.name ?? null,
      paintNameEn: paint?.nameEn ?? null,
      colour: paint?.swatch ? colourFamily(paint.swatch) : null,
      dealerId: dealer.id,
      cityCode: dealer.cityCode,
      cityName: dealer.cityName ?? null,
      cityNameEn: dealer.cityNameEn ?? null,
      lat: dealer.lat,
      lon: dealer.lon,
      availableOn: vehicle.availableOn.slice(0, 10) < today ? today : vehicle.availableOn.slice(0, 10),
    });
  }
  const orders: Listing[] = [...trimById.values()].map((trim) => ({
    ...trim,
    id: `order:${trim.trimId}`,
    kind: "order",
    paintCode: null,
    paintName: null,
    paintNameEn: null,
    colour: null,
    dealerId: null,
    cityCode: null,
    cityName: null,
    cityNameEn: null,
    lat: null,
    lon: null,
    availableOn: orderDate,
  }));
  listings.push(...orders.sort((a, b) => (a.id < b.id ? -1 : 1)));
  const slugByModel = new Map(modelRows.map((model) => [model.modelId, model.model]));
  const images = new Map(imageRows.map((row) => [slugByModel.get(row.modelId) ?? "", `/api/media/${row.r2Key}`]));
  return { listings, images, watermark };
}

/** Vehicles whose row changed at or after the watermark, oldest first: what an index built at the watermark may have missed. */
export async function changedVehicles(db: Database, watermark: string, limit: number) {
  return db
    .select({ vin: inventoryVehicles.vin, status: inventoryVehicles.status, updatedAt: inventoryVehicles.updatedAt })
    .from(inventoryVehicles)
    .where(gte(inventoryVehicles.updatedAt, watermark))
    .orderBy(inventoryVehicles.updatedAt)
    .limit(limit);
}
