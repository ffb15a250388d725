import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allSelections, arbitraryModel } from "./arbitrary-model.ts";
import { compileModel } from "./compile.ts";
import { priceBreakdown } from "./pricing.ts";
import { parseProductModel } from "./product-model.ts";
import { SatSolver } from "./sat.ts";
import { violations } from "./semantics.ts";

describe("compileModel", () => {
  it("accepts exactly the configurations the model's definition allows (brute force)", () => {
    fc.assert(
      fc.property(arbitraryModel(8), (model) => {
        const compiled = compileModel(model);
        const solver = new SatSolver(compiled.cnf.numVars);
        for (const clause of compiled.cnf.clauses) solver.addClause(clause);
        for (const chosen of allSelections(model)) {
          const assumptions = model.options.map((option, i) => (chosen.has(option.code) ? i + 1 : -(i + 1)));
          const valid = violations(model, chosen).length === 0;
          expect(solver.solve(assumptions), [...chosen].join(",")).toBe(valid ? "sat" : "unsat");
        }
      }),
      { numRuns: 150 },
    );
  });

  it("prices every valid configuration exactly through the literal costs of a pricing context", () => {
    fc.assert(
      fc.property(
        arbitraryModel(7),
        fc.constantFrom("2026-06-01", "2026-12-15"),
        fc.constantFrom(undefined, "青海省"),
        (model, date, province) => {
          const context = province ? { date, province } : { date };
          const compiled = compileModel(model, context);
          const solver = new SatSolver(compiled.cnf.numVars);
          for (const clause of compiled.cnf.clauses) solver.addClause(clause);
          const costs = compiled.costs;
          if (!costs) throw new Error("no costs");
          for (const chosen of allSelections(model)) {
            if (violations(model, chosen).length > 0) continue;
            const assumptions = model.options.map((option, i) => (chosen.has(option.code) ? i + 1 : -(i + 1)));
            expect(solver.solve(assumptions)).toBe("sat");
            const full = solver.model();
            let cost = 0;
            for (let v = 1; v <= compiled.cnf.numVars; v++) cost += full[v] ? (costs.pos[v] ?? 0) : (costs.neg[v] ?? 0);
            expect(cost).toBe(priceBreakdown(model, chosen, context).totalFen);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it("encodes large one-of groups with a counter that still allows exactly one", () => {
    const options = Array.from({ length: 40 }, (_, i) => ({
      code: `C${i}`,
      name: { zh: "色", en: "colour" },
      priceFen: 0,
    }));
    const parsed = parseProductModel({
      id: "big",
      version: 1,
      name: { zh: "大", en: "big" },
      options,
      groups: [
        { code: "PAINT", name: { zh: "车漆", en: "Paint" }, min: 1, max: 1, options: options.map((o) => o.code) },
      ],
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const compiled = compileModel(parsed.model);
    const solver = new SatSolver(compiled.cnf.numVars);
    for (const clause of compiled.cnf.clauses) solver.addClause(clause);
    expect(solver.solve([1, 2])).toBe("unsat");
    expect(solver.solve(Array.from({ length: 40 }, (_, i) => -(i + 1)))).toBe("unsat");
    expect(solver.solve([7])).toBe("sat");
    expect(compiled.cnf.clauses.length).toBeLessThan(40 * 39);
  });
});

describe("parseProductModel", () => {
  it("names the path of every reference to an unknown option", () => {
    const result = parseProductModel({
      id: "m",
      version: 1,
      name: { zh: "车", en: "car" },
      options: [{ code: "A", name: { zh: "甲", en: "A" }, priceFen: 0, includes: ["Z"] }],
      groups: [{ code: "G", name: { zh: "组", en: "group" }, min: 1, max: 1, options: ["A", "B"] }],
      rules: [{ id: "R", constraint: { implies: [{ option: "A" }, { option: "C" }] }, message: { zh: "", en: "" } }],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path).sort()).toEqual([
      "groups.0.options.1",
      "options.0.includes.0",
      "rules.0.constraint.implies.1.option",
    ]);
  });

  it("refuses negative or fractional prices and min above max", () => {
    const result = parseProductModel({
      id: "m",
      version: 1,
      name: { zh: "车", en: "car" },
      options: [
        { code: "A", name: { zh: "甲", en: "A" }, priceFen: -1 },
        { code: "B", name: { zh: "乙", en: "B" }, priceFen: 1.5 },
      ],
      groups: [{ code: "G", name: { zh: "组", en: "group" }, min: 2, max: 1, options: ["A", "B"] }],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path).sort()).toEqual([
      "groups.0.min",
      "options.0.priceFen",
      "options.1.priceFen",
    ]);
  });
});
