import type { BodyType } from "../../domain/catalog/types.ts";
import { mulberry32 } from "../../domain/random.ts";

/** What to draw: body type, colours, the model's real dimensions, the camera and a seed for rim and lamp design. */
export interface CarArtSpec {
  bodyType: BodyType;
  /** Paint colour, "#rrggbb" or "#rgb". */
  paint: string;
  /** Brand colour for the calipers, the badge and the sill accent line, "#rrggbb" or "#rgb". */
  accent: string;
  lengthMm: number;
  heightMm: number;
  wheelbaseMm: number;
  /** Only visible in the "front34" view; derived from the length when absent. */
  widthMm?: number;
  view: "side" | "front34";
  seed: number;
  /** Accessible name, rendered only as the SVG `<title>`. */
  title: string;
}

export const CAR_ART_WIDTH = 1600;
export const CAR_ART_HEIGHT = 900;

const GROUND_Y = 742;
const MAX_CAR_WIDTH_PX = 1390;
const SIDE_SCALE = 0.27;

interface Point {
  x: number;
  y: number;
}
type Rgb = readonly [number, number, number];
/** A knot of a curve: x backwards from the front bumper, y up from the ground (mm); smooth 0 makes a corner. */
type Knot = readonly [x: number, y: number, smooth?: number];
type Project = (x: number, y: number) => Point;
interface Segment {
  c1?: Point;
  c2?: Point;
  to: Point;
}
interface Curve {
  from: Point;
  segments: Segment[];
}

interface Dims {
  length: number;
  height: number;
  width: number;
  wheelbase: number;
  frontOverhang: number;
  rearOverhang: number;
  frontAxle: number;
  rearAxle: number;
  wheelRadius: number;
  archRadius: number;
  clearance: number;
  sillY: number;
}

interface Shape {
  outline: Knot[];
  hoodEdge: Point;
  cowl: Point;
  screenTop: Point;
  glass: Knot[];
  pillars: { x: number; width: number; lean: number }[];
  doorCuts: Knot[][];
  handles: Point[];
  mirror: Point;
  tailLamp: { y: number; depth: number; thickness: number; vertical: boolean };
  shoulder: [Point, Point];
  cladding: boolean;
  chrome: boolean;
  rail?: Knot[];
  roofRail?: Knot[];
}

interface BodyStyle {
  frontOverhangShare: number;
  wheelRadiusMm: number;
  clearanceMm: number;
  archGapMm: number;
  shape: (d: Dims) => Shape;
}

/** Maps car millimetres (x backwards, y up, z across from the near side) to the 1600×900 canvas. */
interface Camera {
  perspective: boolean;
  at: (x: number, y: number, z: number) => Point;
  side: Project;
  pxPerMm: number;
}

const WHITE: Rgb = [255, 255, 255];
const BLACK: Rgb = [0, 0, 0];

function rearDoorCut(d: Dims, topX: number, topY: number): Knot[] {
  const r = d.archRadius + 70;
  const around = (deg: number): Knot => {
    const a = (deg * Math.PI) / 180;
    return [d.rearAxle + r * Math.cos(a), d.wheelRadius + r * Math.sin(a), 1];
  };
  return [[topX, topY, 0], around(112), around(150), [d.rearAxle - r * 0.98, d.sillY - 60, 0]];
}

function frontDoorCut(d: Dims, topX: number, topY: number): Knot[] {
  const bottomX = d.frontAxle + d.archRadius + 90;
  return [
    [topX, topY, 0],
    [bottomX + (topX - bottomX) * 0.35, d.wheelRadius + d.archRadius * 0.75, 1],
    [bottomX, d.sillY - 60, 0],
  ];
}

function straightCut(top: Point, bottomX: number, d: Dims): Knot[] {
  return [
    [top.x, top.y, 0],
    [bottomX, d.sillY - 60, 0],
  ];
}

function noseKnots(d: Dims, lip: number, tip: number, hoodEdge: Point, hood: Knot): Knot[] {
  const fo = d.frontOverhang;
  return [
    [fo * 0.09, d.clearance + lip, 0],
    [fo * 0.012, d.clearance + lip + 110, 0.5],
    [0, tip, 0.8],
    [fo * 0.06, hoodEdge.y - (hoodEdge.y - tip) * 0.22, 0.8],
    [hoodEdge.x, hoodEdge.y, 0.8],
    hood,
  ];
}

