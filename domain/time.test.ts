import { describe, expect, it } from "vitest";
import { addDays, isOpenAt, mondayOf, shanghaiDate, shanghaiWeekday } from "./time.ts";

describe("Asia/Shanghai calendar", () => {
  it("turns the date over at 16:00 UTC", () => {
    expect(shanghaiDate(Date.parse("2026-11-28T15:59:59Z"))).toBe("2026-11-28");
    expect(shanghaiDate(Date.parse("2026-11-28T16:00:00Z"))).toBe("2026-11-29");
  });

  it("names the local weekday", () => {
    expect(shanghaiWeekday(Date.parse("2026-11-29T01:00:00+08:00"))).toBe("sun");
    expect(shanghaiWeekday(Date.parse("2026-11-30T00:00:00+08:00"))).toBe("mon");
  });

  it("opens at the opening minute and closes at the closing minute, on the local weekday only", () => {
    const hours = { mon: { open: "09:00", close: "18:00" } };
    expect(isOpenAt(hours, Date.parse("2026-11-30T08:59:59+08:00"))).toBe(false);
    expect(isOpenAt(hours, Date.parse("2026-11-30T09:00:00+08:00"))).toBe(true);
    expect(isOpenAt(hours, Date.parse("2026-11-30T17:59:59+08:00"))).toBe(true);
    expect(isOpenAt(hours, Date.parse("2026-11-30T18:00:00+08:00"))).toBe(false);
    expect(isOpenAt(hours, Date.parse("2026-11-30T02:00:00Z"))).toBe(true);
    expect(isOpenAt(hours, Date.parse("2026-12-01T10:00:00+08:00"))).toBe(false);
  });
});

describe("addDays", () => {
  it("crosses month and year ends and goes backwards", () => {
    expect(addDays("2026-12-30", 3)).toBe("2027-01-02");
    expect(addDays("2028-03-01", -1)).toBe("2028-02-29");
  });
});

describe("mondayOf", () => {
  it("is the date itself on a Monday and the Monday before on any other day", () => {
    expect(mondayOf("2026-11-30")).toBe("2026-11-30");
    expect(mondayOf("2026-11-29")).toBe("2026-11-23");
    expect(mondayOf("2027-01-01")).toBe("2026-12-28");
  });
});
