import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { formatYuan } from "../../domain/money.ts";
import { UA } from "../../domain/personalization/user-agents.ts";
import { run } from "../../scripts/lib/run.ts";
import { DESKTOP, launch, PHONE, SCREENSHOTS, signIn, watchForProblems } from "./browser.ts";
import { E2E_PERSIST } from "./global-setup.ts";

const base = inject("baseURL");
const TIER_3 = "130200"; // 唐山市
const TIER_1 = "110000"; // 北京市
const PHONE_OPTIONS = { viewport: PHONE, userAgent: UA.iphoneSafari, isMobile: true, hasTouch: true };
const HIGHLIGHT_RULE = `e2e-highlight-${Date.now()}`;
let browser: Browser;
let marketer: BrowserContext | undefined;
/** The published version before this file published its rule, to roll back to. */
let before: string | null = null;

type Trim = { id: string; name: string; nameEn: string; priceFen: number };

async function firstModel(): Promise<{ slug: string; name: string; trims: Trim[] }> {
  const { models } = (await (await fetch(`${base}/api/models`)).json()) as { models: { slug: string }[] };
  if (!models[0]) throw new Error("the demo store has no models");
  return (await fetch(`${base}/api/models/${models[0].slug}`)).json();
}

const cheapest = (trims: Trim[]) => trims.reduce((a, b) => (b.priceFen < a.priceFen ? b : a));

async function open(path: string, options: BrowserContextOptions = { viewport: DESKTOP }) {
  const context = await browser.newContext({ locale: "zh-CN", ...options });
  const page = await context.newPage();
  const problems = watchForProblems(page);
  const response = await page.goto(base + path, { waitUntil: "networkidle" });
  expect(response?.status(), `status of ${path}`).toBe(200);
  return { page, context, problems, headers: (await response?.allHeaders()) ?? {} };
}

const text = async (page: Page, selector: string) => ((await page.locator(selector).textContent()) ?? "").trim();
const moduleOrder = (page: Page) =>
  page.locator("[data-module]").evaluateAll((nodes) => nodes.map((node) => node.getAttribute("data-module")));
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  if (marketer) {
    if (before)
      await marketer.request.post(`${base}/api/console/marketer/versions/${encodeURIComponent(before)}/rollback`);
    await marketer.close();
  }
  await browser?.close();
});

