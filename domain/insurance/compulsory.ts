/**
 * 交强险 (compulsory traffic accident liability insurance): its base premium is set by the state
 * (《机动车交通事故责任强制保险基础费率表》, 2008, unchanged by the 2020 reform) by usage and seats,
 * then moved by a factor for the driving record. The store sells passenger cars (乘用车, at most
 * 9 seats), so only the bands under 10 seats are listed. The record factors are the 2007 national
 * baseline (0.7–1.3); since the 2020 reform (车险综合改革) each region uses one of five schemes whose
 * discounts reach 0.5, so the factor here is illustrative.
 */
import type { Label } from "../finance/types.ts";

/** 家庭自用 family use, 企业非营业 company car (non-commercial), 出租租赁 taxi or rental (commercial). */
export const USAGES = ["family", "enterprise", "taxi"] as const;
export type Usage = (typeof USAGES)[number];

export const USAGE_LABELS: Record<Usage, Label> = {
  family: { zh: "家庭自用", en: "Family use" },
  enterprise: { zh: "企业非营业", en: "Company car (non-commercial)" },
  taxi: { zh: "出租、租赁（营业）", en: "Taxi or rental (commercial)" },
};

/** Passenger cars: 2 to 9 seats. */
export const MIN_SEATS = 2;
export const MAX_SEATS = 9;

/** Base premium in fen for under 6 seats and for 6 to 9 seats (the 6–10 seat band). */
const BASE_PREMIUM_FEN: Record<Usage, { underSix: number; sixToNine: number }> = {
  family: { underSix: 95_000, sixToNine: 110_000 },
  enterprise: { underSix: 100_000, sixToNine: 113_000 },
  taxi: { underSix: 180_000, sixToNine: 236_000 },
};

/**
 * The statutory base premium of 交强险, in fen.
 * @example compulsoryBasePremiumFen("family", 5) // 95_000 (¥950)
 * @example compulsoryBasePremiumFen("family", 7) // 110_000 (¥1,100)
 */
export function compulsoryBasePremiumFen(usage: Usage, seats: number): number {
  const band = BASE_PREMIUM_FEN[usage];
  return seats < 6 ? band.underSix : band.sixToNine;
}

/** The driving record of the last years, as both 交强险 and commercial cover price it. */
export const DRIVING_RECORDS = [
  "new",
  "claim-free-1",
  "claim-free-2",
  "claim-free-3",
  "one-claim",
  "multiple-claims",
  "fatal",
] as const;
export type DrivingRecord = (typeof DRIVING_RECORDS)[number];

export const DRIVING_RECORD_LABELS: Record<DrivingRecord, Label> = {
  new: { zh: "新车首年", en: "New car, first year" },
  "claim-free-1": { zh: "上一年未出险", en: "No claim last year" },
  "claim-free-2": { zh: "连续两年未出险", en: "No claim for two years" },
  "claim-free-3": { zh: "连续三年及以上未出险", en: "No claim for three years or more" },
  "one-claim": { zh: "上一年出险一次", en: "One claim last year" },
  "multiple-claims": { zh: "上一年出险两次及以上", en: "Two or more claims last year" },
  fatal: { zh: "上一年有涉及死亡的有责事故", en: "An at-fault accident with a death last year" },
};

/** 交强险 record factors in per mille (1000 = ×1.0), the 2007 national baseline. */
const COMPULSORY_RECORD_PERMILLE: Record<DrivingRecord, number> = {
  new: 1000,
  "claim-free-1": 900,
  "claim-free-2": 800,
  "claim-free-3": 700,
  "one-claim": 1000,
  "multiple-claims": 1100,
  fatal: 1300,
};

/**
 * The no-claim adjustment (费率浮动系数) of 交强险 for a record, in per mille.
 * @example compulsoryRecordPermille("claim-free-3") // 700 (30 % off)
 */
export function compulsoryRecordPermille(record: DrivingRecord): number {
  return COMPULSORY_RECORD_PERMILLE[record];
}
