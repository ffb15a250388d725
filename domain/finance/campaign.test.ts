import { describe, expect, it } from "vitest";
import { type Campaign, DEMO_CAMPAIGNS, selectCampaign, trueApr } from "./campaign.ts";

const base = { plans: ["equal-instalment"], terms: [12, 24, 36], from: "2026-11-01", to: "2026-11-30" } as const;
const campaigns: Campaign[] = [
  { ...base, id: "national", name: { zh: "全国", en: "National" }, rate: { kind: "apr", bp: 399 } },
  {
    ...base,
    id: "zhejiang",
    name: { zh: "浙江", en: "Zhejiang" },
    rate: { kind: "apr", bp: 199 },
    provinces: ["浙江省"],
  },
  {
    ...base,
    id: "trim",
    name: { zh: "车型", en: "Trim" },
    rate: { kind: "apr", bp: 0 },
    trims: ["verdo-v1:joy"],
    terms: [12],
  },
  { ...base, id: "flat", name: { zh: "费率", en: "Flat" }, rate: { kind: "flat", bp: 250 } },
];
const ask = { date: "2026-11-15", plan: "equal-instalment", months: 24 } as const;

describe("selectCampaign", () => {
  it("gives a province's shoppers its own campaign and everyone else the national one", () => {
    expect(selectCampaign(campaigns, { ...ask, province: "浙江省" })?.id).toBe("zhejiang");
    expect(selectCampaign(campaigns, { ...ask, province: "广东省" })?.id).toBe("national");
    expect(selectCampaign(campaigns, ask)?.id).toBe("national");
  });

  it("gives a trim's campaign only to that trim and only on its terms", () => {
    expect(selectCampaign(campaigns, { ...ask, months: 12, trimId: "verdo-v1:joy" })?.id).toBe("trim");
    expect(selectCampaign(campaigns, { ...ask, months: 24, trimId: "verdo-v1:joy" })?.id).toBe("national");
    expect(selectCampaign(campaigns, { ...ask, months: 12, trimId: "verdo-v1:max" })?.id).toBe("national");
  });

  it("runs from the first to the last day inclusive", () => {
    expect(selectCampaign(campaigns, { ...ask, date: "2026-11-01" })?.id).toBe("national");
    expect(selectCampaign(campaigns, { ...ask, date: "2026-11-30" })?.id).toBe("national");
    expect(selectCampaign(campaigns, { ...ask, date: "2026-10-31" })).toBeUndefined();
    expect(selectCampaign(campaigns, { ...ask, date: "2026-12-01" })).toBeUndefined();
  });

  it("skips campaigns for other plans", () => {
    expect(selectCampaign(campaigns, { ...ask, plan: "balloon" })).toBeUndefined();
  });

  it("never puts a balloon plan on a flat rate, even if a campaign lists it", () => {
    const flatBalloon = campaigns.map((c) => ({ ...c, plans: ["balloon" as const] }));
    expect(selectCampaign(flatBalloon, { ...ask, plan: "balloon" })?.id).toBe("national");
    expect(
      selectCampaign(
        flatBalloon.filter((c) => c.id === "flat"),
        { ...ask, plan: "balloon" },
      ),
    ).toBeUndefined();
  });

  it("ranks a flat rate by its true APR, not its smaller headline figure", () => {
    expect(trueApr({ kind: "flat", bp: 250 }, 24)).toBeGreaterThan(0.0399);
    const flatOrApr = campaigns.filter((c) => c.id === "national" || c.id === "flat");
    expect(selectCampaign(flatOrApr, ask)?.id).toBe("national");
    expect(selectCampaign(flatOrApr.reverse(), ask)?.id).toBe("national");
  });

  it("offers the demo 0 % campaign on a Pip in November 2026", () => {
    expect(
      selectCampaign(DEMO_CAMPAIGNS, {
        trimId: "verdo-v1:pro",
        date: "2026-11-28",
        plan: "equal-instalment",
        months: 24,
      })?.id,
    ).toBe("pip-zero-apr");
  });
});
