import { describe, expect, it } from "vitest";
import { shanghaiDate, shanghaiWeekday } from "./time.ts";

describe("Asia/Shanghai calendar", () => {
  it("turns the date over at 16:00 UTC", () => {
    expect(shanghaiDate(Date.parse("2026-11-28T15:59:59Z"))).toBe("2026-11-28");
    expect(shanghaiDate(Date.parse("2026-11-28T16:00:00Z"))).toBe("2026-11-29");
  });

  it("names the local weekday", () => {
    expect(shanghaiWeekday(Date.parse("2026-11-29T01:00:00+08:00"))).toBe("sun");
    expect(shanghaiWeekday(Date.parse("2026-11-30T00:00:00+08:00"))).toBe("mon");
  });
});
