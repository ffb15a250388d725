import { type ClauseIndex, literalIndex } from "./clause-index.ts";

/** How a repair may go: see ModelRepairer.repair. */
export interface RepairOptions {
  /** Tries at most (each after learning hints from the last one's dead end). */
  attempts?: number;
  /** A model to move towards: then only its values are taken, and the repair cannot fail. */
  guide?: Uint8Array;
  /** The only clauses the fixed literals can have broken (the caller vouches for every other). */
  broken?: readonly number[];
  /** Literals to make true where there is a choice, from the first try on (e.g. those of an older model). */
  prefer?: readonly number[];
}

/** Clauses looked at, at most, to learn hints from one dead end. */
const MAX_HINT_CLAUSES = 256;

/**
 * Local repair of a satisfying assignment: makes some literals hold in a known model by flipping
 * variables one at a time, and after each flip fixes the clauses it broke by flipping one more
 * variable of each (a defined auxiliary variable first, then towards true), never flipping a variable
 * twice or a locked one. In a feature model most changes settle in the few features around the
 * flipped one, so this finds a model where an option takes its other value for a tiny fraction of a
 * SAT call; when it fails, nothing is known (it is incomplete) and the caller asks the solver.
 * @example
 * const repairer = new ModelRepairer(new ClauseIndex({ numVars: 2, clauses: [[-1, 2]] }), 2);
 * const model = Uint8Array.of(0, 0, 0);
 * repairer.repair(model, [1], new Uint8Array(3)); // [1, 2]: model is now [_, 1, 1]
 */
export class ModelRepairer {
  private readonly index: ClauseIndex;
  private readonly optionCount: number;
  /** stamp[v] === this.round: the running attempt set v. */
  private readonly stamp: Uint32Array;
  /** For a variable the running attempt flipped: the clause it was flipped for (-1: a fixed literal). */
  private readonly reason: Int32Array;
  /** hinted[v] === this.call: the running repair would rather give v the value hint[v]. */
  private readonly hinted: Uint32Array;
  private readonly hint: Uint8Array;
  private round = 0;
  private call = 0;
  /** Clauses to check, a queue read from 0 to pendingSize. */
  private pending = new Int32Array(1024);
  private pendingSize = 0;

  /** `optionCount`: variables above it are auxiliary ones, defined by the others. */
  constructor(index: ClauseIndex, optionCount: number) {
    this.index = index;
    this.optionCount = optionCount;
    const size = index.occurrenceStart.length >> 1;
    this.stamp = new Uint32Array(size);
    this.reason = new Int32Array(size);
    this.hinted = new Uint32Array(size);
    this.hint = new Uint8Array(size);
  }

  /**
   * Makes every literal of `fixed` hold in `model` (a satisfying assignment, 1 = true) without
   * touching `locked` variables (locked[v] = 1). On success `model` is a satisfying assignment again
   * and the flipped variables are returned (undo() restores the old model); on failure `model` is
   * left as it was and null is returned. When a broken clause can no longer be fixed, the repair
   * starts over, `attempts` times at most, preferring to make true the literals met on the way back
   * from that clause to the choices that led there (in a feature model: picking, in a group, the
   * child a later requirement needs).
   *
   * With a `guide` (another satisfying assignment in which `fixed` and the locked variables hold),
   * only variables that move towards the guide flip, and the repair cannot fail: a broken clause has a
   * literal true in the guide whose variable still has its old value, neither locked nor flipped (those
   * agree with the guide). The result is a model between `model` and the guide, usually much closer
   * to `model`.
   */
  repair(
    model: Uint8Array,
    fixed: readonly number[],
    locked: Uint8Array,
    { attempts = 8, guide, broken, prefer = [] }: RepairOptions = {},
  ): number[] | null {
    this.call++;
    for (const lit of prefer) this.ask(lit);
    for (let attempt = 1; ; attempt++) {
      const flipped: number[] = [];
      const dead = this.attempt(model, fixed, locked, flipped, guide, broken);
      if (dead === null) return flipped;
      const again = dead >= 0 && attempt < attempts;
      if (again) this.learnHints(dead, model, locked);
      this.undo(model, flipped);
      if (!again) return null;
    }
  }

  /** Flips the variables back: undoes a successful repair. */
  undo(model: Uint8Array, flipped: readonly number[]): void {
    for (const v of flipped) model[v] = model[v] ? 0 : 1;
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
    guide: Uint8Array | undefined,
    broken: readonly number[] | undefined,
  ): number | null {
    const round = ++this.round;
    this.pendingSize = 0;
    for (let i = 0; i < fixed.length; i++) {
      const lit = fixed[i] as number;
      const v = Math.abs(lit);
      if ((model[v] === 1) === lit > 0) this.stamp[v] = round;
      else if (locked[v] || this.stamp[v] === round) return -1;
      else this.flip(model, v, -1, flipped, broken === undefined);
    }
    if (broken) for (const c of broken) this.queue(c);
    for (let head = 0; head < this.pendingSize; head++) {
      const c = this.pending[head] as number;
      if (this.index.holds(c, model)) continue;
      const v = guide ? this.towards(c, model, guide) : this.flippable(c, model, locked);
      if (v === 0) return c;
      this.flip(model, v, c, flipped, true);
    }
    return null;
  }

