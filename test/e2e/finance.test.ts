import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { formatYuan } from "../../domain/money.ts";
import { DESKTOP, launch, PHONE, SCREENSHOTS, watchForProblems } from "./browser.ts";

const base = inject("baseURL");
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

type Trim = { id: string; name: string; priceFen: number; powertrain: string };
type Quote = { monthlyPaymentFen: number; aprPercent: number; rate: { kind: string }; months: number };

async function open(path: string, viewport = DESKTOP) {
  const context = await browser.newContext({ viewport, locale: "zh-CN", acceptDownloads: true });
  const page = await context.newPage();
  const problems = watchForProblems(page);
  const response = await page.goto(base + path, { waitUntil: "networkidle" });
  expect(response?.status(), `status of ${path}`).toBe(200);
  return { page, context, problems };
}

async function json<T>(path: string): Promise<T> {
  const response = await fetch(base + path);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

/** A model and one of its trims: the first battery-electric one when asked for, else the entry trim. */
async function pickTrim(electric = false): Promise<{ slug: string; trim: Trim }> {
  const { models } = await json<{ models: { slug: string; powertrains: string[] }[] }>("/api/models");
  const model = models.find((m) => !electric || m.powertrains.includes("BEV")) ?? models[0];
  const { trims } = await json<{ trims: Trim[] }>(`/api/models/${model?.slug}`);
  const trim = trims.find((t) => !electric || t.powertrain === "BEV") ?? trims[0];
  if (!model || !trim) throw new Error("the demo catalogue has no such trim");
  return { slug: model.slug, trim };
}

const loanQuote = (trim: Trim, months: number) =>
  json<Quote>(
    `/api/finance/quote?${new URLSearchParams({
      priceFen: String(trim.priceFen),
      downPaymentPercent: "30",
      months: String(months),
      plan: "equal-instalment",
      trimId: trim.id,
      province: "上海市",
    })}`,
  );
const text = async (page: Page, selector: string) =>
  ((await page.locator(selector).first().textContent()) ?? "").trim();
const settled = (page: Page) =>
  page.waitForFunction(() => document.querySelector("#finance-result")?.getAttribute("aria-busy") === "false");
const fen = (shown: string) => Math.round(Number(shown.replace(/[^\d.]/g, "")) * 100);
const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
/** Whether the first element matching `first` comes before the first matching `second` in the page. */
const comesBefore = (page: Page, first: string, second: string) =>
  page.evaluate(
    ([a, b]) => {
      const [x, y] = [document.querySelector(a as string), document.querySelector(b as string)];
      return Boolean(x && y && x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING);
    },
    [first, second],
  );

describe("finance calculator in Chromium", () => {
  it("shows the API's monthly payment and true APR for the same inputs, and explains a flat rate", async () => {
    const { trim } = await pickTrim();
    const api = await loanQuote(trim, 36);
    const { page, context, problems } = await open(`/finance?trim=${trim.id}&down=30&months=36&city=310000`);
    expect(await text(page, "[data-monthly]")).toBe(formatYuan(api.monthlyPaymentFen, "zh"));
    expect(await text(page, "[data-apr]")).toBe(`${api.aprPercent.toFixed(2)}%`);
    expect(await page.locator("#schedule tbody tr").count()).toBe(36);
    if (api.rate.kind === "flat") {
      const rate = await text(page, "[data-rate]");
      expect(rate).toContain("费率");
      expect(rate).toContain(`真实年化利率（APR）是 ${api.aprPercent.toFixed(2)}%`);
    }
    expect(await page.locator(".year-chart svg[role=img] rect.interest").count()).toBe(3);
    await page.screenshot({ path: `${SCREENSHOTS}/finance-desktop.png`, fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });

  it("updates the payment and the URL when the term changes, without reloading the page", async () => {
    const { trim } = await pickTrim();
    const { page, context, problems } = await open(`/finance?trim=${trim.id}&city=310000`);
    const before = await text(page, "[data-monthly]");
    await page.evaluate(() => {
      (window as unknown as { marker: number }).marker = 1;
    });
    await page.getByLabel("贷款期限").selectOption("48");
    await page.waitForURL(/months=48/);
    await settled(page);
    const api = await loanQuote(trim, 48);
    expect(await text(page, "[data-monthly]")).toBe(formatYuan(api.monthlyPaymentFen, "zh"));
    expect(await text(page, "[data-monthly]")).not.toBe(before);
    expect(await text(page, "#finance-announce")).toBe(`月供 ${formatYuan(api.monthlyPaymentFen, "zh")}`);
    expect(await page.locator("#schedule tbody tr").count()).toBe(48);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("works without JavaScript: the form submits and the server answers for the new inputs", async () => {
    const { trim } = await pickTrim();
    const context = await browser.newContext({ viewport: DESKTOP, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/finance?trim=${trim.id}&city=310000`);
    await page.getByLabel("贷款期限").selectOption("24");
    await page.getByRole("button", { name: "计算" }).click();
    await page.waitForURL(/months=24/);
    const api = await loanQuote(trim, 24);
    expect(await text(page, "[data-monthly]")).toBe(formatYuan(api.monthlyPaymentFen, "zh"));
    await context.close();
  });

  it("downloads a CSV whose first payment row is the table's first row", async () => {
    const { trim } = await pickTrim();
    const { page, context } = await open(`/finance?trim=${trim.id}&plan=equal-principal&months=24&city=310000`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("[data-csv]").click()]);
    const csv = readFileSync((await download.path()) ?? "", "utf8");
    const [header, first] = csv.replace(/^\uFEFF/, "").split("\r\n");
    expect(header).toContain("期数");
    const cells = await page.locator("#schedule tbody tr").first().locator("th, td").allTextContents();
    expect(
      first?.split(",").map((cell, index) => (index === 0 ? Number(cell) : Math.round(Number(cell) * 100))),
    ).toEqual(cells.map((cell, index) => (index === 0 ? Number(cell) : fen(cell))));
    await context.close();
  });

  it("quotes insurance for the visitor's chosen city, compulsory apart from commercial, in NEV wording for an electric car", async () => {
    const { trim } = await pickTrim(true);
    const { page, context, problems } = await open(`/finance?trim=${trim.id}&city=440300`);
    expect(await page.locator('[data-insurance="quote"]').count()).toBe(1);
    expect(await text(page, "[data-compulsory]")).toMatch(/^¥/);
    expect(await page.locator("[data-nev-notes] li").count()).toBeGreaterThan(0);
    expect(await text(page, "#insurance")).toContain("新能源汽车商业保险专属条款");
    const commercial = fen(await text(page, "[data-commercial]"));
    await page.getByLabel("第三者责任险保额").selectOption("500");
    await page.waitForURL(/tpl=500/);
    await settled(page);
    await expect.poll(async () => fen(await text(page, "[data-commercial]"))).toBeGreaterThan(commercial);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("fits a 390 px phone without sideways scrolling, for every plan", async () => {
    const { trim } = await pickTrim(true);
    for (const plan of ["equal-instalment", "balloon", "baas", "subscription"]) {
      const { page, context, problems } = await open(`/finance?trim=${trim.id}&plan=${plan}&city=310000`, PHONE);
      expect(await noSidewaysScroll(page), plan).toBe(true);
      if (plan === "equal-instalment") {
        expect(await page.locator("#schedule").getAttribute("open")).toBeNull();
        await page.screenshot({ path: `${SCREENSHOTS}/finance-phone.png`, fullPage: true });
      }
      expect(problems).toEqual([]);
      await context.close();
    }
  });
});

describe("finance widget in Chromium", () => {
  it("follows the configured price on the configure page", async () => {
    const { slug } = await pickTrim();
    const { page, context, problems } = await open(`/models/${slug}/configure`);
    const root = page.locator(".configurator");
    await expect.poll(() => root.getAttribute("data-configured-price-fen")).not.toBeNull();
    const widget = page.locator("[data-finance-widget]");
    await expect
      .poll(() => widget.getAttribute("data-price-fen"))
      .toBe(await root.getAttribute("data-configured-price-fen"));
    const before = await text(page, "[data-widget-monthly]");
    const shown = await widget.getAttribute("data-price-fen");
    await page.locator('fieldset:not([data-one]) [data-option][data-state="free"]', { hasText: "+¥" }).first().click();
    await expect.poll(() => root.getAttribute("data-configured-price-fen")).not.toBe(shown);
    const configured = Number(await root.getAttribute("data-configured-price-fen"));
    await expect.poll(() => widget.getAttribute("data-price-fen")).toBe(String(configured));
    expect(await text(page, "[data-widget-monthly]")).not.toBe(before);
    expect(await widget.locator("[data-widget-link]").getAttribute("href")).toContain(
      `price=${Math.round(configured / 100)}`,
    );
    expect(problems).toEqual([]);
    await context.close();
  });

  it("leads with finance above the specs for a tier-3 city and keeps specs first for a tier-1 city", async () => {
    const { slug } = await pickTrim();
    const tier3 = await open(`/models/${slug}?edge-city=130200`);
    expect(await comesBefore(tier3.page, "[data-finance-widget]", "#specs-title")).toBe(true);
    expect(await tier3.page.locator(".finance-widget--lead").count()).toBe(1);
    expect(await text(tier3.page, "[data-finance-widget]")).toMatch(
      /分期优惠[\s\S]*首付 ¥[\d,]+，月供 ¥[\d,.]+ 起（60 期）/,
    );
    await tier3.page.evaluate(() =>
      window.scrollTo(0, (document.querySelector(".finance-widget")?.getBoundingClientRect().top ?? 0) + scrollY - 420),
    );
    await tier3.page.screenshot({ path: `${SCREENSHOTS}/model-finance-tier3.png` });
    expect(tier3.problems).toEqual([]);
    await tier3.context.close();

    const tier1 = await open(`/models/${slug}?edge-city=110000`);
    expect(await comesBefore(tier1.page, "#specs-title", "[data-finance-widget]")).toBe(true);
    expect(await tier1.page.locator(".finance-widget--compact").count()).toBe(1);
    await tier1.context.close();
  });
});
