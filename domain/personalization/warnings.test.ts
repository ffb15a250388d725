import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arbitraryContext, arbitraryRules } from "./arbitrary.ts";
import { DEFAULT_RULES } from "./defaults.ts";
import { evaluate, type Rule } from "./rules.ts";
import { warnings } from "./warnings.ts";

const rule = (over: Partial<Rule>): Rule => ({
  id: "r",
  name: "测试 / Test",
  priority: 1,
  status: "published",
  when: { kind: "all", of: [] },
  actions: { hero: "hero-test" },
  ...over,
});

describe("warnings: rules that never fire", () => {
  it("finds nothing wrong with the seeded defaults", () => {
    expect(warnings(DEFAULT_RULES)).toEqual([]);
  });

  it("reports a condition asking for tier 1 and tier 3 at once", () => {
    const contradictory = rule({
      when: {
        kind: "all",
        of: [
          { kind: "tier", in: ["1"] },
          { kind: "tier", in: ["3"] },
        ],
      },
    });
    expect(warnings([contradictory])).toMatchObject([{ rule: "r", kind: "never", reason: "condition" }]);
  });

  it("reports contradictions hidden behind not, any and time windows", () => {
    const phoneNotPhone = rule({
      id: "a",
      when: {
        kind: "all",
        of: [
          { kind: "formFactor", in: ["phone"] },
          { kind: "not", of: { kind: "formFactor", in: ["phone"] } },
        ],
      },
    });
    const closedWindow = rule({ id: "b", when: { kind: "time", days: ["mon"], from: 18, to: 9 } });
    const disjointWindows = rule({
      id: "c",
      when: {
        kind: "all",
        of: [
          { kind: "time", days: ["sat"], from: 9, to: 12 },
          {
            kind: "any",
            of: [
              { kind: "time", days: ["sun"], from: 0, to: 24 },
              { kind: "time", days: ["sat"], from: 12, to: 18 },
            ],
          },
        ],
      },
    });
    expect(warnings([phoneNotPhone, closedWindow, disjointWindows]).map((w) => [w.rule, w.kind])).toEqual([
      ["a", "never"],
      ["b", "never"],
      ["c", "never"],
    ]);
  });

  it("reports an empty schedule and a rule that sets nothing", () => {
    const schedule = { start: "2026-12-02T00:00:00+08:00", end: "2026-12-01T00:00:00+08:00" };
    expect(warnings([rule({ id: "a", schedule }), rule({ id: "b", actions: {} })])).toMatchObject([
      { rule: "a", kind: "never", reason: "schedule" },
      { rule: "b", kind: "never", reason: "no-actions" },
    ]);
  });

  it("does not flag a condition that some visitor meets", () => {
    const fine = rule({
      when: {
        kind: "all",
        of: [
          { kind: "tier", in: ["3", "4"] },
          { kind: "not", of: { kind: "tier", in: ["3"] } },
        ],
      },
    });
    expect(warnings([fine])).toEqual([]);
  });
});

describe("warnings: shadowed rules", () => {
  const tier3 = rule({ id: "tier-3", priority: 5, when: { kind: "tier", in: ["3", "4"] }, actions: { hero: "h3" } });

  it("names the higher-priority rule whose condition the shadowed one implies", () => {
    const narrower = rule({
      id: "tier-3-phones",
      priority: 1,
      when: {
        kind: "all",
        of: [
          { kind: "tier", in: ["3"] },
          { kind: "formFactor", in: ["phone"] },
        ],
      },
      actions: { hero: "h3-phone" },
    });
    expect(warnings([narrower, tier3])).toMatchObject([{ rule: "tier-3-phones", kind: "shadowed", by: ["tier-3"] }]);
  });

  it("names every rule when different ones take each slot", () => {
    const layout = rule({
      id: "phones",
      priority: 4,
      when: { kind: "formFactor", in: ["phone"] },
      actions: { layout: "compact" },
    });
    const both = rule({
      id: "tier-3-phones",
      priority: 1,
      when: {
        kind: "all",
        of: [
          { kind: "tier", in: ["3"] },
          { kind: "formFactor", in: ["phone"] },
        ],
      },
      actions: { hero: "h", layout: "immersive" },
    });
    expect(warnings([both, layout, tier3])).toMatchObject([{ rule: "tier-3-phones", by: ["phones", "tier-3"] }]);
  });

  it("does not flag a rule that still fills a slot, is broader, or outlives the other's schedule", () => {
    const moreSlots = rule({
      id: "more",
      priority: 1,
      when: { kind: "tier", in: ["3"] },
      actions: { hero: "h", layout: "compact" },
    });
    const broader = rule({ id: "broader", priority: 1, when: { kind: "tier", in: ["3", "5"] } });
    const campaign = rule({
      id: "campaign",
      priority: 9,
      when: { kind: "all", of: [] },
      actions: { offers: [{ id: "o", downPaymentPercent: 0, monthlyFen: 100_000, termMonths: 36 }] },
      schedule: { end: "2026-12-31T00:00:00+08:00" },
    });
    const always = rule({ id: "always-offer", priority: 1, actions: campaign.actions });
    expect(warnings([moreSlots, broader, tier3, campaign, always])).toEqual([]);
  });

  it("does not count a partial rollout as covering everyone", () => {
    const experiment = rule({ id: "experiment", priority: 9, when: { kind: "bucket", percent: 50 } });
    const fallback = rule({ id: "fallback", priority: 1 });
    expect(warnings([experiment, fallback])).toEqual([]);
    const fullRollout = rule({ id: "full", priority: 9, when: { kind: "bucket", percent: 100 } });
    expect(warnings([fullRollout, fallback])).toMatchObject([{ rule: "fallback", by: ["full"] }]);
  });
});

describe("warnings are sound", () => {
  it("never calls a rule dead or shadowed when some visitor would see it fire", () => {
    fc.assert(
      fc.property(arbitraryRules, fc.array(arbitraryContext, { minLength: 1, maxLength: 30 }), (drawn, contexts) => {
        const rules = drawn.map((r) => ({ ...r, status: "published" as const }));
        const silent = new Set(warnings(rules).map((w) => w.rule));
        for (const context of contexts)
          for (const id of evaluate(rules, context).fired) expect(silent.has(id)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
