import { describe, expect, it } from "vitest";
import { deviceClass, formFactor } from "./device.ts";
import { UA } from "./user-agents.ts";

describe("deviceClass", () => {
  it.each([
    ["iPhone Safari", UA.iphoneSafari, "phone", "phone"],
    ["Android Chrome", UA.androidChrome, "phone", "phone"],
    ["HarmonyOS browser", UA.harmonyPhone, "phone", "phone"],
    ["a CUBOT phone (not a bot)", UA.cubotPhone, "phone", "phone"],
    ["iPad Safari", UA.ipad, "tablet", "tablet"],
    ["Android tablet Chrome", UA.androidTabletChrome, "tablet", "tablet"],
    ["WeChat on iOS", UA.wechatIos, "wechat", "phone"],
    ["WeChat on Android", UA.wechatAndroid, "wechat", "phone"],
    ["WeChat for Windows", UA.wechatWindows, "wechat", "desktop"],
    ["a WeChat mini-program on Android", UA.wechatMiniProgramAndroid, "mini-program", "phone"],
    ["a WeChat mini-program on iOS", UA.wechatMiniProgramIos, "mini-program", "phone"],
    ["a Douyin mini-program", UA.douyinMiniProgram, "mini-program", "phone"],
    ["Alipay on Android", UA.alipayAndroid, "alipay", "phone"],
    ["Alipay on iOS", UA.alipayIos, "alipay", "phone"],
    ["Douyin on Android", UA.douyinAndroid, "douyin", "phone"],
    ["Douyin on iOS", UA.douyinIos, "douyin", "phone"],
    ["Weibo on iOS", UA.weiboIos, "in-app", "phone"],
    ["Chrome on Windows", UA.chromeWindows, "desktop", "desktop"],
    ["Edge on Windows", UA.edgeWindows, "desktop", "desktop"],
    ["Safari on a Mac", UA.safariMac, "desktop", "desktop"],
    ["Firefox on Windows", UA.firefoxWindows, "desktop", "desktop"],
    ["Firefox on Linux", UA.firefoxLinux, "desktop", "desktop"],
    ["Googlebot", UA.googlebot, "bot", "desktop"],
    ["Googlebot smartphone", UA.googlebotSmartphone, "bot", "phone"],
    ["Baiduspider", UA.baiduspider, "bot", "desktop"],
    ["Bytespider", UA.bytespider, "bot", "phone"],
    ["Sogou web spider", UA.sogou, "bot", "desktop"],
    ["bingbot", UA.bingbot, "bot", "desktop"],
    ["headless Chrome", UA.headless, "bot", "desktop"],
    ["curl", UA.curl, "bot", "desktop"],
  ] as const)("classifies %s", (_, ua, device, form) => {
    expect(deviceClass(ua)).toBe(device);
    expect(formFactor(ua)).toBe(form);
  });

  it("treats a request without a user agent as a bot", () => {
    expect(deviceClass(undefined)).toBe("bot");
    expect(deviceClass("  ")).toBe("bot");
  });
});

describe("formFactor with client hints", () => {
  it("believes Sec-CH-UA-Mobile over a reduced user agent", () => {
    expect(formFactor(UA.androidTabletChrome, { mobile: "?1", platform: '"Android"' })).toBe("phone");
    expect(formFactor(UA.androidChrome, { mobile: "?0", platform: '"Android"' })).toBe("tablet");
    expect(formFactor(UA.chromeWindows, { mobile: "?0", platform: '"Windows"' })).toBe("desktop");
  });

  it("keeps iPads tablets whatever the hints say", () => {
    expect(formFactor(UA.ipad, { mobile: "?1" })).toBe("tablet");
  });

  it("counts iPadOS Safari in desktop mode as a desktop, since it sends a Mac user agent and no hints", () => {
    expect(formFactor(UA.ipadosDesktopMode)).toBe("desktop");
  });
});
