import { describe, expect, it } from "vitest";
import { choose } from "./choose.ts";
import { compileModel } from "./compile.ts";
import { sampleCar } from "./fixtures.ts";
import { Reasoner } from "./reasoner.ts";

const reasoner = new Reasoner(compileModel(sampleCar()));
const comfort = { option: "SEAT_COMFORT", selected: true };

describe("a shopper configuring the sample car", () => {
  it("sees 21-inch wheels excluded once comfort seats are chosen, and why", () => {
    const result = reasoner.propagate([comfort]);
    expect(result.status).toBe("ok");
    if (result.status !== "ok") return;
    expect(result.states.get("W21")).toBe("excluded");
    expect(result.states.get("SPORT_PKG")).toBe("excluded");
    expect(result.states.get("W19")).toBe("forced");
    expect(result.states.get("HUD")).toBe("free");
    const why = reasoner.explain([comfort], "W21");
    expect(why.status).toBe("ok");
    if (why.status !== "ok") return;
    expect(why.choices).toEqual([comfort]);
    const named = why.sources.map((s) =>
      s.kind === "rule" ? s.rule.id : s.kind === "includes" ? `includes:${s.option.code}` : `${s.kind}:${s.group.code}`,
    );
    expect(named.sort()).toEqual(["W21_NEEDS_SPORT", "group:SEATS", "includes:SPORT_PKG"]);
  });

  it("switches within a one-of group, and asks for a repair when the rules still say no", () => {
    const model = sampleCar();
    expect(choose(reasoner, model, [{ option: "PAINT_BLUE", selected: true }], "PAINT_WHITE")).toEqual({
      status: "ok",
      choices: [{ option: "PAINT_WHITE", selected: true }],
    });
    expect(choose(reasoner, model, [comfort, { option: "W19", selected: true }], "W21")).toEqual({
      status: "needs-repair",
      base: [comfort],
    });
  });

  it("is offered to give up the comfort seats to get the 21-inch wheels", () => {
    const choices = [comfort, { option: "PAINT_BLUE", selected: true }];
    const repair = reasoner.repair(choices, { option: "W21", selected: true });
    expect(repair).toEqual({
      status: "ok",
      drop: [comfort],
      choices: [
        { option: "PAINT_BLUE", selected: true },
        { option: "W21", selected: true },
      ],
    });
    const after = reasoner.propagate(repair.status === "ok" ? repair.choices : []);
    expect(after.status === "ok" && after.states.get("SPORT_PKG")).toBe("forced");
    expect(after.status === "ok" && after.states.get("SEAT_SPORT")).toBe("forced");
  });

  it("learns that matte paint can never go with the Standard trim, whatever else is undone", () => {
    const repair = reasoner.repair([{ option: "TRIM_STD", selected: true }], { option: "PAINT_MATTE", selected: true });
    expect(repair).toMatchObject({ status: "ok", drop: [{ option: "TRIM_STD", selected: true }] });
  });

  it("passes the pre-publication check: nothing dead, trim/paint/wheels/seats are not forced", () => {
    expect(reasoner.diagnose()).toEqual({ status: "ok", dead: [], mandatory: [] });
  });

  it("names the rules that make a broken rule base contradictory, and options that can never be chosen", () => {
    const model = sampleCar();
    const broken = {
      ...model,
      rules: [
        ...model.rules,
        { id: "ALWAYS_TOW", constraint: { option: "TOW" }, message: { zh: "", en: "" } },
        { id: "ALWAYS_SPORT", constraint: { option: "SPORT_PKG" }, message: { zh: "", en: "" } },
        { id: "NO_MATTE", constraint: { not: { option: "PAINT_MATTE" } }, message: { zh: "", en: "" } },
      ],
    };
    const result = new Reasoner(compileModel(broken)).diagnose();
    expect(result.status).toBe("contradictory");
    if (result.status !== "contradictory") return;
    const named = result.sources.map((s) => (s.kind === "rule" ? s.rule.id : s.kind));
    expect(named.sort()).toEqual(["ALWAYS_SPORT", "ALWAYS_TOW", "SPORT_NO_TOW"]);
    const dead = new Reasoner(
      compileModel({ ...model, rules: [...model.rules, broken.rules.at(-1) as (typeof model.rules)[number]] }),
    ).diagnose();
    expect(dead).toMatchObject({ status: "ok", dead: ["PAINT_MATTE"] });
  });

  it("reports choices that contradict each other", () => {
    const result = reasoner.propagate([
      { option: "SPORT_PKG", selected: true },
      { option: "TOW", selected: true },
      { option: "HUD", selected: true },
    ]);
    expect(result.status).toBe("contradiction");
    if (result.status !== "contradiction") return;
    expect(result.conflicting.map((c) => c.option).sort()).toEqual(["SPORT_PKG", "TOW"]);
  });
});
