import { describe, expect, it } from "vitest";
import { channelOf } from "./channel.ts";

describe("channelOf", () => {
  it("reads UTM source, medium and campaign from the landing URL", () => {
    expect(
      channelOf("https://marque.cn/models/m7?utm_source=Baidu&utm_medium=CPC&utm_campaign=Spring-2026", null),
    ).toEqual({
      source: "baidu",
      medium: "cpc",
      campaign: "Spring-2026",
      referrerHost: null,
      kind: "search",
    });
  });

  it.each([
    ["https://www.baidu.com/s?wd=marque", "search"],
    ["https://m.baidu.com/from=844b/s?word=suv", "search"],
    ["https://www.google.com/", "search"],
    ["https://cn.bing.com/search?q=ev", "search"],
    ["https://m.sogou.com/web?query=car", "search"],
    ["https://weibo.com/u/123", "social"],
    ["https://www.xiaohongshu.com/explore/1", "social"],
    ["https://www.douyin.com/video/1", "social"],
    ["https://mp.weixin.qq.com/s/abc", "social"],
    ["https://www.zhihu.com/question/1", "social"],
    ["https://www.autohome.com.cn/news", "other"],
  ] as const)("classifies a visit referred by %s as %s", (referrer, kind) => {
    const channel = channelOf("https://marque.cn/", referrer);
    expect(channel.kind).toBe(kind);
    expect(channel.referrerHost).not.toBeNull();
  });

  it("counts a visit with no referrer and no UTM as direct", () => {
    expect(channelOf("https://marque.cn/", null).kind).toBe("direct");
  });

  it("ignores a referrer on the store itself", () => {
    expect(channelOf("https://marque.cn/models", "https://www.marque.cn/").kind).toBe("direct");
  });

  it("falls back to the UTM medium when an app strips the referrer", () => {
    expect(channelOf("https://marque.cn/?utm_source=wechat&utm_medium=social", null).kind).toBe("social");
    expect(channelOf("https://marque.cn/?utm_source=newsletter&utm_medium=email", null).kind).toBe("other");
  });

  it("survives a malformed URL or referrer", () => {
    expect(channelOf("not a url", "also not").kind).toBe("direct");
  });
});
