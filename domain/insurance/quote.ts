import { POWERTRAINS, type Powertrain } from "../catalog/types.ts";
import { mulDivHalfUp } from "../finance/exact.ts";
import type { Label } from "../finance/types.ts";
import { CITIES } from "../geo/cities.ts";
import type { CityTier } from "../geo/city-tier.ts";
import {
  COMMERCIAL_LINE_LABELS,
  type CommercialLine,
  commercialPremiums,
  isNewEnergy,
  type PolicyWording,
  policyWording,
  THIRD_PARTY_LEVELS,
  type ThirdPartyLevel,
} from "./commercial.ts";
import {
  compulsoryBasePremiumFen,
  compulsoryRecordPermille,
  DRIVING_RECORDS,
  type DrivingRecord,
  MAX_SEATS,
  MIN_SEATS,
  USAGES,
  type Usage,
} from "./compulsory.ts";

/** What a shopper asks cover for. */
export interface InsuranceRequest {
  /** New-car purchase price (新车购置价), fen. */
  priceFen: number;
  seats: number;
  usage: Usage;
  /** GB/T 2260 code of the city the car is registered in, e.g. "440300". */
  cityCode: string;
  powertrain: Powertrain;
  thirdPartyLevel: ThirdPartyLevel;
  /** 座位险 sum insured per seat, fen; 0 for none. */
  seatCoverFen: number;
  record: DrivingRecord;
}

export interface PremiumLine {
  line: "compulsory" | CommercialLine;
  name: Label;
  coverFen: number | null;
  premiumFen: number;
}

export interface InsuranceQuote {
  city: { code: string; name: string; tier: CityTier };
  newEnergy: boolean;
  lines: PremiumLine[];
  compulsoryFen: number;
  commercialFen: number;
  totalFen: number;
  wording: PolicyWording;
  /** Says plainly that the tariffs are illustrative. */
  disclaimer: Label;
}

export type InsuranceErrorCode = "invalid-amount" | "seats-out-of-range" | "unknown-city" | "invalid-choice";

/** A user mistake, with the request field it is about and a bilingual message. */
export interface InsuranceIssue {
  code: InsuranceErrorCode;
  field: keyof InsuranceRequest;
  message: string;
}

export type InsuranceResult = { ok: true; quote: InsuranceQuote } | { ok: false; errors: InsuranceIssue[] };

const DISCLAIMER: Label = {
  zh: "示意报价：交强险基础保费为法定标准，商业险费率为演示用示意值，实际以保险公司核保报价为准；不含车船税。",
  en: "Illustrative quote: the compulsory base premium is statutory, commercial rates are demo values; the insurer's underwritten quote prevails. Vehicle and vessel tax not included.",
};

const COMPULSORY_NAME: Label = { zh: "机动车交通事故责任强制保险（交强险）", en: "Compulsory traffic insurance" };
const MAX_PRICE_FEN = 10_000_000_000;

/**
 * A first-year insurance quote: 交强险 at the statutory base moved by the record factor, plus the
 * commercial lines for the city's region; every line rounded half up to the fen.
 * @example quoteInsurance({ priceFen: 20_000_000, seats: 5, usage: "family", cityCode: "440300", powertrain: "BEV", thirdPartyLevel: 200, seatCoverFen: 1_000_000, record: "new" })
 * // { ok: true, quote: { compulsoryFen: 95_000, commercialFen: 519_640, totalFen: 614_640, … } }
 */
export function quoteInsurance(request: InsuranceRequest): InsuranceResult {
  const errors = checkRequest(request);
  const city = CITIES.find((c) => c.code === request.cityCode);
  if (!city) {
    errors.push({ code: "unknown-city", field: "cityCode", message: "没有这个城市代码 / Unknown city code" });
  }
  if (errors.length > 0 || !city) return { ok: false, errors };

  const compulsoryFen = mulDivHalfUp(
    compulsoryBasePremiumFen(request.usage, request.seats),
    compulsoryRecordPermille(request.record),
    1000,
  );
  const commercial = commercialPremiums({ ...request, cityTier: city.tier });
  const commercialFen = commercial.reduce((sum, line) => sum + line.premiumFen, 0);
  return {
    ok: true,
    quote: {
      city: { code: city.code, name: city.name, tier: city.tier },
      newEnergy: isNewEnergy(request.powertrain),
      lines: [
        { line: "compulsory", name: COMPULSORY_NAME, coverFen: null, premiumFen: compulsoryFen },
        ...commercial.map((line) => ({ ...line, name: COMMERCIAL_LINE_LABELS[line.line] })),
      ],
      compulsoryFen,
      commercialFen,
      totalFen: compulsoryFen + commercialFen,
      wording: policyWording(request.powertrain),
      disclaimer: DISCLAIMER,
    },
  };
}

function checkRequest(request: InsuranceRequest): InsuranceIssue[] {
  const errors: InsuranceIssue[] = [];
  if (!Number.isSafeInteger(request.priceFen) || request.priceFen <= 0 || request.priceFen > MAX_PRICE_FEN) {
    errors.push({
      code: "invalid-amount",
      field: "priceFen",
      message: "车价须为 1 分至 1 亿元之间的整数（分）/ The price must be whole fen, above 0 and at most ¥100 million",
    });
  }
  if (!Number.isInteger(request.seats) || request.seats < MIN_SEATS || request.seats > MAX_SEATS) {
    errors.push({
      code: "seats-out-of-range",
      field: "seats",
      message: "乘用车座位数须为 2–9 / A passenger car has 2 to 9 seats",
    });
  }
  if (!Number.isSafeInteger(request.seatCoverFen) || request.seatCoverFen < 0) {
    errors.push({
      code: "invalid-amount",
      field: "seatCoverFen",
      message: "座位险保额须为非负整数（分）/ Seat cover must be whole fen",
    });
  }
  const choices: [keyof InsuranceRequest, readonly unknown[]][] = [
    ["usage", USAGES],
    ["powertrain", POWERTRAINS],
    ["thirdPartyLevel", THIRD_PARTY_LEVELS],
    ["record", DRIVING_RECORDS],
  ];
  for (const [field, allowed] of choices) {
    if (!allowed.includes(request[field])) {
      errors.push({
        code: "invalid-choice",
        field,
        message: `须为 ${allowed.join("/")} 之一 / Must be one of ${allowed.join(", ")}`,
      });
    }
  }
  return errors;
}
