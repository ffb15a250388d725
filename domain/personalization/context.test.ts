import { describe, expect, it } from "vitest";
import { buildContext, type ContextInput } from "./context.ts";
import { UA } from "./user-agents.ts";

const NOW = Date.parse("2026-11-29T10:00:00+08:00");
const history = {
  visitorId: "v-1",
  visits: 2,
  modelsViewed: ["m7"],
  financeInterest: true,
  lastConfiguration: "cfg-9",
};
const input = (over: Partial<ContextInput>): ContextInput => ({
  consent: "personalisation",
  url: "https://marque.cn/",
  now: NOW,
  ...over,
});

describe("buildContext: geo", () => {
  it("places a visitor by the city Cloudflare reports, with its province and tier", () => {
    const context = buildContext(input({ cf: { country: "CN", region: "Sichuan", city: "Mianyang" } }));
    expect([context.country, context.province, context.city, context.tier]).toEqual(["CN", "四川省", "绵阳市", "3"]);
  });

  it("places a visitor whose city name is unknown in the nearest city by coordinates (strings, as cf sends them)", () => {
    const context = buildContext(
      input({ cf: { country: "CN", city: "Nanshan", latitude: "22.5333", longitude: "113.9304" } }),
    );
    expect([context.city, context.tier]).toEqual(["深圳市", "1"]);
  });

  it("keeps the province from the region when neither city nor coordinates are known", () => {
    const context = buildContext(input({ cf: { country: "CN", region: "Guangdong" } }));
    expect([context.province, context.city, context.tier]).toEqual(["广东省", null, null]);
  });

  it("does not place a visitor from abroad in a Chinese city", () => {
    const context = buildContext(
      input({ cf: { country: "US", city: "Austin", latitude: "30.27", longitude: "-97.74" } }),
    );
    expect([context.country, context.province, context.city, context.tier]).toEqual(["US", null, null, null]);
  });
});

describe("buildContext: device and channel", () => {
  it("classifies a WeChat visitor on a phone arriving from a WeChat article", () => {
    const context = buildContext(
      input({ userAgent: UA.wechatAndroid, url: "https://marque.cn/?utm_source=wechat&utm_medium=social" }),
    );
    expect([context.device, context.formFactor, context.channel.kind, context.channel.source]).toEqual([
      "wechat",
      "phone",
      "social",
      "wechat",
    ]);
  });
});

describe("buildContext: consent gates the history", () => {
  it("reads nothing of the history without consent", () => {
    const context = buildContext(input({ consent: "none", history }));
    expect(context).toMatchObject({
      visitorId: null,
      visits: 0,
      modelsViewed: [],
      financeInterest: false,
      lastConfiguration: null,
    });
  });

  it("reads the id, visits and last configuration with functional consent, not what profiles the visitor", () => {
    const context = buildContext(input({ consent: "functional", history }));
    expect(context).toMatchObject({
      visitorId: "v-1",
      visits: 2,
      modelsViewed: [],
      financeInterest: false,
      lastConfiguration: "cfg-9",
    });
  });

  it("reads models viewed and finance interest with personalisation consent", () => {
    const context = buildContext(input({ consent: "personalisation", history }));
    expect(context).toMatchObject({ modelsViewed: ["m7"], financeInterest: true });
  });

  it("treats a visitor without a (valid) cookie as new", () => {
    expect(buildContext(input({ history: null }))).toMatchObject({ visitorId: null, visits: 0 });
  });
});
