/**
 * The channel a visit came through: UTM parameters of the landing URL and the referrer's host,
 * classified as search, social, direct or other.
 */

export const CHANNEL_KINDS = ["search", "social", "direct", "other"] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** Display labels, Chinese first. */
export const CHANNEL_KIND_LABELS: Record<ChannelKind, { zh: string; en: string }> = {
  search: { zh: "搜索引擎", en: "Search" },
  social: { zh: "社交媒体", en: "Social" },
  direct: { zh: "直接访问", en: "Direct" },
  other: { zh: "其他来源", en: "Other" },
};

export interface Channel {
  /** utm_source, lower-cased, e.g. "baidu", "wechat". */
  source: string | null;
  /** utm_medium, lower-cased, e.g. "cpc", "social". */
  medium: string | null;
  campaign: string | null;
  /** Referrer host without "www.", null when there is none or it is this site. */
  referrerHost: string | null;
  kind: ChannelKind;
}

const SEARCH_HOSTS = /(^|\.)(baidu|google|bing|sogou|so|sm|yandex|duckduckgo|yahoo|naver|shenma)\.[a-z.]+$/;
const SOCIAL_HOSTS =
  /(^|\.)(weixin\.qq\.com|weibo\.(com|cn)|douyin\.com|iesdouyin\.com|xiaohongshu\.com|xhslink\.com|zhihu\.com|bilibili\.com|b23\.tv|kuaishou\.com|toutiao\.com|facebook\.com|instagram\.com|x\.com|t\.co|twitter\.com|linkedin\.com|youtube\.com|reddit\.com)$/;
const SEARCH_MEDIA = new Set(["cpc", "ppc", "sem", "paid-search", "search", "organic"]);
const SOCIAL_MEDIA = new Set(["social", "social-paid", "paid-social", "kol", "sns"]);

const host = (url: string | null | undefined): string | null => {
  if (!url) return null;
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, "");
  } catch {
    return null;
  }
};

/**
 * The channel of a visit landing on `url` from `referrer`. A referrer on the site itself counts as
 * no referrer; without a referrer the UTM medium decides (cpc → search), else the visit is direct.
 * @example channelOf("https://marque.cn/models?utm_source=baidu&utm_medium=cpc", null).kind // "search"
 * @example channelOf("https://marque.cn/", "https://weibo.com/u/1").kind // "social"
 */
export function channelOf(url: string, referrer: string | null | undefined): Channel {
  let params = new URLSearchParams();
  let self: string | null = null;
  try {
    const parsed = new URL(url);
    params = parsed.searchParams;
    self = parsed.hostname.toLowerCase().replace(/^www\./, "");
  } catch {}
  const param = (name: string) => params.get(name)?.trim().toLowerCase() || null;
  const source = param("utm_source");
  const medium = param("utm_medium");
  const campaign = params.get("utm_campaign")?.trim() || null;
  const from = host(referrer);
  const referrerHost = from === self ? null : from;
  return { source, medium, campaign, referrerHost, kind: kindOf(referrerHost, medium) };
}

function kindOf(referrerHost: string | null, medium: string | null): ChannelKind {
  if (referrerHost !== null) {
    if (SEARCH_HOSTS.test(referrerHost)) return "search";
    if (SOCIAL_HOSTS.test(referrerHost)) return "social";
    return "other";
  }
  if (medium === null) return "direct";
  if (SEARCH_MEDIA.has(medium)) return "search";
  if (SOCIAL_MEDIA.has(medium)) return "social";
  return "other";
}
