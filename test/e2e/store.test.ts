import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { DESKTOP, launch, PHONE, SCREENSHOTS, watchForProblems } from "./browser.ts";
import { e2eSql } from "./global-setup.ts";

const base = inject("baseURL");
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function open(
  path: string,
  viewport = DESKTOP,
): Promise<{ page: Page; context: BrowserContext; problems: string[] }> {
  const context = await browser.newContext({ viewport, locale: "zh-CN" });
  const page = await context.newPage();
  const problems = watchForProblems(page);
  const response = await page.goto(base + path, { waitUntil: "networkidle" });
  expect(response?.status(), `status of ${path}`).toBeLessThan(400);
  return { page, context, problems };
}

async function noHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

type ModelSummary = { slug: string; name: string; nameEn: string; fromPriceFen: number };
type ModelDetail = ModelSummary & { trims: { name: string; powerKw: number; cltcRangeKm: number | null }[] };

describe("storefront in Chromium", () => {
  it("home page shows the catalogue from D1, with no console errors or CSP violations", async () => {
    const { models } = (await (await fetch(`${base}/api/models`)).json()) as { models: ModelSummary[] };
    expect(models.length).toBeGreaterThan(10);
    const { page, context, problems } = await open("/");
    await expect(page.locator("h1").textContent()).resolves.toBe(models[0]?.name);
    expect(await page.locator("article.card").count()).toBeGreaterThanOrEqual(6);
    const heroLoaded = await page
      .locator(".hero-image")
      .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0);
    expect(heroLoaded).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}/home-desktop.png`, fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });

  it("model page shows the real specs of every trim", async () => {
    const { models } = (await (await fetch(`${base}/api/models`)).json()) as { models: ModelSummary[] };
    const slug = models[1]?.slug ?? "";
    const model = (await (await fetch(`${base}/api/models/${slug}`)).json()) as ModelDetail;
    const { page, context, problems } = await open(`/models/${slug}`);
    await expect(page.locator("h1").textContent()).resolves.toBe(model.name);
    const table = page.getByRole("table");
    for (const trim of model.trims) {
      await expect(table.locator("thead").textContent()).resolves.toContain(trim.name);
    }
    const powerRow = await table.locator("tr", { hasText: "最大功率" }).textContent();
    for (const trim of model.trims) expect(powerRow).toContain(`${trim.powerKw} kW`);
    await page.screenshot({ path: `${SCREENSHOTS}/model-desktop.png`, fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });

  it("switches to English and keeps the language on links", async () => {
    const { page, context } = await open("/models");
    await page.getByRole("link", { name: "EN" }).click();
    await page.waitForURL(/lang=en/);
    await expect(page.locator("html").getAttribute("lang")).resolves.toBe("en");
    await expect(page.locator("h1").textContent()).resolves.toBe("All models");
    const firstCard = page.locator("article.card a").first();
    await expect(firstCard.getAttribute("href")).resolves.toMatch(/lang=en$/);
    await context.close();
  });

  it("filters models by body type and offers a way out of an empty result", async () => {
    const { page, context } = await open("/models?bodyType=mpv");
    const cards = await page.locator("article.card .eyebrow").allTextContents();
    expect(cards.length).toBeGreaterThan(0);
    for (const text of cards) expect(text).toContain("MPV");
    await context.close();
  });

  it("finds dealers in a chosen city", async () => {
    const { page, context, problems } = await open("/dealers");
    await page.getByLabel("城市").selectOption({ label: "深圳市" });
    await page.getByRole("button", { name: "查找" }).click();
    await page.waitForURL(/city=440300/);
    await expect(page.locator("h1").textContent()).resolves.toBe("深圳市的经销商");
    expect(await page.locator("li.dealer").count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${SCREENSHOTS}/dealers-desktop.png`, fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });

  it("does not shift its layout while loading", async () => {
    const { page, context } = await open("/");
    const shift = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let total = 0;
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries() as (PerformanceEntry & { value: number })[]) total += entry.value;
          }).observe({ type: "layout-shift", buffered: true });
          setTimeout(() => resolve(total), 500);
        }),
    );
    expect(shift).toBeLessThan(0.01);
    await context.close();
  });

  it("fits phones from 360 px without sideways scrolling", async () => {
    const { models } = (await (await fetch(`${base}/api/models`)).json()) as { models: ModelSummary[] };
    const pages = [
      "/",
      "/?lang=en",
      "/models",
      "/models?bodyType=suv&lang=en",
      `/models/${models[0]?.slug}`,
      "/dealers",
    ];
    for (const path of [...pages, "/search?lang=en", "/finance?lang=en", "/compare", "/login?lang=en"]) {
      const { page, context } = await open(path, { width: 360, height: 740 });
      expect(await noHorizontalScroll(page), path).toBe(true);
      await context.close();
    }
    for (const path of ["/", "/models", "/dealers"]) {
      const { page, context } = await open(path, PHONE);
      await page.screenshot({
        path: `${SCREENSHOTS}/${path === "/" ? "home" : path.slice(1)}-phone.png`,
        fullPage: true,
      });
      await context.close();
    }
  });

  it("shows every section of the header nav whole on a 390 px phone, in both languages", async () => {
    for (const lang of ["zh", "en"]) {
      const { page, context } = await open(lang === "en" ? "/?lang=en" : "/", PHONE);
      const cut = await page.evaluate(() => {
        const list = document.querySelector(".site-header nav ul")?.getBoundingClientRect();
        return [...document.querySelectorAll<HTMLElement>(".site-header nav li")]
          .filter((item) => item.offsetParent !== null)
          .filter((item) => item.getBoundingClientRect().right > (list?.right ?? 0) - 16)
          .map((item) => item.textContent?.trim());
      });
      expect(cut, lang).toEqual([]);
      const account = page.getByRole("link", { name: lang === "en" ? "Sign in" : "登录" });
      expect(await account.isVisible(), lang).toBe(true);
      await page.locator(".site-header").screenshot({ path: `${SCREENSHOTS}/header-390-${lang}.png` });
      await context.close();
    }
  });

  it("records a page view through the analytics queue into D1", async () => {
    const { context } = await open("/dealers?city=440300");
    await context.close();
    const pageViews = async () => {
      const [row] = await e2eSql<{ n: number }>(
        "SELECT count(*) AS n FROM analytics_events WHERE type = 'page.view' AND path = '/dealers'",
      );
      return row?.n ?? 0;
    };
    await vi.waitFor(async () => expect(await pageViews()).toBeGreaterThan(0), { timeout: 30_000, interval: 1000 });
  });

  it("sends security headers and a request id with pages", async () => {
    const response = await fetch(`${base}/models`);
    expect(response.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("x-request-id")).toBeTruthy();
    expect(await response.text()).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it("answers an unknown page with a helpful 404", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(`${base}/no-such-page`);
    expect(response?.status()).toBe(404);
    await expect(page.locator("h1").textContent()).resolves.toBe("页面不存在");
    const missingModel = await page.goto(`${base}/models/no-such-car?lang=en`);
    expect(missingModel?.status()).toBe(404);
    await expect(page.locator("h1").textContent()).resolves.toBe("We could not find that model");
    await context.close();
  });

  it("serves a readable API reference from local assets", async () => {
    const { page, context, problems } = await open("/api/docs");
    await page.getByText("Marque API").first().waitFor({ timeout: 20_000 });
    expect(problems.filter((p) => !p.includes("favicon"))).toEqual([]);
    await context.close();
  });
});
