import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { formatCarPrice, formatYuan } from "../../domain/money.ts";
import { DESKTOP, launch, PHONE, SCREENSHOTS, signIn, watchForProblems } from "./browser.ts";
import { e2eSql } from "./global-setup.ts";

const base = inject("baseURL");
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

type RuleBase = {
  body: {
    groups: { code: string; min: number; options: string[] }[];
    rules: { id: string }[];
    options: { code: string; name: { zh: string } }[];
  };
};

/** A model whose first trim does not offer some option, and that option. */
async function modelWithTrimExclusion(): Promise<{
  slug: string;
  option: string;
  optionName: string;
  trimName: string;
}> {
  const { models } = (await (await fetch(`${base}/api/models`)).json()) as { models: { slug: string }[] };
  for (const { slug } of models) {
    const { body } = (await (await fetch(`${base}/api/models/${slug}/product-model`)).json()) as RuleBase;
    const firstTrim = body.groups.find((g) => g.code === "TRIM")?.options[0] ?? "";
    const rule = body.rules.find((r) => r.id.startsWith(`${firstTrim}:no:`));
    if (!rule) continue;
    const option = rule.id.slice(`${firstTrim}:no:`.length);
    const nameOf = (code: string) => body.options.find((o) => o.code === code)?.name.zh ?? code;
    return { slug, option, optionName: nameOf(option), trimName: nameOf(firstTrim) };
  }
  throw new Error("no demo model has a trim exclusion");
}

async function stateOf(page: Page, option: string): Promise<string | null> {
  return page.locator(`[data-option="${option}"]`).getAttribute("data-state");
}

describe("configurator in Chromium (2D, engine running in the browser)", () => {
  it("offers the engine's fix for an option the trim does not offer, keeps the configuration in the URL, and the server confirms the price shown", async () => {
    const { slug, option, trimName } = await modelWithTrimExclusion();
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    const problems = watchForProblems(page);
    await page.goto(`${base}/models/${slug}/configure`, { waitUntil: "networkidle" });
    await expect.poll(() => stateOf(page, option)).toBe("excluded");

    await page.locator(`[data-option="${option}"]`).click();
    const dialog = page.locator("dialog[data-conflict]");
    await expect.poll(() => dialog.getAttribute("open")).not.toBeNull();
    expect(await dialog.textContent()).toContain(`将取消：${trimName}`);
    await page.screenshot({ path: `${SCREENSHOTS}/configurator-conflict.png` });
    await page.getByRole("button", { name: "应用更改" }).click();
    await expect.poll(() => stateOf(page, option)).toBe("chosen");

    for (;;) {
      const open = page
        .locator("fieldset")
        .filter({ has: page.locator('[data-state="free"]') })
        .filter({ hasNot: page.locator('[data-state="chosen"], [data-state="forced"]') });
      const status = (await page.locator("[data-status]").textContent()) ?? "";
      if (!status.startsWith("还需选择")) break;
      await open.first().locator('[data-state="free"]').first().click();
    }
    expect(await page.locator("[data-status]").textContent()).toBe("配置完整，可以确认。");
    const shown = await page.locator("[data-total]").textContent();
    const url = page.url();
    expect(url).toContain("c=");

    await page.goto(url, { waitUntil: "networkidle" });
    await expect.poll(() => stateOf(page, option)).toBe("chosen");
    expect(await page.locator("[data-total]").textContent()).toBe(shown);

    await page.getByRole("button", { name: "确认配置" }).click();
    await expect.poll(() => page.locator("[data-check-result]").textContent()).toBe(`已确认：${shown}`);
    await page.screenshot({ path: `${SCREENSHOTS}/configurator-desktop.png`, fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });

  it("completes a configuration to the cheapest one and shows how many configurations remain", async () => {
    const { slug } = await modelWithTrimExclusion();
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    await page.goto(`${base}/models/${slug}/configure`, { waitUntil: "networkidle" });
    await expect.poll(() => page.locator("[data-count]").textContent()).toMatch(/^符合当前选择的配置共 [\d,]+ 种$/);
    await page.getByRole("button", { name: "最低价完成" }).click();
    await expect.poll(() => page.locator("[data-status]").textContent()).toBe("配置完整，可以确认。");
    const shown = await page.locator("[data-total]").textContent();
    await page.getByRole("button", { name: "确认配置" }).click();
    await expect.poll(() => page.locator("[data-check-result]").textContent()).toBe(`已确认：${shown}`);
    await context.close();
  });

  it("undoes and redoes a choice", async () => {
    const { slug } = await modelWithTrimExclusion();
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    await page.goto(`${base}/models/${slug}/configure`, { waitUntil: "networkidle" });
    const free = page.locator('[data-state="free"]').first();
    const code = (await free.getAttribute("data-option")) ?? "";
    await free.click();
    await expect.poll(() => stateOf(page, code)).toBe("chosen");
    await page.getByRole("button", { name: "撤销" }).click();
    await expect.poll(() => stateOf(page, code)).toBe("free");
    await page.getByRole("button", { name: "重做" }).click();
    await expect.poll(() => stateOf(page, code)).toBe("chosen");
    await context.close();
  });
});

/** Chooses the first free option of each group still open until the configuration is complete. */
async function complete(page: Page): Promise<void> {
  for (;;) {
    const status = (await page.locator("[data-status]").textContent()) ?? "";
    if (!status.startsWith("还需选择")) break;
    await page
      .locator("fieldset")
      .filter({ has: page.locator('[data-state="free"]') })
      .filter({ hasNot: page.locator('[data-state="chosen"], [data-state="forced"]') })
      .first()
      .locator('[data-state="free"]')
      .first()
      .click();
  }
  expect(await page.locator("[data-status]").textContent()).toBe("配置完整，可以确认。");
}

const viewer = (page: Page) => page.locator("[data-viewer]");
const applied = async (page: Page) => Number(await viewer(page).getAttribute("data-applied"));

/** A context whose pages show the 3D car on software WebGL (the opt-in a shopper would take, remembered). */
async function with3d(viewport: { width: number; height: number }): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport });
  await context.addInitScript(() => localStorage.setItem("marque.viewer.software", "on"));
  return context;
}

