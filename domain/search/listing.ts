import type { AdasLevel, BodyType, Drive, Powertrain, SeatMaterial } from "../catalog/types.ts";
import type { ColourFamily } from "./colour.ts";

/** stock: at a dealer now; transit: on its way to a dealer; order: a trim built to order. */
export const LISTING_KINDS = ["stock", "transit", "order"] as const;
export type ListingKind = (typeof LISTING_KINDS)[number];

/**
 * What catalogue search finds: an inventory vehicle (stock, transit) or a trim built to order,
 * with everything a shopper filters by denormalised onto it.
 */
export type Listing = {
  /** VIN for vehicles, "order:<trimId>" for build-to-order trims. */
  id: string;
  kind: ListingKind;
  brand: string;
  brandName: string;
  brandNameEn: string;
  model: string;
  modelName: string;
  modelNameEn: string;
  modelCode: string;
  trimId: string;
  trimName: string;
  trimNameEn: string;
  bodyType: BodyType;
  powertrain: Powertrain;
  drive: Drive;
  seatMaterial: SeatMaterial;
  adasLevel: AdasLevel;
  seats: number;
  priceFen: number;
  rangeKm: number | null;
  batteryKwh: number | null;
  zeroToHundredS: number;
  paintCode: string | null;
  paintName: string | null;
  paintNameEn: string | null;
  colour: ColourFamily | null;
  dealerId: string | null;
  cityCode: string | null;
  cityName: string | null;
  cityNameEn: string | null;
  lat: number | null;
  lon: number | null;
  /** YYYY-MM-DD on which the car can be handed over (for orders: today plus the build lead time). */
  availableOn: string;
  launchedOn: string;
  popularity: number;
};

export const LISTING_KIND_LABELS: Record<ListingKind, { zh: string; en: string }> = {
  stock: { zh: "现车", en: "In stock" },
  transit: { zh: "在途", en: "In transit" },
  order: { zh: "定制下单", en: "Build to order" },
};
