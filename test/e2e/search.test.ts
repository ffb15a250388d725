import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DESKTOP, launch, PHONE, SCREENSHOTS, watchForProblems } from "./browser.ts";

const base = inject("baseURL");
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function open(path: string, viewport = DESKTOP) {
  const context = await browser.newContext({ viewport, locale: "zh-CN" });
  const page = await context.newPage();
  const problems = watchForProblems(page);
  await page.goto(base + path, { waitUntil: "networkidle" });
  return { page, context, problems };
}

const total = async (page: Page) => Number(((await page.locator(".total").textContent()) ?? "").replace(/[^\d]/g, ""));
const facetCount = async (page: Page, name: string, value: string) =>
  Number(
    await page
      .locator(`label.option:has(input[name="${name}"][value="${value}"]) .count`)
      .textContent()
      .then((t) => (t ?? "").replace(/[^\d]/g, "")),
  );
/** Resolves once the page has swapped in the answer for the URL it now shows. */
const settled = (page: Page) =>
  page.waitForFunction(() => document.querySelector("#results")?.getAttribute("aria-busy") === "false");

describe("search page in Chromium", () => {
  it("serves the first page of results in the HTML itself, for crawlers and for people without JavaScript", async () => {
    const html = await (await fetch(`${base}/search?body=suv&sort=price-asc`)).text();
    expect(html).toMatch(/共 [\d,]+ 个结果/);
    expect((html.match(/class="hit"/g) ?? []).length).toBe(20);
    expect(html).toContain('rel="alternate"');
  });

  it("applies a filter without a full reload, keeps it in the URL, gives the count shown beside it, and goes back", async () => {
    const { page, context, problems } = await open("/search");
    const before = await total(page);
    const promised = await facetCount(page, "body", "suv");
    await page.evaluate(() => {
      (window as unknown as { marker: number }).marker = 1;
    });
    await page.locator('input[name="body"][value="suv"]').check();
    await page.waitForURL(/body=suv/);
    await settled(page);
    expect(await total(page)).toBe(promised);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
    await page.screenshot({ path: `${SCREENSHOTS}/search-desktop.png` });
    await page.goBack();
    await page.waitForURL((url) => !url.search.includes("body=suv"));
    await settled(page);
    expect(await total(page)).toBe(before);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("finds cars by pinyin initials and marks the matching Chinese characters", async () => {
    const { page, context } = await open("/search");
    const brand = await page.locator(".hit .eyebrow").first().textContent();
    const { pinyin } = await import("pinyin-pro");
    const name = brand?.split("·")[0]?.trim() ?? "";
    const initials = pinyin(name, { pattern: "first", toneType: "none", type: "array" }).join("");
    await page.locator("#q").fill(initials);
    await page.locator("#q").press("Enter");
    await page.waitForURL(new RegExp(`q=${initials}`));
    await settled(page);
    expect(await total(page)).toBeGreaterThan(0);
    expect(await page.locator(".hit mark").first().textContent()).toBe(name);
    await context.close();
  });

  it("suggests which filter to relax when nothing matches, and the suggestion leads to results", async () => {
    const { page, context } = await open("/search?q=zzqxj&body=suv");
    expect(await total(page)).toBe(0);
    const suggestion = page.locator(".relax a").first();
    await expect.poll(() => suggestion.count()).toBe(1);
    const promised = Number(
      ((await suggestion.textContent()) ?? "").match(/(\d[\d,]*) 个结果/)?.[1]?.replace(/,/g, ""),
    );
    await suggestion.click();
    await settled(page);
    await expect.poll(() => total(page)).toBe(promised);
    await context.close();
  });

  it("loads the next page under the first without repeating a car", async () => {
    const { page, context } = await open("/search?kind=stock&sort=price-asc");
    await page.locator("#more").click();
    await expect.poll(() => page.locator(".hit").count()).toBe(40);
    const ids = await page.locator(".hit").evaluateAll((hits) => hits.map((hit) => hit.getAttribute("data-id")));
    expect(new Set(ids).size).toBe(40);
    await context.close();
  });

  it("fits a phone: filters folded away, no sideways scrolling, and up to four trims picked to compare", async () => {
    const { page, context, problems } = await open("/search?powertrain=BEV", PHONE);
    expect(await page.locator("#filters").evaluate((details) => (details as HTMLDetailsElement).open)).toBe(false);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    const trims = await page
      .locator("input[data-compare]")
      .evaluateAll((boxes) => [...new Set(boxes.map((box) => box.getAttribute("data-compare")))]);
    for (const trim of trims.slice(0, 2)) await page.locator(`input[data-compare="${trim}"]`).first().check();
    await expect.poll(() => page.locator("[data-compare-count]").textContent()).toBe("2");
    expect(await page.locator("[data-compare-link]").getAttribute("href")).toMatch(/trims=[^&]+%2C|trims=[^&]+,/);
    await page.screenshot({ path: `${SCREENSHOTS}/search-phone.png` });
    expect(problems).toEqual([]);
    await context.close();
  });

  it("answers a malformed search with the reason, not an error page", async () => {
    const { page, context } = await open("/search?price=30-20");
    expect(await page.locator("[role=alert]").textContent()).toContain("priceMin");
    await context.close();
  });
});