/** Waits for the 3D car, asking for it if the page still offers the opt-in. */
async function viewerReady(page: Page): Promise<void> {
  const optIn = page.locator("[data-viewer-start]");
  if (await optIn.isVisible()) await optIn.click();
  await expect.poll(() => viewer(page).getAttribute("data-state"), { timeout: 60_000 }).toBe("ready");
}

/** The server's price for the options the page has configured (POST /api/configurations/validate). */
async function serverPrice(page: Page, slug: string): Promise<number> {
  const root = page.locator(".configurator");
  const options = ((await root.getAttribute("data-configured-options")) ?? "").split(",");
  const { version } = (await (await fetch(`${base}/api/models/${slug}/product-model`)).json()) as { version: number };
  const claimed = Number(await root.getAttribute("data-configured-price-fen"));
  const response = await fetch(`${base}/api/configurations/validate`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: slug, version, options, priceFen: claimed }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { priceFen: number }).priceFen;
}

/** The finance API's monthly payment for `priceFen` on the terms the page's widget quotes. */
async function financeMonthly(page: Page, priceFen: number): Promise<{ monthlyFen: number; months: number }> {
  const widget = page.locator("[data-finance-widget]");
  const query = new URLSearchParams({
    priceFen: String(priceFen),
    downPaymentPercent: (await widget.getAttribute("data-down-percent")) ?? "",
    months: (await widget.getAttribute("data-months")) ?? "",
    plan: "equal-instalment",
  });
  const trimOptions = JSON.parse((await widget.getAttribute("data-trim-options")) ?? "{}") as Record<string, string>;
  const options = ((await page.locator(".configurator").getAttribute("data-configured-options")) ?? "").split(",");
  const trim = options.map((code) => trimOptions[code]).find(Boolean);
  if (trim) query.set("trimId", trim);
  const province = await widget.getAttribute("data-province");
  if (province) query.set("province", province);
  const quote = (await (await fetch(`${base}/api/finance/quote?${query}`)).json()) as {
    monthlyPaymentFen: number;
    months: number;
  };
  return { monthlyFen: quote.monthlyPaymentFen, months: quote.months };
}

/** Waits until the summary's monthly payment follows the price shown, and answers it in fen. */
async function shownMonthly(page: Page): Promise<number> {
  const root = page.locator(".configurator");
  const monthly = page.locator("[data-monthly]");
  await expect
    .poll(
      async () =>
        (await monthly.getAttribute("data-price-fen")) === (await root.getAttribute("data-configured-price-fen")),
    )
    .toBe(true);
  return Number(await monthly.getAttribute("data-monthly-fen"));
}

