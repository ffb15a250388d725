/**
 * Top-down exhaustive DPLL that records its search trace as a decision-DNNF (the Dsharp / sharpSAT / d4 scheme):
 * unit propagation, splitting of the residual formula into connected components, a cache of compiled components,
 * and decisions in a min-fill tree-decomposition order (as SharpSAT-TD; when that order is too costly, on the
 * variable with most residual occurrences). Every branch lists its implied literals and its free variables, so
 * the result is smooth. The search runs on an explicit stack: deep decision paths cannot overflow the call stack,
 * and it can stop at any step and resume later.
 */
import type { Cnf } from "./cnf.ts";
import { DagBuilder, type DecisionDnnf, FALSE_NODE } from "./ddnnf-dag.ts";
import { EliminationOrder } from "./ddnnf-order.ts";

/** The finished DAG, or why there is none yet: "timeout" (more `advance` calls continue) or "too-large" (final). */
export type CompileOutcome = { ok: true; dag: DecisionDnnf } | { ok: false; reason: "timeout" | "too-large" };

export interface CompileLimits {
  /** performance.now() value after which compilation gives up. */
  deadline: number;
  maxNodes: number;
}

/** A connected part of the residual formula: its unassigned variables (ascending) and its cache key. */
interface Component {
  variables: number[];
  key: string;
  branchVariable: number;
}

/** Conditioning on a literal (or the root), waiting for the compilation of its pending components. */
interface BranchFrame {
  isDecision: false;
  trailMark: number;
  children: number[];
  pending: Component[];
  nextPending: number;
}

/** A component being compiled as DECISION(v, high, low). */
interface DecisionFrame {
  isDecision: true;
  component: Component;
  high: number;
  awaitingLow: boolean;
}

type Frame = BranchFrame | DecisionFrame;

const NO_RESULT = -1;
const STEPS_BETWEEN_CLOCK_CHECKS = 8;
/** Length (UTF-16 code units) of the keys in the young cache generation before it becomes the old one. */
const CACHE_GENERATION_BUDGET = 2 ** 23;
/** Keys up to this many code units are built by String.fromCharCode, longer ones by a TextDecoder. */
const SHORT_KEY = 128;
const utf16Decoder = new TextDecoder("utf-16le");
const shortKeyCodes: number[] = [];

/**
 * A compilation of `cnf` that can run in slices: each `advance` works until its deadline and says "timeout" when
 * there is more to do, so idle time can finish what a time budget started. Throws RangeError on a literal outside
 * ±1..±numVars.
 * @example
 * const compilation = new TraceCompilation({ numVars: 2, clauses: [[1, 2]] });
 * compilation.advance({ deadline: performance.now() + 5, maxNodes: 1e6 }).ok; // true, unless 5 ms were not enough
 */
export class TraceCompilation {
  private readonly numVars: number;
  /** Before the search: the clauses and their decision order, found first (also in slices). */
  private clauses: number[][] | null;
  private order: EliminationOrder | null = null;
  private compiler: TraceCompiler | null = null;
  private outcome: CompileOutcome | null = null;

  constructor(cnf: Cnf) {
    this.numVars = cnf.numVars;
    this.clauses = normaliseClauses(cnf);
    if (this.clauses === null) this.outcome = { ok: true, dag: new DagBuilder(cnf.numVars).finish(FALSE_NODE) };
  }

  /** Works until the DAG is done, `limits.deadline` passes ("timeout": call again) or it outgrows `limits.maxNodes`. */
  advance(limits: CompileLimits): CompileOutcome {
    if (this.outcome !== null) return this.outcome;
    if (this.compiler === null) {
      const clauses = this.clauses as number[][];
      this.order ??= new EliminationOrder(this.numVars, clauses);
      const ranks = this.order.advance(limits.deadline);
      if (ranks === "pending") return { ok: false, reason: "timeout" };
      this.compiler = new TraceCompiler(indexFormula(this.numVars, clauses), ranks, new DagBuilder(this.numVars));
      this.clauses = null;
      this.order = null;
    }
    const outcome = this.compiler.advance(limits);
    if (outcome.ok || outcome.reason === "too-large") {
      this.outcome = outcome;
      this.compiler = null;
    }
    return outcome;
  }
}

