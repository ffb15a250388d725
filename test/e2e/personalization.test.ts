import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { UA } from "../../domain/personalization/user-agents.ts";
import { previewOf } from "../../worker/edge.ts";
import { DESKTOP, launch, PHONE, SCREENSHOTS, watchForProblems } from "./browser.ts";

const base = inject("baseURL");
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function open(path: string, options: BrowserContextOptions = { viewport: DESKTOP }) {
  const context = await browser.newContext({ locale: "zh-CN", ...options });
  const page = await context.newPage();
  const problems = watchForProblems(page);
  const response = await page.goto(base + path, { waitUntil: "networkidle" });
  expect(response?.status(), `status of ${path}`).toBe(200);
  return { page, context, problems, headers: (await response?.allHeaders()) ?? {} };
}

async function firstModel(): Promise<string> {
  const { models } = (await (await fetch(`${base}/api/models`)).json()) as { models: { slug: string }[] };
  if (!models[0]) throw new Error("the demo store has no models");
  return models[0].slug;
}

/** Scrolls the model page so that the key figures, and below them the leading module, are in view. */
const belowHero = (page: Page) =>
  page.evaluate(() =>
    window.scrollTo(0, (document.querySelector(".figures")?.getBoundingClientRect().top ?? 0) + scrollY - 80),
  );
const moduleOrder = (page: Page) =>
  page.locator("[data-module]").evaluateAll((nodes) => nodes.map((node) => node.getAttribute("data-module")));

describe("personalised pages in Chromium", () => {
  it("leads a tier-3 city visitor's model page with instalments, in a response no shared cache keeps", async () => {
    const slug = await firstModel();
    const { page, context, problems, headers } = await open(`/models/${slug}?edge-city=130200`);
    expect(await moduleOrder(page)).toEqual(["finance", "range", "spec-comparison"]);
    expect(await page.locator(".finance-widget--lead").count()).toBe(1);
    expect(await page.locator("[data-finance-widget]").textContent()).toMatch(/首付 ¥[\d,]+，月供 ¥[\d,.]+ 起/);
    expect(headers["x-marque-variant"]).toBe("tier-3-4-instalments,standard-page");
    expect(headers["cache-control"]).toMatch(/^private\b/);
    expect(headers["set-cookie"]).toBeUndefined();
    await belowHero(page);
    await page.screenshot({ path: `${SCREENSHOTS}/personalized-tier3.png` });
    expect(problems).toEqual([]);
    await context.close();
  });

  it("leads a tier-1 city visitor's model page with the spec comparison, finance compact after it", async () => {
    const slug = await firstModel();
    const { page, context, problems, headers } = await open(`/models/${slug}?edge-city=110000`);
    expect(await moduleOrder(page)).toEqual(["spec-comparison", "range", "finance"]);
    expect(await page.locator(".finance-widget--compact").count()).toBe(1);
    expect(headers["x-marque-variant"]).toBe("tier-1-spec-comparison,standard-page");
    await belowHero(page);
    await page.screenshot({ path: `${SCREENSHOTS}/personalized-tier1.png` });
    expect(problems).toEqual([]);
    await context.close();
  });

  it("gives a phone the compact home page, and a desktop the standard one", async () => {
    const phone = await open("/", { viewport: PHONE, userAgent: UA.iphoneSafari, isMobile: true, hasTouch: true });
    expect(await phone.page.locator("[data-layout]").getAttribute("data-layout")).toBe("compact");
    expect(await phone.page.locator("#journey-title").count()).toBe(0);
    expect(phone.headers["x-marque-variant"]).toBe("phone-compact,standard-page");
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await phone.page.screenshot({ path: `${SCREENSHOTS}/personalized-phone.png` });
    expect(phone.problems).toEqual([]);
    await phone.context.close();

    const desktop = await open("/");
    expect(await desktop.page.locator("[data-layout]").getAttribute("data-layout")).toBe("standard");
    expect(await desktop.page.locator("#journey-title").count()).toBe(1);
    await desktop.context.close();
  });

  it("offers a returning visitor who consented to resume the configuration they left", async () => {
    const slug = await firstModel();
    const context = await browser.newContext({ viewport: DESKTOP, locale: "zh-CN" });
    await context.addCookies([{ name: "marque_consent", value: "functional", url: base }]);
    const page = await context.newPage();
    const problems = watchForProblems(page);
    await page.goto(`${base}/models/${slug}/configure`, { waitUntil: "networkidle" });
    await page.waitForURL(/[?&]c=/);
    const configured = new URL(page.url()).searchParams.get("c");
    await page.locator("a.logo").click();
    await page.waitForURL(`${base}/`);
    expect(await page.locator("[data-resume]").count(), "not within the same visit").toBe(0);

    const visitor = (await context.cookies()).find((cookie) => cookie.name === "marque_visitor");
    expect(visitor).toMatchObject({ httpOnly: true, secure: true, sameSite: "Lax", path: "/" });
    expect((visitor?.expires ?? 0) * 1000 - Date.now()).toBeGreaterThan(179 * 86_400_000);
    expect(await page.evaluate(() => document.cookie)).toBe("marque_consent=functional");

    await context.clearCookies({ name: "marque_visit" });
    await page.goto(`${base}/`, { waitUntil: "networkidle" });
    const resume = page.locator("[data-resume] a");
    const names = (await context.cookies()).map((cookie) => cookie.name).join(", ");
    expect(await resume.count(), `on the next visit, with cookies ${names}`).toBe(1);
    const target = new URL((await resume.getAttribute("href")) ?? "", base);
    expect(target.pathname).toBe(`/models/${slug}/configure`);
    expect(target.searchParams.get("c")).toBe(configured);
    await page.screenshot({ path: `${SCREENSHOTS}/personalized-resume.png` });
    await resume.click();
    await page.waitForURL(/\/configure/);
    expect(new URL(page.url()).searchParams.get("c")).toBe(configured);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("keeps no history for a visitor who has not consented", async () => {
    const slug = await firstModel();
    const { context } = await open(`/models/${slug}/configure`);
    expect((await context.cookies()).map((cookie) => cookie.name)).toEqual([]);
    await context.close();
  });

  it("ignores the preview parameters in production", () => {
    const url = new URL("https://marque.cn/models/x?edge-city=130200&edge-device=phone");
    expect(previewOf(url, "production")).toEqual({});
    expect(previewOf(url, "development").cf?.city).toBe("Tangshan");
  });
});