const BODY_STYLES: Record<BodyType, BodyStyle> = {
  sedan: {
    frontOverhangShare: 0.45,
    wheelRadiusMm: 372,
    clearanceMm: 135,
    archGapMm: 38,
    shape: (d) => {
      const { height: h, frontOverhang: fo, rearOverhang: ro, length: l } = d;
      const at = (f: number) => d.frontAxle + f * d.wheelbase;
      const hoodEdge = { x: fo * 0.22, y: h * 0.54 };
      const cowl = { x: at(0.25), y: h * 0.65 };
      const screenTop = { x: at(0.52), y: h * 0.975 };
      return {
        outline: [
          ...noseKnots(d, 40, h * 0.4, hoodEdge, [at(0.04), h * 0.6, 1]),
          [cowl.x, cowl.y, 0.3],
          [screenTop.x, screenTop.y, 0.9],
          [at(0.66), h, 1],
          [at(0.83), h * 0.965, 1],
          [d.rearAxle + ro * 0.45, h * 0.695, 0.7],
          [l - ro * 0.05, h * 0.7, 0.4],
          [l - ro * 0.005, h * 0.64, 0.6],
          [l, h * 0.5, 0.8],
          [l - ro * 0.035, h * 0.3, 0.5],
          [l - ro * 0.14, d.clearance + 45, 0],
        ],
        hoodEdge,
        cowl,
        screenTop,
        glass: [
          [at(0.285), h * 0.662, 0],
          [at(0.535), h * 0.935, 0.45],
          [at(0.68), h * 0.957, 1],
          [at(0.85), h * 0.927, 0.9],
          [at(1.04), h * 0.705, 0],
        ],
        pillars: [
          { x: at(0.6), width: 80, lean: 30 },
          { x: at(0.955), width: 45, lean: 60 },
        ],
        doorCuts: [
          frontDoorCut(d, at(0.27), h * 0.64),
          straightCut({ x: at(0.62), y: h * 0.66 }, at(0.6), d),
          rearDoorCut(d, at(0.965), h * 0.69),
        ],
        handles: [
          { x: at(0.48), y: h * 0.6 },
          { x: at(0.88), y: h * 0.615 },
        ],
        mirror: { x: at(0.29), y: h * 0.66 },
        tailLamp: { y: h * 0.645, depth: ro * 0.5, thickness: 75, vertical: false },
        shoulder: [
          { x: fo * 0.4, y: h * 0.585 },
          { x: l, y: h * 0.635 },
        ],
        cladding: false,
        chrome: true,
      };
    },
  },
  hatchback: {
    frontOverhangShare: 0.54,
    wheelRadiusMm: 350,
    clearanceMm: 140,
    archGapMm: 38,
    shape: (d) => {
      const { height: h, frontOverhang: fo, rearOverhang: ro, length: l } = d;
      const at = (f: number) => d.frontAxle + f * d.wheelbase;
      const hoodEdge = { x: fo * 0.22, y: h * 0.555 };
      const cowl = { x: at(0.22), y: h * 0.66 };
      const screenTop = { x: at(0.52), y: h * 0.975 };
      return {
        outline: [
          ...noseKnots(d, 40, h * 0.41, hoodEdge, [at(0.05), h * 0.615, 1]),
          [cowl.x, cowl.y, 0.3],
          [screenTop.x, screenTop.y, 0.9],
          [at(0.6), h, 1],
          [l - ro * 0.4, h * 0.93, 0.3],
          [l - ro * 0.33, h * 0.915, 0],
          [l - ro * 0.08, h * 0.72, 0.5],
          [l, h * 0.6, 0.8],
          [l - ro * 0.02, h * 0.4, 0.8],
          [l - ro * 0.07, h * 0.25, 0.8],
          [l - ro * 0.15, d.clearance + 45, 0],
        ],
        hoodEdge,
        cowl,
        screenTop,
        glass: [
          [at(0.265), h * 0.668, 0],
          [at(0.54), h * 0.935, 0.45],
          [at(0.64), h * 0.955, 1],
          [at(0.95), h * 0.885, 0.7],
          [d.rearAxle + ro * 0.24, h * 0.78, 0],
        ],
        pillars: [{ x: at(0.62), width: 80, lean: 30 }],
        doorCuts: [
          frontDoorCut(d, at(0.25), h * 0.65),
          straightCut({ x: at(0.64), y: h * 0.67 }, at(0.62), d),
          rearDoorCut(d, at(0.97), h * 0.7),
        ],
        handles: [
          { x: at(0.5), y: h * 0.61 },
          { x: at(0.89), y: h * 0.625 },
        ],
        mirror: { x: at(0.27), y: h * 0.665 },
        tailLamp: { y: h * 0.67, depth: ro * 0.6, thickness: 80, vertical: false },
        shoulder: [
          { x: fo * 0.4, y: h * 0.6 },
          { x: l, y: h * 0.645 },
        ],
        cladding: false,
        chrome: true,
      };
    },
  },
  suv: {
    frontOverhangShare: 0.49,
    wheelRadiusMm: 405,
    clearanceMm: 205,
    archGapMm: 50,
    shape: (d) => {
      const { height: h, frontOverhang: fo, rearOverhang: ro, length: l } = d;
      const at = (f: number) => d.frontAxle + f * d.wheelbase;
      const hoodEdge = { x: fo * 0.22, y: h * 0.61 };
      const cowl = { x: at(0.22), y: h * 0.685 };
      const screenTop = { x: at(0.47), y: h * 0.975 };
      return {
        outline: [
          ...noseKnots(d, 60, h * 0.46, hoodEdge, [at(0.07), h * 0.655, 1]),
          [cowl.x, cowl.y, 0.3],
          [screenTop.x, screenTop.y, 0.9],
          [at(0.66), h, 1],
          [d.rearAxle + ro * 0.5, h * 0.975, 0.5],
          [l - ro * 0.07, h * 0.8, 0.6],
          [l, h * 0.63, 0.8],
          [l - ro * 0.02, h * 0.4, 0.8],
          [l - ro * 0.07, h * 0.28, 0.8],
          [l - ro * 0.14, d.clearance + 60, 0],
        ],
        hoodEdge,
        cowl,
        screenTop,
        glass: [
          [at(0.255), h * 0.685, 0],
          [at(0.49), h * 0.94, 0.45],
          [at(0.7), h * 0.955, 1],
          [d.rearAxle + ro * 0.32, h * 0.925, 0.8],
          [d.rearAxle + ro * 0.56, h * 0.8, 0],
          [d.rearAxle + ro * 0.3, h * 0.725, 0],
        ],
        pillars: [
          { x: at(0.56), width: 85, lean: 25 },
          { x: at(0.97), width: 90, lean: 20 },
        ],
        doorCuts: [
          frontDoorCut(d, at(0.24), h * 0.675),
          straightCut({ x: at(0.58), y: h * 0.69 }, at(0.56), d),
          rearDoorCut(d, at(0.98), h * 0.7),
        ],
        handles: [
          { x: at(0.46), y: h * 0.635 },
          { x: at(0.87), y: h * 0.645 },
        ],
        mirror: { x: at(0.26), y: h * 0.685 },
        tailLamp: { y: h * 0.695, depth: ro * 0.5, thickness: 85, vertical: false },
        shoulder: [
          { x: fo * 0.4, y: h * 0.62 },
          { x: l, y: h * 0.655 },
        ],
        cladding: true,
        chrome: false,
        roofRail: [
          [at(0.5), h * 0.95, 0],
          [at(0.55), h + 32, 0.5],
          [at(0.7), h + 34, 1],
          [d.rearAxle + ro * 0.3, h * 0.975 + 30, 0.5],
          [d.rearAxle + ro * 0.4, h * 0.93, 0],
        ],
      };
    },
  },
  mpv: {
    frontOverhangShare: 0.46,
    wheelRadiusMm: 378,
    clearanceMm: 150,
    archGapMm: 42,
    shape: (d) => {
      const { height: h, frontOverhang: fo, rearOverhang: ro, length: l } = d;
      const at = (f: number) => d.frontAxle + f * d.wheelbase;
      const hoodEdge = { x: fo * 0.26, y: h * 0.5 };
      const cowl = { x: at(0.07), y: h * 0.565 };
      const screenTop = { x: at(0.34), y: h * 0.975 };
      return {
        outline: [
          ...noseKnots(d, 45, h * 0.37, hoodEdge, [at(0.02), h * 0.537, 0.8]),
          [cowl.x, cowl.y, 0.4],
          [screenTop.x, screenTop.y, 0.9],
          [at(0.5), h, 1],
          [l - ro * 0.22, h * 0.99, 0.5],
          [l - ro * 0.03, h * 0.86, 0.6],
          [l, h * 0.55, 0.8],
          [l - ro * 0.02, h * 0.33, 0.8],
          [l - ro * 0.06, h * 0.2, 0.8],
          [l - ro * 0.12, d.clearance + 45, 0],
        ],
        hoodEdge,
        cowl,
        screenTop,
        glass: [
          [at(0.1), h * 0.572, 0],
          [at(0.36), h * 0.94, 0.45],
          [at(0.55), h * 0.955, 1],
          [l - ro * 0.26, h * 0.94, 0.6],
          [l - ro * 0.1, h * 0.82, 0.7],
          [l - ro * 0.18, h * 0.61, 0],
        ],
        pillars: [
          { x: at(0.17), width: 45, lean: 20 },
          { x: at(0.4), width: 85, lean: 15 },
          { x: at(0.86), width: 85, lean: 10 },
        ],
        doorCuts: [
          frontDoorCut(d, at(0.12), h * 0.56),
          straightCut({ x: at(0.415), y: h * 0.58 }, at(0.4), d),
          [
            [at(0.87), h * 0.59, 0],
            [at(0.87) - 30, d.wheelRadius + d.archRadius + 70, 1],
            ...rearDoorCut(d, at(0.87), h * 0.59).slice(2),
          ],
        ],
        handles: [
          { x: at(0.32), y: h * 0.525 },
          { x: at(0.48), y: h * 0.53 },
        ],
        mirror: { x: at(0.11), y: h * 0.57 },
        tailLamp: { y: h * 0.55, depth: 110, thickness: 80, vertical: true },
        shoulder: [
          { x: fo * 0.4, y: h * 0.49 },
          { x: l, y: h * 0.545 },
        ],
        cladding: false,
        chrome: true,
        rail: [
          [at(0.86), h * 0.585, 0],
          [l - ro * 0.25, h * 0.6, 0],
        ],
      };
    },
  },
};

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Number.isFinite(value) ? value : min));
}

