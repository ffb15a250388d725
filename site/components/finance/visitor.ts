import { env } from "cloudflare:workers";
import { CITIES, type City } from "../../../domain/geo/cities.ts";
import { resolveCity } from "../../../domain/geo/city-lookup.ts";

type CfGeo = { country?: string; city?: string; region?: string; latitude?: string; longitude?: string };

/**
 * The mainland city the visitor's network is in, from `request.cf`; null elsewhere or when unknown.
 * @example networkCity(Astro.request)?.tier // "3"
 */
export function networkCity(request: Request): City | null {
  const cf = (request as Request & { cf?: CfGeo }).cf;
  if (cf?.country !== "CN") return null;
  return resolveCity({
    city: cf.city,
    region: cf.region,
    latitude: Number(cf.latitude) || undefined,
    longitude: Number(cf.longitude) || undefined,
  });
}

/**
 * The city a page should be personalised for: `?city=<code>` previews any city outside production
 * (locally request.cf has no Chinese city), otherwise the network's city.
 * @example visitorCity(new URL("http://localhost/models/x?city=130200"), request)?.name // "唐山市" (not in production)
 */
export function visitorCity(url: URL, request: Request): City | null {
  const preview = env.ENVIRONMENT !== "production" ? url.searchParams.get("city") : null;
  return (preview ? CITIES.find((city) => city.code === preview) : undefined) ?? networkCity(request);
}