describe("configurator with the 3D view (SwiftShader, opted in)", () => {
  it("applies the engine's fix to the car, shows the server's price and the finance engine's monthly payment on the tier-3 offer, restores from the URL and pictures the car in the summary", async () => {
    const { slug, option, trimName } = await modelWithTrimExclusion();
    const context = await with3d({ width: 1280, height: 900 });
    const page = await context.newPage();
    const problems = watchForProblems(page);
    await page.goto(`${base}/login`);
    await signIn(page, context, "13912340522");
    await page.goto(`${base}/models/${slug}/configure?edge-city=130200`, { waitUntil: "networkidle" });
    await viewerReady(page);
    expect(await page.locator("[data-finance-widget]").getAttribute("data-months")).toBe("60");
    expect(await page.locator("[data-monthly-terms]").textContent()).toBe("首付 20%，60 期");

    const before = await applied(page);
    await page.locator(`[data-option="${option}"]`).click();
    const dialog = page.locator("dialog[data-conflict]");
    await expect.poll(() => dialog.getAttribute("open")).not.toBeNull();
    expect(await dialog.textContent()).toContain(`将取消：${trimName}`);
    await page.getByRole("button", { name: "应用更改" }).click();
    await expect.poll(() => stateOf(page, option)).toBe("chosen");
    await expect.poll(() => applied(page)).toBeGreaterThan(before);

    await complete(page);
    const configured = Number(await page.locator(".configurator").getAttribute("data-configured-price-fen"));
    expect(await serverPrice(page, slug)).toBe(configured);
    expect(await page.locator("[data-total]").textContent()).toBe(formatCarPrice(configured, "zh"));
    const finance = await financeMonthly(page, configured);
    expect(finance.months).toBe(60);
    expect(await shownMonthly(page)).toBe(finance.monthlyFen);
    expect(await page.locator("[data-monthly-line]").textContent()).toContain(
      `月供 ${formatYuan(finance.monthlyFen, "zh")} 起`,
    );
    const trim = await page.locator(".configurator").getAttribute("data-configured-trim-name");
    await expect.poll(() => page.locator("[data-widget-quoted]").textContent()).toBe(`${trim} · `);
    await page.locator(".summary").screenshot({ path: `${SCREENSHOTS}/configurator-price-tier3-1280.png` });

    const options = await page.locator(".configurator").getAttribute("data-configured-options");
    await page.reload({ waitUntil: "networkidle" });
    await viewerReady(page);
    expect(await page.locator(".configurator").getAttribute("data-configured-options")).toBe(options);
    await expect.poll(() => stateOf(page, option)).toBe("chosen");
    expect(await applied(page)).toBeGreaterThanOrEqual(1);
    expect(await page.locator("[data-total]").textContent()).toBe(formatCarPrice(configured, "zh"));

    await page.getByRole("button", { name: "确认配置" }).click();
    const summary = page.locator("[data-summary]");
    await summary.waitFor();
    const image = page.locator("[data-summary-image]");
    await expect.poll(() => image.getAttribute("data-source"), { timeout: 20_000 }).not.toBeNull();
    await summary.screenshot({ path: `${SCREENSHOTS}/configurator-summary-3d-1280.png` });
    expect(await image.getAttribute("data-source")).toBe("3d");
    expect(await image.getAttribute("src")).toMatch(/^data:image\//);
    expect(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await page.locator("[data-summary-total]").textContent()).toBe(formatCarPrice(configured, "zh"));
    expect(await page.locator("[data-summary-monthly]").textContent()).toBe(formatYuan(finance.monthlyFen, "zh"));
    const share = new URL(await page.locator("[data-share-url]").inputValue());
    expect(share.searchParams.get("c")).toBe(new URL(page.url()).searchParams.get("c"));
    expect(share.searchParams.has("edge-city")).toBe(false);

    await page.locator("[data-summary]").getByRole("button", { name: "保存配置" }).click();
    await expect.poll(() => page.locator(".configurator").getAttribute("data-saved-id")).toMatch(/^cfg_/);
    const listed = await page.request.get(`${base}/api/me/configurations`);
    const [saved] = ((await listed.json()) as { configurations: { thumbnailUrl: string | null; priceFen: number }[] })
      .configurations;
    expect(saved?.priceFen).toBe(configured);
    expect(saved?.thumbnailUrl).toMatch(/\/thumbnail$/);
    const thumbnail = await page.request.get(`${base}${saved?.thumbnailUrl}`);
    expect(thumbnail.headers()["content-type"]).toBe("image/jpeg");
    await page.goto(`${base}/configurations`, { waitUntil: "networkidle" });
    const picture = page.locator("[data-saved] img").first();
    expect(await picture.getAttribute("src")).toBe(saved?.thumbnailUrl);
    expect(await picture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(320);
    await page.screenshot({ path: `${SCREENSHOTS}/configurations-3d-1280.png` });
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe("saving a configuration to the account", () => {
  it("sends a signed-out shopper to sign in and back, saves once, lists it and deletes it", async () => {
    const { slug } = await modelWithTrimExclusion();
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    const problems = watchForProblems(page);
    await page.goto(`${base}/models/${slug}/configure`, { waitUntil: "networkidle" });
    await page.getByRole("button", { name: "最低价完成" }).click();
    await expect.poll(() => page.locator("[data-status]").textContent()).toBe("配置完整，可以确认。");
    const configuredUrl = page.url();
    const total = await page.locator("[data-total]").textContent();

    await page.getByRole("button", { name: "确认配置" }).click();
    await page.locator("[data-summary]").waitFor();
    await expect.poll(() => page.locator("[data-summary-image]").getAttribute("data-source")).toBe("picture");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.locator("[data-summary]").screenshot({ path: `${SCREENSHOTS}/configurator-summary-390.png` });

    await page.locator("[data-summary]").getByRole("button", { name: "保存配置" }).click();
    await page.waitForURL(/\/login\?/);
    expect(new URL(page.url()).searchParams.get("next")).toBe(
      `${new URL(configuredUrl).pathname}${new URL(configuredUrl).search}&save=1`,
    );
    await signIn(page, context, "13912340521");
    await page.getByRole("link", { name: "继续", exact: true }).click();
    await page.waitForURL(/\/configure/);
    await expect.poll(() => page.locator(".configurator").getAttribute("data-saved-id")).toMatch(/^cfg_/);
    expect(page.url()).toBe(configuredUrl);
    expect(await page.locator("[data-save-result]").first().textContent()).toContain("已保存到我的配置");

    await page.getByRole("button", { name: "保存配置" }).first().dblclick();
    await expect.poll(() => page.locator("[data-save-result]").first().textContent()).toContain("已在我的配置中");

    await page.getByRole("link", { name: "查看我的配置" }).first().click();
    await page.waitForURL(/\/configurations/);
    const cards = page.locator("[data-saved]");
    expect(await cards.count()).toBe(1);
    expect(await cards.first().locator(".price strong").textContent()).toBe(total);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: `${SCREENSHOTS}/configurations-390.png`, fullPage: true });
    expect(await cards.first().locator("[data-price-changed]").count()).toBe(0);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: `${SCREENSHOTS}/configurations-1280.png`, fullPage: true });

    // Saved in spring at ¥5,000 more: the list quotes today's price and says what changed.
    const id = await cards.first().getAttribute("data-saved");
    await e2eSql(
      `UPDATE saved_configurations SET price_fen = price_fen + 500000, priced_on = '2026-03-01' WHERE id = '${id}'`,
    );
    await page.reload();
    expect(await cards.first().locator(".price strong").textContent()).toBe(total);
    expect(await cards.first().locator("[data-price-changed]").textContent()).toMatch(
      /今日价格下降 ¥5,000（保存时 .+万）/,
    );
    await page.setViewportSize(PHONE);
    await cards.first().screenshot({ path: `${SCREENSHOTS}/configurations-price-changed-390.png` });

    const resume = await cards.first().getByRole("link", { name: "继续配置" }).getAttribute("href");
    const back = await context.newPage();
    await back.goto(`${base}${resume}`, { waitUntil: "networkidle" });
    expect(await back.locator("[data-total]").textContent()).toBe(total);
    expect(await back.locator("[data-status]").textContent()).toBe("配置完整，可以确认。");
    await back.close();

    await cards.first().getByRole("button", { name: /^删除/ }).click();
    await expect.poll(() => cards.count()).toBe(0);
    expect(await page.locator("[data-saved-empty]").isVisible()).toBe(true);
    await page.reload();
    expect(await page.locator("[data-saved]").count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOTS}/configurations-empty-1280.png` });
    expect(problems).toEqual([]);
    await context.close();
  });
});
