/** Loan plans the store offers. */
export const PLAN_TYPES = ["equal-instalment", "equal-principal", "balloon"] as const;
export type PlanType = (typeof PLAN_TYPES)[number];

/** Display names of the plans, Chinese first. */
export const PLAN_LABELS: Record<PlanType, Label> = {
  "equal-instalment": { zh: "等额本息", en: "Equal instalments" },
  "equal-principal": { zh: "等额本金", en: "Equal principal" },
  balloon: { zh: "尾款贷", en: "Balloon" },
};

/**
 * A loan's quoted rate in integer basis points a year (399 = 3.99 %): an APR charged on the falling
 * balance, or a flat rate (费率) charged on the whole loan for its whole term.
 */
export type Rate = { kind: "apr"; bp: number } | { kind: "flat"; bp: number };

/** A bilingual label, Chinese first. */
export interface Label {
  zh: string;
  en: string;
}
