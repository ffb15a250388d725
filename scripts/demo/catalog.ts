/** The demo catalogue: four fictional brands, their models, trims and option catalogues. */
import { BRANDS } from "./content/index.ts";
import type { BrandContent, ModelContent, TrimRecipe } from "./content/types.ts";
import { modelOptions, type TrimForOptions } from "./options.ts";
import type { Prng } from "./prng.ts";
import type { CatalogData, TrimRow } from "./rows.ts";
import { type Dimensions, modelDimensions, trimSpec } from "./specs.ts";

/**
 * Every catalogue row, built from the hand-written content with seeded variation in the figures.
 * Ids: brand = its slug, model = its slug ("stellan-s05"), trim/group/option = `${modelSlug}:${code}`.
 * @example
 * const catalog = buildCatalog(createPrng(deriveSeed(42, "catalog")));
 * catalog.trims.find((trim) => trim.id === "stellan-s05:lr-awd")?.priceFen // 28990000
 */
export function buildCatalog(rng: Prng): CatalogData {
  const catalog: CatalogData = { brands: [], models: [], trims: [], optionGroups: [], options: [], trimOptions: [] };
  BRANDS.forEach((brand, brandIndex) => {
    catalog.brands.push({
      id: brand.slug,
      slug: brand.slug,
      name: brand.name,
      nameEn: brand.nameEn,
      tagline: brand.tagline,
      taglineEn: brand.taglineEn,
      accentColor: brand.accentColor,
      founded: brand.founded,
      sort: brandIndex,
    });
    for (const model of brand.models) addModel(catalog, brand, model, rng);
  });
  return catalog;
}

/**
 * A list price in yuan the way Chinese price lists read: whole or half 万 minus the brand's ending
 * (259,900 or 89,800), always above the previous trim's.
 * @example listPriceYuan(229900, 1.13, 100, 229900) // 259900
 */
export function listPriceYuan(fromYuan: number, factor: number, endingYuan: number, previousYuan: number): number {
  const raw = fromYuan * factor;
  const step = raw < 150_000 ? 5_000 : 10_000;
  const price = Math.round((raw + endingYuan) / step) * step - endingYuan;
  return price > previousYuan ? price : previousYuan + step;
}

function addModel(catalog: CatalogData, brand: BrandContent, model: ModelContent, rng: Prng): void {
  const slug = `${brand.slug}-${model.code.toLowerCase()}`;
  catalog.models.push({
    id: slug,
    brandId: brand.slug,
    slug,
    code: model.code,
    name: model.name,
    nameEn: model.nameEn,
    bodyType: model.bodyType,
    summary: model.summary,
    summaryEn: model.summaryEn,
    launchedOn: model.launchedOn,
    popularity: model.popularity,
  });
  const dimensions = modelDimensions(model.bodyType, model.segment, brand.character, rng);
  const forOptions: TrimForOptions[] = [];
  let previousYuan = 0;
  model.trims.forEach(([recipeCode, factor], index) => {
    const recipe = brand.recipes[recipeCode];
    if (!recipe) throw new Error(`${slug}: ${brand.slug} has no trim recipe "${recipeCode}"`);
    const rank = model.trims.length > 1 ? index / (model.trims.length - 1) : 1;
    previousYuan = listPriceYuan(model.fromPriceYuan, factor, brand.priceEndingYuan, previousYuan);
    const trim = trimRow(brand, model, recipe, dimensions, rank, rng, {
      id: `${slug}:${recipeCode}`,
      modelId: slug,
      priceFen: previousYuan * 100,
      sort: index,
    });
    catalog.trims.push(trim);
    forOptions.push({
      id: trim.id,
      rank,
      recipeCode,
      recipePackages: recipe.packages ?? [],
      powertrain: trim.powertrain,
      adasLevel: trim.adasLevel,
      seats: trim.seats,
    });
  });
  const options = modelOptions(brand, model, slug, forOptions, rng);
  catalog.optionGroups.push(...options.optionGroups);
  catalog.options.push(...options.options);
  catalog.trimOptions.push(...options.trimOptions);
}

function trimRow(
  brand: BrandContent,
  model: ModelContent,
  recipe: TrimRecipe,
  dimensions: Dimensions,
  rank: number,
  rng: Prng,
  fixed: { id: string; modelId: string; priceFen: number; sort: number },
): TrimRow & { id: string } {
  const spec = trimSpec(
    {
      character: brand.character,
      bodyType: model.bodyType,
      segment: model.segment,
      powertrain: recipe.powertrain,
      drive: recipe.drive,
      seats: recipe.seats ?? model.seats,
      range: recipe.range,
      power: recipe.power,
      rank,
      priceYuan: fixed.priceFen / 100,
      rangeKm: model.rangeKm,
      electricKm: model.electricKm,
      bevChargeKw: brand.bevChargeKw,
    },
    rng,
  );
  const fill = (template: string) =>
    template.replace("{km}", String(spec.cltcRangeKm ?? "")).replace("{ekm}", String(spec.electricRangeKm ?? ""));
  return {
    id: fixed.id,
    modelId: fixed.modelId,
    name: fill(recipe.name),
    nameEn: fill(recipe.nameEn),
    priceFen: fixed.priceFen,
    powertrain: spec.powertrain,
    cltcRangeKm: spec.cltcRangeKm,
    electricRangeKm: spec.electricRangeKm,
    batteryKwh: spec.batteryKwh,
    fuelLPer100km: spec.fuelLPer100km,
    zeroToHundredS: spec.zeroToHundredS,
    powerKw: spec.powerKw,
    torqueNm: spec.torqueNm,
    topSpeedKmh: spec.topSpeedKmh,
    seats: spec.seats,
    seatMaterial: spec.seatMaterial,
    drive: spec.drive,
    ...dimensions,
    curbWeightKg: spec.curbWeightKg,
    adasLevel: spec.adasLevel,
    peakChargeKw: spec.peakChargeKw,
    sort: fixed.sort,
  };
}
