/** The part of logic-solver (MiniSat compiled to JavaScript) that the configurator benchmark uses as its peer. */
declare module "logic-solver" {
  /** A variable name or number, negated by a leading "-" or a minus sign. */
  export type Term = string | number;
  export interface Formula {
    readonly type: string;
  }
  export type Operand = Formula | Term;

  export interface Solution {
    evaluate(formula: Operand): boolean;
    getMap(): Record<string, boolean>;
    getTrueVars(): string[];
  }

  export interface Solver {
    getVarNum(name: string, noCreate?: boolean): number;
    require(...formulas: (Operand | Operand[])[]): void;
    forbid(...formulas: (Operand | Operand[])[]): void;
    solve(): Solution | null;
    solveAssuming(assumption: Operand): Solution | null;
  }

  interface LogicStatic {
    Solver: new () => Solver;
    and(...operands: (Operand | Operand[])[]): Operand;
    or(...operands: (Operand | Operand[])[]): Operand;
    not(operand: Operand): Operand;
    disablingAssertions<T>(func: () => T): T;
    readonly TRUE: Term;
    readonly FALSE: Term;
  }

  const Logic: LogicStatic;
  export default Logic;
}
