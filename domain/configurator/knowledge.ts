import { type CompiledModel, compileModel } from "./compile.ts";
import { countModels, type Ddnnf, DdnnfCompilation, maxWeightModel, minCostModel } from "./ddnnf.ts";
import type { PricingContext } from "./pricing.ts";
import type { ProductModel } from "./product-model.ts";
import type { Choice, GaveUp } from "./reasoner.ts";

export type Counting = { status: "ok"; count: bigint } | GaveUp;
export type Completion = { status: "ok"; selected: string[] } | { status: "contradiction" } | GaveUp;

type Compiled = { compiled: CompiledModel; ddnnf: Ddnnf };
/** A rule base being compiled for one pricing context: done, or the compilation to go on with. */
type Compiling = { compiled: CompiledModel; ddnnf: Ddnnf | null; compilation: DdnnfCompilation };

/** The key of the compilation without prices, the one counting and the most popular completion use. */
const NO_PRICES = "";

/** Popularity is a share of buyers; unknown or certain shares are kept off 0 and 1 so logs stay finite. */
const clampShare = (share: number) => Math.min(0.99, Math.max(0.01, share));

/**
 * The questions about all valid cars at once — how many there are, the cheapest and the most
 * popular completion of the shopper's choices — answered on a d-DNNF compiled from the rule base
 * the first time it is needed (per pricing context), in time linear in its size. Compilation works
 * within each call's time budget and resumes where it stopped on the next call, or in the page's
 * idle time through `warmUp`: a rule base too large for one budget gives "gave-up" for a while,
 * never a frozen page, and then answers.
 * @example new Knowledge(model).count([{ option: "W21", selected: true }]) // { status: "ok", count: 96n }
 */
export class Knowledge {
  private readonly model: ProductModel;
  private readonly byContext = new Map<string, Compiling>();

  constructor(model: ProductModel) {
    this.model = model;
  }

  /**
   * Compiles ahead for about `sliceMs` of idle time, so that a later count answers at once: "pending" while
   * there is more to do, "done" when counting is ready (or the rule base is too large to ever be).
   * @example const step = () => knowledge.warmUp(20) === "pending" && requestIdleCallback(step);
   */
  warmUp(sliceMs: number): "done" | "pending" {
    return this.compiled(null, sliceMs) === "timeout" ? "pending" : "done";
  }

  /** How many valid configurations agree with the choices (exact). */
  count(choices: readonly Choice[], budgetMs = 2000): Counting {
    const knowledge = this.compiled(null, budgetMs);
    if (typeof knowledge === "string") return { status: "gave-up" };
    return { status: "ok", count: countModels(knowledge.ddnnf, this.literals(knowledge.compiled, choices)) };
  }

  /** The valid configuration agreeing with the choices that costs least on this date in this province. */
  cheapest(choices: readonly Choice[], context: PricingContext, budgetMs = 2000): Completion {
    const knowledge = this.compiled(context, budgetMs);
    if (typeof knowledge === "string") return { status: "gave-up" };
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
    if (typeof knowledge === "string") return { status: "gave-up" };
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

  /** The compiled rule base after up to `budgetMs` more of compiling, or which limit stopped it. */
  private compiled(context: PricingContext | null, budgetMs: number): Compiled | "timeout" | "too-large" {
    const deadline = performance.now() + budgetMs;
    const key = context ? `${context.date}|${context.province ?? ""}` : NO_PRICES;
    let compiling = this.byContext.get(key);
    if (compiling === undefined) {
      const compiled = context ? compileModel(this.model, context) : compileModel(this.model);
      compiling = { compiled, ddnnf: null, compilation: new DdnnfCompilation(compiled.cnf) };
      this.byContext.set(key, compiling);
    }
    if (compiling.ddnnf === null) {
      const result = compiling.compilation.advance(deadline - performance.now());
      if (!result.ok) return result.reason;
      compiling.ddnnf = result.ddnnf;
    }
    return { compiled: compiling.compiled, ddnnf: compiling.ddnnf };
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
