/**
 * The rules a new store starts with, as data (marketers edit them like any other rule):
 * returning visitors with a saved configuration are offered to resume it; phones get the compact
 * layout; tier-3 and tier-4 cities lead with instalment offers (首付 …，月供 …); tier-1 cities lead
 * with spec comparisons; everyone else gets the standard page.
 */
import { formatYuan } from "../money.ts";
import type { Offer, Rule } from "./rules.ts";

const INSTALMENT_OFFER: Offer = { id: "instalment-20-60", downPaymentPercent: 20, monthlyFen: 298_000, termMonths: 60 };

export const DEFAULT_RULES: readonly Rule[] = [
  {
    id: "resume-configuration",
    name: "老访客续配 / Returning visitors resume their configuration",
    priority: 400,
    status: "published",
    when: { kind: "all", of: [{ kind: "returning" }, { kind: "savedConfiguration" }] },
    actions: { resume: true },
  },
  {
    id: "phone-compact",
    name: "手机紧凑布局 / Compact layout on phones",
    priority: 300,
    status: "published",
    when: { kind: "formFactor", in: ["phone"] },
    actions: { layout: "compact" },
  },
  {
    id: "tier-3-4-instalments",
    name: "三四线城市首付月供 / Instalments lead in tier-3 and tier-4 cities",
    priority: 200,
    status: "published",
    when: { kind: "tier", in: ["3", "4"] },
    actions: { lead: ["finance", "range", "spec-comparison"], hero: "hero-instalments", offers: [INSTALMENT_OFFER] },
  },
  {
    id: "tier-1-spec-comparison",
    name: "一线城市参数对比 / Spec comparison leads in tier-1 cities",
    priority: 200,
    status: "published",
    when: { kind: "tier", in: ["1"] },
    actions: { lead: ["spec-comparison", "range", "finance"], hero: "hero-flagship" },
  },
  {
    id: "standard-page",
    name: "默认页面 / Standard page",
    priority: 0,
    status: "published",
    when: { kind: "all", of: [] },
    actions: { layout: "standard", lead: ["range", "spec-comparison", "finance"], hero: "hero-range" },
  },
];

/**
 * The wording of an instalment offer, Chinese first.
 * @example offerLabel(INSTALMENT_OFFER).zh // "首付 20%，月供 ¥2,980 起（60 期）"
 */
export function offerLabel(offer: Offer): { zh: string; en: string } {
  const zh = formatYuan(offer.monthlyFen, "zh");
  const en = formatYuan(offer.monthlyFen, "en");
  return {
    zh: `首付 ${offer.downPaymentPercent}%，月供 ${zh} 起（${offer.termMonths} 期）`,
    en: `${offer.downPaymentPercent}% down, from ${en} a month over ${offer.termMonths} months`,
  };
}
