/** Words of the marketer console shared by its page and its script, Chinese first. */
import type { Lang } from "../../../domain/money.ts";
import type { LAYOUTS, MODULES, RULE_STATUSES, SLOTS } from "../../../domain/personalization/rules.ts";

type Pair = { zh: string; en: string };

export const MODULE_LABELS: Record<(typeof MODULES)[number], Pair> = {
  finance: { zh: "金融方案", en: "Finance offers" },
  "spec-comparison": { zh: "参数对比", en: "Spec comparison" },
  range: { zh: "车型版本", en: "Range" },
};

export const LAYOUT_LABELS: Record<(typeof LAYOUTS)[number], Pair> = {
  standard: { zh: "标准", en: "Standard" },
  compact: { zh: "紧凑", en: "Compact" },
  immersive: { zh: "沉浸", en: "Immersive" },
};

export const SLOT_LABELS: Record<(typeof SLOTS)[number], Pair> = {
  layout: { zh: "布局", en: "Layout" },
  lead: { zh: "模块顺序", en: "Modules lead" },
  hero: { zh: "主视觉", en: "Hero" },
  highlightTrims: { zh: "重点版本", en: "Highlighted trims" },
  offers: { zh: "优惠", en: "Offers" },
  resume: { zh: "续配提示", en: "Resume offer" },
};

export const STATUS_LABELS: Record<(typeof RULE_STATUSES)[number], Pair> = {
  draft: { zh: "草稿", en: "Draft" },
  published: { zh: "已发布", en: "Published" },
  unpublished: { zh: "已下线", en: "Unpublished" },
};

export const ACTION_LABELS: Record<string, Pair> = {
  "rules.import": { zh: "导入默认规则", en: "Imported the defaults" },
  "rule.create": { zh: "新建", en: "Created" },
  "rule.update": { zh: "修改", en: "Edited" },
  "rule.publish": { zh: "发布", en: "Published" },
  "rule.unpublish": { zh: "下线", en: "Unpublished" },
  "rule.schedule": { zh: "排期发布", en: "Scheduled" },
  "rules.rollback": { zh: "回滚", en: "Rolled back" },
};

/**
 * A label in the reader's language.
 * @example say(MODULE_LABELS.finance, "en") // "Finance offers"
 */
export const say = (pair: Pair | undefined, lang: Lang, fallback = "") => (pair ? pair[lang] : fallback);

/**
 * An instant as Asia/Shanghai wall time, "2026-11-29 16:05".
 * @example shanghaiTime("2026-11-29T08:05:00.000Z") // "2026-11-29 16:05"
 */
export function shanghaiTime(iso: string): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  return new Date(t + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
}
