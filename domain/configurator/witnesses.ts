import { type ClauseIndex, literalIndex } from "./clause-index.ts";
import type { ModelRepairer } from "./repair-model.ts";

/** For each variable, the clauses it shares with a variable whose base value changed. */
type Touching = ReadonlyMap<number, number[]>;

/**
 * Sets of literals packed one after the other in one growing buffer (little work for the GC), each
 * known by a number that stays the same when the buffer is packed.
 */
class LiteralSets {
  private data = new Int32Array(1024);
  private used = 0;
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  /** How many sets were ever pushed. */
  get count(): number {
    return this.ends.length;
  }

  /** Literal k of the buffer: set i is literal(start(i)) .. literal(end(i) - 1). */
  literal(k: number): number {
    return this.data[k] as number;
  }

  start(i: number): number {
    return this.starts[i] as number;
  }

  end(i: number): number {
    return this.ends[i] as number;
  }

  /** The literals of set i, copied. */
  literals(i: number): number[] {
    const found: number[] = [];
    for (let k = this.start(i); k < this.end(i); k++) found.push(this.data[k] as number);
    return found;
  }

  /** Appends a set and returns its number. */
  push(literals: readonly number[]): number {
    if (this.used + literals.length > this.data.length) {
      const grown = new Int32Array(Math.max(2 * this.data.length, this.used + literals.length));
      grown.set(this.data.subarray(0, this.used));
      this.data = grown;
    }
    this.starts.push(this.used);
    for (const lit of literals) this.data[this.used++] = lit;
    this.ends.push(this.used);
    return this.ends.length - 1;
  }

  /** Moves the sets `keep` accepts to the front of the buffer; the others become empty. */
  pack(keep: (i: number) => boolean): void {
    let to = 0;
    for (let i = 0; i < this.count; i++) {
      const from = this.start(i);
      const size = this.end(i) - from;
      const kept = keep(i);
      if (kept) this.data.copyWithin(to, from, from + size);
      this.starts[i] = to;
      if (kept) to += size;
      this.ends[i] = to;
    }
    this.used = to;
  }
}

/**
 * Models of a CNF kept as literals that, set in one base model, give another model (when added they
 * are where the two differ; the base may adopt some of them later), so that thousands fit in little
 * memory and follow the base from click to click (see rebase): together they say which values the
 * options can take, so that the next click only looks for the ones it lost. An index from variables
 * to witnesses keeps the work of a click proportional to what the click changed.
 * @example
 * const cache = new WitnessCache(index, repairer);
 * cache.add([3, -7]); // the base with 3 true and 7 false is a model
 * cache.rebase(oldBase, newBase, locked); // kept, repaired or dropped
 */
export class WitnessCache {
  private readonly index: ClauseIndex;
  private readonly repairer: ModelRepairer;
  private readonly sets = new LiteralSets();
  private readonly alive: boolean[] = [];
  /** For each variable, the witnesses (alive or not) with a literal on it. */
  private readonly byVar: number[][];
  /** For each literal (see literalIndex), how many alive witnesses have it. */
  private readonly having: Int32Array;
  private liveLiterals = 0;
  private deadLiterals = 0;
  /** Scratch for move(): the witness being looked at (inWitness[v] === token) and its values. */
  private readonly inWitness: Uint32Array;
  private readonly witnessValue: Uint8Array;
  private token = 0;
  private readonly nearVars: number[] = [];
  /** Scratch for rebase(): near[v] = 1 when v shares a clause with a variable that changed. */
  private readonly near: Uint8Array;
  /** The witnesses the last rebase had to drop (their literals stay in `sets` until the next rebase). */
  private lost: number[] = [];
  /** For a literal, one of the `lost` witnesses with it (built when first asked for). */
  private lostByLiteral: Map<number, number> | null = null;

  constructor(index: ClauseIndex, repairer: ModelRepairer) {
    this.index = index;
    this.repairer = repairer;
    this.having = new Int32Array(index.occurrenceStart.length);
    this.byVar = Array.from({ length: index.occurrenceStart.length >> 1 }, () => []);
    this.inWitness = new Uint32Array(this.byVar.length);
    this.witnessValue = new Uint8Array(this.byVar.length);
    this.near = new Uint8Array(this.byVar.length);
  }

  /** Adds a witness: literals that make the current base another model when set. */
  add(literals: readonly number[]): void {
    const id = this.sets.push(literals);
    this.alive.push(true);
    for (const lit of literals) {
      (this.byVar[Math.abs(lit)] as number[]).push(id);
      (this.having[literalIndex(lit)] as number)++;
    }
    this.liveLiterals += literals.length;
  }

