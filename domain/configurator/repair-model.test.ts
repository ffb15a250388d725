import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ClauseIndex } from "./clause-index.ts";
import { type Cnf, satisfies } from "./cnf.ts";
import { ModelRepairer } from "./repair-model.ts";
import { WitnessCache } from "./witnesses.ts";

const literal = (numVars: number) => fc.integer({ min: 1, max: numVars }).chain((v) => fc.constantFrom(v, -v));

/** A random CNF with at least one model, with some literals, variables and picks to use on it. */
const cnfWithPicks = fc.integer({ min: 1, max: 9 }).chain((numVars) =>
  fc.record({
    cnf: fc.record({
      numVars: fc.constant(numVars),
      clauses: fc.array(fc.array(literal(numVars), { minLength: 1, maxLength: 4 }), { maxLength: 30 }),
    }),
    fixed: fc.array(literal(numVars), { minLength: 1, maxLength: 3 }),
    locked: fc.uniqueArray(fc.integer({ min: 1, max: numVars }), { maxLength: 3 }),
    picks: fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
    attempts: fc.integer({ min: 1, max: 8 }),
    prefer: fc.array(literal(numVars), { maxLength: 4 }),
  }),
);

/** Every model of `cnf` in which the literals of `holding` hold. */
function models(cnf: Cnf, holding: readonly number[] = []): Uint8Array[] {
  const found: Uint8Array[] = [];
  for (let bits = 0; bits < 2 ** cnf.numVars; bits++) {
    const model = new Uint8Array(cnf.numVars + 1);
    for (let v = 1; v <= cnf.numVars; v++) model[v] = (bits >> (v - 1)) & 1;
    if (satisfies(cnf, model) && holding.every((lit) => (model[Math.abs(lit)] === 1) === lit > 0)) found.push(model);
  }
  return found;
}

const pick = <T>(items: readonly T[], n: number): T | undefined => items[n % Math.max(1, items.length)];
const holdsIn = (model: Uint8Array, lit: number) => (model[Math.abs(lit)] === 1) === lit > 0;
const lockMask = (numVars: number, vars: readonly number[]) => {
  const mask = new Uint8Array(numVars + 1);
  for (const v of vars) mask[v] = 1;
  return mask;
};

describe("ModelRepairer.repair", () => {
  it("returns a model with the fixed literals and the locked values, or fails leaving the model as it was", () => {
    fc.assert(
      fc.property(cnfWithPicks, ({ cnf, fixed, locked, picks, attempts, prefer }) => {
        const base = pick(models(cnf), picks[0] as number);
        if (!base) return;
        const model = base.slice();
        const flipped = new ModelRepairer(new ClauseIndex(cnf), cnf.numVars).repair(
          model,
          fixed,
          lockMask(cnf.numVars, locked),
          { attempts, prefer },
        );
        if (flipped === null) {
          expect(model).toEqual(base);
          return;
        }
        expect(satisfies(cnf, model)).toBe(true);
        for (const lit of fixed) expect(holdsIn(model, lit)).toBe(true);
        for (const v of locked) expect(model[v]).toBe(base[v]);
        const differing = [...model.keys()].filter((v) => model[v] !== base[v]);
        expect([...flipped].sort((a, b) => a - b)).toEqual(differing);
      }),
      { numRuns: 500 },
    );
  });

  it("never fails with a guide, and only takes the guide's values", () => {
    fc.assert(
      fc.property(cnfWithPicks, ({ cnf, fixed, locked, picks }) => {
        const base = pick(models(cnf), picks[0] as number);
        if (!base) return;
        const lockedLits = locked.map((v) => (base[v] ? v : -v));
        const guide = pick(models(cnf, [...fixed, ...lockedLits]), picks[1] as number);
        if (!guide) return;
        const model = base.slice();
        const repairer = new ModelRepairer(new ClauseIndex(cnf), cnf.numVars);
        const flipped = repairer.repair(model, fixed, lockMask(cnf.numVars, locked), { guide });
        expect(flipped).not.toBeNull();
        expect(satisfies(cnf, model)).toBe(true);
        for (const v of flipped ?? []) expect(model[v]).toBe(guide[v]);
        repairer.undo(model, flipped ?? []);
        expect(model).toEqual(base);
      }),
      { numRuns: 500 },
    );
  });
});

describe("WitnessCache", () => {
  it("after the base moves under new assumptions, shows only values some model under them has", () => {
    fc.assert(
      fc.property(cnfWithPicks, fc.array(literal(9), { maxLength: 3 }), ({ cnf, fixed, picks }, assumed) => {
        const assumptions = assumed.filter((lit) => Math.abs(lit) <= cnf.numVars);
        const first = pick(models(cnf), picks[0] as number);
        const under = models(cnf, assumptions);
        const second = pick(under, picks[1] as number);
        if (!first || !second) return;
        const index = new ClauseIndex(cnf);
        const repairer = new ModelRepairer(index, cnf.numVars);
        const cache = new WitnessCache(index, repairer);
        const none = new Uint8Array(cnf.numVars + 1);
        for (const lit of fixed) {
          const flipped = repairer.repair(first, [lit], none);
          if (flipped === null) continue;
          cache.add(flipped.map((v) => (first[v] ? v : -v)));
          repairer.undo(first, flipped);
        }
        const backbone = [...second.keys()].filter((v) => v > 0 && under.every((m) => m[v] === second[v]));
        const locked = lockMask(cnf.numVars, [...assumptions.map(Math.abs), ...backbone.slice(picks[2] as number)]);
        cache.rebase(first, second, locked);
        const seen = new Uint8Array(cnf.numVars + 1);
        cache.markSeen(seen, cnf.numVars);
        for (let v = 1; v <= cnf.numVars; v++) {
          if ((seen[v] as number) & 1) expect(under.some((m) => m[v] === 1)).toBe(true);
          if ((seen[v] as number) & 2) expect(under.some((m) => m[v] === 0)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("forgets dropped witnesses for good once they are packed away", () => {
    const cnf = { numVars: 4, clauses: [] };
    const index = new ClauseIndex(cnf);
    const cache = new WitnessCache(index, new ModelRepairer(index, 4));
    const base = new Uint8Array(5);
    for (let i = 0; i < 30_000; i++) cache.add([1, 2, 3]);
    cache.add([4]);
    cache.rebase(base, base, lockMask(4, [1]));
    cache.rebase(base, base, lockMask(4, [1]));
    cache.add([2]);
    const seen = new Uint8Array(5);
    cache.markSeen(seen, 4);
    expect([...seen]).toEqual([0, 0, 1, 0, 1]);
    cache.rebase(base, base, lockMask(4, [4]));
    const after = new Uint8Array(5);
    cache.markSeen(after, 4);
    expect([...after]).toEqual([0, 0, 1, 0, 0]);
  });
});
