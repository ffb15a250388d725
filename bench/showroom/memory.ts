/**
 * Memory of Chromium's processes as Linux counts it (/proc), and of the page's JavaScript as V8
 * counts it (CDP), for the showroom benchmark.
 */
import { readFileSync } from "node:fs";
import type { Browser, CDPSession } from "playwright-core";

const MB = 1024 * 1024;

/** Resident and proportional set size of a process, MB (null once it has gone). */
export function processMemory(pid: number): { rss: number; pss: number } | null {
  try {
    const kb = (text: string, field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? 0);
    const rss = kb(readFileSync(`/proc/${pid}/status`, "utf8"), "VmRSS");
    const pss = kb(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"), "Pss");
    return { rss: rss / 1024, pss: pss / 1024 };
  } catch {
    return null;
  }
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return "";
  }
}

/**
 * The browser's renderer and GPU process ids (CDP SystemInfo.getProcessInfo). With one page open,
 * the page's renderer is the one using the most memory (Chromium may keep a spare renderer, and
 * one for its own WebUI, which is left out).
 */
export async function chromiumProcesses(browser: Browser): Promise<{ renderer: number; gpu: number | null }> {
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { processInfo } = (await cdp.send("SystemInfo.getProcessInfo")) as {
      processInfo: { type: string; id: number }[];
    };
    const renderers = processInfo
      .filter((p) => p.type === "renderer" && !/--top-chrome-webui|--extension-process/.test(commandLine(p.id)))
      .map((p) => p.id);
    const gpu = processInfo.find((p) => /gpu/i.test(p.type))?.id ?? null;
    const largest = renderers
      .map((pid) => ({ pid, rss: processMemory(pid)?.rss ?? 0 }))
      .sort((a, b) => b.rss - a.rss)[0];
    if (!largest) throw new Error(`no renderer among ${JSON.stringify(processInfo)}`);
    return { renderer: largest.pid, gpu };
  } finally {
    await cdp.detach();
  }
}

/** The page's used JS heap, MB, after a full collection (HeapProfiler.collectGarbage). */
export async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send("HeapProfiler.collectGarbage");
  await cdp.send("HeapProfiler.collectGarbage");
  return heapNow(cdp);
}

/** The page's used JS heap now, MB (Performance.getMetrics JSHeapUsedSize). */
export async function heapNow(cdp: CDPSession): Promise<number> {
  const { metrics } = (await cdp.send("Performance.getMetrics")) as { metrics: { name: string; value: number }[] };
  return (metrics.find((m) => m.name === "JSHeapUsedSize")?.value ?? Number.NaN) / MB;
}

/**
 * Least-squares slope of `values` over `times` (per unit of time).
 * @example slope([0, 1, 2], [5, 6, 7]) // 1
 */
export function slope(times: readonly number[], values: readonly number[]): number {
  const n = Math.min(times.length, values.length);
  if (n < 2) return Number.NaN;
  const mt = times.slice(0, n).reduce((s, t) => s + t, 0) / n;
  const mv = values.slice(0, n).reduce((s, v) => s + v, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += ((times[i] as number) - mt) * ((values[i] as number) - mv);
    den += ((times[i] as number) - mt) ** 2;
  }
  return den === 0 ? Number.NaN : num / den;
}
