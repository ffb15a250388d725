import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { choicesIn, decodeChoices, encodeChoices, withChoices } from "./choice-codec.ts";

const choices = fc.uniqueArray(fc.record({ option: fc.string({ minLength: 1 }), selected: fc.boolean() }), {
  selector: (c) => c.option,
});

describe("choice codec", () => {
  it("round-trips any choices with distinct options, whatever characters the codes hold", () => {
    fc.assert(
      fc.property(choices, (cs) => {
        expect(decodeChoices(encodeChoices(cs))).toEqual(cs);
      }),
    );
  });

  it("round-trips through a URL query and keeps its other parameters", () => {
    fc.assert(
      fc.property(choices, (cs) => {
        const search = withChoices("?lang=en&c=old", cs);
        expect(choicesIn(search)).toEqual(cs);
        expect(new URL(`https://store.test/x${search}`).searchParams.get("lang")).toBe("en");
      }),
    );
  });

  it("reads codes as people write them", () => {
    expect(
      encodeChoices([
        { option: "trim:lr-rwd", selected: true },
        { option: "TOW", selected: false },
      ]),
    ).toBe("trim%3Alr-rwd,!TOW");
    expect(decodeChoices("A,garbage%E0%A4%A,,!B")).toEqual([
      { option: "A", selected: true },
      { option: "B", selected: false },
    ]);
  });
});
