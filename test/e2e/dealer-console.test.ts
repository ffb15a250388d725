import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { run } from "../../scripts/lib/run.ts";
import { DESKTOP, launch, PHONE, SCREENSHOTS, signIn, watchForProblems } from "./browser.ts";
import { E2E_PERSIST } from "./global-setup.ts";

const base = inject("baseURL");
const DAY_MS = 86_400_000;
const tomorrow = new Date(Date.now() + 8 * 3_600_000 + DAY_MS).toISOString().slice(0, 10);
let browser: Browser;

type DealerDetail = { id: string; services: string[]; demoTrims: { id: string; cars: number }[] };
type Slots = { slots: { start: string; remaining: number }[] };
const json = async <T>(path: string) => (await (await fetch(base + path)).json()) as T;

/** A dealer with two free test-drive slots tomorrow, their trim and starts. */
async function freeSlotsTomorrow(): Promise<{ dealerId: string; trimId: string; start: string; later: string }> {
  const { dealers } = await json<{ dealers: { id: string }[] }>("/api/dealers?limit=100");
  for (const { id } of dealers) {
    const dealer = await json<DealerDetail>(`/api/dealers/${id}`);
    const trim = dealer.demoTrims[0];
    if (!trim || !dealer.services.includes("test_drive")) continue;
    const { slots } = await json<Slots>(`/api/dealers/${id}/test-drive-slots?trim=${trim.id}&date=${tomorrow}`);
    const [slot, next] = slots.filter((s) => s.remaining > 0);
    if (slot && next) return { dealerId: id, trimId: trim.id, start: slot.start, later: next.start };
  }
  throw new Error("no demo dealer has a free slot tomorrow");
}

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("dealer console in Chromium", () => {
  it("sends a signed-out dealer to sign in, shows the booking made through the API, and checks it in by keyboard", async () => {
    const { dealerId, trimId, start, later } = await freeSlotsTomorrow();
    const customer = `139${String(Date.now()).slice(-8)}`;
    const book = (slotStart: string, name: string, phone: string) =>
      fetch(`${base}/api/test-drives`, {
        method: "POST",
        headers: { "content-type": "application/json", "idempotency-key": crypto.randomUUID() },
        body: JSON.stringify({ dealerId, trimId, slotStart, name, phone, consent: true }),
      });
    const booked = await book(start, "韩梅梅", customer);
    expect(booked.status).toBe(201);
    const { id } = (await booked.json()) as { id: string };
    const second = await book(later, "李雷", `138${customer.slice(3)}`);
    expect(second.status).toBe(201);
    const { id: secondId } = (await second.json()) as { id: string };

    const staff = `137${String(Date.now()).slice(-8)}`;
    await run(
      "node",
      ["scripts/admin.ts", "--phone", staff, "--role", "dealer", "--dealer", dealerId, "--persist-to", E2E_PERSIST],
      { quiet: true },
    );

    const context = await browser.newContext({ viewport: DESKTOP, locale: "zh-CN" });
    const page = await context.newPage();
    const problems = watchForProblems(page);
    await page.goto(`${base}/console/dealer`, { waitUntil: "networkidle" });
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(new URL(page.url()).searchParams.get("next")).toBe("/console/dealer");
    await signIn(page, context, staff);
    await page.getByRole("link", { name: "继续" }).click();
    await page.waitForURL(`${base}/console/dealer`);
    expect(await page.getByRole("heading", { level: 2, name: /今日试驾/ }).isVisible()).toBe(true);

    await page.getByRole("link", { name: "后一天" }).click();
    await page.waitForURL(/date=/);
    const booking = page.locator(`[data-booking="${id}"]`);
    expect(await booking.locator(".name").textContent()).toBe("韩梅梅");
    expect(await booking.locator(".phone").textContent()).toBe(`${customer.slice(0, 3)}****${customer.slice(-4)}`);
    expect(await booking.locator("[data-status-label]").textContent()).toBe("已预约");
    expect(await page.content()).not.toContain(customer);
    expect(await page.getByRole("button", { name: "韩梅梅 未到店" }).isDisabled()).toBe(true);
    expect(await page.getByRole("img", { name: /转化漏斗/ }).isVisible()).toBe(true);
    expect(await page.locator("#leads tbody tr").count()).toBeGreaterThan(0);

    await page.getByRole("button", { name: "韩梅梅 到店签到" }).focus();
    await page.keyboard.press("Enter");
    await page.locator(`[data-booking="${id}"][data-status="checked_in"]`).waitFor();
    expect(await page.locator("#console-status").textContent()).toBe("韩梅梅：已到店");
    expect(await booking.getByRole("button").count()).toBe(0);
    expect(await booking.locator("[data-status-label]").evaluate((label) => label === document.activeElement)).toBe(
      true,
    );
    const day = await context.request.get(`${base}/api/console/dealer/bookings?date=${tomorrow}`);
    const slots = ((await day.json()) as { slots: { bookings: { id: string; status: string }[] }[] }).slots;
    expect(slots.flatMap((slot) => slot.bookings).find((b) => b.id === id)?.status).toBe("checked_in");

    await page.reload({ waitUntil: "networkidle" });
    await page.locator(`[data-booking="${id}"]`).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOTS}/dealer-console-desktop.png`, fullPage: true });
    await page.setViewportSize(PHONE);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: `${SCREENSHOTS}/dealer-console-phone.png`, fullPage: true });

    await page.goto(`${base}/console/dealer?lang=en&date=${tomorrow}`, { waitUntil: "networkidle" });
    expect(await page.getByRole("heading", { level: 2, name: /Test drives/ }).isVisible()).toBe(true);
    // Scoped to this booking: other tests book test drives for tomorrow under the same name.
    const checkIn = page.locator(`[data-booking="${secondId}"]`).getByRole("button", { name: "Check in 李雷" });
    expect(await checkIn.isEnabled()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: `${SCREENSHOTS}/dealer-console-phone-en.png`, fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });

  it("shows a shopper a clear 403 page", async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: "zh-CN" });
    const page = await context.newPage();
    await page.goto(`${base}/login?next=/console/dealer`, { waitUntil: "networkidle" });
    await signIn(page, context, `136${String(Date.now()).slice(-8)}`);
    const response = await page.goto(`${base}/console/dealer`, { waitUntil: "networkidle" });
    expect(response?.status()).toBe(403);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("无权访问经销商工作台");
    await page.screenshot({ path: `${SCREENSHOTS}/dealer-console-403-phone.png`, fullPage: true });
    await context.close();
  });
});
