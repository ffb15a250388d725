import type { Cnf } from "./cnf.ts";
import { ModelRepairer } from "./repair-model.ts";
import type { SatSolver } from "./sat.ts";

/** The options fixed under some assumptions, or why they are not known. */
export type BackboneResult = { status: "ok"; backbone: number[] } | { status: "unsat" } | { status: "unknown" };

const SEEN_TRUE = 1;
const SEEN_FALSE = 2;
const seenBit = (value: number) => (value ? SEEN_TRUE : SEEN_FALSE);
/** Local repairs between two looks at the clock. */
const CLOCK_EVERY = 64;

/**
 * Computes the backbone of a CNF over its option variables (1..optionCount) under assumptions, i.e.
 * the option literals that hold in every model, click after click:
 *
 * 1. Unit propagation settles what it can; when the assumptions extend the previous call's, the
 *    previous backbone still holds. These variables are locked.
 * 2. A model under the assumptions is obtained by locally repairing the previous call's model
 *    (a SAT call only when that fails).
 * 3. Every other option that the model gives one value is tried with the other by local repair of
 *    that model (see ModelRepairer); each success witnesses every variable it flipped.
 * 4. Only the options left are tested with the solver, steered towards the opposite of all of them
 *    so that each model it finds clears many; each such model is again repaired locally.
 *
 * Everything it reports is proven: "free" by two models, fixed by propagation or an unsatisfiable call.
 */
export class BackboneFinder {
  private readonly solver: SatSolver;
  private readonly repairer: ModelRepairer;
  private readonly numVars: number;
  private readonly optionCount: number;
  private base: Uint8Array | null = null;
  /**
   * Successful local repairs of `base`, as the variables each flips: every one is a model of the
   * clauses, kept across calls while the base changes away from its variables (see keepWitnesses).
   */
  private witnesses: Int32Array[] = [];
  private last: { assumptions: number[]; backbone: number[] } | null = null;

  /** `solver` holds the clauses of `cnf`; options are its variables 1..optionCount. */
  constructor(solver: SatSolver, cnf: Cnf, optionCount: number) {
    this.solver = solver;
    this.repairer = new ModelRepairer(cnf, optionCount);
    this.numVars = cnf.numVars;
    this.optionCount = optionCount;
  }

  /** A model of the clauses (under any assumptions) to start the next call's repairs from. */
  remember(model: Uint8Array): void {
    this.base = model;
    this.witnesses = [];
  }

  /** The backbone literals under `assumptions` over option variables not assumed; "unknown" after `deadline`. */
  find(assumptions: readonly number[], deadline: number): BackboneResult {
    const implied = this.solver.implied(assumptions);
    if (implied === null) return { status: "unsat" };
    const locked = new Uint8Array(this.numVars + 1);
    for (const lit of implied) locked[Math.abs(lit)] = 1;
    const previousBase = this.base;
    const model = this.startingModel(assumptions, implied, deadline);
    if (model === "unsat" || model === "unknown") return { status: model };
    const chosen = new Set(assumptions.map(Math.abs));
    const seen = new Uint8Array(this.optionCount + 1);
    for (let v = 1; v <= this.optionCount; v++) seen[v] = seenBit(model[v] as number);
    this.keepWitnesses(previousBase, model, chosen, seen);
    const backbone = implied.filter((lit) => Math.abs(lit) <= this.optionCount && !chosen.has(Math.abs(lit)));
    const previous = this.last && this.extends(assumptions, this.last.assumptions) ? this.last : null;
    for (const lit of previous?.backbone ?? []) {
      if (locked[Math.abs(lit)]) continue;
      locked[Math.abs(lit)] = 1;
      backbone.push(lit);
    }
    if (!this.repairEach(model, locked, seen, deadline)) return { status: "unknown" };
    const open: number[] = [];
    for (let v = 1; v <= this.optionCount; v++)
      if (!locked[v] && seen[v] !== (SEEN_TRUE | SEEN_FALSE)) open.push(model[v] ? v : -v);
    if (!this.settleWithSolver(open, model, assumptions, locked, seen, deadline, backbone))
      return { status: "unknown" };
    this.last = { assumptions: [...assumptions], backbone };
    return { status: "ok", backbone };
  }

  /** The last model repaired to satisfy the propagated assumptions, else one from the solver. */
  private startingModel(
    assumptions: readonly number[],
    implied: readonly number[],
    deadline: number,
  ): Uint8Array | "unsat" | "unknown" {
    const base = this.base;
    if (base) {
      const model = base.slice();
      if (this.repairer.repair(model, implied, new Uint8Array(this.numVars + 1)) !== null) {
        this.base = model;
        return model;
      }
    }
    const prefer = base ? Array.from(base.subarray(1), (value, i) => (value ? i + 1 : -(i + 1))) : [];
    const status = this.solver.solve(assumptions, { deadline, prefer });
    if (status !== "sat") return status;
    this.base = this.solver.model();
    return this.base;
  }

