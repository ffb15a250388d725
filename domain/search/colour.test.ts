import { describe, expect, it } from "vitest";
import { colourFamily } from "./colour.ts";

describe("colourFamily", () => {
  it.each([
    ["#F4F5F7", "white"],
    ["#E9E2D0", "white"],
    ["#111317", "black"],
    ["#6E6F72", "grey"],
    ["#B8BCC2", "silver"],
    ["#1F3A93", "blue"],
    ["#1A2340", "blue"],
    ["#5E1A24", "red"],
    ["#A8222B", "red"],
    ["#2E6F5E", "green"],
    ["#4F5B3E", "green"],
    ["#C9A76B", "yellow"],
    ["#D8C3A0", "yellow"],
    ["#C2562B", "orange"],
    ["#7A4A2A", "brown"],
    ["#8B6B4A", "brown"],
    ["#5B2A86", "purple"],
  ])("files %s under %s", (hex, family) => {
    expect(colourFamily(hex)).toBe(family);
  });

  it("refuses what is not a hex colour", () => {
    expect(() => colourFamily("red")).toThrow(RangeError);
  });
});
