/**
 * An incremental CDCL SAT solver (two watched literals, 1-UIP learning with local minimisation,
 * VSIDS, phase saving, Luby restarts, learnt-clause reduction by LBD), solving under assumptions
 * and explaining failures by the subset of assumptions responsible. Literals are DIMACS style:
 * +v / -v for variables 1..n. It is the configurator's reasoning core, so it has no dependencies.
 */

export type SolveStatus = "sat" | "unsat" | "unknown";

export interface SolveOptions {
  /**
   * Literals to decide first, in order, whenever they are still open: a model as close to them
   * as the clauses allow is found (they are preferences, not assumptions).
   */
  prefer?: readonly number[];
}

export interface SolveBudget {
  /** performance.now() value after which the solver gives up with "unknown". */
  deadline?: number;
  /** Conflicts after which the solver gives up with "unknown". */
  maxConflicts?: number;
}

const UNDEF = -1;
const TRUE = 1;
const FALSE = 0;

const toInternal = (lit: number) => (lit > 0 ? lit << 1 : (-lit << 1) | 1);
const toExternal = (lit: number) => (lit & 1 ? -(lit >> 1) : lit >> 1);

function luby(index: number): number {
  let size = 1;
  let sequence = 0;
  while (size < index + 1) {
    sequence++;
    size = 2 * size + 1;
  }
  let x = index;
  while (size - 1 !== x) {
    size = (size - 1) >> 1;
    sequence--;
    x %= size;
  }
  return 2 ** sequence;
}

/**
 * @example
 * const solver = new SatSolver(3);
 * solver.addClause([1, 2]); solver.addClause([-1, 3]);
 * solver.solve([-2]); // "sat", with solver.value(1) === true and solver.value(3) === true
 * solver.solve([-2, -3]); // "unsat", solver.core() is [-2, -3]
 */
export class SatSolver {
  private numVars = 0;
  private capacity = 0;
  private assigns = new Int8Array(0);
  private level = new Int32Array(0);
  private reason = new Int32Array(0);
  private activity = new Float64Array(0);
  private polarity = new Uint8Array(0);
  private seen = new Uint8Array(0);
  private heap: number[] = [];
  private heapIndex = new Int32Array(0);
  private watches: number[][] = [];
  private trail = new Int32Array(0);
  private trailSize = 0;
  private trailLim: number[] = [];
  private qhead = 0;
  private clauses: (Int32Array | null)[] = [];
  private learnt: boolean[] = [];
  private lbd: number[] = [];
  private learntCount = 0;
  private maxLearnts = 2000;
  private varIncrement = 1;
  private ok = true;
  private modelValues = new Uint8Array(0);
  private failed: number[] = [];
  private preferred: number[] = [];
  private preferredAt = 0;
  /** The assumptions implied() left propagated on the trail, and the decision level after each. */
  private readonly keptAssumptions: number[] = [];
  private readonly keptLevels: number[] = [];
  /** Conflicts met over the solver's life (for benchmarks). */
  conflicts = 0;

  constructor(numVars = 0) {
    this.ensureVars(numVars);
  }

  /** Number of variables. */
  get variables(): number {
    return this.numVars;
  }

  /** Adds a fresh variable and returns it (e.g. to activate a temporary clause). */
  newVar(): number {
    this.ensureVars(this.numVars + 1);
    return this.numVars;
  }

  /** Adds a clause; returns false once the clauses are unsatisfiable without any assumption. */
  addClause(literals: readonly number[]): boolean {
    if (!this.ok) return false;
    this.cancelUntil(0);
    const lits: number[] = [];
    for (const external of literals) {
      const v = Math.abs(external);
      if (v === 0 || !Number.isInteger(v)) throw new RangeError(`invalid literal ${external}`);
      this.ensureVars(v);
      const lit = toInternal(external);
      const value = this.litValue(lit);
      if (value === TRUE || lits.includes(lit ^ 1)) return true;
      if (value === FALSE || lits.includes(lit)) continue;
      lits.push(lit);
    }
    if (lits.length === 0) {
      this.ok = false;
      return false;
    }
    if (lits.length === 1) {
      this.enqueue(lits[0] as number, UNDEF);
      this.ok = this.propagate() === UNDEF;
      return this.ok;
    }
    this.attach(Int32Array.from(lits), false, 0);
    return true;
  }