  /**
   * Moves every witness from base `previous` to base `model` (both models), under new assumptions
   * whose consequences are the `locked` variables. A witness at odds with a locked variable, or with
   * nothing left that the new base does not already have, is dropped. Otherwise only a clause over
   * both a witness variable and a variable whose base value changed can be broken: every other
   * clause reads as in the old witness model, or as in `model`. Witnesses with no broken clause are
   * kept as they are; the others are repaired locally (keeping their literals), or dropped when that
   * fails. Only witnesses with a variable that is locked or shares a clause with one that changed are
   * looked at.
   */
  rebase(previous: Uint8Array, model: Uint8Array, locked: Uint8Array): void {
    if (this.deadLiterals > Math.max(2 * this.liveLiterals, 1 << 16)) this.compact();
    this.lost = [];
    this.lostByLiteral = null;
    const changed: number[] = [];
    for (let v = 1; v < model.length; v++) if (previous[v] !== model[v]) changed.push(v);
    const touching = this.clausesTouching(changed);
    const near = this.near.fill(0);
    for (const v of touching.keys()) near[v] = 1;
    const affected: number[] = [];
    const listed = new Set<number>();
    for (let v = 1; v < model.length; v++) {
      if (!near[v] && !(locked[v] && this.having[2 * v + (model[v] ? 1 : 0)])) continue;
      const ids = this.byVar[v] as number[];
      let alive = 0;
      for (const id of ids) {
        if (!this.alive[id]) continue;
        ids[alive++] = id;
        if (listed.has(id)) continue;
        listed.add(id);
        affected.push(id);
      }
      ids.length = alive;
    }
    for (const id of affected) this.move(id, model, locked, near, touching);
  }

  /** Records in `seen` (1: seen true, 2: seen false) the values the witnesses give options 1..optionCount. */
  markSeen(seen: Uint8Array, optionCount: number): void {
    for (let v = 1; v <= optionCount; v++) {
      if (this.having[2 * v]) seen[v] = (seen[v] as number) | 1;
      if (this.having[2 * v + 1]) seen[v] = (seen[v] as number) | 2;
    }
  }

  /** rebase() for one witness that may be affected: kept, replaced by its repaired version, or dropped. */
  private move(id: number, model: Uint8Array, locked: Uint8Array, near: Uint8Array, touching: Touching): void {
    const sets = this.sets;
    const token = ++this.token;
    const nearVars = this.nearVars;
    nearVars.length = 0;
    let differing = 0;
    for (let k = sets.start(id); k < sets.end(id); k++) {
      const lit = sets.literal(k);
      const v = lit > 0 ? lit : -lit;
      this.inWitness[v] = token;
      this.witnessValue[v] = lit > 0 ? 1 : 0;
      if (near[v]) nearVars.push(v);
      if ((model[v] === 1) === lit > 0) continue;
      if (locked[v]) {
        this.lose(id);
        return;
      }
      differing++;
    }
    if (differing === 0) {
      this.kill(id);
      return;
    }
    const broken = nearVars.length === 0 ? [] : this.brokenIn(model, token, touching);
    if (broken.length === 0) return;
    this.kill(id);
    const repaired = this.repairer.repair(model, sets.literals(id), locked, { broken });
    if (repaired === null) {
      this.lost.push(id);
      return;
    }
    this.add(repaired.map((v) => (model[v] ? v : -v)));
    this.repairer.undo(model, repaired);
  }

  /**
   * The literals of a witness the last rebase dropped that had `lit`: a path to `lit` that worked
   * before, worth preferring when repairing towards it again.
   */
  lostWith(lit: number): readonly number[] | undefined {
    if (this.lostByLiteral === null) {
      this.lostByLiteral = new Map();
      for (const id of this.lost) for (const other of this.sets.literals(id)) this.lostByLiteral.set(other, id);
    }
    const id = this.lostByLiteral.get(lit);
    return id === undefined ? undefined : this.sets.literals(id);
  }

  /** Drops a witness, remembering it for lostWith. */
  private lose(id: number): void {
    this.lost.push(id);
    this.kill(id);
  }

  private kill(id: number): void {
    this.alive[id] = false;
    for (let k = this.sets.start(id); k < this.sets.end(id); k++)
      (this.having[literalIndex(this.sets.literal(k))] as number)--;
    const size = this.sets.end(id) - this.sets.start(id);
    this.liveLiterals -= size;
    this.deadLiterals += size;
  }

  /** Drops the dead witnesses' literals from the buffer (the index forgets them as rebase meets them). */
  private compact(): void {
    this.sets.pack((id) => this.alive[id] === true);
    this.deadLiterals = 0;
  }

  /** For each variable, the clauses it shares with one of `vars`. */
  private clausesTouching(vars: readonly number[]): Map<number, number[]> {
    const touching = new Map<number, number[]>();
    for (const c of this.index.clausesWith(vars)) {
      for (const lit of this.index.clause(c)) {
        const v = Math.abs(lit);
        const list = touching.get(v);
        if (list) list.push(c);
        else touching.set(v, [c]);
      }
    }
    return touching;
  }

  /**
   * The clauses touching the witness's variables near a change (this.nearVars) that the witness
   * model breaks: `model` where inWitness[v] is not `token`, else witnessValue[v].
   */
  private brokenIn(model: Uint8Array, token: number, touching: Touching): number[] {
    const broken: number[] = [];
    for (const v of this.nearVars) {
      for (const c of touching.get(v) ?? []) {
        let holds = false;
        for (const lit of this.index.clause(c)) {
          const w = lit > 0 ? lit : -lit;
          const value = this.inWitness[w] === token ? this.witnessValue[w] : model[w];
          if ((value === 1) === lit > 0) {
            holds = true;
            break;
          }
        }
        if (!holds) broken.push(c);
      }
    }
    return broken;
  }
}
