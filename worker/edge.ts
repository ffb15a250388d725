/**
 * The edge of a page request, computed once in the Worker before Astro renders: the edge context
 * (geo and city tier from request.cf, device from the user agent and client hints, channel from UTM
 * and referrer, consent-gated history from the signed visitor cookie) and the decision of the rules
 * (the set published in KV, else DEFAULT_RULES; compiled once per version, worker/published-rules.ts). Pages read it with `edgeOf(Astro.locals)`; a page that
 * reads it is personalised, so the Worker makes its response `private` and names the variant in
 * `x-marque-variant` (the rule ids that decided, no personal data).
 *
 * Cookies: `marque_consent` (none | functional | personalisation; absent means none) is only read;
 * with consent, `marque_visitor` (signed history, 180 days) and `marque_visit` (the current visit,
 * 30 minutes after its last refresh) are written HttpOnly, Secure, SameSite=Lax; without consent
 * they are deleted. Outside production `?edge-city=<code>` and `?edge-device=<class>` preview any
 * city and device.
 */
import { parse, serialize } from "hono/utils/cookie";
import { choicesIn, encodeChoices } from "../domain/configurator/choice-codec.ts";
import type { Choice } from "../domain/configurator/reasoner.ts";
import { CITIES } from "../domain/geo/cities.ts";
import { compileRules } from "../domain/personalization/compile.ts";
import {
  buildContext,
  type CfGeo,
  CONSENT_LEVELS,
  type ConsentLevel,
  type EdgeContext,
} from "../domain/personalization/context.ts";
import { DEFAULT_RULES } from "../domain/personalization/defaults.ts";
import { DEVICE_CLASSES, type DeviceClass } from "../domain/personalization/device.ts";
import type { Decision } from "../domain/personalization/rules.ts";
import { UA } from "../domain/personalization/user-agents.ts";
import {
  encodeVisitorCookie,
  importVisitorKey,
  MAX_MODELS_VIEWED,
  type VisitorHistory,
  verifyVisitorCookie,
} from "../domain/personalization/visitor-cookie.ts";
import { publishedDecider } from "./published-rules.ts";

const CONSENT_COOKIE = "marque_consent";
const VISITOR_COOKIE = "marque_visitor";
const VISIT_COOKIE = "marque_visit";
const VARIANT_HEADER = "x-marque-variant";
const VISITOR_SECONDS = 180 * 86_400;
const VISIT_SECONDS = 30 * 60;
const VISIT_REFRESH_SECONDS = 5 * 60;
const COOKIE = { path: "/", httpOnly: true, secure: true, sameSite: "Lax" } as const;
const MAX_CONFIGURATION = 64;

/** What a page renders from: the visitor's edge context, the decision, and its variant key. */
export interface Edge {
  context: EdgeContext;
  decision: Decision;
  /** The ids of the rules that decided, e.g. "phone-compact,standard-page". */
  variant: string;
}

/** One page request's edge, the cookies to set, and whether the page read it. */
export interface PageEdge {
  edge: Edge;
  cookies: string[];
  read: boolean;
}

/** A user agent per device class, for previewing a device outside production. */
const PREVIEW_AGENT: Record<DeviceClass, string> = {
  phone: UA.androidChrome,
  tablet: UA.ipad,
  desktop: UA.chromeWindows,
  wechat: UA.wechatAndroid,
  "mini-program": UA.wechatMiniProgramAndroid,
  alipay: UA.alipayAndroid,
  douyin: UA.douyinAndroid,
  "in-app": UA.weiboIos,
  bot: UA.googlebot,
};

let decider: ((context: EdgeContext) => Decision) | undefined;
const keys = new Map<string, Promise<CryptoKey | null>>();
const pages = new WeakMap<object, PageEdge>();

/**
 * Whether a request is for a page: not the API, not a built asset or another file.
 * @example isPageRequest(new URL("https://marque.cn/models/aurora")) // true
 * @example isPageRequest(new URL("https://marque.cn/_astro/index.js")) // false
 */
export function isPageRequest(url: URL): boolean {
  const path = url.pathname;
  if (path === "/api" || path.startsWith("/api/") || path.startsWith("/_astro/")) return false;
  return !/\.[a-z0-9]+$/i.test(path);
}

/** The consent level a `marque_consent` cookie value grants; anything else grants none. */
const consentOf = (value: string | undefined): ConsentLevel =>
  CONSENT_LEVELS.find((level) => level === value) ?? "none";

/**
 * What a development preview replaces: `?edge-city=<GB/T 2260 code>` stands for a request.cf in that
 * city, `?edge-device=<device class>` for a user agent of that class. Production ignores both.
 * @example previewOf(new URL("http://localhost/?edge-city=130200"), "development").cf?.city // "Tangshan"
 * @example previewOf(new URL("https://marque.cn/?edge-city=130200"), "production") // {}
 */
