import { describe, expect, it } from "vitest";
import { DEFAULT_RULES } from "./defaults.ts";
import { heroCopy, offerTrim, orderTrims } from "./storefront.ts";

const facts = { trimCount: 3 };

describe("heroCopy", () => {
  it("has copy for every hero the seeded rules name", () => {
    const ids = DEFAULT_RULES.flatMap((rule) => (rule.actions.hero ? [rule.actions.hero] : []));
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(heroCopy(id, facts)?.id).toBe(id);
  });

  it("leads the instalment hero to finance and the flagship hero to the spec comparison", () => {
    expect(heroCopy("hero-instalments", facts)).toMatchObject({
      headline: { zh: "分期购车，轻松开回家", en: "Drive it home, pay monthly" },
      cta: { target: "finance" },
    });
    expect(heroCopy("hero-flagship", facts)?.cta.target).toBe("specs");
  });

  it("counts the trims in the range hero, and does not count a single one", () => {
    expect(heroCopy("hero-range", facts)?.headline.en).toBe("3 trims, one made for you");
    expect(heroCopy("hero-range", { ...facts, trimCount: 1 })?.headline.en).toBe("One trim, fully equipped");
  });

  it("has no copy for an id it does not know, or none", () => {
    expect(heroCopy("hero-typo", facts)).toBeNull();
    expect(heroCopy(undefined, facts)).toBeNull();
  });
});

describe("orderTrims", () => {
  const trims = [{ id: "a" }, { id: "b" }, { id: "c" }];

  it("puts highlighted trims first and keeps the order of the rest", () => {
    expect(orderTrims(trims, ["c", "a"]).map((t) => t.id)).toEqual(["a", "c", "b"]);
  });

  it("leaves the order alone without highlights, or with other models' trims", () => {
    expect(orderTrims(trims).map((t) => t.id)).toEqual(["a", "b", "c"]);
    expect(orderTrims(trims, ["x"]).map((t) => t.id)).toEqual(["a", "b", "c"]);
  });
});

describe("offerTrim", () => {
  const trims = [
    { id: "pro", priceFen: 25_000_000 },
    { id: "base", priceFen: 19_000_000 },
    { id: "max", priceFen: 29_000_000 },
  ];

  it("quotes the cheapest trim when none of the model's is highlighted", () => {
    expect(offerTrim(trims)?.id).toBe("base");
    expect(offerTrim(trims, ["other-model-trim"])?.id).toBe("base");
  });

  it("quotes the cheapest highlighted trim", () => {
    expect(offerTrim(trims, ["max", "pro"])?.id).toBe("pro");
  });

  it("has nothing to quote for a model without trims", () => {
    expect(offerTrim([])).toBeUndefined();
  });
});
