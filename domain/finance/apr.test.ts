import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { annualRate, monthlyIrr } from "./apr.ts";
import { equalInstalmentSchedule, equalPrincipalSchedule, flatRateSchedule } from "./schedule.ts";

const paymentsOf = (schedule: { paymentFen: number }[]) => schedule.map((row) => row.paymentFen);

describe("monthlyIrr", () => {
  it("finds the rate of a one-month loan, a free loan and a loan repaid short", () => {
    expect(monthlyIrr(100, [110])).toBeCloseTo(0.1, 12);
    expect(monthlyIrr(100, [50, 50])).toBe(0);
    expect(monthlyIrr(100, [50, 40])).toBeCloseTo(-0.0699264745632278, 12);
  });

  it("values the payments of any loan that repays at least half of it at exactly the amount lent", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000_000 }),
        fc.array(fc.integer({ min: 0, max: 100_000_000 }), { minLength: 1, maxLength: 72 }),
        (amount, payments) => {
          fc.pre(payments.reduce((sum, p) => sum + p, 0) >= amount / 2);
          const rate = monthlyIrr(amount, payments);
          const value = payments.reduce((sum, p, k) => sum + p / (1 + rate) ** (k + 1), 0);
          expect(Math.abs(value - amount) / amount).toBeLessThan(1e-9);
        },
      ),
    );
  });

  it("refuses cash flows that have no rate", () => {
    expect(() => monthlyIrr(100, [0, 0])).toThrow(RangeError);
    expect(() => monthlyIrr(0, [10])).toThrow(RangeError);
  });
});

describe("annualRate", () => {
  const loan = fc.integer({ min: 1_000_000, max: 2_000_000_000 });
  const months = fc.integer({ min: 12, max: 60 });

  it("recovers the APR a schedule was built from, within a fraction of a basis point", () => {
    fc.assert(
      fc.property(loan, fc.integer({ min: 0, max: 2_400 }), months, fc.boolean(), (p, bp, n, equalPrincipal) => {
        const schedule = equalPrincipal ? equalPrincipalSchedule(p, bp, n) : equalInstalmentSchedule(p, bp, n);
        expect(Math.abs(annualRate(p, paymentsOf(schedule)) - bp / 10_000)).toBeLessThan(0.2 / 10_000);
      }),
    );
  });

  it("shows a 3 % flat rate over 36 months as a 5.68 % APR", () => {
    expect(annualRate(3_600_000, paymentsOf(flatRateSchedule(3_600_000, 300, 36)))).toBeCloseTo(0.056814, 6);
  });

  it("puts every flat rate's true APR above the flat rate and below twice it", () => {
    fc.assert(
      fc.property(loan, fc.integer({ min: 50, max: 1_200 }), months, (p, flatBp, n) => {
        const apr = annualRate(p, paymentsOf(flatRateSchedule(p, flatBp, n)));
        expect(apr).toBeGreaterThan(flatBp / 10_000);
        expect(apr).toBeLessThan((2 * flatBp) / 10_000);
      }),
    );
  });
});
