import { resolveCity } from "../geo/city-lookup.ts";
import type { CfGeo } from "../personalization/context.ts";
import type { Place } from "./policy.ts";

/** Countries whose visitors are placed at a mainland city's coordinates (as the edge context does). */
const PLACED_COUNTRIES = new Set(["CN", "HK", "MO"]);

const coordinate = (value: string | number | undefined) => {
  const n = typeof value === "string" ? Number.parseFloat(value) : value;
  return n !== undefined && Number.isFinite(n) ? n : undefined;
};

/**
 * Where a request came from, for impossible-travel checks: in mainland China (and Hong Kong and
 * Macau) the coordinates of the city request.cf names (or the nearest city to its coordinates);
 * elsewhere request.cf's own coordinates. Undefined when nothing places it: unknown places are ignored.
 * @example placeOf({ country: "CN", city: "Urumqi" }) // { lat: 43.8, lon: 87.6, city: "乌鲁木齐市" }
 * @example placeOf({ country: "US" }) // undefined
 */
export function placeOf(cf: CfGeo | null | undefined): Place | undefined {
  if (!cf) return undefined;
  const lat = coordinate(cf.latitude);
  const lon = coordinate(cf.longitude);
  const country = cf.country?.toUpperCase();
  if (!country || PLACED_COUNTRIES.has(country)) {
    const city = resolveCity({ city: cf.city, region: cf.region, latitude: lat, longitude: lon });
    if (city) return { lat: city.lat, lon: city.lon, city: city.name };
  }
  if (lat === undefined || lon === undefined) return undefined;
  return { lat, lon, ...(cf.city ? { city: cf.city } : {}) };
}
