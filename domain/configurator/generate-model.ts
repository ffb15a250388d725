/**
 * Deterministic generators of product models for tests and benchmarks: a realistic car of a few
 * hundred options (trims, paint, wheels, interior, seats, packages with their contents, optional
 * extras and a few hundred rules), and an industrial-scale feature model with the statistics of the
 * published automotive feature models (Automotive02: ≈ 18.6k features, ≈ 1.3k cross-tree constraints,
 * a deep tree with many alternative groups). Both are checked with the SAT solver as they are built.
 */

import { mulberry32 } from "../random.ts";
import { compileModel } from "./compile.ts";
import { type Expr, type Group, type Option, optionRefs, type ProductModel, type Rule } from "./product-model.ts";
import { SatSolver } from "./sat.ts";

/** A seeded source of numbers in [0, 1). */
export type Random = () => number;

const between = (random: Random, low: number, high: number) => low + Math.floor(random() * (high - low + 1));
const pickFrom = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const pad = (n: number, width: number) => String(n).padStart(width, "0");
const opt = (code: string): Expr => ({ option: code });
const not = (code: string): Expr => ({ not: opt(code) });

/** Picks one of `choices` by weight. */
function weighted<T>(random: Random, choices: readonly (readonly [T, number])[]): T {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
  let x = random() * total;
  for (const [value, weight] of choices) {
    x -= weight;
    if (x < 0) return value;
  }
  return (choices[choices.length - 1] as readonly [T, number])[0];
}

type Text = { zh: string; en: string };

/** Options and groups under construction. */
class ModelBuilder {
  readonly options: Option[] = [];
  readonly groups: Group[] = [];
  readonly names = new Map<string, Text>();
  readonly groupOf = new Map<string, string>();
  readonly random: Random;

  constructor(random: Random) {
    this.random = random;
  }

  option(code: string, name: Text, priceYuan: number): string {
    const popularity = Math.round(this.random() * 100) / 100;
    this.options.push({ code, name, priceFen: priceYuan * 100, includes: [], popularity, render: [] });
    this.names.set(code, name);
    return code;
  }

  group(code: string, name: Text, parent: string | null, bounds: [number, number | null], options: string[]): void {
    this.groups.push({ code, name, parent, min: bounds[0], max: bounds[1], options });
    for (const option of options) this.groupOf.set(option, code);
  }

  name(code: string): Text {
    return this.names.get(code) as Text;
  }
}

/** A rule's constraint and message, before it gets an id. */
type Candidate = Omit<Rule, "id">;

/**
 * Keeps the rules that can hold together: drops rules until the model is satisfiable and, when
 * `everyOptionOpen`, until every option can be both chosen and left out. Each rule's clauses are
 * switched on by a selector variable, and an unsatisfiable call's core names the rules to blame;
 * the most recently generated rule of the core is dropped. Dropping a rule only widens the set of
 * valid configurations, so every witness found stays valid.
 */
function consistentRules(structure: ProductModel, rules: Rule[], everyOptionOpen: boolean): Rule[] {
  const compiled = compileModel({ ...structure, rules });
  const base = compiled.cnf.numVars;
  const ruleIndex = new Map(rules.map((rule, i) => [rule, i]));
  const solver = new SatSolver(base + rules.length);
  compiled.cnf.clauses.forEach((clause, k) => {
    const source = compiled.sources[compiled.clauseSource[k] as number];
    const selector = source?.kind === "rule" ? base + 1 + (ruleIndex.get(source.rule) as number) : 0;
    solver.addClause(selector === 0 ? clause : [-selector, ...clause]);
  });
  const active = new Set(rules.map((_, i) => i));
  const witness = (extra: number[]): Uint8Array => {
    for (;;) {
      const selectors = [...active].map((i) => base + 1 + i);
      if (solver.solve([...selectors, ...extra]) === "sat") return solver.model();
      const blamed = solver.core().filter((lit) => lit > base);
      if (blamed.length === 0)
        throw new Error(`the model's structure alone rules out ${extra.join(" ") || "everything"}`);
      active.delete(Math.max(...blamed) - base - 1);
    }
  };
  const seen = [new Uint8Array(base + 1), new Uint8Array(base + 1)];
  const record = (model: Uint8Array) => {
    for (let v = 1; v <= compiled.optionCount; v++) (seen[model[v] as number] as Uint8Array)[v] = 1;
  };
  record(witness([]));
  if (everyOptionOpen) {
    for (let v = 1; v <= compiled.optionCount; v++) {
      if (!(seen[1] as Uint8Array)[v]) record(witness([v]));
      if (!(seen[0] as Uint8Array)[v]) record(witness([-v]));
    }
  }
  return rules.filter((_, i) => active.has(i));
}

