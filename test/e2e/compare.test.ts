import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { formatCarPrice, formatYuan } from "../../domain/money.ts";
import { DESKTOP, launch, PHONE, SCREENSHOTS, watchForProblems } from "./browser.ts";

const base = inject("baseURL");
let browser: Browser;

type Choices = { models: { slug: string; brand: { name: string }; trims: { id: string }[] }[] };
type Comparison = {
  columns: { trim: { id: string }; priceFen: number; standardValueFen: number }[];
  sections: { rows: { key: string; differs: boolean }[] }[];
};

let trims: string[] = [];
let expected: Comparison;

beforeAll(async () => {
  browser = await launch();
  const { models } = (await (await fetch(`${base}/api/compare/trims`)).json()) as Choices;
  const firstOfBrand = models.filter((m, i) => models.findIndex((o) => o.brand.name === m.brand.name) === i);
  trims = firstOfBrand.slice(0, 3).map((m) => m.trims.at(-1)?.id ?? "");
  expected = (await (await fetch(`${base}/api/compare?trims=${trims.join(",")}`)).json()) as Comparison;
});
afterAll(async () => {
  await browser?.close();
});

async function open(path: string, viewport = DESKTOP) {
  const context = await browser.newContext({ viewport, locale: "zh-CN" });
  const page = await context.newPage();
  const problems = watchForProblems(page);
  const response = await page.goto(base + path, { waitUntil: "networkidle" });
  return { page, context, problems, status: response?.status() };
}

const columnIds = (page: Page) =>
  page.locator("th[data-compare-id]").evaluateAll((ths) => ths.map((th) => (th as HTMLElement).dataset.compareId));
const visibleRows = (page: Page) =>
  page
    .locator("tr[data-row]")
    .evaluateAll((rows) =>
      rows.filter((row) => (row as HTMLElement).offsetParent !== null).map((row) => (row as HTMLElement).dataset.row),
    );
const allRows = () => expected.sections.flatMap((s) => s.rows);

describe("compare page in Chromium", () => {
  it("shows three trims of different models as three columns with the API's prices", async () => {
    const { page, context, problems, status } = await open(`/compare?trims=${trims.join(",")}`);
    expect(status).toBe(200);
    expect(await columnIds(page)).toEqual(trims);
    const priceCells = await page.locator('tr[data-row="price"] td').allTextContents();
    expect(priceCells).toEqual(expected.columns.map((c) => formatYuan(c.priceFen, "zh")));
    const heads = await page.locator("th[data-compare-id]").allTextContents();
    expected.columns.forEach((column, i) => {
      expect(heads[i]).toContain(formatCarPrice(column.priceFen, "zh"));
      expect(heads[i]).toContain(`价格含标配价值 ${formatYuan(column.standardValueFen, "zh")}`);
    });
    expect(await page.locator("table caption").textContent()).toContain("3 款版本对比");
    await page.screenshot({ path: `${SCREENSHOTS}/compare-desktop.png`, fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });

  it("hides exactly the identical rows, keeps that in the URL, and a shared link looks the same", async () => {
    const { page, context, problems } = await open(`/compare?trims=${trims.join(",")}`);
    const everyRow = allRows().map((r) => r.key);
    const differing = allRows()
      .filter((r) => r.differs)
      .map((r) => r.key);
    expect(differing.length).toBeGreaterThan(0);
    expect(differing.length).toBeLessThan(everyRow.length);
    expect(await visibleRows(page)).toEqual(everyRow);
    await page.getByLabel("隐藏相同项").check();
    await page.waitForURL(/diff=1/);
    expect(await visibleRows(page)).toEqual(differing);
    await expect(page.getByRole("status").textContent()).resolves.toContain(
      `已隐藏 ${everyRow.length - differing.length} 项`,
    );
    await page.reload({ waitUntil: "networkidle" });
    expect(await page.getByLabel("隐藏相同项").isChecked()).toBe(true);
    expect(await visibleRows(page)).toEqual(differing);
    await page.getByLabel("隐藏相同项").uncheck();
    await page.waitForURL((url) => !url.search.includes("diff"));
    expect(await visibleRows(page)).toEqual(everyRow);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("removes a trim: the URL and the table follow, and hiding identical rows stays on", async () => {
    const { page, context } = await open(`/compare?trims=${trims.join(",")}&diff=1`);
    await page.locator(`a[data-remove="${trims[1]}"]`).click();
    await page.waitForURL((url) => url.searchParams.get("trims") === `${trims[0]},${trims[2]}`);
    expect(new URL(page.url()).searchParams.get("diff")).toBe("1");
    expect(await columnIds(page)).toEqual([trims[0], trims[2]]);
    expect(await page.locator('tr[data-row="price"] td').count()).toBe(2);
    await context.close();
  });

  it("adds a trim chosen from the models and trims list", async () => {
    const { page, context } = await open(`/compare?trims=${trims[0]}`);
    await page.getByLabel("添加版本").selectOption(trims[1] ?? "");
    await page.getByRole("button", { name: "添加" }).click();
    await page.waitForURL((url) => url.searchParams.get("trims") === `${trims[0]},${trims[1]}`);
    expect(await columnIds(page)).toEqual([trims[0], trims[1]]);
    await context.close();
  });

  it("fits a 390 px phone: the table scrolls sideways inside itself with its first column stuck, the page does not", async () => {
    const { page, context, problems } = await open(`/compare?trims=${trims.join(",")}`, PHONE);
    const overflowing = await page.evaluate(() =>
      [...document.querySelectorAll("body *")]
        .filter((el) => !el.parentElement?.closest(".table-scroll"))
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
    );
    expect(overflowing).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    const scroller = page.locator(".table-scroll");
    expect(await scroller.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    const label = page.locator('tr[data-row="power"] th');
    const before = await label.boundingBox();
    await scroller.evaluate((el) => el.scrollBy(400, 0));
    const after = await label.boundingBox();
    expect(after?.x).toBe(before?.x);
    await scroller.evaluate((el) => el.scrollTo(0, 0));
    await page.screenshot({ path: `${SCREENSHOTS}/compare-phone.png`, fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });

  it("explains an empty comparison and an unknown trim, with a way on from each", async () => {
    const empty = await open("/compare");
    expect(empty.status).toBe(200);
    await expect(empty.page.locator(".empty").textContent()).resolves.toContain("还没有选择要对比的车型");
    await expect(empty.page.getByRole("link", { name: "去找车", exact: true }).getAttribute("href")).resolves.toBe(
      "/search",
    );
    await empty.context.close();

    const unknown = await open(`/compare?trims=${trims[0]},no-such:trim`);
    expect(unknown.status).toBe(400);
    const alert = unknown.page.getByRole("alert");
    await expect(alert.textContent()).resolves.toContain("找不到：no-such:trim");
    await alert.getByRole("link", { name: "对比其余 1 款" }).click();
    await unknown.page.waitForURL((url) => url.searchParams.get("trims") === trims[0]);
    expect(await columnIds(unknown.page)).toEqual([trims[0]]);
    await unknown.context.close();
  });

  it("speaks English with ?lang=en", async () => {
    const { page, context } = await open(`/compare?trims=${trims.join(",")}&lang=en`);
    await expect(page.locator("html").getAttribute("lang")).resolves.toBe("en");
    await expect(page.locator("h1").textContent()).resolves.toBe("Compare trims");
    expect(await page.getByLabel("Hide identical rows").count()).toBe(1);
    await context.close();
  });
});
