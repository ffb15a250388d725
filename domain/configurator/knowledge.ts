import { type CompiledModel, compileModel } from "./compile.ts";
import { compileDdnnf, countModels, type Ddnnf, maxWeightModel, minCostModel } from "./ddnnf.ts";
import type { PricingContext } from "./pricing.ts";
import type { ProductModel } from "./product-model.ts";
import type { Choice, GaveUp } from "./reasoner.ts";

export type Counting = { status: "ok"; count: bigint } | GaveUp;
export type Completion = { status: "ok"; selected: string[] } | { status: "contradiction" } | GaveUp;

type Compiled = { compiled: CompiledModel; ddnnf: Ddnnf };

/** Popularity is a share of buyers; unknown or certain shares are kept off 0 and 1 so logs stay finite. */
const clampShare = (share: number) => Math.min(0.99, Math.max(0.01, share));

/**
 * The questions about all valid cars at once — how many there are, the cheapest and the most
 * popular completion of the shopper's choices — answered on a d-DNNF compiled from the rule base
 * the first time it is needed (per pricing context), in time linear in its size. Compilation has a
 * time budget; a rule base too large for it gives "gave-up" rather than a frozen page.
 * @example new Knowledge(model).count([{ option: "W21", selected: true }]) // { status: "ok", count: 96n }
 */
export class Knowledge {
  private readonly model: ProductModel;
  private readonly compiledByContext = new Map<string, Compiled | { gaveUpWithin: number }>();

  constructor(model: ProductModel) {
    this.model = model;
  }

  /** How many valid configurations agree with the choices (exact). */
  count(choices: readonly Choice[], budgetMs = 2000): Counting {
    const knowledge = this.compiled(null, budgetMs);
    if (knowledge === "gave-up") return { status: "gave-up" };
    return { status: "ok", count: countModels(knowledge.ddnnf, this.literals(knowledge.compiled, choices)) };
  }

  /** The valid configuration agreeing with the choices that costs least on this date in this province. */
  cheapest(choices: readonly Choice[], context: PricingContext, budgetMs = 2000): Completion {
    const knowledge = this.compiled(context, budgetMs);
    if (knowledge === "gave-up") return { status: "gave-up" };
    const { compiled, ddnnf } = knowledge;
    const best = minCostModel(
      ddnnf,
      compiled.costs as { pos: Float64Array; neg: Float64Array },
      this.literals(compiled, choices),
    );
    return best === null ? { status: "contradiction" } : { status: "ok", selected: this.selected(best.assignment) };
  }

  /** The valid configuration agreeing with the choices that buyers are most likely to choose. */
  mostPopular(choices: readonly Choice[], budgetMs = 2000): Completion {
    const knowledge = this.compiled(null, budgetMs);
    if (knowledge === "gave-up") return { status: "gave-up" };
    const { compiled, ddnnf } = knowledge;
    const pos = new Float64Array(compiled.cnf.numVars + 1);
    const neg = new Float64Array(compiled.cnf.numVars + 1);
    this.model.options.forEach((option, i) => {
      pos[i + 1] = Math.log(clampShare(option.popularity));
      neg[i + 1] = Math.log(1 - clampShare(option.popularity));
    });
    const best = maxWeightModel(ddnnf, { pos, neg }, this.literals(compiled, choices));
    return best === null ? { status: "contradiction" } : { status: "ok", selected: this.selected(best.assignment) };
  }

  private compiled(context: PricingContext | null, budgetMs: number): Compiled | "gave-up" {
    const key = context ? `${context.date}|${context.province ?? ""}` : "";
    const known = this.compiledByContext.get(key);
    if (known && "ddnnf" in known) return known;
    if (known && known.gaveUpWithin >= budgetMs) return "gave-up";
    const compiled = context ? compileModel(this.model, context) : compileModel(this.model);
    const result = compileDdnnf(compiled.cnf, { ms: budgetMs });
    if (!result.ok) {
      this.compiledByContext.set(key, { gaveUpWithin: budgetMs });
      return "gave-up";
    }
    const knowledge = { compiled, ddnnf: result.ddnnf };
    this.compiledByContext.set(key, knowledge);
    return knowledge;
  }

  private literals(compiled: CompiledModel, choices: readonly Choice[]): number[] {
    return choices.map((choice) => {
      const v = compiled.varOf.get(choice.option);
      if (v === undefined) throw new RangeError(`unknown option ${choice.option}`);
      return choice.selected ? v : -v;
    });
  }

  private selected(assignment: Uint8Array): string[] {
    return this.model.options.filter((_, i) => assignment[i + 1] === 1).map((option) => option.code);
  }
}
