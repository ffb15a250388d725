import { describe, expect, it } from "vitest";
import { encodeVisitorCookie, importVisitorKey, type VisitorHistory, verifyVisitorCookie } from "./visitor-cookie.ts";

const NOW = Date.parse("2026-11-29T10:00:00+08:00");
const DAY = 86_400_000;
const history: VisitorHistory = {
  visitorId: "v-7f3a9c",
  visits: 3,
  modelsViewed: ["m7", "x5"],
  financeInterest: true,
  lastConfiguration: "cfg-42",
};
const key = await importVisitorKey("a visitor cookie secret of at least 32 bytes");

describe("visitor cookie", () => {
  it("reads back the history it signed", async () => {
    const cookie = await encodeVisitorCookie(key, history, NOW + 180 * DAY);
    expect(cookie).toMatch(/^1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(await verifyVisitorCookie(key, cookie, NOW)).toEqual(history);
  });

  it("stays small: under 256 bytes with eight models viewed", async () => {
    const models = Array.from({ length: 12 }, (_, i) => `model-${i}`);
    const cookie = await encodeVisitorCookie(key, { ...history, modelsViewed: models }, NOW + DAY);
    expect(cookie.length).toBeLessThan(256);
    expect((await verifyVisitorCookie(key, cookie, NOW))?.modelsViewed).toEqual(models.slice(0, 8));
  });

  it("treats a tampered payload as a fresh visitor", async () => {
    const cookie = await encodeVisitorCookie(key, history, NOW + DAY);
    const [version, , mac] = cookie.split(".");
    const forged = btoa(JSON.stringify(["v-7f3a9c", 99, [], 1, null, Math.floor((NOW + DAY) / 1000)]))
      .replaceAll("+", "-")
      .replaceAll("/", "_")
      .replace(/=+$/, "");
    expect(await verifyVisitorCookie(key, `${version}.${forged}.${mac}`, NOW)).toBeNull();
  });

  it("treats a changed signature, another version or a foreign key as a fresh visitor", async () => {
    const cookie = await encodeVisitorCookie(key, history, NOW + DAY);
    const flipped = cookie.slice(0, -2) + (cookie.endsWith("AA") ? "BA" : "AA");
    expect(await verifyVisitorCookie(key, flipped, NOW)).toBeNull();
    expect(await verifyVisitorCookie(key, `2${cookie.slice(1)}`, NOW)).toBeNull();
    const other = await importVisitorKey("another secret, also at least 32 bytes");
    expect(await verifyVisitorCookie(other, cookie, NOW)).toBeNull();
  });

  it("treats an expired cookie as a fresh visitor", async () => {
    const cookie = await encodeVisitorCookie(key, history, NOW + DAY);
    expect(await verifyVisitorCookie(key, cookie, NOW + DAY - 1000)).not.toBeNull();
    expect(await verifyVisitorCookie(key, cookie, NOW + DAY)).toBeNull();
  });

  it.each([[undefined], [""], ["garbage"], ["1.%%%.%%%"], ["1.a.b.c"]])(
    "ignores the malformed value %j",
    async (value) => {
      expect(await verifyVisitorCookie(key, value, NOW)).toBeNull();
    },
  );

  it("refuses a short secret", async () => {
    await expect(importVisitorKey("short")).rejects.toThrow(RangeError);
  });
});
