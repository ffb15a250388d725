import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { OpeningHours } from "../catalog/types.ts";
import {
  bookableSlots,
  checkBooking,
  checkDate,
  dealerProblems,
  lastBookableDate,
  openingSlots,
  problemMessage,
  reminderDueAt,
  slotAvailability,
  TEST_DRIVE_POLICY,
} from "./slots.ts";

const WEEKDAYS_9_TO_6: OpeningHours = {
  mon: { open: "09:00", close: "18:00" },
  tue: { open: "09:00", close: "18:00" },
  wed: { open: "09:00", close: "18:00" },
  thu: { open: "09:00", close: "18:00" },
  fri: { open: "09:00", close: "18:00" },
  sat: { open: "10:00", close: "16:00" },
};
const dealer = { hours: WEEKDAYS_9_TO_6, services: ["sales", "test_drive"] as const, cars: 2 };
/** Saturday 2026-11-28, 10:00 in Shanghai. */
const NOW = Date.parse("2026-11-28T10:00:00+08:00");
const local = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`).toISOString();

describe("opening slots", () => {
  it("cuts a day's opening hours into 45-minute slots that all end by closing time", () => {
    const slots = openingSlots(WEEKDAYS_9_TO_6, "2026-11-30");
    expect(slots).toHaveLength(12);
    expect(slots[0]).toEqual({ start: local("2026-11-30", "09:00"), end: local("2026-11-30", "09:45") });
    expect(slots.at(-1)).toEqual({ start: local("2026-11-30", "17:15"), end: local("2026-11-30", "18:00") });
  });

  it("writes slots in UTC: 09:00 in Shanghai is 01:00Z", () => {
    expect(openingSlots(WEEKDAYS_9_TO_6, "2026-11-30")[0]?.start).toBe("2026-11-30T01:00:00.000Z");
  });

  it("has no slots on a day the dealer is closed", () => {
    expect(openingSlots(WEEKDAYS_9_TO_6, "2026-11-29")).toEqual([]);
  });

  it("uses the weekday of the Shanghai date, not of UTC", () => {
    expect(openingSlots(WEEKDAYS_9_TO_6, "2026-11-28")[0]?.start).toBe(local("2026-11-28", "10:00"));
  });

  it("never yields a slot that overruns closing time, whatever the hours", () => {
    const time = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m]) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`);
    fc.assert(
      fc.property(time, time, (open, close) => {
        const slots = openingSlots({ mon: { open, close } }, "2026-11-30");
        for (const slot of slots) {
          expect(slot.start >= local("2026-11-30", open)).toBe(true);
          expect(slot.end <= local("2026-11-30", close)).toBe(true);
          expect(Date.parse(slot.end) - Date.parse(slot.start)).toBe(45 * 60_000);
        }
      }),
    );
  });

  it("refuses opening hours that are not HH:MM", () => {
    expect(() => openingSlots({ mon: { open: "9am", close: "18:00" } }, "2026-11-30")).toThrow(/HH:MM/);
  });
});

describe("bookable slots", () => {
  it("leaves out slots that start within the lead time", () => {
    const slots = bookableSlots(WEEKDAYS_9_TO_6, "2026-11-28", NOW);
    expect(slots[0]?.start).toBe(local("2026-11-28", "11:30"));
  });

  it("has none for a past date or a date beyond the 14-day horizon", () => {
    expect(bookableSlots(WEEKDAYS_9_TO_6, "2026-11-27", NOW)).toEqual([]);
    expect(lastBookableDate(NOW)).toBe("2026-12-11");
    expect(bookableSlots(WEEKDAYS_9_TO_6, "2026-12-11", NOW)).toHaveLength(12);
    expect(bookableSlots(WEEKDAYS_9_TO_6, "2026-12-12", NOW)).toEqual([]);
  });

  it("says why a date cannot be asked for", () => {
    expect(checkDate("2026-11-27", NOW)).toBe("past-date");
    expect(checkDate("2026-11-28", NOW)).toBeUndefined();
    expect(checkDate("2026-12-12", NOW)).toBe("beyond-horizon");
  });
});

describe("checking a booking request", () => {
  it("accepts a slot on the grid and answers its canonical UTC form", () => {
    expect(checkBooking(dealer, "2026-11-30T10:30:00+08:00", NOW)).toEqual({
      ok: true,
      slot: { start: "2026-11-30T02:30:00.000Z", end: "2026-11-30T03:15:00.000Z" },
    });
  });

  it.each([
    ["2026-11-27T10:30:00+08:00", "in-the-past"],
    ["2026-11-28T10:30:00+08:00", "too-soon"],
    ["2026-12-14T10:30:00+08:00", "beyond-horizon"],
    ["2026-11-29T10:30:00+08:00", "closed"],
    ["2026-11-30T08:15:00+08:00", "outside-hours"],
    ["2026-11-30T17:30:00+08:00", "outside-hours"],
    ["2026-11-30T10:00:00+08:00", "off-grid"],
    ["next tuesday", "invalid-time"],
  ])("refuses %s as %s", (start, reason) => {
    expect(checkBooking(dealer, start, NOW)).toEqual({ ok: false, problems: [{ field: "slotStart", reason }] });
  });

  it("refuses a trim the dealer has no demo car of, together with a bad slot", () => {
    expect(checkBooking({ ...dealer, cars: undefined }, "2026-11-29T10:30:00+08:00", NOW)).toEqual({
      ok: false,
      problems: [
        { field: "trimId", reason: "unknown-trim" },
        { field: "slotStart", reason: "closed" },
      ],
    });
    expect(checkBooking({ ...dealer, cars: 0 }, "2026-11-30T10:30:00+08:00", NOW).ok).toBe(false);
  });

  it("finds dealer problems without a slot, for the slot list", () => {
    expect(dealerProblems(dealer)).toEqual([]);
    expect(dealerProblems({ ...dealer, cars: undefined })).toEqual([{ field: "trimId", reason: "unknown-trim" }]);
  });

  it("refuses a dealer that does not do test drives", () => {
    const check = checkBooking({ ...dealer, services: ["sales"] }, "2026-11-30T10:30:00+08:00", NOW);
    expect(check).toEqual({ ok: false, problems: [{ field: "dealerId", reason: "no-test-drives" }] });
  });

  it("explains every problem in Chinese first, then English, with the policy's numbers", () => {
    expect(problemMessage("too-soon")).toBe("请至少提前 60 分钟预约 / Book at least 60 minutes ahead");
    expect(problemMessage("beyond-horizon", { ...TEST_DRIVE_POLICY, horizonDays: 7 })).toContain("7 days");
  });
});

describe("capacity and reminders", () => {
  it("gives each slot as many places as demo cars, minus those booked", () => {
    const [first, second] = openingSlots(WEEKDAYS_9_TO_6, "2026-11-30");
    if (!first || !second) throw new Error("no slots");
    const booked = new Map([
      [first.start, 1],
      [second.start, 3],
    ]);
    expect(slotAvailability([first, second], 2, booked)).toEqual([
      { ...first, capacity: 2, remaining: 1 },
      { ...second, capacity: 2, remaining: 0 },
    ]);
  });

  it("sends the reminder two hours ahead, or at once if the slot is closer than that", () => {
    const start = local("2026-11-30", "10:30");
    expect(reminderDueAt(start, NOW)).toBe(local("2026-11-30", "08:30"));
    expect(reminderDueAt(local("2026-11-28", "11:30"), NOW)).toBe(new Date(NOW).toISOString());
  });
});
