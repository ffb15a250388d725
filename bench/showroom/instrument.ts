/**
 * What the showroom benchmark adds to the configure page before its own scripts run (through
 * `context.addInitScript`): the software-GPU opt-in of the 3D view, the time of every click on an
 * option, when each click's DOM update (the total) reaches a frame and when the click's next frame
 * was presented (Event Timing), the times of the frames the page asks for, and, in pixel mode, a copy of
 * the car's canvas after every frame, so that "the switch is visible" can be checked on pixels.
 */
import type { BrowserContext, Page } from "playwright-core";

/** The viewer's contract (site/scripts/viewer/scene.ts): marks after the first frame and after each switch. */
export const FIRST_FRAME = "viewer:first-frame";
export const SWITCH_VISIBLE = "viewer:switch-visible";
/** Remembers the shopper's "show the 3D car anyway" on a software GPU (site/scripts/viewer/index.ts). */
export const SOFTWARE_OPT_IN = "marque.viewer.software";

/**
 * One frame's canvas compared with the canvas before the click: mean and max channel difference
 * (0–255), and when it was read. The canvas is read in a task after each animation frame's
 * callbacks (so after the viewer drew), and reading waits until the GPU has drawn it: `at` is when
 * the frame's pixels existed, not when its draw calls were issued.
 */
export interface FrameDiff {
  at: number;
  mean: number;
  max: number;
}

interface Probe {
  clicks: number[];
  /** performance.now() of the total's update and of the frame after it. */
  dom: { changed: number; frame: number }[];
  /** In pixel mode: the frames after the last click, compared with the canvas as it was at the click. */
  frames: FrameDiff[];
  /** In pixel mode: the canvas compared at the moment each viewer:switch-visible mark is made. */
  atMark: FrameDiff[];
  /** When the 3D view said it is ready (data-state), two frames later: the first frame without the contract. */
  ready: number | null;
  /** In pixel mode: when the canvas first held a picture (not one flat colour), read back after it was drawn. */
  drawn: number | null;
  /**
   * Event Timing of each click (the bench clicks nothing but options): its timeStamp and when the frame after its handlers was
   * presented (startTime + duration, as the compositor reported it; absent under 16 ms).
   */
  presented: { click: number; at: number }[];
  /** performance.now() of every animation frame the page itself asked for (the viewer's render loop), none added. */
  ticks: number[];
}

