import { readFileSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DESKTOP, launch, PHONE, SCREENSHOTS, watchForProblems } from "./browser.ts";

const base = inject("baseURL");
let browser: Browser;

type DealerDetail = {
  id: string;
  name: string;
  phone: string;
  today: string;
  stock: { name: string; trims: { id: string }[] }[];
  demoTrims: { id: string; cars: number }[];
};
type Slots = { slots: { start: string; remaining: number }[] };

const json = async <T>(path: string) => (await (await fetch(base + path)).json()) as T;

/** A dealer with stock and a trim with two demo cars, so a booking leaves one free. */
async function pickDealer(): Promise<{ dealer: DealerDetail; trimId: string }> {
  const { dealers } = await json<{ dealers: { id: string }[] }>("/api/dealers?limit=100");
  for (const { id } of dealers) {
    const dealer = await json<DealerDetail>(`/api/dealers/${id}`);
    const trim = dealer.demoTrims.find((t) => t.cars === 2);
    if (trim && dealer.stock.length > 0) return { dealer, trimId: trim.id };
  }
  throw new Error("no demo dealer has a trim with two demo cars");
}

async function open(
  path: string,
  viewport = DESKTOP,
): Promise<{ page: Page; context: BrowserContext; problems: string[] }> {
  const context = await browser.newContext({ viewport, locale: "zh-CN", acceptDownloads: true });
  const page = await context.newPage();
  const problems = watchForProblems(page);
  const response = await page.goto(base + path, { waitUntil: "networkidle" });
  expect(response?.status(), `status of ${path}`).toBe(200);
  return { page, context, problems };
}

/** The first free slot on the page's grid: its start and how many demo cars it has left. */
async function freeSlot(page: Page, skip = 0): Promise<{ start: string; remaining: number }> {
  const slot = page.locator("#td-slots label.slot:has(input:not(:disabled))").nth(skip);
  return {
    start: (await slot.getAttribute("data-start")) ?? "",
    remaining: Number(await slot.getAttribute("data-remaining")),
  };
}

async function fillForm(page: Page, start: string, phone: string, consent = true): Promise<void> {
  await page.locator(`#td-slots label[data-start="${start}"]`).click();
  await page.getByLabel("姓名").fill("李雷");
  await page.getByLabel("手机号").fill(phone);
  if (consent) await page.getByRole("checkbox", { name: /我同意/ }).check();
}

async function remainingViaApi(dealerId: string, trimId: string, start: string): Promise<number | undefined> {
  const date = new Date(Date.parse(start) + 8 * 3600_000).toISOString().slice(0, 10);
  const { slots } = await json<Slots>(`/api/dealers/${dealerId}/test-drive-slots?trim=${trimId}&date=${date}`);
  return slots.find((slot) => slot.start === start)?.remaining;
}

/**
 * A day from tomorrow on (China time) with at least four free slots: late in the afternoon today
 * has only a few left, and the booking tests need three plus one to move to, whatever the hour.
 */
async function fullDay(dealerId: string, trimId: string): Promise<string> {
  for (let days = 1; days <= 7; days++) {
    const date = new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
    const response = await fetch(`${base}/api/dealers/${dealerId}/test-drive-slots?trim=${trimId}&date=${date}`);
    if (!response.ok) continue;
    const { slots } = (await response.json()) as Slots;
    if (slots.filter((slot) => slot.remaining > 0).length >= 4) return date;
  }
  throw new Error(`dealer ${dealerId} has no day with four free slots in the coming week`);
}

let target: { dealer: DealerDetail; trimId: string; date: string };

beforeAll(async () => {
  browser = await launch();
  const picked = await pickDealer();
  target = { ...picked, date: await fullDay(picked.dealer.id, picked.trimId) };
});
afterAll(async () => {
  await browser?.close();
});

