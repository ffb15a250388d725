import { existsSync, mkdirSync } from "node:fs";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { inject } from "vitest";

/** Debian's Chromium (apt-get install chromium); browsers are never downloaded. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const SCREENSHOTS = "test/e2e/screenshots";

export function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
      "--disable-dev-shm-usage",
    ],
  });
}

/**
 * Collects what a user would see as breakage: console errors (CSP violations included), failed
 * requests and uncaught exceptions. Requests the browser aborts because the page navigated away
 * (net::ERR_ABORTED) are not breakage.
 */
export function watchForProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("requestfailed", (request) => {
    const reason = request.failure()?.errorText;
    if (reason !== "net::ERR_ABORTED") problems.push(`request failed: ${request.url()} ${reason}`);
  });
  return problems;
}

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1366, height: 900 };

/** The latest code the SMS simulator wrote for `phone` to the development outbox. */
export async function latestCode(context: BrowserContext, phone: string): Promise<string> {
  const outbox = await context.newPage();
  await outbox.goto(`${inject("baseURL")}/dev/outbox?phone=${phone}`);
  const code = (await outbox.locator("tbody tr").first().locator("[data-code]").textContent())?.trim() ?? "";
  await outbox.close();
  return code;
}

/** Signs in on the sign-in page (already open) with the code the SMS simulator wrote to the outbox. */
export async function signIn(page: Page, context: BrowserContext, phone: string): Promise<void> {
  await page.getByLabel("手机号").fill(phone);
  await page.keyboard.press("Enter");
  await page.getByLabel("短信验证码").waitFor();
  await page.getByLabel("短信验证码").fill(await latestCode(context, phone));
  await page.keyboard.press("Enter");
  await page.locator("#login-done-title").waitFor();
}
