import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  annuityPaymentFen,
  equalInstalmentSchedule,
  equalPrincipalSchedule,
  flatRateSchedule,
  type ScheduleRow,
  totalInterestFen,
} from "./schedule.ts";

const loan = fc.integer({ min: 100_000, max: 2_000_000_000 });
const bp = fc.integer({ min: 0, max: 2_400 });
const months = fc.integer({ min: 12, max: 60 });

/**
 * Oracle for the rounded annuity payment M, written as present values rather than the closed form:
 * M is the exact payment rounded half up iff PV(M − ½) ≤ P − PV(balloon) < PV(M + ½), where
 * PV(X)·qⁿ = X · Σₖ dᵏ·qⁿ⁻ᵏ with d = 120 000 and q = d + bp, all in BigInt.
 */
function isRoundedAnnuity(m: number, p: number, rateBp: number, n: number, balloon: number): boolean {
  const d = 120_000n;
  const q = d + BigInt(rateBp);
  let s = 0n;
  for (let k = 1; k <= n; k++) s += d ** BigInt(k) * q ** BigInt(n - k);
  const target = 2n * (BigInt(p) * q ** BigInt(n) - BigInt(balloon) * d ** BigInt(n));
  return (2n * BigInt(m) - 1n) * s <= target && target < (2n * BigInt(m) + 1n) * s;
}

/** How far rounding can move the balance over n months: at most a fen a month, compounded. */
function roundingDrift(rateBp: number, n: number): number {
  const r = rateBp / 120_000;
  return r === 0 ? n : ((1 + r) ** n - 1) / r;
}

function expectConsistent(schedule: ScheduleRow[], principal: number): void {
  expect(schedule.reduce((sum, row) => sum + row.principalFen, 0)).toBe(principal);
  expect(schedule.at(-1)?.remainingFen).toBe(0);
  let remaining = principal;
  for (const row of schedule) {
    remaining -= row.principalFen;
    expect(row.remainingFen).toBe(remaining);
    expect(row.paymentFen).toBe(row.principalFen + row.interestFen);
    expect(row.principalFen).toBeGreaterThanOrEqual(0);
    expect(row.remainingFen).toBeGreaterThanOrEqual(0);
  }
}

describe("annuityPaymentFen", () => {
  it("pays ¥2,988.12 a month on ¥100,000 at 4.8 % over 36 months", () => {
    expect(annuityPaymentFen(10_000_000, 480, 36)).toBe(298_812);
  });

  it("splits a 0 % loan evenly, rounded half up", () => {
    expect(annuityPaymentFen(10_000_000, 0, 36)).toBe(277_778);
    expect(annuityPaymentFen(10_000_000, 0, 36, 4_000_000)).toBe(166_667);
  });

  it("matches the annuity formula to the fen, checked in exact rationals", () => {
    fc.assert(
      fc.property(loan, bp, months, fc.integer({ min: 0, max: 100 }), (p, rate, n, balloonPercent) => {
        const balloon = Math.floor((p * balloonPercent) / 100);
        return isRoundedAnnuity(annuityPaymentFen(p, rate, n, balloon), p, rate, n, balloon);
      }),
    );
  });
});

describe("equalInstalmentSchedule", () => {
  it("pays the principal back exactly, the last month absorbing the rounding (at most a fen a month, compounded)", () => {
    fc.assert(
      fc.property(loan, bp, months, (p, rate, n) => {
        const schedule = equalInstalmentSchedule(p, rate, n);
        expectConsistent(schedule, p);
        const regular = annuityPaymentFen(p, rate, n);
        expect(schedule.slice(0, -1).every((row) => row.paymentFen === regular)).toBe(true);
        expect(Math.abs((schedule.at(-1)?.paymentFen ?? 0) - regular)).toBeLessThanOrEqual(roundingDrift(rate, n));
      }),
    );
  });

  it("leaves the balloon owed until the last month, which pays it", () => {
    fc.assert(
      fc.property(loan, bp, months, fc.integer({ min: 1, max: 100 }), (p, rate, n, balloonPercent) => {
        const balloon = Math.floor((p * balloonPercent) / 100);
        const schedule = equalInstalmentSchedule(p, rate, n, balloon);
        expectConsistent(schedule, p);
        expect(schedule.at(-2)?.remainingFen ?? p).toBeGreaterThanOrEqual(balloon - roundingDrift(rate, n));
        expect(schedule.at(-1)?.principalFen).toBeGreaterThanOrEqual(balloon - roundingDrift(rate, n));
      }),
    );
  });

  it("charges each month's interest on the balance at a twelfth of the annual rate", () => {
    const [first, second] = equalInstalmentSchedule(10_000_000, 480, 36);
    expect(first).toEqual({
      period: 1,
      paymentFen: 298_812,
      principalFen: 258_812,
      interestFen: 40_000,
      remainingFen: 9_741_188,
    });
    expect(second?.interestFen).toBe(38_965);
  });
});

describe("equalPrincipalSchedule", () => {
  it("repays the same principal each month and its interest never rises", () => {
    fc.assert(
      fc.property(loan, bp, months, (p, rate, n) => {
        const schedule = equalPrincipalSchedule(p, rate, n);
        expectConsistent(schedule, p);
        for (let i = 1; i < schedule.length; i++) {
          expect(schedule[i]?.interestFen).toBeLessThanOrEqual(schedule[i - 1]?.interestFen ?? 0);
        }
        if (rate > 0 && p >= 1_000_000) {
          expect(schedule.at(-1)?.interestFen).toBeLessThan(schedule[0]?.interestFen ?? 0);
        }
      }),
    );
  });

  it("costs less interest than equal instalments at the same rate", () => {
    fc.assert(
      fc.property(loan, fc.integer({ min: 100, max: 2_400 }), months, (p, rate, n) => {
        return (
          totalInterestFen(equalPrincipalSchedule(p, rate, n)) <= totalInterestFen(equalInstalmentSchedule(p, rate, n))
        );
      }),
    );
  });
});

describe("flatRateSchedule", () => {
  it("charges the flat rate on the whole loan for the whole term", () => {
    const schedule = flatRateSchedule(3_600_000, 300, 36);
    expect(totalInterestFen(schedule)).toBe(324_000);
    expect(new Set(schedule.map((row) => row.paymentFen))).toEqual(new Set([109_000]));
  });

  it("pays back principal and fee exactly", () => {
    fc.assert(
      fc.property(loan, bp, months, (p, rate, n) => {
        const schedule = flatRateSchedule(p, rate, n);
        expectConsistent(schedule, p);
        const fee = Number((2n * BigInt(p) * BigInt(rate) * BigInt(n) + 120_000n) / 240_000n);
        expect(totalInterestFen(schedule)).toBe(fee);
      }),
    );
  });
});