function dimsFor(spec: CarArtSpec, style: BodyStyle): Dims {
  const length = clamp(spec.lengthMm, 3000, 6000);
  const height = clamp(spec.heightMm, 1150, 2200);
  const wheelbase = clamp(spec.wheelbaseMm, length * 0.52, length * 0.7);
  const overhangs = length - wheelbase;
  const frontOverhang = overhangs * style.frontOverhangShare;
  const wheelRadius = style.wheelRadiusMm * clamp(length / 4800, 0.96, 1.05);
  return {
    length,
    height,
    width: clamp(spec.widthMm ?? length * 0.385, 1600, 2100),
    wheelbase,
    frontOverhang,
    rearOverhang: overhangs - frontOverhang,
    frontAxle: frontOverhang,
    rearAxle: frontOverhang + wheelbase,
    wheelRadius,
    archRadius: wheelRadius + style.archGapMm,
    clearance: style.clearanceMm,
    sillY: style.clearanceMm + 40,
  };
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function parseHex(hex: string, fallback: Rgb): Rgb {
  const digits = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(String(hex).trim())?.[1];
  if (!digits) return fallback;
  const full = digits.length === 3 ? [...digits].map((c) => c + c).join("") : digits;
  const channel = (i: number) => Number.parseInt(full.slice(i, i + 2), 16);
  return [channel(0), channel(2), channel(4)];
}

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

function toHex(c: Rgb): string {
  return `#${c
    .map((v) =>
      Math.round(clamp(v, 0, 255))
        .toString(16)
        .padStart(2, "0"),
    )
    .join("")}`;
}

function luminance(c: Rgb): number {
  return (0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]) / 255;
}

function escapeXml(text: string): string {
  return String(text).replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function num(value: number, digits = 0): string {
  const factor = 10 ** digits;
  return String(Math.round(value * factor) / factor + 0);
}

function smoothCurve(knots: readonly Knot[], closed: boolean): Curve {
  const count = knots.length;
  const point = (i: number): Point => {
    const knot = knots[closed ? (i + count) % count : clamp(i, 0, count - 1)] as Knot;
    return { x: knot[0], y: knot[1] };
  };
  const handles = knots.map((knot, i) => {
    const smooth = !closed && (i === 0 || i === count - 1) ? 0 : (knot[2] ?? 1);
    const here = point(i);
    const prev = point(i - 1);
    const next = point(i + 1);
    const dx = next.x - prev.x;
    const dy = next.y - prev.y;
    const norm = Math.hypot(dx, dy) || 1;
    const back = (smooth * Math.hypot(here.x - prev.x, here.y - prev.y)) / 3 / norm;
    const ahead = (smooth * Math.hypot(next.x - here.x, next.y - here.y)) / 3 / norm;
    return {
      smooth,
      in: { x: here.x - dx * back, y: here.y - dy * back },
      out: { x: here.x + dx * ahead, y: here.y + dy * ahead },
    };
  });
  const segments: Segment[] = [];
  for (let i = 0; i < (closed ? count : count - 1); i++) {
    const j = (i + 1) % count;
    const from = handles[i];
    const to = handles[j];
    if (!from || !to) continue;
    segments.push(from.smooth === 0 && to.smooth === 0 ? { to: point(j) } : { c1: from.out, c2: to.in, to: point(j) });
  }
  return { from: point(0), segments };
}

function arcSegments(center: Point, radius: number, fromAngle: number, toAngle: number): Segment[] {
  const pieces = Math.max(1, Math.ceil(Math.abs(toAngle - fromAngle) / (Math.PI / 2)));
  const step = (toAngle - fromAngle) / pieces;
  const k = (4 / 3) * Math.tan(step / 4) * radius;
  const at = (a: number) => ({ x: center.x + radius * Math.cos(a), y: center.y + radius * Math.sin(a) });
  return Array.from({ length: pieces }, (_, i) => {
    const a0 = fromAngle + step * i;
    const a1 = a0 + step;
    const p0 = at(a0);
    const p1 = at(a1);
    return {
      c1: { x: p0.x - k * Math.sin(a0), y: p0.y + k * Math.cos(a0) },
      c2: { x: p1.x + k * Math.sin(a1), y: p1.y - k * Math.cos(a1) },
      to: p1,
    };
  });
}

function pathData(curve: Curve, project: Project, closed: boolean): string {
  const p = (pt: Point) => {
    const s = project(pt.x, pt.y);
    return `${num(s.x)} ${num(s.y)}`;
  };
  let data = `M${p(curve.from)}`;
  for (const seg of curve.segments) {
    data += seg.c1 && seg.c2 ? `C${p(seg.c1)} ${p(seg.c2)} ${p(seg.to)}` : `L${p(seg.to)}`;
  }
  return (closed ? `${data}Z` : data).replace(/ -/g, "-");
}

function knotsPath(knots: readonly Knot[], project: Project, closed = false): string {
  return pathData(smoothCurve(knots, closed), project, closed);
}

function polygonPath(points: readonly Point[], project: Project): string {
  return knotsPath(
    points.map((p) => [p.x, p.y, 0] as const),
    project,
    true,
  );
}

const screen: Project = (x, y) => ({ x, y });

function sampleCurve(curve: Curve, steps: number): Point[] {
  const points = [curve.from];
  let from = curve.from;
  for (const seg of curve.segments) {
    const c1 = seg.c1 ?? from;
    const c2 = seg.c2 ?? seg.to;
    for (let i = 1; i <= steps; i++) {
      const t = i / steps;
      const u = 1 - t;
      const w = [u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t] as const;
      points.push({
        x: w[0] * from.x + w[1] * c1.x + w[2] * c2.x + w[3] * seg.to.x,
        y: w[0] * from.y + w[1] * c1.y + w[2] * c2.y + w[3] * seg.to.y,
      });
    }
    from = seg.to;
  }
  return points;
}

/** Where a sampled polyline crosses a level: the extreme crossing (min or max) of `along` where `across` equals `level`. */
function crossing(points: Point[], level: number, across: "x" | "y", pick: (a: number, b: number) => number): number {
  const along = across === "x" ? "y" : "x";
  let best = Number.NaN;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as Point;
    const b = points[i] as Point;
    if ((a[across] - level) * (b[across] - level) > 0 || a[across] === b[across]) continue;
    const value = a[along] + ((level - a[across]) / (b[across] - a[across])) * (b[along] - a[along]);
    best = Number.isNaN(best) ? value : pick(best, value);
  }
  return best;
}

