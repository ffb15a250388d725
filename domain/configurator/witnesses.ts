import type { ModelRepairer } from "./repair-model.ts";

/**
 * Models of a CNF kept as the literals in which each differs from one base model, so that thousands
 * fit in little memory and follow the base from click to click (see rebase): each says which values
 * the options can take, so that the next click only looks for the ones it lost.
 * @example
 * const cache = new WitnessCache(repairer);
 * cache.add(Int32Array.of(3, -7)); // the base with 3 true and 7 false is a model
 * cache.rebase(oldBase, newBase, locked); // kept, repaired or dropped
 */
export class WitnessCache {
  private readonly repairer: ModelRepairer;
  private witnesses: Int32Array[] = [];

  constructor(repairer: ModelRepairer) {
    this.repairer = repairer;
  }

  /** Forgets every witness (when the base is replaced by an unrelated model). */
  clear(): void {
    this.witnesses = [];
  }

  /** Adds a witness: literals, each false in the current base, that make it another model when set. */
  add(literals: Int32Array): void {
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
    const kept: Int32Array[] = [];
    for (const witness of this.witnesses) {
      let movedCount = 0;
      let stale = false;
      let suspect = false;
      for (const lit of witness) {
        const v = lit > 0 ? lit : -lit;
        if (moved[v]) movedCount++;
        else if (locked[v]) stale = true;
        else if (touching.has(v)) suspect = true;
      }
      if (stale || movedCount === witness.length) continue;
      const literals = movedCount === 0 ? witness : witness.filter((lit) => !moved[Math.abs(lit)]);
      const broken = suspect ? this.brokenBy(model, literals, touching) : [];
      if (broken.length === 0) {
        kept.push(literals);
        continue;
      }
      const repaired = this.repairer.repair(model, [...literals], locked, { broken });
      if (repaired === null) continue;
      kept.push(Int32Array.from(repaired, (v) => (model[v] ? v : -v)));
      this.repairer.undo(model, repaired);
    }
    this.witnesses = kept;
  }

  /** Records in `seen` (1: seen true, 2: seen false) the value each witness gives each option (1..optionCount). */
  markSeen(seen: Uint8Array, optionCount: number): void {
    for (const witness of this.witnesses)
      for (const lit of witness)
        if (Math.abs(lit) <= optionCount) seen[Math.abs(lit)] = (seen[Math.abs(lit)] as number) | (lit > 0 ? 1 : 2);
  }

  /** For each variable, the clauses it shares with one of `vars`. */
  private clausesTouching(vars: readonly number[]): Map<number, number[]> {
    const touching = new Map<number, number[]>();
    for (const c of this.repairer.clausesWith(vars)) {
      for (const lit of this.repairer.clause(c)) {
        const v = Math.abs(lit);
        const list = touching.get(v);
        if (list) list.push(c);
        else touching.set(v, [c]);
      }
    }
    return touching;
  }

  /** The clauses that `model` with `literals` set breaks, among those `touching` their variables. */
  private brokenBy(model: Uint8Array, literals: Int32Array, touching: ReadonlyMap<number, number[]>): number[] {
    const vars = Array.from(literals, Math.abs);
    this.repairer.undo(model, vars);
    const broken: number[] = [];
    for (const v of vars) for (const c of touching.get(v) ?? []) if (!this.repairer.holds(c, model)) broken.push(c);
    this.repairer.undo(model, vars);
    return broken;
  }
}
