/**
 * True annual percentage rate from cash flows. China's central bank (中国人民银行公告〔2021〕第3号)
 * requires loans to show an annualised rate computed from the actual cash flows; we use the monthly
 * internal rate of return × 12 (the simple-interest form the notice allows), as a fraction: 0.0537 = 5.37 %.
 */

/**
 * The monthly rate i at which the payments (one a month, the first a month after the loan is paid
 * out) are worth exactly the amount lent: Σ paymentₖ·xᵏ = amount with x = 1 / (1 + i). That sum is
 * a polynomial rising in x from 0, so its one positive root is found by Newton's method kept inside a
 * bisection bracket, which converges for any loan with non-negative payments.
 * @example monthlyIrr(100, [110]) // 0.1 (to within 1e-12)
 */
export function monthlyIrr(amountFen: number, paymentsFen: readonly number[]): number {
  if (!(amountFen > 0) || paymentsFen.some((p) => p < 0) || !paymentsFen.some((p) => p > 0)) {
    throw new RangeError("monthlyIrr needs a positive amount and non-negative payments, one of them positive");
  }
  const excessAndSlope = (x: number): [number, number] => {
    let value = 0;
    let slope = 0;
    for (let k = paymentsFen.length - 1; k >= 0; k--) {
      slope = slope * x + value;
      value = value * x + (paymentsFen[k] ?? 0);
    }
    return [value * x - amountFen, slope * x + value];
  };

  if (excessAndSlope(1)[0] === 0) return 0;
  let low = 0;
  let high = 1;
  while (excessAndSlope(high)[0] < 0) {
    low = high;
    high *= 2;
  }
  let x = (low + high) / 2;
  for (let step = 0; step < 200 && high - low > 1e-15 * high; step++) {
    const [value, slope] = excessAndSlope(x);
    if (value === 0) break;
    if (value < 0) low = x;
    else high = x;
    const newton = x - value / slope;
    x = newton > low && newton < high ? newton : (low + high) / 2;
  }
  return 1 / x - 1;
}

/**
 * The APR (monthly IRR × 12) of a loan of `amountFen` repaid by `paymentsFen`, one a month.
 * @example annualRate(3_600_000, Array(36).fill(109_000)) // ≈ 0.0568: a 3 % flat rate over 3 years costs 5.68 % a year
 */
export function annualRate(amountFen: number, paymentsFen: readonly number[]): number {
  return 12 * monthlyIrr(amountFen, paymentsFen);
}