/** The in-page part; runs in the browser, so it uses nothing from outside its own body. */
function probe({ pixels, optIn }: { pixels: boolean; optIn: string }): void {
  try {
    localStorage.setItem(optIn, "on");
  } catch {
    // storage off: the bench clicks the opt-in button instead
  }
  const state: Probe = {
    clicks: [],
    dom: [],
    frames: [],
    atMark: [],
    ready: null,
    drawn: null,
    presented: [],
    ticks: [],
  };
  const animationFrame = requestAnimationFrame.bind(window);
  let lastTick = -1;
  window.requestAnimationFrame = (callback) =>
    animationFrame((time) => {
      if (time !== lastTick) state.ticks.push(time);
      lastTick = time;
      callback(time);
    });
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        if (entry.name === "click")
          state.presented.push({ click: entry.startTime, at: entry.startTime + entry.duration });
    }).observe({ type: "event", durationThreshold: 16, buffered: true } as PerformanceObserverInit);
  } catch {
    // no Event Timing: the figure stays empty
  }
  (window as unknown as { __showroom: Probe }).__showroom = state;
  const W = 96;
  const H = 54;
  let reference: Uint8ClampedArray | null = null;
  let scratch: CanvasRenderingContext2D | null = null;
  const read = (): Uint8ClampedArray | null => {
    const canvas = document.querySelector<HTMLCanvasElement>("[data-viewer] canvas");
    if (!canvas || canvas.width === 0) return null;
    scratch ??= Object.assign(document.createElement("canvas"), { width: W, height: H }).getContext("2d", {
      willReadFrequently: true,
    });
    if (!scratch) return null;
    scratch.clearRect(0, 0, W, H);
    scratch.drawImage(canvas, 0, 0, W, H);
    return scratch.getImageData(0, 0, W, H).data;
  };
  const diff = (now: Uint8ClampedArray): FrameDiff => {
    let sum = 0;
    let max = 0;
    const base = reference ?? now;
    for (let i = 0; i < now.length; i++) {
      if (i % 4 === 3) continue;
      const d = Math.abs((now[i] as number) - (base[i] as number));
      sum += d;
      if (d > max) max = d;
    }
    return { at: performance.now(), mean: sum / ((now.length / 4) * 3), max };
  };
  if (pixels) {
    const getContext = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, type: string, options?: object) {
      const preserved = /webgl/.test(type) ? { ...options, preserveDrawingBuffer: true } : options;
      return getContext.call(this, type, preserved);
    } as typeof getContext;
    const mark = performance.mark.bind(performance);
    performance.mark = ((name: string, options?: PerformanceMarkOptions) => {
      const entry = mark(name, options);
      if (name === "viewer:switch-visible" && reference) {
        const now = read();
        if (now) state.atMark.push(diff(now));
      }
      return entry;
    }) as typeof performance.mark;
    const sample = () => {
      const now = read();
      if (!now) return;
      if (reference) state.frames.push(diff(now));
      else if (state.drawn === null && now.some((v, i) => i % 4 !== 3 && Math.abs(v - (now[i % 4] as number)) > 16))
        state.drawn = performance.now();
    };
    const loop = () => {
      setTimeout(sample, 0);
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  }
  addEventListener(
    "click",
    (event) => {
      if (!(event.target instanceof Element) || !event.target.closest("[data-option]")) return;
      state.clicks.push(event.timeStamp);
      if (pixels) {
        reference = read();
        state.frames = [];
      }
    },
    true,
  );
  document.addEventListener("DOMContentLoaded", () => {
    const total = document.querySelector("[data-total]");
    if (total)
      new MutationObserver(() => {
        const changed = performance.now();
        requestAnimationFrame(() => state.dom.push({ changed, frame: performance.now() }));
      }).observe(total, { childList: true, characterData: true, subtree: true });
    const root = document.querySelector("[data-viewer]");
    if (root)
      new MutationObserver(() => {
        if (state.ready === null && root.getAttribute("data-state") === "ready")
          requestAnimationFrame(() => requestAnimationFrame(() => (state.ready = performance.now())));
      }).observe(root, { attributes: true, attributeFilter: ["data-state"] });
  });
}

/** Adds the probe to every page of `context` (pixel mode forces preserveDrawingBuffer on WebGL). */
export async function instrument(context: BrowserContext, pixels: boolean): Promise<void> {
  await context.addInitScript(probe, { pixels, optIn: SOFTWARE_OPT_IN });
}

export function readProbe(page: Page): Promise<Probe> {
  return page.evaluate(() => (window as unknown as { __showroom: Probe }).__showroom);
}

/** Start times of a mark, ms after navigation start. */
export function marks(page: Page, name: string): Promise<number[]> {
  return page.evaluate((n) => performance.getEntriesByName(n, "mark").map((m) => m.startTime), name);
}

/**
 * Waits for the 3D view's first frame: the viewer's mark, else (before the contract landed) the
 * second frame after it says ready, clicking "show the 3D car anyway" if the page offers it.
 * Answers the time after navigation start and where it came from.
 */
export async function firstFrame(page: Page, timeoutMs: number): Promise<{ ms: number; source: "mark" | "probe" }> {
  const start = page.locator("[data-viewer-start]");
  const deadline = Date.now() + timeoutMs;
  let readySeen = 0;
  while (Date.now() < deadline) {
    const [mark] = await marks(page, FIRST_FRAME);
    if (mark !== undefined) return { ms: mark, source: "mark" };
    const { ready } = await readProbe(page);
    if (ready !== null) {
      readySeen ||= Date.now();
      if (Date.now() - readySeen > 500) return { ms: ready, source: "probe" };
    }
    if (await start.isVisible().catch(() => false)) await start.click();
    await page.waitForTimeout(50);
  }
  const note = await page.locator("[data-viewer-note]").textContent();
  throw new Error(`no first frame within ${timeoutMs / 1000} s (the page says: ${note || "nothing"})`);
}
