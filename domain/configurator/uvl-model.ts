import type { Expr, Group, Option, ProductModel } from "./product-model.ts";
import type { UvlExpr, UvlFeature, UvlGroup, UvlModel } from "./uvl.ts";

/** The rule that keeps a UVL model's root feature selected. */
export const ROOT_RULE = "ROOT";

const text = (value: string | number | boolean | undefined, fallback: string) =>
  typeof value === "string" ? value : fallback;

function exprFromUvl(expr: UvlExpr): Expr {
  if ("var" in expr) return { option: expr.var };
  if ("not" in expr) return { not: exprFromUvl(expr.not) };
  if ("and" in expr) return { and: expr.and.map(exprFromUvl) };
  if ("or" in expr) return { or: expr.or.map(exprFromUvl) };
  if ("implies" in expr) return { implies: [exprFromUvl(expr.implies[0]), exprFromUvl(expr.implies[1])] };
  return { iff: [exprFromUvl(expr.iff[0]), exprFromUvl(expr.iff[1])] };
}

function exprToUvl(expr: Expr): UvlExpr {
  if ("option" in expr) return { var: expr.option };
  if ("not" in expr) return { not: exprToUvl(expr.not) };
  if ("implies" in expr) return { implies: [exprToUvl(expr.implies[0]), exprToUvl(expr.implies[1])] };
  if ("iff" in expr) return { iff: [exprToUvl(expr.iff[0]), exprToUvl(expr.iff[1])] };
  const isAnd = "and" in expr;
  const parts = (isAnd ? expr.and : expr.or).map(exprToUvl);
  return parts.reduce((left, right) => (isAnd ? { and: [left, right] } : { or: [left, right] }));
}

function groupBounds(group: UvlGroup): { min: number; max: number | null } {
  const n = group.children.length;
  if (group.kind === "cardinality") return { min: group.min, max: group.max === "*" ? null : group.max };
  if (group.kind === "mandatory") return { min: n, max: n };
  if (group.kind === "optional") return { min: 0, max: null };
  if (group.kind === "alternative") return { min: 1, max: 1 };
  return { min: 1, max: null };
}

/**
 * A product model from a UVL feature model: every feature becomes an option (attributes `label`,
 * `labelEn`, `priceFen` and `popularity` fill in its name, price and popularity), every group of a
 * feature a group under it, every cross-tree constraint a rule, and a rule keeps the root selected.
 * @example productModelFromUvl(parsed.model, { id: "s7", version: 1 }).groups[0] // { code: "Car#0", parent: "Car", min: 1, max: 1, … }
 */
export function productModelFromUvl(uvl: UvlModel, meta: { id: string; version: number }): ProductModel {
  const options: Option[] = [];
  const groups: Group[] = [];
  const stack: UvlFeature[] = [uvl.root];
  while (stack.length > 0) {
    const feature = stack.pop() as UvlFeature;
    const { label, labelEn, priceFen, popularity } = feature.attributes;
    options.push({
      code: feature.name,
      name: { zh: text(label, feature.name), en: text(labelEn, text(label, feature.name)) },
      priceFen: typeof priceFen === "number" ? priceFen : 0,
      includes: [],
      popularity: typeof popularity === "number" ? popularity : 0,
      render: [],
    });
    feature.groups.forEach((group, i) => {
      groups.push({
        code: `${feature.name}#${i}`,
        name: { zh: feature.name, en: feature.name },
        parent: feature.name,
        ...groupBounds(group),
        options: group.children.map((child) => child.name),
      });
    });
    for (let i = feature.groups.length - 1; i >= 0; i--) {
      const children = (feature.groups[i] as UvlGroup).children;
      for (let j = children.length - 1; j >= 0; j--) stack.push(children[j] as UvlFeature);
    }
  }
  return {
    id: meta.id,
    version: meta.version,
    name: { zh: uvl.namespace ?? uvl.root.name, en: uvl.namespace ?? uvl.root.name },
    options,
    groups,
    rules: [
      {
        id: ROOT_RULE,
        constraint: { option: uvl.root.name },
        message: { zh: "根特征总是选中", en: "The root feature is always selected" },
      },
      ...uvl.constraints.map((constraint, i) => ({
        id: `C${i + 1}`,
        constraint: exprFromUvl(constraint),
        message: { zh: `约束 ${i + 1}`, en: `Constraint ${i + 1}` },
      })),
    ],
    prices: [],
  };
}

/**
 * A UVL feature model from a product model whose groups form a tree under one root (as models
 * imported from UVL do); null with the reason when they do not.
 * @example serializeUvl(uvlFromProductModel(model).model)
 */
export function uvlFromProductModel(
  model: ProductModel,
): { ok: true; model: UvlModel } | { ok: false; reason: string } {
  const root = model.rules.find((rule) => rule.id === ROOT_RULE && "option" in rule.constraint);
  if (!root || !("option" in root.constraint)) return { ok: false, reason: "the model has no root feature" };
  const rootCode = root.constraint.option;
  const byCode = new Map(model.options.map((option) => [option.code, option]));
  const placed = new Set<string>();
  const features = new Map<string, UvlFeature>();
  const featureOf = (code: string): UvlFeature => {
    const existing = features.get(code);
    if (existing) return existing;
    const option = byCode.get(code) as Option;
    const attributes: UvlFeature["attributes"] = {};
    if (option.name.zh !== code) attributes.label = option.name.zh;
    if (option.name.en !== option.name.zh) attributes.labelEn = option.name.en;
    if (option.priceFen !== 0) attributes.priceFen = option.priceFen;
    if (option.popularity !== 0) attributes.popularity = option.popularity;
    const feature: UvlFeature = { name: code, attributes, groups: [] };
    features.set(code, feature);
    return feature;
  };
  for (const group of model.groups) {
    if (group.parent === null) return { ok: false, reason: `group ${group.code} has no parent feature` };
    const twice = group.options.find((code) => placed.has(code));
    if (twice !== undefined) return { ok: false, reason: `${twice} is in two groups` };
    for (const code of group.options) placed.add(code);
    featureOf(group.parent).groups.push(uvlGroup(group, group.options.map(featureOf)));
  }
  const unplaced = model.options.filter((option) => !placed.has(option.code) && option.code !== rootCode);
  if (unplaced.length > 0) return { ok: false, reason: `${unplaced[0]?.code} is in no group` };
  const includes = model.options.flatMap((option) =>
    option.includes.map((code) => ({ implies: [{ option: option.code }, { option: code }] }) as Expr),
  );
  return {
    ok: true,
    model: {
      root: featureOf(rootCode),
      constraints: [...includes, ...model.rules.filter((rule) => rule !== root).map((rule) => rule.constraint)].map(
        exprToUvl,
      ),
    },
  };
}

function uvlGroup(group: Group, children: UvlFeature[]): UvlGroup {
  const n = children.length;
  if (group.min === n && group.max === n) return { kind: "mandatory", children };
  if (group.min === 0 && group.max === null) return { kind: "optional", children };
  if (group.min === 1 && group.max === 1) return { kind: "alternative", children };
  if (group.min === 1 && group.max === null) return { kind: "or", children };
  return { kind: "cardinality", min: group.min, max: group.max ?? "*", children };
}