/** Generates candidates until `target` of them hold together (see consistentRules), then numbers them. */
function settleRules(
  structure: ProductModel,
  target: number,
  candidate: () => Candidate,
  everyOptionOpen: boolean,
  idPrefix: string,
): Rule[] {
  let serial = 0;
  const more = (count: number) => Array.from({ length: count }, () => ({ id: `tmp${serial++}`, ...candidate() }));
  let rules = more(target);
  for (let round = 0; round < 50; round++) {
    rules = consistentRules(structure, rules, everyOptionOpen);
    if (rules.length >= target) break;
    rules = [...rules, ...more(target - rules.length)];
  }
  const width = String(target).length;
  return rules.slice(0, target).map((rule, i) => ({ ...rule, id: `${idPrefix}${pad(i + 1, width)}` }));
}

// ─── A car ────────────────────────────────────────────────────────────────────────────────────────

const TRIMS: [string, string, string][] = [
  ["BASE", "Base", "标准版"],
  ["COMFORT", "Comfort", "舒适版"],
  ["SPORT", "Sport", "运动版"],
  ["LUXURY", "Luxury", "豪华版"],
  ["TOURING", "Touring", "旅行版"],
  ["PREMIUM", "Premium", "尊享版"],
  ["PERF", "Performance", "性能版"],
  ["LAUNCH", "Launch Edition", "首发版"],
];
const PAINTS: [string, string][] = [
  ["Glacier White", "冰川白"],
  ["Obsidian Black", "曜石黑"],
  ["Lunar Silver", "月光银"],
  ["Graphite Grey", "石墨灰"],
  ["Flame Red", "火焰红"],
  ["Ocean Blue", "海洋蓝"],
  ["Forest Green", "森林绿"],
  ["Sunburst Yellow", "日光黄"],
  ["Copper Orange", "铜橙"],
  ["Mocha Brown", "摩卡棕"],
  ["Bronze", "古铜"],
  ["Amethyst", "紫晶"],
  ["Pearl White", "珍珠白"],
  ["Midnight Blue", "午夜蓝"],
  ["Matte Grey", "哑光灰"],
];
const WHEELS = [17, 18, 19, 20, 21, 22];
const INTERIORS: [string, string][] = [
  ["Black", "黑色"],
  ["Slate Grey", "石板灰"],
  ["Beige", "米色"],
  ["Cognac", "干邑棕"],
  ["Red", "红色"],
  ["Navy", "藏青"],
  ["Ivory", "象牙白"],
  ["Two-tone", "双色"],
];
const SEATS: [string, string][] = [
  ["Fabric seats", "织物座椅"],
  ["Leatherette seats", "人造革座椅"],
  ["Leather seats", "真皮座椅"],
  ["Nappa leather seats", "纳帕真皮座椅"],
  ["Sport bucket seats", "运动桶形座椅"],
];
const PACKAGES: [string, string][] = [
  ["Winter", "冬季"],
  ["Technology", "科技"],
  ["Driver Assistance", "驾驶辅助"],
  ["Premium Sound", "高级音响"],
  ["Towing", "拖挂"],
  ["Off-road", "越野"],
  ["Night", "夜色"],
  ["Parking", "泊车"],
  ["Comfort", "舒适"],
  ["Sport", "运动"],
  ["Panorama", "全景"],
  ["Convenience", "便利"],
  ["Safety", "安全"],
  ["Lighting", "灯光"],
];
const CATEGORIES: [string, string][] = [
  ["Comfort", "舒适"],
  ["Technology", "科技"],
  ["Safety", "安全"],
  ["Exterior", "外观"],
  ["Interior", "内饰"],
  ["Audio", "音响"],
  ["Lighting", "灯光"],
  ["Storage", "储物"],
  ["Charging", "充电"],
  ["Connectivity", "互联"],
  ["Climate", "空调"],
  ["Seating", "座椅"],
];

