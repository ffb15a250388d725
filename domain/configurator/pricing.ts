import { priceRuleInContext } from "./compile.ts";
import type { ProductModel, RenderCommand } from "./product-model.ts";
import { evaluate } from "./semantics.ts";

/** When and where a price is asked for: promotions have dates, some prices depend on the province. */
export interface PricingContext {
  /** Asia/Shanghai calendar date, YYYY-MM-DD. */
  date: string;
  /** Province name as in the city dataset (e.g. "广东省"); undefined when unknown. */
  province?: string;
}

export interface PriceLine {
  option: string;
  name: { zh: string; en: string };
  listPriceFen: number;
  priceFen: number;
  /** The price rule that set `priceFen`, when it is not the list price. */
  rule?: { zh: string; en: string };
}

export interface PriceBreakdown {
  lines: PriceLine[];
  totalFen: number;
}

/**
 * What a configuration costs: every selected option at the first price rule that applies to it
 * (its conditions hold for this configuration, date and province), else at its list price.
 * @example priceBreakdown(model, new Set(["TRIM_PRO", "PAINT_BLUE"]), { date: "2026-11-28" }).totalFen // 25_990_000
 */
export function priceBreakdown(
  model: ProductModel,
  selected: ReadonlySet<string>,
  context: PricingContext,
): PriceBreakdown {
  const lines: PriceLine[] = [];
  for (const option of model.options) {
    if (!selected.has(option.code)) continue;
    const rule = model.prices.find(
      (price) =>
        price.option === option.code &&
        priceRuleInContext(price, context) &&
        (price.when === undefined || evaluate(price.when, selected)),
    );
    lines.push({
      option: option.code,
      name: option.name,
      listPriceFen: option.priceFen,
      priceFen: rule ? rule.priceFen : option.priceFen,
      ...(rule ? { rule: rule.label } : {}),
    });
  }
  return { lines, totalFen: lines.reduce((sum, line) => sum + line.priceFen, 0) };
}

/**
 * The 3D view's commands for a configuration, in model order: meshes to show or hide and material values.
 * @example renderCommands(model, new Set(["PAINT_BLUE"])) // [{ material: "paint", set: { albedo: "#1d4e9e" } }]
 */
export function renderCommands(model: ProductModel, selected: ReadonlySet<string>): RenderCommand[] {
  return model.options.filter((option) => selected.has(option.code)).flatMap((option) => option.render);
}
