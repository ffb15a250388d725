/**
 * Knowledge compilation of option rules (CNF) into decision-DNNF, and the linear-time queries the configurator
 * asks of it: model counts, per-literal counts, cheapest and most popular completions, all under assumptions.
 */
import type { Cnf } from "./cnf.ts";
import { TraceCompilation } from "./ddnnf-compiler.ts";
import { DecisionDnnf, KIND_AND, KIND_DECISION, KIND_FALSE, KIND_LITERAL, KIND_TRUE } from "./ddnnf-dag.ts";

/**
 * A compiled decision-DNNF (smooth, decomposable, deterministic) over variables 1..numVars; its nodes are
 * opaque to callers and only the functions of this module read them.
 * @example
 * const compiled = compileDdnnf({ numVars: 2, clauses: [[1, 2]] });
 * if (compiled.ok) compiled.ddnnf.numVars; // 2
 */
export interface Ddnnf {
  readonly numVars: number;
  /** Number of nodes in the DAG. */
  readonly size: number;
}

/**
 * The compiled DAG, or which budget stopped the compilation.
 * @example
 * const compiled: CompileResult = compileDdnnf(cnf, { ms: 50 });
 * if (!compiled.ok) console.warn(`rules too complex: ${compiled.reason}`);
 */
export type CompileResult = { ok: true; ddnnf: Ddnnf } | { ok: false; reason: "timeout" | "too-large" };

const DEFAULT_BUDGET_MS = 10_000;
const DEFAULT_MAX_NODES = 2_000_000;

/**
 * A compilation of `cnf` by exhaustive DPLL (unit propagation, connected components, a component cache, decisions
 * in a min-fill tree-decomposition order) that runs in slices: each `advance(ms)` works for about `ms`
 * milliseconds (checked regularly via performance.now()) and answers "timeout" while there is more to do, so a
 * page can finish it in its idle time; "too-large" (final) once the DAG passes `maxNodes` nodes (default
 * 2 000 000). Empty clauses, duplicate literals, tautologies and unused variables are all fine; a literal outside
 * ±1..±numVars throws RangeError.
 * @example
 * const compilation = new DdnnfCompilation({ numVars: 3, clauses: [[1, 2], [-1, -2]] });
 * let result = compilation.advance(10);
 * while (!result.ok && result.reason === "timeout") result = compilation.advance(10);
 */
export class DdnnfCompilation {
  private readonly trace: TraceCompilation;
  private readonly maxNodes: number;

  constructor(cnf: Cnf, { maxNodes = DEFAULT_MAX_NODES }: { maxNodes?: number } = {}) {
    this.trace = new TraceCompilation(cnf);
    this.maxNodes = maxNodes;
  }

  advance(ms: number): CompileResult {
    const outcome = this.trace.advance({ deadline: performance.now() + ms, maxNodes: this.maxNodes });
    return outcome.ok ? { ok: true, ddnnf: outcome.dag } : outcome;
  }
}

/**
 * Compiles `cnf` in one go (see DdnnfCompilation), giving up (never hanging) after `budget.ms` milliseconds
 * (default 10 000) or once the DAG passes `budget.maxNodes` nodes.
 * @example compileDdnnf({ numVars: 3, clauses: [[1, 2], [-1, -2]] }, { ms: 100 }) // { ok: true, ddnnf: { numVars: 3, size: … } }
 */
export function compileDdnnf(cnf: Cnf, budget: { ms?: number; maxNodes?: number } = {}): CompileResult {
  return new DdnnfCompilation(cnf, budget).advance(budget.ms ?? DEFAULT_BUDGET_MS);
}

/**
 * Exact number of assignments of all numVars variables that satisfy the formula and every assumption (literals).
 * @example
 * const compiled = compileDdnnf({ numVars: 3, clauses: [[1, 2]] });
 * if (compiled.ok) countModels(compiled.ddnnf, [-1]); // 2n: x2 true, x3 either way
 */
export function countModels(d: Ddnnf, assumptions: readonly number[] = []): bigint {
  const dag = dagOf(d);
  const evidence = evidenceOf(dag, assumptions);
  if (evidence === null) return 0n;
  return countOf(modelCounts(dag, evidence), dag.root);
}

/**
 * For every variable v, the number of models (under the assumptions) with v true, `pos[v]`, and with v false,
 * `neg[v]` (index 0 unused), plus their `total`. One upward and one downward pass over the DAG (Darwiche's
 * differential approach), so linear in its size.
 * @example
 * const compiled = compileDdnnf({ numVars: 2, clauses: [[1, 2]] });
 * if (compiled.ok) literalCounts(compiled.ddnnf); // { total: 3n, pos: [0n, 2n, 2n], neg: [0n, 1n, 1n] }
 */