/** The clauses with sorted distinct literals and without tautologies; null when one of them is empty. */
function normaliseClauses({ numVars, clauses }: Cnf): number[][] | null {
  if (!Number.isSafeInteger(numVars) || numVars < 0) {
    throw new RangeError(`numVars must be a natural number: ${numVars}`);
  }
  const kept: number[][] = [];
  for (const clause of clauses) {
    for (const lit of clause) {
      if (!Number.isInteger(lit) || lit === 0 || Math.abs(lit) > numVars) {
        throw new RangeError(`literal ${lit} is not in ±1..±${numVars}`);
      }
    }
    const sorted = [...new Set(clause)].sort((a, b) => Math.abs(a) - Math.abs(b) || a - b);
    if (sorted.length === 0) return null;
    if (!sorted.some((lit, at) => at > 0 && sorted[at - 1] === -lit)) kept.push(sorted);
  }
  return kept;
}

/** Lists grouped by key: the items of key k are items[start[k] .. start[k + 1]). */
interface Rows {
  start: Int32Array;
  items: Int32Array;
}

/** The clauses in one flat array, indexed for propagation and for the component search. */
interface Formula {
  numVars: number;
  clauseCount: number;
  clauseStart: Int32Array;
  clauseLiterals: Int32Array;
  /** Clauses of each literal, by literalIndex. */
  occurrences: Rows;
  /** For each variable, the other variable of each binary clause it is in (active exactly when both are unassigned). */
  binaryNeighbours: Rows;
  /** For each variable, the clauses of three or more literals it is in. */
  longOccurrences: Rows;
}

/**
 * The string of the first `length` UTF-16 code units of `units`, all below 0x8000: never surrogates, so
 * decoding is lossless.
 * @example textOf(Uint16Array.of(72, 105, 33), 2) // "Hi"
 */
function textOf(units: Uint16Array, length: number): string {
  if (length > SHORT_KEY) return utf16Decoder.decode(units.subarray(0, length));
  const codes = shortKeyCodes;
  codes.length = length;
  for (let at = 0; at < length; at++) codes[at] = units[at] as number;
  return String.fromCharCode.apply(null, codes);
}

/** Inserts `item` into the ascending list[from .. end), making it list[from .. end + 1). */
function insertSorted(list: Int32Array, from: number, end: number, item: number): void {
  let at = end;
  for (; at > from && (list[at - 1] as number) > item; at--) list[at] = list[at - 1] as number;
  list[at] = item;
}

/** Index of a literal in per-literal arrays: 2v for v, 2v + 1 for ¬v. */
function literalIndex(lit: number): number {
  return lit > 0 ? 2 * lit : -2 * lit + 1;
}

/** The flat clause array and its three indexes. */
function indexFormula(numVars: number, clauses: readonly (readonly number[])[]): Formula {
  const clauseStart = new Int32Array(clauses.length + 1);
  const literalKeys: number[] = [];
  const literalClauses: number[] = [];
  const binaryKeys: number[] = [];
  const binaryOthers: number[] = [];
  const longKeys: number[] = [];
  const longClauses: number[] = [];
  for (const [at, clause] of clauses.entries()) {
    clauseStart[at + 1] = (clauseStart[at] as number) + clause.length;
    for (const lit of clause) {
      literalKeys.push(literalIndex(lit));
      literalClauses.push(at);
      if (clause.length >= 3) {
        longKeys.push(Math.abs(lit));
        longClauses.push(at);
      }
    }
    const [first, second] = clause;
    if (clause.length === 2 && first !== undefined && second !== undefined) {
      binaryKeys.push(Math.abs(first), Math.abs(second));
      binaryOthers.push(Math.abs(second), Math.abs(first));
    }
  }
  return {
    numVars,
    clauseCount: clauses.length,
    clauseStart,
    clauseLiterals: Int32Array.from(clauses.flat()),
    occurrences: rowsOf(2 * numVars + 2, literalKeys, literalClauses),
    binaryNeighbours: rowsOf(numVars + 1, binaryKeys, binaryOthers),
    longOccurrences: rowsOf(numVars + 1, longKeys, longClauses),
  };
}

