import { describe, expect, it } from "vitest";
import { describeDetail, label, OUTCOME_LABELS, RULE_LABELS } from "./labels.ts";

describe("risk event labels", () => {
  it("names rules and outcomes in both languages, and unknown values as they are", () => {
    expect(label(RULE_LABELS, "many-accounts", "zh")).toBe("一机多号");
    expect(label(OUTCOME_LABELS, "block", "en")).toBe("Blocked");
    expect(label(RULE_LABELS, "future-rule", "en")).toBe("future-rule");
  });

  it("tells what a rule counted", () => {
    expect(describeDetail({ from: "北京市", to: "乌鲁木齐市", km: 2412, kmh: -1 }, "en")).toBe(
      "北京市 → 乌鲁木齐市, 2412 km at ∞ km/h",
    );
    expect(describeDetail({ accounts: 6, windowMs: 86_400_000, retryAfterMs: 60_000 }, "zh")).toBe(
      "24 小时内 6 个账户 · 1 分钟后解除",
    );
    expect(describeDetail({ count: 3, windowMs: 1_800_000 }, "en")).toBe("3 times in 30 min");
    expect(describeDetail({}, "zh")).toBe("—");
  });
});
