/**
 * How risk events read for people (the ops console): names of outcomes, rules and actions, and a
 * short account of what a rule counted, Chinese and English.
 */
import type { Lang } from "../money.ts";
import type { RiskOutcome, RiskRule } from "./policy.ts";
import type { RiskAction } from "./thresholds.ts";

type Pair = readonly [zh: string, en: string];

export const OUTCOME_LABELS: Record<RiskOutcome, Pair> = {
  allow: ["放行", "Allowed"],
  challenge: ["需验证", "Challenged"],
  block: ["拦截", "Blocked"],
};

export const RULE_LABELS: Record<RiskRule, Pair> = {
  none: ["无", "None"],
  "rate-limit": ["频率限制", "Rate limit"],
  "rapid-configuration": ["配置操作过快", "Rapid configuration"],
  "impossible-travel": ["异地登录（不可能的行程）", "Impossible travel"],
  "new-location": ["新城市登录", "New city"],
  "payment-failures": ["多次支付失败", "Payment failures"],
  "many-accounts": ["一机多号", "Many accounts on a device"],
};

export const ACTION_LABELS: Record<RiskAction, Pair> = {
  login: ["登录", "Sign-in"],
  configure: ["配置校验", "Configuration check"],
  checkout: ["下单", "Checkout"],
  payment_failed: ["支付失败", "Payment failed"],
  sms_code: ["短信验证码", "Text code"],
};

const say = (lang: Lang, [zh, en]: Pair) => (lang === "en" ? en : zh);

/**
 * The label of a known outcome, rule or action, else the value itself.
 * @example label(RULE_LABELS, "many-accounts", "zh") // "一机多号"
 */
export function label<K extends string>(labels: Record<K, Pair>, value: string, lang: Lang): string {
  return value in labels ? say(lang, labels[value as K]) : value;
}

const duration = (ms: number, lang: Lang) => {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return lang === "en" ? `${minutes} min` : `${minutes} 分钟`;
  const hours = Math.round(minutes / 60);
  return lang === "en" ? `${hours} h` : `${hours} 小时`;
};

/**
 * What a rule counted, in a sentence fragment.
 * @example describeDetail({ from: "北京市", to: "乌鲁木齐市", km: 2412, kmh: 2410 }, "en") // "北京市 → 乌鲁木齐市, 2412 km at 2410 km/h"
 * @example describeDetail({ accounts: 6, windowMs: 86_400_000, retryAfterMs: 60_000 }, "zh") // "24 小时内 6 个账户 · 1 分钟后解除"
 */
export function describeDetail(detail: Record<string, string | number>, lang: Lang): string {
  const n = (key: string) => (typeof detail[key] === "number" ? (detail[key] as number) : undefined);
  const parts: string[] = [];
  const window = n("windowMs");
  const within =
    window === undefined ? "" : lang === "en" ? ` in ${duration(window, lang)}` : `${duration(window, lang)}内 `;
  if (typeof detail.from === "string" && typeof detail.to === "string") {
    const speed = n("kmh") === -1 ? "∞" : String(n("kmh"));
    parts.push(
      lang === "en"
        ? `${detail.from} → ${detail.to}, ${n("km")} km at ${speed} km/h`
        : `${detail.from} → ${detail.to}，${n("km")} 公里，时速 ${speed} 公里`,
    );
  }
  if (n("accounts") !== undefined)
    parts.push(lang === "en" ? `${n("accounts")} accounts${within}` : `${within}${n("accounts")} 个账户`);
  if (n("count") !== undefined)
    parts.push(lang === "en" ? `${n("count")} times${within}` : `${within}${n("count")} 次`);
  if (n("limit") !== undefined)
    parts.push(lang === "en" ? `limit ${n("limit")}${within}` : `${within}上限 ${n("limit")} 次`);
  const retry = n("retryAfterMs");
  if (retry !== undefined)
    parts.push(lang === "en" ? `lifted in ${duration(retry, lang)}` : `${duration(retry, lang)}后解除`);
  return parts.join(" · ") || "—";
}