/** Where each kind of option of a generated car is, for drawing rules. */
interface CarLayout {
  builder: ModelBuilder;
  trims: string[];
  paints: string[];
  wheels: string[];
  interiors: string[];
  seats: string[];
  packages: string[];
  contents: string[];
  features: string[];
}

function rootGroup(builder: ModelBuilder, code: string, name: Text, options: string[]): string[] {
  builder.group(code, name, null, [1, 1], options);
  return options;
}

function carBasics(builder: ModelBuilder): Omit<CarLayout, "packages" | "contents" | "features"> {
  const { random } = builder;
  const trims = TRIMS.slice(0, between(random, 5, 8)).map(([code, en, zh], i) =>
    builder.option(`TRIM.${code}`, { zh, en }, 150_000 + i * 25_000),
  );
  const paints = PAINTS.slice(0, between(random, 8, 15)).map(([en, zh], i) =>
    builder.option(`PAINT.${pad(i + 1, 2)}`, { zh, en }, i < 2 ? 0 : between(random, 3, 15) * 1000),
  );
  const wheels = WHEELS.slice(0, between(random, 3, 6)).map((inch, i) =>
    builder.option(`WHEEL.${inch}`, { zh: `${inch} 英寸铝合金轮毂`, en: `${inch}-inch alloy wheels` }, i * 4000),
  );
  const interiors = INTERIORS.slice(0, between(random, 4, 8)).map(([en, zh], i) =>
    builder.option(`INTERIOR.${pad(i + 1, 2)}`, { zh: `${zh}内饰`, en: `${en} interior` }, i * 2000),
  );
  const seats = SEATS.slice(0, between(random, 3, 5)).map(([en, zh], i) =>
    builder.option(`SEATS.${pad(i + 1, 2)}`, { zh, en }, i * 6000),
  );
  return {
    builder,
    trims: rootGroup(builder, "TRIM", { zh: "车型版本", en: "Trim" }, trims),
    paints: rootGroup(builder, "PAINT", { zh: "车漆", en: "Paint" }, paints),
    wheels: rootGroup(builder, "WHEELS", { zh: "轮毂", en: "Wheels" }, wheels),
    interiors: rootGroup(builder, "INTERIOR", { zh: "内饰", en: "Interior" }, interiors),
    seats: rootGroup(builder, "SEATS", { zh: "座椅", en: "Seats" }, seats),
  };
}

/** Splits `total` into chunks of `low`..`high` (the last one may be smaller only if `total` is). */
function chunks(random: Random, total: number, low: number, high: number): number[] {
  const sizes: number[] = [];
  let left = total;
  while (left > 0) {
    const size = Math.min(left, between(random, low, high));
    sizes.push(left - size > 0 && left - size < low ? left : size);
    left -= sizes[sizes.length - 1] as number;
  }
  return sizes;
}

/** Optional packages, each with its contents in one to three sub-groups; some contents are included. */
function carPackages(builder: ModelBuilder, count: number, contentCount: number): [string[], string[]] {
  const { random } = builder;
  const packages: string[] = [];
  const contents: string[] = [];
  const weights = Array.from({ length: count }, () => 0.5 + random());
  const total = weights.reduce((a, b) => a + b, 0);
  for (let p = 0; p < count; p++) {
    const [en, zh] = PACKAGES[p % PACKAGES.length] as [string, string];
    const suffix = p < PACKAGES.length ? "" : ` ${Math.floor(p / PACKAGES.length) + 1}`;
    const name = { zh: `${zh}套装${suffix}`, en: `${en} package${suffix}` };
    const pkg = builder.option(`PKG.${pad(p + 1, 2)}`, name, between(random, 5, 40) * 1000);
    packages.push(pkg);
    const size = Math.max(2, Math.round((contentCount * (weights[p] as number)) / total));
    let item = 0;
    chunks(random, size, 2, 6).forEach((groupSize, g) => {
      const items = Array.from({ length: groupSize }, () => {
        item++;
        return builder.option(`${pkg}.${pad(item, 2)}`, { zh: `${zh}套装项目 ${item}`, en: `${en} item ${item}` }, 0);
      });
      const pickOne = g > 0 && groupSize >= 2 && random() < 0.4;
      const groupName = { zh: `${zh}套装内容`, en: `${en} contents` };
      builder.group(`${pkg}.G${g + 1}`, groupName, pkg, pickOne ? [1, 1] : [0, null], items);
      contents.push(...items);
      if (g === 0 && random() < 0.5)
        (builder.options.find((o) => o.code === pkg) as Option).includes = [items[0] as string];
    });
  }
  builder.group("PACKAGES", { zh: "选装套装", en: "Packages" }, null, [0, null], packages);
  return [packages, contents];
}

