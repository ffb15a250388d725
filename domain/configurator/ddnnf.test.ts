import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mulberry32 } from "../random.ts";
import { type Cnf, satisfies } from "./cnf.ts";
import {
  compileDdnnf,
  countModels,
  type Ddnnf,
  DdnnfCompilation,
  literalCounts,
  maxWeightModel,
  minCostModel,
} from "./ddnnf.ts";

function compiled(cnf: Cnf): Ddnnf {
  const result = compileDdnnf(cnf, { ms: 60_000 });
  if (!result.ok) throw new Error(`compilation stopped: ${result.reason}`);
  return result.ddnnf;
}

function holds(assignment: Uint8Array, lit: number): boolean {
  return (assignment[Math.abs(lit)] === 1) === lit > 0;
}

/** Every assignment satisfying the CNF and the assumptions, by enumeration of all 2^n. */
function bruteForceModels(cnf: Cnf, assumptions: readonly number[]): Uint8Array[] {
  const models: Uint8Array[] = [];
  for (let bits = 0; bits < 2 ** cnf.numVars; bits++) {
    const assignment = new Uint8Array(cnf.numVars + 1);
    for (let variable = 1; variable <= cnf.numVars; variable++) assignment[variable] = (bits >> (variable - 1)) & 1;
    if (satisfies(cnf, assignment) && assumptions.every((lit) => holds(assignment, lit))) models.push(assignment);
  }
  return models;
}

function totalOf(assignment: Uint8Array, values: { pos: readonly number[]; neg: readonly number[] }): number {
  let total = 0;
  for (let variable = 1; variable < assignment.length; variable++) {
    total += (assignment[variable] === 1 ? values.pos[variable] : values.neg[variable]) ?? 0;
  }
  return total;
}

const randomInstance = fc.integer({ min: 1, max: 12 }).chain((numVars) => {
  const literal = fc
    .tuple(fc.integer({ min: 1, max: numVars }), fc.boolean())
    .map(([variable, negative]) => (negative ? -variable : variable));
  const clause = fc.oneof(
    { weight: 1, arbitrary: fc.constant<number[]>([]) },
    { weight: 150, arbitrary: fc.array(literal, { minLength: 1, maxLength: 4 }) },
  );
  const perVariable = (min: number) =>
    fc.array(fc.integer({ min, max: 40 }), { minLength: numVars + 1, maxLength: numVars + 1 });
  return fc.record({
    cnf: fc.record({ numVars: fc.constant(numVars), clauses: fc.array(clause, { maxLength: 30 }) }),
    assumptions: fc.array(literal, { maxLength: 4 }),
    costs: fc.record({ pos: perVariable(0), neg: perVariable(0) }),
    weights: fc.record({ pos: perVariable(-20), neg: perVariable(-20) }),
  });
});

const runs = { numRuns: 300 };

