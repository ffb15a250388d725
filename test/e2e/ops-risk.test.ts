import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { run } from "../../scripts/lib/run.ts";
import { launch, PHONE, SCREENSHOTS, signIn, watchForProblems } from "./browser.ts";
import { E2E_PERSIST } from "./global-setup.ts";

const base = inject("baseURL");
const WIDE = { width: 1280, height: 900 };
let browser: Browser;

/** One device checking configurations far too fast: 20 pass, the other `count - 20` are challenged. */
async function rapidConfigurationFrom(device: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await fetch(`${base}/api/configurations/validate`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: `marque_device=${device}` },
      body: JSON.stringify({ model: "no-such-model", version: 1, options: ["PAINT"], priceFen: 0 }),
    });
  }
}

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("risk events console in Chromium", () => {
  it("shows ops the challenges of a device, filters them by keyboard, loads older ones in place, and fits a phone", async () => {
    const device = `e2e${String(Date.now()).padStart(19, "0")}`.slice(0, 22);
    await rapidConfigurationFrom(device, 50);
    const staff = `135${String(Date.now()).slice(-8)}`;
    await run("node", ["scripts/admin.ts", "--phone", staff, "--role", "ops", "--persist-to", E2E_PERSIST], {
      quiet: true,
    });

    const context = await browser.newContext({ viewport: WIDE, locale: "zh-CN" });
    const page = await context.newPage();
    const problems = watchForProblems(page);
    await page.goto(`${base}/console/ops/risk`, { waitUntil: "networkidle" });
    expect(new URL(page.url()).pathname).toBe("/login");
    await signIn(page, context, staff);
    await page.getByRole("link", { name: "继续" }).click();
    await page.waitForURL(`${base}/console/ops/risk`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("风控事件");
    expect(await page.getByRole("img", { name: /每小时风控事件数/ }).isVisible()).toBe(true);
    expect(Number(await page.locator('[data-outcome="challenge"] dd').textContent())).toBeGreaterThanOrEqual(30);

    await page.getByLabel("主体", { exact: true }).focus();
    await page.keyboard.type(`device:${device}`);
    await page.getByLabel("结果", { exact: true }).focus();
    await page.getByLabel("结果", { exact: true }).selectOption("challenge");
    await page.getByLabel("主体", { exact: true }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/principal=device/);
    const rows = page.locator("#risk-rows tr");
    expect(await rows.count()).toBe(25);
    expect(await rows.first().locator(".badge").textContent()).toBe("需验证");
    expect(await rows.first().textContent()).toContain("配置操作过快");
    await page.screenshot({ path: `${SCREENSHOTS}/ops-risk-desktop.png`, fullPage: true });

    await page.getByRole("link", { name: "加载更早的事件" }).focus();
    await page.keyboard.press("Enter");
    await page.locator("#risk-rows tr:nth-child(30)").waitFor();
    expect(await rows.count()).toBe(30);
    expect(await page.locator("#ops-risk-status").textContent()).toBe("已加载更早的 5 条事件");
    expect(await rows.nth(25).evaluate((row) => row === document.activeElement)).toBe(true);
    expect(await page.getByRole("link", { name: "加载更早的事件" }).count()).toBe(0);
    const ids = await rows.evaluateAll((all) => all.map((row) => (row as HTMLElement).dataset.event));
    expect(new Set(ids).size).toBe(30);

    await page.setViewportSize(PHONE);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SCREENSHOTS}/ops-risk-phone.png` });
    await page.goto(`${base}/console/ops/risk?lang=en&outcome=challenge&principal=device:${device}`, {
      waitUntil: "networkidle",
    });
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Risk events");
    expect(await rows.first().locator(".badge").textContent()).toBe("Challenged");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: `${SCREENSHOTS}/ops-risk-phone-en.png` });
    expect(problems).toEqual([]);
    await context.close();
  });

  it("shows a shopper a clear 403 page", async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: "zh-CN" });
    const page = await context.newPage();
    await page.goto(`${base}/login?next=/console/ops/risk`, { waitUntil: "networkidle" });
    await signIn(page, context, `134${String(Date.now()).slice(-8)}`);
    const response = await page.goto(`${base}/console/ops/risk`, { waitUntil: "networkidle" });
    expect(response?.status()).toBe(403);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("无权查看风控事件");
    await context.close();
  });
});
