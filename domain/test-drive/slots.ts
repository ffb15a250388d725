/**
 * Test-drive slots: a dealer's opening hours (Asia/Shanghai) cut into fixed-length slots, and the
 * checks a booking request must pass. Pure: the caller passes `now` and the dealer's data.
 */
import type { DealerService, OpeningHours } from "../catalog/types.ts";
import { shanghaiDate, shanghaiWeekday } from "../time.ts";

/** How slots are cut and how far ahead they can be booked. */
export type TestDrivePolicy = {
  /** Length of one test drive. */
  slotMinutes: number;
  /** A slot must start at least this long after the booking is made. */
  leadMinutes: number;
  /** Bookable dates: today (Asia/Shanghai) and the next `horizonDays - 1` days. */
  horizonDays: number;
  /** The SMS reminder goes out this long before the slot. */
  reminderMinutesBefore: number;
};

export const TEST_DRIVE_POLICY: TestDrivePolicy = {
  slotMinutes: 45,
  leadMinutes: 60,
  horizonDays: 14,
  reminderMinutesBefore: 120,
};

/** A slot, as UTC ISO-8601 instants (`Date#toISOString`): the start is the slot's identity. */
export type Slot = { start: string; end: string };

/** A slot with how many demo cars it has and how many are still free. */
export type SlotAvailability = Slot & { capacity: number; remaining: number };

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * Every slot of a date's opening hours, bookable or not; none on a closed day.
 * @example
 * openingSlots({ mon: { open: "09:00", close: "10:30" } }, "2026-11-30")
 * // [{ start: "2026-11-30T01:00:00.000Z", end: "2026-11-30T01:45:00.000Z" },
 * //  { start: "2026-11-30T01:45:00.000Z", end: "2026-11-30T02:30:00.000Z" }]
 */
export function openingSlots(hours: OpeningHours, date: string, policy = TEST_DRIVE_POLICY): Slot[] {
  const day = hours[shanghaiWeekday(shanghaiMidday(date))];
  if (!day) return [];
  const open = localTime(date, day.open);
  const close = localTime(date, day.close);
  const length = policy.slotMinutes * MINUTE_MS;
  const slots: Slot[] = [];
  for (let start = open; start + length <= close; start += length) {
    slots.push({ start: new Date(start).toISOString(), end: new Date(start + length).toISOString() });
  }
  return slots;
}

/**
 * The slots of a date that can still be booked at `now`: within the horizon and at least the lead
 * time away.
 * @example bookableSlots(hours, "2026-11-30", Date.parse("2026-11-30T09:30:00+08:00")) // slots from 10:30 on
 */
export function bookableSlots(hours: OpeningHours, date: string, now: number, policy = TEST_DRIVE_POLICY): Slot[] {
  if (checkDate(date, now, policy) !== undefined) return [];
  const earliest = now + policy.leadMinutes * MINUTE_MS;
  return openingSlots(hours, date, policy).filter((slot) => Date.parse(slot.start) >= earliest);
}

/** Why a date cannot be asked for. */
export type DateProblem = "past-date" | "beyond-horizon";

/**
 * Whether slots of this Asia/Shanghai date can be booked at `now`: undefined if so, else why not.
 * @example checkDate("2026-11-27", Date.parse("2026-11-28T10:00:00+08:00")) // "past-date"
 */
export function checkDate(date: string, now: number, policy = TEST_DRIVE_POLICY): DateProblem | undefined {
  if (date < shanghaiDate(now)) return "past-date";
  if (date > lastBookableDate(now, policy)) return "beyond-horizon";
  return undefined;
}

/**
 * The last Asia/Shanghai date that can be booked at `now`.
 * @example lastBookableDate(Date.parse("2026-11-28T10:00:00+08:00")) // "2026-12-11"
 */
export function lastBookableDate(now: number, policy = TEST_DRIVE_POLICY): string {
  return shanghaiDate(now + (policy.horizonDays - 1) * DAY_MS);
}

/** Why a booking request cannot be accepted, before looking at capacity. */
export type BookingProblemReason =
  | "no-test-drives"
  | "unknown-trim"
  | "invalid-time"
  | "in-the-past"
  | "too-soon"
  | "beyond-horizon"
  | "closed"
  | "outside-hours"
  | "off-grid";

/** A problem with the field of the request it belongs to. */
export type BookingProblem = { field: "dealerId" | "trimId" | "slotStart"; reason: BookingProblemReason };

export type BookingCheck = { ok: true; slot: Slot } | { ok: false; problems: BookingProblem[] };

/** What the dealer offers, as far as a booking request is concerned. */
export type DealerForBooking = {
  hours: OpeningHours;
  services: readonly DealerService[];
  /** Demo cars of the requested trim at this dealer; 0 or undefined if it has none. */
  cars: number | undefined;
};

/**
 * Checks a request for the slot starting at `start` (any ISO-8601 instant) at a dealer: the dealer
 * must do test drives, have demo cars of the trim, and the start must be a bookable slot.
 * @example
 * checkBooking({ hours, services: ["sales", "test_drive"], cars: 2 }, "2026-11-30T10:00:00+08:00", now)
 * // { ok: true, slot: { start: "2026-11-30T02:00:00.000Z", end: "2026-11-30T02:45:00.000Z" } }
 */
