import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arbitraryContext, arbitraryRules } from "./arbitrary.ts";
import { compileRules, fold } from "./compile.ts";
import { DEFAULT_RULES } from "./defaults.ts";
import { evaluate, type Rule } from "./rules.ts";

const known = { tier: "3", device: "wechat", formFactor: "phone" } as const;

describe("compileRules", () => {
  it("decides exactly what the interpreter decides, on random rule sets and contexts", () => {
    fc.assert(
      fc.property(arbitraryRules, fc.array(arbitraryContext, { minLength: 1, maxLength: 20 }), (rules, contexts) => {
        const decide = compileRules(rules);
        for (const context of contexts) expect(decide(context)).toEqual(evaluate(rules, context));
      }),
      { numRuns: 500 },
    );
  });

  it("follows a schedule that starts after it was compiled", () => {
    const start = "2026-12-01T00:00:00+08:00";
    const rules: Rule[] = [
      ...DEFAULT_RULES,
      {
        id: "december-hero",
        name: "十二月主视觉 / December hero",
        priority: 500,
        status: "published",
        when: { kind: "all", of: [] },
        actions: { hero: "hero-december" },
        schedule: { start },
      },
    ];
    const decide = compileRules(rules);
    const context = {
      country: "CN",
      province: "四川省",
      city: "绵阳市",
      tier: "3",
      device: "phone",
      formFactor: "phone",
      visitorId: null,
      visits: 0,
      modelsViewed: [],
      financeInterest: false,
      lastConfiguration: null,
      channel: { source: null, medium: null, campaign: null, referrerHost: null, kind: "direct" },
      now: Date.parse(start) - 1,
    } as const;
    expect(decide(context).actions.hero).toBe("hero-instalments");
    expect(decide({ ...context, now: Date.parse(start) }).actions.hero).toBe("hero-december");
  });
});

describe("fold", () => {
  it("decides tier, device and form factor from the partition", () => {
    expect(fold({ kind: "tier", in: ["1"] }, known)).toBe(false);
    expect(
      fold(
        {
          kind: "all",
          of: [
            { kind: "device", in: ["wechat"] },
            { kind: "formFactor", in: ["phone"] },
          ],
        },
        known,
      ),
    ).toBe(true);
  });

  it("leaves only what needs the request", () => {
    expect(fold({ kind: "all", of: [{ kind: "tier", in: ["3"] }, { kind: "returning" }] }, known)).toEqual({
      kind: "returning",
    });
    expect(
      fold(
        {
          kind: "any",
          of: [
            { kind: "tier", in: ["1"] },
            { kind: "bucket", percent: 100 },
          ],
        },
        known,
      ),
    ).toBe(true);
  });

  it("folds empty time windows and a zero rollout to false", () => {
    expect(fold({ kind: "time", days: ["sat"], from: 18, to: 9 }, known)).toBe(false);
    expect(fold({ kind: "not", of: { kind: "bucket", percent: 0 } }, known)).toBe(true);
  });
});
