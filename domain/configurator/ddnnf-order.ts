/**
 * A static decision order for the compiler, after SharpSAT-TD: eliminate the variables of the primal graph
 * (variables adjacent when they share a clause) greedily by minimum fill-in; the variables eliminated last form
 * the top of the resulting tree decomposition, and deciding them first splits the formula into components early.
 */

/** Priorities pack (fill, degree, variable) into one safe integer: 20 + 11 + 21 bits. */
const VARIABLE_SLOTS = 2 ** 21;
const DEGREE_SLOTS = 2 ** 11;
const FILL_SLOTS = 2 ** 20;
/** Adjacency entries (twice the edges, fill-in included) beyond which the order is not worth its memory. */
const MAX_ADJACENCY = 2 ** 22;
/** Neighbour pairs examined beyond which the order is not worth its time (the graph is too wide to compile anyway). */
const MAX_PAIR_CHECKS = 2 ** 24;

/**
 * rank[v] = the step (1..numVars) at which min-fill elimination removes v, so a higher rank means decide earlier;
 * null when the graph outgrows MAX_ADJACENCY, the work MAX_PAIR_CHECKS, or `deadline` (a performance.now() value)
 * passes first.
 * @example eliminationRanks(3, [[1, 2], [2, 3]], Infinity) // Int32Array [0, 1, 2, 3]
 */
export function eliminationRanks(
  numVars: number,
  clauses: readonly (readonly number[])[],
  deadline: number,
): Int32Array | null {
  if (numVars >= VARIABLE_SLOTS) return null;
  const neighbours = Array.from({ length: numVars + 1 }, () => new Set<number>());
  let adjacency = 0;
  for (const clause of clauses) {
    adjacency += clause.length * (clause.length - 1);
    if (adjacency > MAX_ADJACENCY) return null;
    for (const first of clause) {
      for (const second of clause) if (first !== second) neighbours[Math.abs(first)]?.add(Math.abs(second));
    }
  }
  const priority = new Float64Array(numVars + 1);
  const queue = new MinHeap();
  let pairChecks = 0;
  const refresh = (variable: number) => {
    const around = neighbours[variable] ?? new Set<number>();
    pairChecks += (around.size * (around.size - 1)) / 2;
    let fill = 0;
    for (const first of around) {
      for (const second of around) if (first < second && !neighbours[first]?.has(second)) fill++;
    }
    priority[variable] =
      Math.min(fill, FILL_SLOTS - 1) * DEGREE_SLOTS * VARIABLE_SLOTS +
      Math.min(around.size, DEGREE_SLOTS - 1) * VARIABLE_SLOTS +
      variable;
    queue.push(priority[variable] as number);
  };
  for (let variable = 1; variable <= numVars; variable++) refresh(variable);
  if (pairChecks > MAX_PAIR_CHECKS) return null;
  const rank = new Int32Array(numVars + 1);
  const touched = new Int32Array(numVars + 1);
  for (let step = 1; step <= numVars; step++) {
    if (pairChecks > MAX_PAIR_CHECKS || performance.now() > deadline) return null;
    let eliminated = 0;
    while (eliminated === 0) {
      const top = queue.pop();
      if (top === Number.POSITIVE_INFINITY) return null;
      const variable = top % VARIABLE_SLOTS;
      if (rank[variable] === 0 && priority[variable] === top) eliminated = variable;
    }
    rank[eliminated] = step;
    const around = [...(neighbours[eliminated] ?? [])];
    pairChecks += around.length * around.length;
    for (const first of around) {
      const firstNeighbours = neighbours[first] ?? new Set<number>();
      firstNeighbours.delete(eliminated);
      for (const second of around) {
        if (first === second || firstNeighbours.has(second)) continue;
        firstNeighbours.add(second);
        if (++adjacency > MAX_ADJACENCY) return null;
      }
    }
    for (const first of around) {
      if (touched[first] !== step) {
        touched[first] = step;
        refresh(first);
      }
      for (const second of neighbours[first] ?? []) {
        if (touched[second] === step) continue;
        touched[second] = step;
        refresh(second);
      }
      if (pairChecks > MAX_PAIR_CHECKS) return null;
    }
  }
  return rank;
}

/** A binary min-heap of numbers. */
class MinHeap {
  private readonly items: number[] = [];

  push(item: number): void {
    const { items } = this;
    let at = items.length;
    items.push(item);
    while (at > 0) {
      const parent = (at - 1) >> 1;
      const above = items[parent] as number;
      if (above <= item) break;
      items[at] = above;
      at = parent;
    }
    items[at] = item;
  }

  /** The smallest item, removed; Infinity when empty. */
  pop(): number {
    const { items } = this;
    const smallest = items[0] ?? Number.POSITIVE_INFINITY;
    const last = items.pop();
    if (last === undefined || items.length === 0) return smallest;
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= items.length) break;
      const right = child + 1;
      if (right < items.length && (items[right] as number) < (items[child] as number)) child = right;
      if ((items[child] as number) >= last) break;
      items[at] = items[child] as number;
      at = child;
    }
    items[at] = last;
    return smallest;
  }
}
