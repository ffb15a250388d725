import type { Choice } from "./reasoner.ts";

/**
 * The shopper's choices with undo and redo. Immutable: every change returns a new history.
 * @example
 * let h = History.empty().choose({ option: "W21", selected: true });
 * h = h.undo(); // no choices again; h.redo() brings W21 back
 */
export class History {
  readonly choices: readonly Choice[];
  private readonly past: readonly (readonly Choice[])[];
  private readonly future: readonly (readonly Choice[])[];

  private constructor(
    choices: readonly Choice[],
    past: readonly (readonly Choice[])[],
    future: readonly (readonly Choice[])[],
  ) {
    this.choices = choices;
    this.past = past;
    this.future = future;
  }

  static empty(): History {
    return new History([], [], []);
  }

  /** Starts from choices restored from elsewhere (a shared URL, a saved configuration). */
  static of(choices: readonly Choice[]): History {
    return new History(choices, [], []);
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  /** Records a decision about one option, replacing an earlier decision about it. */
  choose(choice: Choice): History {
    return this.replace([...this.choices.filter((c) => c.option !== choice.option), choice]);
  }

  /** Forgets the decision about an option, leaving it to the rules again. */
  clear(option: string): History {
    return this.replace(this.choices.filter((c) => c.option !== option));
  }

  /** Replaces all choices at once (applying a repair) as one undoable step. */
  replace(choices: readonly Choice[]): History {
    return new History(choices, [...this.past, this.choices], []);
  }

  undo(): History {
    const previous = this.past.at(-1);
    if (!previous) return this;
    return new History(previous, this.past.slice(0, -1), [this.choices, ...this.future]);
  }

  redo(): History {
    const [next, ...rest] = this.future;
    if (!next) return this;
    return new History(next, [...this.past, this.choices], rest);
  }
}
