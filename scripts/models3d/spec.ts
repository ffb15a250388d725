/**
 * What a generated 3D model is made from: a model's body type, its dimensions from the catalogue,
 * its seats, the wheel sizes it offers and the colours it is shown in before a shopper chooses.
 */
import type { BodyType } from "../../domain/catalog/types.ts";
import type { DemoData } from "../demo/rows.ts";

export interface CarSpec {
  modelId: string;
  bodyType: BodyType;
  lengthMm: number;
  widthMm: number;
  heightMm: number;
  wheelbaseMm: number;
  seats: number;
  /** Rim diameters in inches, one `wheels-<size>` node each (the wheel option codes). */
  wheelSizes: number[];
  /** Colours of the `paint` and `interior` materials before a render command sets them. */
  paint: string;
  interior: string;
}

/**
 * Side-profile and plan-view shape of a body type. Stations are fractions of the wheelbase from
 * the front axle (`cowl`, `aTop`, `bPillar`) or the rear axle (`cTop`, `sideEnd`, `end`); heights
 * are fractions of the overall height, except `clearance` (metres).
 */
export interface Silhouette {
  clearance: number;
  /** Share of the overhangs (length minus wheelbase) in front of the front axle. */
  frontShare: number;
  /** Tub crown (hood, hidden cabin line that sets the belt, rear deck) at nose, hood edge, front axle, cowl, cabin, greenhouse end, tail. */
  crown: { nose: number; edge: number; axle: number; cowl: number; cabin: number; end: number; tail: number };
  /** Roof centre height along the roof, from the windscreen top (0) to the greenhouse end (1). */
  roof: [number, number][];
  cowl: number;
  aTop: number;
  bPillar: number;
  cTop: number;
  sideEnd: number;
  end: number;
  /** The greenhouse ends in a tailgate window (hatchback, SUV, MPV) instead of sloping to a deck. */
  tailgate: boolean;
  /** How far the tailgate's top leans forward, metres. */
  lean: number;
  /** Greenhouse inward lean (0..1) and squareness (superellipse exponent). */
  tumble: number;
  squareness: number;
  /** Unpainted lower body and arches (SUV). */
  cladding: boolean;
}

export const SILHOUETTES: Record<BodyType, Silhouette> = {
  sedan: {
    clearance: 0.16,
    frontShare: 0.47,
    crown: { nose: 0.44, edge: 0.53, axle: 0.57, cowl: 0.625, cabin: 0.8, end: 0.71, tail: 0.68 },
    roof: [
      [0, 0.975],
      [0.25, 1],
      [0.5, 0.985],
      [1, 0.9],
    ],
    cowl: 0.25,
    aTop: 0.53,
    bPillar: 0.66,
    cTop: -0.06,
    sideEnd: 0.02,
    end: 0.21,
    tailgate: false,
    lean: 0,
    tumble: 0.2,
    squareness: 3.4,
    cladding: false,
  },
  hatchback: {
    clearance: 0.15,
    frontShare: 0.5,
    crown: { nose: 0.4, edge: 0.5, axle: 0.55, cowl: 0.62, cabin: 0.8, end: 0.78, tail: 0.7 },
    roof: [
      [0, 0.97],
      [0.3, 1],
      [0.7, 0.975],
      [1, 0.9],
    ],
    cowl: 0.22,
    aTop: 0.5,
    bPillar: 0.64,
    cTop: 0.1,
    sideEnd: -0.02,
    end: 0.2,
    tailgate: true,
    lean: 0.3,
    tumble: 0.2,
    squareness: 3.4,
    cladding: false,
  },
  suv: {
    clearance: 0.2,
    frontShare: 0.48,
    crown: { nose: 0.47, edge: 0.57, axle: 0.615, cowl: 0.655, cabin: 0.79, end: 0.74, tail: 0.66 },
    roof: [
      [0, 0.975],
      [0.3, 1],
      [0.8, 0.99],
      [1, 0.965],
    ],
    cowl: 0.2,
    aTop: 0.46,
    bPillar: 0.62,
    cTop: 0.2,
    sideEnd: 0.1,
    end: 0.27,
    tailgate: true,
    lean: 0.16,
    tumble: 0.14,
    squareness: 4,
    cladding: true,
  },
  mpv: {
    clearance: 0.17,
    frontShare: 0.47,
    crown: { nose: 0.44, edge: 0.52, axle: 0.57, cowl: 0.6, cabin: 0.72, end: 0.7, tail: 0.6 },
    roof: [
      [0, 0.975],
      [0.25, 1],
      [0.85, 0.995],
      [1, 0.975],
    ],
    cowl: 0.06,
    aTop: 0.34,
    bPillar: 0.47,
    cTop: 0.3,
    sideEnd: 0.16,
    end: 0.3,
    tailgate: true,
    lean: 0.08,
    tumble: 0.1,
    squareness: 4.6,
    cladding: false,
  },
};

/** HSL saturation of a #rrggbb colour, 0 (grey) to 1. */
function saturation(hex: string): number {
  const [r = 0, g = 0, b = 0] = (hex.match(/[0-9a-f]{2}/gi) ?? []).map((h) => Number.parseInt(h, 16) / 255);
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const lightness = (max + min) / 2;
  return max === min ? 0 : (max - min) / (1 - Math.abs(2 * lightness - 1));
}

/**
 * One spec per catalogue model, from its first trim's dimensions and seats, its wheel options
 * and a colourful paint (as the catalogue illustrations use).
 * @example carSpecs(generateDemo({ seed: 1, inventory: 0 }))[0].wheelSizes // [20, 21]
 */
export function carSpecs(demo: DemoData): CarSpec[] {
  return demo.models.flatMap((model) => {
    const trim = demo.trims.find((t) => t.modelId === model.id);
    if (!trim) return [];
    const optionsOf = (kind: string) => {
      const group = demo.optionGroups.find((g) => g.modelId === model.id && g.kind === kind);
      return demo.options.filter((o) => o.groupId === group?.id);
    };
    const paints = optionsOf("paint").filter((o) => o.swatch);
    const paint = paints.find((o) => saturation(o.swatch ?? "") > 0.35) ?? paints[0];
    const interior = optionsOf("interior").find((o) => o.swatch);
    const wheelSizes = optionsOf("wheels")
      .map((o) => Number(o.code.replace(/^wheels-/, "")))
      .filter((size) => Number.isInteger(size));
    return [
      {
        modelId: model.id,
        bodyType: model.bodyType,
        lengthMm: trim.lengthMm,
        widthMm: trim.widthMm,
        heightMm: trim.heightMm,
        wheelbaseMm: trim.wheelbaseMm,
        seats: trim.seats,
        wheelSizes: wheelSizes.length > 0 ? wheelSizes : [18],
        paint: paint?.swatch ?? "#c0c4cc",
        interior: interior?.swatch ?? "#2a2a2c",
      },
    ];
  });
}