function archStart(d: Dims): number {
  return Math.atan2(
    d.sillY - d.wheelRadius,
    Math.sqrt(Math.max(0, d.archRadius ** 2 - (d.sillY - d.wheelRadius) ** 2)),
  );
}

/** The body silhouette: smooth top outline, then the sill with both wheel arches cut out. */
function bodyCurve(shape: Shape, d: Dims): Curve {
  const curve = smoothCurve(shape.outline, false);
  const start = archStart(d);
  for (const axle of [d.rearAxle, d.frontAxle]) {
    curve.segments.push({ to: { x: axle + d.archRadius * Math.cos(start), y: d.sillY } });
    curve.segments.push(...arcSegments({ x: axle, y: d.wheelRadius }, d.archRadius, start, Math.PI - start));
  }
  curve.segments.push({ to: curve.from });
  return curve;
}

function wheelWellPath(d: Dims, axle: number, project: Project): string {
  const start = archStart(d);
  const from = { x: axle + d.archRadius * Math.cos(start), y: d.sillY };
  const segments = arcSegments({ x: axle, y: d.wheelRadius }, d.archRadius, start, Math.PI - start);
  return pathData({ from, segments }, project, true);
}

interface Design {
  spokes: number;
  kind: "twin" | "blade" | "turbine" | "split";
  finish: Rgb;
  lightBar: boolean;
}

function designFor(seed: number): Design {
  const random = mulberry32(fnv1a(`design:${seed}`));
  const kinds = ["twin", "blade", "turbine", "split"] as const;
  const kind = kinds[Math.floor(random() * kinds.length)] ?? "twin";
  const finishes: Rgb[] = [
    [214, 217, 222],
    [160, 164, 170],
    [58, 61, 66],
  ];
  const finish = finishes[Math.floor(random() * finishes.length)] ?? WHITE;
  return { spokes: { twin: 5, blade: 10, turbine: 7, split: 6 }[kind], kind, finish, lightBar: random() < 0.5 };
}

/** One wheel in its own millimetre frame centred on the hub; spokes are tapered quads over a brake disc. */
function wheelGroup(id: string, d: Dims, design: Design, accent: Rgb): string {
  const r = Math.round(d.wheelRadius);
  const rimR = r * 0.72;
  const hubR = r * 0.13;
  const polar = (radius: number, angle: number) => ({ x: radius * Math.cos(angle), y: radius * Math.sin(angle) });
  const spoke = (angle: number, hubHalf: number, rimHalf: number, twist = 0, curved = false) => {
    const inner = hubR * 0.8;
    const outer = rimR * 0.97;
    const p0 = polar(inner, angle - hubHalf / inner);
    const p1 = polar(outer, angle + twist - rimHalf / outer);
    const p2 = polar(outer, angle + twist + rimHalf / outer);
    const p3 = polar(inner, angle + hubHalf / inner);
    if (!curved) return polygonPath([p0, p1, p2, p3], screen);
    const bend = (a: Point, b: Point): Knot => [
      (a.x + b.x) / 2 - Math.cos(angle + Math.PI / 2) * r * 0.06,
      (a.y + b.y) / 2 - Math.sin(angle + Math.PI / 2) * r * 0.06,
      1,
    ];
    const corner = (p: Point): Knot => [p.x, p.y, 0];
    return knotsPath([corner(p0), bend(p0, p1), corner(p1), corner(p2), bend(p3, p2), corner(p3)], screen, true);
  };
  const spokes: string[] = [];
  for (let i = 0; i < design.spokes; i++) {
    const angle = (i * 2 * Math.PI) / design.spokes - Math.PI / 2;
    if (design.kind === "twin")
      spokes.push(spoke(angle - 0.1, r * 0.03, r * 0.045), spoke(angle + 0.1, r * 0.03, r * 0.045));
    else if (design.kind === "blade") spokes.push(spoke(angle, r * 0.035, r * 0.06));
    else if (design.kind === "turbine") spokes.push(spoke(angle, r * 0.05, r * 0.09, 0.35, true));
    else spokes.push(spoke(angle, r * 0.045, r * 0.035, -0.13), spoke(angle, r * 0.045, r * 0.035, 0.13));
  }
  const finish = toHex(design.finish);
  const finishEdge = toHex(mix(design.finish, BLACK, 0.45));
  const caliper = [-0.38, -0.3, 0.3, 0.38].map((da, i) => polar(rimR * (i === 0 || i === 3 ? 0.5 : 0.86), -2.45 + da));
  return [
    `<g id="${id}w">`,
    `<circle r="${r}" fill="url(#${id}ty)"/>`,
    `<circle r="${num(r * 0.9)}" fill="none" stroke="#2e3033" stroke-width="4"/>`,
    `<circle r="${num(rimR)}" fill="#0d0e10"/>`,
    `<circle r="${num(rimR * 0.82)}" fill="url(#${id}dk)"/>`,
    `<circle r="${num(rimR * 0.3)}" fill="#2a2c30"/>`,
    `<path d="${polygonPath(caliper, screen)}" fill="${toHex(accent)}" stroke="${toHex(mix(accent, BLACK, 0.4))}" stroke-width="6" stroke-linejoin="round"/>`,
    `<path d="${spokes.join("")}" fill="${finish}" stroke="${finishEdge}" stroke-width="4" stroke-linejoin="round"/>`,
    `<circle r="${num(rimR * 0.985)}" fill="none" stroke="${finish}" stroke-width="${num(r * 0.05)}"/>`,
    `<circle r="${num(rimR * 1.01)}" fill="none" stroke="url(#${id}rl)" stroke-width="${num(r * 0.025)}"/>`,
    `<circle r="${num(hubR)}" fill="${finish}" stroke="${finishEdge}" stroke-width="4"/>`,
    `<circle r="${num(hubR * 0.55)}" fill="#16171a" stroke="${toHex(accent)}" stroke-width="5"/>`,
    "</g>",
  ].join("");
}

function stop(offset: number, color: string, opacity = 1): string {
  const opacityAttr = opacity === 1 ? "" : ` stop-opacity="${num(opacity, 2)}"`;
  return `<stop offset="${num(clamp(offset, 0, 1), 3)}" stop-color="${color}"${opacityAttr}/>`;
}

