/**
 * Technical data of the demo trims, derived from body size, powertrain and where the trim sits in its
 * model's range, so that figures hang together: bigger batteries weigh more, more power per kilogram
 * means a quicker 0–100 km/h, a plug-in hybrid's combined range follows its tank and consumption.
 */
import {
  type AdasLevel,
  type BodyType,
  type Drive,
  type Powertrain,
  SEAT_MATERIALS,
  type SeatMaterial,
} from "../../domain/catalog/types.ts";
import type { BrandCharacter, Segment } from "./content/types.ts";
import type { Prng } from "./prng.ts";

export interface Dimensions {
  lengthMm: number;
  widthMm: number;
  heightMm: number;
  wheelbaseMm: number;
}

export interface TrimSpec {
  powertrain: Powertrain;
  cltcRangeKm: number | null;
  electricRangeKm: number | null;
  batteryKwh: number | null;
  fuelLPer100km: number | null;
  zeroToHundredS: number;
  powerKw: number;
  torqueNm: number;
  topSpeedKmh: number;
  seats: number;
  seatMaterial: SeatMaterial;
  drive: Drive;
  curbWeightKg: number;
  adasLevel: AdasLevel;
  peakChargeKw: number | null;
}

export interface SpecInput {
  character: BrandCharacter;
  bodyType: BodyType;
  segment: Segment;
  powertrain: Powertrain;
  drive: Drive;
  seats: number;
  /** 0–1 within the model's range band. */
  range: number;
  /** 0–1 within the powertrain's power band. */
  power: number;
  /** 0 for the cheapest trim of the model, 1 for the dearest. */
  rank: number;
  priceYuan: number;
  rangeKm?: readonly [number, number];
  electricKm?: readonly [number, number];
  bevChargeKw?: readonly [number, number];
}

interface BodyClass {
  size: readonly [number, number, number, number];
  bodyKg: number;
  kwhPer100km: number;
  tankL: number;
}

const BODY_CLASSES: Record<string, BodyClass> = {
  "sedan:A": { size: [4720, 1830, 1480, 2760], bodyKg: 1150, kwhPer100km: 11.8, tankL: 48 },
  "sedan:B": { size: [4900, 1890, 1460, 2920], bodyKg: 1350, kwhPer100km: 12.5, tankL: 55 },
  "sedan:C": { size: [5050, 1940, 1480, 3000], bodyKg: 1500, kwhPer100km: 13.4, tankL: 60 },
  "sedan:D": { size: [5250, 1970, 1500, 3150], bodyKg: 1700, kwhPer100km: 14.5, tankL: 70 },
  "hatchback:A0": { size: [4000, 1720, 1560, 2520], bodyKg: 850, kwhPer100km: 10.5, tankL: 40 },
  "hatchback:A": { size: [4380, 1830, 1550, 2720], bodyKg: 1100, kwhPer100km: 11.8, tankL: 45 },
  "hatchback:B": { size: [4820, 1900, 1420, 2900], bodyKg: 1350, kwhPer100km: 12.6, tankL: 55 },
  "suv:A": { size: [4480, 1860, 1650, 2720], bodyKg: 1250, kwhPer100km: 13.2, tankL: 50 },
  "suv:B": { size: [4780, 1930, 1680, 2880], bodyKg: 1450, kwhPer100km: 14.2, tankL: 55 },
  "suv:C": { size: [5020, 1990, 1760, 3020], bodyKg: 1650, kwhPer100km: 15.6, tankL: 65 },
  "suv:D": { size: [5200, 2000, 1800, 3100], bodyKg: 1850, kwhPer100km: 17, tankL: 70 },
  "mpv:B": { size: [4920, 1890, 1760, 2950], bodyKg: 1550, kwhPer100km: 15, tankL: 55 },
  "mpv:C": { size: [5150, 1980, 1880, 3090], bodyKg: 1800, kwhPer100km: 16.8, tankL: 65 },
  "mpv:D": { size: [5300, 2000, 1950, 3200], bodyKg: 2000, kwhPer100km: 18.2, tankL: 70 },
};

const POWER_BAND_KW: Record<Powertrain, readonly [number, number]> = {
  BEV: [110, 520],
  PHEV: [150, 400],
  EREV: [180, 420],
  HEV: [100, 180],
  ICE: [180, 420],
};
const SEGMENT_POWER: Record<Segment, number> = { A0: 0.6, A: 0.8, B: 1, C: 1.1, D: 1.15 };
const TORQUE_PER_KW: Record<Powertrain, number> = { BEV: 1.9, PHEV: 2.3, EREV: 2.1, HEV: 2, ICE: 1.95 };
const TOP_SPEED_CAP: Record<Powertrain, number> = { BEV: 265, PHEV: 230, EREV: 200, HEV: 180, ICE: 250 };
const CHARACTER_SPEED_CAP: Record<BrandCharacter, number> = {
  "premium-bev": 265,
  "mass-nev": 185,
  luxury: 250,
  "rugged-erev": 190,
};
const PLUG_IN_FUEL_L: Record<Segment, number> = { A0: 3.6, A: 3.8, B: 4.2, C: 5, D: 5.8 };
const EREV_FUEL_L: Record<Segment, number> = { A0: 5, A: 5.2, B: 5.6, C: 6.2, D: 6.8 };

