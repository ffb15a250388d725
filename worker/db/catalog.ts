import { and, asc, count, desc, eq, inArray, like, or, sql } from "drizzle-orm";
import type { BodyType, DealerService, OpeningHours, Powertrain } from "../../domain/catalog/types.ts";
import { distanceKm } from "../../domain/geo/distance.ts";
import type { Database } from "./client.ts";
import {
  brands,
  cities,
  dealers,
  media,
  models,
  optionGroups,
  options,
  productModels,
  trimOptions,
  trims,
} from "./schema.ts";

type MediaRow = typeof media.$inferSelect;

/** Public shape of a media row: R2 keys are served under /api/media/. */
export function mediaView(row: MediaRow) {
  return {
    url: `/api/media/${row.r2Key}`,
    contentType: row.contentType,
    width: row.width,
    height: row.height,
    alt: row.alt,
    altEn: row.altEn,
    role: row.role,
  };
}

/**
 * A model's rule base (the configurator's product model): version `version`, or the latest.
 * @example const base = await ruleBase(database(env.DB), "stellan-s05"); base?.body.options.length
 */
export async function ruleBase(db: Database, slug: string, version?: number) {
  const [row] = await db
    .select({ modelId: productModels.modelId, version: productModels.version, body: productModels.body })
    .from(productModels)
    .innerJoin(models, eq(models.id, productModels.modelId))
    .where(
      version === undefined ? eq(models.slug, slug) : and(eq(models.slug, slug), eq(productModels.version, version)),
    )
    .orderBy(desc(productModels.version))
    .limit(1);
  return row;
}

/** Every brand with how many models it sells, in display order. */
export async function listBrands(db: Database) {
  return db
    .select({
      id: brands.id,
      slug: brands.slug,
      name: brands.name,
      nameEn: brands.nameEn,
      tagline: brands.tagline,
      taglineEn: brands.taglineEn,
      accentColor: brands.accentColor,
      founded: brands.founded,
      modelCount: count(models.id),
    })
    .from(brands)
    .leftJoin(models, eq(models.brandId, brands.id))
    .groupBy(brands.id)
    .orderBy(asc(brands.sort));
}

const modelSummaryColumns = {
  id: models.id,
  slug: models.slug,
  code: models.code,
  name: models.name,
  nameEn: models.nameEn,
  bodyType: models.bodyType,
  summary: models.summary,
  summaryEn: models.summaryEn,
  launchedOn: models.launchedOn,
  popularity: models.popularity,
  brandSlug: brands.slug,
  brandName: brands.name,
  brandNameEn: brands.nameEn,
  brandAccent: brands.accentColor,
  fromPriceFen: sql<number>`min(${trims.priceFen})`,
  toPriceFen: sql<number>`max(${trims.priceFen})`,
  powertrains: sql<string>`group_concat(distinct ${trims.powertrain})`,
  maxRangeKm: sql<number | null>`max(${trims.cltcRangeKm})`,
  bestZeroToHundredS: sql<number>`min(${trims.zeroToHundredS})`,
  trimCount: sql<number>`count(${trims.id})`,
};

function selectModelSummaries(db: Database) {
  return db
    .select(modelSummaryColumns)
    .from(models)
    .innerJoin(brands, eq(brands.id, models.brandId))
    .innerJoin(trims, eq(trims.modelId, models.id))
    .$dynamic();
}

type ModelSummaryRow = Awaited<ReturnType<typeof selectModelSummaries>>[number];

function modelSummaryView(row: ModelSummaryRow, image: MediaRow | undefined) {
  const { brandSlug, brandName, brandNameEn, brandAccent, powertrains, ...rest } = row;
  return {
    ...rest,
    bodyType: rest.bodyType as BodyType,
    brand: { slug: brandSlug, name: brandName, nameEn: brandNameEn, accentColor: brandAccent },
    powertrains: powertrains.split(",").sort() as Powertrain[],
    image: image ? mediaView(image) : null,
  };
}

async function sideImages(db: Database, modelIds: string[]) {
  if (modelIds.length === 0) return new Map<string, MediaRow>();
  const rows = await db
    .select()
    .from(media)
    .where(and(eq(media.ownerType, "model"), eq(media.role, "side"), inArray(media.ownerId, modelIds)));
  return new Map(rows.map((row) => [row.ownerId, row]));
}

/** Models with their price span and headline figures, most popular first. */
export async function listModels(db: Database, filter: { brand?: string; bodyType?: BodyType }) {
  const rows = await selectModelSummaries(db)
    .where(
      and(
        filter.brand ? eq(brands.slug, filter.brand) : undefined,
        filter.bodyType ? eq(models.bodyType, filter.bodyType) : undefined,
      ),
    )
    .groupBy(models.id)
    .orderBy(desc(models.popularity), asc(models.slug));
  const images = await sideImages(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => modelSummaryView(row, images.get(row.id)));
}

