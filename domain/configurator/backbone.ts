import { ClauseIndex } from "./clause-index.ts";
import type { Cnf } from "./cnf.ts";
import { ModelRepairer, type RepairOptions } from "./repair-model.ts";
import type { SatSolver } from "./sat.ts";
import { WitnessCache } from "./witnesses.ts";

/** The options fixed under some assumptions, or why they are not known. */
export type BackboneResult = { status: "ok"; backbone: number[] } | { status: "unsat" } | { status: "unknown" };

const SEEN_TRUE = 1;
const SEEN_FALSE = 2;
const seenBit = (value: number) => (value ? SEEN_TRUE : SEEN_FALSE);
/** Local repairs between two looks at the clock. */
const CLOCK_EVERY = 64;
/** Tries of a first local repair; values it misses get a propagation check and more tries. */
const QUICK_ATTEMPTS = 2;

/**
 * Computes the backbone of a CNF over its option variables (1..optionCount) under assumptions, i.e.
 * the option literals that hold in every model, click after click:
 *
 * 1. Unit propagation settles what it can; when the assumptions extend the previous call's, the
 *    previous backbone still holds. These variables are locked.
 * 2. The base model: the previous one, locally repaired to satisfy the assumptions (see
 *    ModelRepairer), or repaired towards a model the solver finds when that fails.
 * 3. The witnesses (models near the base, from earlier calls) follow the base (see WitnessCache);
 *    each shows values the options can take.
 * 4. Every option still seen with one value only is tried with the other by local repair of the base;
 *    each success is a new witness.
 * 5. Only the options left are tested with the solver, steered towards the opposite of all of them
 *    so that each model it finds clears many, and split into one small witness for each.
 *
 * Everything it reports is proven: "free" by two models, fixed by propagation or an unsatisfiable call.
 */
export class BackboneFinder {
  private readonly solver: SatSolver;
  private readonly repairer: ModelRepairer;
  private readonly optionCount: number;
  private base: Uint8Array | null = null;
  /** Models near `base`: its successful local repairs, kept across calls. */
  private readonly witnesses: WitnessCache;
  private last: { assumptions: number[]; backbone: number[] } | null = null;
  /** Scratch for find(), reused from call to call: variables fixed under the assumptions (1). */
  private readonly locked: Uint8Array;
  /** Scratch for find(): for each option, the values some known model gives it (1 true, 2 false). */
  private readonly seen: Uint8Array;
  private readonly noLocks: Uint8Array;
  /** Scratch for find(): for each variable, 1 when assumed true, 2 when assumed false. */
  private readonly assumed: Uint8Array;

  /** `solver` holds the clauses of `cnf`; options are its variables 1..optionCount. */
  constructor(solver: SatSolver, cnf: Cnf, optionCount: number) {
    this.solver = solver;
    const index = new ClauseIndex(cnf);
    this.repairer = new ModelRepairer(index, optionCount);
    this.witnesses = new WitnessCache(index, this.repairer);
    this.optionCount = optionCount;
    this.locked = new Uint8Array(cnf.numVars + 1);
    this.seen = new Uint8Array(optionCount + 1);
    this.noLocks = new Uint8Array(cnf.numVars + 1);
    this.assumed = new Uint8Array(cnf.numVars + 1);
  }

  /** The backbone literals under `assumptions` over option variables not assumed; "unknown" after `deadline`. */
  find(assumptions: readonly number[], deadline: number): BackboneResult {
    const implied = this.solver.implied(assumptions);
    if (implied === null) return { status: "unsat" };
    const locked = this.locked.fill(0);
    for (let i = 0; i < implied.length; i++) locked[Math.abs(implied[i] as number)] = 1;
    const previousBase = this.base;
    const model = this.startingModel(assumptions, implied, deadline);
    if (model === "unsat" || model === "unknown") return { status: model };
    const assumed = this.assumed.fill(0);
    for (const lit of assumptions) assumed[Math.abs(lit)] = lit > 0 ? 1 : 2;
    const seen = this.seen.fill(0);
    for (let v = 1; v <= this.optionCount; v++) seen[v] = seenBit(model[v] as number);
    if (previousBase) this.witnesses.rebase(previousBase, model, locked);
    this.witnesses.markSeen(seen, this.optionCount);
    const backbone: number[] = [];
    for (let i = 0; i < implied.length; i++) {
      const lit = implied[i] as number;
      const v = Math.abs(lit);
      if (v <= this.optionCount && !assumed[v]) backbone.push(lit);
    }
    const previous = this.last && this.extends(this.last.assumptions) ? this.last : null;
    for (const lit of previous?.backbone ?? []) {
      if (locked[Math.abs(lit)]) continue;
      locked[Math.abs(lit)] = 1;
      backbone.push(lit);
    }
    if (!this.repairEach(model, assumptions, locked, seen, backbone, deadline)) return { status: "unknown" };
    const open: number[] = [];
    for (let v = 1; v <= this.optionCount; v++)
      if (!locked[v] && seen[v] !== (SEEN_TRUE | SEEN_FALSE)) open.push(model[v] ? v : -v);
    if (!this.settleWithSolver(open, model, assumptions, locked, seen, deadline, backbone))
      return { status: "unknown" };
    this.last = { assumptions: assumptions.slice(), backbone };
    return { status: "ok", backbone };
  }

