import type { AdasLevel, BodyType, Drive, Powertrain, SeatMaterial } from "../catalog/types.ts";
import type { ColourFamily } from "./colour.ts";
import type { ListingKind } from "./listing.ts";

export const SORTS = ["relevance", "price-asc", "price-desc", "range", "acceleration", "newest", "popularity"] as const;
export type SortKey = (typeof SORTS)[number];

export type NumericRange = { min?: number; max?: number };

/** Where "in stock near me" looks: one city, or dealers within km of a point. */
export type Near = { city: string } | { lat: number; lon: number; km: number };

/** Categorical filters: a listing matches when its value is any of the chosen ones. */
export type FacetFilters = {
  brand?: string[];
  model?: string[];
  body?: BodyType[];
  powertrain?: Powertrain[];
  drive?: Drive[];
  seatMaterial?: SeatMaterial[];
  adas?: AdasLevel[];
  colour?: ColourFamily[];
  seats?: number[];
  kind?: ListingKind[];
};
export const FACETS = [
  "brand",
  "model",
  "body",
  "powertrain",
  "drive",
  "seatMaterial",
  "adas",
  "colour",
  "seats",
  "kind",
] as const satisfies ReadonlyArray<keyof FacetFilters>;
export type Facet = (typeof FACETS)[number];

/** Range filters; `price` in fen, `range` CLTC km, `battery` kWh, `acceleration` 0–100 km/h seconds. */
export type RangeFilters = {
  price?: NumericRange;
  range?: NumericRange;
  battery?: NumericRange;
  acceleration?: NumericRange;
};
export const RANGES = ["price", "range", "battery", "acceleration"] as const satisfies ReadonlyArray<
  keyof RangeFilters
>;
export type RangeName = (typeof RANGES)[number];

export type SearchQuery = FacetFilters &
  RangeFilters & {
    text?: string;
    /** Only listings that can be handed over within this many days from today. */
    deliveryDays?: number;
    near?: Near;
    sort: SortKey;
    limit: number;
    /** The `next` cursor of the previous page. */
    after?: string;
  };

/** Every filter a query can carry, by name, as the empty-state suggestions name them. */
export type FilterName = Facet | RangeName | "text" | "deliveryDays" | "near";
