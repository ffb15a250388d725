import { describe, expect, it } from "vitest";
import { returnPath, sessionExpiry, steppedUpWithin } from "./session.ts";

describe("sessions", () => {
  it("last 30 days", () => {
    expect(sessionExpiry(Date.parse("2026-11-01T00:00:00Z"))).toBe("2026-12-01T00:00:00.000Z");
  });

  it("count a step-up as fresh for the given minutes only", () => {
    const now = Date.parse("2026-11-28T10:05:00Z");
    expect(steppedUpWithin("2026-11-28T10:00:00Z", 5, now)).toBe(true);
    expect(steppedUpWithin("2026-11-28T09:59:59Z", 5, now)).toBe(false);
    expect(steppedUpWithin(null, 5, now)).toBe(false);
    expect(steppedUpWithin("2026-11-28T10:06:00Z", 5, now)).toBe(false);
  });

  it("return only to paths of this site after signing in", () => {
    expect(returnPath("/models/s7?lang=en")).toBe("/models/s7?lang=en");
    expect(returnPath("https://evil.example/")).toBe("/");
    expect(returnPath("//evil.example/")).toBe("/");
    expect(returnPath("/\\evil.example")).toBe("/");
    expect(returnPath(null)).toBe("/");
  });
});