export function literalCounts(
  d: Ddnnf,
  assumptions: readonly number[] = [],
): { total: bigint; pos: bigint[]; neg: bigint[] } {
  const dag = dagOf(d);
  const pos = new Array<bigint>(dag.numVars + 1).fill(0n);
  const neg = new Array<bigint>(dag.numVars + 1).fill(0n);
  const evidence = evidenceOf(dag, assumptions);
  if (evidence === null) return { total: 0n, pos, neg };
  const { allowTrue, allowFalse } = evidence;
  const { kind, label, childStart, childList, root } = dag;
  const nodeCounts = modelCounts(dag, evidence);
  const counts = Array.from({ length: dag.size }, (_, node) => countOf(nodeCounts, node));
  const derivative = new Array<bigint>(dag.size).fill(0n);
  derivative[root] = 1n;
  for (let node = root; node >= 0; node--) {
    const upstream = derivative[node] as bigint;
    if (upstream === 0n) continue;
    const first = childStart[node] as number;
    const end = childStart[node + 1] as number;
    if (kind[node] === KIND_LITERAL) {
      const lit = label[node] as number;
      if (lit > 0 && allowTrue[lit] === 1) pos[lit] = (pos[lit] as bigint) + upstream;
      else if (lit < 0 && allowFalse[-lit] === 1) neg[-lit] = (neg[-lit] as bigint) + upstream;
    } else if (kind[node] === KIND_DECISION) {
      const variable = label[node] as number;
      const high = childList[first] as number;
      const low = childList[first + 1] as number;
      if (allowTrue[variable] === 1) {
        derivative[high] = (derivative[high] as bigint) + upstream;
        pos[variable] = (pos[variable] as bigint) + upstream * (counts[high] as bigint);
      }
      if (allowFalse[variable] === 1) {
        derivative[low] = (derivative[low] as bigint) + upstream;
        neg[variable] = (neg[variable] as bigint) + upstream * (counts[low] as bigint);
      }
    } else if (kind[node] === KIND_AND) {
      const productAfter = new Array<bigint>(end - first + 1);
      productAfter[end - first] = 1n;
      for (let at = end - 1; at >= first; at--) {
        productAfter[at - first] =
          (counts[childList[at] as number] as bigint) * (productAfter[at - first + 1] as bigint);
      }
      let productBefore = upstream;
      for (let at = first; at < end; at++) {
        const child = childList[at] as number;
        derivative[child] = (derivative[child] as bigint) + productBefore * (productAfter[at - first + 1] as bigint);
        productBefore *= counts[child] as bigint;
      }
    }
  }
  return { total: counts[root] as bigint, pos, neg };
}

/**
 * A model of minimum total cost under the assumptions, where a true v costs `costs.pos[v]` and a false v
 * `costs.neg[v]` (finite numbers, e.g. prices in integer fen; a missing entry costs 0). Every variable is
 * assigned, unconstrained ones to their cheaper value; on equal cost a decision takes the false branch, so the
 * answer is deterministic. Null when no model satisfies the assumptions. Linear in the DAG size.
 * @example
 * const compiled = compileDdnnf({ numVars: 2, clauses: [[1, 2]] });
 * if (compiled.ok) minCostModel(compiled.ddnnf, { pos: [0, 5, 3], neg: [0, 0, 0] }); // { cost: 3, assignment: [0, 0, 1] }
 */
export function minCostModel(
  d: Ddnnf,
  costs: { pos: ArrayLike<number>; neg: ArrayLike<number> },
  assumptions: readonly number[] = [],
): { cost: number; assignment: Uint8Array } | null {
  const dag = dagOf(d);
  const evidence = evidenceOf(dag, assumptions);
  if (evidence === null) return null;
  return cheapestModel(
    dag,
    literalValues(dag.numVars, costs.pos, 1),
    literalValues(dag.numVars, costs.neg, 1),
    evidence,
  );
}

/**
 * A model of maximum total weight under the assumptions (weights as `minCostModel`'s costs, e.g. popularity),
 * used for the "most popular completion"; unconstrained variables take their heavier value, ties the false
 * branch. Null when no model satisfies the assumptions. Linear in the DAG size.
 * @example
 * const compiled = compileDdnnf({ numVars: 2, clauses: [[-1, -2]] });
 * if (compiled.ok) maxWeightModel(compiled.ddnnf, { pos: [0, 5, 3], neg: [0, 0, 0] }); // { weight: 5, assignment: [0, 1, 0] }
 */
