import type { Expr, ProductModel } from "./product-model.ts";

/**
 * Whether an expression holds when exactly the options in `chosen` are selected.
 * @example evaluate({ implies: [{ option: "W21" }, { option: "SPORT" }] }, new Set(["W21"])) // false
 */
export function evaluate(expr: Expr, chosen: ReadonlySet<string>): boolean {
  if ("option" in expr) return chosen.has(expr.option);
  if ("not" in expr) return !evaluate(expr.not, chosen);
  if ("and" in expr) return expr.and.every((child) => evaluate(child, chosen));
  if ("or" in expr) return expr.or.some((child) => evaluate(child, chosen));
  if ("implies" in expr) return !evaluate(expr.implies[0], chosen) || evaluate(expr.implies[1], chosen);
  return evaluate(expr.iff[0], chosen) === evaluate(expr.iff[1], chosen);
}

/**
 * The reasons a full configuration (the set of selected options) is invalid; empty when it is valid.
 * This is the definition the compiled engine must agree with.
 * @example violations(model, new Set(["TRIM_PRO", "PAINT_RED"])) // [] or ["group WHEELS: 0 chosen, needs 1..1", …]
 */
export function violations(model: ProductModel, chosen: ReadonlySet<string>): string[] {
  const found: string[] = [];
  for (const group of model.groups) {
    const count = group.options.filter((code) => chosen.has(code)).length;
    const applies = group.parent === null || chosen.has(group.parent);
    const max = group.max ?? group.options.length;
    if (applies && (count < group.min || count > max))
      found.push(`group ${group.code}: ${count} chosen, needs ${group.min}..${max}`);
    if (!applies && count > 0) found.push(`group ${group.code}: chosen without ${group.parent}`);
  }
  for (const option of model.options) {
    if (!chosen.has(option.code)) continue;
    for (const included of option.includes)
      if (!chosen.has(included)) found.push(`${option.code} includes ${included}`);
  }
  for (const rule of model.rules) if (!evaluate(rule.constraint, chosen)) found.push(`rule ${rule.id}`);
  return found;
}