/** Optional extras at the root, by category, in groups of any number ([0, null]) or at most one ([0, 1]). */
function carFeatures(builder: ModelBuilder, count: number): string[] {
  const { random } = builder;
  const features: string[] = [];
  chunks(random, count, 5, 16).forEach((size, g) => {
    const [en, zh] = CATEGORIES[g % CATEGORIES.length] as [string, string];
    const n = g + 1;
    const items = Array.from({ length: size }, (_, i) =>
      builder.option(
        `OPT.${pad(n, 2)}.${pad(i + 1, 2)}`,
        { zh: `${zh}配置 ${n}-${i + 1}`, en: `${en} option ${n}-${i + 1}` },
        between(random, 1, 30) * 500,
      ),
    );
    const atMostOne = random() < 0.2;
    builder.group(`OPT.${pad(n, 2)}`, { zh: `${zh}选装`, en: `${en} options` }, null, [0, atMostOne ? 1 : null], items);
    features.push(...items);
  });
  return features;
}

/** Two different options of `pool`, not in the same group unless `sameGroupAllowed`. */
function twoApart(layout: CarLayout, pool: readonly string[], sameGroupAllowed = false): [string, string] {
  const { random, groupOf } = layout.builder;
  for (;;) {
    const a = pickFrom(random, pool);
    const b = pickFrom(random, pool);
    if (a !== b && (sameGroupAllowed || groupOf.get(a) !== groupOf.get(b))) return [a, b];
  }
}

/** A rule of one of the shapes car configurators have, with its message. */
function carRule(layout: CarLayout): Candidate {
  const { builder } = layout;
  const { random } = builder;
  const n = (code: string) => builder.name(code);
  const shape = weighted(random, [
    ["notOnTrim", 30],
    ["needsPackage", 20],
    ["excludes", 20],
    ["needsOneOf", 15],
    ["packagesExclude", 8],
    ["iff", 7],
  ] as const);
  if (shape === "notOnTrim") {
    const trim = pickFrom(random, layout.trims);
    const pool = [...layout.paints, ...layout.wheels, ...layout.interiors, ...layout.seats, ...layout.packages];
    const x = pickFrom(random, random() < 0.5 ? pool : layout.features);
    const message = { zh: `${n(trim).zh}不提供${n(x).zh}`, en: `${n(x).en} is not offered on the ${n(trim).en} trim` };
    return { constraint: { implies: [opt(trim), not(x)] }, message };
  }
  if (shape === "needsPackage") {
    const x = pickFrom(random, layout.features);
    const pkg = pickFrom(random, layout.packages);
    const message = { zh: `${n(x).zh}需要选装${n(pkg).zh}`, en: `${n(x).en} requires the ${n(pkg).en}` };
    return { constraint: { implies: [opt(x), opt(pkg)] }, message };
  }
  if (shape === "excludes") {
    const [x, y] = twoApart(layout, [...layout.features, ...layout.contents, ...layout.wheels, ...layout.paints]);
    const message = { zh: `${n(x).zh}与${n(y).zh}不能同时选装`, en: `${n(x).en} cannot be combined with ${n(y).en}` };
    return { constraint: { implies: [opt(x), not(y)] }, message };
  }
  if (shape === "needsOneOf") {
    const pool = pickFrom(random, [layout.wheels, layout.seats, layout.interiors, layout.features]);
    const [a, b] = twoApart(layout, pool, pool !== layout.features);
    let x = a;
    while (x === a || x === b) x = pickFrom(random, [...layout.features, ...layout.contents]);
    const message = { zh: `${n(x).zh}需要${n(a).zh}或${n(b).zh}`, en: `${n(x).en} requires ${n(a).en} or ${n(b).en}` };
    return { constraint: { implies: [opt(x), { or: [opt(a), opt(b)] }] }, message };
  }
  if (shape === "packagesExclude") {
    const [p, q] = twoApart(layout, layout.packages, true);
    const message = {
      zh: `${n(p).zh}与${n(q).zh}不能同时选装`,
      en: `The ${n(p).en} and the ${n(q).en} cannot be combined`,
    };
    return { constraint: { implies: [opt(p), not(q)] }, message };
  }
  const [x, y] = twoApart(layout, layout.features);
  const message = { zh: `${n(x).zh}与${n(y).zh}须同时选装`, en: `${n(x).en} and ${n(y).en} come together` };
  return { constraint: { iff: [opt(x), opt(y)] }, message };
}

