import { mulberry32 } from "../random.ts";
import { BackboneFinder } from "./backbone.ts";
import type { CompiledModel, Source } from "./compile.ts";
import { SatSolver } from "./sat.ts";

/** A shopper's decision about one option. */
export interface Choice {
  option: string;
  selected: boolean;
}

/**
 * chosen / rejected: the shopper decided; forced / excluded: the rules decide, given those
 * choices; free: either is still possible.
 */
export type OptionState = "chosen" | "rejected" | "forced" | "excluded" | "free";

export type GaveUp = { status: "gave-up" };

export type Propagation =
  | { status: "ok"; states: OptionStates }
  | { status: "contradiction"; conflicting: Choice[] }
  | GaveUp;

export type Explanation = { status: "ok"; choices: Choice[]; sources: Source[] } | { status: "not-implied" } | GaveUp;

export type Diagnosis =
  | { status: "ok"; dead: string[]; mandatory: string[] }
  | { status: "contradictory"; sources: Source[] }
  | GaveUp;

export type Repair =
  | { status: "ok"; drop: Choice[]; choices: Choice[] }
  | { status: "impossible"; sources: Source[] }
  | GaveUp;

const STATES: readonly OptionState[] = ["free", "forced", "excluded", "chosen", "rejected"];
const [FORCED, EXCLUDED, CHOSEN, REJECTED] = [1, 2, 3, 4];

/**
 * Every option's state after some choices: a read-only Map from option code to state, kept as one
 * byte per option, so that a click builds no map entry per option and forEach reads without any.
 * @example
 * const { states } = reasoner.propagate([{ option: "W21", selected: true }]);
 * states.get("SPORT_PKG"); // "forced"
 * states.forEach((state, code) => render(code, state));
 */
export class OptionStates extends Map<string, OptionState> {
  /** codes[v]: the option of variable v (index 0 unused); varOf: the other way round. */
  private readonly codes: readonly string[];
  private readonly varOf: ReadonlyMap<string, number>;
  private readonly byVar: Uint8Array;

  constructor(codes: readonly string[], varOf: ReadonlyMap<string, number>, byVar: Uint8Array) {
    super();
    this.codes = codes;
    this.varOf = varOf;
    this.byVar = byVar;
  }

  override get size(): number {
    return this.codes.length - 1;
  }

  override get(code: string): OptionState | undefined {
    const v = this.varOf.get(code);
    return v === undefined || v >= this.codes.length ? undefined : STATES[this.byVar[v] as number];
  }

  override has(code: string): boolean {
    return this.get(code) !== undefined;
  }

  override forEach(callback: (state: OptionState, code: string, map: Map<string, OptionState>) => void): void {
    for (let v = 1; v < this.codes.length; v++)
      callback(STATES[this.byVar[v] as number] as OptionState, this.codes[v] as string, this);
  }

  override entries(): MapIterator<[string, OptionState]> {
    const entries: [string, OptionState][] = [];
    for (let v = 1; v < this.codes.length; v++)
      entries.push([this.codes[v] as string, STATES[this.byVar[v] as number] as OptionState]);
    return entries.values();
  }

  override keys(): MapIterator<string> {
    return this.codes.slice(1).values();
  }

  override values(): MapIterator<OptionState> {
    return Array.from(this.byVar.subarray(1), (state) => STATES[state] as OptionState).values();
  }

  override [Symbol.iterator](): MapIterator<[string, OptionState]> {
    return this.entries();
  }

  override set(_code: string, _state: OptionState): never {
    throw new TypeError("option states are read-only");
  }

  override delete(_code: string): never {
    throw new TypeError("option states are read-only");
  }

  override clear(): never {
    throw new TypeError("option states are read-only");
  }
}

/** Time allowed to one reasoning call unless the caller says otherwise. */
export const DEFAULT_BUDGET_MS = 2000;
const MAX_HITTING_SET_CHECKS = 200_000;
/**
 * Clicks of the warm-up sessions at most. V8 optimises the click path on a background thread while
 * the clicks go on, so what the warm-up needs is time as much as clicks: on a car-sized model 60
 * clicks (about 70 ms on two busy cores) left the shopper's first 200 clicks three times slower than
 * later ones (p50 0.06–0.1 vs 0.02 ms), 1,000 clicks (or the budget, whichever comes first) do not.
 */
const WARM_UP_CLICKS = 1000;
/** Time after which a warm-up starts no more clicks, whatever the model's size. */
const WARM_UP_BUDGET_MS = 250;

/**
 * Answers the configurator's questions about a compiled model with an incremental SAT solver:
 * what every option's state is after the shopper's choices (the backbone), why an option is
 * forced or excluded (a minimal set of choices and rules), and the fewest choices to undo so that
 * an excluded option becomes possible. Every call has a time budget and says when it gave up.
 * @example
 * const reasoner = new Reasoner(compileModel(model));
 * reasoner.propagate([{ option: "W21", selected: true }]); // { status: "ok", states: Map { "SPORT" => "forced", … } }
 */
