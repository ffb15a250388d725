import { describe, expect, it } from "vitest";
import { maskPhone, toE164 } from "./phone.ts";

describe("mainland mobile numbers", () => {
  it.each([
    "13800138000",
    "138 0013 8000",
    "138-0013-8000",
    "+86 138 0013 8000",
    "+86-13800138000",
    "008613800138000",
    "8613800138000",
    "(+86) 13800138000",
  ])("normalises %s to E.164", (typed) => {
    expect(toE164(typed)).toBe("+8613800138000");
  });

  it.each(["010-12345678", "12800138000", "1380013800", "138001380001", "+1 415 555 0100", "138OO138000", ""])(
    "rejects %s, which is not a mainland mobile number",
    (typed) => {
      expect(toE164(typed)).toBeUndefined();
    },
  );

  it("masks all but the first three and last four digits", () => {
    expect(maskPhone("+8613800138000")).toBe("138****8000");
  });
});
