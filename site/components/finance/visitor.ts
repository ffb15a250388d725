import { env } from "cloudflare:workers";
import { CITIES, type City } from "../../../domain/geo/cities.ts";
import { resolveCity } from "../../../domain/geo/city-lookup.ts";
import type { CfGeo, EdgeContext } from "../../../domain/personalization/context.ts";
import { previewOf } from "../../../worker/edge.ts";

const mainlandCity = (cf: CfGeo | undefined): City | null =>
  cf?.country === "CN"
    ? resolveCity({
        city: cf.city,
        region: cf.region,
        latitude: Number(cf.latitude) || undefined,
        longitude: Number(cf.longitude) || undefined,
      })
    : null;

/**
 * The mainland city the visitor's network is in, from `request.cf`; null elsewhere or when unknown.
 * @example networkCity(Astro.request)?.tier // "3"
 */
export function networkCity(request: Request): City | null {
  return mainlandCity((request as Request & { cf?: CfGeo }).cf);
}

/**
 * The city a page should be personalised for: the network's city, or outside production the city
 * previewed with `?edge-city=<code>` (as worker/edge.ts reads it for the edge context).
 * @example visitorCity(new URL("http://localhost/models/x/configure?edge-city=130200"), request)?.name // "唐山市" (not in production)
 */
export function visitorCity(url: URL, request: Request): City | null {
  return mainlandCity(previewOf(url, env.ENVIRONMENT).cf) ?? networkCity(request);
}

/**
 * The city of an edge context, with its code for the finance calculator's link.
 * @example edgeCity(edgeOf(Astro.locals).context)?.code // "130200"
 */
export function edgeCity(context: EdgeContext): City | null {
  return CITIES.find((city) => city.name === context.city && city.province === context.province) ?? null;
}
