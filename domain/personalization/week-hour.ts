/**
 * Hours of the week in Asia/Shanghai (UTC+8 all year), numbered 0 (Monday 00:00–01:00) to 167
 * (Sunday 23:00–24:00), for time-window conditions.
 */
import { WEEKDAYS, type Weekday } from "../catalog/types.ts";

const HOUR_MS = 3600_000;
/** 1970-01-01 was a Thursday: Monday-based weekday 3. */
const EPOCH_WEEKDAY = 3;

/**
 * The hour of the week in Asia/Shanghai.
 * @example shanghaiWeekHour(Date.parse("2026-11-30T09:30:00+08:00")) // 9 (Monday 09:00)
 */
export function shanghaiWeekHour(now: number): number {
  const hours = Math.floor(now / HOUR_MS) + 8;
  const days = Math.floor(hours / 24);
  return ((((days + EPOCH_WEEKDAY) % 7) + 7) % 7) * 24 + (hours - days * 24);
}

/**
 * A table of the 168 week hours, 1 where the window (on `days`, from hour `from` up to `to`) is open.
 * @example weekHourMask(["sat", "sun"], 10, 18)[5 * 24 + 10] // 1 (Saturday 10:00)
 */
export function weekHourMask(days: readonly Weekday[], from: number, to: number): Uint8Array {
  const mask = new Uint8Array(7 * 24);
  WEEKDAYS.forEach((day, d) => {
    if (!days.includes(day)) return;
    for (let hour = from; hour < to; hour++) mask[d * 24 + hour] = 1;
  });
  return mask;
}
