/**
 * Storage for a compiled decision-DNNF: nodes in flat typed arrays, every child numbered below its parent, so a
 * loop upwards over node numbers is a bottom-up pass and a loop downwards is a top-down pass.
 */

/** Node kinds. LITERAL holds a literal in `label`; DECISION holds its variable in `label` and children [high, low]. */
export const KIND_TRUE = 0;
export const KIND_FALSE = 1;
export const KIND_LITERAL = 2;
export const KIND_AND = 3;
export const KIND_DECISION = 4;

/** Builder-side numbers of the two constant nodes. */
export const TRUE_NODE = 0;
export const FALSE_NODE = 1;

/**
 * A finished decision-DNNF over variables 1..numVars. It is smooth: every satisfiable node mentions exactly the
 * variables of the residual formula it was compiled from (free variables appear as DECISION(v, TRUE, TRUE)), so
 * the root mentions every variable once on each path. The root is the last node.
 */
export class DecisionDnnf {
  readonly numVars: number;
  readonly size: number;
  readonly kind: Uint8Array;
  readonly label: Int32Array;
  /** Children of node n are childList[childStart[n] .. childStart[n + 1]). */
  readonly childStart: Int32Array;
  readonly childList: Int32Array;

  constructor(numVars: number, kind: Uint8Array, label: Int32Array, childStart: Int32Array, childList: Int32Array) {
    this.numVars = numVars;
    this.size = kind.length;
    this.kind = kind;
    this.label = label;
    this.childStart = childStart;
    this.childList = childList;
  }

  get root(): number {
    return this.size - 1;
  }

  get edgeCount(): number {
    return this.childList.length;
  }
}

/** Appends nodes bottom-up, merging equal literal and free-variable nodes and simplifying constants away. */
export class DagBuilder {
  readonly numVars: number;
  size = 0;
  private kind = new Uint8Array(1024);
  private label = new Int32Array(1024);
  private childStart = new Int32Array(1025);
  private childList = new Int32Array(4096);
  private childCount = 0;
  /** Node of literal ±v at index 2v (+1 when negative); 0 (the TRUE node) means not made yet. */
  private readonly literalNodes: Int32Array;
  private readonly freeNodes: Int32Array;

  constructor(numVars: number) {
    this.numVars = numVars;
    this.literalNodes = new Int32Array(2 * numVars + 2);
    this.freeNodes = new Int32Array(numVars + 1);
    this.append(KIND_TRUE, 0, []);
    this.append(KIND_FALSE, 0, []);
  }

  literal(lit: number): number {
    const index = lit > 0 ? 2 * lit : -2 * lit + 1;
    const existing = this.literalNodes[index] as number;
    if (existing !== TRUE_NODE) return existing;
    const node = this.append(KIND_LITERAL, lit, []);
    this.literalNodes[index] = node;
    return node;
  }

  /** The node for an unconstrained variable: (v ∧ TRUE) ∨ (¬v ∧ TRUE). */
  free(variable: number): number {
    const existing = this.freeNodes[variable] as number;
    if (existing !== TRUE_NODE) return existing;
    const node = this.append(KIND_DECISION, variable, [TRUE_NODE, TRUE_NODE]);
    this.freeNodes[variable] = node;
    return node;
  }

  /** Conjunction of children over pairwise disjoint variables. */
  and(children: readonly number[]): number {
    const kept: number[] = [];
    for (const child of children) {
      if (child === FALSE_NODE) return FALSE_NODE;
      if (child !== TRUE_NODE) kept.push(child);
    }
    if (kept.length === 0) return TRUE_NODE;
    if (kept.length === 1) return kept[0] as number;
    return this.append(KIND_AND, 0, kept);
  }

  /** (v ∧ high) ∨ (¬v ∧ low), where neither branch mentions v. */
  decision(variable: number, high: number, low: number): number {
    if (high === FALSE_NODE && low === FALSE_NODE) return FALSE_NODE;
    if (high === TRUE_NODE && low === TRUE_NODE) return this.free(variable);
    return this.append(KIND_DECISION, variable, [high, low]);
  }

  /** Keeps only the nodes reachable from `root`, renumbered in the same order, so `root` ends up last. */
  finish(root: number): DecisionDnnf {
    const reachable = new Uint8Array(root + 1);
    reachable[root] = 1;
    let keptNodes = 0;
    let keptEdges = 0;
    for (let node = root; node >= 0; node--) {
      if (reachable[node] === 0) continue;
      keptNodes++;
      const end = this.childStart[node + 1] as number;
      for (let at = this.childStart[node] as number; at < end; at++) reachable[this.childList[at] as number] = 1;
      keptEdges += end - (this.childStart[node] as number);
    }
    const renumber = new Int32Array(root + 1);
    const kind = new Uint8Array(keptNodes);
    const label = new Int32Array(keptNodes);
    const childStart = new Int32Array(keptNodes + 1);
    const childList = new Int32Array(keptEdges);
    let next = 0;
    let edge = 0;
    for (let node = 0; node <= root; node++) {
      if (reachable[node] === 0) continue;
      renumber[node] = next;
      kind[next] = this.kind[node] as number;
      label[next] = this.label[node] as number;
      childStart[next] = edge;
      const end = this.childStart[node + 1] as number;
      for (let at = this.childStart[node] as number; at < end; at++) {
        childList[edge++] = renumber[this.childList[at] as number] as number;
      }
      next++;
    }
    childStart[keptNodes] = edge;
    return new DecisionDnnf(this.numVars, kind, label, childStart, childList);
  }

  private append(kind: number, label: number, children: readonly number[]): number {
    if (this.size === this.kind.length) {
      this.kind = grow(this.kind, this.size * 2);
      this.label = grow(this.label, this.size * 2);
      this.childStart = grow(this.childStart, this.size * 2 + 1);
    }
    while (this.childCount + children.length > this.childList.length) {
      this.childList = grow(this.childList, this.childList.length * 2);
    }
    const node = this.size++;
    this.kind[node] = kind;
    this.label[node] = label;
    for (const child of children) this.childList[this.childCount++] = child;
    this.childStart[node + 1] = this.childCount;
    return node;
  }
}

function grow<T extends Uint8Array | Int32Array>(array: T, length: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(length);
  bigger.set(array);
  return bigger;
}
