import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { calendar, escapeText, foldLine, formatUtc } from "./ics.ts";

const octets = (text: string) => new TextEncoder().encode(text).length;
/** Reads content lines back the way a calendar client does: unfold, then split name and value. */
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, "").split("\r\n");
const unescapeText = (value: string) => value.replace(/\\([\\;,nN])/g, (_, c: string) => (/n/i.test(c) ? "\n" : c));
const property = (ics: string, name: string) =>
  unfold(ics)
    .find((line) => line.startsWith(`${name}:`))
    ?.slice(name.length + 1);

const event = {
  uid: "td_01@marque.dev",
  stamp: "2026-11-28T02:00:00Z",
  start: "2026-11-30T10:30:00+08:00",
  end: "2026-11-30T11:15:00+08:00",
  summary: "试驾 星驰 S7 长续航版",
  description: "请携带驾驶证原件。门店：深圳南山, 科技园; 预约号 td_01\n到店请出示短信",
  location: "星驰深圳南山城市展厅, 深圳市南山区科技园路8号",
  alarmMinutesBefore: 120,
};

describe("RFC 5545 text values", () => {
  it("escapes backslash, semicolon, comma and newlines", () => {
    expect(escapeText("a\\b;c,d\ne\r\nf")).toBe("a\\\\b\\;c\\,d\\ne\\nf");
  });

  it("escapes so that unescaping gives the text back", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (text) => {
        expect(unescapeText(escapeText(text))).toBe(text.replace(/\r\n|\r/g, "\n"));
      }),
    );
  });
});

describe("line folding", () => {
  it("leaves a line of 75 octets alone and folds one of 76", () => {
    expect(foldLine("x".repeat(75))).toBe("x".repeat(75));
    expect(foldLine("x".repeat(76))).toBe(`${"x".repeat(75)}\r\n x`);
  });

  it("counts octets, not characters: Chinese text folds after 25 characters of 3 bytes", () => {
    const folded = foldLine("试".repeat(30));
    const [first, second] = folded.split("\r\n");
    expect(first).toBe("试".repeat(25));
    expect(second).toBe(` ${"试".repeat(5)}`);
  });

  it("never splits a UTF-8 character, keeps every line within 75 octets and unfolds to the original", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), (text) => {
        const line = `DESCRIPTION:${text}`.replace(/[\r\n]/g, "");
        const folded = foldLine(line);
        for (const part of folded.split("\r\n")) expect(octets(part)).toBeLessThanOrEqual(75);
        expect(folded.replace(/\r\n /g, "")).toBe(line);
      }),
    );
  });
});

describe("calendar file", () => {
  const ics = calendar(event);

  it("is a VCALENDAR with one VEVENT and a display reminder, every line ending in CRLF", () => {
    expect(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")).toBe(true);
    expect(ics.endsWith("END:VEVENT\r\nEND:VCALENDAR\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    expect(unfold(ics)).toEqual(
      expect.arrayContaining(["BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-PT120M", "END:VALARM"]),
    );
  });

  it("writes times in UTC", () => {
    expect(property(ics, "DTSTART")).toBe("20261130T023000Z");
    expect(property(ics, "DTEND")).toBe("20261130T031500Z");
    expect(property(ics, "DTSTAMP")).toBe("20261128T020000Z");
    expect(formatUtc(Date.UTC(2026, 0, 2, 3, 4, 5, 678))).toBe("20260102T030405Z");
  });

  it("gives the Chinese summary, location and description back after unfolding and unescaping", () => {
    expect(property(ics, "UID")).toBe(event.uid);
    expect(unescapeText(property(ics, "SUMMARY") ?? "")).toBe(event.summary);
    expect(unescapeText(property(ics, "LOCATION") ?? "")).toBe(event.location);
    expect(unescapeText(property(ics, "DESCRIPTION") ?? "")).toBe(event.description);
    for (const line of ics.split("\r\n")) expect(octets(line)).toBeLessThanOrEqual(75);
  });

  it("marks a cancelled booking so calendars that imported it drop it", () => {
    const cancelled = calendar({ ...event, status: "CANCELLED", sequence: 2 });
    expect(property(cancelled, "STATUS")).toBe("CANCELLED");
    expect(property(cancelled, "SEQUENCE")).toBe("2");
  });

  it("refuses a time that is not an instant", () => {
    expect(() => calendar({ ...event, start: "soon" })).toThrow(/instant/);
  });
});
