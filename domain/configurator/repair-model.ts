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
  /** For a variable the running attempt flipped: the clause it was flipped for (-1: a fixed literal). */
  private readonly reason: Int32Array;
  /** clauseSeen[c] === this.round: clause c was already listed by clausesWith. */
  private readonly clauseSeen: Uint32Array;
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
    this.reason = new Int32Array(cnf.numVars + 1);
    this.clauseSeen = new Uint32Array(cnf.clauses.length);
  }

  /**
   * Makes every literal of `fixed` hold in `model` (a satisfying assignment, 1 = true) without
   * touching `locked` variables (locked[v] = 1). On success `model` is a satisfying assignment again
   * and the flipped variables are returned (undo() restores the old model); on failure `model` is
   * left as it was and null is returned. When a broken clause can no longer be fixed, the repair
   * starts over, `attempts` times at most, preferring to make that clause's literals true wherever it
   * has a choice (in a feature model: picking, in a group, the child a later requirement needs).
   *
   * With a `guide` (another satisfying assignment in which `fixed` and the locked variables hold),
   * only variables that move towards the guide flip, and the repair cannot fail: a broken clause has a
   * literal true in the guide whose variable still has its old value, neither locked nor flipped (those
   * agree with the guide). The result is a model between `model` and the guide, usually much closer
   * to `model`.
   *
   * With `broken`, the caller vouches that after flipping `fixed` every clause outside `broken` holds,
   * so that only those are checked for them (see WitnessCache.rebase).
   */
  repair(
    model: Uint8Array,
    fixed: readonly number[],
    locked: Uint8Array,
    { attempts = 8, guide, broken }: { attempts?: number; guide?: Uint8Array; broken?: readonly number[] } = {},
  ): number[] | null {
    const hints = new Map<number, number>();
    for (let attempt = 1; ; attempt++) {
      const flipped: number[] = [];
      const dead = this.attempt(model, fixed, locked, flipped, hints, guide, broken);
      if (dead === null) return flipped;
      const again = dead >= 0 && attempt < attempts;
      if (again) this.learnHints(dead, model, locked, hints);
      this.undo(model, flipped);
      if (!again) return null;
    }
  }

  /**
   * After a dead end at clause `dead` (the attempt's flips still in `model`): walks back through the clauses that made the variables of the dead clause false and
   * those that kept the others from flipping, and asks for every literal met to be made true.
   */
  private learnHints(dead: number, model: Uint8Array, locked: Uint8Array, hints: Map<number, number>): void {
    const round = this.round;
    const queue = [dead];
    const visited = new Set(queue);
    for (let i = 0; i < queue.length && i < MAX_HINT_CLAUSES; i++) {
      for (const lit of this.clause(queue[i] as number)) {
        const v = Math.abs(lit);
        if (locked[v] || (model[v] === 1) === lit > 0) continue;
        hints.set(v, lit > 0 ? 1 : 0);
        const next = this.stamp[v] === round ? (this.reason[v] as number) : this.blocker(lit, model, locked, round);
        if (next >= 0 && !visited.has(next)) {
          visited.add(next);
          queue.push(next);
        }
      }
    }
  }

  /**
   * One try of repair(), recording the flipped variables in `flipped`: null on success, else the
   * clause it could not fix (-1 when `fixed` itself is at odds with the locked variables).
   */
  private attempt(
    model: Uint8Array,
    fixed: readonly number[],
    locked: Uint8Array,
    flipped: number[],
    hints: ReadonlyMap<number, number>,
    guide: Uint8Array | undefined,
    broken: readonly number[] | undefined,
  ): number | null {
    const round = ++this.round;
    const pending = this.pending;
    pending.length = 0;
    const set = (v: number, reason: number) => {
      const value = model[v] ? 0 : 1;
      model[v] = value;
      this.stamp[v] = round;
      this.reason[v] = reason;
      flipped.push(v);
      if (broken !== undefined && reason < 0) return;
      const falsified = 2 * v + value;
      for (let k = this.occurrenceStart[falsified] as number; k < (this.occurrenceStart[falsified + 1] as number); k++)
        pending.push(this.occurrences[k] as number);
    };
    for (const lit of fixed) {
      const v = Math.abs(lit);
      if ((model[v] === 1) === lit > 0) this.stamp[v] = round;
      else if (locked[v] || this.stamp[v] === round) return -1;
      else set(v, -1);
    }
    if (broken) pending.push(...broken);
    for (let head = 0; head < pending.length; head++) {
      const c = pending[head] as number;
      if (this.holds(c, model)) continue;
      const flip = guide ? this.towards(c, model, guide) : this.flippable(c, model, locked, round, hints);
      if (flip === 0) return c;
      set(flip, c);
    }
    return null;
  }

  /** Flips the variables back: undoes a successful repair. */
  undo(model: Uint8Array, flipped: readonly number[]): void {
    for (const v of flipped) model[v] = model[v] ? 0 : 1;
  }

  /** The clauses in which some of `vars` occur, each once. */
  clausesWith(vars: readonly number[]): number[] {
    const round = ++this.round;
    const found: number[] = [];
    for (const v of vars) {
      for (let k = this.occurrenceStart[2 * v] as number; k < (this.occurrenceStart[2 * v + 2] as number); k++) {
        const c = this.occurrences[k] as number;
        if (this.clauseSeen[c] !== round) found.push(c);
        this.clauseSeen[c] = round;
      }
    }
    return found;
  }

  /** The literals of clause `c` (a view: do not change it). */
  clause(c: number): Int32Array {
    return this.literals.subarray(this.clauseStart[c], this.clauseStart[c + 1]);
  }

  /** Whether clause `c` holds in `model`. */
  holds(c: number, model: Uint8Array): boolean {
    for (let k = this.clauseStart[c] as number; k < (this.clauseStart[c + 1] as number); k++) {
      const lit = this.literals[k] as number;
      if ((model[lit > 0 ? lit : -lit] === 1) === lit > 0) return true;
    }
    return false;
  }

  /**
   * The variable of clause `c` to flip, 0 when none may (locked, flipped already, or breaking at once
   * a clause that could not be fixed): one the hints ask for first, then a defined auxiliary one, then
   * one to turn true.
   */
  private flippable(
    c: number,
    model: Uint8Array,
    locked: Uint8Array,
    round: number,
    hints: ReadonlyMap<number, number>,
  ): number {
    let best = 0;
    let bestRank = 4;
    for (let k = this.clauseStart[c] as number; k < (this.clauseStart[c + 1] as number); k++) {
      const lit = this.literals[k] as number;
      const v = lit > 0 ? lit : -lit;
      if (locked[v] || this.stamp[v] === round) continue;
      const rank = hints.get(v) === (lit > 0 ? 1 : 0) ? 0 : v > this.optionCount ? 1 : lit > 0 ? 2 : 3;
      if (rank < bestRank && this.blocker(lit, model, locked, round) < 0) {
        best = v;
        bestRank = rank;
      }
    }
    return best;
  }

  /** A variable of clause `c` whose value in `guide` makes the clause true and differs from `model`'s, else 0. */
  private towards(c: number, model: Uint8Array, guide: Uint8Array): number {
    for (let k = this.clauseStart[c] as number; k < (this.clauseStart[c + 1] as number); k++) {
      const lit = this.literals[k] as number;
      const v = lit > 0 ? lit : -lit;
      if ((guide[v] === 1) === lit > 0 && model[v] !== guide[v]) return v;
    }
    return 0;
  }

  /**
   * A clause that making `lit` true would break at once beyond repair (with ¬lit, its other literals
   * all false and locked or flipped already by this attempt), else -1.
   */
  private blocker(lit: number, model: Uint8Array, locked: Uint8Array, round: number): number {
    const falsified = literalIndex(-lit);
    for (let k = this.occurrenceStart[falsified] as number; k < (this.occurrenceStart[falsified + 1] as number); k++) {
      const c = this.occurrences[k] as number;
      let open = false;
      for (let j = this.clauseStart[c] as number; j < (this.clauseStart[c + 1] as number) && !open; j++) {
        const other = this.literals[j] as number;
        const w = other > 0 ? other : -other;
        if (other === -lit) continue;
        open = (model[w] === 1) === other > 0 || (!locked[w] && this.stamp[w] !== round);
      }
      if (!open) return c;
    }
    return -1;
  }
}

/** Clauses looked at, at most, to learn hints from one dead end. */
const MAX_HINT_CLAUSES = 256;

const literalIndex = (lit: number) => (lit > 0 ? 2 * lit : -2 * lit + 1);
