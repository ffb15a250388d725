/** Shapes of the hand-written demo content: brands, their models and the recipes their trims follow. */
import type { BodyType, DealerService, Drive, Powertrain } from "../../../domain/catalog/types.ts";

export type BrandCharacter = "premium-bev" | "mass-nev" | "luxury" | "rugged-erev";

/** Chinese size class: A0 small, A compact, B mid-size, C large, D flagship. */
export type Segment = "A0" | "A" | "B" | "C" | "D";

export type PackageCode = "sport" | "comfort" | "pilot" | "convenience" | "executive" | "offroad" | "camping";

export type FeatureCode =
  | "hud"
  | "audio"
  | "roof"
  | "tow"
  | "fridge"
  | "rear-screen"
  | "air-suspension"
  | "rear-steer"
  | "heated-wheel"
  | "ambient"
  | "v2l"
  | "roof-rack"
  | "winch"
  | "privacy-glass"
  | "running-boards"
  | "rear-massage"
  | "soft-close";

/**
 * How a trim is built. `{km}` in a name becomes the trim's CLTC range, `{ekm}` its electric range.
 * `range` and `power` run from 0 (the model's least) to 1 (its most).
 */
export interface TrimRecipe {
  name: string;
  nameEn: string;
  powertrain: Powertrain;
  drive: Drive;
  range: number;
  power: number;
  seats?: number;
  /** Packages this trim fits as standard whatever its rank. */
  packages?: readonly PackageCode[];
}

export interface ModelContent {
  code: string;
  name: string;
  nameEn: string;
  bodyType: BodyType;
  segment: Segment;
  seats: number;
  summary: string;
  summaryEn: string;
  launchedOn: string;
  popularity: number;
  fromPriceYuan: number;
  /** CLTC range band of the BEV trims. */
  rangeKm?: readonly [number, number];
  /** Electric range band of the PHEV/EREV trims. */
  electricKm?: readonly [number, number];
  /** Recipe code and price relative to fromPriceYuan, cheapest first. */
  trims: ReadonlyArray<readonly [string, number]>;
  packages: readonly PackageCode[];
  /** Features the summary promises: always in the catalogue and standard on every trim. */
  highlights?: readonly FeatureCode[];
}

export interface Swatch {
  name: string;
  nameEn: string;
  hex: string;
  priceYuan: number;
}

export interface DealerFormat {
  name: string;
  nameEn: string;
  /** Showrooms sit in malls: long hours, sales and test drives only. */
  showroom: boolean;
  weight: number;
  /** Services every dealer of this format has, on top of sales. */
  services?: readonly DealerService[];
}

export interface BrandContent {
  slug: string;
  name: string;
  nameEn: string;
  tagline: string;
  taglineEn: string;
  accentColor: string;
  founded: number;
  character: BrandCharacter;
  /** World manufacturer identifier, the first three characters of every VIN. */
  wmi: string;
  /** VIN position 11 codes of the brand's plants. */
  plants: string;
  /** Prices are whole 万 (10,000 yuan) or half-万 steps minus this, e.g. 100 → 259,900. */
  priceEndingYuan: number;
  /** Peak DC charging power of the lowest and the highest BEV trim (plug-in hybrids follow their battery). */
  bevChargeKw?: readonly [number, number];
  paints: readonly Swatch[];
  /** Interior themes; the last is the premium one, fitted as standard on the top trim. */
  interiors: readonly Swatch[];
  /** Wheel designs from the plainest to the forged one. */
  wheelStyles: ReadonlyArray<readonly [string, string]>;
  wheelStepYuan: number;
  packagePricesYuan: Partial<Record<PackageCode, number>>;
  /** Multiplies the list price of individual features. */
  featurePriceScale: number;
  dealerFormats: readonly DealerFormat[];
  /** Relative dealer presence by city tier 1, new1, 2, 3, 4, 5. */
  presence: readonly [number, number, number, number, number, number];
  recipes: Record<string, TrimRecipe>;
  models: readonly ModelContent[];
}