  /** Solves under the assumptions (literals that must hold for this call only). */
  solve(assumptions: readonly number[] = [], budget: SolveBudget & SolveOptions = {}): SolveStatus {
    this.failed = [];
    this.cancelUntil(0);
    if (!this.ok) return "unsat";
    for (const a of assumptions) this.ensureVars(Math.abs(a));
    const internal = assumptions.map(toInternal);
    this.preferred = (budget.prefer ?? []).map(toInternal);
    this.preferredAt = 0;
    const startConflicts = this.conflicts;
    let status: SolveStatus | null = null;
    for (let restart = 0; status === null; restart++) {
      status = this.search(100 * luby(restart), internal, budget, startConflicts);
    }
    this.cancelUntil(0);
    return status;
  }

  /**
   * The literals that unit propagation alone derives from the assumptions (the assumptions
   * included), without search; null when propagation already finds a conflict. The propagated
   * assumptions stay on the trail until another call needs it, so that a call whose assumptions
   * extend the last one's (the next click, a probe of one more literal) only propagates what is new.
   */
  implied(assumptions: readonly number[]): number[] | null {
    if (!this.propagateAssumptions(assumptions)) return null;
    const found = new Array<number>(this.trailSize);
    for (let i = 0; i < this.trailSize; i++) found[i] = toExternal(this.trail[i] as number);
    return found;
  }

  /** Whether unit propagation alone finds the assumptions and `lit` in conflict (see implied). */
  refutes(assumptions: readonly number[], lit: number): boolean {
    return !this.propagateAssumptions(assumptions, lit);
  }

  /**
   * Propagates the assumptions (then `extra`, unless 0) one decision level each, reusing the levels
   * kept from the last call for the longest prefix it shares with it; false (and level 0) on a conflict.
   */
  private propagateAssumptions(assumptions: readonly number[], extra = 0): boolean {
    if (!this.ok) return false;
    const count = assumptions.length + (extra === 0 ? 0 : 1);
    const at = (i: number) => (i < assumptions.length ? (assumptions[i] as number) : extra);
    let shared = 0;
    const kept = this.keptAssumptions;
    while (shared < kept.length && shared < count && kept[shared] === at(shared)) shared++;
    this.cancelUntil(shared === 0 ? 0 : (this.keptLevels[shared - 1] as number));
    kept.length = shared;
    this.keptLevels.length = shared;
    let conflict = this.propagate() !== UNDEF;
    for (let i = shared; i < count && !conflict; i++) {
      const external = at(i);
      this.ensureVars(Math.abs(external));
      const lit = toInternal(external);
      const value = this.litValue(lit);
      if (value === FALSE) conflict = true;
      else if (value === UNDEF) {
        this.trailLim.push(this.trailSize);
        this.enqueue(lit, UNDEF);
        conflict = this.propagate() !== UNDEF;
      }
      kept.push(external);
      this.keptLevels.push(this.decisionLevel());
    }
    if (!conflict) return true;
    this.cancelUntil(0);
    kept.length = 0;
    this.keptLevels.length = 0;
    return false;
  }

  /** After "sat": the value of a variable in the model found. */
  value(variable: number): boolean {
    return this.modelValues[variable] === 1;
  }

  /** After "sat": the model, indexed by variable (index 0 unused), 1 = true. */
  model(): Uint8Array {
    return this.modelValues.slice();
  }

  /** After "unsat": assumptions that together cannot hold (empty when the clauses alone are unsatisfiable). */
  core(): number[] {
    return this.failed.slice();
  }

  private ensureVars(count: number): void {
    if (count <= this.numVars) return;
    if (count >= this.capacity) this.grow(Math.max(count + 1, this.capacity * 2, 16));
    for (let v = this.numVars + 1; v <= count; v++) {
      this.assigns[v] = UNDEF;
      this.heapIndex[v] = -1;
      this.watches.push([], []);
      this.heapInsert(v);
    }
    this.numVars = count;
  }

