import { describe, expect, it } from "vitest";
import { DEFAULT_RULES } from "./defaults.ts";
import {
  draftDiff,
  parseDraft,
  type RuleDraft,
  ruleInputSchema,
  sameRule,
  statusAfter,
  toDraft,
  toRule,
  versionName,
  withoutRule,
  withRule,
} from "./drafts.ts";
import { simulatedContext, simulatedVisitorSchema } from "./simulate.ts";

const draft: RuleDraft = {
  name: "三线城市金融优先 / Finance first in tier 3",
  priority: 250,
  conditions: [{ kind: "tier", in: ["3"] }],
  actions: { lead: ["finance", "range", "spec-comparison"] },
  rolloutPercent: 100,
  startsAt: null,
  endsAt: null,
};

describe("rule drafts", () => {
  it("round-trips every default rule through a draft unchanged", () => {
    for (const rule of DEFAULT_RULES) expect(toRule(rule.id, toDraft(rule), rule.status)).toEqual(rule);
  });

  it("turns a partial rollout into a bucket condition beside the others, and back", () => {
    const rule = toRule("t3", { ...draft, rolloutPercent: 30 }, "draft");
    expect(rule.when).toEqual({
      kind: "all",
      of: [
        { kind: "tier", in: ["3"] },
        { kind: "bucket", percent: 30 },
      ],
    });
    expect(toDraft(rule).rolloutPercent).toBe(30);
    expect(toDraft(rule).conditions).toEqual(draft.conditions);
  });

  it("names each invalid field by its path, in Chinese then English", () => {
    const result = parseDraft(ruleInputSchema, {
      ...draft,
      name: " ",
      priority: 1.5,
      conditions: [{ kind: "tier", in: [] }, { kind: "time", days: ["mon"], from: 18, to: 9 }, { kind: "weather" }],
      actions: {},
      endsAt: "tomorrow",
    });
    expect(result.errors).toEqual(
      expect.arrayContaining([
        { path: "name", message: "不能为空 / Must not be empty" },
        { path: "priority", message: "类型不对 / Wrong type" },
        { path: "conditions.0.in", message: "至少选择一项 / Pick at least one" },
        { path: "conditions.1.to", message: "结束须晚于开始 / The end must be after the start" },
        { path: "conditions.2.kind", message: "不认识的条件类型 / Unknown condition kind" },
        { path: "actions", message: "至少设置一个动作 / Set at least one action" },
        expect.objectContaining({ path: "endsAt" }),
      ]),
    );
    expect(parseDraft(ruleInputSchema, draft).value).toMatchObject(draft);
  });

  it("diffs only the fields that changed, as [before, after]", () => {
    expect(draftDiff(draft, { ...draft, priority: 300, conditions: [{ kind: "tier", in: ["3", "4"] }] })).toEqual({
      priority: [250, 300],
      conditions: [[{ kind: "tier", in: ["3"] }], [{ kind: "tier", in: ["3", "4"] }]],
    });
    expect(draftDiff(draft, { ...draft })).toEqual({});
    expect(draftDiff(null, draft).name).toEqual([null, draft.name]);
  });

  it("puts one rule into the published set or takes it out, leaving the others", () => {
    const edited = toRule("tier-3-4-instalments", draft, "draft");
    const next = withRule(DEFAULT_RULES, edited);
    expect(next).toHaveLength(DEFAULT_RULES.length);
    expect(next.find((r) => r.id === edited.id)).toEqual({ ...edited, status: "published" });
    expect(withoutRule(next, edited.id).map((r) => r.id)).not.toContain(edited.id);
  });

  it("gives a stored rule the status the live set implies", () => {
    const [rule] = DEFAULT_RULES;
    if (!rule) throw new Error("no default rules");
    const changed = { ...rule, priority: rule.priority + 1 };
    expect(sameRule({ ...rule, status: "draft" }, rule)).toBe(true);
    expect(statusAfter(rule, "draft", DEFAULT_RULES)).toBe("published");
    expect(statusAfter(changed, "published", DEFAULT_RULES)).toBe("draft");
    expect(statusAfter(rule, "published", [])).toBe("unpublished");
    expect(statusAfter(rule, "draft", [])).toBe("draft");
  });

  it("names versions so that later ones sort after earlier ones", () => {
    expect(
      versionName(Date.parse("2026-11-29T08:00:00Z"), "b") < versionName(Date.parse("2026-11-29T08:00:01Z"), "a"),
    ).toBe(true);
  });
});

describe("simulated visitors", () => {
  it("places a visitor in the city's province and tier, and a WeChat visitor on a phone", () => {
    const context = simulatedContext(simulatedVisitorSchema.parse({ city: "130200", device: "wechat", visits: 2 }), 0);
    expect(context).toMatchObject({
      city: "唐山市",
      province: "河北省",
      tier: "3",
      device: "wechat",
      formFactor: "phone",
      visits: 2,
    });
    expect(simulatedVisitorSchema.safeParse({ city: "999999" }).success).toBe(false);
  });
});
