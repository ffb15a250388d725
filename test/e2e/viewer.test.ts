import { writeFileSync } from "node:fs";
import { type Browser, type BrowserContextOptions, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { CHROMIUM, DESKTOP, launch, PHONE, SCREENSHOTS, watchForProblems } from "./browser.ts";

const base = inject("baseURL");
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

type PaintSet = { albedo?: string; metallic?: number; roughness?: number; clearcoat?: number };
type RuleBase = {
  body: {
    groups: { code: string; options: string[] }[];
    options: { code: string; render: { material?: string; set?: PaintSet }[] }[];
  };
};

const paintOf = (body: RuleBase["body"], code: string) =>
  body.options.find((o) => o.code === code)?.render.find((r) => r.material === "paint")?.set;

/** The first model with two paints of clearly different colours, and those paints' option codes. */
async function modelWithTwoPaints(): Promise<{ slug: string; paints: [string, string] }> {
  const { models } = (await (await fetch(`${base}/api/models`)).json()) as { models: { slug: string }[] };
  for (const { slug } of models) {
    const { body } = (await (await fetch(`${base}/api/models/${slug}/product-model`)).json()) as RuleBase;
    const albedo = (code: string) => paintOf(body, code)?.albedo;
    const paints = body.groups.flatMap((g) => g.options).filter((code) => albedo(code));
    const [first] = paints;
    const second = paints.find((code) => albedo(code) !== albedo(first ?? ""));
    if (first && second) return { slug, paints: [first, second] };
  }
  throw new Error("no demo model has two paints");
}

/** A model with a matte paint, that paint, and the glossy paint closest to it in colour. */
async function modelWithMattePaint(): Promise<{ slug: string; matte: string; glossy: string; body: RuleBase["body"] }> {
  const { models } = (await (await fetch(`${base}/api/models`)).json()) as { models: { slug: string }[] };
  const rgb = (hex = "#000000") => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  for (const { slug } of models) {
    const { body } = (await (await fetch(`${base}/api/models/${slug}/product-model`)).json()) as RuleBase;
    const paints = body.groups.flatMap((g) => g.options).filter((code) => paintOf(body, code)?.albedo);
    const matte = paints.find((code) => paintOf(body, code)?.clearcoat === 0);
    if (!matte) continue;
    const target = rgb(paintOf(body, matte)?.albedo);
    const distance = (code: string) =>
      rgb(paintOf(body, code)?.albedo).reduce((sum, v, i) => sum + Math.abs(v - (target[i] ?? 0)), 0);
    const [glossy] = paints.filter((code) => code !== matte).sort((a, b) => distance(a) - distance(b));
    if (glossy) return { slug, matte, glossy, body };
  }
  throw new Error("no demo model has a matte paint");
}

const viewer = (page: Page) => page.locator("[data-viewer]");

/**
 * Headless Chromium draws WebGL on the CPU (SwiftShader), where the page offers the 3D car only on
 * request (it would block the page): ask for it, as a shopper on such a device would.
 */
async function openViewer(page: Page): Promise<void> {
  const optIn = page.locator("[data-viewer-start]");
  if (await optIn.isVisible()) await optIn.click();
}

/** Waits until the viewer has applied at least `applied` configurations and stopped drawing. */
async function settled(page: Page, applied = 1): Promise<void> {
  await expect.poll(() => viewer(page).getAttribute("data-state"), { timeout: 30_000 }).toBe("ready");
  await expect
    .poll(async () => Number(await viewer(page).getAttribute("data-applied")))
    .toBeGreaterThanOrEqual(applied);
  await expect.poll(() => viewer(page).getAttribute("data-idle"), { timeout: 15_000 }).toBe("true");
  await expect
    .poll(() =>
      viewer(page)
        .locator("canvas")
        .evaluate((canvas) => getComputedStyle(canvas).opacity),
    )
    .toBe("1");
}

/** A configure page of `slug` in a new context, with the 3D view asked for and settled. */
async function viewerPage(slug: string, query = "", options: BrowserContextOptions = { viewport: DESKTOP }) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems = watchForProblems(page);
  await page.goto(`${base}/models/${slug}/configure${query}`, { waitUntil: "networkidle" });
  await openViewer(page);
  await settled(page);
  return { context, page, problems };
}

/** The canvas alone, scrolled to the top first so the sticky header does not cover it. */
async function canvasShot(page: Page, path?: string): Promise<Buffer> {
  await page.evaluate(() => window.scrollTo(0, 0));
  return viewer(page).locator("canvas").screenshot({ path });
}