  private grow(capacity: number): void {
    const copy = <T extends Int8Array | Int32Array | Float64Array | Uint8Array>(from: T, to: T): T => {
      to.set(from);
      return to;
    };
    this.assigns = copy(this.assigns, new Int8Array(capacity));
    this.level = copy(this.level, new Int32Array(capacity));
    this.reason = copy(this.reason, new Int32Array(capacity));
    this.activity = copy(this.activity, new Float64Array(capacity));
    this.polarity = copy(this.polarity, new Uint8Array(capacity));
    this.seen = copy(this.seen, new Uint8Array(capacity));
    this.heapIndex = copy(this.heapIndex, new Int32Array(capacity));
    this.trail = copy(this.trail, new Int32Array(capacity));
    if (this.watches.length === 0) this.watches.push([], []);
    this.capacity = capacity;
  }

  private litValue(lit: number): number {
    const value = this.assigns[lit >> 1] as number;
    return value === UNDEF ? UNDEF : value ^ (lit & 1);
  }

  private decisionLevel(): number {
    return this.trailLim.length;
  }

  private enqueue(lit: number, reason: number): void {
    const v = lit >> 1;
    this.assigns[v] = (lit & 1) ^ 1;
    this.level[v] = this.decisionLevel();
    this.reason[v] = reason;
    this.trail[this.trailSize++] = lit;
  }

  private attach(lits: Int32Array, learnt: boolean, lbd: number): number {
    const index = this.clauses.length;
    this.clauses.push(lits);
    this.learnt.push(learnt);
    this.lbd.push(lbd);
    if (learnt) this.learntCount++;
    (this.watches[lits[0] as number] as number[]).push(index);
    (this.watches[lits[1] as number] as number[]).push(index);
    return index;
  }

  /** Unit propagation; returns the index of a conflicting clause, or UNDEF. */
  private propagate(): number {
    let conflict = UNDEF;
    while (this.qhead < this.trailSize && conflict === UNDEF) {
      const falseLit = (this.trail[this.qhead++] as number) ^ 1;
      const watching = this.watches[falseLit] as number[];
      let keep = 0;
      let i = 0;
      for (; i < watching.length; i++) {
        const index = watching[i] as number;
        const clause = this.clauses[index];
        if (!clause) continue;
        if (clause[0] === falseLit) {
          clause[0] = clause[1] as number;
          clause[1] = falseLit;
        }
        const first = clause[0] as number;
        if (this.litValue(first) === TRUE) {
          watching[keep++] = index;
          continue;
        }
        let moved = false;
        for (let k = 2; k < clause.length; k++) {
          const candidate = clause[k] as number;
          if (this.litValue(candidate) !== FALSE) {
            clause[1] = candidate;
            clause[k] = falseLit;
            (this.watches[candidate] as number[]).push(index);
            moved = true;
            break;
          }
        }
        if (moved) continue;
        watching[keep++] = index;
        if (this.litValue(first) === FALSE) {
          conflict = index;
          for (i++; i < watching.length; i++) watching[keep++] = watching[i] as number;
          break;
        }
        this.enqueue(first, index);
      }
      watching.length = keep;
    }
    return conflict;
  }

  private analyze(conflictIndex: number): { learnt: number[]; backtrackLevel: number } {
    const learnt: number[] = [0];
    const marked: number[] = [];
    let pathCount = 0;
    let lit = UNDEF;
    let index = this.trailSize - 1;
    let clause = this.clauses[conflictIndex] as Int32Array;
    for (;;) {
      for (let j = lit === UNDEF ? 0 : 1; j < clause.length; j++) {
        const q = clause[j] as number;
        const v = q >> 1;
        if (this.seen[v] || this.level[v] === 0) continue;
        this.bump(v);
        this.seen[v] = 1;
        marked.push(v);
        if ((this.level[v] as number) >= this.decisionLevel()) pathCount++;
        else learnt.push(q);
      }
      while (!this.seen[(this.trail[index] as number) >> 1]) index--;
      lit = this.trail[index--] as number;
      this.seen[lit >> 1] = 0;
      pathCount--;
      if (pathCount === 0) break;
      clause = this.clauses[this.reason[lit >> 1] as number] as Int32Array;
    }
    learnt[0] = lit ^ 1;
    const minimised = learnt.filter((q, i) => i === 0 || !this.redundant(q));
    for (const v of marked) this.seen[v] = 0;
    let backtrackLevel = 0;
    let at = 1;
    for (let i = 1; i < minimised.length; i++) {
      const level = this.level[(minimised[i] as number) >> 1] as number;
      if (level > backtrackLevel) {
        backtrackLevel = level;
        at = i;
      }
    }
    if (minimised.length > 1) [minimised[1], minimised[at]] = [minimised[at] as number, minimised[1] as number];
    return { learnt: minimised, backtrackLevel };
  }