/** Groups items[i] under keys[i] (keys in 0..keyCount - 1), keeping their order. */
function rowsOf(keyCount: number, keys: readonly number[], items: readonly number[]): Rows {
  const start = new Int32Array(keyCount + 1);
  for (const key of keys) start[key + 1] = (start[key + 1] as number) + 1;
  for (let key = 1; key <= keyCount; key++) start[key] = (start[key] as number) + (start[key - 1] as number);
  const grouped = new Int32Array(items.length);
  const next = start.slice(0, keyCount);
  for (const [at, key] of keys.entries()) {
    const slot = next[key] as number;
    grouped[slot] = items[at] as number;
    next[key] = slot + 1;
  }
  return { start, items: grouped };
}

class TraceCompiler {
  private readonly formula: Formula;
  /** Static decision priority (higher first), or null to decide by residual occurrences alone. */
  private readonly ranks: Int32Array | null;
  private readonly dag: DagBuilder;
  /** The search so far: its frames, and the node the last step produced (NO_RESULT when it pushed a frame). */
  private readonly stack: Frame[] = [];
  private result = NO_RESULT;
  private started = false;
  /** 0 unassigned, 1 true, -1 false. */
  private readonly value: Int8Array;
  private readonly trueLiterals: Int32Array;
  /** Literals of the clause not yet propagated as false. */
  private readonly openLiterals: Int32Array;
  private readonly trail: Int32Array;
  private trailLength = 0;
  private propagated = 0;
  private readonly variableStamp: Int32Array;
  private readonly clauseStamp: Int32Array;
  private stamp = 0;
  /** Occurrences of each variable in the unsatisfied clauses of its component, for decisions without ranks. */
  private readonly score: Int32Array;
  /** Scratch for opening a branch: each variable's group (component) number, -1 when free ... */
  private readonly componentOf: Int32Array;
  private readonly toExplore: Int32Array;
  /** ... the groups' variables, ascending, group g in grouped[groupStart[g] .. groupStart[g + 1]) ... */
  private readonly grouped: Int32Array;
  private readonly groupStart: Int32Array;
  private readonly groupFill: Int32Array;
  /** ... and their reduced clauses (having lost literals), reducedClauses[reducedStart[g] .. reducedStart[g + 1]). */
  private readonly reducedClauses: Int32Array;
  private readonly reducedStart: Int32Array;
  /** Scratch space for the code units of a cache key. */
  private keyUnits = new Uint16Array(256);
  /** Whether key numbers take two 15-bit code units rather than one. */
  private readonly wideNumbers: boolean;
  /** Compiled components by key, in two generations: young entries, and the ones from before the last turnover. */
  private youngCache = new Map<string, number>();
  private oldCache = new Map<string, number>();
  private youngKeyLength = 0;