const marks = (page: Page, name: string) =>
  page.evaluate((mark) => performance.getEntriesByName(mark, "mark").length, name);

const appliedCount = async (page: Page) => Number(await viewer(page).getAttribute("data-applied"));

/**
 * Decodes PNG screenshots in a blank page (no CSP) and measures them: how many pixels differ from
 * the top-left corner (the studio background) and, given a second image, how many differ between them.
 */
async function measure(
  a: Buffer,
  b?: Buffer,
): Promise<{ foreground: number; changed: number; width: number; height: number }> {
  const page = await browser.newPage();
  try {
    return await page.evaluate(
      async ([first, second]) => {
        const pixels = async (png: string) => {
          const bitmap = await createImageBitmap(await (await fetch(`data:image/*;base64,${png}`)).blob());
          const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
          const context = canvas.getContext("2d") as OffscreenCanvasRenderingContext2D;
          context.drawImage(bitmap, 0, 0);
          size = [bitmap.width, bitmap.height];
          return context.getImageData(0, 0, bitmap.width, bitmap.height).data;
        };
        let size = [0, 0];
        const differs = (p: Uint8ClampedArray, q: Uint8ClampedArray, i: number, j: number) =>
          Math.abs((p[i] ?? 0) - (q[j] ?? 0)) +
            Math.abs((p[i + 1] ?? 0) - (q[j + 1] ?? 0)) +
            Math.abs((p[i + 2] ?? 0) - (q[j + 2] ?? 0)) >
          24;
        const p = await pixels(first);
        const [width = 0, height = 0] = size;
        const q = second ? await pixels(second) : p;
        let foreground = 0;
        let changed = 0;
        for (let i = 0; i < p.length; i += 4) {
          if (differs(p, p, i, 0)) foreground++;
          if (differs(p, q, i, i)) changed++;
        }
        const total = p.length / 4;
        return { foreground: foreground / total, changed: changed / total, width, height };
      },
      [a.toString("base64"), b?.toString("base64") ?? ""] as const,
    );
  } finally {
    await page.close();
  }
}

