/**
 * The option catalogue of one model: paint, wheels and interior (pick one), packages and individual
 * features (pick any), and for every trim which options it offers and which it fits as standard.
 */
import type { OptionGroupKind } from "../../domain/catalog/types.ts";
import { FEATURES, type ModelFacts, PACKAGES, type TrimFacts } from "./content/equipment.ts";
import type { BrandContent, ModelContent, Segment } from "./content/types.ts";
import type { Prng } from "./prng.ts";
import type { OptionGroupRow, OptionRow, TrimOptionRow } from "./rows.ts";

export interface TrimForOptions extends TrimFacts {
  id: string;
}

export interface ModelOptions {
  optionGroups: OptionGroupRow[];
  options: OptionRow[];
  trimOptions: TrimOptionRow[];
}

interface OptionDraft {
  code: string;
  name: string;
  nameEn: string;
  priceYuan: number;
  swatch: string | null;
  offered(trim: TrimFacts): boolean;
  standard(trim: TrimFacts): boolean;
}

interface GroupDraft {
  code: string;
  name: string;
  nameEn: string;
  kind: OptionGroupKind;
  selection: "one" | "any";
  options: OptionDraft[];
}

const WHEEL_SIZES: Record<Segment, readonly number[]> = {
  A0: [15, 16, 17],
  A: [16, 17, 18, 19],
  B: [18, 19, 20, 21],
  C: [19, 20, 21, 22],
  D: [20, 21, 22, 23],
};
const RUGGED_WHEEL_SIZES: Record<Segment, readonly number[]> = {
  A0: [16, 17],
  A: [17, 18, 19],
  B: [18, 19, 20],
  C: [18, 20, 22],
  D: [20, 21, 22],
};
const PREMIUM_PAINT_YUAN = 15000;

/**
 * Option groups, options and trim offers of one model; ids are `${modelSlug}:${code}`.
 * @example
 * const { options, trimOptions } = modelOptions(STELLAN, STELLAN.models[0], "stellan-s05", trims, rng);
 * options[0].code // "paint-polar-white"
 */
export function modelOptions(
  brand: BrandContent,
  model: ModelContent,
  modelSlug: string,
  trims: readonly TrimForOptions[],
  rng: Prng,
): ModelOptions {
  const groups = [
    paintGroup(brand, rng),
    wheelGroup(brand, model, trims.length, rng),
    interiorGroup(brand, rng),
    packageGroup(brand, model),
    featureGroup(brand, model, rng),
  ];
  const result: ModelOptions = { optionGroups: [], options: [], trimOptions: [] };
  groups.forEach((group, groupIndex) => {
    const groupId = `${modelSlug}:${group.code}`;
    result.optionGroups.push({
      id: groupId,
      modelId: modelSlug,
      code: group.code,
      name: group.name,
      nameEn: group.nameEn,
      kind: group.kind,
      selection: group.selection,
      sort: groupIndex,
    });
    group.options.forEach((option, optionIndex) => {
      const optionId = `${modelSlug}:${option.code}`;
      result.options.push({
        id: optionId,
        groupId,
        modelId: modelSlug,
        code: option.code,
        name: option.name,
        nameEn: option.nameEn,
        priceFen: option.priceYuan * 100,
        swatch: option.swatch,
        sort: optionIndex,
      });
      const offers = trims
        .map((trim) => ({ trim, standard: option.standard(trim) }))
        .filter(({ trim, standard }) => standard || option.offered(trim));
      const topTrim = trims[trims.length - 1];
      if (offers.length === 0 && topTrim) offers.push({ trim: topTrim, standard: false });
      for (const { trim, standard } of offers) result.trimOptions.push({ trimId: trim.id, optionId, standard });
    });
  });
  return result;
}

function paintGroup(brand: BrandContent, rng: Prng): GroupDraft {
  const [first, second, ...rest] = brand.paints;
  if (!first || !second) throw new Error(`${brand.slug} needs at least two paints`);
  const extra = rng.sample(rest, rng.int(3, Math.min(6, rest.length)));
  return {
    code: "paint",
    name: "车漆",
    nameEn: "Paint",
    kind: "paint",
    selection: "one",
    options: [first, second, ...extra].map((paint, index) => ({
      code: `paint-${kebab(paint.nameEn)}`,
      name: paint.name,
      nameEn: paint.nameEn,
      priceYuan: paint.priceYuan,
      swatch: paint.hex,
      offered: (trim) => paint.priceYuan < PREMIUM_PAINT_YUAN || trim.rank > 0,
      standard: () => index === 0,
    })),
  };
}