  /** Flips `v` for clause `reason` and, when `check`, queues the clauses the flip may break. */
  private flip(model: Uint8Array, v: number, reason: number, flipped: number[], check: boolean): void {
    const value = model[v] ? 0 : 1;
    model[v] = value;
    this.stamp[v] = this.round;
    this.reason[v] = reason;
    flipped.push(v);
    if (!check) return;
    const { occurrenceStart, occurrences } = this.index;
    const falsified = 2 * v + value;
    for (let k = occurrenceStart[falsified] as number; k < (occurrenceStart[falsified + 1] as number); k++)
      this.queue(occurrences[k] as number);
  }

  private queue(c: number): void {
    if (this.pendingSize === this.pending.length) {
      const grown = new Int32Array(2 * this.pending.length);
      grown.set(this.pending);
      this.pending = grown;
    }
    this.pending[this.pendingSize++] = c;
  }

  /**
   * After a dead end at clause `dead` (the attempt's flips still in `model`): walks back through the
   * clauses that made the variables of the dead clause false and those that kept the others from
   * flipping, and asks for every literal met to be made true.
   */
  private learnHints(dead: number, model: Uint8Array, locked: Uint8Array): void {
    const queue = [dead];
    const visited = new Set(queue);
    for (let i = 0; i < queue.length && i < MAX_HINT_CLAUSES; i++) {
      for (const lit of this.index.clause(queue[i] as number)) {
        const v = Math.abs(lit);
        if (locked[v] || (model[v] === 1) === lit > 0) continue;
        this.ask(lit);
        const next = this.stamp[v] === this.round ? (this.reason[v] as number) : this.blocker(lit, model, locked);
        if (next >= 0 && !visited.has(next)) {
          visited.add(next);
          queue.push(next);
        }
      }
    }
  }

  /** Hints the running repair to make `lit` true where it has a choice. */
  private ask(lit: number): void {
    const v = Math.abs(lit);
    this.hinted[v] = this.call;
    this.hint[v] = lit > 0 ? 1 : 0;
  }

  /**
   * The variable of clause `c` to flip, 0 when none may (locked, flipped already, or breaking at once
   * a clause that could not be fixed): one the hints ask for first, then a defined auxiliary one, then
   * one to turn true.
   */
  private flippable(c: number, model: Uint8Array, locked: Uint8Array): number {
    const { clauseStart, literals } = this.index;
    let best = 0;
    let bestRank = 4;
    for (let k = clauseStart[c] as number; k < (clauseStart[c + 1] as number); k++) {
      const lit = literals[k] as number;
      const v = lit > 0 ? lit : -lit;
      if (locked[v] || this.stamp[v] === this.round) continue;
      const hinted = this.hinted[v] === this.call && this.hint[v] === (lit > 0 ? 1 : 0);
      const rank = hinted ? 0 : v > this.optionCount ? 1 : lit > 0 ? 2 : 3;
      if (rank < bestRank && this.blocker(lit, model, locked) < 0) {
        best = v;
        bestRank = rank;
      }
    }
    return best;
  }

  /** A variable of clause `c` whose value in `guide` makes the clause true and differs from `model`'s, else 0. */
  private towards(c: number, model: Uint8Array, guide: Uint8Array): number {
    const { clauseStart, literals } = this.index;
    for (let k = clauseStart[c] as number; k < (clauseStart[c + 1] as number); k++) {
      const lit = literals[k] as number;
      const v = lit > 0 ? lit : -lit;
      if ((guide[v] === 1) === lit > 0 && model[v] !== guide[v]) return v;
    }
    return 0;
  }

  /**
   * A clause that making `lit` true would break at once beyond repair (with ¬lit, its other literals
   * all false and locked or flipped already by this attempt), else -1.
   */
  private blocker(lit: number, model: Uint8Array, locked: Uint8Array): number {
    const { clauseStart, literals, occurrenceStart, occurrences } = this.index;
    const falsified = literalIndex(-lit);
    for (let k = occurrenceStart[falsified] as number; k < (occurrenceStart[falsified + 1] as number); k++) {
      const c = occurrences[k] as number;
      let open = false;
      for (let j = clauseStart[c] as number; j < (clauseStart[c + 1] as number) && !open; j++) {
        const other = literals[j] as number;
        if (other === -lit) continue;
        const w = other > 0 ? other : -other;
        open = (model[w] === 1) === other > 0 || (!locked[w] && this.stamp[w] !== this.round);
      }
      if (!open) return c;
    }
    return -1;
  }
}