  /** A learnt literal is redundant when every other literal of its reason is already in the clause. */
  private redundant(lit: number): boolean {
    const reason = this.reason[lit >> 1] as number;
    if (reason === UNDEF) return false;
    const clause = this.clauses[reason] as Int32Array;
    for (let j = 1; j < clause.length; j++) {
      const v = (clause[j] as number) >> 1;
      if (!this.seen[v] && (this.level[v] as number) > 0) return false;
    }
    return true;
  }

  /** The assumptions responsible for `lit` (an assumption) being false. */
  private analyzeFinal(lit: number): number[] {
    const core = [toExternal(lit)];
    if (this.decisionLevel() === 0) return core;
    const start = this.trailLim[0] as number;
    this.seen[lit >> 1] = 1;
    for (let i = this.trailSize - 1; i >= start; i--) {
      const q = this.trail[i] as number;
      const v = q >> 1;
      if (!this.seen[v]) continue;
      const reason = this.reason[v] as number;
      if (reason === UNDEF) {
        if (v !== lit >> 1) core.push(toExternal(q));
      } else {
        const clause = this.clauses[reason] as Int32Array;
        for (let j = 1; j < clause.length; j++) {
          const w = (clause[j] as number) >> 1;
          if ((this.level[w] as number) > 0) this.seen[w] = 1;
        }
      }
      this.seen[v] = 0;
    }
    this.seen[lit >> 1] = 0;
    return core;
  }

  private search(
    conflictLimit: number,
    assumptions: number[],
    budget: SolveBudget,
    startConflicts: number,
  ): SolveStatus | null {
    let conflictsHere = 0;
    for (let steps = 0; ; steps++) {
      const conflict = this.propagate();
      if (conflict !== UNDEF) {
        this.conflicts++;
        conflictsHere++;
        if (this.decisionLevel() === 0) {
          this.ok = false;
          return "unsat";
        }
        const { learnt, backtrackLevel } = this.analyze(conflict);
        this.cancelUntil(backtrackLevel);
        if (learnt.length === 1) {
          this.enqueue(learnt[0] as number, UNDEF);
        } else {
          const index = this.attach(Int32Array.from(learnt), true, this.levelsOf(learnt));
          this.enqueue(learnt[0] as number, index);
        }
        this.varIncrement /= 0.95;
        continue;
      }
      if ((steps & 255) === 0 && this.outOfBudget(budget, startConflicts)) {
        this.cancelUntil(0);
        return "unknown";
      }
      if (conflictsHere >= conflictLimit) {
        this.cancelUntil(0);
        return null;
      }
      if (this.learntCount - this.trailSize >= this.maxLearnts) this.reduceLearnts();
      let next = UNDEF;
      while (this.decisionLevel() < assumptions.length) {
        const assumption = assumptions[this.decisionLevel()] as number;
        const value = this.litValue(assumption);
        if (value === TRUE) {
          this.trailLim.push(this.trailSize);
        } else if (value === FALSE) {
          this.failed = this.analyzeFinal(assumption);
          return "unsat";
        } else {
          next = assumption;
          break;
        }
      }
      if (next === UNDEF) {
        next = this.pickBranch();
        if (next === UNDEF) {
          this.saveModel();
          return "sat";
        }
      }
      this.trailLim.push(this.trailSize);
      this.enqueue(next, UNDEF);
    }
  }

  private outOfBudget(budget: SolveBudget, startConflicts: number): boolean {
    if (budget.maxConflicts !== undefined && this.conflicts - startConflicts >= budget.maxConflicts) return true;
    return budget.deadline !== undefined && performance.now() > budget.deadline;
  }

  private levelsOf(lits: readonly number[]): number {
    return new Set(lits.map((lit) => this.level[lit >> 1])).size;
  }