export function checkBooking(
  dealer: DealerForBooking,
  start: string,
  now: number,
  policy = TEST_DRIVE_POLICY,
): BookingCheck {
  const problems = dealerProblems(dealer);
  const slot = checkSlot(dealer.hours, start, now, policy);
  if ("reason" in slot) problems.push({ field: "slotStart", reason: slot.reason });
  else if (problems.length === 0) return { ok: true, slot };
  return { ok: false, problems };
}

/**
 * What keeps a dealer from offering test drives of the trim, whatever the slot.
 * @example dealerProblems({ hours, services: ["sales"], cars: 2 }) // [{ field: "dealerId", reason: "no-test-drives" }]
 */
export function dealerProblems(dealer: DealerForBooking): BookingProblem[] {
  if (!dealer.services.includes("test_drive")) return [{ field: "dealerId", reason: "no-test-drives" }];
  if (!dealer.cars) return [{ field: "trimId", reason: "unknown-trim" }];
  return [];
}

function checkSlot(
  hours: OpeningHours,
  start: string,
  now: number,
  policy: TestDrivePolicy,
): Slot | { reason: BookingProblemReason } {
  const at = Date.parse(start);
  if (Number.isNaN(at)) return { reason: "invalid-time" };
  if (at < now) return { reason: "in-the-past" };
  if (at < now + policy.leadMinutes * MINUTE_MS) return { reason: "too-soon" };
  const date = shanghaiDate(at);
  if (checkDate(date, now, policy) === "beyond-horizon") return { reason: "beyond-horizon" };
  const slots = openingSlots(hours, date, policy);
  const first = slots[0];
  const last = slots.at(-1);
  if (!first || !last) return { reason: "closed" };
  if (at < Date.parse(first.start) || at > Date.parse(last.start)) return { reason: "outside-hours" };
  return slots.find((slot) => Date.parse(slot.start) === at) ?? { reason: "off-grid" };
}

/**
 * What a problem means to a shopper, Chinese first.
 * @example problemMessage("too-soon") // "请至少提前 60 分钟预约 / Book at least 60 minutes ahead"
 */
export function problemMessage(reason: BookingProblemReason | DateProblem, policy = TEST_DRIVE_POLICY): string {
  const { leadMinutes, horizonDays, slotMinutes } = policy;
  switch (reason) {
    case "no-test-drives":
      return "该经销商不提供试驾 / This dealer does not offer test drives";
    case "unknown-trim":
      return "该经销商没有这款车型的试驾车 / This dealer has no demo car of this trim";
    case "invalid-time":
      return "时间格式无效 / Not a valid time";
    case "in-the-past":
      return "该时段已过去 / This slot is in the past";
    case "past-date":
      return "该日期已过去 / This date is in the past";
    case "too-soon":
      return `请至少提前 ${leadMinutes} 分钟预约 / Book at least ${leadMinutes} minutes ahead`;
    case "beyond-horizon":
      return `只能预约 ${horizonDays} 天内的试驾 / Test drives can be booked up to ${horizonDays} days ahead`;
    case "closed":
      return "经销商当天休息 / The dealer is closed that day";
    case "outside-hours":
      return "该时段不在营业时间内 / This slot is outside opening hours";
    case "off-grid":
      return `试驾时段从开门起每 ${slotMinutes} 分钟一个 / Slots start every ${slotMinutes} minutes from opening time`;
  }
}

/**
 * Remaining capacity per slot: each slot has as many places as the dealer has demo cars of the trim.
 * @example
 * slotAvailability([slot], 2, new Map([[slot.start, 1]])) // [{ ...slot, capacity: 2, remaining: 1 }]
 */
export function slotAvailability(
  slots: readonly Slot[],
  cars: number,
  bookedByStart: ReadonlyMap<string, number>,
): SlotAvailability[] {
  return slots.map((slot) => ({
    ...slot,
    capacity: cars,
    remaining: Math.max(0, cars - (bookedByStart.get(slot.start) ?? 0)),
  }));
}

/**
 * When the reminder for a slot is due: `reminderMinutesBefore` ahead, or now if that has passed.
 * @example reminderDueAt("2026-11-30T02:00:00.000Z", Date.parse("2026-11-29T00:00:00Z")) // "2026-11-30T00:00:00.000Z"
 */
export function reminderDueAt(slotStart: string, now: number, policy = TEST_DRIVE_POLICY): string {
  return new Date(Math.max(now, Date.parse(slotStart) - policy.reminderMinutesBefore * MINUTE_MS)).toISOString();
}

function shanghaiMidday(date: string): number {
  return Date.parse(`${date}T12:00:00+08:00`);
}

function localTime(date: string, hhmm: string): number {
  if (!HHMM.test(hhmm)) throw new Error(`Opening time must be HH:MM, got ${hhmm}`);
  return Date.parse(`${date}T${hhmm}:00+08:00`);
}