describe("3D viewer on the configure page (Chromium, WebGL through SwiftShader)", () => {
  it("draws the car (its light mesh on a CPU renderer), repaints it when another paint is chosen, and moves inside for the interior view", async () => {
    const { slug, paints } = await modelWithTwoPaints();
    const { context, page, problems } = await viewerPage(slug);

    expect(await marks(page, "viewer:first-frame")).toBe(1);
    const files = await page.evaluate(() => ({
      full: document.querySelector("[data-viewer]")?.getAttribute("data-src"),
      lite: document.querySelector("[data-viewer]")?.getAttribute("data-src-lite"),
      fetched: performance
        .getEntriesByType("resource")
        .map((entry) => new URL(entry.name).pathname)
        .filter((path) => path.endsWith(".glb")),
    }));
    expect(files.lite).toMatch(/^\/api\/media\/models\/\w+\.glb$/);
    expect(files.lite).not.toBe(files.full);
    expect(files.fetched).toEqual([files.lite]);

    let applied = await appliedCount(page);
    const switches = await marks(page, "viewer:switch-visible");
    await page.locator(`[data-option="${paints[0]}"]`).click();
    await settled(page, applied + 1);
    expect(await marks(page, "viewer:switch-visible")).toBe(switches + 1);
    const first = await canvasShot(page);
    expect((await measure(first)).foreground).toBeGreaterThan(0.1);

    applied = await appliedCount(page);
    await page.locator(`[data-option="${paints[1]}"]`).click();
    await expect.poll(() => page.locator(`[data-option="${paints[1]}"]`).getAttribute("data-state")).toBe("chosen");
    await settled(page, applied + 1);
    const second = await canvasShot(page, `${SCREENSHOTS}/viewer-paint.png`);
    expect((await measure(first, second)).changed).toBeGreaterThan(0.03);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SCREENSHOTS}/viewer-desktop.png` });

    await page.getByRole("button", { name: "内饰" }).click();
    await settled(page);
    expect(await page.getByRole("button", { name: "内饰" }).getAttribute("aria-pressed")).toBe("true");
    const inside = await canvasShot(page, `${SCREENSHOTS}/viewer-interior.png`);
    expect((await measure(second, inside)).changed).toBeGreaterThan(0.3);

    await page.getByRole("button", { name: "侧面" }).click();
    await settled(page);
    await canvasShot(page, `${SCREENSHOTS}/viewer-side.png`);

    expect(await page.locator("[data-ar]").isDisabled()).toBe(true);
    expect(await page.locator("[data-ar-reason]").textContent()).toBe("此设备不支持 AR");
    expect(page.url()).toContain(paints[1]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("explains the car's features at hotspots: shown where the view shows them, opened by mouse or keyboard, closed by Escape", async () => {
    const { slug } = await modelWithTwoPaints();
    const { context, page, problems } = await viewerPage(slug);
    const shown = page.locator("[data-hotspot]:not([hidden])");
    const note = page.locator("[data-hotspot-note]");
    const focusedHotspot = () => page.evaluate(() => document.activeElement?.getAttribute("data-hotspot") ?? null);
    expect(await shown.count()).toBeGreaterThanOrEqual(2);
    const wheel = page.locator('[data-hotspot="wheel"]');
    expect(await wheel.isVisible()).toBe(true);
    expect(await page.locator('[data-hotspot="screen"]').isVisible()).toBe(false);

    await wheel.click();
    await expect.poll(() => note.isVisible()).toBe(true);
    expect(await note.textContent()).toMatch(/(\d+ 英寸轮毂|轮毂与制动).*通风盘式制动/);
    expect(await wheel.getAttribute("aria-expanded")).toBe("true");
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SCREENSHOTS}/viewer-hotspot.png` });
    await page.keyboard.press("Escape");
    expect(await note.isVisible()).toBe(false);
    expect(await wheel.getAttribute("aria-expanded")).toBe("false");
    expect(await focusedHotspot()).toBe("wheel");

    await viewer(page).locator("canvas").focus();
    await page.keyboard.press("Tab");
    const first = await focusedHotspot();
    expect(first).not.toBeNull();
    await page.keyboard.press("Enter");
    await expect.poll(() => note.isVisible()).toBe(true);
    await page.keyboard.press("Escape");
    expect(await note.isVisible()).toBe(false);
    expect(await focusedHotspot()).toBe(first);
    await expect.poll(() => viewer(page).getAttribute("data-idle")).toBe("true");

    await page.getByRole("button", { name: "内饰" }).click();
    await settled(page);
    expect(await wheel.isVisible()).toBe(false);
    const screen = page.locator('[data-hotspot="screen"]');
    expect(await screen.isVisible()).toBe(true);
    await screen.click();
    await expect.poll(() => note.textContent()).toContain("智能座舱");
    await canvasShot(page, `${SCREENSHOTS}/viewer-interior-hotspot.png`);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("answers the configure page's request for a picture of the configured car", async () => {
    const { slug } = await modelWithTwoPaints();
    const { context, page, problems } = await viewerPage(slug);
    await page.getByRole("button", { name: "内饰" }).click();
    await settled(page);
    const image = await page.evaluate(
      () =>
        new Promise<string | null>((resolve) => {
          const timer = setTimeout(() => resolve(null), 20_000);
          const reply = (picture: string | null) => {
            clearTimeout(timer);
            resolve(picture);
          };
          document.dispatchEvent(new CustomEvent("marque:viewer-snapshot", { detail: { reply } }));
        }),
    );
    expect(image).toMatch(/^data:image\/jpeg;base64,/);
    const jpeg = Buffer.from((image ?? "").split(",")[1] ?? "", "base64");
    writeFileSync(`${SCREENSHOTS}/viewer-snapshot.jpg`, jpeg);
    const picture = await measure(jpeg);
    expect([picture.width, picture.height]).toEqual([800, 450]);
    expect(picture.foreground).toBeGreaterThan(0.1);
    await settled(page);
    const inside = await canvasShot(page);
    expect((await measure(inside)).foreground).toBeGreaterThan(0.3);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("paints a matte finish visibly differently from a glossy paint of nearly the same colour", async () => {
    const { slug, matte, glossy, body } = await modelWithMattePaint();
    expect(paintOf(body, matte)).toMatchObject({ clearcoat: 0 });
    expect(paintOf(body, matte)?.roughness).toBeGreaterThan(0.6);
    expect(paintOf(body, glossy)).toMatchObject({ clearcoat: 1 });
    expect(paintOf(body, glossy)?.roughness).toBeLessThan(0.4);
    const { context, page, problems } = await viewerPage(slug);
    /** Shows `paint` on the car as the configurator would after choosing it (the matte paint may need another trim). */
    const showPaint = async (paint: string) => {
      const applied = await appliedCount(page);
      await page.evaluate((code) => {
        const chosen = document.querySelector<HTMLElement>(".configurator")?.dataset.configuredOptions ?? "";
        const options = [...chosen.split(",").filter((o) => o && !o.startsWith("paint-")), code];
        document.dispatchEvent(new CustomEvent("marque:configured-price", { detail: { priceFen: 0, options } }));
      }, paint);
      await settled(page, applied + 1);
    };
    await showPaint(glossy);
    const shiny = await canvasShot(page, `${SCREENSHOTS}/viewer-glossy.png`);
    await showPaint(matte);
    const flat = await canvasShot(page, `${SCREENSHOTS}/viewer-matte.png`);
    expect((await measure(shiny, flat)).changed).toBeGreaterThan(0.02);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("fits a phone screen and keeps the option list, price and confirmation below the car", async () => {
    const { slug } = await modelWithTwoPaints();
    const { context, page, problems } = await viewerPage(slug, "?lang=en", {
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 3,
    });
    expect((await measure(await canvasShot(page))).foreground).toBeGreaterThan(0.1);
    expect(await page.locator("[data-ar-reason]").textContent()).toBe("This device does not support AR");
    const hotspot = page.locator("[data-hotspot]:not([hidden])").first();
    await hotspot.tap();
    await expect.poll(() => page.locator("[data-hotspot-note]").isVisible()).toBe(true);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SCREENSHOTS}/viewer-phone.png` });
    await page.locator("[data-hotspot-close]").tap();
    expect(await page.locator("[data-hotspot-note]").isVisible()).toBe(false);
    await page.getByRole("button", { name: "Cheapest completion" }).click();
    await expect.poll(() => page.locator("[data-status]").textContent()).toBe("Your configuration is complete.");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("remembers the shopper's wish for the 3D car on a software GPU, and gives the picture back on request", async () => {
    const { slug } = await modelWithTwoPaints();
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    const problems = watchForProblems(page);
    await page.goto(`${base}/models/${slug}/configure`, { waitUntil: "networkidle" });
    await page.locator("[data-viewer-start]").click();
    await settled(page);
    expect(await page.evaluate(() => localStorage.getItem("marque.viewer.software"))).toBe("on");

    await page.reload({ waitUntil: "networkidle" });
    await settled(page);
    expect(await page.locator("[data-viewer-start]").isVisible()).toBe(false);
    expect(await marks(page, "viewer:first-frame")).toBe(1);

    await page.getByRole("button", { name: "改用平面图" }).click();
    expect(await viewer(page).getAttribute("data-state")).toBe("fallback");
    expect(await viewer(page).locator("img").isVisible()).toBe(true);
    expect(await page.locator("[data-viewer-tools]").isVisible()).toBe(false);
    expect(await page.locator("[data-viewer-start]").isVisible()).toBe(true);
    expect(await page.evaluate(() => localStorage.getItem("marque.viewer.software"))).toBeNull();
    await page.reload({ waitUntil: "networkidle" });
    expect(await page.locator("[data-viewer-start]").isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("keeps the picture and the full option list, says why, and downloads no 3D code when the browser has no WebGL", async () => {
    const { slug } = await modelWithTwoPaints();
    const noWebGl = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-3d-apis"],
    });
    try {
      const page = await noWebGl.newPage({ viewport: DESKTOP });
      const requested: string[] = [];
      page.on("request", (request) => requested.push(new URL(request.url()).pathname));
      await page.goto(`${base}/models/${slug}/configure`, { waitUntil: "networkidle" });
      await expect.poll(() => page.locator("[data-viewer-note]").textContent()).toContain("WebGL");
      expect(await viewer(page).getAttribute("data-state")).toBe("fallback");
      expect(await viewer(page).locator("img").isVisible()).toBe(true);
      expect(await page.locator("[data-viewer-tools]").isVisible()).toBe(false);
      expect(await page.locator("[data-viewer-start]").isVisible()).toBe(false);
      expect(await page.locator("[data-option]").count()).toBeGreaterThan(3);
      // Babylon (~2.7 MB) and the car's model file are fetched only for a 3D view.
      expect(requested.filter((path) => /\/_astro\/(babylon|scene)\.|\.glb$/.test(path))).toEqual([]);
      await page.getByRole("button", { name: "最低价完成" }).click();
      await expect.poll(() => page.locator("[data-status]").textContent()).toBe("配置完整，可以确认。");
      await page.screenshot({ path: `${SCREENSHOTS}/viewer-no-webgl.png` });
    } finally {
      await noWebGl.close();
    }
  });
});