export class Reasoner {
  private readonly compiled: CompiledModel;
  private readonly solver: SatSolver;
  private explainer: { solver: SatSolver; selectors: number[] } | null = null;
  private readonly backbone: BackboneFinder;
  /** Option codes by variable (index 0 unused). */
  private readonly codes: string[];

  constructor(compiled: CompiledModel) {
    this.compiled = compiled;
    this.codes = ["", ...compiled.model.options.map((option) => option.code)];
    this.solver = new SatSolver(compiled.cnf.numVars);
    for (const clause of compiled.cnf.clauses) this.solver.addClause(clause);
    this.backbone = new BackboneFinder(this.solver, compiled.cnf, compiled.optionCount);
  }

  /**
   * The state of every option after `choices`: the backbone of the compiled formula under them
   * (see BackboneFinder: propagation, local repairs of the last model, and the solver for the rest).
   */
  propagate(choices: readonly Choice[], budgetMs = DEFAULT_BUDGET_MS): Propagation {
    const deadline = performance.now() + budgetMs;
    const assumptions = this.literals(choices);
    const found = this.backbone.find(assumptions, deadline);
    if (found.status === "unknown") return { status: "gave-up" };
    if (found.status === "unsat") {
      if (this.solver.solve(assumptions, { deadline }) !== "unsat") return { status: "gave-up" };
      return { status: "contradiction", conflicting: this.choicesOf(this.solver.core()) };
    }
    return { status: "ok", states: this.states(assumptions, found.backbone) };
  }

  /**
   * Clicks through a few seeded shopper sessions on this model (each a random free option chosen or
   * refused, until nothing is free; the states read both by iteration and by forEach), so that V8 has
   * optimised the click path before the shopper's first click; a page calls it once after
   * construction, as part of loading. Starts no click after `budgetMs` (each click has the usual budget, so the first one, the work of the page's first
   * render anyway, always finishes). It changes no answer: every later propagation is proven
   * afresh, and only starts from the models these sessions left. Returns how many clicks it made.
   * @example const reasoner = new Reasoner(compileModel(model)); reasoner.warmUp(); // 1000
   */
  warmUp(budgetMs = WARM_UP_BUDGET_MS): number {
    const deadline = performance.now() + budgetMs;
    const random = mulberry32(this.codes.length);
    let choices: Choice[] = [];
    let clicks = 0;
    while (clicks < WARM_UP_CLICKS && performance.now() < deadline) {
      const result = this.propagate(choices);
      clicks++;
      if (result.status !== "ok") break;
      const free: string[] = [];
      if (clicks % 2 === 0) {
        for (const [code, state] of result.states) if (state === "free") free.push(code);
      } else
        result.states.forEach((state, code) => {
          if (state === "free") free.push(code);
        });
      const option = free[Math.floor(random() * free.length)];
      choices = option === undefined ? [] : [...choices, { option, selected: random() < 0.5 }];
    }
    return clicks;
  }

  /**
   * Checks a rule base before it is published: "contradictory" (no car can be built, with a minimal
   * set of rules to blame), else the options that can never be chosen and those always fitted.
   */
  diagnose(budgetMs = DEFAULT_BUDGET_MS): Diagnosis {
    const result = this.propagate([], budgetMs);
    if (result.status === "gave-up") return result;
    if (result.status === "contradiction") {
      const { solver, selectors } = this.explainSolver();
      const core = this.minimalCore(solver, [], selectors, performance.now() + budgetMs);
      return core === null ? { status: "gave-up" } : { status: "contradictory", sources: this.describe(core).sources };
    }
    const having = (wanted: OptionState) =>
      [...result.states].filter(([, state]) => state === wanted).map(([code]) => code);
    return { status: "ok", dead: having("excluded"), mandatory: having("forced") };
  }

  /** Why `option` is forced (or excluded) by `choices`: a minimal set of choices and rules that imply it. */
  explain(choices: readonly Choice[], option: string, budgetMs = DEFAULT_BUDGET_MS): Explanation {
    const deadline = performance.now() + budgetMs;
    const v = this.varOf(option);
    const choiceLits = this.literals(choices);
    const forcedTrue = this.solver.solve([...choiceLits, -v], { deadline });
    const forcedFalse = forcedTrue === "unsat" ? "sat" : this.solver.solve([...choiceLits, v], { deadline });
    if (forcedTrue === "unknown" || forcedFalse === "unknown") return { status: "gave-up" };
    if (forcedTrue !== "unsat" && forcedFalse !== "unsat") return { status: "not-implied" };
    const negatedTarget = forcedTrue === "unsat" ? -v : v;
    const { solver, selectors } = this.explainSolver();
    const core = this.minimalCore(solver, [negatedTarget], [...choiceLits, ...selectors], deadline);
    if (core === null) return { status: "gave-up" };
    return { status: "ok", ...this.describe(core) };
  }