describe("the storefront applies every action of the decision, on the server", () => {
  it("shows a tier-3 visitor the instalment hero and the rule's offer, quoted for the cheapest trim", async () => {
    const model = await firstModel();
    const entry = cheapest(model.trims);
    const { page, context, problems, headers } = await open(`/models/${model.slug}?edge-city=${TIER_3}`);
    expect(headers["x-marque-variant"]).toBe("tier-3-4-instalments,standard-page");
    expect(await page.locator("[data-hero]").getAttribute("data-hero")).toBe("hero-instalments");
    expect(await text(page, ".decided-headline")).toBe("分期购车，轻松开回家");
    expect(await text(page, ".decided-subline")).toBe("首付低、月供轻，多种金融方案任选。");

    const widget = page.locator("[data-finance-widget]");
    expect(await widget.getAttribute("data-offer")).toBe("instalment-20-60");
    expect(await widget.getAttribute("data-trim")).toBe(entry.id);
    const down = formatYuan(Math.round((entry.priceFen * 20) / 100), "zh");
    expect(await text(page, "[data-finance-widget] .headline")).toMatch(
      new RegExp(`^首付 ${down}，月供 ¥[\\d,.]+ 起（60 期）$`),
    );
    expect(await text(page, "[data-widget-terms]")).toContain("首付 20%");
    const calculator = new URL((await page.locator("[data-widget-link]").getAttribute("href")) ?? "", base);
    expect(Object.fromEntries(calculator.searchParams)).toMatchObject({ down: "20", months: "60", city: TIER_3 });

    await page.getByRole("link", { name: "查看分期方案 →" }).click();
    await page.waitForURL(/#finance$/);
    expect(await page.locator("#finance").getAttribute("data-module")).toBe("finance");
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SCREENSHOTS}/decision-tier3-model-1366.png` });
    expect(problems).toEqual([]);
    await context.close();

    const phone = await open(`/models/${model.slug}?edge-city=${TIER_3}`, PHONE_OPTIONS);
    expect(phone.headers["x-marque-variant"]).toBe("phone-compact,tier-3-4-instalments");
    expect(await phone.page.locator("[data-hero]").getAttribute("data-hero")).toBe("hero-instalments");
    expect(await phone.page.locator("[data-finance-widget]").getAttribute("data-offer")).toBe("instalment-20-60");
    expect(await fitsWidth(phone.page)).toBe(true);
    await phone.page.screenshot({ path: `${SCREENSHOTS}/decision-tier3-model-390.png` });
    expect(phone.problems).toEqual([]);
    await phone.context.close();
  });

  it("words the hero and the offer in English with ?lang=en", async () => {
    const model = await firstModel();
    const { page, context, problems } = await open(`/models/${model.slug}?edge-city=${TIER_3}&lang=en`);
    expect(await text(page, ".decided-headline")).toBe("Drive it home, pay monthly");
    expect(await text(page, "[data-finance-widget] .headline")).toMatch(
      /^¥[\d,]+ down, then ¥[\d,.]+ a month \(60 months\)$/,
    );
    expect(await text(page, "[data-widget-terms]")).toContain("20% down");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("leads a tier-1 visitor with the spec comparison and the flagship hero, and no instalment offer", async () => {
    const model = await firstModel();
    const { page, context, problems, headers } = await open(`/models/${model.slug}?edge-city=${TIER_1}`);
    expect(headers["x-marque-variant"]).toBe("tier-1-spec-comparison,standard-page");
    expect(await moduleOrder(page)).toEqual(["spec-comparison", "range", "finance"]);
    expect(await page.locator("[data-hero]").getAttribute("data-hero")).toBe("hero-flagship");
    expect(await text(page, ".decided-headline")).toBe("参数逐项对比，选得明明白白");
    expect(await page.locator("[data-finance-widget]").getAttribute("data-offer")).toBeNull();
    expect(await text(page, "[data-widget-terms]")).toContain("首付 30%");
    await page.getByRole("link", { name: "查看参数对比 →" }).click();
    await page.waitForURL(/#specs$/);
    expect(await page.locator("#specs").getAttribute("data-module")).toBe("spec-comparison");
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SCREENSHOTS}/decision-tier1-model-1366.png` });
    expect(problems).toEqual([]);
    await context.close();
  });

  it("puts the offer in a tier-3 visitor's home page hero, at desktop and phone width", async () => {
    const desktop = await open(`/?edge-city=${TIER_3}`);
    expect(await desktop.page.locator("[data-hero]").getAttribute("data-hero")).toBe("hero-instalments");
    expect(await desktop.page.locator(".hero [data-finance-widget]").getAttribute("data-offer")).toBe(
      "instalment-20-60",
    );
    expect(await text(desktop.page, ".hero [data-finance-widget] .headline")).toMatch(
      /^首付 ¥[\d,]+，月供 ¥[\d,.]+ 起（60 期）$/,
    );
    await desktop.page.screenshot({ path: `${SCREENSHOTS}/decision-tier3-home-1366.png` });
    expect(desktop.problems).toEqual([]);
    await desktop.context.close();

    const phone = await open(`/?edge-city=${TIER_3}`, PHONE_OPTIONS);
    expect(await phone.page.locator("[data-layout]").getAttribute("data-layout")).toBe("compact");
    expect(await phone.page.locator(".hero [data-finance-widget]").count()).toBe(1);
    expect(await fitsWidth(phone.page)).toBe(true);
    await phone.page.screenshot({ path: `${SCREENSHOTS}/decision-tier3-home-390.png` });
    expect(phone.problems).toEqual([]);
    await phone.context.close();
  });

  it("marks and leads with the trims a published rule highlights, and quotes the offer for one", async () => {
    const model = await firstModel();
    const top = model.trims.reduce((a, b) => (b.priceFen > a.priceFen ? b : a));
    expect(top.id).not.toBe(cheapest(model.trims).id);

    const phone = `134${String(Date.now()).slice(-8)}`;
    await run("node", ["scripts/admin.ts", "--phone", phone, "--role", "marketer", "--persist-to", E2E_PERSIST], {
      quiet: true,
    });
    marketer = await browser.newContext({ viewport: DESKTOP, locale: "zh-CN" });
    const login = await marketer.newPage();
    await login.goto(`${base}/login`, { waitUntil: "networkidle" });
    await signIn(login, marketer, phone);
    expect((await marketer.request.get(`${base}/api/console/marketer/rules`)).status()).toBe(200);
    before = (
      (await (await marketer.request.get(`${base}/api/console/marketer/versions`)).json()) as { current: string }
    ).current;
    const created = await marketer.request.post(`${base}/api/console/marketer/rules`, {
      data: {
        id: HIGHLIGHT_RULE,
        name: "三线城市主推顶配 / Feature the top trim in tier 3",
        priority: 500,
        conditions: [{ kind: "tier", in: ["3"] }],
        actions: { highlightTrims: [top.id] },
        rolloutPercent: 100,
        startsAt: null,
        endsAt: null,
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    const published = await marketer.request.post(`${base}/api/console/marketer/rules/${HIGHLIGHT_RULE}/publish`);
    expect(published.status(), await published.text()).toBe(200);

    const { page, context, problems, headers } = await open(`/models/${model.slug}?edge-city=${TIER_3}`);
    expect(headers["x-marque-variant"]).toBe(`${HIGHLIGHT_RULE},tier-3-4-instalments,standard-page`);
    const first = page.locator("#trims li.trim").first();
    expect(await first.getAttribute("data-trim")).toBe(top.id);
    expect(await first.getAttribute("data-highlighted")).toBe("");
    expect(await first.locator("[data-highlight-badge]").textContent()).toBe("重点推荐");
    expect(await first.locator("h3").textContent()).toBe(top.name);
    expect(await page.locator("#trims [data-highlighted]").count()).toBe(1);
    expect(await text(page, "#specs thead th:nth-child(2)")).toContain("重点推荐");
    expect(await text(page, "#specs thead th:nth-child(2)")).toContain(top.name);
    const widget = page.locator("[data-finance-widget]");
    expect(await widget.getAttribute("data-trim")).toBe(top.id);
    expect(await text(page, "[data-finance-widget] .headline")).toContain(
      `首付 ${formatYuan(Math.round((top.priceFen * 20) / 100), "zh")}，`,
    );
    expect(await page.locator(".per-trim li").first().textContent()).toContain(top.name);
    expect(await text(page, "[data-widget-quoted]")).toBe(`${top.name} ·`);
    await page.locator("#trims").scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOTS}/decision-highlight-model-1366.png` });
    expect(problems).toEqual([]);
    await context.close();

    const home = await open(`/?edge-city=${TIER_3}`, PHONE_OPTIONS);
    expect(await text(home.page, ".hero [data-highlight-badge]")).toBe(`重点推荐：${top.name}`);
    expect(await home.page.locator(".hero [data-finance-widget]").getAttribute("data-trim")).toBe(top.id);
    expect(await text(home.page, ".hero [data-widget-quoted]")).toBe(`${model.name} ${top.name} ·`);
    expect(await fitsWidth(home.page)).toBe(true);
    await home.page.screenshot({ path: `${SCREENSHOTS}/decision-highlight-home-390.png` });
    expect(home.problems).toEqual([]);
    await home.context.close();
  });
});
