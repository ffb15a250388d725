import { z } from "zod";

/** A Boolean expression over option codes. */
export type Expr =
  | { option: string }
  | { not: Expr }
  | { and: Expr[] }
  | { or: Expr[] }
  | { implies: [Expr, Expr] }
  | { iff: [Expr, Expr] };

export const ExprSchema: z.ZodType<Expr> = z.lazy(() =>
  z.union([
    z.strictObject({ option: z.string().min(1) }),
    z.strictObject({ not: ExprSchema }),
    z.strictObject({ and: z.array(ExprSchema).min(1) }),
    z.strictObject({ or: z.array(ExprSchema).min(1) }),
    z.strictObject({ implies: z.tuple([ExprSchema, ExprSchema]) }),
    z.strictObject({ iff: z.tuple([ExprSchema, ExprSchema]) }),
  ]),
);

const Text = z.strictObject({ zh: z.string(), en: z.string() });
const code = z.string().min(1).max(200);
const fen = z.number().int().nonnegative();

/** What the 3D view does when an option is chosen: switch a mesh on, or give a material a value. */
export const RenderCommandSchema = z.union([
  z.strictObject({ show: z.string() }),
  z.strictObject({ hide: z.string() }),
  z.strictObject({ material: z.string(), set: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])) }),
]);
export type RenderCommand = z.infer<typeof RenderCommandSchema>;

export const OptionSchema = z.strictObject({
  code,
  name: Text,
  priceFen: fen,
  /** Options this one brings along (a package's contents): they are forced on, and priced by `prices`. */
  includes: z.array(code).default([]),
  /** Share of buyers who choose it, 0..1; drives "complete to the most popular". */
  popularity: z.number().min(0).max(1).default(0),
  render: z.array(RenderCommandSchema).default([]),
});

/**
 * Options chosen together under a parent: `min`..`max` of them when the parent is chosen, none
 * otherwise. A root group (no parent) always applies. Paint is [1, 1]; optional extras [0, null].
 */
export const GroupSchema = z
  .strictObject({
    code,
    name: Text,
    parent: code.nullable().default(null),
    min: z.number().int().nonnegative(),
    max: z.number().int().positive().nullable(),
    options: z.array(code).min(1),
  })
  .refine((g) => g.max === null || g.min <= g.max, { message: "min must not exceed max", path: ["min"] })
  .refine((g) => g.min <= g.options.length, { message: "min exceeds the number of options", path: ["min"] });

export const RuleSchema = z.strictObject({
  id: code,
  constraint: ExprSchema,
  message: Text,
});

/** A price that replaces an option's list price while its conditions hold (packages, promotions, regions). */
export const PriceRuleSchema = z.strictObject({
  option: code,
  priceFen: fen,
  when: ExprSchema.optional(),
  provinces: z.array(z.string()).optional(),
  from: z.iso.date().optional(),
  until: z.iso.date().optional(),
  label: Text,
});

export const ProductModelSchema = z
  .strictObject({
    id: code,
    version: z.number().int().positive(),
    name: Text,
    options: z.array(OptionSchema),
    groups: z.array(GroupSchema),
    rules: z.array(RuleSchema).default([]),
    prices: z.array(PriceRuleSchema).default([]),
  })
  .superRefine((model, ctx) => {
    const known = new Set<string>();
    model.options.forEach((option, i) => {
      if (known.has(option.code))
        ctx.addIssue({ code: "custom", path: ["options", i, "code"], message: `duplicate option ${option.code}` });
      known.add(option.code);
    });
    const check = (ref: string, path: (string | number)[]) => {
      if (!known.has(ref)) ctx.addIssue({ code: "custom", path, message: `unknown option ${ref}` });
    };
    const checkExpr = (expr: Expr, path: (string | number)[]) => {
      for (const [ref, at] of optionRefs(expr, path)) check(ref, at);
    };
    model.options.forEach((option, i) => {
      for (const [j, ref] of option.includes.entries()) check(ref, ["options", i, "includes", j]);
    });
    model.groups.forEach((group, i) => {
      if (group.parent !== null) check(group.parent, ["groups", i, "parent"]);
      for (const [j, ref] of group.options.entries()) check(ref, ["groups", i, "options", j]);
    });
    model.rules.forEach((rule, i) => {
      checkExpr(rule.constraint, ["rules", i, "constraint"]);
    });
    model.prices.forEach((price, i) => {
      check(price.option, ["prices", i, "option"]);
      if (price.when) checkExpr(price.when, ["prices", i, "when"]);
    });
  });

export type ProductModel = z.infer<typeof ProductModelSchema>;
export type ProductModelInput = z.input<typeof ProductModelSchema>;
export type Option = ProductModel["options"][number];
export type Group = ProductModel["groups"][number];
export type Rule = ProductModel["rules"][number];

/** Every option code an expression mentions, with where it is. */
export function* optionRefs(expr: Expr, path: (string | number)[] = []): Generator<[string, (string | number)[]]> {
  if ("option" in expr) yield [expr.option, [...path, "option"]];
  else if ("not" in expr) yield* optionRefs(expr.not, [...path, "not"]);
  else {
    const [key, children] =
      "and" in expr
        ? ["and", expr.and]
        : "or" in expr
          ? ["or", expr.or]
          : "implies" in expr
            ? ["implies", expr.implies]
            : ["iff", expr.iff];
    for (let i = 0; i < children.length; i++) yield* optionRefs(children[i] as Expr, [...path, key, i]);
  }
}

/**
 * Validates a product model.
 * @example parseProductModel(json) // { ok: true, model } or { ok: false, errors: [{ path: "rules.3.constraint.option", message }] }
 */
export function parseProductModel(
  input: unknown,
): { ok: true; model: ProductModel } | { ok: false; errors: { path: string; message: string }[] } {
  const result = ProductModelSchema.safeParse(input);
  if (result.success) return { ok: true, model: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message })),
  };
}
