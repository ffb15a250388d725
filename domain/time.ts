import { type OpeningHours, WEEKDAYS, type Weekday } from "./catalog/types.ts";

/** China has one time zone and no daylight saving: Asia/Shanghai is always UTC+8. */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/**
 * The calendar date in Asia/Shanghai (promotions and opening hours are written in it), YYYY-MM-DD.
 * @example shanghaiDate(Date.parse("2026-11-28T17:00:00Z")) // "2026-11-29"
 */
export function shanghaiDate(now = Date.now()): string {
  return new Date(now + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The weekday in Asia/Shanghai.
 * @example shanghaiWeekday(Date.parse("2026-11-29T01:00:00+08:00")) // "sun"
 */
export function shanghaiWeekday(now = Date.now()): Weekday {
  return WEEKDAYS[(new Date(now + SHANGHAI_OFFSET_MS).getUTCDay() + 6) % 7] as Weekday;
}

/**
 * Whether opening hours (Asia/Shanghai "HH:MM", a missing day is closed) have a place open at `now`.
 * @example isOpenAt({ mon: { open: "09:00", close: "18:00" } }, Date.parse("2026-11-30T10:00:00+08:00")) // true
 */
export function isOpenAt(hours: OpeningHours, now = Date.now()): boolean {
  const today = hours[shanghaiWeekday(now)];
  if (!today) return false;
  const at = (hhmm: string) => Date.parse(`${shanghaiDate(now)}T${hhmm}:00+08:00`);
  return at(today.open) <= now && now < at(today.close);
}

/**
 * The calendar date `days` after `isoDate` (YYYY-MM-DD), negative for before.
 * @example addDays("2026-12-30", 3) // "2027-01-02"
 */
export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The Monday of the week (Monday to Sunday) that holds `isoDate` (YYYY-MM-DD).
 * @example mondayOf("2026-11-29") // "2026-11-23"
 */
export function mondayOf(isoDate: string): string {
  return addDays(isoDate, -((new Date(`${isoDate}T00:00:00Z`).getUTCDay() + 6) % 7));
}
