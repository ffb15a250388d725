import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Cnf, satisfies } from "./cnf.ts";
import { SatSolver } from "./sat.ts";

const arbitraryCnf = (maxVars: number) =>
  fc.integer({ min: 1, max: maxVars }).chain((numVars) =>
    fc.record({
      numVars: fc.constant(numVars),
      clauses: fc.array(
        fc.array(
          fc.integer({ min: 1, max: numVars }).chain((v) => fc.constantFrom(v, -v)),
          { minLength: 1, maxLength: 4 },
        ),
        { maxLength: 40 },
      ),
      assumptions: fc
        .uniqueArray(fc.integer({ min: 1, max: numVars }), { maxLength: numVars })
        .chain((vars) => fc.tuple(...vars.map((v) => fc.constantFrom(v, -v)))),
    }),
  );

function bruteForceSat(cnf: Cnf, assumptions: readonly number[]): boolean {
  const assignment = new Uint8Array(cnf.numVars + 1);
  for (let bits = 0; bits < 2 ** cnf.numVars; bits++) {
    for (let v = 1; v <= cnf.numVars; v++) assignment[v] = (bits >> (v - 1)) & 1;
    if (assumptions.every((a) => (assignment[Math.abs(a)] === 1) === a > 0) && satisfies(cnf, assignment)) return true;
  }
  return false;
}

function solverFor(cnf: Cnf): SatSolver {
  const solver = new SatSolver(cnf.numVars);
  for (const clause of cnf.clauses) solver.addClause(clause);
  return solver;
}

