import type { Cnf } from "./cnf.ts";
import type { PricingContext } from "./pricing.ts";
import type { Expr, Group, Option, ProductModel, Rule } from "./product-model.ts";

/** Where a clause comes from, so that an explanation can name it to a shopper. */
export type Source =
  | { kind: "rule"; rule: Rule }
  | { kind: "group"; group: Group }
  | { kind: "parent"; group: Group }
  | { kind: "includes"; option: Option };

/**
 * A product model compiled to CNF. Options are variables 1..options.length in model order; the
 * rest are auxiliary variables, each defined as a function of the options, so the number of
 * models of the CNF is exactly the number of valid configurations.
 */
export interface CompiledModel {
  model: ProductModel;
  optionCount: number;
  varOf: ReadonlyMap<string, number>;
  cnf: Cnf;
  /** Index into `sources` for each clause of `cnf`. */
  clauseSource: number[];
  sources: Source[];
  /**
   * With a pricing context: what each literal costs, in fen, so that the cost of a model is exactly
   * the price of its configuration (see pricing.ts): list prices on options without price rules,
   * and one defined variable per "this option at this price" case otherwise.
   */
  costs?: { pos: Float64Array; neg: Float64Array };
}

/** Groups of up to this many options encode "at most one" pairwise; larger ones use a counter. */
const PAIRWISE_LIMIT = 30;

class Builder {
  numVars: number;
  readonly clauses: number[][] = [];
  readonly clauseSource: number[] = [];
  source = 0;

  constructor(optionCount: number) {
    this.numVars = optionCount;
  }

  clause(lits: number[]): void {
    this.clauses.push(lits);
    this.clauseSource.push(this.source);
  }

  fresh(): number {
    return ++this.numVars;
  }

  /** A variable equivalent to the conjunction of `lits` (true for none). */
  and(lits: number[]): number {
    const t = this.fresh();
    for (const lit of lits) this.clause([-t, lit]);
    this.clause([t, ...lits.map((lit) => -lit)]);
    return t;
  }

  /** A variable equivalent to the disjunction of `lits` (false for none). */
  or(lits: number[]): number {
    const t = this.fresh();
    for (const lit of lits) this.clause([t, -lit]);
    this.clause([-t, ...lits]);
    return t;
  }
}

type Nnf = { lit: number } | { and: Nnf[] } | { or: Nnf[] };

function toNnf(expr: Expr, varOf: ReadonlyMap<string, number>, negated: boolean): Nnf {
  if ("option" in expr) {
    const v = varOf.get(expr.option);
    if (v === undefined) throw new Error(`unknown option ${expr.option}`);
    return { lit: negated ? -v : v };
  }
  if ("not" in expr) return toNnf(expr.not, varOf, !negated);
  if ("implies" in expr) return toNnf({ or: [{ not: expr.implies[0] }, expr.implies[1]] }, varOf, negated);
  if ("iff" in expr) {
    const [a, b] = expr.iff;
    return toNnf({ and: [{ implies: [a, b] }, { implies: [b, a] }] }, varOf, negated);
  }
  const isAnd = "and" in expr;
  const children = (isAnd ? expr.and : expr.or).map((child) => toNnf(child, varOf, negated));
  return isAnd !== negated ? { and: children } : { or: children };
}

function literalOf(node: Nnf, builder: Builder): number {
  if ("lit" in node) return node.lit;
  if ("and" in node) return builder.and(node.and.map((child) => literalOf(child, builder)));
  return builder.or(node.or.map((child) => literalOf(child, builder)));
}

function assertNnf(node: Nnf, builder: Builder): void {
  if ("lit" in node) builder.clause([node.lit]);
  else if ("and" in node) for (const child of node.and) assertNnf(child, builder);
  else builder.clause(node.or.map((child) => literalOf(child, builder)));
}

/**
 * Variables s[j] (j = 1..bound) with s[j] ⇔ "at least j of `lits` are true", built as a sequential
 * counter whose every auxiliary variable is defined (so counting stays exact).
 */
function atLeastCounters(lits: number[], bound: number, builder: Builder): number[] {
  let previous: (number | null)[] = [];
  for (const x of lits) {
    const next: (number | null)[] = [];
    for (let j = 1; j <= bound; j++) {
      const carried = previous[j - 1] ?? null;
      const below = j === 1 ? x : previous[j - 2] != null ? builder.and([x, previous[j - 2] as number]) : null;
      if (carried === null && below === null) next.push(null);
      else if (carried === null) next.push(below);
      else if (below === null) next.push(carried);
      else next.push(builder.or([carried, below]));
    }
    previous = next;
  }
  return Array.from({ length: bound }, (_, j) => previous[j] ?? 0);
}

