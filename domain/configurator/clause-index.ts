import type { Cnf } from "./cnf.ts";

/**
 * A CNF packed in flat arrays, with for each literal the clauses it occurs in: what local search
 * over models (ModelRepairer, WitnessCache) reads in its inner loops.
 * @example
 * const index = new ClauseIndex({ numVars: 2, clauses: [[-1, 2]] });
 * index.holds(0, Uint8Array.of(0, 1, 0)); // false: 1 is true and 2 is false
 */
export class ClauseIndex {
  /** Clause c is literals[clauseStart[c] .. clauseStart[c + 1]). */
  readonly clauseStart: Int32Array;
  readonly literals: Int32Array;
  /** The clauses containing literal l (see literalIndex) are occurrences[occurrenceStart[i] .. occurrenceStart[i + 1]). */
  readonly occurrenceStart: Int32Array;
  readonly occurrences: Int32Array;
  private readonly listed: Uint32Array;
  private listing = 0;

  constructor(cnf: Cnf) {
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
    this.listed = new Uint32Array(cnf.clauses.length);
  }

  /** The literals of clause `c` (a view: do not change it). */
  clause(c: number): Int32Array {
    return this.literals.subarray(this.clauseStart[c], this.clauseStart[c + 1]);
  }

  /** Whether clause `c` holds in `model` (indexed by variable, 1 = true). */
  holds(c: number, model: Uint8Array): boolean {
    for (let k = this.clauseStart[c] as number; k < (this.clauseStart[c + 1] as number); k++) {
      const lit = this.literals[k] as number;
      if ((model[lit > 0 ? lit : -lit] === 1) === lit > 0) return true;
    }
    return false;
  }

  /** The clauses in which some of `vars` occur, each once. */
  clausesWith(vars: readonly number[]): number[] {
    const listing = ++this.listing;
    const found: number[] = [];
    for (const v of vars) {
      for (let k = this.occurrenceStart[2 * v] as number; k < (this.occurrenceStart[2 * v + 2] as number); k++) {
        const c = this.occurrences[k] as number;
        if (this.listed[c] !== listing) found.push(c);
        this.listed[c] = listing;
      }
    }
    return found;
  }
}

/**
 * Where literal `lit` is in ClauseIndex.occurrenceStart: 2v for v, 2v + 1 for ¬v.
 * @example literalIndex(-3) // 7
 */
export const literalIndex = (lit: number) => (lit > 0 ? 2 * lit : -2 * lit + 1);