  /**
   * The last model repaired to satisfy the propagated assumptions; when that fails, repaired towards
   * a model the solver finds near it (which cannot fail), so that it changes as little as it can.
   * The first one has as many options chosen as the solver's steering finds: in a feature tree an
   * option's witness is then mostly its own subtree, where from a near-empty model every deep option
   * needs a whole path from the root and the groups along it (witnesses three times larger).
   */
  private startingModel(
    assumptions: readonly number[],
    implied: readonly number[],
    deadline: number,
  ): Uint8Array | "unsat" | "unknown" {
    const model = this.base?.slice() ?? null;
    if (model && this.repairer.repair(model, implied, this.noLocks) !== null) {
      this.base = model;
      return model;
    }
    const prefer = model ? literalsOf(model) : Array.from({ length: this.optionCount }, (_, i) => i + 1);
    const status = this.solver.solve(assumptions, { deadline, prefer });
    if (status !== "sat") return status;
    const found = this.solver.model();
    const moved = model && this.repairer.repair(model, implied, this.noLocks, { guide: found });
    this.base = moved ? (model as Uint8Array) : found;
    return this.base;
  }

  /**
   * Tries each open option's other value by local repair of `model` (true values deepest-first,
   * false values top-down, as children follow their parents), recording in `seen` every value a
   * repaired model shows. A value two tries do not reach is first checked by unit propagation (a
   * conflict puts its opposite in `backbone`), then tried harder. False once the deadline passed.
   */
  private repairEach(
    model: Uint8Array,
    assumptions: readonly number[],
    locked: Uint8Array,
    seen: Uint8Array,
    backbone: number[],
    deadline: number,
  ): boolean {
    let attempts = 0;
    const open = (lit: number) =>
      !locked[Math.abs(lit)] && !((seen[Math.abs(lit)] as number) & seenBit(lit > 0 ? 1 : 0));
    const onTime = () => ++attempts % CLOCK_EVERY !== 0 || performance.now() <= deadline;
    const hard: number[] = [];
    for (let v = this.optionCount; v >= 1; v--) {
      if (model[v] || locked[v] || (seen[v] as number) & SEEN_TRUE) continue;
      if (!this.witness(model, v, locked, seen, { attempts: QUICK_ATTEMPTS })) hard.push(v);
      if (!onTime()) return false;
    }
    for (let v = 1; v <= this.optionCount; v++) {
      if (!model[v] || locked[v] || (seen[v] as number) & SEEN_FALSE) continue;
      if (!this.witness(model, -v, locked, seen, { attempts: QUICK_ATTEMPTS })) hard.push(-v);
      if (!onTime()) return false;
    }
    for (const lit of hard) {
      if (!open(lit)) continue;
      if (this.solver.refutes(assumptions, lit)) {
        backbone.push(-lit);
        locked[Math.abs(lit)] = 1;
      } else this.witness(model, lit, locked, seen, { lost: true });
      if (!onTime()) return false;
    }
    return true;
  }

  /**
   * Repairs `model` to make `lit` hold and keeps the result as a witness, recording in `seen` what
   * it shows; `model` is left as it was. With `lost`, when that fails and the last rebase dropped a
   * witness with `lit`, tries again preferring that witness's literals. False when no repair worked.
   */
  private witness(
    model: Uint8Array,
    lit: number,
    locked: Uint8Array,
    seen: Uint8Array,
    { lost = false, ...options }: RepairOptions & { lost?: boolean } = {},
  ): boolean {
    const earlier = lost ? this.witnesses.lostWith(lit) : undefined;
    const flipped =
      this.repairer.repair(model, [lit], locked, options) ??
      (earlier ? this.repairer.repair(model, [lit], locked, { prefer: earlier }) : null);
    if (flipped === null) return false;
    for (const v of flipped) if (v <= this.optionCount) seen[v] = (seen[v] as number) | seenBit(model[v] as number);
    this.witnesses.add(flipped.map((v) => (model[v] ? v : -v)));
    this.repairer.undo(model, flipped);
    return true;
  }

  /**
   * Settles the `open` literals (true in `model`, their opposite not yet witnessed) with the solver:
   * a literal whose opposite is unsatisfiable (most often already by unit propagation) joins
   * `backbone`; otherwise the solver is steered to the opposite of every open literal, then to
   * `model`, and each open literal the model found contradicts gets its own witness by repairing
   * `model` towards it, which cannot fail and changes few variables, so that the witness is likely to
   * survive the next clicks. False after the deadline.
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
    let stay: number[] | null = null;
    while (candidates.length > 0) {
      const tested = candidates[0] as number;
      const refuted = this.solver.refutes(assumptions, -tested);
      if (!refuted) stay ??= literalsOf(model);
      const status = refuted
        ? "unsat"
        : this.solver.solve([...assumptions, -tested], {
            deadline,
            prefer: [...candidates.map((lit) => -lit), ...(stay as number[])],
          });
      if (status === "unknown") return false;
      if (status === "unsat") {
        backbone.push(tested);
        locked[Math.abs(tested)] = 1;
        candidates = candidates.slice(1);
        continue;
      }
      const found = this.solver.model();
      for (const lit of candidates)
        if (!opposed(lit) && (found[Math.abs(lit)] === 1) !== lit > 0)
          this.witness(model, -lit, locked, seen, { guide: found });
      for (let v = 1; v <= this.optionCount; v++) seen[v] = (seen[v] as number) | seenBit(found[v] as number);
      candidates = candidates.filter((lit) => !opposed(lit));
    }
    return true;
  }

  /** Whether every literal of `earlier` is also assumed now (see `assumed`). */
  private extends(earlier: readonly number[]): boolean {
    for (const lit of earlier) if (this.assumed[Math.abs(lit)] !== (lit > 0 ? 1 : 2)) return false;
    return true;
  }
}

/** The literals that hold in `model`, for every variable. */
const literalsOf = (model: Uint8Array) => Array.from(model.subarray(1), (value, i) => (value ? i + 1 : -(i + 1)));
