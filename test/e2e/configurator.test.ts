import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DESKTOP, launch, SCREENSHOTS, watchForProblems } from "./browser.ts";

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