/** Sizes of a car-sized model. */
export interface CarSizedOptions {
  /** Number of options (at least 80). */
  options?: number;
  /** Number of rules. */
  rules?: number;
}

/**
 * A realistic car: trims, paint, wheels, interior and seats ([1, 1] at the root), optional packages
 * whose contents sit in sub-groups under the package, optional extras at the root, and rules of the
 * shapes car configurators have (not offered on a trim, requires a package, excludes, requires one
 * of two, packages that exclude each other, comes together). Satisfiable, with every option both
 * choosable and refusable before any choice. The same seed gives the same model.
 * @example
 * const model = carSizedModel(1); // 400 options, 300 rules
 * const small = carSizedModel(2, { options: 120, rules: 60 });
 */
export function carSizedModel(seed: number, { options = 400, rules = 300 }: CarSizedOptions = {}): ProductModel {
  if (options < 80) throw new RangeError("a car-sized model needs at least 80 options");
  const builder = new ModelBuilder(mulberry32(seed));
  const basics = carBasics(builder);
  const rest = options - builder.options.length;
  const packageCount = Math.min(14, Math.max(3, Math.round(rest / 35)));
  const contentCount = Math.max(2 * packageCount, Math.floor((rest - packageCount) * 0.3));
  const [packages, contents] = carPackages(builder, packageCount, contentCount);
  const features = carFeatures(builder, options - builder.options.length);
  const layout: CarLayout = { ...basics, packages, contents, features };
  const structure: ProductModel = {
    id: `car-${seed}`,
    version: 1,
    name: { zh: `示例车型 ${seed}`, en: `Sample car ${seed}` },
    options: builder.options,
    groups: builder.groups,
    rules: [],
    prices: [],
  };
  return { ...structure, rules: settleRules(structure, rules, () => carRule(layout), true, "R") };
}

// ─── An industrial feature model ──────────────────────────────────────────────────────────────────

type GroupKind = "alternative" | "or" | "optional" | "mandatory";

/** A feature that may still get child groups; `code` null is the (implicit) root. */
interface OpenFeature {
  code: string | null;
  depth: number;
  groupsLeft: number;
}

/** The feature tree of an industrial model under construction. */
class FeatureTree {
  readonly builder: ModelBuilder;
  readonly depthOf = new Map<string, number>();
  readonly parentOf = new Map<string, string | null>();
  readonly open: OpenFeature[] = [];
  readonly target: number;
  readonly maxDepth: number;
  count = 0;

  constructor(random: Random, target: number) {
    this.builder = new ModelBuilder(random);
    this.target = target;
    this.maxDepth = between(random, 8, 12);
  }

  /** Adds a group of children under `parent`; returns them. */
  grow(parent: OpenFeature, wanted: GroupKind): string[] {
    const { random } = this.builder;
    const left = this.target - this.count;
    let kind = wanted;
    if (left < 2 && (kind === "alternative" || kind === "or")) kind = "optional";
    const size = Math.min(left, kindSize(random, kind));
    const depth = parent.depth + 1;
    const children = Array.from({ length: size }, () => this.feature(parent.code, depth));
    const bounds: [number, number | null] =
      kind === "alternative" ? [1, 1] : kind === "or" ? [1, null] : kind === "mandatory" ? [1, 1] : [0, null];
    const n = this.builder.groups.length + 1;
    this.builder.group(`G${pad(n, 5)}`, { zh: `组 ${n}`, en: `Group ${n}` }, parent.code, bounds, children);
    parent.groupsLeft--;
    if (depth < this.maxDepth) {
      for (const code of children) {
        if (random() < 0.28) this.open.push({ code, depth, groupsLeft: between(random, 1, 3) });
      }
    }
    return children;
  }

