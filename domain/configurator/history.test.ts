import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { History } from "./history.ts";

describe("History", () => {
  it("undoes and redoes choices step by step", () => {
    let h = History.empty().choose({ option: "A", selected: true }).choose({ option: "B", selected: false });
    h = h.choose({ option: "A", selected: false });
    expect(h.choices).toEqual([
      { option: "B", selected: false },
      { option: "A", selected: false },
    ]);
    h = h.undo();
    expect(h.choices).toEqual([
      { option: "A", selected: true },
      { option: "B", selected: false },
    ]);
    h = h.undo().undo();
    expect(h.choices).toEqual([]);
    expect(h.canUndo).toBe(false);
    h = h.redo().redo().redo();
    expect(h.choices.map((c) => c.option)).toEqual(["B", "A"]);
    expect(h.canRedo).toBe(false);
  });

  it("drops the redo trail after a new choice", () => {
    const h = History.empty().choose({ option: "A", selected: true }).undo().choose({ option: "B", selected: true });
    expect(h.canRedo).toBe(false);
    expect(h.redo().choices).toEqual([{ option: "B", selected: true }]);
  });

  it("comes back to where it was after any number of undos and as many redos", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom("A", "B", "C"), fc.boolean()), { maxLength: 10 }),
        fc.nat(12),
        (steps, n) => {
          let h = History.empty();
          for (const [option, selected] of steps) h = h.choose({ option, selected });
          let moved = h;
          for (let i = 0; i < n; i++) moved = moved.undo();
          for (let i = 0; i < n; i++) moved = moved.redo();
          expect(moved.choices).toEqual(h.choices);
        },
      ),
    );
  });
});