export function previewOf(url: URL, environment: string | undefined): { cf?: CfGeo; userAgent?: string } {
  if (environment === "production") return {};
  const city = CITIES.find((c) => c.code === url.searchParams.get("edge-city"));
  const device = DEVICE_CLASSES.find((d) => d === url.searchParams.get("edge-device"));
  return {
    ...(city && {
      cf: {
        country: "CN",
        city: city.cfCity,
        region: city.provinceEn,
        latitude: String(city.lat),
        longitude: String(city.lon),
      },
    }),
    ...(device && { userAgent: PREVIEW_AGENT[device] }),
  };
}

/**
 * The configuration a configure-page URL shows, as the visitor cookie keeps it: the model's slug
 * and its choices, or the slug alone when both would not fit.
 * @example configurationAt(new URL("https://marque.cn/models/aurora/configure?c=W21")) // "aurora?c=W21"
 * @example configurationAt(new URL("https://marque.cn/models/aurora")) // null
 */
export function configurationAt(url: URL): string | null {
  const slug = /^\/models\/([a-z0-9-]{1,64})\/configure\/?$/.exec(url.pathname)?.[1];
  if (!slug) return null;
  const choices = encodeChoices(choicesIn(url.search));
  const full = choices ? `${slug}?c=${choices}` : slug;
  return full.length <= MAX_CONFIGURATION ? full : slug;
}

/**
 * The model and choices of a kept configuration, to offer resuming it; null when it is not one.
 * @example configurationOf("aurora?c=W21") // { slug: "aurora", choices: [{ option: "W21", selected: true }] }
 */
export function configurationOf(kept: string | null): { slug: string; choices: Choice[] } | null {
  const match = /^([a-z0-9-]{1,64})(?:\?(c=.*))?$/.exec(kept ?? "");
  return match?.[1] ? { slug: match[1], choices: choicesIn(match[2] ?? "") } : null;
}

/**
 * The history as of this visit: a new visitor gets `visitorId`; a new visit counts the last one.
 * @example visitOf(null, true, "v-1").visits // 0
 * @example visitOf({ ...history, visits: 2 }, true, "v-1").visits // 3
 */
export function visitOf(history: VisitorHistory | null, newVisit: boolean, visitorId: string): VisitorHistory {
  if (!history) return { visitorId, visits: 0, modelsViewed: [], financeInterest: false, lastConfiguration: null };
  return newVisit ? { ...history, visits: history.visits + 1 } : history;
}

/**
 * The history after viewing `url`: model pages and finance pages profile the visitor (with
 * personalisation consent only, and what consent no longer allows is forgotten); a configure page,
 * or leaving one (the referrer), keeps the configuration.
 * @example recordView(history, new URL("https://marque.cn/models/aurora"), null, "personalisation").modelsViewed[0] // "aurora"
 */
export function recordView(
  history: VisitorHistory,
  url: URL,
  referrer: URL | null,
  consent: ConsentLevel,
): VisitorHistory {
  const profiled = consent === "personalisation";
  const model = /^\/models\/([a-z0-9-]{1,64})\/?$/.exec(url.pathname)?.[1];
  const viewed = model ? [model, ...history.modelsViewed.filter((m) => m !== model)] : history.modelsViewed;
  const sameSite = referrer?.origin === url.origin ? referrer : null;
  return {
    ...history,
    modelsViewed: profiled ? viewed.slice(0, MAX_MODELS_VIEWED) : [],
    financeInterest: profiled && (history.financeInterest || url.pathname.startsWith("/finance")),
    lastConfiguration: configurationAt(url) ?? (sameSite && configurationAt(sameSite)) ?? history.lastConfiguration,
  };
}

/**
 * A Cache-Control that no shared cache may store: `public` becomes `private`, `s-maxage` goes;
 * without a policy, the browser revalidates.
 * @example privateCacheControl("public, max-age=60, s-maxage=600") // "private, max-age=60"
 * @example privateCacheControl(null) // "private, no-cache"
 */
export function privateCacheControl(value: string | null): string {
  const kept = (value ?? "")
    .split(",")
    .map((d) => d.trim())
    .filter((d) => d !== "" && !/^(public|private|s-maxage=\d+)$/i.test(d));
  return ["private", ...(kept.length > 0 ? kept : ["no-cache"])].join(", ");
}

/** The decision of the built-in default rules (compiled once), where no published set can be read. */
function decide(context: EdgeContext): Decision {
  decider ??= compileRules(DEFAULT_RULES);
  return decider(context);
}

