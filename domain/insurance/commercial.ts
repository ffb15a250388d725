/**
 * 商业险 (commercial motor insurance), priced with ILLUSTRATIVE tariffs: the shape follows the 2020
 * reform (车险综合改革, 示范条款 2020) — vehicle damage from the new-car price, third-party liability
 * by sum insured, seat cover per seat, each moved by a regional factor and a no-claim discount (NCD) —
 * but the figures are ours, not any insurer's filed rates. Real quotes come from an insurer.
 */
import type { Powertrain } from "../catalog/types.ts";
import type { Label } from "../finance/types.ts";
import type { CityTier } from "../geo/city-tier.ts";
import type { DrivingRecord, Usage } from "./compulsory.ts";

/**
 * New-energy vehicles in China's sense: battery-electric and plug-in (range extenders included);
 * a self-charging hybrid is not one.
 * @example isNewEnergy("EREV") // true
 * @example isNewEnergy("HEV") // false
 */
export function isNewEnergy(powertrain: Powertrain): boolean {
  return powertrain === "BEV" || powertrain === "PHEV" || powertrain === "EREV";
}

/** 车损险: a base amount plus a rate (basis points) of the new-car price; NEVs cost more to repair. */
const DAMAGE_TARIFF: Record<Usage, { baseFen: number; rateBp: number; nevRateBp: number }> = {
  family: { baseFen: 60_000, rateBp: 110, nevRateBp: 140 },
  enterprise: { baseFen: 70_000, rateBp: 120, nevRateBp: 150 },
  taxi: { baseFen: 90_000, rateBp: 180, nevRateBp: 220 },
};

/** 三者险 sums insured offered, in 万 yuan (10,000 yuan). */
export const THIRD_PARTY_LEVELS = [100, 200, 300, 500] as const;
export type ThirdPartyLevel = (typeof THIRD_PARTY_LEVELS)[number];

/** 三者险 premium in fen for a family car under 6 seats; 6–9 seats +5 %, other usages by factor. */
const THIRD_PARTY_FEN: Record<ThirdPartyLevel, number> = { 100: 92_000, 200: 118_000, 300: 138_000, 500: 170_000 };
const THIRD_PARTY_USAGE_PERMILLE: Record<Usage, number> = { family: 1000, enterprise: 1100, taxi: 2000 };
const SIX_SEATS_PERMILLE = 1050;

/** 座位险 (车上人员责任险): rates of the cover per seat, driver and each passenger. */
const DRIVER_SEAT_BP = 40;
const PASSENGER_SEAT_BP = 26;

/** Regional factor by city tier, per mille: denser traffic, more claims. */
const REGION_PERMILLE: Record<CityTier, number> = { "1": 1100, new1: 1050, "2": 1000, "3": 970, "4": 950, "5": 930 };

/** Commercial no-claim discount (无赔款优待系数), per mille, after the 2020 reform's 0.5–2.0 scale. */
const NCD_PERMILLE: Record<DrivingRecord, number> = {
  new: 1000,
  "claim-free-1": 850,
  "claim-free-2": 700,
  "claim-free-3": 600,
  "one-claim": 1000,
  "multiple-claims": 1250,
  fatal: 1250,
};

export interface CommercialRequest {
  priceFen: number;
  seats: number;
  usage: Usage;
  powertrain: Powertrain;
  cityTier: CityTier;
  thirdPartyLevel: ThirdPartyLevel;
  /** 座位险 sum insured per seat, in fen; 0 for none. */
  seatCoverFen: number;
  record: DrivingRecord;
}

export const COMMERCIAL_LINES = ["vehicle-damage", "third-party", "driver-seat", "passenger-seats"] as const;
export type CommercialLine = (typeof COMMERCIAL_LINES)[number];

export const COMMERCIAL_LINE_LABELS: Record<CommercialLine, Label> = {
  "vehicle-damage": { zh: "机动车损失保险（车损险）", en: "Vehicle damage" },
  "third-party": { zh: "第三者责任保险（三者险）", en: "Third-party liability" },
  "driver-seat": { zh: "车上人员责任保险（司机）", en: "Seat cover, driver" },
  "passenger-seats": { zh: "车上人员责任保险（乘客）", en: "Seat cover, passengers" },
};