  /**
   * The fewest choices to give up so that `target` can be chosen, and the choices that result.
   * "impossible" when no choice is to blame: the rules alone rule the target out.
   */
  repair(choices: readonly Choice[], target: Choice, budgetMs = DEFAULT_BUDGET_MS): Repair {
    const deadline = performance.now() + budgetMs;
    const targetLit = this.literals([target])[0] as number;
    const others = choices.filter((choice) => choice.option !== target.option);
    const lits = this.literals(others);
    const cores: number[][] = [];
    for (;;) {
      const drop = minimumHittingSet(cores);
      if (drop === null) return { status: "gave-up" };
      const kept = lits.filter((lit) => !drop.includes(lit));
      const status = this.solver.solve([targetLit, ...kept], { deadline });
      if (status === "unknown") return { status: "gave-up" };
      if (status === "sat")
        return { status: "ok", drop: this.choicesOf(drop), choices: [...this.choicesOf(kept), target] };
      const core = this.solver.core().filter((lit) => lit !== targetLit);
      if (core.length === 0) {
        const { solver, selectors } = this.explainSolver();
        const blame = this.minimalCore(solver, [targetLit], selectors, deadline);
        return blame === null ? { status: "gave-up" } : { status: "impossible", sources: this.describe(blame).sources };
      }
      cores.push(core);
    }
  }

  private literals(choices: readonly Choice[]): number[] {
    return choices.map((choice) => (choice.selected ? 1 : -1) * this.varOf(choice.option));
  }

  private varOf(option: string): number {
    const v = this.compiled.varOf.get(option);
    if (v === undefined) throw new RangeError(`unknown option ${option}`);
    return v;
  }

  private choicesOf(lits: readonly number[]): Choice[] {
    return lits
      .filter((lit) => Math.abs(lit) <= this.compiled.optionCount)
      .map((lit) => ({ option: this.compiled.model.options[Math.abs(lit) - 1]?.code ?? "", selected: lit > 0 }));
  }

  private states(choiceLits: readonly number[], backbone: readonly number[]): OptionStates {
    const byVar = new Uint8Array(this.codes.length);
    for (const lit of backbone) byVar[Math.abs(lit)] = lit > 0 ? FORCED : EXCLUDED;
    for (const lit of choiceLits) byVar[Math.abs(lit)] = lit > 0 ? CHOSEN : REJECTED;
    return new OptionStates(this.codes, this.compiled.varOf, byVar);
  }

  /** A second solver whose clauses are switched on by one selector variable per source. */
  private explainSolver(): { solver: SatSolver; selectors: number[] } {
    if (this.explainer) return this.explainer;
    const { cnf, clauseSource, sources } = this.compiled;
    const solver = new SatSolver(cnf.numVars + sources.length);
    const selectors = sources.map((_, i) => cnf.numVars + 1 + i);
    cnf.clauses.forEach((clause, i) => {
      solver.addClause([-(selectors[clauseSource[i] as number] as number), ...clause]);
    });
    this.explainer = { solver, selectors };
    return this.explainer;
  }

  /** A subset of `soft` that, with `hard`, is unsatisfiable and minimal (deletion-based); null on timeout. */
  private minimalCore(solver: SatSolver, hard: number[], soft: number[], deadline: number): number[] | null {
    if (solver.solve([...hard, ...soft], { deadline }) !== "unsat") return null;
    let core = solver.core().filter((lit) => !hard.includes(lit));
    for (let i = 0; i < core.length; ) {
      const without = core.filter((_, j) => j !== i);
      const status = solver.solve([...hard, ...without], { deadline });
      if (status === "unknown") return null;
      if (status === "unsat") {
        const smaller = new Set(solver.core());
        core = without.filter((lit) => smaller.has(lit));
      } else {
        i++;
      }
    }
    return core;
  }

  private describe(core: readonly number[]): { choices: Choice[]; sources: Source[] } {
    const firstSelector = this.compiled.cnf.numVars + 1;
    return {
      choices: this.choicesOf(core.filter((lit) => lit < firstSelector)),
      sources: core
        .filter((lit) => lit >= firstSelector)
        .map((lit) => this.compiled.sources[lit - firstSelector] as Source),
    };
  }
}

/** A smallest set of literals meeting every core (brute force by size; cores are few and small). */
function minimumHittingSet(cores: readonly number[][]): number[] | null {
  const elements = [...new Set(cores.flat())].sort((a, b) => a - b);
  let checks = 0;
  for (let size = 0; size <= elements.length; size++) {
    for (const subset of combinations(elements, size)) {
      if (++checks > MAX_HITTING_SET_CHECKS) return null;
      if (cores.every((core) => core.some((lit) => subset.includes(lit)))) return subset;
    }
  }
  return null;
}

function* combinations<T>(items: readonly T[], size: number, start = 0): Generator<T[]> {
  if (size === 0) {
    yield [];
    return;
  }
  for (let i = start; i <= items.length - size; i++) {
    for (const rest of combinations(items, size - 1, i + 1)) yield [items[i] as T, ...rest];
  }
}
