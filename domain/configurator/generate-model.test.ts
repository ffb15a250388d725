import { describe, expect, it } from "vitest";
import { compileModel } from "./compile.ts";
import { carSizedModel, industrialModel, modelStats } from "./generate-model.ts";
import type { ProductModel } from "./product-model.ts";
import { optionRefs, parseProductModel } from "./product-model.ts";
import { Reasoner } from "./reasoner.ts";
import { SatSolver } from "./sat.ts";
import { violations } from "./semantics.ts";

const solverFor = (model: ProductModel) => {
  const { cnf } = compileModel(model);
  const solver = new SatSolver(cnf.numVars);
  for (const clause of cnf.clauses) solver.addClause(clause);
  return solver;
};

/** Up to `limit` distinct valid configurations, found by blocking each one found. */
function configurations(model: ProductModel, limit: number): Set<string>[] {
  const solver = solverFor(model);
  const found: Set<string>[] = [];
  while (found.length < limit && solver.solve() === "sat") {
    const values = solver.model();
    found.push(new Set(model.options.filter((_, i) => values[i + 1] === 1).map((option) => option.code)));
    solver.addClause(model.options.map((_, i) => (values[i + 1] === 1 ? -(i + 1) : i + 1)));
  }
  return found;
}

const groupNamed = (model: ProductModel, code: string) => model.groups.find((group) => group.code === code);

describe("carSizedModel", () => {
  const car = carSizedModel(1);

  it("is deterministic for a seed and differs between seeds", () => {
    expect(carSizedModel(1)).toEqual(car);
    expect(carSizedModel(2)).not.toEqual(car);
  });

  it("is a valid product model with the requested numbers of options and rules", () => {
    expect(parseProductModel(car)).toEqual({ ok: true, model: car });
    expect(car.options).toHaveLength(400);
    expect(car.rules).toHaveLength(300);
    const small = carSizedModel(3, { options: 120, rules: 60 });
    expect(parseProductModel(small).ok).toBe(true);
    expect(small.options).toHaveLength(120);
    expect(small.rules).toHaveLength(60);
  });

  it("has the groups of a car: trim, paint, wheels, interior and seats at the root, packages with contents", () => {
    const sizes = { TRIM: [5, 8], PAINT: [8, 15], WHEELS: [3, 6], INTERIOR: [4, 8], SEATS: [3, 5] };
    for (const [code, [low, high]] of Object.entries(sizes)) {
      const group = groupNamed(car, code);
      expect(group, code).toMatchObject({ parent: null, min: 1, max: 1 });
      expect(group?.options.length).toBeGreaterThanOrEqual(low as number);
      expect(group?.options.length).toBeLessThanOrEqual(high as number);
    }
    const packages = groupNamed(car, "PACKAGES")?.options ?? [];
    expect(packages.length).toBeGreaterThanOrEqual(3);
    for (const pkg of packages)
      expect(
        car.groups.some((group) => group.parent === pkg),
        pkg,
      ).toBe(true);
    expect(car.groups.some((group) => group.parent === null && group.min === 0)).toBe(true);
  });

  it("has rules of every shape: not on a trim, requires, excludes, one of two, iff", () => {
    const trims = new Set(groupNamed(car, "TRIM")?.options);
    const shapes = new Set(
      car.rules.map(({ constraint: c }) => {
        if ("iff" in c) return "iff";
        if (!("implies" in c)) return "other";
        const [left, right] = c.implies;
        if ("option" in left && trims.has(left.option)) return "not on trim";
        return "or" in right ? "one of two" : "not" in right ? "excludes" : "requires";
      }),
    );
    expect([...shapes].sort()).toEqual(["excludes", "iff", "not on trim", "one of two", "requires"]);
  });

  it("is satisfiable, with every option open before any choice and thousands of configurations", () => {
    expect(solverFor(car).solve()).toBe("sat");
    const result = new Reasoner(compileModel(car)).propagate([], 30_000);
    expect(result.status).toBe("ok");
    if (result.status === "ok") expect(new Set(result.states.values())).toEqual(new Set(["free"]));
    const found = configurations(car, 2000);
    expect(found).toHaveLength(2000);
    for (const chosen of found.slice(0, 200)) expect(violations(car, chosen)).toEqual([]);
  });
});

describe("industrialModel", () => {
  const model = industrialModel(1);
  const stats = modelStats(model);

  it("is deterministic for a seed", () => {
    expect(industrialModel(1)).toEqual(model);
    const small = industrialModel(2, { features: 2000, constraints: 150 });
    expect(industrialModel(2, { features: 2000, constraints: 150 })).toEqual(small);
    expect(small.options).toHaveLength(2000);
    expect(small.rules).toHaveLength(150);
  });

  it("is a valid product model of features F00001… with short names", () => {
    expect(parseProductModel(model).ok).toBe(true);
    expect(model.options.every((option) => /^F\d{5}$/.test(option.code))).toBe(true);
    expect(model.options.every((option) => option.name.en.length <= 20 && option.name.zh.length <= 20)).toBe(true);
  });

  it("has the statistics of the automotive feature models", () => {
    expect(stats.options).toBe(18_000);
    expect(stats.rules).toBe(1_300);
    expect(stats.depth).toBeGreaterThanOrEqual(8);
    expect(stats.depth).toBeLessThanOrEqual(12);
    expect(stats.alternativeShare).toBeGreaterThanOrEqual(0.4);
    expect(stats.alternativeGroups).toBeGreaterThan(1000);
    expect(stats.orGroups).toBeGreaterThan(100);
    expect(stats.optionalGroups).toBeGreaterThan(500);
    expect(stats.mandatoryGroups).toBeGreaterThan(100);
  });

  it("has cross-tree constraints, mostly binary, some of three or four literals", () => {
    const { literalsPerRule: counts } = stats;
    expect(Object.keys(counts).sort()).toEqual(["2", "3", "4"]);
    expect((counts[2] ?? 0) / stats.rules).toBeGreaterThanOrEqual(0.75);
    expect((counts[3] ?? 0) + (counts[4] ?? 0)).toBeGreaterThanOrEqual(100);
    const parentOf = new Map(model.groups.flatMap((g) => g.options.map((code) => [code, g.parent] as const)));
    const ancestors = (code: string) => {
      const found = new Set<string>();
      for (let at = parentOf.get(code) ?? null; at !== null; at = parentOf.get(at) ?? null) found.add(at);
      return found;
    };
    for (const rule of model.rules) {
      const codes = [...optionRefs(rule.constraint)].map(([code]) => code);
      for (const a of codes)
        for (const b of codes) expect(ancestors(a).has(b), `${rule.id}: ${a} under ${b}`).toBe(false);
    }
  });

  it("is satisfiable", () => {
    expect(solverFor(model).solve()).toBe("sat");
  });
});