const lerp = (band: readonly [number, number], t: number) => band[0] + (band[1] - band[0]) * t;
const roundTo = (value: number, step: number) => Math.round(value / step) * step;
const oneDecimal = (value: number) => Math.round(value * 10) / 10;
const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

function bodyClass(bodyType: BodyType, segment: Segment): BodyClass {
  const found = BODY_CLASSES[`${bodyType}:${segment}`];
  if (!found) throw new Error(`no body class for a ${segment}-segment ${bodyType}`);
  return found;
}

/**
 * Exterior dimensions of one model: its body class with a little variation of its own.
 * @example modelDimensions("suv", "B", "premium-bev", createPrng(1)) // { lengthMm: 4795, widthMm: 1910, heightMm: 1681, wheelbaseMm: 2919 }
 */
export function modelDimensions(
  bodyType: BodyType,
  segment: Segment,
  character: BrandCharacter,
  rng: Prng,
): Dimensions {
  const [length, width, height, wheelbase] = bodyClass(bodyType, segment).size;
  const rugged = character === "rugged-erev";
  return {
    lengthMm: length + rng.int(-60, 60),
    widthMm: width + rng.int(-20, 20) + (rugged ? 20 : 0),
    heightMm: height + rng.int(-25, 25) + (rugged ? 60 : 0),
    wheelbaseMm: wheelbase + rng.int(-40, 40),
  };
}

/**
 * The technical data of one trim.
 * @example
 * trimSpec({ character: "premium-bev", bodyType: "sedan", segment: "B", powertrain: "BEV", drive: "AWD",
 *   seats: 5, range: 0.8, power: 0.6, rank: 0.5, priceYuan: 289900, rangeKm: [560, 810], bevChargeKw: [250, 480] }, rng)
 *   .cltcRangeKm // 760
 */
export function trimSpec(input: SpecInput, rng: Prng): TrimSpec {
  const body = bodyClass(input.bodyType, input.segment);
  const awd = input.drive === "AWD";
  const powerKw = powerOf(input, rng);
  const energy = energyOf(input, body, powerKw);
  const curbWeightKg = roundTo(
    body.bodyKg +
      (input.character === "rugged-erev" ? 120 : 0) +
      propulsionKg(input.powertrain, energy.batteryKwh ?? 0, powerKw, awd) +
      Math.max(0, input.seats - 5) * 40,
    5,
  );
  const kgPerKw = curbWeightKg / powerKw;
  const sprint = 6.1 * (kgPerKw / 9.07) ** 0.86 * (awd ? 0.9 : 1) * (input.powertrain === "ICE" ? 1.05 : 1);
  const speedCap = Math.min(
    TOP_SPEED_CAP[input.powertrain],
    CHARACTER_SPEED_CAP[input.character],
    input.segment === "A0" ? 150 : input.bodyType === "mpv" ? 200 : 270,
  );
  const uncappedSpeed = input.powertrain === "ICE" ? 175 + powerKw * 0.2 : 125 + powerKw * 0.3;
  return {
    powertrain: input.powertrain,
    ...energy,
    zeroToHundredS: oneDecimal(clamp(sprint, 2.8, 9.5)),
    powerKw,
    torqueNm: roundTo(powerKw * TORQUE_PER_KW[input.powertrain] * (awd ? 1.05 : 1) * rng.float(0.97, 1.03), 5),
    topSpeedKmh: Math.min(speedCap, roundTo(uncappedSpeed, 5)),
    seats: input.seats,
    seatMaterial: seatMaterialOf(input.character, input.rank, input.priceYuan),
    drive: input.drive,
    curbWeightKg,
    adasLevel: adasLevelOf(input.character, input.rank),
    peakChargeKw: peakChargeOf(input, energy.batteryKwh),
  };
}

function powerOf(input: SpecInput, rng: Prng): number {
  const scale = input.powertrain === "ICE" ? 1 : SEGMENT_POWER[input.segment] * (input.bodyType === "mpv" ? 0.9 : 1);
  return Math.round(lerp(POWER_BAND_KW[input.powertrain], input.power) * scale * rng.float(0.97, 1.03));
}

type Energy = Pick<TrimSpec, "cltcRangeKm" | "electricRangeKm" | "batteryKwh" | "fuelLPer100km">;

