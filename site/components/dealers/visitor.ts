import type { City } from "../../../domain/geo/cities.ts";
import { resolveCity } from "../../../domain/geo/city-lookup.ts";

type Cf = { country?: string; city?: string; region?: string; latitude?: string; longitude?: string };

/**
 * The visitor's city from `request.cf`, when Cloudflare places them in mainland China; else null.
 * @example visitorCity({ country: "CN", city: "Shenzhen" })?.name // "深圳市"
 */
export function visitorCity(cf: unknown): City | null {
  const place = cf as Cf | undefined;
  if (place?.country !== "CN") return null;
  return resolveCity({
    city: place.city,
    region: place.region,
    latitude: Number(place.latitude) || undefined,
    longitude: Number(place.longitude) || undefined,
  });
}