const visitorKey = (secret: string | undefined) => {
  if (!secret) return Promise.resolve(null);
  let key = keys.get(secret);
  if (!key) {
    key = importVisitorKey(secret).catch(() => null);
    keys.set(secret, key);
  }
  return key;
};

const sameHistory = (a: VisitorHistory | null, b: VisitorHistory) => JSON.stringify(a) === JSON.stringify(b);

const parseUrl = (text: string | null) => {
  try {
    return text ? new URL(text) : null;
  } catch {
    return null;
  }
};

/**
 * The edge of a page request and the cookies that keep its history: read once per request by the
 * Worker. Without VISITOR_KEY the visitor is treated as new and nothing is kept.
 * @example const page = await edgeFor(request, env, Date.now()); page.edge.decision.actions.lead
 */
export async function edgeFor(
  request: Request,
  env: { VISITOR_KEY?: string; ENVIRONMENT?: string; CONFIG?: KVNamespace },
  now: number,
): Promise<PageEdge> {
  const url = new URL(request.url);
  const cookies = parse(request.headers.get("cookie") ?? "");
  const key = await visitorKey(env.VISITOR_KEY);
  const consent = key ? consentOf(cookies[CONSENT_COOKIE]) : "none";
  const stored = key ? await verifyVisitorCookie(key, cookies[VISITOR_COOKIE], now) : null;
  const visitStarted = Number(cookies[VISIT_COOKIE]);
  const current = visitOf(stored, !Number.isFinite(visitStarted), crypto.randomUUID());
  const referrer = request.headers.get("referer");
  const preview = previewOf(url, env.ENVIRONMENT);
  const context = buildContext({
    cf: preview.cf ?? (request as Request & { cf?: CfGeo }).cf,
    userAgent: preview.userAgent ?? request.headers.get("user-agent"),
    hints: preview.userAgent
      ? {}
      : { mobile: request.headers.get("sec-ch-ua-mobile"), platform: request.headers.get("sec-ch-ua-platform") },
    history: current,
    consent,
    url: request.url,
    referrer,
    now,
  });
  const decision = env.CONFIG ? (await publishedDecider(env.CONFIG, now))(context) : decide(context);
  const edge = { context, decision, variant: decision.fired.join(",") };
  const set: string[] = [];
  if (consent === "none" || !key) {
    for (const name of [VISITOR_COOKIE, VISIT_COOKIE])
      if (cookies[name] !== undefined) set.push(serialize(name, "", { ...COOKIE, maxAge: 0 }));
    return { edge, cookies: set, read: false };
  }
  const next = recordView(current, url, parseUrl(referrer), consent);
  if (!sameHistory(stored, next))
    set.push(
      serialize(VISITOR_COOKIE, await encodeVisitorCookie(key, next, now + VISITOR_SECONDS * 1000), {
        ...COOKIE,
        maxAge: VISITOR_SECONDS,
      }),
    );
  const seconds = Math.floor(now / 1000);
  if (!(seconds - visitStarted < VISIT_REFRESH_SECONDS))
    set.push(serialize(VISIT_COOKIE, String(seconds), { ...COOKIE, maxAge: VISIT_SECONDS }));
  return { edge, cookies: set, read: false };
}

/**
 * Hands a page request's edge to Astro: `Astro.locals.cfContext` is the request's ExecutionContext.
 * @example carry(ctx, await edgeFor(request, env, Date.now()))
 */
export function carry(ctx: object, page: PageEdge): void {
  pages.set(ctx, page);
}

/**
 * The edge of the page being rendered; reading it makes the response private. Read it in the page's
 * frontmatter (before the response streams). Outside the Worker entry: an anonymous visitor's edge.
 * @example const { context, decision } = edgeOf(Astro.locals);
 */
export function edgeOf(locals: { cfContext: object }): Edge {
  const page = pages.get(locals.cfContext);
  if (!page) {
    const context = buildContext({ consent: "none", url: "http://localhost/", now: Date.now() });
    const decision = decide(context);
    return { context, decision, variant: decision.fired.join(",") };
  }
  page.read = true;
  return page.edge;
}

/**
 * The page response as the edge requires: its cookies set, and private with its variant named when
 * it is personalised or sets a cookie, so no shared cache keeps one visitor's page or history.
 * @example finishPage(response.headers, page)
 */
export function finishPage(headers: Headers, page: PageEdge): void {
  for (const cookie of page.cookies) headers.append("set-cookie", cookie);
  if (page.read) headers.set(VARIANT_HEADER, page.edge.variant);
  if (page.read || page.cookies.length > 0)
    headers.set("cache-control", privateCacheControl(headers.get("cache-control")));
}