  constructor(formula: Formula, ranks: Int32Array | null, dag: DagBuilder) {
    this.formula = formula;
    this.ranks = ranks;
    this.dag = dag;
    const { numVars, clauseCount, clauseStart } = formula;
    this.value = new Int8Array(numVars + 1);
    this.trueLiterals = new Int32Array(clauseCount);
    this.openLiterals = new Int32Array(clauseCount);
    for (let clause = 0; clause < clauseCount; clause++) {
      this.openLiterals[clause] = (clauseStart[clause + 1] as number) - (clauseStart[clause] as number);
    }
    this.trail = new Int32Array(numVars);
    this.variableStamp = new Int32Array(numVars + 1);
    this.clauseStamp = new Int32Array(clauseCount);
    this.score = new Int32Array(numVars + 1);
    this.componentOf = new Int32Array(numVars + 1);
    this.toExplore = new Int32Array(numVars);
    this.grouped = new Int32Array(numVars);
    this.groupStart = new Int32Array(numVars + 1);
    this.groupFill = new Int32Array(numVars + 1);
    this.reducedClauses = new Int32Array(clauseCount);
    this.reducedStart = new Int32Array(numVars + 1);
    this.wideNumbers = Math.max(numVars, clauseCount) > 0x7fff;
  }

  /** Continues the search until it is done or a limit is reached (see TraceCompilation.advance). */
  advance(limits: CompileLimits): CompileOutcome {
    const { dag, stack } = this;
    if (!this.started) {
      this.started = true;
      if (!this.start()) return { ok: true, dag: dag.finish(FALSE_NODE) };
    }
    let steps = 0;
    while (stack.length > 0) {
      if (++steps % STEPS_BETWEEN_CLOCK_CHECKS === 0 && performance.now() > limits.deadline) {
        return { ok: false, reason: "timeout" };
      }
      if (dag.size > limits.maxNodes) return { ok: false, reason: "too-large" };
      const frame = stack[stack.length - 1] as Frame;
      this.result = frame.isDecision
        ? this.resumeDecision(frame, this.result, stack)
        : this.resumeBranch(frame, this.result, stack);
    }
    if (dag.size > limits.maxNodes) return { ok: false, reason: "too-large" };
    return { ok: true, dag: dag.finish(this.result) };
  }

  /** Asserts the unit clauses and opens the root branch; false when they contradict each other. */
  private start(): boolean {
    const { formula } = this;
    for (let clause = 0; clause < formula.clauseCount; clause++) {
      const start = formula.clauseStart[clause] as number;
      if ((formula.clauseStart[clause + 1] as number) - start !== 1) continue;
      const lit = formula.clauseLiterals[start] as number;
      const current = this.value[Math.abs(lit)] as number;
      if (current === 0) this.assign(lit);
      else if (current !== Math.sign(lit)) return false;
    }
    if (!this.propagate()) return false;
    const allVariables = Array.from({ length: formula.numVars }, (_, at) => at + 1);
    this.result = this.openBranch(allVariables, 0, 0, this.stack);
    return true;
  }

  /** Takes the node of the high branch and starts the low one, or takes the low one and finishes the decision. */
  private resumeDecision(frame: DecisionFrame, branchNode: number, stack: Frame[]): number {
    const { component } = frame;
    if (!frame.awaitingLow) {
      frame.high = branchNode;
      frame.awaitingLow = true;
      return this.decide(component, -component.branchVariable, stack);
    }
    stack.pop();
    const node = this.dag.decision(component.branchVariable, frame.high, branchNode);
    this.remember(component.key, node);
    return node;
  }

  /** Takes the node of a finished component (NO_RESULT on entry) and starts the next, or finishes the branch. */
  private resumeBranch(frame: BranchFrame, componentNode: number, stack: Frame[]): number {
    if (componentNode === FALSE_NODE) {
      this.undo(frame.trailMark);
      stack.pop();
      return FALSE_NODE;
    }
    if (componentNode !== NO_RESULT) frame.children.push(componentNode);
    const component = frame.pending[frame.nextPending++];
    if (component === undefined) {
      this.undo(frame.trailMark);
      stack.pop();
      return this.dag.and(frame.children);
    }
    stack.push({ isDecision: true, component, high: NO_RESULT, awaitingLow: false });
    return this.decide(component, component.branchVariable, stack);
  }

