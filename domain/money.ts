/** Money is integer fen (分) everywhere; these helpers only format it for people. */

export type Lang = "zh" | "en";

/**
 * A car price as Chinese shoppers read it (万 = 10,000 yuan, two decimals), or in plain yuan in English.
 * @example formatCarPrice(25_990_000, "zh") // "25.99万"
 * @example formatCarPrice(25_990_000, "en") // "¥259,900"
 */
export function formatCarPrice(fen: number, lang: Lang): string {
  assertFen(fen);
  if (lang === "en") return formatYuan(fen, "en");
  const wan = fen / 1_000_000;
  return `${wan.toFixed(2)}万`;
}

/**
 * Whole yuan with grouping; fen shown only when there are any.
 * @example formatYuan(600_000, "zh") // "¥6,000"
 * @example formatYuan(12_345, "en") // "¥123.45"
 */
export function formatYuan(fen: number, lang: Lang): string {
  assertFen(fen);
  const hasFen = fen % 100 !== 0;
  return new Intl.NumberFormat(lang === "zh" ? "zh-CN" : "en-US", {
    style: "currency",
    currency: "CNY",
    currencyDisplay: "narrowSymbol",
    minimumFractionDigits: hasFen ? 2 : 0,
    maximumFractionDigits: hasFen ? 2 : 0,
  }).format(fen / 100);
}

function assertFen(fen: number): void {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`money must be integer fen, got ${fen}`);
}