describe("SatSolver", () => {
  it("agrees with brute force on random formulas under random assumptions, with models and cores that check out", () => {
    fc.assert(
      fc.property(arbitraryCnf(10), ({ numVars, clauses, assumptions }) => {
        const cnf = { numVars, clauses };
        const solver = solverFor(cnf);
        const status = solver.solve(assumptions);
        expect(status).toBe(bruteForceSat(cnf, assumptions) ? "sat" : "unsat");
        if (status === "sat") {
          const model = solver.model();
          expect(satisfies(cnf, model)).toBe(true);
          for (const a of assumptions) expect(model[Math.abs(a)] === 1).toBe(a > 0);
        } else {
          const core = solver.core();
          for (const lit of core) expect(assumptions).toContain(lit);
          expect(bruteForceSat(cnf, core)).toBe(false);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("stays correct across many incremental calls with clauses added between them", () => {
    fc.assert(
      fc.property(fc.array(arbitraryCnf(8), { minLength: 2, maxLength: 6 }), (steps) => {
        const numVars = 8;
        const solver = new SatSolver(numVars);
        const clauses: number[][] = [];
        for (const step of steps) {
          for (const clause of step.clauses.slice(0, 5)) {
            clauses.push(clause);
            solver.addClause(clause);
          }
          expect(solver.solve(step.assumptions)).toBe(
            bruteForceSat({ numVars, clauses }, step.assumptions) ? "sat" : "unsat",
          );
        }
      }),
      { numRuns: 200 },
    );
  });

  it("solves pigeonhole 7 into 6 as unsatisfiable, and gives up within a conflict budget on it", () => {
    const pigeons = 7;
    const holes = 6;
    const v = (p: number, h: number) => p * holes + h + 1;
    const solver = new SatSolver(pigeons * holes);
    for (let p = 0; p < pigeons; p++) solver.addClause(Array.from({ length: holes }, (_, h) => v(p, h)));
    for (let h = 0; h < holes; h++) {
      for (let a = 0; a < pigeons; a++) for (let b = a + 1; b < pigeons; b++) solver.addClause([-v(a, h), -v(b, h)]);
    }
    const limited = new SatSolver(0);
    for (let p = 0; p < pigeons; p++) limited.addClause(Array.from({ length: holes }, (_, h) => v(p, h)));
    for (let h = 0; h < holes; h++) {
      for (let a = 0; a < pigeons; a++) for (let b = a + 1; b < pigeons; b++) limited.addClause([-v(a, h), -v(b, h)]);
    }
    expect(limited.solve([], { maxConflicts: 5 })).toBe("unknown");
    expect(solver.solve()).toBe("unsat");
  });

  it("reports an empty clause as unsatisfiable for good", () => {
    const solver = new SatSolver(2);
    expect(solver.addClause([1])).toBe(true);
    expect(solver.addClause([-1])).toBe(false);
    expect(solver.solve()).toBe("unsat");
    expect(solver.core()).toEqual([]);
  });

  it("explains a failed assumption by the assumptions responsible only", () => {
    const solver = new SatSolver(4);
    solver.addClause([-1, 2]);
    solver.addClause([-2, -3]);
    expect(solver.solve([4, 1, 3])).toBe("unsat");
    expect(solver.core().sort()).toEqual([1, 3]);
  });
});

describe("SatSolver preferences and unit propagation", () => {
  it("finds the model closest to the preferred literals that the clauses allow", () => {
    const solver = new SatSolver(4);
    solver.addClause([-1, -2]);
    expect(solver.solve([], { prefer: [1, 2, 3, -4] })).toBe("sat");
    expect([1, 2, 3, 4].map((v) => solver.value(v))).toEqual([true, false, true, false]);
  });

  it("lists what unit propagation derives from assumptions, and reports a conflict as null", () => {
    const solver = new SatSolver(4);
    solver.addClause([-1, 2]);
    solver.addClause([-2, 3]);
    solver.addClause([-3, -4]);
    expect(solver.implied([1])?.sort()).toEqual([-4, 1, 2, 3].sort());
    expect(solver.implied([1, 4])).toBeNull();
    expect(solver.solve([1])).toBe("sat");
  });

  it("propagates assumption lists that share a prefix with the last call's soundly and at least as far as a fresh solver, with solving and clauses in between", () => {
    const literal = (numVars: number) => fc.integer({ min: 1, max: numVars }).chain((v) => fc.constantFrom(v, -v));
    const step = (numVars: number) =>
      fc.oneof(
        fc.record({
          kind: fc.constant("implied" as const),
          keep: fc.nat({ max: numVars }),
          more: fc.array(literal(numVars), { maxLength: 4 }),
        }),
        fc.record({ kind: fc.constant("solve" as const) }),
        fc.record({
          kind: fc.constant("clause" as const),
          clause: fc.array(literal(numVars), { minLength: 1, maxLength: 3 }),
        }),
      );
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 10 })
          .chain((numVars) =>
            fc.tuple(
              fc.constant(numVars),
              fc.array(fc.array(literal(numVars), { minLength: 2, maxLength: 3 }), { maxLength: 12 }),
              fc.array(step(numVars), { maxLength: 30 }),
            ),
          ),
        ([numVars, clauses, steps]) => {
          const cnf = { numVars, clauses: [...clauses] };
          const solver = solverFor(cnf);
          let assumptions: number[] = [];
          for (const s of steps) {
            if (s.kind === "clause") {
              solver.addClause(s.clause);
              cnf.clauses.push(s.clause);
            } else if (s.kind === "solve") {
              solver.solve(assumptions);
            } else {
              assumptions = [...assumptions.slice(0, s.keep), ...s.more];
              const fresh = solverFor(cnf).implied(assumptions);
              const implied = solver.implied(assumptions);
              if (implied === null) expect(bruteForceSat(cnf, assumptions)).toBe(false);
              else {
                expect(fresh).not.toBeNull();
                for (const lit of fresh ?? []) expect(implied).toContain(lit);
                for (const lit of implied) expect(bruteForceSat(cnf, [...assumptions, -lit])).toBe(false);
              }
              const [last, ...rest] = [...assumptions].reverse();
              if (last !== undefined) expect(solver.refutes(rest.reverse(), last)).toBe(implied === null);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
