import { type PriceBreakdown, type PricingContext, priceBreakdown } from "./pricing.ts";
import type { ProductModel } from "./product-model.ts";
import { violations } from "./semantics.ts";

export type Validation =
  | { ok: true; breakdown: PriceBreakdown }
  | { ok: false; type: "invalid-configuration"; problems: string[] }
  | { ok: false; type: "price-mismatch"; breakdown: PriceBreakdown; claimedFen: number };

/**
 * The server's own check of a configuration a client sends: every option exists, every rule
 * holds, and the price the client showed is the price we compute. Never trust the client.
 * @example validateConfiguration(model, ["TRIM_PRO", "PAINT_BLUE"], { date: "2026-11-28" }, 25_990_000) // { ok: true, breakdown }
 */
export function validateConfiguration(
  model: ProductModel,
  selected: readonly string[],
  context: PricingContext,
  claimedFen?: number,
): Validation {
  const known = new Set(model.options.map((option) => option.code));
  const unknown = selected.filter((code) => !known.has(code)).map((code) => `unknown option ${code}`);
  const chosen = new Set(selected);
  const problems = [...unknown, ...(unknown.length === 0 ? violations(model, chosen) : [])];
  if (problems.length > 0) return { ok: false, type: "invalid-configuration", problems };
  const breakdown = priceBreakdown(model, chosen, context);
  if (claimedFen !== undefined && claimedFen !== breakdown.totalFen) {
    return { ok: false, type: "price-mismatch", breakdown, claimedFen };
  }
  return { ok: true, breakdown };
}
