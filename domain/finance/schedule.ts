import { roundHalfUp } from "./exact.ts";

/**
 * Repayment schedules in integer fen. Rates are integer basis points a year (1 bp = 0.01 %), and a
 * month's rate is a twelfth of the annual one: r = bp / 120 000.
 *
 * Rounding rule (the same in every schedule): every amount is computed exactly in rationals and
 * rounded once, half up, to the fen — the regular payment, each month's interest on the balance
 * (balance × r) and, for equal principal or flat rate, the regular principal part. The last period
 * pays whatever principal is left (including any balloon) plus its own interest, so the principal
 * parts always sum exactly to the loan and the rounding residue lands in the last instalment (it
 * differs from the regular payment by at most a fen a month, compounded at the loan's rate).
 * Schedules assume a loan of at least months² fen (the quote asks for ¥1,000 or more).
 */

/** One month of a schedule. `remainingFen` is the principal still owed after this payment. */
export interface ScheduleRow {
  period: number;
  paymentFen: number;
  principalFen: number;
  interestFen: number;
  remainingFen: number;
}

const BP_MONTHS = 120_000n;

const monthInterest = (balanceFen: number, aprBp: number) =>
  Number(roundHalfUp(BigInt(balanceFen) * BigInt(aprBp), BP_MONTHS));

/**
 * The regular monthly payment of an annuity (等额本息): the exact
 * A = (P·qⁿ − B·dⁿ)·bp / (d·(qⁿ − dⁿ)) with d = 120 000 and q = d + bp, rounded half up to the fen;
 * with a balloon B the last month also pays B. At 0 % it is (P − B) / n.
 * @example annuityPaymentFen(10_000_000, 480, 36) // 298_812
 */
export function annuityPaymentFen(principalFen: number, aprBp: number, months: number, balloonFen = 0): number {
  const p = BigInt(principalFen);
  const b = BigInt(balloonFen);
  const n = BigInt(months);
  if (aprBp === 0) return Number(roundHalfUp(p - b, n));
  const d = BP_MONTHS;
  const q = d + BigInt(aprBp);
  const qn = q ** n;
  const dn = d ** n;
  return Number(roundHalfUp((p * qn - b * dn) * BigInt(aprBp), d * (qn - dn)));
}

/**
 * Equal instalments (等额本息): the same payment every month, interest on the falling balance; with a
 * balloon (尾款) the last month also pays the balloon.
 * @example equalInstalmentSchedule(10_000_000, 480, 36)[0] // { period: 1, paymentFen: 298_812, principalFen: 258_812, interestFen: 40_000, remainingFen: 9_741_188 }
 */
export function equalInstalmentSchedule(
  principalFen: number,
  aprBp: number,
  months: number,
  balloonFen = 0,
): ScheduleRow[] {
  const payment = annuityPaymentFen(principalFen, aprBp, months, balloonFen);
  return amortize(principalFen, months, (remaining) => {
    const interestFen = monthInterest(remaining, aprBp);
    return { interestFen, principalFen: payment - interestFen };
  });
}

/**
 * Equal principal (等额本金): the same principal every month plus interest on the falling balance, so
 * payments start high and fall.
 * @example equalPrincipalSchedule(3_600_000, 480, 36)[0] // { period: 1, paymentFen: 114_400, principalFen: 100_000, interestFen: 14_400, remainingFen: 3_500_000 }
 */
export function equalPrincipalSchedule(principalFen: number, aprBp: number, months: number): ScheduleRow[] {
  const part = Number(roundHalfUp(BigInt(principalFen), BigInt(months)));
  return amortize(principalFen, months, (remaining) => ({
    interestFen: monthInterest(remaining, aprBp),
    principalFen: part,
  }));
}

/**
 * A flat-rate loan (费率 / 手续费 quotes): the fee is principal × flat rate × years, charged in equal
 * monthly parts whatever the balance, with equal principal parts. Its true cost is far above the flat
 * rate: see `aprOfSchedule`.
 * @example flatRateSchedule(3_600_000, 300, 36)[0] // { period: 1, paymentFen: 109_000, principalFen: 100_000, interestFen: 9_000, remainingFen: 3_500_000 }
 */
export function flatRateSchedule(principalFen: number, flatBp: number, months: number): ScheduleRow[] {
  const n = BigInt(months);
  const totalFee = roundHalfUp(BigInt(principalFen) * BigInt(flatBp) * n, BP_MONTHS);
  const feePart = Number(roundHalfUp(totalFee, n));
  const part = Number(roundHalfUp(BigInt(principalFen), n));
  let feeLeft = Number(totalFee);
  return amortize(principalFen, months, (_remaining, isLast) => {
    const interestFen = isLast ? feeLeft : feePart;
    feeLeft -= interestFen;
    return { interestFen, principalFen: part };
  });
}

function amortize(
  principalFen: number,
  months: number,
  split: (remainingFen: number, isLast: boolean) => { principalFen: number; interestFen: number },
): ScheduleRow[] {
  const rows: ScheduleRow[] = [];
  let remaining = principalFen;
  for (let period = 1; period <= months; period++) {
    const isLast = period === months;
    const parts = split(remaining, isLast);
    const principal = isLast ? remaining : parts.principalFen;
    remaining -= principal;
    rows.push({
      period,
      paymentFen: principal + parts.interestFen,
      principalFen: principal,
      interestFen: parts.interestFen,
      remainingFen: remaining,
    });
  }
  return rows;
}

/**
 * Total interest (or fee) paid over a schedule.
 * @example totalInterestFen(flatRateSchedule(3_600_000, 300, 36)) // 324_000
 */
export function totalInterestFen(schedule: readonly ScheduleRow[]): number {
  return schedule.reduce((sum, row) => sum + row.interestFen, 0);
}
