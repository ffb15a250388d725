/**
 * Exact arithmetic for money: products and quotients of integer fen are taken in BigInt and rounded
 * once, half up (0.5 fen goes up), so no float ever decides a fen.
 */

/**
 * The non-negative rational `numerator / denominator` rounded half up to an integer.
 * @example roundHalfUp(5n, 2n) // 3n
 * @example roundHalfUp(7n, 3n) // 2n
 */
export function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (numerator < 0n || denominator <= 0n) throw new RangeError("roundHalfUp takes a non-negative fraction");
  return (2n * numerator + denominator) / (2n * denominator);
}

/**
 * `a × b / c` for non-negative safe integers, exact until one half-up rounding at the end.
 * @example mulDivHalfUp(25_990_000, 1_250, 10_000) // 3_248_750
 */
export function mulDivHalfUp(a: number, b: number, c: number): number {
  return Number(roundHalfUp(BigInt(a) * BigInt(b), BigInt(c)));
}
