import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { run } from "../../scripts/lib/run.ts";
import { launch, PHONE, SCREENSHOTS, signIn, watchForProblems } from "./browser.ts";
import { E2E_PERSIST } from "./global-setup.ts";

const base = inject("baseURL");
const WIDE = { width: 1280, height: 900 };
const TIER_3 = "130200"; // 唐山市
const TIER_4 = "130300"; // 秦皇岛市
const RULE = "tier-3-4-instalments";
const RULE_NAME = "三四线城市首付月供 / Instalments lead in tier-3 and tier-4 cities";
let browser: Browser;
let marketer: BrowserContext | undefined;

async function firstModel(): Promise<string> {
  const { models } = (await (await fetch(`${base}/api/models`)).json()) as { models: { slug: string }[] };
  if (!models[0]) throw new Error("the demo store has no models");
  return models[0].slug;
}

/** A visitor's model page from a city (the development preview of request.cf): its module order and variant. */
async function visit(city: string) {
  const context = await browser.newContext({ viewport: WIDE, locale: "zh-CN" });
  const page = await context.newPage();
  const response = await page.goto(`${base}/models/${await firstModel()}?edge-city=${city}`, {
    waitUntil: "networkidle",
  });
  const headers = (await response?.allHeaders()) ?? {};
  const order = await page
    .locator("[data-module]")
    .evaluateAll((nodes) => nodes.map((node) => node.getAttribute("data-module")));
  return { page, context, order, variant: headers["x-marque-variant"], cacheControl: headers["cache-control"] };
}

/** Waits for the console to reload after an action and answers its status message. */
async function doneMessage(page: Page, done: string): Promise<string> {
  await page.waitForURL(new RegExp(`done=${done}`));
  return (await page.locator("#console-status").textContent()) ?? "";
}

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  if (marketer) {
    const versions = await marketer.request.get(`${base}/api/console/marketer/versions`);
    const { versions: list } = (await versions.json()) as { versions: { version: string }[] };
    const first = list.at(-1)?.version;
    if (first)
      await marketer.request.post(`${base}/api/console/marketer/versions/${encodeURIComponent(first)}/rollback`);
    await marketer.close();
  }
  await browser?.close();
});

describe("marketer console in Chromium", () => {
  it("a marketer narrows the instalment rule to tier 3 with finance first, publishes it, and a tier-3 visitor sees it", async () => {
    const phone = `133${String(Date.now()).slice(-8)}`;
    await run("node", ["scripts/admin.ts", "--phone", phone, "--role", "marketer", "--persist-to", E2E_PERSIST], {
      quiet: true,
    });
    marketer = await browser.newContext({ viewport: WIDE, locale: "zh-CN" });
    const page = await marketer.newPage();
    const problems = watchForProblems(page);
    await page.goto(`${base}/console/marketer`, { waitUntil: "networkidle" });
    expect(new URL(page.url()).pathname).toBe("/login");
    await signIn(page, marketer, phone);
    await page.getByRole("link", { name: "继续" }).click();
    await page.waitForURL(`${base}/console/marketer`);
    const rule = page.locator(`[data-rule="${RULE}"]`);
    expect(await rule.getAttribute("data-status")).toBe("published");

    await page.getByRole("button", { name: `下线 ${RULE_NAME}` }).click();
    expect(await doneMessage(page, "unpublished")).toBe("已下线");
    const unpublished = await visit(TIER_3);
    expect(unpublished.order[0]).toBe("range");
    expect(unpublished.variant).toBe("standard-page");
    await unpublished.context.close();

    await page.getByRole("button", { name: `编辑 ${RULE_NAME}` }).focus();
    await page.keyboard.press("Enter");
    expect(await page.locator("#rule-form-title").evaluate((h) => h === document.activeElement)).toBe(true);
    expect(await page.getByLabel("名称（中文 / English）").inputValue()).toBe(RULE_NAME);
    expect(await page.getByLabel("老访客（之前来过）").isVisible()).toBe(true);
    await page.getByLabel("名称（中文 / English）").fill("");
    await page.locator("#rf-name-error").getByText("不能为空 / Must not be empty").waitFor();
    expect(await page.getByLabel("名称（中文 / English）").getAttribute("aria-invalid")).toBe("true");
    await page.getByLabel("名称（中文 / English）").fill("三线城市金融优先 / Finance first in tier-3 cities");
    await page.locator("#rf-name-error:empty").waitFor({ state: "attached" });
    await page.getByRole("checkbox", { name: "四线城市", exact: true }).uncheck();
    await page.getByLabel("第 2 位").selectOption("spec-comparison");
    await page.getByLabel("第 3 位").selectOption("range");
    await page.getByLabel("月供（元）").fill("1688");

    const draftLead = page.locator("#preview-draft dd").nth(1);
    await expect.poll(() => draftLead.textContent()).toBe("金融方案 › 参数对比 › 车型版本");
    expect(await page.locator("#preview-published dd").nth(1).textContent()).toBe("车型版本 › 参数对比 › 金融方案");
    expect(await page.locator("#preview-draft dd").nth(4).textContent()).toBe("首付 20%，月供 ¥1,688（60 期）");
    await page.screenshot({ path: `${SCREENSHOTS}/marketer-editing-1280.png`, fullPage: true });

    await page.getByRole("button", { name: "保存并发布" }).click();
    expect(await doneMessage(page, "published")).toBe("已发布，访客将在一分钟内看到");
    expect(await rule.getAttribute("data-status")).toBe("published");
    expect(await page.locator(".audit tbody tr").first().textContent()).toContain("发布");
    expect(await page.locator(".audit tbody tr").nth(1).textContent()).toContain("conditions");

    const tier3 = await visit(TIER_3);
    expect(tier3.order).toEqual(["finance", "spec-comparison", "range"]);
    expect(tier3.variant).toBe(`${RULE},standard-page`);
    expect(tier3.cacheControl).toMatch(/^private\b/);
    await tier3.page.evaluate(() => window.scrollTo(0, 420));
    await tier3.page.screenshot({ path: `${SCREENSHOTS}/marketer-tier3-visitor.png` });
    await tier3.context.close();
    const tier4 = await visit(TIER_4);
    expect(tier4.order[0]).toBe("range");
    await tier4.context.close();

    await page.screenshot({ path: `${SCREENSHOTS}/marketer-console-1280.png`, fullPage: true });
    await page.setViewportSize(PHONE);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: `${SCREENSHOTS}/marketer-console-390.png`, fullPage: true });

    await page.locator("tbody tr[data-version]").last().getByRole("button", { name: /回滚/ }).click();
    expect(await doneMessage(page, "rolled-back")).toBe("已回滚到所选版本");
    const restored = await visit(TIER_4);
    expect(restored.order[0]).toBe("finance");
    await restored.context.close();
    expect(problems).toEqual([]);
  });

  it("shows a shopper a clear 403 page at phone width", async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: "zh-CN" });
    const page = await context.newPage();
    await page.goto(`${base}/login?next=/console/marketer`, { waitUntil: "networkidle" });
    await signIn(page, context, `132${String(Date.now()).slice(-8)}`);
    const response = await page.goto(`${base}/console/marketer`, { waitUntil: "networkidle" });
    expect(response?.status()).toBe(403);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("无权访问营销规则工作台");
    await context.close();
  });
});