describe("compileDdnnf on random CNFs, against brute-force enumeration", () => {
  it("counts models exactly under assumptions", () => {
    fc.assert(
      fc.property(randomInstance, ({ cnf, assumptions }) => {
        const ddnnf = compiled(cnf);
        expect(ddnnf.numVars).toBe(cnf.numVars);
        expect(countModels(ddnnf, assumptions)).toBe(BigInt(bruteForceModels(cnf, assumptions).length));
        expect(countModels(ddnnf)).toBe(BigInt(bruteForceModels(cnf, []).length));
      }),
      runs,
    );
  });

  it("counts the same when compiled in slices of no time at all, each making some progress", () => {
    fc.assert(
      fc.property(randomInstance, ({ cnf, assumptions }) => {
        const compilation = new DdnnfCompilation(cnf);
        let result = compilation.advance(0);
        for (let slices = 1; !result.ok; slices++) {
          expect(result.reason).toBe("timeout");
          expect(slices).toBeLessThan(10_000);
          result = compilation.advance(0);
        }
        expect(compilation.advance(0)).toEqual({ ok: true, ddnnf: result.ddnnf });
        expect(countModels(result.ddnnf, assumptions)).toBe(BigInt(bruteForceModels(cnf, assumptions).length));
      }),
      runs,
    );
  });

  it("counts, for every literal, the models in which it holds", () => {
    fc.assert(
      fc.property(randomInstance, ({ cnf, assumptions }) => {
        const models = bruteForceModels(cnf, assumptions);
        const counts = literalCounts(compiled(cnf), assumptions);
        expect(counts.total).toBe(BigInt(models.length));
        for (let variable = 1; variable <= cnf.numVars; variable++) {
          const positive = models.filter((model) => model[variable] === 1).length;
          expect(counts.pos[variable]).toBe(BigInt(positive));
          expect(counts.neg[variable]).toBe(BigInt(models.length - positive));
        }
      }),
      runs,
    );
  });

  it("finds a minimum-cost model that satisfies the CNF and the assumptions", () => {
    fc.assert(
      fc.property(randomInstance, ({ cnf, assumptions, costs }) => {
        const models = bruteForceModels(cnf, assumptions);
        const cheapest = minCostModel(compiled(cnf), costs, assumptions);
        if (models.length === 0) {
          expect(cheapest).toBeNull();
          return;
        }
        expect(cheapest).not.toBeNull();
        if (cheapest === null) return;
        expect(cheapest.cost).toBe(Math.min(...models.map((model) => totalOf(model, costs))));
        expect(cheapest.assignment).toHaveLength(cnf.numVars + 1);
        expect(satisfies(cnf, cheapest.assignment)).toBe(true);
        expect(assumptions.every((lit) => holds(cheapest.assignment, lit))).toBe(true);
        expect(totalOf(cheapest.assignment, costs)).toBe(cheapest.cost);
      }),
      runs,
    );
  });

  it("finds a maximum-weight model that satisfies the CNF and the assumptions", () => {
    fc.assert(
      fc.property(randomInstance, ({ cnf, assumptions, weights }) => {
        const models = bruteForceModels(cnf, assumptions);
        const heaviest = maxWeightModel(compiled(cnf), weights, assumptions);
        if (models.length === 0) {
          expect(heaviest).toBeNull();
          return;
        }
        expect(heaviest).not.toBeNull();
        if (heaviest === null) return;
        expect(heaviest.weight).toBe(Math.max(...models.map((model) => totalOf(model, weights))));
        expect(satisfies(cnf, heaviest.assignment)).toBe(true);
        expect(assumptions.every((lit) => holds(heaviest.assignment, lit))).toBe(true);
        expect(totalOf(heaviest.assignment, weights)).toBe(heaviest.weight);
      }),
      runs,
    );
  });

  it("answers 0 and null under contradictory assumptions", () => {
    fc.assert(
      fc.property(randomInstance, fc.integer({ min: 1, max: 12 }), ({ cnf, assumptions, costs, weights }, pick) => {
        const variable = ((pick - 1) % cnf.numVars) + 1;
        const contradiction = [...assumptions, variable, -variable];
        const ddnnf = compiled(cnf);
        expect(countModels(ddnnf, contradiction)).toBe(0n);
        const counts = literalCounts(ddnnf, contradiction);
        expect(counts.total).toBe(0n);
        expect([...counts.pos, ...counts.neg].every((count) => count === 0n)).toBe(true);
        expect(minCostModel(ddnnf, costs, contradiction)).toBeNull();
        expect(maxWeightModel(ddnnf, weights, contradiction)).toBeNull();
      }),
      { numRuns: 100 },
    );
  });
});

/** Clauses saying exactly one of `variables` is true: one at-least-one clause and pairwise exclusions. */
function exactlyOne(variables: readonly number[]): number[][] {
  const clauses = [[...variables]];
  for (const [at, first] of variables.entries()) {
    for (const second of variables.slice(at + 1)) clauses.push([-first, -second]);
  }
  return clauses;
}

