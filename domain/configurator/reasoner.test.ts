import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arbitraryChoices, arbitraryModel, validConfigurations } from "./arbitrary-model.ts";
import { compileModel } from "./compile.ts";
import { carSizedModel } from "./generate-model.ts";
import type { ProductModel } from "./product-model.ts";
import { type Choice, Reasoner } from "./reasoner.ts";

/** What brute force says an undecided option's state is, given all valid configurations. */
const bruteState = (valid: readonly Set<string>[], option: string) =>
  valid.every((c) => c.has(option)) ? "forced" : valid.every((c) => !c.has(option)) ? "excluded" : "free";

/** Every option's state is what the choices and brute force say: chosen, rejected, forced, excluded or free. */
function expectBruteStates(
  model: ProductModel,
  choices: readonly Choice[],
  valid: readonly Set<string>[],
  states: ReadonlyMap<string, string>,
): void {
  for (const option of model.options) {
    const chosen = choices.find((c) => c.option === option.code);
    const expected = chosen ? (chosen.selected ? "chosen" : "rejected") : bruteState(valid, option.code);
    expect(states.get(option.code), option.code).toBe(expected);
  }
}

const withChoices = arbitraryModel(7).chain((model) =>
  fc.record({
    model: fc.constant(model),
    choices: arbitraryChoices(model, 4),
  }),
);

