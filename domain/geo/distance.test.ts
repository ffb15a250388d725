import { describe, expect, it } from "vitest";
import { distanceKm } from "./distance.ts";

describe("distanceKm", () => {
  it("measures Beijing to Shanghai as about 1,070 km", () => {
    expect(distanceKm({ lat: 39.9042, lon: 116.4074 }, { lat: 31.2304, lon: 121.4737 })).toBeCloseTo(1067, -1);
  });

  it("is zero from a point to itself and symmetric", () => {
    const a = { lat: 22.54, lon: 114.06 };
    const b = { lat: 23.13, lon: 113.26 };
    expect(distanceKm(a, a)).toBe(0);
    expect(distanceKm(a, b)).toBeCloseTo(distanceKm(b, a), 9);
  });
});
