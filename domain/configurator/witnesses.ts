import type { ClauseIndex } from "./clause-index.ts";
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

  /** Literals in all sets. */
  get size(): number {
    return this.used;
  }

  start(i: number): number {
    return i === 0 ? 0 : (this.ends[i - 1] as number);
  }

  end(i: number): number {
    return this.ends[i] as number;
  }

  /** Appends set i of `source`, leaving out the literals whose variable `skip` marks. */
  copy(source: LiteralSets, i: number, skip?: Uint8Array): void {
    this.reserve(source.end(i) - source.start(i));
    for (let k = source.start(i); k < source.end(i); k++) {
      const lit = source.data[k] as number;
      if (!skip?.[lit > 0 ? lit : -lit]) this.data[this.used++] = lit;
    }
    this.ends.push(this.used);
  }

  /** Forgets every set, keeping the buffer. */
  clear(): void {
    this.used = 0;
    this.ends.length = 0;
  }

  /** Forgets the last set. */
  dropLast(): void {
    this.ends.pop();
    this.used = this.start(this.ends.length);
  }

  push(literals: ArrayLike<number>): void {
    this.reserve(literals.length);
    for (let i = 0; i < literals.length; i++) this.data[this.used++] = literals[i] as number;
    this.ends.push(this.used);
  }

  private reserve(more: number): void {
    if (this.used + more <= this.data.length) return;
    const grown = new Int32Array(Math.max(2 * this.data.length, this.used + more));
    grown.set(this.data.subarray(0, this.used));
    this.data = grown;
  }
}

/**
 * Models of a CNF kept as the literals in which each differs from one base model, so that thousands
 * fit in little memory and follow the base from click to click (see rebase): each says which values
 * the options can take, so that the next click only looks for the ones it lost.
 * @example
 * const cache = new WitnessCache(index, repairer);
 * cache.add([3, -7]); // the base with 3 true and 7 false is a model
 * cache.rebase(oldBase, newBase, locked); // kept, repaired or dropped
 */
export class WitnessCache {
  private readonly index: ClauseIndex;
  private readonly repairer: ModelRepairer;
  private witnesses = new LiteralSets();
  /** The buffer rebase() writes into, swapped with `witnesses` after each rebase. */
  private spare = new LiteralSets();

  constructor(index: ClauseIndex, repairer: ModelRepairer) {
    this.index = index;
    this.repairer = repairer;
  }

  /** Forgets every witness (when the base is replaced by an unrelated model). */
  clear(): void {
    this.witnesses.clear();
  }

  /** Adds a witness: literals, each false in the current base, that make it another model when set. */
  add(literals: ArrayLike<number>): void {
    this.witnesses.push(literals);
  }

  /**
   * Moves every witness from base `previous` to base `model` (both models), under new assumptions
   * whose consequences are the `locked` variables. A witness's literals that the new base already
   * has are dropped from it; a witness at odds with a locked variable is dropped. Otherwise only a
   * clause over both a witness variable and a variable whose base value changed can be broken:
   * every other clause reads as in the old witness model, or as in `model`. Witnesses with no broken
   * clause are kept; the others are repaired locally (keeping their literals), or dropped when that fails.
   */
  rebase(previous: Uint8Array, model: Uint8Array, locked: Uint8Array): void {
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
    const kept = this.spare;
    kept.clear();
    const { data } = this.witnesses;
    for (let i = 0; i < this.witnesses.count; i++) {
      const start = this.witnesses.start(i);
      const end = this.witnesses.end(i);
      let movedCount = 0;
      let stale = false;
      let suspect = false;
      for (let k = start; k < end && !stale; k++) {
        const lit = data[k] as number;
        const v = lit > 0 ? lit : -lit;
        if (moved[v]) movedCount++;
        else if (locked[v]) stale = true;
        else if (near[v]) suspect = true;
      }
      if (stale || movedCount === end - start) continue;
      kept.copy(this.witnesses, i, movedCount > 0 ? moved : undefined);
      if (!suspect) continue;
      const last = kept.count - 1;
      const literals = Array.from(kept.data.subarray(kept.start(last), kept.end(last)));
      const broken = this.brokenBy(model, literals, touching);
      if (broken.length === 0) continue;
      kept.dropLast();
      const repaired = this.repairer.repair(model, literals, locked, { broken });
      if (repaired === null) continue;
      kept.push(repaired.map((v) => (model[v] ? v : -v)));
      this.repairer.undo(model, repaired);
    }
    this.spare = this.witnesses;
    this.witnesses = kept;
  }

  /** Records in `seen` (1: seen true, 2: seen false) the value each witness gives each option (1..optionCount). */
  markSeen(seen: Uint8Array, optionCount: number): void {
    const { data } = this.witnesses;
    for (let k = 0; k < this.witnesses.size; k++) {
      const lit = data[k] as number;
      const v = lit > 0 ? lit : -lit;
      if (v <= optionCount) seen[v] = (seen[v] as number) | (lit > 0 ? 1 : 2);
    }
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
    const vars = Array.from(literals, Math.abs);
    this.repairer.undo(model, vars);
    const broken: number[] = [];
    for (const v of vars) for (const c of touching.get(v) ?? []) if (!this.index.holds(c, model)) broken.push(c);
    this.repairer.undo(model, vars);
    return broken;
  }
}