function range(from: number, count: number): number[] {
  return Array.from({ length: count }, (_, at) => from + at);
}

describe("compileDdnnf on structured formulas", () => {
  it("compiles an exactly-one-of-30 group (pairwise encoding) to 30 models", () => {
    const ddnnf = compiled({ numVars: 30, clauses: exactlyOne(range(1, 30)) });
    expect(countModels(ddnnf)).toBe(30n);
    expect(countModels(ddnnf, [7])).toBe(1n);
    expect(countModels(ddnnf, [-7, -8])).toBe(28n);
    const counts = literalCounts(ddnnf);
    expect(counts.pos.slice(1)).toEqual(new Array(30).fill(1n));
    expect(counts.neg.slice(1)).toEqual(new Array(30).fill(29n));
    const prices = { pos: [0, ...range(1, 30).map((variable) => 1000 - variable)], neg: new Array(31).fill(0) };
    expect(minCostModel(ddnnf, prices)?.cost).toBe(970);
    expect(minCostModel(ddnnf, prices)?.assignment[30]).toBe(1);
    expect(maxWeightModel(ddnnf, prices, [-1])?.weight).toBe(998);
  });

  it("multiplies ten independent exactly-one-of-30 groups to 30^10 models, exactly", () => {
    const clauses = range(0, 10).flatMap((group) => exactlyOne(range(1 + 30 * group, 30)));
    const ddnnf = compiled({ numVars: 300, clauses });
    expect(countModels(ddnnf)).toBe(30n ** 10n);
    expect(countModels(ddnnf, [1, 31])).toBe(30n ** 8n);
    expect(literalCounts(ddnnf).pos[45]).toBe(30n ** 9n);
  });

  it("counts 2^200 models of 200 unconstrained variables and picks each one's cheaper value", () => {
    const ddnnf = compiled({ numVars: 200, clauses: [] });
    expect(countModels(ddnnf)).toBe(2n ** 200n);
    expect(countModels(ddnnf, [5, -9])).toBe(2n ** 198n);
    expect(literalCounts(ddnnf).neg[200]).toBe(2n ** 199n);
    const costs = { pos: range(0, 201).map((variable) => variable % 2), neg: range(0, 201).map(() => 0.5) };
    const cheapest = minCostModel(ddnnf, costs);
    expect(cheapest?.cost).toBe(100 * 0 + 100 * 0.5);
    expect(cheapest?.assignment[2]).toBe(1);
    expect(cheapest?.assignment[3]).toBe(0);
  });

  it("keeps cache keys exact with variable numbers above 32 767 (two code units each)", () => {
    const offset = 40_000;
    const clauses = range(0, 10).flatMap((group) => exactlyOne(range(offset + 1 + 30 * group, 30)));
    const ddnnf = compiled({ numVars: offset + 300, clauses });
    expect(countModels(ddnnf)).toBe(30n ** 10n * 2n ** 40_000n);
    expect(countModels(ddnnf, [offset + 1, -(offset + 31)])).toBe(29n * 30n ** 8n * 2n ** 40_000n);
  });

  it("counts exactly across Number.MAX_SAFE_INTEGER, in sums of branches and in products of components", () => {
    for (let width = 50; width <= 56; width++) {
      const wide = compiled({ numVars: width + 3, clauses: [range(1, width), [width + 1, width + 2]] });
      const free = 2n;
      expect(countModels(wide)).toBe((2n ** BigInt(width) - 1n) * 3n * free);
      expect(countModels(wide, [-1, width + 3])).toBe((2n ** BigInt(width - 1) - 1n) * 3n);
      expect(countModels(wide, [2, -(width + 1)])).toBe(2n ** BigInt(width - 1) * 2n);
    }
    const groups = range(0, 12).flatMap((group) => exactlyOne(range(1 + 30 * group, 30)));
    const ddnnf = compiled({ numVars: 360, clauses: groups });
    expect(countModels(ddnnf)).toBe(30n ** 12n);
    expect(countModels(ddnnf, [1])).toBe(30n ** 11n);
    expect(countModels(ddnnf, [1, 2])).toBe(0n);
  });

  it("handles the empty formula, an empty clause and contradictory unit clauses", () => {
    expect(countModels(compiled({ numVars: 0, clauses: [] }))).toBe(1n);
    expect(minCostModel(compiled({ numVars: 0, clauses: [] }), { pos: [], neg: [] })).toEqual({
      cost: 0,
      assignment: new Uint8Array(1),
    });
    expect(countModels(compiled({ numVars: 3, clauses: [[1], []] }))).toBe(0n);
    expect(countModels(compiled({ numVars: 3, clauses: [[2], [-2]] }))).toBe(0n);
    expect(maxWeightModel(compiled({ numVars: 3, clauses: [[2], [-2]] }), { pos: [], neg: [] })).toBeNull();
  });

  it("compiles a 6000-variable path x1∨x2, x2∨x3, … (12 000 nested frames) without overflowing the stack", () => {
    const numVars = 6000;
    const ddnnf = compiled({ numVars, clauses: range(1, numVars - 1).map((variable) => [variable, variable + 1]) });
    let [shorter, fibonacci] = [1n, 2n];
    for (let length = 2; length <= numVars; length++) [shorter, fibonacci] = [fibonacci, shorter + fibonacci];
    expect(countModels(ddnnf)).toBe(fibonacci);
    expect(minCostModel(ddnnf, { pos: new Array(numVars + 1).fill(1), neg: [] })?.cost).toBe(numVars / 2);
  }, 60_000);

  it("compiles a clause too wide for the tree-decomposition order (decisions by occurrences instead)", () => {
    const numVars = 2100;
    const ddnnf = compiled({ numVars, clauses: [range(1, numVars), [-1, -2]] });
    expect(countModels(ddnnf)).toBe(2n ** 2100n - 2n ** 2098n - 1n);
    expect(literalCounts(ddnnf, [3]).pos[1]).toBe(2n ** 2097n);
  }, 60_000);

  it("rejects literals outside the variable range", () => {
    expect(() => compileDdnnf({ numVars: 2, clauses: [[1, 3]] })).toThrow(RangeError);
    expect(() => countModels(compiled({ numVars: 2, clauses: [] }), [0])).toThrow(RangeError);
  });
});

