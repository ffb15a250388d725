import { describe, expect, it } from "vitest";
import { changeProblem, changeProblemMessage, dealerMoveProblem } from "./status.ts";

const NOW = Date.parse("2026-11-28T10:00:00+08:00");
const later = "2026-11-30T02:00:00.000Z";

describe("booking status", () => {
  it("lets a shopper reschedule or cancel a booking whose slot is still ahead", () => {
    expect(changeProblem({ status: "booked", slotStart: later }, "rescheduled", NOW)).toBeUndefined();
    expect(changeProblem({ status: "rescheduled", slotStart: later }, "rescheduled", NOW)).toBeUndefined();
    expect(changeProblem({ status: "rescheduled", slotStart: later }, "cancelled", NOW)).toBeUndefined();
  });

  it("treats cancelled, checked-in and no-show bookings as final", () => {
    for (const status of ["cancelled", "checked_in", "no_show"] as const) {
      expect(changeProblem({ status, slotStart: later }, "cancelled", NOW)).toBe("final-status");
    }
  });

  it("refuses changes once the slot has started", () => {
    expect(changeProblem({ status: "booked", slotStart: new Date(NOW).toISOString() }, "cancelled", NOW)).toBe(
      "slot-started",
    );
  });

  it("lets a dealer check in or mark a no-show only a live booking, a no-show only once its slot began", () => {
    const slot = "2026-11-30T02:00:00.000Z";
    const before = Date.parse("2026-11-30T01:00:00Z");
    const after = Date.parse("2026-11-30T02:30:00Z");
    expect(dealerMoveProblem({ status: "booked", slotStart: slot }, "checked_in", before)).toBeUndefined();
    expect(dealerMoveProblem({ status: "rescheduled", slotStart: slot }, "no_show", after)).toBeUndefined();
    expect(dealerMoveProblem({ status: "booked", slotStart: slot }, "no_show", before)).toBe("slot-not-started");
    for (const status of ["cancelled", "checked_in", "no_show"] as const) {
      expect(dealerMoveProblem({ status, slotStart: slot }, "checked_in", after)).toBe("booking-not-changeable");
    }
  });

  it("explains a refused change in Chinese first, then English", () => {
    expect(changeProblemMessage("final-status")).toMatch(/^该预约.* \/ This booking/);
    expect(changeProblemMessage("slot-started")).toMatch(/^试驾时段已开始.* \/ The slot has started/);
  });
});
