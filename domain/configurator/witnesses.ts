import { type ClauseIndex, literalIndex } from "./clause-index.ts";
import type { ModelRepairer } from "./repair-model.ts";

/** Sets of literals packed one after the other in one growing buffer (little work for the GC). */
class LiteralSets {
  /** Set i is data[start(i) .. end(i)). */
  data = new Int32Array(1024);
  private used = 0;
  private readonly ends: number[] = [];

  get count(): number {
    return this.ends.length;
  }

  start(i: number): number {
    return i === 0 ? 0 : (this.ends[i - 1] as number);
  }

  end(i: number): number {
    return this.ends[i] as number;
  }

  /** The literals of set i, but those whose variable `skip` marks. */
  literals(i: number, skip?: Uint8Array): number[] {
    const found: number[] = [];
    for (let k = this.start(i); k < this.end(i); k++) {
      const lit = this.data[k] as number;
      if (!skip?.[lit > 0 ? lit : -lit]) found.push(lit);
    }
    return found;
  }

  /** Appends a set and returns its number. */
  push(literals: readonly number[]): number {
    if (this.used + literals.length > this.data.length) {
      const grown = new Int32Array(Math.max(2 * this.data.length, this.used + literals.length));
      grown.set(this.data.subarray(0, this.used));
      this.data = grown;
    }
    for (const lit of literals) this.data[this.used++] = lit;
    this.ends.push(this.used);
    return this.ends.length - 1;
  }
}

/**
 * Models of a CNF kept as the literals in which each differs from one base model, so that thousands
 * fit in little memory and follow the base from click to click (see rebase): together they say which
 * values the options can take, so that the next click only looks for the ones it lost. An index from
 * variables to witnesses keeps the work of a click proportional to what the click changed.
 * @example
 * const cache = new WitnessCache(index, repairer);
 * cache.add([3, -7]); // the base with 3 true and 7 false is a model
 * cache.rebase(oldBase, newBase, locked); // kept, repaired or dropped
 */
export class WitnessCache {
  private readonly index: ClauseIndex;
  private readonly repairer: ModelRepairer;
  private sets = new LiteralSets();
  private alive: boolean[] = [];
  /** For each variable, the witnesses (alive or not) with a literal on it. */
  private byVar: number[][];
  /** For each literal (see literalIndex), how many alive witnesses have it. */
  private readonly having: Int32Array;
  private liveLiterals = 0;
  private deadLiterals = 0;
  /** The witnesses the last rebase had to drop (their literals stay in `sets` until the next rebase). */
  private lost: number[] = [];
  /** For a literal, one of the `lost` witnesses with it (built when first asked for). */
  private lostByLiteral: Map<number, number> | null = null;

  constructor(index: ClauseIndex, repairer: ModelRepairer) {
    this.index = index;
    this.repairer = repairer;
    this.having = new Int32Array(index.occurrenceStart.length);
    this.byVar = Array.from({ length: index.occurrenceStart.length >> 1 }, () => []);
  }

  /** Forgets every witness. */
  private clear(): void {
    this.sets = new LiteralSets();
    this.alive = [];
    this.byVar = this.byVar.map(() => []);
    this.having.fill(0);
    this.liveLiterals = 0;
    this.deadLiterals = 0;
  }

  /** Adds a witness: literals, each false in the current base, that make it another model when set. */
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
   * whose consequences are the `locked` variables. A witness's literals that the new base already
   * has are dropped from it; a witness at odds with a locked variable is dropped. Otherwise only a
   * clause over both a witness variable and a variable whose base value changed can be broken:
   * every other clause reads as in the old witness model, or as in `model`. Witnesses with no broken
   * clause are kept; the others are repaired locally (keeping their literals), or dropped when that
   * fails. Only witnesses with a variable that changed, is locked, or shares a clause with one that
   * changed are looked at.
   */
  rebase(previous: Uint8Array, model: Uint8Array, locked: Uint8Array): void {
    if (this.deadLiterals > Math.max(2 * this.liveLiterals, 1 << 16)) this.compact();
    this.lost = [];
    this.lostByLiteral = null;
    const changed: number[] = [];
    const moved = new Uint8Array(model.length);
    for (let v = 1; v < model.length; v++) {
      if (previous[v] === model[v]) continue;
      changed.push(v);
      moved[v] = 1;
    }
    const touching = this.clausesTouching(changed);
    const near = new Uint8Array(model.length);
    for (const v of touching.keys()) near[v] = 1;
    const affected: number[] = [];
    const listed = new Set<number>();
    for (let v = 1; v < model.length; v++) {
      if (!moved[v] && !near[v] && !(locked[v] && this.having[2 * v + (model[v] ? 1 : 0)])) continue;
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
    for (const id of affected) this.move(id, model, locked, moved, near, touching);
  }

  /** Records in `seen` (1: seen true, 2: seen false) the values the witnesses give options 1..optionCount. */
  markSeen(seen: Uint8Array, optionCount: number): void {
    for (let v = 1; v <= optionCount; v++) {
      if (this.having[2 * v]) seen[v] = (seen[v] as number) | 1;
      if (this.having[2 * v + 1]) seen[v] = (seen[v] as number) | 2;
    }
  }

  /** rebase() for one witness that may be affected: kept, replaced by its moved or repaired version, or dropped. */
  private move(
    id: number,
    model: Uint8Array,
    locked: Uint8Array,
    moved: Uint8Array,
    near: Uint8Array,
    touching: ReadonlyMap<number, number[]>,
  ): void {
    const { data } = this.sets;
    let movedCount = 0;
    let suspect = false;
    for (let k = this.sets.start(id); k < this.sets.end(id); k++) {
      const v = Math.abs(data[k] as number);
      if (moved[v]) movedCount++;
      else if (locked[v]) {
        this.lose(id);
        return;
      } else if (near[v]) suspect = true;
    }
    if (movedCount === 0 && !suspect) return;
    const literals = this.sets.literals(id, moved);
    const broken = suspect ? this.brokenBy(model, literals, touching) : [];
    if (movedCount === 0 && broken.length === 0) return;
    this.kill(id);
    if (literals.length === 0) return;
    if (broken.length === 0) {
      this.add(literals);
      return;
    }
    const repaired = this.repairer.repair(model, literals, locked, { broken });
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
    const { data } = this.sets;
    for (let k = this.sets.start(id); k < this.sets.end(id); k++)
      (this.having[literalIndex(data[k] as number)] as number)--;
    const size = this.sets.end(id) - this.sets.start(id);
    this.liveLiterals -= size;
    this.deadLiterals += size;
  }

  /** Drops the dead witnesses from the buffer and the index (their numbers change). */
  private compact(): void {
    const old = this.sets;
    const alive = this.alive;
    this.clear();
    for (let id = 0; id < old.count; id++) if (alive[id]) this.add(old.literals(id));
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

  /** The clauses that `model` with `literals` set breaks, among those `touching` their variables. */
  private brokenBy(model: Uint8Array, literals: readonly number[], touching: ReadonlyMap<number, number[]>): number[] {
    this.flip(model, literals);
    const broken: number[] = [];
    for (const lit of literals) {
      const clauses = touching.get(Math.abs(lit));
      if (clauses) for (const c of clauses) if (!this.index.holds(c, model)) broken.push(c);
    }
    this.flip(model, literals);
    return broken;
  }

  private flip(model: Uint8Array, literals: readonly number[]): void {
    for (const lit of literals) {
      const v = Math.abs(lit);
      model[v] = model[v] ? 0 : 1;
    }
  }
}