describe("compileDdnnf budgets", () => {
  it("gives up with a timeout on a hard random 3-CNF near the phase transition instead of hanging", () => {
    const random = mulberry32(20_240_611);
    const numVars = 250;
    const clauses = range(0, Math.round(4.26 * numVars)).map(() =>
      range(0, 3).map(() => (1 + Math.floor(random() * numVars)) * (random() < 0.5 ? -1 : 1)),
    );
    expect(compileDdnnf({ numVars, clauses }, { ms: 50 })).toEqual({ ok: false, reason: "timeout" });
  });

  it("finishes a compilation that ran out of time when it is given more (the order, then the search)", () => {
    const clauses = range(0, 40).flatMap((group) => exactlyOne(range(1 + 30 * group, 30)));
    const compilation = new DdnnfCompilation({ numVars: 1200, clauses });
    let slices = 1;
    let result = compilation.advance(0);
    for (; !result.ok; slices++) result = compilation.advance(0.05);
    expect(slices).toBeGreaterThan(2);
    expect(countModels(result.ddnnf)).toBe(30n ** 40n);
  });

  it("gives up when the DAG outgrows maxNodes", () => {
    const clauses = range(0, 10).flatMap((group) => exactlyOne(range(1 + 30 * group, 30)));
    expect(compileDdnnf({ numVars: 300, clauses }, { maxNodes: 50 })).toEqual({ ok: false, reason: "too-large" });
  });
});