function energyOf(input: SpecInput, body: BodyClass, powerKw: number): Energy {
  const awdFactor = input.drive === "AWD" ? 1.05 : 1;
  const tankL = body.tankL + (input.character === "rugged-erev" ? 10 : 0);
  const shapePenalty = input.bodyType === "suv" ? 0.4 : input.bodyType === "mpv" ? 0.6 : 0;
  switch (input.powertrain) {
    case "BEV": {
      const range = roundTo(lerp(required(input.rangeKm, "rangeKm"), input.range), 5);
      const kwhPer100km = body.kwhPer100km * awdFactor * (1 + input.power * 0.04);
      return {
        cltcRangeKm: range,
        electricRangeKm: range,
        batteryKwh: oneDecimal((range * kwhPer100km) / 100),
        fuelLPer100km: null,
      };
    }
    case "PHEV":
    case "EREV": {
      const electric = roundTo(lerp(required(input.electricKm, "electricKm"), input.range), 5);
      const kwhPer100km = body.kwhPer100km * 1.12 * awdFactor;
      const base =
        input.powertrain === "PHEV" ? PLUG_IN_FUEL_L[input.segment] + shapePenalty : EREV_FUEL_L[input.segment];
      const fuel = oneDecimal(base + input.power * 0.5 + (input.drive === "AWD" ? 0.3 : 0));
      return {
        cltcRangeKm: clamp(roundTo(electric + (tankL / fuel) * 100, 5), 1000, 1400),
        electricRangeKm: electric,
        batteryKwh: oneDecimal((electric * kwhPer100km) / 100),
        fuelLPer100km: fuel,
      };
    }
    case "HEV":
      return {
        cltcRangeKm: null,
        electricRangeKm: null,
        batteryKwh: 1.8,
        fuelLPer100km: oneDecimal(4.6 + shapePenalty),
      };
    case "ICE":
      return {
        cltcRangeKm: null,
        electricRangeKm: null,
        batteryKwh: null,
        fuelLPer100km: oneDecimal(6.8 + powerKw * 0.009 + (input.drive === "AWD" ? 0.5 : 0) + shapePenalty),
      };
  }
}

function propulsionKg(powertrain: Powertrain, batteryKwh: number, powerKw: number, awd: boolean): number {
  switch (powertrain) {
    case "BEV":
      return batteryKwh * 5.6 + (awd ? 130 : 70);
    case "PHEV":
      return 230 + batteryKwh * 7 + (awd ? 90 : 0);
    case "EREV":
      return 200 + batteryKwh * 6.5 + (awd ? 90 : 0);
    case "HEV":
      return 300 + (awd ? 90 : 0);
    case "ICE":
      return 250 + powerKw * 0.45 + (awd ? 90 : 0);
  }
}

function peakChargeOf(input: SpecInput, batteryKwh: number | null): number | null {
  if (batteryKwh === null || input.powertrain === "HEV" || input.powertrain === "ICE") return null;
  if (input.powertrain === "BEV") return roundTo(lerp(required(input.bevChargeKw, "bevChargeKw"), input.rank), 10);
  return clamp(roundTo(batteryKwh * 2.6, 5), 60, 120);
}

function seatMaterialOf(character: BrandCharacter, rank: number, priceYuan: number): SeatMaterial {
  const byRank = SEAT_MATERIALS.indexOf(seatMaterialByRank(character, rank));
  const floor = priceYuan >= 400_000 ? 2 : priceYuan >= 150_000 ? 1 : 0;
  const ceiling = priceYuan < 120_000 ? 1 : priceYuan < 250_000 ? 2 : 3;
  return SEAT_MATERIALS[clamp(byRank, floor, ceiling)] as SeatMaterial;
}

function seatMaterialByRank(character: BrandCharacter, rank: number): SeatMaterial {
  switch (character) {
    case "mass-nev":
      return rank < 0.3 ? "fabric" : rank < 0.9 ? "leatherette" : "leather";
    case "premium-bev":
      return rank < 0.3 ? "leatherette" : rank < 0.8 ? "leather" : "nappa";
    case "luxury":
      return rank < 0.5 ? "leather" : "nappa";
    case "rugged-erev":
      return rank < 0.3 ? "leatherette" : rank < 0.75 ? "leather" : "nappa";
  }
}

function adasLevelOf(character: BrandCharacter, rank: number): AdasLevel {
  switch (character) {
    case "mass-nev":
      return rank < 0.5 ? "L2" : rank < 0.9 ? "L2+" : "L2++";
    case "premium-bev":
      return rank < 0.3 ? "L2+" : "L2++";
    case "luxury":
    case "rugged-erev":
      return rank < 0.5 ? "L2+" : "L2++";
  }
}

function required<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new Error(`the model needs ${name} for this powertrain`);
  return value;
}
