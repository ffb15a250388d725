import type { ProductModel } from "./product-model.ts";
import type { Choice, GaveUp, Reasoner } from "./reasoner.ts";

export type Chosen = { status: "ok"; choices: Choice[] } | { status: "needs-repair"; base: Choice[] } | GaveUp;

/**
 * What choosing `option` does to the shopper's choices: it replaces the choice made in its own
 * one-of groups (picking blue paint replaces red); if the rules still rule it out, the caller
 * offers the engine's repair starting from `base` (the choices without those siblings).
 * @example choose(reasoner, model, [{ option: "W19", selected: true }], "W21") // { status: "ok", choices: [{ option: "W21", selected: true }] }
 */
export function choose(
  reasoner: Reasoner,
  model: ProductModel,
  choices: readonly Choice[],
  option: string,
  budgetMs = 500,
): Chosen {
  const siblings = new Set(
    model.groups.filter((g) => g.max === 1 && g.options.includes(option)).flatMap((g) => g.options),
  );
  const base = choices.filter((c) => !siblings.has(c.option) && c.option !== option);
  const next = [...base, { option, selected: true }];
  const result = reasoner.propagate(next, budgetMs);
  if (result.status === "gave-up") return result;
  return result.status === "ok" ? { status: "ok", choices: next } : { status: "needs-repair", base };
}