describe("Reasoner.propagate", () => {
  it("finds exactly the forced, excluded and free options that brute force finds", () => {
    fc.assert(
      fc.property(withChoices, ({ model, choices }) => {
        const result = new Reasoner(compileModel(model)).propagate(choices);
        const valid = validConfigurations(model, choices);
        if (valid.length === 0) {
          expect(result.status).toBe("contradiction");
          if (result.status !== "contradiction") return;
          for (const c of result.conflicting) expect(choices).toContainEqual(c);
          expect(validConfigurations(model, result.conflicting)).toHaveLength(0);
          return;
        }
        expect(result.status).toBe("ok");
        if (result.status !== "ok") return;
        expectBruteStates(model, choices, valid, result.states);
      }),
      { numRuns: 300 },
    );
  });

  it("keeps answering correctly when one reasoner is asked about many different choices in a row", () => {
    fc.assert(
      fc.property(
        arbitraryModel(7),
        fc.array(fc.array(fc.tuple(fc.nat(6), fc.boolean()), { maxLength: 3 }), { maxLength: 6 }),
        (model, rounds) => {
          const reasoner = new Reasoner(compileModel(model));
          for (const round of rounds) {
            const choices = [
              ...new Map(
                round.map(([i, selected]) => [model.options[i % model.options.length]?.code ?? "", selected]),
              ).entries(),
            ].map(([option, selected]) => ({ option, selected }));
            const result = reasoner.propagate(choices);
            const valid = validConfigurations(model, choices);
            expect(result.status).toBe(valid.length === 0 ? "contradiction" : "ok");
            if (result.status !== "ok") continue;
            for (const option of model.options) {
              if (choices.some((c) => c.option === option.code)) continue;
              const state = bruteState(valid, option.code);
              expect(result.states.get(option.code)).toBe(state);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("Reasoner.propagate, click after click", () => {
  it("stays exact when each click adds a choice to the last ones (the path that reuses the previous answer)", () => {
    fc.assert(
      fc.property(arbitraryModel(7), fc.array(fc.tuple(fc.nat(), fc.boolean()), { maxLength: 6 }), (model, clicks) => {
        const reasoner = new Reasoner(compileModel(model));
        let choices: Choice[] = [];
        for (const [pick, selected] of clicks) {
          const result = reasoner.propagate(choices);
          if (result.status !== "ok") return;
          const free = [...result.states].filter(([, state]) => state === "free").map(([code]) => code);
          if (free.length === 0) return;
          choices = [...choices, { option: free[pick % free.length] as string, selected }];
          const next = reasoner.propagate(choices);
          const valid = validConfigurations(model, choices);
          expect(next.status).toBe("ok");
          if (next.status !== "ok") return;
          for (const option of model.options) {
            if (choices.some((c) => c.option === option.code)) continue;
            const state = bruteState(valid, option.code);
            expect(next.states.get(option.code), option.code).toBe(state);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("Reasoner.propagate, out of time", () => {
  it("answers exactly or gives up when time is short, and stays exact for the calls after", () => {
    fc.assert(
      fc.property(
        arbitraryModel(7),
        fc.array(fc.tuple(fc.array(fc.tuple(fc.nat(6), fc.boolean()), { maxLength: 3 }), fc.boolean()), {
          maxLength: 8,
        }),
        (model, rounds) => {
          const reasoner = new Reasoner(compileModel(model));
          for (const [round, short] of rounds) {
            const choices = [
              ...new Map(
                round.map(([i, selected]) => [model.options[i % model.options.length]?.code ?? "", selected]),
              ).entries(),
            ].map(([option, selected]) => ({ option, selected }));
            const result = reasoner.propagate(choices, short ? -1 : undefined);
            if (short && result.status === "gave-up") continue;
            const valid = validConfigurations(model, choices);
            expect(result.status).toBe(valid.length === 0 ? "contradiction" : "ok");
            if (result.status !== "ok") continue;
            for (const option of model.options) {
              if (choices.some((c) => c.option === option.code)) continue;
              expect(result.states.get(option.code), option.code).toBe(bruteState(valid, option.code));
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("Reasoner.propagate between other questions", () => {
  it("stays exact when repair and explain calls on the same reasoner come in between", () => {
    fc.assert(
      fc.property(
        withChoices,
        fc.array(fc.tuple(fc.nat(), fc.boolean()), { maxLength: 4 }),
        ({ model, choices }, asks) => {
          const reasoner = new Reasoner(compileModel(model));
          const valid = validConfigurations(model, choices);
          for (const [pick, selected] of asks) {
            const option = model.options[pick % model.options.length]?.code ?? "";
            reasoner.repair(choices, { option, selected });
            reasoner.explain(choices, option);
            const result = reasoner.propagate(choices);
            expect(result.status).toBe(valid.length === 0 ? "contradiction" : "ok");
            if (result.status !== "ok") continue;
            for (const o of model.options) {
              if (choices.some((c) => c.option === o.code)) continue;
              expect(result.states.get(o.code), o.code).toBe(bruteState(valid, o.code));
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("Reasoner.warmUp", () => {
  it("clicks through sessions of its own and changes no answer after it", () => {
    fc.assert(
      fc.property(withChoices, ({ model, choices }) => {
        const reasoner = new Reasoner(compileModel(model));
        const clicks = reasoner.warmUp();
        const result = reasoner.propagate(choices);
        const valid = validConfigurations(model, choices);
        expect(clicks).toBeGreaterThan(0);
        if (valid.length === 0) {
          expect(result.status).toBe("contradiction");
          return;
        }
        expect(result.status).toBe("ok");
        if (result.status !== "ok") return;
        expectBruteStates(model, choices, valid, result.states);
      }),
      { numRuns: 100 },
    );
  });

  it("makes no click once its budget is spent", () => {
    const reasoner = new Reasoner(compileModel(carSizedModel(4)));
    const started = performance.now();
    const clicks = reasoner.warmUp(0);
    expect(clicks).toBe(0);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe("OptionStates", () => {
  it("reads every option's state alike through get, iteration, forEach, keys, values and size, and refuses changes", () => {
    fc.assert(
      fc.property(withChoices, ({ model, choices }) => {
        const result = new Reasoner(compileModel(model)).propagate(choices);
        if (result.status !== "ok") return;
        const { states } = result;
        const byGet = model.options.map((option) => [option.code, states.get(option.code)]);
        const byForEach: [string, string][] = [];
        states.forEach((state, code) => {
          byForEach.push([code, state]);
        });
        expect([...states]).toEqual(byGet);
        expect([...states.entries()]).toEqual(byGet);
        expect(byForEach).toEqual(byGet);
        expect([...states.keys()]).toEqual(model.options.map((option) => option.code));
        expect([...states.values()]).toEqual(byGet.map(([, state]) => state));
        expect(states.size).toBe(model.options.length);
        expect(new Map(states)).toEqual(new Map(byGet as [string, string][]));
        expect(states.has("NO_SUCH_OPTION")).toBe(false);
        expect(states.get("NO_SUCH_OPTION")).toBeUndefined();
        expect(() => states.set("X", "free")).toThrow(TypeError);
        expect(() => states.delete("X")).toThrow(TypeError);
        expect(() => states.clear()).toThrow(TypeError);
      }),
      { numRuns: 100 },
    );
  });
});

describe("Reasoner.explain", () => {
  it("names choices that on their own already force the option", () => {
    fc.assert(
      fc.property(withChoices, ({ model, choices }) => {
        const reasoner = new Reasoner(compileModel(model));
        const result = reasoner.propagate(choices);
        if (result.status !== "ok") return;
        for (const [option, state] of result.states) {
          if (state !== "forced" && state !== "excluded") continue;
          const why = reasoner.explain(choices, option);
          expect(why.status).toBe("ok");
          if (why.status !== "ok") continue;
          for (const c of why.choices) expect(choices).toContainEqual(c);
          const valid = validConfigurations(model, why.choices);
          expect(valid.every((config) => config.has(option) === (state === "forced"))).toBe(true);
          if (why.choices.length === 0) expect(why.sources.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe("Reasoner.repair", () => {
  it("drops the fewest choices that make an excluded option possible", () => {
    fc.assert(
      fc.property(withChoices, fc.nat(), fc.boolean(), ({ model, choices }, pick, selected) => {
        const target = { option: model.options[pick % model.options.length]?.code ?? "", selected };
        const result = new Reasoner(compileModel(model)).repair(choices, target);
        const others = choices.filter((c) => c.option !== target.option);
        const possibleAtAll = validConfigurations(model, [target]).length > 0;
        if (!possibleAtAll) {
          expect(result.status).toBe("impossible");
          return;
        }
        expect(result.status).toBe("ok");
        if (result.status !== "ok") return;
        expect(validConfigurations(model, result.choices).length).toBeGreaterThan(0);
        expect(result.choices).toContainEqual(target);
        for (const dropped of result.drop) expect(others).toContainEqual(dropped);
        const smaller = [...subsetsOfSize(others, result.drop.length - 1)].some(
          (drop) => validConfigurations(model, [...others.filter((c) => !drop.includes(c)), target]).length > 0,
        );
        expect(smaller).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

function* subsetsOfSize<T>(items: readonly T[], size: number, start = 0): Generator<T[]> {
  if (size < 0) return;
  if (size === 0) {
    yield [];
    return;
  }
  for (let i = start; i < items.length; i++)
    for (const rest of subsetsOfSize(items, size - 1, i + 1)) yield [items[i] as T, ...rest];
}