function wheelGroup(brand: BrandContent, model: ModelContent, trimCount: number, rng: Prng): GroupDraft {
  const sizes = (brand.character === "rugged-erev" ? RUGGED_WHEEL_SIZES : WHEEL_SIZES)[model.segment];
  const count = rng.int(2, Math.min(4, sizes.length, trimCount));
  const start = rng.int(0, sizes.length - count);
  const chosen = sizes.slice(start, start + count);
  const largest = count - 1;
  const standardIndex = (trim: TrimFacts) =>
    trim.recipePackages.includes("sport") ? largest : Math.round(trim.rank * largest);
  return {
    code: "wheels",
    name: "轮毂",
    nameEn: "Wheels",
    kind: "wheels",
    selection: "one",
    options: chosen.map((size, index) => {
      const [style, styleEn] = brand.wheelStyles[brand.wheelStyles.length - count + index] ?? ["", ""];
      const forged = index === largest;
      return {
        code: `wheels-${size}`,
        name: `${size} 英寸${style}轮毂`,
        nameEn: `${size}-inch ${styleEn} wheels`,
        priceYuan: brand.wheelStepYuan * (index + (forged ? 1 : 0)),
        swatch: null,
        offered: (trim) => index >= standardIndex(trim) && !(forged && count >= 3 && trim.rank === 0),
        standard: (trim) => index === standardIndex(trim),
      };
    }),
  };
}

function interiorGroup(brand: BrandContent, rng: Prng): GroupDraft {
  const premium = brand.interiors[brand.interiors.length - 1];
  if (!premium || brand.interiors.length < 2) throw new Error(`${brand.slug} needs at least two interiors`);
  const count = rng.int(2, Math.min(4, brand.interiors.length));
  const chosen = [...brand.interiors.slice(0, count - 1), premium];
  return {
    code: "interior",
    name: "内饰",
    nameEn: "Interior",
    kind: "interior",
    selection: "one",
    options: chosen.map((interior, index) => {
      const isPremium = index === count - 1;
      return {
        code: `interior-${kebab(interior.nameEn)}`,
        name: interior.name,
        nameEn: interior.nameEn,
        priceYuan: interior.priceYuan,
        swatch: interior.hex,
        offered: (trim) => !(isPremium && count >= 3 && trim.rank === 0),
        standard: (trim) => (trim.rank === 1 ? isPremium : index === 0),
      };
    }),
  };
}

function packageGroup(brand: BrandContent, model: ModelContent): GroupDraft {
  return {
    code: "packages",
    name: "套件",
    nameEn: "Packages",
    kind: "package",
    selection: "any",
    options: model.packages.map((code) => {
      const template = PACKAGES[code];
      const priceYuan = brand.packagePricesYuan[code];
      if (priceYuan === undefined) throw new Error(`${brand.slug} has no price for the ${code} package`);
      const byRecipe = (trim: TrimFacts) => trim.recipePackages.includes(code);
      return {
        code: `pkg-${code}`,
        name: template.name,
        nameEn: template.nameEn,
        priceYuan,
        swatch: null,
        offered: (trim) => byRecipe(trim) || template.offered(trim),
        standard: (trim) => byRecipe(trim) || template.standard(trim),
      };
    }),
  };
}

function featureGroup(brand: BrandContent, model: ModelContent, rng: Prng): GroupDraft {
  const facts: ModelFacts = {
    bodyType: model.bodyType,
    segment: model.segment,
    seats: model.seats,
    character: brand.character,
  };
  const highlights = new Set<string>(model.highlights ?? []);
  const eligible = FEATURES.filter((feature) => highlights.has(feature.code) || feature.eligible(facts));
  const others = eligible.filter((feature) => !highlights.has(feature.code));
  const wanted = Math.min(eligible.length, rng.int(4, 8));
  const picked = new Set([
    ...highlights,
    ...rng.sample(others, Math.max(0, wanted - highlights.size)).map((f) => f.code),
  ]);
  return {
    code: "features",
    name: "选装配置",
    nameEn: "Individual Options",
    kind: "feature",
    selection: "any",
    options: eligible
      .filter((feature) => picked.has(feature.code))
      .map((feature) => {
        const fits = (trim: TrimFacts) => feature.fits?.(trim) ?? true;
        const highlighted = highlights.has(feature.code);
        return {
          code: `feat-${feature.code}`,
          name: feature.name,
          nameEn: feature.nameEn,
          priceYuan: Math.round((feature.priceYuan * brand.featurePriceScale) / 500) * 500,
          swatch: null,
          offered: (trim) => fits(trim) && trim.rank >= feature.offeredFrom,
          standard: (trim) =>
            fits(trim) &&
            (highlighted ||
              trim.rank >= feature.standardFrom ||
              (feature.standardOnRecipes?.includes(trim.recipeCode) ?? false)),
        };
      }),
  };
}

function kebab(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}