  /** Conditions `component` on `lit`: the node at once, or NO_RESULT after pushing a frame that will produce it. */
  private decide(component: Component, lit: number, stack: Frame[]): number {
    const mark = this.trailLength;
    this.assign(lit);
    if (!this.propagate()) {
      this.undo(mark);
      return FALSE_NODE;
    }
    return this.openBranch(component.variables, mark, mark + 1, stack);
  }

  /**
   * After propagation: conjoins the implied literals (trail from `firstImplied`), the variables of `variables`
   * left unconstrained, and the components the rest splits into; cached components are used at once, the others
   * are left pending on a new frame. Undoes the trail to `mark` unless it pushes that frame.
   */
  private openBranch(variables: readonly number[], mark: number, firstImplied: number, stack: Frame[]): number {
    const { dag, value, variableStamp, componentOf, grouped, groupStart, groupFill, reducedStart } = this;
    const children: number[] = [];
    for (let at = firstImplied; at < this.trailLength; at++) children.push(dag.literal(this.trail[at] as number));
    this.stamp++;
    let groups = 0;
    for (const variable of variables) {
      if (value[variable] !== 0 || variableStamp[variable] === this.stamp) continue;
      if (this.explore(variable, groups)) groups++;
      else children.push(dag.free(variable));
    }
    if (groups === 0) {
      this.undo(mark);
      return dag.and(children);
    }
    groupFill.set(groupStart.subarray(0, groups));
    for (const variable of variables) {
      const group = componentOf[variable] as number;
      if (value[variable] !== 0 || group < 0) continue;
      const slot = groupFill[group] as number;
      grouped[slot] = variable;
      groupFill[group] = slot + 1;
    }
    const pending: Component[] = [];
    for (let group = 0; group < groups; group++) {
      const from = groupStart[group] as number;
      const to = groupStart[group + 1] as number;
      const key = this.componentKey(from, to, reducedStart[group] as number, reducedStart[group + 1] as number);
      const cached = this.recall(key);
      if (cached === FALSE_NODE) {
        this.undo(mark);
        return FALSE_NODE;
      }
      if (cached !== undefined) children.push(cached);
      else pending.push(this.pendingComponent(from, to, key));
    }
    if (pending.length === 0) {
      this.undo(mark);
      return dag.and(children);
    }
    pending.sort((a, b) => a.variables.length - b.variables.length);
    stack.push({ isDecision: false, trailMark: mark, children, pending, nextPending: 0 });
    return NO_RESULT;
  }

  /**
   * Visits the connected component of unassigned `start` through unsatisfied clauses as group `group`: marks its
   * variables in componentOf, sizes the group in groupStart and lists its reduced clauses (sorted) from
   * reducedStart[group]. False, with `start` marked -1, when `start` is in no such clause (a free variable).
   */
  private explore(start: number, group: number): boolean {
    const { clauseStart, clauseLiterals, binaryNeighbours, longOccurrences } = this.formula;
    const { value, variableStamp, clauseStamp, trueLiterals, score, stamp, componentOf, toExplore, reducedClauses } =
      this;
    if (group === 0) {
      this.groupStart[0] = 0;
      this.reducedStart[0] = 0;
    }
    const firstReduced = this.reducedStart[group] as number;
    let reducedEnd = firstReduced;
    let variableCount = 1;
    let inActiveClause = false;
    toExplore[0] = start;
    variableStamp[start] = stamp;
    componentOf[start] = group;
    score[start] = 0;
    for (let next = 0; next < variableCount; next++) {
      const variable = toExplore[next] as number;
      const binaryEnd = binaryNeighbours.start[variable + 1] as number;
      for (let at = binaryNeighbours.start[variable] as number; at < binaryEnd; at++) {
        const other = binaryNeighbours.items[at] as number;
        if (value[other] !== 0) continue;
        inActiveClause = true;
        score[variable] = (score[variable] as number) + 1;
        if (variableStamp[other] === stamp) continue;
        variableStamp[other] = stamp;
        componentOf[other] = group;
        score[other] = 0;
        toExplore[variableCount++] = other;
      }
      const longEnd = longOccurrences.start[variable + 1] as number;
      for (let at = longOccurrences.start[variable] as number; at < longEnd; at++) {
        const clause = longOccurrences.items[at] as number;
        if (trueLiterals[clause] !== 0 || clauseStamp[clause] === stamp) continue;
        clauseStamp[clause] = stamp;
        inActiveClause = true;
        const clauseEnd = clauseStart[clause + 1] as number;
        let reduced = false;
        for (let position = clauseStart[clause] as number; position < clauseEnd; position++) {
          const other = Math.abs(clauseLiterals[position] as number);
          if (value[other] !== 0) {
            reduced = true;
            continue;
          }
          if (variableStamp[other] !== stamp) {
            variableStamp[other] = stamp;
            componentOf[other] = group;
            score[other] = 0;
            toExplore[variableCount++] = other;
          }
          score[other] = (score[other] as number) + 1;
        }
        if (reduced) insertSorted(reducedClauses, firstReduced, reducedEnd++, clause);
      }
    }
    if (!inActiveClause) {
      componentOf[start] = -1;
      return false;
    }
    this.groupStart[group + 1] = (this.groupStart[group] as number) + variableCount;
    this.reducedStart[group + 1] = reducedEnd;
    return true;
  }