export interface CommercialPremium {
  line: CommercialLine;
  /** Sum insured in fen (the vehicle's price for damage; per seat for seat cover). */
  coverFen: number;
  premiumFen: number;
}

/** Divides an exact product of per-mille factors once, rounding half up to the fen. */
function applyFactors(amount: bigint, denominator: bigint, factorsPermille: readonly number[]): number {
  const numerator = factorsPermille.reduce((product, factor) => product * BigInt(factor), amount);
  const scale = denominator * 1000n ** BigInt(factorsPermille.length);
  return Number((2n * numerator + scale) / (2n * scale));
}

/**
 * Premiums of the commercial lines, each rounded half up to the fen after every factor is applied.
 * The passenger line appears only when the car has passenger seats and seat cover is asked for.
 * @example commercialPremiums({ priceFen: 20_000_000, seats: 5, usage: "family", powertrain: "BEV", cityTier: "2", thirdPartyLevel: 200, seatCoverFen: 1_000_000, record: "new" })[0]
 * // { line: "vehicle-damage", coverFen: 20_000_000, premiumFen: 340_000 }
 */
export function commercialPremiums(request: CommercialRequest): CommercialPremium[] {
  const region = REGION_PERMILLE[request.cityTier];
  const ncd = NCD_PERMILLE[request.record];
  const damage = DAMAGE_TARIFF[request.usage];
  const damageRate = isNewEnergy(request.powertrain) ? damage.nevRateBp : damage.rateBp;
  const lines: CommercialPremium[] = [
    {
      line: "vehicle-damage",
      coverFen: request.priceFen,
      premiumFen: applyFactors(
        BigInt(damage.baseFen) * 10_000n + BigInt(request.priceFen) * BigInt(damageRate),
        10_000n,
        [region, ncd],
      ),
    },
    {
      line: "third-party",
      coverFen: request.thirdPartyLevel * 1_000_000,
      premiumFen: applyFactors(BigInt(THIRD_PARTY_FEN[request.thirdPartyLevel]), 1n, [
        THIRD_PARTY_USAGE_PERMILLE[request.usage],
        request.seats < 6 ? 1000 : SIX_SEATS_PERMILLE,
        region,
        ncd,
      ]),
    },
  ];
  if (request.seatCoverFen > 0) {
    const seatPremium = (bp: number, seats: number) =>
      applyFactors(BigInt(request.seatCoverFen) * BigInt(bp * seats), 10_000n, [region, ncd]);
    lines.push({ line: "driver-seat", coverFen: request.seatCoverFen, premiumFen: seatPremium(DRIVER_SEAT_BP, 1) });
    lines.push({
      line: "passenger-seats",
      coverFen: request.seatCoverFen,
      premiumFen: seatPremium(PASSENGER_SEAT_BP, request.seats - 1),
    });
  }
  return lines;
}

/** The policy wording a car is insured under. */
export interface PolicyWording {
  name: Label;
  notes: Label[];
}

/**
 * New-energy vehicles are insured under the industry's NEV-specific clauses (中国保险行业协会
 * 《新能源汽车商业保险专属条款（试行）》, in force since 26 December 2021); other cars under the 2020
 * model clauses.
 * @example policyWording("BEV").name.zh // "新能源汽车商业保险专属条款（试行）"
 */
export function policyWording(powertrain: Powertrain): PolicyWording {
  if (!isNewEnergy(powertrain)) {
    return {
      name: { zh: "机动车商业保险示范条款（2020版）", en: "Model clauses for commercial motor insurance (2020)" },
      notes: [],
    };
  }
  return {
    name: {
      zh: "新能源汽车商业保险专属条款（试行）",
      en: "Commercial insurance clauses for new-energy vehicles (trial)",
    },
    notes: [
      {
        zh: "车损险保障“三电”系统：电池及储能系统、电机及驱动系统、其他控制系统",
        en: "Vehicle damage covers the battery and energy storage, the motor and drive, and the control systems",
      },
      {
        zh: "车损险包含自燃及起火造成的损失，以及车辆充电时的损失",
        en: "Vehicle damage includes spontaneous combustion and fire, and damage while charging",
      },
      {
        zh: "可附加：外部电网故障损失险、自用充电桩损失保险、自用充电桩责任保险",
        en: "Optional add-ons: external grid failure, home charger damage, home charger liability",
      },
    ],
  };
}