/** SVG matrix of the camera's local linear map around a point of the car, for wheels, shadows and gradients. */
function localMatrix(camera: Camera, x: number, y: number, z: number, plane: "xy" | "xz", absolute = false): string {
  const step = 100;
  const origin = camera.at(x, y, z);
  const u = camera.at(x + step, y, z);
  const v = plane === "xy" ? camera.at(x, y + step, z) : camera.at(x, y, z + step);
  const a = (u.x - origin.x) / step;
  const b = (u.y - origin.y) / step;
  const c = (v.x - origin.x) / step;
  const e = (v.y - origin.y) / step;
  const shiftX = absolute ? origin.x - a * x - c * (plane === "xy" ? y : z) : origin.x;
  const shiftY = absolute ? origin.y - b * x - e * (plane === "xy" ? y : z) : origin.y;
  return `matrix(${[a, b, c, e].map((m) => num(m, 4)).join(" ")} ${num(shiftX, 1)} ${num(shiftY, 1)})`;
}

function sideCamera(d: Dims): Camera {
  const scale = Math.min(SIDE_SCALE, MAX_CAR_WIDTH_PX / d.length);
  const originX = (CAR_ART_WIDTH - d.length * scale) / 2;
  const at = (x: number, y: number) => ({ x: originX + x * scale, y: GROUND_Y - y * scale });
  return { perspective: false, at, side: at, pxPerMm: scale };
}

/** A low camera ahead of the car's near side, yawed towards the nose, fitted into the canvas. */
function frontQuarterCamera(d: Dims): Camera {
  const yaw = (40 * Math.PI) / 180;
  const distance = d.length * 2.1;
  const eyeHeight = d.height * 0.8;
  const eyeX = d.length / 2 - Math.sin(yaw) * distance;
  const eyeZ = d.width / 2 - Math.cos(yaw) * distance;
  const raw = (x: number, y: number, z: number): Point => {
    const depth = (x - eyeX) * Math.sin(yaw) + (z - eyeZ) * Math.cos(yaw);
    const across = (x - eyeX) * Math.cos(yaw) - (z - eyeZ) * Math.sin(yaw);
    return { x: across / depth, y: (eyeHeight - y) / depth };
  };
  const corners = [0, d.length].flatMap((x) => [0, d.height].flatMap((y) => [0, d.width].map((z) => raw(x, y, z))));
  const xs = corners.map((p) => p.x);
  const ys = corners.map((p) => p.y);
  const spanX = Math.max(...xs) - Math.min(...xs);
  const spanY = Math.max(...ys) - Math.min(...ys);
  const zoom = Math.min(SIDE_SCALE * distance, 1330 / spanX, 600 / spanY);
  const shiftX = CAR_ART_WIDTH / 2 - (zoom * (Math.max(...xs) + Math.min(...xs))) / 2;
  const shiftY = 782 - zoom * Math.max(...ys);
  const at = (x: number, y: number, z: number) => {
    const p = raw(x, y, z);
    return { x: shiftX + zoom * p.x, y: shiftY + zoom * p.y };
  };
  const round = d.width * 0.15;
  const inset = (x: number) => (x >= round ? 0 : round - Math.sqrt(round ** 2 - (round - Math.max(0, x)) ** 2));
  return { perspective: true, at, side: (x, y) => at(x, y, inset(x)), pxPerMm: zoom / distance };
}

/**
 * Draws a catalogue illustration of a car as a self-contained SVG (1600×900, transparent background), proportioned from
 * the model's real length, height and wheelbase. Deterministic; presentation attributes only; ids prefixed per spec.
 * @example
 * const svg = carSvg({
 *   bodyType: "suv", paint: "#1f3a5f", accent: "#e4002b", lengthMm: 4900, heightMm: 1700, wheelbaseMm: 2950,
 *   view: "side", seed: 7, title: "Aurora X7 in Deep Ocean Blue",
 * });
 */
