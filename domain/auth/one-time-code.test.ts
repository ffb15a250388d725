import { describe, expect, it } from "vitest";
import { CODE_POLICY, codeInMessage, codeMessage, codeStatus, newCode, wrongCodeMessage } from "./one-time-code.ts";

const at = (iso: string) => Date.parse(iso);
const live = { expiresAt: "2026-11-28T10:05:00.000Z", attempts: 0, consumedAt: null };

describe("one-time codes", () => {
  it("are six digits, leading zeros kept", () => {
    expect(newCode((bytes) => bytes.fill(42))).toBe("000042");
    for (let i = 0; i < 200; i++) expect(newCode()).toMatch(/^\d{6}$/);
  });

  it("draw again rather than favour low codes when the random number falls in the biased top range", () => {
    const draws = [4_294_967_295, 7];
    expect(newCode((bytes) => bytes.fill(draws.shift() ?? 0))).toBe("000007");
  });

  it("are live until they expire, are used, or have had five guesses", () => {
    expect(codeStatus(live, at("2026-11-28T10:04:59Z"))).toBe("live");
    expect(codeStatus(live, at("2026-11-28T10:05:00Z"))).toBe("expired");
    expect(codeStatus({ ...live, attempts: CODE_POLICY.maxAttempts - 1 }, at("2026-11-28T10:01:00Z"))).toBe("live");
    expect(codeStatus({ ...live, attempts: CODE_POLICY.maxAttempts }, at("2026-11-28T10:01:00Z"))).toBe("locked");
    expect(codeStatus({ ...live, consumedAt: "2026-11-28T10:01:00Z" }, at("2026-11-28T10:02:00Z"))).toBe("used");
    expect(codeStatus(undefined, at("2026-11-28T10:01:00Z"))).toBe("missing");
  });

  it("tell how many tries are left, then to ask for a new code", () => {
    expect(wrongCodeMessage(1)).toBe("验证码不正确，还可尝试 1 次 / Wrong code; 1 try left");
    expect(wrongCodeMessage(0)).toMatch(/请重新获取 \/ Too many wrong codes/);
  });

  it("travel in a message that says what they are for and how long they last", () => {
    expect(codeMessage("048213", "login")).toContain("验证码 048213，5 分钟内有效，用于登录");
    expect(codeMessage("048213", "step-up")).toContain("to confirm: 048213");
    expect(codeInMessage(codeMessage("048213", "step-up"))).toBe("048213");
    expect(codeInMessage("你的订单已发货")).toBeUndefined();
  });
});