/** One model with its trims, option catalogue and media, or null. */
export async function getModel(db: Database, slug: string) {
  const [summary] = await selectModelSummaries(db).where(eq(models.slug, slug)).groupBy(models.id);
  if (!summary) return null;
  const [trimRows, groupRows, optionRows, offerRows, mediaRows] = await db.batch([
    db.select().from(trims).where(eq(trims.modelId, summary.id)).orderBy(asc(trims.sort), asc(trims.priceFen)),
    db.select().from(optionGroups).where(eq(optionGroups.modelId, summary.id)).orderBy(asc(optionGroups.sort)),
    db.select().from(options).where(eq(options.modelId, summary.id)).orderBy(asc(options.sort)),
    db
      .select({ trimId: trimOptions.trimId, optionId: trimOptions.optionId, standard: trimOptions.standard })
      .from(trimOptions)
      .innerJoin(trims, eq(trims.id, trimOptions.trimId))
      .where(eq(trims.modelId, summary.id)),
    db
      .select()
      .from(media)
      .where(and(eq(media.ownerType, "model"), eq(media.ownerId, summary.id))),
  ]);
  const offers = Map.groupBy(offerRows, (row) => row.optionId);
  const optionGroupsView = groupRows.map((group) => ({
    code: group.code,
    name: group.name,
    nameEn: group.nameEn,
    kind: group.kind,
    selection: group.selection,
    options: optionRows
      .filter((option) => option.groupId === group.id)
      .map((option) => {
        const offered = offers.get(option.id) ?? [];
        return {
          code: option.code,
          name: option.name,
          nameEn: option.nameEn,
          priceFen: option.priceFen,
          swatch: option.swatch,
          standardOn: offered.filter((o) => o.standard).map((o) => o.trimId),
          offeredOn: offered.map((o) => o.trimId),
        };
      }),
  }));
  return {
    ...modelSummaryView(
      summary,
      mediaRows.find((row) => row.role === "side"),
    ),
    trims: trimRows.map(({ modelId: _modelId, sort: _sort, ...trim }) => trim),
    optionGroups: optionGroupsView,
    media: mediaRows.map(mediaView),
  };
}

/** Cities, matched by Chinese name or pinyin prefix; optionally only those with dealers. */
export async function listCities(db: Database, filter: { q?: string; withDealers?: boolean }) {
  const q = filter.q?.replace(/[%_\\]/g, "");
  const where = q
    ? or(like(cities.name, `${q}%`), like(cities.pinyin, `${q}%`), like(cities.cfCity, `${q}%`))
    : undefined;
  const columns = {
    code: cities.code,
    name: cities.name,
    pinyin: cities.pinyin,
    province: cities.province,
    provinceEn: cities.provinceEn,
    lat: cities.lat,
    lon: cities.lon,
    tier: cities.tier,
  };
  if (filter.withDealers) {
    return db
      .selectDistinct(columns)
      .from(cities)
      .innerJoin(dealers, eq(dealers.cityCode, cities.code))
      .where(where)
      .orderBy(asc(cities.code));
  }
  return db.select(columns).from(cities).where(where).orderBy(asc(cities.code));
}

/** Dealers in a city or of a brand; nearest first when a point is given. */
export async function listDealers(
  db: Database,
  filter: { city?: string; brand?: string; lat?: number; lon?: number; limit: number },
) {
  const rows = await db
    .select({
      dealer: dealers,
      brandSlug: brands.slug,
      brandName: brands.name,
      brandNameEn: brands.nameEn,
      brandAccent: brands.accentColor,
      cityName: cities.name,
      cityPinyin: cities.pinyin,
      cityTier: cities.tier,
    })
    .from(dealers)
    .innerJoin(brands, eq(brands.id, dealers.brandId))
    .innerJoin(cities, eq(cities.code, dealers.cityCode))
    .where(
      and(
        filter.city ? eq(dealers.cityCode, filter.city) : undefined,
        filter.brand ? eq(brands.slug, filter.brand) : undefined,
      ),
    )
    .orderBy(asc(brands.sort), asc(dealers.name));
  const origin = filter.lat !== undefined && filter.lon !== undefined ? { lat: filter.lat, lon: filter.lon } : null;
  const views = rows.map(({ dealer, ...row }) => ({
    id: dealer.id,
    name: dealer.name,
    nameEn: dealer.nameEn,
    brand: { slug: row.brandSlug, name: row.brandName, nameEn: row.brandNameEn, accentColor: row.brandAccent },
    city: { code: dealer.cityCode, name: row.cityName, pinyin: row.cityPinyin, tier: row.cityTier },
    address: dealer.address,
    addressEn: dealer.addressEn,
    lat: dealer.lat,
    lon: dealer.lon,
    phone: dealer.phone,
    hours: dealer.hours as OpeningHours,
    services: dealer.services as DealerService[],
    distanceKm: origin ? Math.round(distanceKm(origin, dealer) * 10) / 10 : null,
  }));
  if (origin) views.sort((a, b) => (a.distanceKm ?? 0) - (b.distanceKm ?? 0));
  return views.slice(0, filter.limit);
}

/** The model slug of each known trim id (unknown ids are left out). */
export async function modelsOfTrims(db: Database, ids: string[]) {
  return db
    .select({ id: trims.id, slug: models.slug })
    .from(trims)
    .innerJoin(models, eq(models.id, trims.modelId))
    .where(inArray(trims.id, ids));
}

/** Every trim with its model and brand names: brands in display order, models by popularity, trims by price. */
export async function trimChoices(db: Database) {
  return db
    .select({
      slug: models.slug,
      name: models.name,
      nameEn: models.nameEn,
      brandName: brands.name,
      brandNameEn: brands.nameEn,
      id: trims.id,
      trimName: trims.name,
      trimNameEn: trims.nameEn,
      priceFen: trims.priceFen,
    })
    .from(trims)
    .innerJoin(models, eq(models.id, trims.modelId))
    .innerJoin(brands, eq(brands.id, models.brandId))
    .orderBy(asc(brands.sort), desc(models.popularity), asc(models.slug), asc(trims.sort), asc(trims.priceFen));
}
