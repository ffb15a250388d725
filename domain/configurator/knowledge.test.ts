import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arbitraryChoices, arbitraryModel, validConfigurations } from "./arbitrary-model.ts";
import { sampleCar } from "./fixtures.ts";
import { carSizedModel } from "./generate-model.ts";
import { Knowledge } from "./knowledge.ts";
import { priceBreakdown } from "./pricing.ts";
import { violations } from "./semantics.ts";

const withChoices = arbitraryModel(7).chain((model) =>
  fc.record({
    model: fc.constant(model),
    choices: arbitraryChoices(model, 3),
    date: fc.constantFrom("2026-06-01", "2026-12-15"),
  }),
);

describe("Knowledge", () => {
  it("counts, and completes to the cheapest and the most popular configuration, exactly as brute force does", () => {
    fc.assert(
      fc.property(withChoices, ({ model, choices, date }) => {
        const knowledge = new Knowledge(model);
        const configs = validConfigurations(model, choices);
        expect(knowledge.count(choices)).toEqual({ status: "ok", count: BigInt(configs.length) });
        const cheapest = knowledge.cheapest(choices, { date });
        const popular = knowledge.mostPopular(choices);
        if (configs.length === 0) {
          expect(cheapest.status).toBe("contradiction");
          expect(popular.status).toBe("contradiction");
          return;
        }
        const price = (c: ReadonlySet<string>) => priceBreakdown(model, c, { date }).totalFen;
        const minimum = Math.min(...configs.map(price));
        expect(cheapest.status).toBe("ok");
        if (cheapest.status !== "ok") return;
        const picked = new Set(cheapest.selected);
        expect(violations(model, picked)).toEqual([]);
        for (const c of choices) expect(picked.has(c.option)).toBe(c.selected);
        expect(price(picked)).toBe(minimum);
        const share = (p: number) => Math.min(0.99, Math.max(0.01, p));
        const score = (c: ReadonlySet<string>) =>
          model.options.reduce(
            (sum, o) => sum + Math.log(c.has(o.code) ? share(o.popularity) : 1 - share(o.popularity)),
            0,
          );
        const best = Math.max(...configs.map(score));
        expect(popular.status).toBe("ok");
        if (popular.status === "ok") expect(score(new Set(popular.selected))).toBeCloseTo(best, 9);
      }),
      { numRuns: 200 },
    );
  });

  it("resumes a compilation its budget stopped, so repeated short calls end with the exact count", () => {
    const model = carSizedModel(2, { options: 120, rules: 60 });
    const choices = [{ option: "TRIM.BASE", selected: true }];
    const expected = new Knowledge(model).count(choices, 60_000);
    expect(expected.status).toBe("ok");
    const knowledge = new Knowledge(model);
    expect(knowledge.count(choices, 0)).toEqual({ status: "gave-up" });
    let calls = 1;
    let counted = knowledge.count(choices, 0);
    for (; counted.status === "gave-up"; calls++) counted = knowledge.count(choices, 0);
    expect(calls).toBeGreaterThan(2);
    expect(counted).toEqual(expected);
  });

  it("warms up in idle slices until counting is ready, then counts without compiling", () => {
    const model = carSizedModel(3, { options: 120, rules: 60 });
    const knowledge = new Knowledge(model);
    let slices = 1;
    while (knowledge.warmUp(0) === "pending") slices++;
    expect(slices).toBeGreaterThan(2);
    expect(knowledge.warmUp(0)).toBe("done");
    const all = knowledge.count([], 0);
    expect(all).toEqual(new Knowledge(model).count([], 60_000));
  });

  it("knows the sample car's numbers", () => {
    const knowledge = new Knowledge(sampleCar());
    const all = knowledge.count([]);
    expect(all.status).toBe("ok");
    const cheapest = knowledge.cheapest([{ option: "W21", selected: true }], { date: "2026-11-28" });
    expect(cheapest).toEqual({
      status: "ok",
      selected: ["TRIM_STD", "PAINT_WHITE", "W21", "SEAT_SPORT", "SPORT_PKG", "RED_CALIPERS"],
    });
  });
});
