/**
 * Formatting shared by the dealer page (server) and the booking script (browser): times in
 * Asia/Shanghai, the bookable dates, and the shopper's half of a bilingual API message.
 */
import type { OpeningHours, Weekday } from "../../domain/catalog/types.ts";
import type { Lang } from "../../domain/money.ts";
import { shanghaiDate, shanghaiWeekday } from "../../domain/time.ts";

const ZONE = "Asia/Shanghai";
const DAY_MS = 86_400_000;
const locale = (lang: Lang) => (lang === "en" ? "en-GB" : "zh-CN");

/**
 * The clock time of an instant in Asia/Shanghai.
 * @example slotTime("2026-11-30T02:30:00.000Z") // "10:30"
 */
export function slotTime(iso: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone: ZONE,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(iso));
}

/**
 * The day of an instant (or of a YYYY-MM-DD date) in Asia/Shanghai, with its weekday.
 * @example dayLabel("2026-11-30", "zh") // "11月30日周一"
 * @example dayLabel("2026-11-30", "en") // "Mon 30 Nov"
 */
export function dayLabel(dateOrIso: string, lang: Lang): string {
  const at = dateOrIso.length === 10 ? `${dateOrIso}T12:00:00+08:00` : dateOrIso;
  return new Intl.DateTimeFormat(locale(lang), {
    timeZone: ZONE,
    weekday: "short",
    month: "short",
    day: "numeric",
  }).format(new Date(at));
}

/**
 * The Asia/Shanghai dates from today on, `days` of them, each with its weekday and whether the dealer opens.
 * @example bookingDates({ mon: { open: "09:00", close: "18:00" } }, 2, Date.parse("2026-11-30T10:00:00+08:00"))
 * // [{ date: "2026-11-30", weekday: "mon", open: true }, { date: "2026-12-01", weekday: "tue", open: false }]
 */
export function bookingDates(
  hours: OpeningHours,
  days: number,
  now: number,
): { date: string; weekday: Weekday; open: boolean }[] {
  return Array.from({ length: days }, (_, i) => {
    const at = now + i * DAY_MS;
    const weekday = shanghaiWeekday(at);
    return { date: shanghaiDate(at), weekday, open: hours[weekday] !== undefined };
  });
}

/**
 * The reader's half of an API message written "中文 / English".
 * @example inLang("请填写姓名 / Enter your name", "en") // "Enter your name"
 */
export function inLang(message: string, lang: Lang): string {
  const split = message.indexOf(" / ");
  if (split < 0) return message;
  return lang === "en" ? message.slice(split + 3) : message.slice(0, split);
}