  /** Component of grouped[from .. to), to compile: its variables and the one to decide first. */
  private pendingComponent(from: number, to: number, key: string): Component {
    const { ranks, score, grouped } = this;
    const variables: number[] = [];
    let best = grouped[from] as number;
    for (let at = from; at < to; at++) {
      const variable = grouped[at] as number;
      variables.push(variable);
      const lead =
        ranks === null
          ? (score[variable] as number) - (score[best] as number)
          : (ranks[variable] as number) - (ranks[best] as number);
      if (lead > 0) best = variable;
    }
    return { variables, key, branchVariable: best };
  }

  /**
   * Canonical text of a residual component: its variables (grouped[from .. to), ascending), then the numbers of
   * its clauses that have lost literals (reducedClauses[reducedFrom .. reducedTo), ascending). That fixes the
   * residual clauses exactly, as in sharpSAT: an untouched clause belongs to the component exactly when all its
   * variables do, and a reduced clause keeps just its literals over the component's variables (the others are
   * false). The variables are written as a list or, when shorter, as a bitmap from the lowest one (15 bits a
   * unit, read until all `count` are seen); the first unit says which. Equal keys mean equal formulas.
   */
  private componentKey(from: number, to: number, reducedFrom: number, reducedTo: number): string {
    const { grouped, reducedClauses } = this;
    const width = this.wideNumbers ? 2 : 1;
    const count = to - from;
    const lowest = grouped[from] as number;
    const bitmapLength = Math.ceil(((grouped[to - 1] as number) - lowest + 1) / 15);
    const asBitmap = bitmapLength + width < count * width;
    const length = 1 + width + (asBitmap ? width + bitmapLength : count * width) + width * (reducedTo - reducedFrom);
    if (this.keyUnits.length < length) this.keyUnits = new Uint16Array(2 * length);
    const units = this.keyUnits;
    let at = 0;
    const put = (number: number) => {
      if (width === 2) units[at++] = number >>> 15;
      units[at++] = number & 0x7fff;
    };
    units[at++] = asBitmap ? 1 : 0;
    put(count);
    if (asBitmap) {
      put(lowest);
      units.fill(0, at, at + bitmapLength);
      for (let position = from; position < to; position++) {
        const offset = (grouped[position] as number) - lowest;
        const unit = at + Math.floor(offset / 15);
        units[unit] = (units[unit] as number) | (1 << (offset % 15));
      }
      at += bitmapLength;
    } else {
      for (let position = from; position < to; position++) put(grouped[position] as number);
    }
    for (let position = reducedFrom; position < reducedTo; position++) put(reducedClauses[position] as number);
    return textOf(units, length);
  }