export function carSvg(spec: CarArtSpec): string {
  const style = BODY_STYLES[spec.bodyType] ?? BODY_STYLES.sedan;
  const d = dimsFor(spec, style);
  const shape = style.shape(d);
  const id = `c${fnv1a(
    JSON.stringify([
      spec.bodyType,
      spec.paint,
      spec.accent,
      spec.lengthMm,
      spec.heightMm,
      spec.wheelbaseMm,
      spec.widthMm,
      spec.view,
      spec.seed,
      spec.title,
    ]),
  ).toString(36)}`;
  const paint = parseHex(spec.paint, [138, 143, 152]);
  const accent = parseHex(spec.accent, [200, 16, 46]);
  const accentHex = toHex(accent);
  const design = designFor(spec.seed);
  const camera = spec.view === "front34" ? frontQuarterCamera(d) : sideCamera(d);
  const side = camera.side;
  const dark = luminance(paint) < 0.18;
  const light = luminance(paint) > 0.8;
  const edge = toHex(mix(paint, BLACK, light ? 0.35 : 0.55));
  const planeMatrix = localMatrix(camera, d.length / 2, d.height / 2, 0, "xy", true);

  const belt = shape.glass[0]?.[1] ?? d.height * 0.65;
  const shoulder = (shape.shoulder[0].y + shape.shoulder[1].y) / 2;
  const level = (mm: number) => (d.height - mm) / (d.height - d.sillY);
  const paintStops = [
    stop(0, toHex(mix(paint, WHITE, dark ? 0.32 : 0.4))),
    stop(level(belt), toHex(mix(paint, WHITE, dark ? 0.12 : 0.16))),
    stop(level(shoulder + 25), toHex(mix(paint, WHITE, dark ? 0.38 : 0.5))),
    stop(level(shoulder - 20), toHex(mix(paint, BLACK, light ? 0.04 : 0.02))),
    stop(level(d.height * 0.42), toHex(light ? mix(paint, [226, 229, 234], 1) : mix(paint, WHITE, 0.06))),
    stop(level(d.height * 0.26), toHex(mix(paint, BLACK, light ? 0.18 : 0.3))),
    stop(1, toHex(mix(paint, BLACK, light ? 0.4 : 0.6))),
  ].join("");
  const sheenStops = [
    stop(0, "#000", 0.28),
    stop(0.07, "#000", 0),
    stop(0.3, "#fff", dark ? 0.14 : 0.1),
    stop(0.47, "#fff", 0),
    stop(0.74, "#fff", dark ? 0.09 : 0.06),
    stop(0.9, "#000", 0),
    stop(1, "#000", 0.3),
  ].join("");

  const defs = [
    `<linearGradient id="${id}p" gradientUnits="userSpaceOnUse" x1="0" y1="${num(d.height)}" x2="0" y2="${num(d.sillY)}" gradientTransform="${planeMatrix}">${paintStops}</linearGradient>`,
    `<linearGradient id="${id}s" gradientUnits="userSpaceOnUse" x1="0" y1="0" x2="${num(d.length)}" y2="0" gradientTransform="${planeMatrix}">${sheenStops}</linearGradient>`,
    `<linearGradient id="${id}g" x1="0" y1="0" x2="0" y2="1">${stop(0, "#4a5560")}${stop(0.45, "#161b21")}${stop(1, "#0b0e12")}</linearGradient>`,
    `<radialGradient id="${id}l">${stop(0, "#fff", light ? 0.6 : 0.3)}${stop(1, "#fff", 0)}</radialGradient>`,
    `<radialGradient id="${id}h">${stop(0, "#000", 0.5)}${stop(0.55, "#000", 0.22)}${stop(1, "#000", 0)}</radialGradient>`,
    `<radialGradient id="${id}ty">${stop(0.7, "#2b2d31")}${stop(0.9, "#17181b")}${stop(1, "#0a0a0c")}</radialGradient>`,
    `<radialGradient id="${id}dk">${stop(0.3, "#3b3e43")}${stop(0.8, "#8a8e94")}${stop(1, "#4b4e53")}</radialGradient>`,
    `<linearGradient id="${id}rl" x1="0" y1="1" x2="1" y2="0">${stop(0, "#fff", 0.85)}${stop(0.5, "#fff", 0)}${stop(1, "#000", 0.4)}</linearGradient>`,
    `<path id="${id}b" d="${pathData(bodyCurve(shape, d), side, true)}"/>`,
    `<path id="${id}d" d="${knotsPath(shape.glass, side, true)}"/>`,
    `<clipPath id="${id}bc"><use href="#${id}b"/></clipPath>`,
    `<clipPath id="${id}dc"><use href="#${id}d"/></clipPath>`,
    wheelGroup(id, d, design, accent),
  ];

  const line = (from: Point, to: Point) =>
    knotsPath(
      [
        [from.x, from.y, 0],
        [to.x, to.y, 0],
      ],
      side,
    );
  const bodyDetails: string[] = [];
  const sill = d.sillY;
  const lowerTrim = shape.cladding ? "#25272b" : toHex(mix(paint, BLACK, 0.55));
  bodyDetails.push(
    `<path d="${polygonPath(
      [
        { x: -100, y: sill - 80 },
        { x: d.length + 100, y: sill - 80 },
        { x: d.length + 100, y: sill + (shape.cladding ? 150 : 85) },
        { x: -100, y: sill + (shape.cladding ? 150 : 85) },
      ],
      side,
    )}" fill="${lowerTrim}"/>`,
  );
  const lip = [d.frontAxle, d.rearAxle]
    .map((axle) => {
      const start = archStart(d);
      const radius = d.archRadius + (shape.cladding ? 38 : 0);
      const from = { x: axle + radius * Math.cos(start), y: d.wheelRadius + radius * Math.sin(start) };
      return pathData(
        { from, segments: arcSegments({ x: axle, y: d.wheelRadius }, radius, start, Math.PI - start) },
        side,
        false,
      );
    })
    .join("");
  bodyDetails.push(
    shape.cladding
      ? `<path d="${lip}" fill="none" stroke="#25272b" stroke-width="${num(76 * camera.pxPerMm)}"/>`
      : `<path d="${lip}" fill="none" stroke="${edge}" stroke-width="7"/>`,
  );
  const lipHeight = shape.cladding ? 240 : 70;
  bodyDetails.push(
    `<path d="${polygonPath(
      [
        { x: -100, y: 0 },
        { x: d.frontOverhang * 0.62, y: 0 },
        { x: d.frontOverhang * 0.5, y: d.clearance + lipHeight },
        { x: -100, y: d.clearance + lipHeight + 20 },
      ],
      side,
    )}" fill="#1f2124"/>`,
  );
  bodyDetails.push(
    `<path d="${polygonPath(
      [
        { x: d.rearAxle + d.archRadius, y: 0 },
        { x: d.length + 100, y: 0 },
        { x: d.length + 100, y: d.clearance + 200 },
        { x: d.rearAxle + d.archRadius + 80, y: d.clearance + 160 },
      ],
      side,
    )}" fill="#1b1d20"/>`,
  );
  bodyDetails.push(
    `<path d="${line(
      { x: d.frontAxle + d.archRadius + 30, y: sill + 95 },
      { x: d.rearAxle - d.archRadius - 30, y: sill + 110 },
    )}" fill="none" stroke="${accentHex}" stroke-width="3"/>`,
  );
  bodyDetails.push(
    ...[d.frontAxle, d.rearAxle].map(
      (axle) =>
        `<ellipse rx="${num(d.archRadius * 1.25)}" ry="170" fill="url(#${id}l)" transform="${localMatrix(camera, axle, d.wheelRadius + d.archRadius + 90, 0, "xy")}"/>`,
    ),
  );
  const [shoulderFront, shoulderRear] = shape.shoulder;
  bodyDetails.push(
    `<path d="${line({ x: shoulderFront.x, y: shoulderFront.y - 12 }, { x: shoulderRear.x, y: shoulderRear.y - 12 })}" fill="none" stroke="#000" stroke-opacity="0.16" stroke-width="3"/>`,
    `<path d="${line(shoulderFront, shoulderRear)}" fill="none" stroke="#fff" stroke-opacity="${light ? 0.9 : 0.4}" stroke-width="2"/>`,
    `<path d="${line(
      { x: d.frontAxle + d.archRadius * 0.9, y: d.height * 0.33 },
      { x: d.rearAxle - d.archRadius * 0.9, y: d.height * 0.37 },
    )}" fill="none" stroke="#fff" stroke-opacity="${light ? 0.7 : 0.16}" stroke-width="2"/>`,
  );
  bodyDetails.push(
    `<path d="${shape.doorCuts.map((cut) => knotsPath(cut, side)).join("")}" fill="none" stroke="${toHex(mix(paint, BLACK, light ? 0.45 : 0.7))}" stroke-width="2.2" stroke-linecap="round"/>`,
  );
  const handles = shape.handles
    .map((h) =>
      knotsPath(
        [
          [h.x - 95, h.y, 0.6],
          [h.x, h.y + 18, 1],
          [h.x + 95, h.y, 0.6],
          [h.x, h.y - 18, 1],
        ],
        side,
        true,
      ),
    )
    .join("");
  bodyDetails.push(
    `<path d="${handles}" fill="${toHex(mix(paint, WHITE, 0.25))}" stroke="${edge}" stroke-width="1.5"/>`,
  );

  const hood = shape.hoodEdge;
  const headLamp = knotsPath(
    [
      [-60, hood.y - 100, 0],
      [d.frontOverhang * 0.62, hood.y - 22, 0.5],
      [d.frontOverhang * 0.58, hood.y - 58, 0.5],
      [-60, hood.y - 190, 0],
    ],
    side,
    true,
  );
  const headLed = line({ x: -20, y: hood.y - 110 }, { x: d.frontOverhang * 0.57, y: hood.y - 36 });
  bodyDetails.push(
    `<path d="${headLamp}" fill="#101317" stroke="#000" stroke-width="1.5"/>`,
    `<path d="${headLed}" fill="none" stroke="#dff0ff" stroke-opacity="0.45" stroke-width="9" stroke-linecap="round"/>`,
    `<path d="${headLed}" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round"/>`,
  );
  const tail = shape.tailLamp;
  const tailLamp = tail.vertical
    ? polygonPath(
        [
          { x: d.length - tail.depth, y: tail.y },
          { x: d.length + 100, y: tail.y - 20 },
          { x: d.length + 100, y: d.height * 0.9 },
          { x: d.length - tail.depth, y: d.height * 0.86 },
        ],
        side,
      )
    : knotsPath(
        [
          [d.length - tail.depth, tail.y + tail.thickness * 0.1, 0],
          [d.length + 100, tail.y + tail.thickness * 0.55, 0],
          [d.length + 100, tail.y - tail.thickness * 0.55, 0],
          [d.length - tail.depth * 0.8, tail.y - tail.thickness * 0.35, 0.5],
        ],
        side,
        true,
      );
  const tailLed = tail.vertical
    ? line({ x: d.length - tail.depth + 25, y: tail.y + 20 }, { x: d.length - tail.depth + 25, y: d.height * 0.84 })
    : line(
        { x: d.length - tail.depth * 0.9, y: tail.y + tail.thickness * 0.05 },
        { x: d.length + 50, y: tail.y + tail.thickness * 0.25 },
      );
  bodyDetails.push(
    `<path d="${tailLamp}" fill="#4a070b" stroke="#1a0203" stroke-width="1.5"/>`,
    `<path d="${tailLed}" fill="none" stroke="#ff2a1f" stroke-opacity="0.5" stroke-width="9" stroke-linecap="round"/>`,
    `<path d="${tailLed}" fill="none" stroke="#ff6a55" stroke-width="3" stroke-linecap="round"/>`,
  );

  const glassStart = shape.glass[0]?.[0] ?? 0;
  const glassSpan = Math.max(...shape.glass.map((k) => k[0])) - glassStart;
  const pillars = shape.pillars
    .map((p) =>
      polygonPath(
        [
          { x: p.x - p.width / 2, y: belt - 50 },
          { x: p.x + p.width / 2, y: belt - 50 },
          { x: p.x + p.width / 2 + p.lean, y: d.height },
          { x: p.x - p.width / 2 + p.lean, y: d.height },
        ],
        side,
      ),
    )
    .join("");
  const reflection = polygonPath(
    [
      { x: glassStart + glassSpan * 0.12, y: belt - 50 },
      { x: glassStart + glassSpan * 0.34, y: belt - 50 },
      { x: glassStart + glassSpan * 0.52, y: d.height },
      { x: glassStart + glassSpan * 0.4, y: d.height },
    ],
    side,
  );
  const mirror = shape.mirror;
  const mirrorPath = knotsPath(
    [
      [mirror.x + 10, mirror.y + 20, 0],
      [mirror.x + 20, mirror.y + 120, 0.7],
      [mirror.x + 120, mirror.y + 165, 0.9],
      [mirror.x + 250, mirror.y + 150, 0.7],
      [mirror.x + 265, mirror.y + 60, 0.7],
      [mirror.x + 215, mirror.y + 20, 0],
    ],
    side,
    true,
  );

  const shadows: string[] = [];
  if (camera.perspective) {
    const ground = localMatrix(camera, d.length / 2, 0, d.width / 2, "xz");
    shadows.push(
      `<ellipse rx="${num(d.length * 0.6)}" ry="${num(d.width * 0.8)}" fill="url(#${id}h)" transform="${ground}"/>`,
      `<ellipse rx="${num(d.length * 0.48)}" ry="${num(d.width * 0.55)}" fill="url(#${id}h)" transform="${ground}"/>`,
    );
  } else {
    const center = camera.at(d.length / 2, 0, 0);
    const span = d.length * camera.pxPerMm;
    shadows.push(
      `<ellipse cx="${num(center.x)}" cy="${GROUND_Y + 4}" rx="${num(span * 0.6)}" ry="${num(span * 0.045)}" fill="url(#${id}h)"/>`,
      `<ellipse cx="${num(center.x)}" cy="${GROUND_Y + 2}" rx="${num(span * 0.46)}" ry="14" fill="url(#${id}h)"/>`,
      ...[d.frontAxle, d.rearAxle].map(
        (axle) =>
          `<ellipse cx="${num(camera.at(axle, 0, 0).x)}" cy="${GROUND_Y + 3}" rx="${num(d.wheelRadius * camera.pxPerMm * 1.1)}" ry="10" fill="url(#${id}h)"/>`,
      ),
    );
  }

  const wheelAt = (axle: number, z: number) =>
    `<use href="#${id}w" transform="${localMatrix(camera, axle, d.wheelRadius, z, "xy")}"/>`;
  const treadAt = (axle: number, z: number) =>
    `<circle r="${num(d.wheelRadius)}" fill="#0b0b0c" transform="${localMatrix(camera, axle, d.wheelRadius, z, "xy")}"/>`;
  const tyreWidth = 240;

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CAR_ART_WIDTH}" height="${CAR_ART_HEIGHT}" viewBox="0 0 ${CAR_ART_WIDTH} ${CAR_ART_HEIGHT}" role="img" aria-labelledby="${id}t">`,
    `<title id="${id}t">${escapeXml(spec.title)}</title>`,
    `<defs>${defs.join("")}</defs>`,
    shadows.join(""),
    camera.perspective ? treadAt(d.frontAxle, d.width - 40) + treadAt(d.frontAxle, d.width - 40 - tyreWidth) : "",
    camera.perspective ? frontOfCar(camera, d, shape, id, paint, accentHex, design) : "",
    `<g fill="#0c0d0f">${[d.frontAxle, d.rearAxle].map((axle) => `<path d="${wheelWellPath(d, axle, side)}"/>`).join("")}</g>`,
    camera.perspective ? treadAt(d.frontAxle, tyreWidth) + treadAt(d.rearAxle, tyreWidth) : "",
    shape.roofRail
      ? `<path d="${knotsPath(shape.roofRail, side)}" fill="none" stroke="#222427" stroke-width="7" stroke-linejoin="round"/>`
      : "",
    `<use href="#${id}b" fill="url(#${id}p)"/>`,
    `<g clip-path="url(#${id}bc)">${bodyDetails.join("")}</g>`,
    `<use href="#${id}b" fill="url(#${id}s)"/>`,
    `<use href="#${id}d" fill="url(#${id}g)"/>`,
    `<g clip-path="url(#${id}dc)"><path d="${reflection}" fill="#fff" fill-opacity="0.09"/><path d="${pillars}" fill="#0a0b0d"/></g>`,
    `<use href="#${id}d" fill="none" stroke="#0a0b0d" stroke-width="5" stroke-linejoin="round"/>`,
    shape.chrome ? `<use href="#${id}d" fill="none" stroke="#d5d9df" stroke-width="1.6"/>` : "",
    shape.rail ? `<path d="${knotsPath(shape.rail, side)}" fill="none" stroke="#2a2c30" stroke-width="5"/>` : "",
    `<path d="${mirrorPath}" fill="url(#${id}p)" stroke="${edge}" stroke-width="1.5"/>`,
    `<use href="#${id}b" fill="none" stroke="${edge}" stroke-width="1.5" stroke-linejoin="round"/>`,
    wheelAt(d.frontAxle, 0),
    wheelAt(d.rearAxle, 0),
    "</svg>",
  ].join("");
}

