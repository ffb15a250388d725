import { CITIES, type City } from "./cities.ts";
import { distanceKm, type LatLon } from "./distance.ts";

const fold = (name: string) =>
  name
    .normalize("NFD")
    .replace(/[\u0300-\u036f'’\s-]/g, "")
    .toLowerCase();

const byCfCity = new Map<string, City[]>();
for (const city of CITIES) {
  for (const key of new Set([fold(city.cfCity), fold(city.pinyin)])) {
    byCfCity.set(key, [...(byCfCity.get(key) ?? []), city]);
  }
}

/**
 * The city a visitor is in, from what Cloudflare reports (request.cf): the city name matched
 * regardless of case, accents, apostrophes and spaces, disambiguated by region or coordinates;
 * when the name is unknown or missing, the nearest city by coordinates. Null without either.
 * @example resolveCity({ city: "Xian" })?.name // "西安市"
 * @example resolveCity({ latitude: 22.54, longitude: 114.06 })?.name // "深圳市"
 */
export function resolveCity(cf: {
  city?: string;
  region?: string;
  latitude?: number;
  longitude?: number;
}): City | null {
  const point =
    cf.latitude !== undefined && cf.longitude !== undefined ? { lat: cf.latitude, lon: cf.longitude } : null;
  const named = cf.city ? (byCfCity.get(fold(cf.city)) ?? []) : [];
  if (named.length === 1) return named[0] ?? null;
  if (named.length > 1) {
    const inRegion = cf.region ? named.filter((city) => fold(city.provinceEn) === fold(cf.region ?? "")) : [];
    if (inRegion.length === 1) return inRegion[0] ?? null;
    if (point) return nearestCity(point, named);
    return named[0] ?? null;
  }
  return point ? nearestCity(point) : null;
}

/**
 * The city (or, given `among`, the place) nearest to `point`.
 * @example nearestCity({ lat: 31.3, lon: 121.5 }).name // "上海市"
 */
export function nearestCity(point: LatLon): City;
export function nearestCity<T extends LatLon>(point: LatLon, among: readonly T[]): T;
export function nearestCity(point: LatLon, among: readonly LatLon[] = CITIES): LatLon {
  let best = among[0] as LatLon;
  let bestKm = Number.POSITIVE_INFINITY;
  for (const city of among) {
    const km = distanceKm(point, city);
    if (km < bestKm) {
      best = city;
      bestKm = km;
    }
  }
  return best;
}
