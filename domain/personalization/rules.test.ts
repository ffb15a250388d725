import { describe, expect, it } from "vitest";
import { buildContext, type ContextInput } from "./context.ts";
import { DEFAULT_RULES } from "./defaults.ts";
import { bucketOf } from "./interpret.ts";
import { evaluate, type Rule, ruleSchema } from "./rules.ts";
import { UA } from "./user-agents.ts";

const NOW = Date.parse("2026-11-29T10:00:00+08:00");
const visit = (over: Partial<ContextInput>) =>
  buildContext({ consent: "personalisation", url: "https://marque.cn/", now: NOW, ...over });
const returning = {
  visitorId: "v-1",
  visits: 3,
  modelsViewed: ["m7"],
  financeInterest: true,
  lastConfiguration: "cfg-9",
};

const rule = (over: Partial<Rule>): Rule => ({
  id: "r",
  name: "测试 / Test",
  priority: 1,
  status: "published",
  when: { kind: "all", of: [] },
  actions: { hero: "hero-test" },
  ...over,
});

describe("ruleSchema", () => {
  it("accepts the seeded defaults", () => {
    for (const seeded of DEFAULT_RULES) expect(ruleSchema.parse(seeded)).toEqual(seeded);
  });

  it("rejects an unknown condition, a tier that does not exist and a rollout above 100%", () => {
    expect(ruleSchema.safeParse(rule({ when: { kind: "weather" } as never })).success).toBe(false);
    expect(ruleSchema.safeParse(rule({ when: { kind: "tier", in: ["6"] } as never })).success).toBe(false);
    expect(ruleSchema.safeParse(rule({ when: { kind: "bucket", percent: 101 } })).success).toBe(false);
  });

  it("rejects hours outside the day and a schedule that is not an instant", () => {
    expect(ruleSchema.safeParse(rule({ when: { kind: "time", days: ["mon"], from: 9, to: 25 } })).success).toBe(false);
    expect(ruleSchema.safeParse(rule({ schedule: { start: "next week" } })).success).toBe(false);
  });
});

describe("evaluate with the seeded defaults", () => {
  it("leads with instalment offers for a phone visitor from a tier-3 city, in the compact layout", () => {
    const decision = evaluate(
      DEFAULT_RULES,
      visit({ cf: { country: "CN", city: "Mianyang" }, userAgent: UA.iphoneSafari }),
    );
    expect(decision.actions).toMatchObject({ layout: "compact", lead: ["finance", "range", "spec-comparison"] });
    expect(decision.actions.offers?.[0]).toMatchObject({ downPaymentPercent: 20, monthlyFen: 298_000 });
    expect(decision.from).toMatchObject({ layout: "phone-compact", offers: "tier-3-4-instalments" });
    expect(decision.fired).toEqual(["phone-compact", "tier-3-4-instalments"]);
  });

  it("leads with spec comparison on a desktop in a tier-1 city, standard layout from the fallback rule", () => {
    const decision = evaluate(
      DEFAULT_RULES,
      visit({ cf: { country: "CN", city: "Shanghai" }, userAgent: UA.chromeWindows }),
    );
    expect(decision.actions).toMatchObject({ layout: "standard", lead: ["spec-comparison", "range", "finance"] });
    expect(decision.actions.offers).toBeUndefined();
    expect(decision.fired).toEqual(["tier-1-spec-comparison", "standard-page"]);
  });

  it("offers a returning visitor to resume their last configuration, but not without consent", () => {
    const input = { cf: { country: "CN", city: "Chengdu" }, userAgent: UA.wechatIos, history: returning };
    expect(evaluate(DEFAULT_RULES, visit(input)).actions.resume).toBe(true);
    expect(evaluate(DEFAULT_RULES, visit({ ...input, consent: "none" })).actions.resume).toBeUndefined();
  });

  it("gives a visitor from a new-tier-1 city the standard page", () => {
    const decision = evaluate(
      DEFAULT_RULES,
      visit({ cf: { country: "CN", city: "Chengdu" }, userAgent: UA.safariMac }),
    );
    expect(decision.fired).toEqual(["standard-page"]);
  });
});

describe("evaluate: priority and slots", () => {
  it("lets a higher-priority rule decide a slot and a lower one fill the rest", () => {
    const rules = [
      rule({ id: "low", priority: 1, actions: { hero: "hero-low", layout: "immersive" } }),
      rule({ id: "high", priority: 9, actions: { hero: "hero-high" } }),
    ];
    const decision = evaluate(rules, visit({}));
    expect(decision.actions).toEqual({ hero: "hero-high", layout: "immersive" });
    expect(decision.from).toEqual({ hero: "high", layout: "low" });
  });

  it("ignores drafts, unpublished rules and rules outside their schedule", () => {
    const rules = [
      rule({ id: "draft", status: "draft" }),
      rule({ id: "off", status: "unpublished" }),
      rule({ id: "later", schedule: { start: "2026-12-01T00:00:00+08:00" } }),
      rule({ id: "over", schedule: { end: "2026-11-29T10:00:00+08:00" } }),
    ];
    expect(evaluate(rules, visit({})).fired).toEqual([]);
  });

  it("opens a time window in Shanghai time: Sunday 10:00 matches a weekend-morning rule", () => {
    const weekend = rule({ when: { kind: "time", days: ["sat", "sun"], from: 9, to: 12 } });
    expect(evaluate([weekend], visit({})).fired).toEqual(["r"]);
    expect(evaluate([weekend], visit({ now: NOW + 3 * 3600_000 })).fired).toEqual([]);
  });
});

describe("experiment buckets", () => {
  it("puts a visitor in the same bucket on every request and about the rollout share of visitors in", () => {
    expect(bucketOf("v-42", "spring")).toBe(bucketOf("v-42", "spring"));
    const ids = Array.from({ length: 10_000 }, (_, i) => `visitor-${i}`);
    const inTen = ids.filter((id) => bucketOf(id, "spring") < 10).length;
    expect(inTen).toBeGreaterThan(900);
    expect(inTen).toBeLessThan(1100);
  });

  it("draws buckets independently per rule", () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => `visitor-${i}`);
    const both = ids.filter((id) => bucketOf(id, "a") < 50 && bucketOf(id, "b") < 50).length;
    expect(both).toBeGreaterThan(2300);
    expect(both).toBeLessThan(2700);
  });

  it("includes a visitor without an id only in full rollouts", () => {
    const context = visit({ history: null });
    expect(evaluate([rule({ when: { kind: "bucket", percent: 99 } })], context).fired).toEqual([]);
    expect(evaluate([rule({ when: { kind: "bucket", percent: 100 } })], context).fired).toEqual(["r"]);
  });
});
