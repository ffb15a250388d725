/**
 * The edge context: what personalization rules may look at, computed once per request from plain
 * inputs (request.cf, user agent and client hints, the verified visitor cookie, URL and referrer).
 * The visitor's consent gates what of their history is read: none reads nothing, functional reads
 * what keeps the store working for them (visitor id, visit count, last configuration), personalisation
 * also reads what profiles them (models viewed, finance interest).
 */
import { CITIES } from "../geo/cities.ts";
import { resolveCity } from "../geo/city-lookup.ts";
import type { CityTier } from "../geo/city-tier.ts";
import { type Channel, channelOf } from "./channel.ts";
import { type ClientHints, type DeviceClass, deviceClass, type FormFactor, formFactor } from "./device.ts";
import type { VisitorHistory } from "./visitor-cookie.ts";

export const CONSENT_LEVELS = ["none", "functional", "personalisation"] as const;
export type ConsentLevel = (typeof CONSENT_LEVELS)[number];

/** Countries whose visitors are placed in a mainland city (Hong Kong and Macau: the nearest one). */
const PLACED_COUNTRIES = new Set(["CN", "HK", "MO"]);

/** The fields of request.cf the context reads; Cloudflare sends coordinates as strings. */
export interface CfGeo {
  country?: string;
  region?: string;
  city?: string;
  latitude?: string | number;
  longitude?: string | number;
}

export interface ContextInput {
  cf?: CfGeo | null;
  userAgent?: string | null;
  hints?: ClientHints;
  /** The verified visitor cookie (null when absent or invalid). */
  history?: VisitorHistory | null;
  consent: ConsentLevel;
  url: string;
  referrer?: string | null;
  /** Epoch ms of the request. */
  now: number;
}

export interface EdgeContext {
  /** ISO country code from request.cf, e.g. "CN". */
  country: string | null;
  /** Chinese province name, e.g. "广东省". */
  province: string | null;
  /** Chinese city name, e.g. "深圳市". */
  city: string | null;
  tier: CityTier | null;
  device: DeviceClass;
  formFactor: FormFactor;
  /** Sticky id for experiment buckets; null without consent. */
  visitorId: string | null;
  visits: number;
  modelsViewed: readonly string[];
  financeInterest: boolean;
  lastConfiguration: string | null;
  channel: Channel;
  now: number;
}

const coordinate = (value: string | number | undefined) => {
  const n = typeof value === "string" ? Number.parseFloat(value) : value;
  return n !== undefined && Number.isFinite(n) ? n : undefined;
};

const provinceByEnglish = new Map(CITIES.map((city) => [city.provinceEn.toLowerCase(), city.province]));

/**
 * The edge context of one request.
 * @example buildContext({ cf: { country: "CN", city: "Mianyang" }, userAgent: iphoneSafari, consent: "none", url: "https://marque.cn/", now: Date.now() }).tier // "3"
 */
export function buildContext(input: ContextInput): EdgeContext {
  const country = input.cf?.country?.toUpperCase() || null;
  const placed = country === null || PLACED_COUNTRIES.has(country);
  const city = placed
    ? resolveCity({
        city: input.cf?.city,
        region: input.cf?.region,
        latitude: coordinate(input.cf?.latitude),
        longitude: coordinate(input.cf?.longitude),
      })
    : null;
  const region = input.cf?.region?.toLowerCase();
  const history = input.consent === "none" ? null : (input.history ?? null);
  const profiled = input.consent === "personalisation" && history !== null;
  return {
    country,
    province: city?.province ?? (placed && region ? (provinceByEnglish.get(region) ?? null) : null),
    city: city?.name ?? null,
    tier: city?.tier ?? null,
    device: deviceClass(input.userAgent, input.hints),
    formFactor: formFactor(input.userAgent, input.hints),
    visitorId: history?.visitorId ?? null,
    visits: history?.visits ?? 0,
    modelsViewed: profiled ? history.modelsViewed : [],
    financeInterest: profiled ? history.financeInterest : false,
    lastConfiguration: history?.lastConfiguration ?? null,
    channel: channelOf(input.url, input.referrer),
    now: input.now,
  };
}
