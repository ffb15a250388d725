/**
 * Whether finance leads a model page, decided from the visitor's city tier. In tier-3 to tier-5
 * cities more buyers pay in instalments and compare monthly payments first, so the finance offer
 * goes above the specifications with instalment wording; in tier-1, new-tier-1 and tier-2 cities the
 * specifications come first and the offer follows, compact.
 *
 * Interim rule: issue 6's marketer rule engine (rules on geo, city tier, device and history, edited
 * and previewed by marketers) will replace this function; until then it is the one place the
 * decision is made.
 */
import type { CityTier } from "../geo/city-tier.ts";

/** "lead": finance first and prominent; "follow": specifications first, finance compact below. */
export type FinancePlacement = "lead" | "follow";

const FINANCE_LEADS: ReadonlySet<CityTier> = new Set(["3", "4", "5"]);

/**
 * Where the finance offer goes for a visitor from a city of `tier`; an unknown city follows.
 * @example financePlacement("4") // "lead"
 * @example financePlacement("new1") // "follow"
 * @example financePlacement(null) // "follow"
 */
export function financePlacement(tier: CityTier | null | undefined): FinancePlacement {
  return tier && FINANCE_LEADS.has(tier) ? "lead" : "follow";
}
