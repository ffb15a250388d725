/**
 * What the shopper sees, for the showroom benchmark: the page's composited frames through CDP
 * `Page.startScreencast` (every frame, scaled down), on a page that reads nothing back itself (no
 * preserveDrawingBuffer, no canvas copies), so that the measurement does not slow the drawing it
 * measures the way the in-page pixel probe does. Frames are decoded afterwards, in a page of their
 * own, while the measured page is at rest.
 *
 * A frame's time is when Chromium handed the captured frame to DevTools (`metadata.timestamp`,
 * wall clock, set by the browser process after the copy of the composited frame): an upper bound of
 * when it was on screen. Clicks are put on the same clock with `performance.timeOrigin`.
 */
import type { Page } from "playwright-core";

export interface ScreenFrame {
  /** Epoch ms (Chromium's `metadata.timestamp`, or when it arrived if Chromium gave none). */
  at: number;
  /** Base64 PNG of the whole viewport, scaled down. */
  data: string;
  /** The viewport's width in CSS pixels, to map page rectangles onto the frame. */
  deviceWidth: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One frame's region compared with the region before the click and with the final picture. */
export interface RegionDiff {
  at: number;
  /** Share of the region's pixels with a channel changed by ≥ 8/255 since before the click. */
  changed: number;
  /** Share of the region's pixels ≥ 8/255 closer to the final picture than before the click (a blur does not count). */
  toward: number;
  /** Mean channel difference from before the click (0–255). */
  mean: number;
}

export interface Screencast {
  /** Frames received so far; `keepLast()` drops all but the one on screen now. */
  frames: ScreenFrame[];
  keepLast(): void;
  stop(): Promise<void>;
}

/** Starts a screencast of `page` (PNG, every frame, at most `size`), acknowledging each frame as it comes. */
export async function startScreencast(page: Page, size: { maxWidth: number; maxHeight: number }): Promise<Screencast> {
  const cdp = await page.context().newCDPSession(page);
  const frames: ScreenFrame[] = [];
  cdp.on("Page.screencastFrame", (event) => {
    frames.push({
      at: event.metadata.timestamp === undefined ? Date.now() : event.metadata.timestamp * 1000,
      data: event.data,
      deviceWidth: event.metadata.deviceWidth,
    });
    cdp.send("Page.screencastFrameAck", { sessionId: event.sessionId }).catch(() => {});
  });
  await cdp.send("Page.startScreencast", { format: "png", everyNthFrame: 1, ...size });
  return {
    frames,
    keepLast: () => void frames.splice(0, Math.max(0, frames.length - 1)),
    stop: async () => {
      await cdp.send("Page.stopScreencast").catch(() => {});
      await cdp.detach().catch(() => {});
    },
  };
}

/**
 * Compares `regions` (CSS pixels of the page) in every frame with the same region in `reference`
 * and in the last frame, decoding the PNGs in `decoder` (a blank page, while the measured one is at rest).
 */
export async function compareFrames(
  decoder: Page,
  reference: ScreenFrame,
  frames: ScreenFrame[],
  regions: Record<string, Rect>,
): Promise<Record<string, RegionDiff[]>> {
  return decoder.evaluate(
    async ({ reference, frames, regions }) => {
      const decode = async (frame: { data: string; deviceWidth: number }) => {
        const bytes = Uint8Array.from(atob(frame.data), (c) => c.charCodeAt(0));
        const bitmap = await createImageBitmap(new Blob([bytes], { type: "image/png" }));
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const context = canvas.getContext("2d", { willReadFrequently: true }) as OffscreenCanvasRenderingContext2D;
        context.drawImage(bitmap, 0, 0);
        const scale = bitmap.width / frame.deviceWidth;
        return (rect: { x: number; y: number; width: number; height: number }) =>
          context.getImageData(
            Math.round(rect.x * scale),
            Math.round(rect.y * scale),
            Math.max(1, Math.round(rect.width * scale)),
            Math.max(1, Math.round(rect.height * scale)),
          ).data;
      };
      const crops = await Promise.all([reference, ...frames].map(decode));
      const out: Record<string, { at: number; changed: number; toward: number; mean: number }[]> = {};
      for (const [name, rect] of Object.entries(regions)) {
        const [before, ...after] = crops.map((crop) => crop(rect));
        const base = before as Uint8ClampedArray;
        const final = after.at(-1) ?? base;
        const pixels = base.length / 4;
        out[name] = after.map((now, f) => {
          let changed = 0;
          let toward = 0;
          let sum = 0;
          for (let p = 0; p < base.length; p += 4) {
            let fromBase = 0;
            let baseToFinal = 0;
            let nowToFinal = 0;
            for (let c = p; c < p + 3; c++) {
              const d = Math.abs((now[c] as number) - (base[c] as number));
              sum += d;
              fromBase = Math.max(fromBase, d);
              baseToFinal = Math.max(baseToFinal, Math.abs((base[c] as number) - (final[c] as number)));
              nowToFinal = Math.max(nowToFinal, Math.abs((now[c] as number) - (final[c] as number)));
            }
            if (fromBase >= 8) changed++;
            if (baseToFinal - nowToFinal >= 8) toward++;
          }
          return {
            at: (frames[f] as { at: number }).at,
            changed: changed / pixels,
            toward: toward / pixels,
            mean: sum / (pixels * 3),
          };
        });
      }
      return out;
    },
    { reference, frames, regions },
  );
}