  /**
   * Keeps the witnesses that are still models under the new base and choices, and records in `seen`
   * what they show. A witness (variables flipped in the old base) is kept when none of its variables
   * is chosen or shares a clause with a variable whose base value changed: then every clause reads
   * the same under the new base with those flips as under the old one with them, or as under the
   * new base.
   */
  private keepWitnesses(
    previousBase: Uint8Array | null,
    model: Uint8Array,
    chosen: ReadonlySet<number>,
    seen: Uint8Array,
  ): void {
    if (previousBase === null) return;
    const changed: number[] = [];
    for (let v = 1; v <= this.numVars; v++) if (previousBase[v] !== model[v]) changed.push(v);
    const dirty = new Uint8Array(this.numVars + 1);
    this.repairer.markNeighbours(changed, dirty);
    for (const v of chosen) dirty[v] = 1;
    this.witnesses = this.witnesses.filter((flips) => flips.every((v) => !dirty[v]));
    for (const flips of this.witnesses)
      for (const v of flips) if (v <= this.optionCount) seen[v] = (seen[v] as number) | seenBit(model[v] ? 0 : 1);
  }

  /**
   * Tries each open option's other value by local repair of `model` (true values deepest-first,
   * false values top-down, as children follow their parents), recording in `seen` every value a
   * repaired model shows; false once the deadline passed.
   */
  private repairEach(model: Uint8Array, locked: Uint8Array, seen: Uint8Array, deadline: number): boolean {
    let attempts = 0;
    const attempt = (lit: number): boolean => {
      const v = Math.abs(lit);
      if (locked[v] || (seen[v] as number) & seenBit(lit > 0 ? 1 : 0)) return true;
      const flips = this.witness(model, lit, locked, seen);
      if (flips) this.witnesses.push(flips);
      return ++attempts % CLOCK_EVERY !== 0 || performance.now() <= deadline;
    };
    for (let v = this.optionCount; v >= 1; v--) if (!model[v] && !attempt(v)) return false;
    for (let v = 1; v <= this.optionCount; v++) if (model[v] && !attempt(-v)) return false;
    return true;
  }

  /**
   * Repairs `model` to make `lit` hold, records what the repaired model shows, restores `model` and
   * returns the variables the repair flipped (null when it failed).
   */
  private witness(model: Uint8Array, lit: number, locked: Uint8Array, seen: Uint8Array): Int32Array | null {
    const flipped = this.repairer.repair(model, [lit], locked);
    if (flipped === null) return null;
    for (const v of flipped) if (v <= this.optionCount) seen[v] = (seen[v] as number) | seenBit(model[v] as number);
    this.repairer.undo(model, flipped);
    return Int32Array.from(flipped);
  }

  /**
   * Settles the `open` literals (true in `model`, their opposite not yet witnessed) with the solver:
   * a literal whose opposite is unsatisfiable joins `backbone`; otherwise the solver is steered to
   * the opposite of every open literal, then to `model`, so that the model it finds clears many open
   * literals, differs little from `model` and is kept as a witness; its local repairs clear more.
   * False once the deadline passed.
   */
  private settleWithSolver(
    open: number[],
    model: Uint8Array,
    assumptions: readonly number[],
    locked: Uint8Array,
    seen: Uint8Array,
    deadline: number,
    backbone: number[],
  ): boolean {
    const opposed = (lit: number) => ((seen[Math.abs(lit)] as number) & seenBit(lit > 0 ? 0 : 1)) !== 0;
    let candidates = open;
    const stay = candidates.length > 0 ? Array.from(model.subarray(1), (value, i) => (value ? i + 1 : -(i + 1))) : [];
    while (candidates.length > 0) {
      const tested = candidates[0] as number;
      const prefer = [...candidates.map((lit) => -lit), ...stay];
      const status = this.solver.solve([...assumptions, -tested], { deadline, prefer });
      if (status === "unknown") return false;
      if (status === "unsat") {
        backbone.push(tested);
        locked[Math.abs(tested)] = 1;
        candidates = candidates.slice(1);
        continue;
      }
      const found = this.solver.model();
      const flips: number[] = [];
      for (let v = 1; v <= this.numVars; v++) if (found[v] !== model[v]) flips.push(v);
      this.witnesses.push(Int32Array.from(flips));
      for (const v of flips) if (v <= this.optionCount) seen[v] = (seen[v] as number) | seenBit(found[v] as number);
      candidates = candidates.filter((lit) => !opposed(lit));
      for (const lit of candidates) if (!opposed(lit)) this.witness(found, -lit, locked, seen);
      candidates = candidates.filter((lit) => !opposed(lit));
    }
    return true;
  }

  /** Whether every literal of `earlier` is also in `later`. */
  private extends(later: readonly number[], earlier: readonly number[]): boolean {
    const now = new Set(later);
    return earlier.every((lit) => now.has(lit));
  }
}
