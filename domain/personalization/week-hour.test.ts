import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WEEKDAYS } from "../catalog/types.ts";
import { shanghaiWeekday } from "../time.ts";
import { shanghaiWeekHour, weekHourMask } from "./week-hour.ts";

describe("shanghaiWeekHour", () => {
  it("counts from Monday 00:00 in Shanghai", () => {
    expect(shanghaiWeekHour(Date.parse("2026-11-30T00:00:00+08:00"))).toBe(0);
    expect(shanghaiWeekHour(Date.parse("2026-11-29T23:59:59+08:00"))).toBe(167);
    expect(shanghaiWeekHour(Date.parse("2026-11-28T17:00:00Z"))).toBe(6 * 24 + 1);
  });

  it("agrees with the calendar weekday and hour at any instant", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), (now) => {
        const weekHour = shanghaiWeekHour(now);
        expect(WEEKDAYS[Math.floor(weekHour / 24)]).toBe(shanghaiWeekday(now));
        expect(weekHour % 24).toBe(new Date(now + 8 * 3600_000).getUTCHours());
      }),
    );
  });
});

describe("weekHourMask", () => {
  it("opens the given hours on the given days only", () => {
    const mask = weekHourMask(["sat", "sun"], 10, 18);
    expect(mask.reduce((n, open) => n + open, 0)).toBe(16);
    expect([mask[5 * 24 + 9], mask[5 * 24 + 10], mask[6 * 24 + 17], mask[6 * 24 + 18], mask[10]]).toEqual([
      0, 1, 1, 0, 0,
    ]);
  });
});