describe("dealer page and test-drive booking in Chromium", () => {
  it("shows the dealer's contact, today's hours, stock, and where the configured car is", async () => {
    const { dealer } = target;
    const trimId = dealer.stock[0]?.trims[0]?.id ?? "";
    const { page, context, problems } = await open(`/dealers/${dealer.id}?trim=${trimId}`);
    await expect(page.locator("h1").textContent()).resolves.toBe(dealer.name);
    const call = page.getByRole("link", { name: `致电 ${dealer.phone}` });
    await expect(call.getAttribute("href")).resolves.toBe(`tel:${dealer.phone.replace(/[^\d+]/g, "")}`);
    const today = page.locator('tr[aria-current="date"]');
    expect(await today.count()).toBe(1);
    await expect(today.textContent()).resolves.toContain("今天");
    await expect(page.locator(".stock").textContent()).resolves.toContain(dealer.stock[0]?.name);
    await expect(page.locator(".meta").textContent()).resolves.toMatch(/距.+市中心约 [\d.]+ km/);
    expect(await page.getByRole("img", { name: /位于.+市中心/ }).count()).toBe(1);
    await expect(page.locator(".configured").textContent()).resolves.toMatch(/本店有这款车|本店暂无/);
    await page.screenshot({ path: `${SCREENSHOTS}/dealer-desktop.png`, fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });

  it("is reachable from the dealer list", async () => {
    const { page, context } = await open("/dealers");
    await page.locator("li.dealer h2 a").first().click();
    await page.waitForURL(/\/dealers\/[\w:.-]+$/);
    await expect(page.locator("h1").isVisible()).resolves.toBe(true);
    await context.close();
  });

  it("books a slot, shows the confirmation and the slot's count down by one, then downloads, reschedules and cancels", async () => {
    const { dealer, trimId, date } = target;
    const { page, context, problems } = await open(`/dealers/${dealer.id}?testTrim=${trimId}&date=${date}`, PHONE);
    const slot = await freeSlot(page);
    await fillForm(page, slot.start, "13800138001");
    await page.screenshot({ path: `${SCREENSHOTS}/test-drive-phone.png`, fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.getByRole("button", { name: "预约试驾", exact: true }).click();

    const title = page.locator("#td-done-title");
    await expect.poll(() => title.textContent()).toBe("试驾已预约");
    await expect(page.locator("#td-done [data-field=who]").textContent()).resolves.toBe("李雷 · 138****8001");
    expect(new URL(page.url()).hash).toMatch(/^#booking=td_\w+&token=[\w-]{43}$/);
    expect(new URL(page.url()).search).not.toContain("token");
    await page.getByRole("link", { name: "添加到日历 (.ics)" }).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/test-drive-confirmed-phone.png`, fullPage: true });

    await page.getByRole("button", { name: "改期", exact: true }).click();
    const mine = page.locator(`#td-move-slots label[data-start="${slot.start}"]`);
    await mine.waitFor();
    await expect(mine.getAttribute("data-remaining")).resolves.toBe(String(slot.remaining - 1));
    await expect(mine.textContent()).resolves.toContain("你的预约");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "添加到日历 (.ics)" }).click(),
    ]);
    const ics = readFileSync((await download.path()) ?? "", "utf8");
    expect(ics).toContain("BEGIN:VEVENT");
    expect(ics).toContain(`DTSTART:${slot.start.replace(/[-:]/g, "").replace(/\.\d+/, "")}`);

    const other = page.locator("#td-move-slots label.slot:has(input:not(:disabled))").first();
    const newStart = (await other.getAttribute("data-start")) ?? "";
    await other.click();
    await page.getByRole("button", { name: "确认改期" }).click();
    await expect.poll(() => title.textContent()).toBe("试驾已改期");
    expect(await remainingViaApi(dealer.id, trimId, slot.start)).toBe(slot.remaining);
    expect(await remainingViaApi(dealer.id, trimId, newStart)).toBeLessThan(2);

    await page.reload({ waitUntil: "networkidle" });
    await expect.poll(() => title.textContent()).toBe("试驾已改期");

    await page.getByRole("button", { name: "取消预约" }).click();
    await page.getByRole("button", { name: "确认取消" }).click();
    await expect.poll(() => title.textContent()).toBe("试驾已取消");
    await expect(page.getByRole("button", { name: "改期", exact: true }).isVisible()).resolves.toBe(false);
    await expect(page.getByRole("button", { name: "再预约一次" }).isVisible()).resolves.toBe(true);
    expect(await remainingViaApi(dealer.id, trimId, newStart)).toBe(2);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("books once when submit is double-clicked", async () => {
    const { dealer, trimId, date } = target;
    const { page, context } = await open(`/dealers/${dealer.id}?testTrim=${trimId}&date=${date}`);
    const slot = await freeSlot(page, 1);
    await fillForm(page, slot.start, "13800138002");
    await page.getByRole("button", { name: "预约试驾", exact: true }).dblclick();
    await expect.poll(() => page.locator("#td-done-title").textContent()).toBe("试驾已预约");
    expect(await remainingViaApi(dealer.id, trimId, slot.start)).toBe(slot.remaining - 1);
    await context.close();
  });

  it("shows the missing consent at the checkbox and books nothing", async () => {
    const { dealer, trimId, date } = target;
    const { page, context } = await open(`/dealers/${dealer.id}?testTrim=${trimId}&date=${date}`);
    const slot = await freeSlot(page, 2);
    await fillForm(page, slot.start, "13800138003", false);
    await page.getByRole("button", { name: "预约试驾", exact: true }).click();
    const error = page.locator("#td-err-consent");
    await expect.poll(() => error.textContent()).toContain("须同意经销商联系您安排试驾");
    const checkbox = page.getByRole("checkbox", { name: /我同意/ });
    await expect(checkbox.getAttribute("aria-invalid")).resolves.toBe("true");
    await expect(checkbox.getAttribute("aria-describedby")).resolves.toContain("td-err-consent");
    await expect(page.locator("#td-done").isHidden()).resolves.toBe(true);
    expect(await remainingViaApi(dealer.id, trimId, slot.start)).toBe(slot.remaining);
    await context.close();
  });

  it("without JavaScript shows the free slots of the chosen day and says how to book instead", async () => {
    const { dealer, trimId } = target;
    const context = await browser.newContext({ viewport: PHONE, locale: "zh-CN", javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/dealers/${dealer.id}?testTrim=${trimId}`);
    const days = page.locator(".dates input:not(:disabled)");
    await days.nth(1).check();
    await page.getByRole("button", { name: "显示可约时段" }).click();
    await page.waitForURL(/date=/);
    const date = new URL(page.url()).searchParams.get("date") ?? "";
    const { slots } = await json<Slots>(`/api/dealers/${dealer.id}/test-drive-slots?trim=${trimId}&date=${date}`);
    expect(await page.locator("#td-slots label.slot").count()).toBe(slots.length);
    await expect(page.getByRole("button", { name: "预约试驾", exact: true }).isDisabled()).resolves.toBe(true);
    await expect(page.locator("#td-form").textContent()).resolves.toContain("在线预约需要启用 JavaScript");
    await context.close();
  });

  it("speaks English with ?lang=en, API errors included, each at its own field", async () => {
    const { dealer, trimId, date } = target;
    const { page, context, problems } = await open(
      `/dealers/${dealer.id}?testTrim=${trimId}&date=${date}&lang=en`,
      PHONE,
    );
    await page.getByLabel("Mobile number").fill("12345");
    await page.getByRole("button", { name: "Book the test drive" }).click();
    await expect.poll(() => page.locator("#td-err-consent").textContent()).toContain("Consent to be contacted");
    await expect(page.locator("#td-err-name").textContent()).resolves.toBe("Enter your name");
    await expect(page.locator("#td-err-phone").textContent()).resolves.toContain("mainland China mobile");
    await expect(page.locator("#td-err-slotStart").textContent()).resolves.toBe("Choose a time slot");
    await expect(page.getByLabel("Name").getAttribute("aria-invalid")).resolves.toBe("true");
    await expect(page.locator("#td-error").textContent()).resolves.toContain("Check the 4 marked fields");
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}/test-drive-errors-phone-en.png`, fullPage: true });
    expect(problems.filter((problem) => !problem.includes("400 (Bad Request)"))).toEqual([]);
    await context.close();
  });
});