/** Nose, bonnet and windscreen, seen only by the front three-quarter camera; drawn before the near side. */
function frontOfCar(
  camera: Camera,
  d: Dims,
  shape: Shape,
  id: string,
  paint: Rgb,
  accent: string,
  design: Design,
): string {
  const outline = sampleCurve(smoothCurve(shape.outline, false), 8);
  const nose = outline.filter((p) => p.x < d.frontOverhang);
  const bottom = shape.outline[0]?.[1] ?? d.clearance;
  const top = shape.hoodEdge.y;
  const round = d.width * 0.15;
  const depth = (u: number) => {
    if (u < d.width / 2) return u >= round ? 0 : round - Math.sqrt(round ** 2 - (round - Math.max(0, u)) ** 2);
    const e = d.width - u;
    return e >= round ? 0 : (0.25 * (round - Math.max(0, e)) ** 2) / round;
  };
  const noseX = (v: number) => {
    const x = crossing(nose, clamp(v, bottom + 1, top - 1), "y", Math.min);
    return Number.isNaN(x) ? 0 : x;
  };
  const face = (u: number, v: number) => camera.at(noseX(v) + depth(u), v, u);
  const surfaceY = (x: number) => {
    const y = crossing(outline, x, "x", Math.max);
    return Number.isNaN(y) ? top : y;
  };
  const shapeOn = (points: [number, number, number?][]) =>
    knotsPath(
      points.map(([u, v, smooth]) => {
        const p = face(u, v);
        return [p.x, p.y, smooth ?? 1] as const;
      }),
      screen,
      true,
    );
  const w = d.width;
  const steps = (from: number, to: number, count: number) =>
    Array.from({ length: count + 1 }, (_, i) => from + ((to - from) * i) / count);
  const edgeRow = (v: number, from: number, to: number) =>
    steps(from, to, 8).map((u, i) => [u, v, i % 8 === 0 ? 0 : 1] as [number, number, number]);
  const facePath = shapeOn([
    ...edgeRow(top, 0, w),
    [w, (top + bottom) / 2, 1],
    ...edgeRow(bottom, w, 0),
    [0, (top + bottom) / 2, 1],
  ]);
  const hoodXs = steps(shape.hoodEdge.x, shape.cowl.x, 5);
  const hoodPoints = [
    ...hoodXs.map((x) => camera.side(x, surfaceY(x))),
    ...hoodXs.reverse().map((x) => camera.at(Math.max(x, noseX(top) + depth(w)), surfaceY(x) + 20, w)),
    ...steps(w, 0, 8).map((u) => face(u, top)),
  ];
  const glassInset = 110;
  const header = shape.screenTop.x + 260;
  const framePath = polygonPath(
    [
      camera.at(shape.cowl.x, shape.cowl.y, 0),
      camera.at(header, surfaceY(header), 0),
      camera.at(header, surfaceY(header), w),
      camera.at(shape.cowl.x, shape.cowl.y, w),
    ],
    screen,
  );
  const screenPath = polygonPath(
    [
      camera.at(shape.cowl.x, shape.cowl.y, glassInset * 0.5),
      camera.at(shape.screenTop.x, shape.screenTop.y, glassInset),
      camera.at(shape.screenTop.x, shape.screenTop.y, w - glassInset),
      camera.at(shape.cowl.x, shape.cowl.y, w - glassInset * 0.5),
    ],
    screen,
  );
  const lampFor = (mirror: boolean) => {
    const u = (value: number) => (mirror ? w - value : value);
    return shapeOn([
      [u(0), top - 85, 0],
      [u(w * 0.33), top - 65, 0.4],
      [u(w * 0.31), top - 112, 0.4],
      [u(0), top - 165, 0],
    ]);
  };
  const ledFor = (mirror: boolean) => {
    const u = (value: number) => (mirror ? w - value : value);
    const from = face(u(mirror ? w * 0.03 : round), top - 100);
    const to = face(u(w * 0.31), top - 82);
    return `M${num(from.x)} ${num(from.y)}L${num(to.x)} ${num(to.y)}`;
  };
  const barFrom = face(w * 0.31, top - 82);
  const barTo = face(w * 0.69, top - 82);
  const bar = design.lightBar ? `M${num(barFrom.x)} ${num(barFrom.y)}L${num(barTo.x)} ${num(barTo.y)}` : "";
  const intake = shapeOn([
    [w * 0.2, bottom + 210, 0.5],
    [w * 0.8, bottom + 210, 0.5],
    [w * 0.76, bottom + 45, 0.5],
    [w * 0.24, bottom + 45, 0.5],
  ]);
  const badge = shapeOn([
    [w / 2, top - 175, 0],
    [w / 2 + 40, top - 140, 0],
    [w / 2, top - 105, 0],
    [w / 2 - 40, top - 140, 0],
  ]);
  const leds = `${ledFor(false)}${ledFor(true)}${bar}`;
  return [
    `<path d="${framePath}" fill="${toHex(mix(paint, WHITE, 0.1))}" stroke="${toHex(mix(paint, BLACK, 0.5))}" stroke-width="1.5"/>`,
    `<path d="${screenPath}" fill="url(#${id}g)" stroke="#0a0b0d" stroke-width="4" stroke-linejoin="round"/>`,
    `<linearGradient id="${id}hd" x1="0" y1="0" x2="1" y2="1">${stop(0, toHex(mix(paint, WHITE, 0.5)))}${stop(1, toHex(mix(paint, WHITE, 0.08)))}</linearGradient>`,
    `<path d="${polygonPath(hoodPoints, screen)}" fill="url(#${id}hd)" stroke="${toHex(mix(paint, BLACK, 0.3))}" stroke-width="1"/>`,
    `<clipPath id="${id}fc"><path id="${id}f" d="${facePath}"/></clipPath>`,
    `<use href="#${id}f" fill="url(#${id}p)"/>`,
    `<g clip-path="url(#${id}fc)">`,
    `<use href="#${id}f" fill="#000" fill-opacity="0.12"/>`,
    `<path d="${intake}" fill="#15171a"/>`,
    `<path d="${lampFor(false)}${lampFor(true)}" fill="#101317"/>`,
    `<path d="${leds}" fill="none" stroke="#dff0ff" stroke-opacity="0.45" stroke-width="9" stroke-linecap="round"/>`,
    `<path d="${leds}" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round"/>`,
    `<path d="${badge}" fill="${accent}"/>`,
    "</g>",
    `<use href="#${id}f" fill="none" stroke="${toHex(mix(paint, BLACK, 0.5))}" stroke-width="1.5"/>`,
  ].join("");
}

/**
 * Content-addressed R2 key for a generated SVG, so identical art is stored once and can be cached forever.
 * @example
 * await carSvgKey(carSvg(spec)); // "images/3f9a0c1d2e4b5a67.svg"
 */
export async function carSvgKey(svg: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(svg));
  const hex = [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  return `images/${hex.slice(0, 16)}.svg`;
}