  private feature(parent: string | null, depth: number): string {
    this.count++;
    const code = `F${pad(this.count, 5)}`;
    this.builder.option(
      code,
      { zh: `特征 ${this.count}`, en: `Feature ${this.count}` },
      between(this.builder.random, 0, 40) * 100,
    );
    this.depthOf.set(code, depth);
    this.parentOf.set(code, parent);
    return code;
  }

  /** Whether one of the two features is an ancestor of the other (or they are the same). */
  related(a: string, b: string): boolean {
    const [deep, shallow] = (this.depthOf.get(a) as number) >= (this.depthOf.get(b) as number) ? [a, b] : [b, a];
    for (let at: string | null = deep; at !== null; at = this.parentOf.get(at) ?? null) if (at === shallow) return true;
    return false;
  }
}

function kindSize(random: Random, kind: GroupKind): number {
  if (kind === "alternative") return between(random, 2, random() < 0.8 ? 5 : 12);
  if (kind === "or") return between(random, 2, 6);
  if (kind === "optional") return between(random, 1, 8);
  return 1;
}

const GROUP_KINDS: (readonly [GroupKind, number])[] = [
  ["alternative", 42],
  ["or", 12],
  ["optional", 32],
  ["mandatory", 14],
];

/** Builds the tree: a root with top-level groups, a spine down to the maximum depth, then random growth. */
function buildTree(tree: FeatureTree): void {
  const { random } = tree.builder;
  const root: OpenFeature = { code: null, depth: 0, groupsLeft: between(random, 10, 16) };
  tree.open.push(root);
  let spine = root;
  while (spine.depth < tree.maxDepth) {
    const children = tree.grow(spine, random() < 0.5 ? "alternative" : "optional");
    spine = { code: children[0] as string, depth: spine.depth + 1, groupsLeft: between(random, 1, 3) };
    if (spine.depth < tree.maxDepth) tree.open.push(spine);
  }
  while (tree.count < tree.target) {
    if (tree.open.length === 0) tree.open.push(root);
    const at = Math.floor(random() * tree.open.length);
    const parent = tree.open[at] as OpenFeature;
    tree.grow(parent, weighted(random, GROUP_KINDS));
    if (parent.groupsLeft <= 0) {
      tree.open[at] = tree.open[tree.open.length - 1] as OpenFeature;
      tree.open.pop();
    }
  }
}

/** `count` distinct features of which no two are in one group or on one branch of the tree. */
function crossTree(tree: FeatureTree, count: number): string[] {
  const { random, options, groupOf } = tree.builder;
  const picked: string[] = [];
  while (picked.length < count) {
    const f = (options[Math.floor(random() * options.length)] as Option).code;
    if (picked.every((g) => groupOf.get(g) !== groupOf.get(f) && !tree.related(f, g))) picked.push(f);
  }
  return picked;
}

/** A cross-tree constraint: mostly binary requires/excludes, some clauses of three or four literals. */
function industrialConstraint(tree: FeatureTree): Candidate {
  const { random } = tree.builder;
  const shape = weighted(random, [
    ["requires", 56],
    ["excludes", 30],
    ["three", 10],
    ["four", 4],
  ] as const);
  const size = shape === "three" ? 3 : shape === "four" ? 4 : 2;
  const [a, b, c, d] = crossTree(tree, size) as [string, string, string, string];
  let constraint: Expr;
  if (shape === "requires") constraint = { implies: [opt(a), opt(b)] };
  else if (shape === "excludes") constraint = { not: { and: [opt(a), opt(b)] } };
  else if (shape === "three") {
    constraint =
      random() < 0.5
        ? { implies: [opt(a), { or: [opt(b), opt(c)] }] }
        : { implies: [{ and: [opt(a), opt(b)] }, opt(c)] };
  } else constraint = { or: [not(a), not(b), opt(c), opt(d)] };
  const en =
    shape === "requires" ? `${a} requires ${b}` : shape === "excludes" ? `${a} excludes ${b}` : `Clause over ${a}…`;
  return { constraint, message: { zh: `约束：${en}`, en } };
}

