import type { ScheduleRow } from "./schedule.ts";

const HEADERS = [
  "期数 Period",
  "月供(元) Payment (CNY)",
  "本金(元) Principal (CNY)",
  "利息(元) Interest (CNY)",
  "剩余本金(元) Remaining (CNY)",
];

const yuan = (fen: number) => `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;

/**
 * A schedule as CSV for Excel: UTF-8 with a byte-order mark (so Excel reads the Chinese headers),
 * bilingual headers, CRLF line ends, amounts in yuan with two decimals (exact, from fen).
 * @example scheduleCsv(equalInstalmentSchedule(10_000_000, 480, 36)).split("\r\n")[1] // "1,2988.12,2588.12,400.00,97411.88"
 */
export function scheduleCsv(schedule: readonly ScheduleRow[]): string {
  const lines = schedule.map((row) =>
    [
      String(row.period),
      yuan(row.paymentFen),
      yuan(row.principalFen),
      yuan(row.interestFen),
      yuan(row.remainingFen),
    ].join(","),
  );
  return `\uFEFF${[HEADERS.join(","), ...lines].join("\r\n")}\r\n`;
}
