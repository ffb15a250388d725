/**
 * A minimal RFC 5545 calendar writer for one event with a reminder: CRLF line endings, content
 * lines folded at 75 octets without splitting a UTF-8 character, TEXT values escaped, times in UTC.
 */

/** One calendar event; times are instants (ms or ISO-8601) and are written in UTC. */
export type CalendarEvent = {
  /** Globally unique and stable: a re-download of the same booking updates the same event. */
  uid: string;
  /** When this version of the event was written (DTSTAMP). */
  stamp: number | string;
  start: number | string;
  end: number | string;
  summary: string;
  description?: string;
  location?: string;
  /** Incremented on every change (reschedule, cancel) so calendars replace their copy. */
  sequence?: number;
  status?: "CONFIRMED" | "CANCELLED";
  /** Minutes before the start at which the calendar shows a reminder. */
  alarmMinutesBefore?: number;
};

const CRLF = "\r\n";
const MAX_OCTETS = 75;
const encoder = new TextEncoder();

/**
 * Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines.
 * @example escapeText("门店; 1号, 2楼\n前台") // "门店\\; 1号\\, 2楼\\n前台"
 */
export function escapeText(value: string): string {
  return value.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, "\\n");
}

/**
 * Folds a content line into lines of at most 75 octets (CRLF + one space before each continuation),
 * never splitting a UTF-8 character.
 * @example foldLine(`SUMMARY:${"试".repeat(30)}`).split("\r\n").length // 2
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    const limit = parts.length === 0 ? MAX_OCTETS : MAX_OCTETS - 1;
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

/**
 * An instant as an RFC 5545 UTC DATE-TIME.
 * @example formatUtc("2026-11-30T10:00:00+08:00") // "20261130T020000Z"
 */
export function formatUtc(instant: number | string): string {
  const ms = typeof instant === "number" ? instant : Date.parse(instant);
  if (Number.isNaN(ms)) throw new Error(`Not an instant: ${instant}`);
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/**
 * A complete VCALENDAR with one VEVENT (and a VALARM if asked), ready to serve as text/calendar.
 * @example
 * calendar({ uid: "td_1@marque.dev", stamp: Date.now(), start: "2026-11-30T02:00:00Z",
 *   end: "2026-11-30T02:45:00Z", summary: "试驾 星驰 S7", alarmMinutesBefore: 120 })
 * // "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n…END:VCALENDAR\r\n"
 */
export function calendar(event: CalendarEvent): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Marque//Test drive//ZH",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "BEGIN:VEVENT",
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${formatUtc(event.stamp)}`,
    `DTSTART:${formatUtc(event.start)}`,
    `DTEND:${formatUtc(event.end)}`,
    `SEQUENCE:${event.sequence ?? 0}`,
    `STATUS:${event.status ?? "CONFIRMED"}`,
    `SUMMARY:${escapeText(event.summary)}`,
    ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
    ...(event.location ? [`LOCATION:${escapeText(event.location)}`] : []),
    ...(event.alarmMinutesBefore !== undefined
      ? [
          "BEGIN:VALARM",
          "ACTION:DISPLAY",
          `DESCRIPTION:${escapeText(event.summary)}`,
          `TRIGGER:-PT${event.alarmMinutesBefore}M`,
          "END:VALARM",
        ]
      : []),
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}
