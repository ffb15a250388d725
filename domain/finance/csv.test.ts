import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scheduleCsv } from "./csv.ts";
import { equalInstalmentSchedule } from "./schedule.ts";

describe("scheduleCsv", () => {
  const csv = scheduleCsv(equalInstalmentSchedule(10_000_000, 480, 36));
  const lines = csv.split("\r\n");

  it("starts with a byte-order mark and bilingual headers so Excel shows the Chinese", () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(lines[0]).toBe(
      "\uFEFF期数 Period,月供(元) Payment (CNY),本金(元) Principal (CNY),利息(元) Interest (CNY),剩余本金(元) Remaining (CNY)",
    );
  });

  it("has one line per month with amounts in yuan to the fen", () => {
    expect(lines).toHaveLength(38);
    expect(lines[1]).toBe("1,2988.12,2588.12,400.00,97411.88");
    expect(lines[36]).toMatch(/^36,[\d.]+,[\d.]+,[\d.]+,0\.00$/);
    expect(lines[37]).toBe("");
  });

  it("keeps every fen: the principal column sums to the loan", () => {
    fc.assert(
      fc.property(fc.integer({ min: 100_000, max: 1_000_000_000 }), fc.integer({ min: 0, max: 2_000 }), (p, bp) => {
        const rows = scheduleCsv(equalInstalmentSchedule(p, bp, 24))
          .split("\r\n")
          .slice(1, -1);
        const principal = rows.reduce((sum, line) => sum + Math.round(Number(line.split(",")[2]) * 100), 0);
        expect(principal).toBe(p);
      }),
    );
  });
});