  /** The node of a compiled component, if cached; an old-generation hit is carried into the young one. */
  private recall(key: string): number | undefined {
    const young = this.youngCache.get(key);
    if (young !== undefined) return young;
    const old = this.oldCache.get(key);
    if (old !== undefined) this.remember(key, old);
    return old;
  }

  /** Caches a compiled component; when the young generation is full, the old one is dropped. */
  private remember(key: string, node: number): void {
    this.youngCache.set(key, node);
    this.youngKeyLength += key.length;
    if (this.youngKeyLength <= CACHE_GENERATION_BUDGET) return;
    this.oldCache = this.youngCache;
    this.youngCache = new Map();
    this.youngKeyLength = 0;
  }

  private assign(lit: number): void {
    this.value[Math.abs(lit)] = lit > 0 ? 1 : -1;
    this.trail[this.trailLength++] = lit;
  }

  /** Unit propagation over the trail; false on a conflict (counters stay consistent for `undo`). */
  private propagate(): boolean {
    const { start: occurrenceStart, items: occurrences } = this.formula.occurrences;
    const { trueLiterals, openLiterals } = this;
    while (this.propagated < this.trailLength) {
      const lit = this.trail[this.propagated++] as number;
      const made = literalIndex(lit);
      const madeEnd = occurrenceStart[made + 1] as number;
      for (let at = occurrenceStart[made] as number; at < madeEnd; at++) {
        const clause = occurrences[at] as number;
        trueLiterals[clause] = (trueLiterals[clause] as number) + 1;
      }
      const broken = literalIndex(-lit);
      const brokenEnd = occurrenceStart[broken + 1] as number;
      let consistent = true;
      for (let at = occurrenceStart[broken] as number; at < brokenEnd; at++) {
        const clause = occurrences[at] as number;
        const open = (openLiterals[clause] as number) - 1;
        openLiterals[clause] = open;
        if (trueLiterals[clause] !== 0 || open > 1) continue;
        if (open === 0) consistent = false;
        else if (consistent) this.assignLastOpen(clause);
      }
      if (!consistent) return false;
    }
    return true;
  }

  /** Assigns the one literal of a unit clause that is still unassigned, if it is not already assigned. */
  private assignLastOpen(clause: number): void {
    const { clauseStart, clauseLiterals } = this.formula;
    const end = clauseStart[clause + 1] as number;
    for (let position = clauseStart[clause] as number; position < end; position++) {
      const lit = clauseLiterals[position] as number;
      if (this.value[Math.abs(lit)] === 0) {
        this.assign(lit);
        return;
      }
    }
  }

  /** Unassigns the trail back to length `mark`, reverting the counters of propagated literals. */
  private undo(mark: number): void {
    const { start: occurrenceStart, items: occurrences } = this.formula.occurrences;
    const { trueLiterals, openLiterals } = this;
    for (let at = this.trailLength - 1; at >= mark; at--) {
      const lit = this.trail[at] as number;
      if (at < this.propagated) {
        const made = literalIndex(lit);
        const madeEnd = occurrenceStart[made + 1] as number;
        for (let k = occurrenceStart[made] as number; k < madeEnd; k++) {
          const clause = occurrences[k] as number;
          trueLiterals[clause] = (trueLiterals[clause] as number) - 1;
        }
        const broken = literalIndex(-lit);
        const brokenEnd = occurrenceStart[broken + 1] as number;
        for (let k = occurrenceStart[broken] as number; k < brokenEnd; k++) {
          const clause = occurrences[k] as number;
          openLiterals[clause] = (openLiterals[clause] as number) + 1;
        }
      }
      this.value[Math.abs(lit)] = 0;
    }
    this.trailLength = mark;
    this.propagated = mark;
  }
}