/** Sizes of an industrial model. */
export interface IndustrialOptions {
  /** Number of features (options). */
  features?: number;
  /** Number of cross-tree constraints (rules). */
  constraints?: number;
}

/**
 * An industrial-scale feature model with the statistics of the published automotive models
 * (Automotive02: ≈ 18.6k features, ≈ 1.3k cross-tree constraints): a tree 8–12 levels deep whose
 * groups are mostly alternative ([1, 1]) or optional ([0, null]), with or-groups ([1, null]) and
 * mandatory children (a [1, 1] group of one); constraints are mostly binary requires/excludes
 * between features on different branches, with some clauses of three or four literals. Every option
 * is a feature (F00001…); top-level groups have no parent (the root is the model itself).
 * Constraints that would make the model unsatisfiable are replaced. The same seed gives the same model.
 * @example
 * const model = industrialModel(1); // 18,000 features, 1,300 constraints
 * modelStats(model).depth // 8..12
 */
export function industrialModel(
  seed: number,
  { features = 18_000, constraints = 1_300 }: IndustrialOptions = {},
): ProductModel {
  const tree = new FeatureTree(mulberry32(seed), features);
  buildTree(tree);
  const structure: ProductModel = {
    id: `industrial-${seed}`,
    version: 1,
    name: { zh: `工业规模模型 ${seed}`, en: `Industrial model ${seed}` },
    options: tree.builder.options,
    groups: tree.builder.groups,
    rules: [],
    prices: [],
  };
  return { ...structure, rules: settleRules(structure, constraints, () => industrialConstraint(tree), false, "C") };
}

// ─── Statistics ───────────────────────────────────────────────────────────────────────────────────

/** Shape figures of a product model, as feature-model papers report them. */
export interface ModelStats {
  options: number;
  rules: number;
  groups: number;
  /** [1, 1] groups of two or more options. */
  alternativeGroups: number;
  /** [1, null] groups of two or more options. */
  orGroups: number;
  /** Groups with min 0. */
  optionalGroups: number;
  /** Groups whose every option is required with the parent (min = size). */
  mandatoryGroups: number;
  /** alternativeGroups among the groups of two or more options. */
  alternativeShare: number;
  /** Longest chain of parents, counting the top-level options as depth 1. */
  depth: number;
  /** How many rules mention 1, 2, 3, … options. */
  literalsPerRule: Record<number, number>;
}

/**
 * Counts a model's options, rules, groups by kind and tree depth.
 * @example modelStats(industrialModel(1)) // { options: 18000, rules: 1300, depth: 10, alternativeShare: 0.55, … }
 */
export function modelStats(model: ProductModel): ModelStats {
  const parentOf = new Map<string, string | null>();
  for (const group of model.groups) for (const code of group.options) parentOf.set(code, group.parent);
  const depths = new Map<string, number>();
  const depthOf = (code: string): number => {
    const known = depths.get(code);
    if (known !== undefined) return known;
    const parent = parentOf.get(code) ?? null;
    const depth = parent === null ? 1 : depthOf(parent) + 1;
    depths.set(code, depth);
    return depth;
  };
  const multi = model.groups.filter((g) => g.options.length >= 2);
  const alternativeGroups = multi.filter((g) => g.min === 1 && g.max === 1).length;
  const literalsPerRule: Record<number, number> = {};
  for (const rule of model.rules) {
    const count = new Set([...optionRefs(rule.constraint)].map(([code]) => code)).size;
    literalsPerRule[count] = (literalsPerRule[count] ?? 0) + 1;
  }
  return {
    options: model.options.length,
    rules: model.rules.length,
    groups: model.groups.length,
    alternativeGroups,
    orGroups: multi.filter((g) => g.min === 1 && g.max === null).length,
    optionalGroups: model.groups.filter((g) => g.min === 0).length,
    mandatoryGroups: model.groups.filter((g) => g.min === g.options.length).length,
    alternativeShare: multi.length === 0 ? 0 : alternativeGroups / multi.length,
    depth: Math.max(0, ...model.options.map((o) => depthOf(o.code))),
    literalsPerRule,
  };
}