function encodeGroup(group: Group, varOf: ReadonlyMap<string, number>, builder: Builder): void {
  const lits = group.options.map((code) => varOf.get(code) as number);
  const parent = group.parent === null ? null : (varOf.get(group.parent) as number);
  const guard = parent === null ? [] : [-parent];
  if (group.min === 1) builder.clause([...guard, ...lits]);
  const max = group.max ?? lits.length;
  if (max === 1 && lits.length <= PAIRWISE_LIMIT) {
    for (let a = 0; a < lits.length; a++) {
      for (let b = a + 1; b < lits.length; b++) builder.clause([-(lits[a] as number), -(lits[b] as number)]);
    }
    return;
  }
  const needsMax = max < lits.length && !(max === 1 && lits.length <= PAIRWISE_LIMIT);
  const bound = Math.max(group.min > 1 ? group.min : 0, needsMax ? max + 1 : 0);
  if (bound === 0) return;
  const atLeast = atLeastCounters(lits, bound, builder);
  if (group.min > 1) builder.clause([...guard, atLeast[group.min - 1] as number]);
  if (needsMax) {
    const over = atLeast[max] as number;
    if (over !== 0) builder.clause([-over]);
  }
}

/** Whether a price rule can apply on this date and in this province at all. */
export function priceRuleInContext(price: ProductModel["prices"][number], context: PricingContext): boolean {
  return (
    (price.from === undefined || context.date >= price.from) &&
    (price.until === undefined || context.date <= price.until) &&
    (price.provinces === undefined || (context.province !== undefined && price.provinces.includes(context.province)))
  );
}

/** Adds one defined variable per price case and returns the literal costs. */
function encodePrices(
  model: ProductModel,
  varOf: ReadonlyMap<string, number>,
  builder: Builder,
  context: PricingContext,
) {
  const charges: [number, number][] = [];
  for (const option of model.options) {
    const v = varOf.get(option.code) as number;
    const rules = model.prices.filter((price) => price.option === option.code && priceRuleInContext(price, context));
    if (rules.length === 0) {
      charges.push([v, option.priceFen]);
      continue;
    }
    const earlier: number[] = [];
    let unconditional = false;
    for (const rule of rules) {
      const when = rule.when ? literalOf(toNnf(rule.when, varOf, false), builder) : null;
      charges.push([builder.and([v, ...(when === null ? [] : [when]), ...earlier.map((w) => -w)]), rule.priceFen]);
      if (when === null) {
        unconditional = true;
        break;
      }
      earlier.push(when);
    }
    if (!unconditional) charges.push([builder.and([v, ...earlier.map((w) => -w)]), option.priceFen]);
  }
  const pos = new Float64Array(builder.numVars + 1);
  for (const [lit, fen] of charges) pos[lit] = fen;
  return { pos, neg: new Float64Array(builder.numVars + 1) };
}

/**
 * Compiles a validated product model to CNF, remembering which rule or structure each clause
 * comes from; with a pricing context, also the literal costs that price a configuration exactly.
 * @example const compiled = compileModel(model); compiled.varOf.get("SPORT") // 7
 */
export function compileModel(model: ProductModel, pricing?: PricingContext): CompiledModel {
  const varOf = new Map(model.options.map((option, i) => [option.code, i + 1]));
  const builder = new Builder(model.options.length);
  const sources: Source[] = [];
  const from = (source: Source) => {
    builder.source = sources.length;
    sources.push(source);
  };
  for (const group of model.groups) {
    if (group.parent !== null) {
      from({ kind: "parent", group });
      const parent = varOf.get(group.parent) as number;
      for (const code of group.options) builder.clause([-(varOf.get(code) as number), parent]);
    }
    from({ kind: "group", group });
    encodeGroup(group, varOf, builder);
  }
  for (const option of model.options) {
    if (option.includes.length === 0) continue;
    from({ kind: "includes", option });
    const v = varOf.get(option.code) as number;
    for (const code of option.includes) builder.clause([-v, varOf.get(code) as number]);
  }
  for (const rule of model.rules) {
    from({ kind: "rule", rule });
    assertNnf(toNnf(rule.constraint, varOf, false), builder);
  }
  const costs = pricing ? encodePrices(model, varOf, builder, pricing) : undefined;
  return {
    model,
    optionCount: model.options.length,
    varOf,
    cnf: { numVars: builder.numVars, clauses: builder.clauses },
    clauseSource: builder.clauseSource,
    sources,
    ...(costs ? { costs } : {}),
  };
}
