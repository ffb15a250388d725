import { rmSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { run } from "../../scripts/lib/run.ts";
import { freePort, startGroup, waitUntilServing } from "../../scripts/lib/server.ts";
import { launch, PHONE, SCREENSHOTS, watchForProblems } from "./browser.ts";

const base = inject("baseURL");
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function open(path: string): Promise<{ page: Page; context: BrowserContext; problems: string[] }> {
  const context = await browser.newContext({ viewport: PHONE, locale: "zh-CN" });
  const page = await context.newPage();
  const problems = watchForProblems(page);
  const response = await page.goto(base + path, { waitUntil: "networkidle" });
  expect(response?.status(), `status of ${path}`).toBe(200);
  return { page, context, problems };
}

/** The latest code the SMS simulator wrote to `phone`, read the way a developer would: on the outbox page. */
async function codeFromOutbox(context: BrowserContext, phone: string): Promise<string> {
  const outbox = await context.newPage();
  await outbox.goto(`${base}/dev/outbox?phone=${phone}`);
  await outbox.screenshot({ path: `${SCREENSHOTS}/login-outbox.png`, fullPage: true });
  const code = (await outbox.locator("tbody tr").first().locator("[data-code]").textContent())?.trim() ?? "";
  await outbox.close();
  return code;
}

/** Requests the page makes that answer 4xx on purpose (a wrong code) log "Failed to load resource". */
const unexpected = (problems: string[]) => problems.filter((problem) => !/status of 4\d\d/.test(problem));

describe("sign-in page in Chromium", () => {
  it("signs in with the code from the dev outbox, shows the account, survives a reload and signs out", async () => {
    const phone = `136${String(Date.now()).slice(-8)}`;
    const { page, context, problems } = await open("/login?next=/search");
    expect(await page.getByRole("button", { name: "获取验证码" }).isEnabled()).toBe(true);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: `${SCREENSHOTS}/login-phone.png`, fullPage: true });

    await page.getByLabel("手机号").fill(`${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`);
    await page.keyboard.press("Enter");
    const codeInput = page.getByLabel("短信验证码");
    await codeInput.waitFor();
    expect(await codeInput.evaluate((input) => input === document.activeElement)).toBe(true);
    expect(await page.locator("#login-sent").textContent()).toContain(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    expect(await page.getByRole("button", { name: /秒后可重新发送/ }).isDisabled()).toBe(true);

    const code = await codeFromOutbox(context, phone);
    expect(code).toMatch(/^\d{6}$/);
    await codeInput.fill(code === "000000" ? "111111" : "000000");
    await page.getByRole("button", { name: "登录", exact: true }).click();
    await page.locator("#login-err-code:not(:empty)").waitFor();
    expect(await page.locator("#login-err-code").textContent()).toBe("验证码不正确，还可尝试 4 次");
    expect(await codeInput.getAttribute("aria-invalid")).toBe("true");
    await page.screenshot({ path: `${SCREENSHOTS}/login-code-error.png`, fullPage: true });

    await codeInput.fill(code);
    await page.keyboard.press("Enter");
    const done = page.locator("#login-done-title");
    await done.waitFor();
    expect(await done.textContent()).toBe("欢迎，账户已创建");
    expect(await page.locator("[data-field=phone]").textContent()).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    expect(await page.locator("[data-field=roles]").textContent()).toBe("购车用户");
    expect(await page.getByRole("link", { name: "继续" }).getAttribute("href")).toBe("/search");
    await page.screenshot({ path: `${SCREENSHOTS}/login-signed-in.png`, fullPage: true });

    const cookie = (await context.cookies()).find((candidate) => candidate.name === "marque_session");
    expect(cookie).toMatchObject({ name: "marque_session", httpOnly: true, secure: true, sameSite: "Lax", path: "/" });
    expect(await page.evaluate(() => document.cookie)).toBe("");
    expect((await context.request.get(`${base}/api/me`)).status()).toBe(200);

    await page.reload({ waitUntil: "networkidle" });
    expect(await page.locator("#login-done-title").textContent()).toBe("已登录");
    await page.getByRole("button", { name: "退出登录" }).click();
    await page.locator("#login-status:not(:empty)").waitFor();
    expect(await page.getByLabel("手机号").isVisible()).toBe(true);
    expect((await context.request.get(`${base}/api/me`)).status()).toBe(401);
    expect(unexpected(problems)).toEqual([]);
    await context.close();
  });

  it("speaks English with ?lang=en and shows a bad number at its field", async () => {
    const { page, context, problems } = await open("/login?lang=en");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Sign in");
    await page.getByLabel("Mobile number").fill("010-12345678");
    await page.getByRole("button", { name: "Text me a code" }).click();
    await page.locator("#login-err-phone:not(:empty)").waitFor();
    expect(await page.locator("#login-err-phone").textContent()).toBe("Enter a mainland China mobile number");
    expect(await page.getByLabel("Mobile number").evaluate((input) => input === document.activeElement)).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}/login-phone-en-error.png`, fullPage: true });
    expect(unexpected(problems)).toEqual([]);
    await context.close();
  });
});

describe("the same build with ENVIRONMENT=production", () => {
  const persist = ".wrangler/e2e-login-production";
  let server: ReturnType<typeof startGroup> | undefined;
  let production = "";

  beforeAll(async () => {
    rmSync(persist, { recursive: true, force: true });
    await run("wrangler", ["d1", "migrations", "apply", "DB", "--local", "--persist-to", persist], { quiet: true });
    const port = await freePort();
    server = startGroup(
      "node_modules/.bin/wrangler",
      ["dev", "--ip", "127.0.0.1", "--port", String(port), "--persist-to", persist, "--log-level", "warn"].concat([
        "--var",
        "ENVIRONMENT:production",
        "--show-interactive-dev-session=false",
      ]),
      true,
    );
    production = `http://127.0.0.1:${port}`;
    await waitUntilServing(`${production}/api/health`, server.child);
  });
  afterAll(() => {
    server?.stop();
    rmSync(persist, { recursive: true, force: true });
  });

  it("has no outbox page, no outbox hint, and texts no code until a real SMS gateway is configured", async () => {
    expect((await fetch(`${production}/dev/outbox`)).status).toBe(404);
    expect(await (await fetch(`${production}/login`)).text()).not.toContain("/dev/outbox");
    const code = await fetch(`${production}/api/auth/code`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ phone: "13800138000" }),
    });
    expect(code.status).toBe(503);
    expect(((await code.json()) as { type: string }).type).toBe("https://marque.dev/problems/sms-unavailable");
  });
});