export function maxWeightModel(
  d: Ddnnf,
  weights: { pos: ArrayLike<number>; neg: ArrayLike<number> },
  assumptions: readonly number[] = [],
): { weight: number; assignment: Uint8Array } | null {
  const dag = dagOf(d);
  const evidence = evidenceOf(dag, assumptions);
  if (evidence === null) return null;
  const trueCost = literalValues(dag.numVars, weights.pos, -1);
  const falseCost = literalValues(dag.numVars, weights.neg, -1);
  const best = cheapestModel(dag, trueCost, falseCost, evidence);
  return best === null ? null : { weight: 0 - best.cost, assignment: best.assignment };
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Which value each variable may take under the assumptions (1 = allowed). */
interface Evidence {
  allowTrue: Uint8Array;
  allowFalse: Uint8Array;
}

function dagOf(d: Ddnnf): DecisionDnnf {
  if (!(d instanceof DecisionDnnf)) throw new TypeError("not a Ddnnf made by compileDdnnf");
  return d;
}

/** The assumptions as per-variable permissions; null when they contradict each other. */
function evidenceOf(dag: DecisionDnnf, assumptions: readonly number[]): Evidence | null {
  const allowTrue = new Uint8Array(dag.numVars + 1).fill(1);
  const allowFalse = new Uint8Array(dag.numVars + 1).fill(1);
  for (const lit of assumptions) {
    if (!Number.isInteger(lit) || lit === 0 || Math.abs(lit) > dag.numVars) {
      throw new RangeError(`assumption ${lit} is not in ±1..±${dag.numVars}`);
    }
    if (lit > 0) allowFalse[lit] = 0;
    else allowTrue[-lit] = 0;
  }
  for (let variable = 1; variable <= dag.numVars; variable++) {
    if (allowTrue[variable] === 0 && allowFalse[variable] === 0) return null;
  }
  return { allowTrue, allowFalse };
}

/** Exact model counts of nodes: small[n] while it is a safe integer, else -1 and the count in big. */
interface NodeCounts {
  small: Float64Array;
  big: Map<number, bigint>;
}

const countOf = ({ small, big }: NodeCounts, node: number): bigint =>
  (small[node] as number) >= 0 ? BigInt(small[node] as number) : (big.get(node) as bigint);

/**
 * Model count under the evidence of every node reachable from the root through branches the evidence allows
 * (0 elsewhere), bottom-up: conditioning on choices cuts the DAG down before any count is made, and counts stay
 * plain numbers until they pass Number.MAX_SAFE_INTEGER (a float product or sum that stays below it is exact).
 */
function modelCounts(dag: DecisionDnnf, { allowTrue, allowFalse }: Evidence): NodeCounts {
  const { kind, label, childStart, childList, size } = dag;
  const reached = reachable(dag, allowTrue, allowFalse);
  const counts: NodeCounts = { small: new Float64Array(size), big: new Map() };
  const { small, big } = counts;
  for (let node = 0; node < size; node++) {
    if (reached[node] === 0) continue;
    const first = childStart[node] as number;
    const end = childStart[node + 1] as number;
    switch (kind[node]) {
      case KIND_TRUE:
        small[node] = 1;
        break;
      case KIND_LITERAL: {
        const lit = label[node] as number;
        small[node] = (lit > 0 ? allowTrue[lit] : allowFalse[-lit]) === 1 ? 1 : 0;
        break;
      }
      case KIND_DECISION: {
        const variable = label[node] as number;
        const high = allowTrue[variable] === 1 ? (childList[first] as number) : -1;
        const low = allowFalse[variable] === 1 ? (childList[first + 1] as number) : -1;
        const highSmall = high < 0 ? 0 : (small[high] as number);
        const lowSmall = low < 0 ? 0 : (small[low] as number);
        const sum = highSmall + lowSmall;
        if (highSmall >= 0 && lowSmall >= 0 && sum <= Number.MAX_SAFE_INTEGER) small[node] = sum;
        else {
          small[node] = -1;
          big.set(node, (high < 0 ? 0n : countOf(counts, high)) + (low < 0 ? 0n : countOf(counts, low)));
        }
        break;
      }
      case KIND_AND: {
        let product = 1;
        let at = first;
        for (; at < end && product > 0; at++) {
          const factor = small[childList[at] as number] as number;
          if (factor < 0 || product * factor > Number.MAX_SAFE_INTEGER) break;
          product *= factor;
        }
        if (at === end || product === 0) {
          small[node] = product;
          break;
        }
        let large = BigInt(product);
        for (; at < end && large !== 0n; at++) large *= countOf(counts, childList[at] as number);
        small[node] = large <= MAX_SAFE ? Number(large) : -1;
        if (large > MAX_SAFE) big.set(node, large);
      }
    }
  }
  return counts;
}

/** 1 for the nodes reachable from the root without taking a decision branch the evidence rules out. */
function reachable(dag: DecisionDnnf, allowTrue: Uint8Array, allowFalse: Uint8Array): Uint8Array {
  const { kind, label, childStart, childList, root } = dag;
  const reached = new Uint8Array(dag.size);
  reached[root] = 1;
  for (let node = root; node >= 0; node--) {
    if (reached[node] === 0) continue;
    const first = childStart[node] as number;
    if (kind[node] === KIND_DECISION) {
      const variable = label[node] as number;
      if (allowTrue[variable] === 1) reached[childList[first] as number] = 1;
      if (allowFalse[variable] === 1) reached[childList[first + 1] as number] = 1;
    } else if (kind[node] === KIND_AND) {
      const end = childStart[node + 1] as number;
      for (let at = first; at < end; at++) reached[childList[at] as number] = 1;
    }
  }
  return reached;
}

/** Per-variable values from caller arrays, multiplied by `sign`; RangeError on a non-finite entry. */
function literalValues(numVars: number, values: ArrayLike<number>, sign: 1 | -1): Float64Array {
  const result = new Float64Array(numVars + 1);
  for (let variable = 1; variable <= numVars; variable++) {
    const value = values[variable] ?? 0;
    if (!Number.isFinite(value)) throw new RangeError(`value of variable ${variable} is not finite: ${value}`);
    result[variable] = sign * value;
  }
  return result;
}

/** Bottom-up minimum cost of every node, then a top-down walk of the chosen branches; null when unsatisfiable. */
function cheapestModel(
  dag: DecisionDnnf,
  trueCost: Float64Array,
  falseCost: Float64Array,
  { allowTrue, allowFalse }: Evidence,
): { cost: number; assignment: Uint8Array } | null {
  const { kind, label, childStart, childList, size, root } = dag;
  const best = new Float64Array(size);
  const branchCost = (node: number, positive: boolean): number => {
    const variable = label[node] as number;
    const child = childList[(childStart[node] as number) + (positive ? 0 : 1)] as number;
    if ((positive ? allowTrue[variable] : allowFalse[variable]) === 0) return Number.POSITIVE_INFINITY;
    return (positive ? (trueCost[variable] as number) : (falseCost[variable] as number)) + (best[child] as number);
  };
  for (let node = 0; node < size; node++) {
    switch (kind[node]) {
      case KIND_TRUE:
        best[node] = 0;
        break;
      case KIND_FALSE:
        best[node] = Number.POSITIVE_INFINITY;
        break;
      case KIND_LITERAL: {
        const lit = label[node] as number;
        if (lit > 0) best[node] = allowTrue[lit] === 1 ? (trueCost[lit] as number) : Number.POSITIVE_INFINITY;
        else best[node] = allowFalse[-lit] === 1 ? (falseCost[-lit] as number) : Number.POSITIVE_INFINITY;
        break;
      }
      case KIND_DECISION:
        best[node] = Math.min(branchCost(node, true), branchCost(node, false));
        break;
      default: {
        let sum = 0;
        const end = childStart[node + 1] as number;
        for (let at = childStart[node] as number; at < end; at++) sum += best[childList[at] as number] as number;
        best[node] = sum;
      }
    }
  }
  const cost = best[root] as number;
  if (cost === Number.POSITIVE_INFINITY) return null;
  const assignment = new Uint8Array(dag.numVars + 1);
  const toVisit = [root];
  for (let node = toVisit.pop(); node !== undefined; node = toVisit.pop()) {
    const first = childStart[node] as number;
    const end = childStart[node + 1] as number;
    if (kind[node] === KIND_LITERAL) {
      const lit = label[node] as number;
      if (lit > 0) assignment[lit] = 1;
    } else if (kind[node] === KIND_DECISION) {
      const positive = branchCost(node, true) < branchCost(node, false);
      if (positive) assignment[label[node] as number] = 1;
      toVisit.push(childList[positive ? first : first + 1] as number);
    } else if (kind[node] === KIND_AND) {
      for (let at = first; at < end; at++) toVisit.push(childList[at] as number);
    }
  }
  return { cost, assignment };
}
