import { describe, expect, it } from "vitest";
import { MAX_DELIVERY_ATTEMPTS, retryDelayMs } from "./delivery.ts";

describe("webhook retries", () => {
  it("double from 5 s, stay within 4 hours, and stop after the last attempt", () => {
    const delays = Array.from({ length: MAX_DELIVERY_ATTEMPTS }, (_, i) => retryDelayMs(i + 1));
    expect(delays.slice(0, 4)).toEqual([5_000, 10_000, 20_000, 40_000]);
    const waits = delays.filter((delay) => delay !== undefined);
    expect(waits).toHaveLength(MAX_DELIVERY_ATTEMPTS - 1);
    for (let i = 1; i < waits.length; i++) expect(waits[i]).toBeGreaterThanOrEqual(waits[i - 1] ?? 0);
    expect(Math.max(...waits)).toBeLessThanOrEqual(4 * 60 * 60 * 1000);
    expect(retryDelayMs(MAX_DELIVERY_ATTEMPTS)).toBeUndefined();
  });
});
