import type { Cnf } from "./cnf.ts";

/**
 * Local repair of a satisfying assignment: makes some literals hold in a known model by flipping
 * variables one at a time, and after each flip fixes the clauses it broke by flipping one more
 * variable of each (a defined auxiliary variable first, then towards true), never flipping a variable
 * twice or a locked one. In a feature model most changes settle in the few features around the
 * flipped one, so this finds a model where an option takes its other value for a tiny fraction of a
 * SAT call; when it fails, nothing is known (it is greedy) and the caller asks the solver.
 * @example
 * const repairer = new ModelRepairer({ numVars: 2, clauses: [[-1, 2]] }, 2);
 * const model = Uint8Array.of(0, 0, 0);
 * repairer.repair(model, [1], new Uint8Array(3)); // [1, 2]: model is now [_, 1, 1]
 */
export class ModelRepairer {
  private readonly optionCount: number;
  private readonly clauseStart: Int32Array;
  private readonly literals: Int32Array;
  /** For literal index 2v (v) and 2v+1 (¬v), the clauses containing it, as a slice of occurrences. */
  private readonly occurrenceStart: Int32Array;
  private readonly occurrences: Int32Array;
  /** stamp[v] === this.round: v was set by the running repair. */
  private readonly stamp: Uint32Array;
  private round = 0;
  private readonly pending: number[] = [];

  /** `optionCount`: variables above it are auxiliary ones, defined by the others. */
  constructor(cnf: Cnf, optionCount: number) {
    this.optionCount = optionCount;
    let size = 0;
    for (const clause of cnf.clauses) size += clause.length;
    this.clauseStart = new Int32Array(cnf.clauses.length + 1);
    this.literals = new Int32Array(size);
    const counts = new Int32Array(2 * (cnf.numVars + 1) + 1);
    let at = 0;
    cnf.clauses.forEach((clause, c) => {
      this.clauseStart[c] = at;
      for (const lit of clause) {
        this.literals[at++] = lit;
        (counts[literalIndex(lit) + 1] as number)++;
      }
    });
    this.clauseStart[cnf.clauses.length] = at;
    for (let i = 1; i < counts.length; i++) counts[i] = (counts[i] as number) + (counts[i - 1] as number);
    this.occurrenceStart = counts.slice();
    this.occurrences = new Int32Array(size);
    cnf.clauses.forEach((clause, c) => {
      for (const lit of clause) this.occurrences[(counts[literalIndex(lit)] as number)++] = c;
    });
    this.stamp = new Uint32Array(cnf.numVars + 1);
  }

  /**
   * Makes every literal of `fixed` hold in `model` (a satisfying assignment, 1 = true) without
   * touching `locked` variables (locked[v] = 1). On success `model` is a satisfying assignment again
   * and the flipped variables are returned (undo() restores the old model); on failure `model` is
   * left as it was and null is returned.
   */
  repair(model: Uint8Array, fixed: readonly number[], locked: Uint8Array): number[] | null {
    const round = ++this.round;
    const flipped: number[] = [];
    const pending = this.pending;
    pending.length = 0;
    const set = (v: number) => {
      const value = model[v] ? 0 : 1;
      model[v] = value;
      this.stamp[v] = round;
      flipped.push(v);
      const falsified = 2 * v + value;
      for (let k = this.occurrenceStart[falsified] as number; k < (this.occurrenceStart[falsified + 1] as number); k++)
        pending.push(this.occurrences[k] as number);
    };
    for (const lit of fixed) {
      const v = Math.abs(lit);
      if ((model[v] === 1) === lit > 0) this.stamp[v] = round;
      else if (locked[v] || this.stamp[v] === round) return this.fail(model, flipped);
      else set(v);
    }
    while (pending.length > 0) {
      const c = pending.pop() as number;
      const flip = this.fixFor(c, model, locked, round);
      if (flip < 0) return this.fail(model, flipped);
      if (flip > 0) set(flip);
    }
    return flipped;
  }

  /** Flips the variables back: undoes a successful repair. */
  undo(model: Uint8Array, flipped: readonly number[]): void {
    for (const v of flipped) model[v] = model[v] ? 0 : 1;
  }

  /** Sets marks[w] = 1 for every variable w that shares a clause with one of `vars` (and for those). */
  markNeighbours(vars: readonly number[], marks: Uint8Array): void {
    for (const v of vars) {
      marks[v] = 1;
      for (const index of [2 * v, 2 * v + 1]) {
        for (let k = this.occurrenceStart[index] as number; k < (this.occurrenceStart[index + 1] as number); k++) {
          const c = this.occurrences[k] as number;
          for (let j = this.clauseStart[c] as number; j < (this.clauseStart[c + 1] as number); j++)
            marks[Math.abs(this.literals[j] as number)] = 1;
        }
      }
    }
  }

  /** 0 when clause `c` holds; else the variable to flip to satisfy it, or -1 when none may be flipped. */
  private fixFor(c: number, model: Uint8Array, locked: Uint8Array, round: number): number {
    let best = -1;
    let bestRank = 3;
    for (let k = this.clauseStart[c] as number; k < (this.clauseStart[c + 1] as number); k++) {
      const lit = this.literals[k] as number;
      const v = lit > 0 ? lit : -lit;
      if ((model[v] === 1) === lit > 0) return 0;
      if (locked[v] || this.stamp[v] === round) continue;
      const rank = v > this.optionCount ? 0 : lit > 0 ? 1 : 2;
      if (rank < bestRank) {
        best = v;
        bestRank = rank;
      }
    }
    return best;
  }

  private fail(model: Uint8Array, flipped: readonly number[]): null {
    this.undo(model, flipped);
    return null;
  }
}

const literalIndex = (lit: number) => (lit > 0 ? 2 * lit : -2 * lit + 1);
