/**
 * Seeded generators for the personalization benchmark: marketer-like rule sets (geo campaigns,
 * device layouts, history and channel targeting, weekend windows, A/B rollouts, schedules, drafts)
 * and visitor requests drawn from the city list, real user agents, cookies and referrers.
 */
import { WEEKDAYS } from "../../domain/catalog/types.ts";
import { CITIES } from "../../domain/geo/cities.ts";
import { CITY_TIERS } from "../../domain/geo/city-tier.ts";
import { CONSENT_LEVELS, type ContextInput } from "../../domain/personalization/context.ts";
import { DEVICE_CLASSES, FORM_FACTORS } from "../../domain/personalization/device.ts";
import { type Actions, type Condition, LAYOUTS, MODULES, type Rule } from "../../domain/personalization/rules.ts";
import { UA } from "../../domain/personalization/user-agents.ts";

type Random = () => number;

const MODELS = ["m3", "m5", "m7", "x3", "x5", "x7", "e-suv", "e-sedan"];
const SOURCES = ["baidu", "wechat", "douyin", "xiaohongshu", "autohome", "dongchedi"];
const MEDIA = ["cpc", "social", "feed", "kol", "email"];
const PROVINCES = [...new Set(CITIES.map((c) => c.province))];
const REFERRERS = [
  null,
  null,
  null,
  "https://www.baidu.com/s?wd=suv",
  "https://m.baidu.com/s?word=ev",
  "https://weibo.com/u/1",
  "https://www.xiaohongshu.com/explore/1",
  "https://www.autohome.com.cn/news",
  "https://www.douyin.com/video/1",
];
/** Monday 2026-11-30 00:00 Shanghai: generated schedules and requests fall around it. */
const BASE = Date.parse("2026-11-30T00:00:00+08:00");
const DAY = 86_400_000;

const pick = <T>(random: Random, values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
const some = <T>(random: Random, values: readonly T[], max: number): T[] => {
  const n = 1 + Math.floor(random() * max);
  return [...new Set(Array.from({ length: n }, () => pick(random, values)))];
};

function leaf(random: Random): Condition {
  const r = random();
  if (r < 0.22) return { kind: "tier", in: some(random, CITY_TIERS, 3) };
  if (r < 0.36) return { kind: "province", in: some(random, PROVINCES, 3) };
  if (r < 0.46) return { kind: "device", in: some(random, DEVICE_CLASSES, 3) };
  if (r < 0.56) return { kind: "formFactor", in: some(random, FORM_FACTORS, 2) };
  if (r < 0.62) return { kind: "returning" };
  if (r < 0.66) return { kind: "savedConfiguration" };
  if (r < 0.74) return { kind: "viewedModel", model: pick(random, MODELS) };
  if (r < 0.78) return { kind: "financeInterest" };
  if (r < 0.84) return { kind: "source", in: some(random, SOURCES, 2) };
  if (r < 0.88) return { kind: "medium", in: some(random, MEDIA, 2) };
  if (r < 0.91) return { kind: "channel", in: [pick(random, ["search", "social", "direct", "other"] as const)] };
  if (r < 0.96) {
    const from = Math.floor(random() * 20);
    return {
      kind: "time",
      days: random() < 0.6 ? ["sat", "sun"] : some(random, WEEKDAYS, 5),
      from,
      to: from + 2 + Math.floor(random() * 4),
    };
  }
  return { kind: "bucket", percent: pick(random, [5, 10, 20, 50]) };
}

function condition(random: Random, depth = 0): Condition {
  const r = random();
  if (depth >= 2 || r < 0.35) return leaf(random);
  if (r < 0.8)
    return {
      kind: "all",
      of: Array.from({ length: 2 + Math.floor(random() * 2) }, () => condition(random, depth + 1)),
    };
  if (r < 0.95) return { kind: "any", of: Array.from({ length: 2 }, () => condition(random, depth + 1)) };
  return { kind: "not", of: leaf(random) };
}

function actions(random: Random, i: number): Actions {
  const a: Actions = {};
  if (random() < 0.3) a.layout = pick(random, LAYOUTS);
  if (random() < 0.4) a.lead = some(random, MODULES, 3);
  if (random() < 0.5) a.hero = `hero-${i}`;
  if (random() < 0.25) a.highlightTrims = some(random, MODELS, 2).map((m) => `${m}-trim`);
  if (random() < 0.3)
    a.offers = [
      {
        id: `offer-${i}`,
        downPaymentPercent: pick(random, [0, 10, 20, 30]),
        monthlyFen: 100_000 + Math.floor(random() * 500) * 1000,
        termMonths: pick(random, [24, 36, 60]),
      },
    ];
  if (random() < 0.05) a.resume = true;
  if (Object.keys(a).length === 0) a.hero = `hero-${i}`;
  return a;
}

/**
 * `count` rules like marketers write them, plus a fallback at priority 0.
 * @example generateRules(mulberry32(1), 200).length // 200
 */
export function generateRules(random: Random, count: number): Rule[] {
  const rules: Rule[] = Array.from({ length: count - 1 }, (_, i): Rule => {
    const status = random() < 0.85 ? "published" : pick(random, ["draft", "unpublished"] as const);
    const rule: Rule = {
      id: `rule-${i}`,
      name: `规则 ${i} / Rule ${i}`,
      priority: 1 + Math.floor(random() * 1000),
      status,
      when: condition(random),
      actions: actions(random, i),
    };
    if (random() < 0.4) {
      const start = BASE + Math.floor((random() - 0.6) * 60) * DAY;
      rule.schedule = {
        start: new Date(start).toISOString(),
        end: new Date(start + (3 + Math.floor(random() * 40)) * DAY).toISOString(),
      };
    }
    return rule;
  });
  rules.push({
    id: "fallback",
    name: "默认页面 / Standard page",
    priority: 0,
    status: "published",
    when: { kind: "all", of: [] },
    actions: { layout: "standard", lead: ["range", "spec-comparison", "finance"], hero: "hero-range" },
  });
  return rules;
}

const AGENTS = Object.values(UA);

/**
 * `count` requests over a fortnight, as the Worker reads them: request.cf, user agent, the verified
 * cookie, consent, URL and referrer.
 * @example buildContext(generateRequests(mulberry32(2), 10)[0])
 */
export function generateRequests(random: Random, count: number): ContextInput[] {
  return Array.from({ length: count }, (_, i): ContextInput => {
    const city = pick(random, CITIES);
    const consent = pick(random, CONSENT_LEVELS);
    const utm =
      random() < 0.3
        ? `?utm_source=${pick(random, SOURCES)}&utm_medium=${pick(random, MEDIA)}&utm_campaign=c${i % 7}`
        : "";
    return {
      cf:
        random() < 0.9
          ? {
              country: "CN",
              region: city.provinceEn,
              city: city.cfCity,
              latitude: String(city.lat),
              longitude: String(city.lon),
            }
          : { country: "CN", latitude: String(city.lat + 0.2), longitude: String(city.lon - 0.2) },
      userAgent: pick(random, AGENTS),
      history:
        random() < 0.45
          ? {
              visitorId: `v-${Math.floor(random() * 1e9).toString(36)}`,
              visits: Math.floor(random() * 6),
              modelsViewed: some(random, MODELS, 3),
              financeInterest: random() < 0.3,
              lastConfiguration: random() < 0.4 ? `cfg-${i}` : null,
            }
          : null,
      consent,
      url: `https://marque.cn/models/${pick(random, MODELS)}${utm}`,
      referrer: pick(random, REFERRERS),
      now: BASE - 7 * DAY + Math.floor(random() * 14 * DAY),
    };
  });
}
