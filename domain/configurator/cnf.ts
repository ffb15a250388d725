/**
 * A formula in conjunctive normal form, DIMACS style: variables are 1..numVars, a literal is +v
 * (v true) or -v (v false), and a clause is satisfied when any of its literals is.
 */
export interface Cnf {
  numVars: number;
  clauses: number[][];
}

/** An assignment of every variable, indexed by variable (index 0 unused). */
export type Assignment = Uint8Array;

/**
 * Whether `assignment` satisfies every clause of `cnf`.
 * @example satisfies({ numVars: 2, clauses: [[1, -2]] }, Uint8Array.of(0, 1, 1)) // true
 */
export function satisfies(cnf: Cnf, assignment: Assignment): boolean {
  return cnf.clauses.every((clause) => clause.some((lit) => (assignment[Math.abs(lit)] === 1) === lit > 0));
}
