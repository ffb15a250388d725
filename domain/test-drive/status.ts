/** The life of a test-drive booking: which statuses exist, which hold a demo car, which moves are legal. */

export const BOOKING_STATUSES = ["booked", "rescheduled", "cancelled", "checked_in", "no_show"] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** Statuses in which a booking occupies one demo car for its slot. */
export const HOLDING_STATUSES = ["booked", "rescheduled", "checked_in"] as const satisfies readonly BookingStatus[];

const TRANSITIONS: Record<BookingStatus, readonly BookingStatus[]> = {
  booked: ["rescheduled", "cancelled", "checked_in", "no_show"],
  rescheduled: ["rescheduled", "cancelled", "checked_in", "no_show"],
  cancelled: [],
  checked_in: [],
  no_show: [],
};

/** Why a shopper cannot change a booking any more. */
export type ChangeProblem = "final-status" | "slot-started";

/**
 * Whether a shopper may move a booking to `to` (reschedule or cancel) at `now`: undefined if so.
 * A booking whose slot has started, or that is cancelled, checked in or a no-show, is final.
 * @example
 * changeProblem({ status: "booked", slotStart: "2026-11-30T02:00:00.000Z" }, "cancelled", Date.parse("2026-11-29T00:00:00Z"))
 * // undefined
 */
export function changeProblem(
  booking: { status: BookingStatus; slotStart: string },
  to: "rescheduled" | "cancelled",
  now: number,
): ChangeProblem | undefined {
  if (!TRANSITIONS[booking.status].includes(to)) return "final-status";
  if (Date.parse(booking.slotStart) <= now) return "slot-started";
  return undefined;
}

/** Why a dealer cannot mark a booking: it has moved on, or (for a no-show) its slot has not begun. */
export type DealerMoveProblem = "booking-not-changeable" | "slot-not-started";

/**
 * Whether a dealer may mark a booking checked in or a no-show at `now`: undefined if so. Only a
 * booked or rescheduled test drive moves; a no-show only once its slot has begun.
 * @example dealerMoveProblem({ status: "cancelled", slotStart: "2026-11-30T02:00:00.000Z" }, "checked_in", 0) // "booking-not-changeable"
 */
export function dealerMoveProblem(
  booking: { status: BookingStatus; slotStart: string },
  to: "checked_in" | "no_show",
  now: number,
): DealerMoveProblem | undefined {
  if (!TRANSITIONS[booking.status].includes(to)) return "booking-not-changeable";
  if (to === "no_show" && Date.parse(booking.slotStart) > now) return "slot-not-started";
  return undefined;
}

/**
 * What a change problem means to a shopper, Chinese first.
 * @example changeProblemMessage("slot-started") // "试驾时段已开始，无法更改 / The slot has started; it can no longer be changed"
 */
export function changeProblemMessage(problem: ChangeProblem): string {
  return problem === "final-status"
    ? "该预约已结束或已取消，无法更改 / This booking is cancelled or over and can no longer be changed"
    : "试驾时段已开始，无法更改 / The slot has started; it can no longer be changed";
}