  private saveModel(): void {
    this.modelValues = new Uint8Array(this.numVars + 1);
    for (let v = 1; v <= this.numVars; v++) this.modelValues[v] = this.assigns[v] === TRUE ? 1 : 0;
  }

  private cancelUntil(level: number): void {
    if (this.decisionLevel() <= level) return;
    const stop = this.trailLim[level] as number;
    for (let i = this.trailSize - 1; i >= stop; i--) {
      const v = (this.trail[i] as number) >> 1;
      this.polarity[v] = this.assigns[v] === TRUE ? 1 : 0;
      this.assigns[v] = UNDEF;
      if (this.heapIndex[v] === -1) this.heapInsert(v);
    }
    this.trailSize = stop;
    this.qhead = stop;
    this.trailLim.length = level;
    this.preferredAt = 0;
    while (this.keptLevels.length > 0 && (this.keptLevels[this.keptLevels.length - 1] as number) > level) {
      this.keptLevels.pop();
      this.keptAssumptions.pop();
    }
  }

  private pickBranch(): number {
    while (this.preferredAt < this.preferred.length) {
      const lit = this.preferred[this.preferredAt++] as number;
      if (this.assigns[lit >> 1] === UNDEF) return lit;
    }
    while (this.heap.length > 0) {
      const v = this.heapPop();
      if (this.assigns[v] === UNDEF) return (v << 1) | (this.polarity[v] ? 0 : 1);
    }
    return UNDEF;
  }

  private reduceLearnts(): void {
    const locked = new Set<number>();
    for (let i = 0; i < this.trailSize; i++) locked.add(this.reason[(this.trail[i] as number) >> 1] as number);
    const candidates = this.clauses
      .map((clause, index) => ({ clause, index }))
      .filter(
        ({ clause, index }) => clause && this.learnt[index] && !locked.has(index) && (this.lbd[index] as number) > 2,
      )
      .sort((a, b) => (this.lbd[b.index] as number) - (this.lbd[a.index] as number));
    for (const { index } of candidates.slice(0, candidates.length >> 1)) {
      this.clauses[index] = null;
      this.learntCount--;
    }
    for (const watching of this.watches) {
      let keep = 0;
      for (const index of watching) if (this.clauses[index]) watching[keep++] = index;
      watching.length = keep;
    }
    this.maxLearnts = Math.floor(this.maxLearnts * 1.1);
  }

  private bump(v: number): void {
    const activity = (this.activity[v] as number) + this.varIncrement;
    this.activity[v] = activity;
    if (activity > 1e100) {
      for (let w = 1; w <= this.numVars; w++) this.activity[w] = (this.activity[w] as number) * 1e-100;
      this.varIncrement *= 1e-100;
    }
    const at = this.heapIndex[v] as number;
    if (at >= 0) this.siftUp(at);
  }

  private heapInsert(v: number): void {
    this.heapIndex[v] = this.heap.length;
    this.heap.push(v);
    this.siftUp(this.heap.length - 1);
  }

  private heapPop(): number {
    const top = this.heap[0] as number;
    const last = this.heap.pop() as number;
    this.heapIndex[top] = -1;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.heapIndex[last] = 0;
      this.siftDown(0);
    }
    return top;
  }

  private siftUp(start: number): void {
    const heap = this.heap;
    const v = heap[start] as number;
    const key = this.activity[v] as number;
    let i = start;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as number;
      if ((this.activity[p] as number) >= key) break;
      heap[i] = p;
      this.heapIndex[p] = i;
      i = parent;
    }
    heap[i] = v;
    this.heapIndex[v] = i;
  }

  private siftDown(start: number): void {
    const heap = this.heap;
    const v = heap[start] as number;
    const key = this.activity[v] as number;
    let i = start;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= heap.length) break;
      const right = child + 1;
      if (
        right < heap.length &&
        (this.activity[heap[right] as number] as number) > (this.activity[heap[child] as number] as number)
      ) {
        child = right;
      }
      const c = heap[child] as number;
      if ((this.activity[c] as number) <= key) break;
      heap[i] = c;
      this.heapIndex[c] = i;
      i = child;
    }
    heap[i] = v;
    this.heapIndex[v] = i;
  }
}
