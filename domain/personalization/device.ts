/**
 * Device class and form factor of a visitor, from the user agent and the client hints
 * `Sec-CH-UA-Mobile` / `Sec-CH-UA-Platform` (Chromium sends them; Safari and most in-app webviews do not).
 * In-app webviews are told apart because they behave differently: WeChat and Alipay pages cannot open
 * other apps, mini-programs run inside a host app's container, and bots get the plain page.
 */

/** What the visitor browses with; in-app browsers and mini-programs are their own class. */
export const DEVICE_CLASSES = [
  "phone",
  "tablet",
  "desktop",
  "wechat",
  "mini-program",
  "alipay",
  "douyin",
  "in-app",
  "bot",
] as const;
export type DeviceClass = (typeof DEVICE_CLASSES)[number];

/** Screen size class, whatever the browser: a WeChat webview on a phone is a phone. */
export const FORM_FACTORS = ["phone", "tablet", "desktop"] as const;
export type FormFactor = (typeof FORM_FACTORS)[number];

/** Display labels, Chinese first. */
export const DEVICE_CLASS_LABELS: Record<DeviceClass, { zh: string; en: string }> = {
  phone: { zh: "手机浏览器", en: "Phone browser" },
  tablet: { zh: "平板", en: "Tablet" },
  desktop: { zh: "电脑", en: "Desktop" },
  wechat: { zh: "微信内置浏览器", en: "WeChat webview" },
  "mini-program": { zh: "小程序", en: "Mini-program" },
  alipay: { zh: "支付宝", en: "Alipay" },
  douyin: { zh: "抖音", en: "Douyin" },
  "in-app": { zh: "其他应用内浏览器", en: "Other in-app browser" },
  bot: { zh: "爬虫", en: "Bot" },
};

const BOT =
  /googlebot|bingbot|baiduspider|bytespider|yisouspider|sogou web spider|360spider|petalbot|yandexbot|applebot|duckduckbot|slurp|facebookexternalhit|twitterbot|semrushbot|ahrefsbot|headlesschrome|lighthouse|curl\/|wget\/|python-requests|go-http-client|\bbot\b|crawler|spider/i;
const MINI_PROGRAM = /miniprogram|toutiaomicroapp|aliapp\(.*\).*miniprogram/i;
const OTHER_IN_APP =
  /weibo|\bqq\/|dingtalk|baiduboxapp|xhsdiscover|kwai|kuaishou|newsarticle|lark\/|fban|fbav|instagram/i;

/** Raw client-hint header values, as sent (`?1`, `"Android"`). */
export interface ClientHints {
  mobile?: string | null;
  platform?: string | null;
}

/**
 * The device class of a user agent: bots first, then mini-programs, then in-app webviews, then the
 * form factor of an ordinary browser.
 * @example deviceClass("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) … MicroMessenger/8.0.49(0x18003130) NetType/WIFI Language/zh_CN") // "wechat"
 */
export function deviceClass(userAgent: string | null | undefined, hints: ClientHints = {}): DeviceClass {
  const ua = userAgent ?? "";
  if (ua.trim() === "" || BOT.test(ua)) return "bot";
  if (MINI_PROGRAM.test(ua)) return "mini-program";
  if (/micromessenger|windowswechat/i.test(ua)) return "wechat";
  if (/alipayclient|alipaydefined/i.test(ua)) return "alipay";
  if (/aweme|douyin/i.test(ua)) return "douyin";
  if (OTHER_IN_APP.test(ua)) return "in-app";
  return formFactor(ua, hints);
}

/**
 * The form factor: iPad and Android without "Mobile" are tablets; `Sec-CH-UA-Mobile: ?1` is a phone.
 * iPadOS 13+ Safari reports a Mac and sends no hints, so it counts as a desktop.
 * @example formFactor("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36") // "phone"
 */
export function formFactor(userAgent: string | null | undefined, hints: ClientHints = {}): FormFactor {
  const ua = userAgent ?? "";
  if (/ipad|tablet|kindle|silk\//i.test(ua)) return "tablet";
  if (hints.mobile === "?1") return "phone";
  const platform = hints.platform?.replaceAll('"', "").toLowerCase();
  if (hints.mobile === "?0") return platform === "android" ? "tablet" : "desktop";
  if (/iphone|ipod|windows phone|mobile|phone/i.test(ua)) return "phone";
  if (/android|harmonyos|openharmony/i.test(ua)) return "tablet";
  return "desktop";
}
