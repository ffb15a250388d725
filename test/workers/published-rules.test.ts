import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { buildContext } from "../../domain/personalization/context.ts";
import { DEFAULT_RULES } from "../../domain/personalization/defaults.ts";
import { publishedDecider, publishRules, RULES_VERSION_KEY, rulesKey } from "../../worker/published-rules.ts";

const tier3 = buildContext({
  cf: { country: "CN", city: "Mianyang", region: "Sichuan" },
  consent: "none",
  url: "https://store.test/models/x",
  now: Date.parse("2026-11-29T02:00:00Z"),
});
const specsFirst = {
  id: "specs-everywhere",
  name: "参数对比优先 / Specs first everywhere",
  priority: 500,
  status: "published" as const,
  when: { kind: "all" as const, of: [] },
  actions: { lead: ["spec-comparison" as const, "range" as const, "finance" as const] },
};

describe("published personalization rules in KV", () => {
  it("decides with the built-in defaults until a set is published, then with the published set after the next check", async () => {
    const start = Date.now();
    expect((await publishedDecider(env.CONFIG, start))(tier3).fired).toContain("tier-3-4-instalments");
    await publishRules(env.CONFIG, [specsFirst, ...DEFAULT_RULES], "v2");
    expect((await publishedDecider(env.CONFIG, start + 1_000))(tier3).fired).toContain("tier-3-4-instalments");
    const after = (await publishedDecider(env.CONFIG, start + 16_000))(tier3);
    expect(after.actions.lead?.[0]).toBe("spec-comparison");
    expect(after.fired).toContain("specs-everywhere");
  });

  it("keeps the last good set when a published version's body is missing or invalid", async () => {
    const start = Date.now() + 100_000;
    await publishRules(env.CONFIG, [specsFirst], "v3");
    expect((await publishedDecider(env.CONFIG, start))(tier3).fired).toEqual(["specs-everywhere"]);
    await env.CONFIG.put(rulesKey("v4"), JSON.stringify([{ id: "broken" }]));
    await env.CONFIG.put(RULES_VERSION_KEY, "v4");
    expect((await publishedDecider(env.CONFIG, start + 20_000))(tier3).fired).toEqual(["specs-everywhere"]);
  });

  it("refuses to publish an invalid rule set and leaves the published one alone", async () => {
    const before = await env.CONFIG.get(RULES_VERSION_KEY);
    await expect(publishRules(env.CONFIG, [{ id: "no-conditions" }], "v9")).rejects.toThrow();
    expect(await env.CONFIG.get(RULES_VERSION_KEY)).toBe(before);
    expect(await env.CONFIG.get(rulesKey("v9"))).toBeNull();
  });
});
