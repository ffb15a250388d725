/**
 * The geometry of a generated car as a tree of named groups and meshes (no Babylon here).
 *
 * The body is a lofted "tub": a superellipse cross-section swept from nose to tail whose width
 * follows a plan-view curve and whose bottom and crown follow side-profile curves, with the
 * wheel arches cut out of its underside. The greenhouse is a second loft that grows out of the
 * tub's shoulders (windscreen), carries the roof and ends in a rear window or a tailgate. Glass,
 * pillars, lamps and intakes are regions of those two surfaces, so they share smooth normals.
 */

import {
  add,
  clamp,
  curve,
  lerp,
  type MeshData,
  merge,
  normalize,
  prism,
  revolveX,
  samples,
  scale,
  smoothstep,
  spow,
  superellipsoid,
  surfaceNormal,
  surfacePieces,
  transform,
  type Vec3,
} from "./geometry.ts";
import { type CarSpec, SILHOUETTES, type Silhouette } from "./spec.ts";

/** Every material of a model; render commands address them by these names. */
export const MATERIALS = [
  "paint",
  "glass",
  "chrome",
  "trim-black",
  "shut-line",
  "headlight",
  "taillight",
  "tyre",
  "rim",
  "brake-disc",
  "caliper",
  "wheel-well",
  "interior",
  "interior-trim",
  "headliner",
  "carpet",
  "screen",
] as const;
export type MaterialName = (typeof MATERIALS)[number];

export interface Part {
  name: string;
  material: MaterialName;
  mesh: MeshData;
}

export interface Group {
  name: string;
  position?: Vec3;
  rotationY?: number;
  /** Written as the glTF node's `extras`. */
  extras?: Record<string, unknown>;
  parts: Part[];
  children: Group[];
}

/**
 * Points the viewer explains (empty nodes `hotspot-<feature>[-L|-R]`): `facing` is the outward
 * direction a camera must look against to see the point (none inside the car).
 */
export const HOTSPOTS = ["headlight", "wheel", "energy", "roof", "screen", "seats"] as const;
export type Hotspot = (typeof HOTSPOTS)[number];

function hotspot(feature: Hotspot, position: Vec3, facing?: Vec3, side?: "L" | "R"): Group {
  return {
    name: side ? `hotspot-${feature}-${side}` : `hotspot-${feature}`,
    position,
    extras: facing ? { hotspot: feature, facing: normalize(facing) } : { hotspot: feature },
    parts: [],
    children: [],
  };
}

const CORNERS = ["FL", "FR", "RL", "RR"] as const;

const PI = Math.PI;
const TOP_EXPONENT = 3;
const BOTTOM_EXPONENT = 5;
/** Tub parameter where the greenhouse sits on the shoulder. */
const BELT = 0.42;

/** Rim radius of a wheel size in inches. */
const rimRadius = (inches: number) => (inches * 0.0254) / 2;

interface Layout {
  length: number;
  halfWidth: number;
  height: number;
  wheelbase: number;
  tyreRadius: number;
  tyreWidth: number;
  trackHalf: number;
  archRadius: number;
  /** Front and rear axle stations (0 = nose, 1 = tail). */
  uf: number;
  ur: number;
  z: (u: number) => number;
  silhouette: Silhouette;
}

/** Dimensions and stations of a spec. */
function layout(spec: CarSpec): Layout {
  const length = spec.lengthMm / 1000;
  const wheelbase = spec.wheelbaseMm / 1000;
  const silhouette = SILHOUETTES[spec.bodyType];
  const largest = Math.max(...spec.wheelSizes);
  const smallest = Math.min(...spec.wheelSizes);
  const tyreRadius = Math.max(rimRadius(largest) + 0.085, rimRadius(smallest) + 0.105, 0.3 + spec.heightMm / 20000);
  const tyreWidth = clamp(0.17 + (largest - 15) * 0.012, 0.19, 0.29);
  const halfWidth = spec.widthMm / 2000;
  const front = (length - wheelbase) * silhouette.frontShare;
  return {
    length,
    halfWidth,
    height: spec.heightMm / 1000,
    wheelbase,
    tyreRadius,
    tyreWidth,
    trackHalf: halfWidth - tyreWidth / 2 - 0.035,
    archRadius: tyreRadius + 0.045,
    uf: front / length,
    ur: (front + wheelbase) / length,
    z: (u) => length / 2 - u * length,
    silhouette,
  };
}

/**
 * How finely surfaces are divided: 1 is the full model; `LITE_DETAIL` is the lighter one that
 * CPU-drawn WebGL gets, with the same nodes, materials and hotspots.
 */
export const FULL_DETAIL = 1;
export const LITE_DETAIL = 0.45;

/** A tessellation count scaled by the detail, never below `least`. */
type Steps = (count: number, least?: number) => number;
function stepsOf(detail: number): Steps {
  return (count, least = 4) => Math.max(least, Math.round(count * detail));
}

/** The car as groups of named meshes; the root is `car`. */
export function carGeometry(spec: CarSpec, detail = FULL_DETAIL): Group {
  const n = stepsOf(detail);
  const l = layout(spec);
  const s = l.silhouette;
  const H = l.height;
  const L = l.length;
  const wbu = l.wheelbase / L;
  const front = (k: number) => l.uf + k * wbu;
  const rear = (k: number) => l.ur + k * wbu;
  const cowl = front(s.cowl);
  const aTop = front(s.aTop);
  const bPillar = front(s.bPillar);
  const cTop = rear(s.cTop);
  const sideEnd = rear(s.sideEnd);
  const end = Math.min(rear(s.end), 0.985);

  const frontRound = 0.4 / L;
  const rearRound = 0.36 / L;
  const plan = (u: number) => {
    const f = u < frontRound ? (1 - (1 - u / frontRound) ** 2.4) ** (1 / 2.4) : 1;
    const r = u > 1 - rearRound ? (1 - (1 - (1 - u) / rearRound) ** 2.6) ** (1 / 2.6) : 1;
    const taper = 1 - 0.035 * clamp((u - l.ur) / (1 - l.ur), 0, 1) ** 2;
    return l.halfWidth * f * r * taper;
  };
  /** Station where the plan width reaches `fraction` of the full width at the front or rear. */
  const planFront = (fraction: number) => frontRound * (1 - (1 - fraction ** 2.4) ** (1 / 2.4));
  const planRear = (fraction: number) => 1 - rearRound * (1 - (1 - fraction ** 2.6) ** (1 / 2.6));

  const c = s.crown;
  const crownCurve = curve([
    [0, c.nose * H],
    [0.035, c.edge * H],
    [l.uf, c.axle * H],
    [cowl, c.cowl * H],
    [(cowl + aTop) / 2, lerp(c.cowl, c.cabin, 0.7) * H],
    [aTop, c.cabin * H],
    [(aTop + end) / 2, c.cabin * H],
    [end, c.end * H],
    [0.97, lerp(c.end, c.tail, 0.8) * H],
    [1, c.tail * H],
  ]);
  const lift = s.clearance;
  const bottomCurve = curve([
    [0, lift + 0.11],
    [l.uf, lift + 0.02],
    [(l.uf + l.ur) / 2, lift],
    [l.ur, lift + 0.03],
    [1, lift + 0.17],
  ]);
  const edgeRound = (u: number) => {
    const t = Math.min(clamp(u / 0.03, 0, 1), clamp((1 - u) / 0.025, 0, 1));
    return 1 - (1 - (1 - t) ** 2) ** 0.5;
  };
  const wheelZ = [l.z(l.uf), l.z(l.ur)];
  const arch = (z: number) => {
    let h = 0;
    for (const wz of wheelZ) {
      const dz = z - wz;
      if (Math.abs(dz) < l.archRadius) h = Math.max(h, l.tyreRadius + Math.sqrt(l.archRadius ** 2 - dz ** 2));
    }
    return h;
  };

  /** The tub: u from nose (0) to tail (1), t in [0, 1] round the section from the bottom centre, left side first. */
  const tubAt = (u: number, theta: number): Vec3 => {
    const z = l.z(u);
    const width = plan(u);
    const round = edgeRound(u);
    const base = bottomCurve(u) + round * 0.1;
    const bottom = Math.max(base, arch(z));
    const top = crownCurve(u) - round * 0.06;
    const waist = Math.max(base + 0.45 * (top - base), bottom + 0.05);
    const sin = Math.sin(theta);
    const cos = Math.cos(theta);
    if (sin >= 0) return [width * spow(cos, 2 / TOP_EXPONENT), waist + (top - waist) * spow(sin, 2 / TOP_EXPONENT), z];
    return [width * spow(cos, 2 / BOTTOM_EXPONENT), waist + (waist - bottom) * spow(sin, 2 / BOTTOM_EXPONENT), z];
  };
  const tub = (u: number, t: number) => tubAt(u, -PI / 2 + t * 2 * PI);
  const thetaOf = (t: number) => -PI / 2 + t * 2 * PI;
  const tOf = (theta: number) => (theta + PI / 2) / (2 * PI);
  /** Left-side equivalent of a section angle (the right side mirrors it). */
  const sideTheta = (t: number) => {
    const theta = thetaOf(t);
    return theta <= PI / 2 ? theta : PI - theta;
  };
  const outwardTub = (u: number, _t: number, p: Vec3): Vec3 => {
    const top = crownCurve(u);
    const base = bottomCurve(u);
    return [p[0], p[1] - (base + top) / 2, 0];
  };

  const riseAt = (u: number) => {
    if (u <= cowl) return 0;
    if (u < aTop) return 1 - (1 - (u - cowl) / (aTop - cowl)) ** 1.7;
    if (s.tailgate || u <= cTop) return 1;
    return Math.max(0, 1 - ((u - cTop) / (end - cTop)) ** 1.35);
  };
  const roofCurve = curve(s.roof.map(([t, h]) => [lerp(aTop, end, t), h * H]));
  const leanAt = (u: number) =>
    s.tailgate ? s.lean * smoothstep((u - lerp(aTop, end, 0.7)) / (end - lerp(aTop, end, 0.7))) : 0;

  /** The greenhouse: v from the left belt (0) over the roof (0.5) to the right belt (1). */
  const greenhouse = (u: number, v: number): Vec3 => {
    const f = v <= 0.5 ? 2 * v : 2 - 2 * v;
    const side = v <= 0.5 ? 1 : -1;
    const thetaArc = BELT + (PI / 2 - BELT) * f;
    const arc = tubAt(u, side > 0 ? thetaArc : PI - thetaArc);
    const belt = tubAt(u, BELT);
    const g = spow(Math.sin((f * PI) / 2), 2 / s.squareness);
    const cabin: Vec3 = [
      side * belt[0] * (1 - s.tumble * g) * spow(Math.cos((f * PI) / 2), 2 / s.squareness),
      belt[1] + (roofCurve(u) - belt[1]) * g,
      belt[2] - leanAt(u) * g,
    ];
    return add(arc, scale([cabin[0] - arc[0], cabin[1] - arc[1], cabin[2] - arc[2]], riseAt(u)));
  };
  const outwardGreenhouse = (u: number, v: number): Vec3 => {
    const belt = tubAt(u, BELT);
    const p = greenhouse(u, v);
    return [p[0], p[1] - belt[1] + 0.3, 0];
  };

  // Stations and section angles that must be grid lines.
  const lampInner = planFront(0.42);
  const lampOuter = planFront(0.999);
  const tailInner = planRear(0.5);
  const tailOuter = planRear(0.999);
  const doorFront = l.uf + (l.archRadius + 0.1) / L;
  const doorRear = l.ur - (l.archRadius + 0.06) / L;
  const archStations = wheelZ.flatMap((wz) =>
    [-1, -0.7, -0.35, 0, 0.35, 0.7, 1].map((k) => (l.length / 2 - wz + k * l.archRadius) / L),
  );
  const bHalf = 0.05 / L;
  const endSpacing = (t: number) => (1 - Math.cos(t * PI)) / 2;
  const us = samples(
    n(110),
    [
      ...samples(n(24), [], (t) => t * frontRound * 1.2),
      ...samples(n(20), [], (t) => 1 - t * rearRound * 1.2),
      ...archStations,
      cowl,
      aTop,
      bPillar,
      bPillar - bHalf,
      bPillar + bHalf,
      cTop,
      sideEnd,
      end,
      lampInner,
      lampOuter,
      tailInner,
      tailOuter,
    ],
    endSpacing,
  );

  const bands = {
    lampLow: 0.14,
    lampHigh: 0.33,
    drlLow: 0.3,
    grilleLow: -0.75,
    grilleHigh: -0.12,
    tailLow: 0.2,
    tailHigh: 0.34,
    diffuserHigh: -0.3,
    claddingHigh: -0.42,
  };
  const thetaLines = [0, ...Object.values(bands), BELT, -PI / 2 + 0.001, PI / 2 - 0.001];
  // The greenhouse meets the tub along the belt, at the cowl and at the tail: its v (0 at the left
  // belt, 1 at the right) is the tub's t over the top, so both share every vertex there and the
  // shell is closed without cracks.
  const beltT = tOf(BELT);
  const beltT2 = tOf(PI - BELT);
  const tOfV = (v: number) => lerp(beltT, beltT2, v);
  const windowLow = 0.04;
  const windowHigh = 0.4;
  const screenSide = 0.47;
  const tailgateSide = 0.07;
  const greenhouseLines = [windowLow, windowHigh, screenSide, tailgateSide * 2].flatMap((f) => [f / 2, 1 - f / 2]);
  const ts = samples(n(72), [
    ...thetaLines.flatMap((theta) => [tOf(theta), tOf(PI - theta)]),
    ...samples(n(40)).map(tOfV),
    ...greenhouseLines.map(tOfV),
  ]);

  const tubRegion = (u: number, t: number): MaterialName | null => {
    const theta = sideTheta(t);
    if (u > cowl && u < end && theta > BELT) return null;
    if (u < lampOuter && theta > bands.lampLow && theta < bands.lampHigh && u > lampInner) return "headlight";
    if (u < lampInner && theta > bands.drlLow && theta < bands.lampHigh) return "headlight";
    if (u < planFront(0.75) && theta > bands.grilleLow && theta < bands.grilleHigh) return "trim-black";
    if (u > tailInner && theta > bands.tailLow && theta < bands.tailHigh) return "taillight";
    if (u > tailOuter - 0.001 && theta > bands.tailHigh - 0.04 && theta < bands.tailHigh) return "taillight";
    if (u > planRear(0.85) && theta < bands.diffuserHigh) return "trim-black";
    if (s.cladding && theta < bands.claddingHigh) return "trim-black";
    if (arch(l.z(u)) > 0 && theta < -0.2) return s.cladding ? "trim-black" : "paint";
    return "paint";
  };
  const tubPieces = surfacePieces(tub, us, ts, outwardTub, tubRegion);

  // Greenhouse regions, by f (0 at the belt, 1 at the roof centre) on each side.
  const vs = ts
    .filter((t) => t >= beltT - 1e-9 && t <= beltT2 + 1e-9)
    .map((t) => clamp((t - beltT) / (beltT2 - beltT), 0, 1));
  const ghU = us.filter((u) => u >= cowl - 1e-9 && u <= end + 1e-9);
  const greenhouseRegion = (u: number, v: number): MaterialName => {
    const f = v <= 0.5 ? 2 * v : 2 - 2 * v;
    if (f < windowLow) return "trim-black";
    if (u < aTop) return f > screenSide ? "glass" : f > windowHigh ? "trim-black" : "glass";
    if (f >= windowHigh) {
      if (!s.tailgate && u > cTop && f > screenSide) return "glass";
      return "paint";
    }
    if (Math.abs(u - bPillar) < bHalf) return "trim-black";
    if (u > sideEnd) return s.tailgate ? "trim-black" : "paint";
    return "glass";
  };
  const greenhousePieces = surfacePieces(greenhouse, ghU, vs, outwardGreenhouse, greenhouseRegion);

  const body: Group = { name: "body", parts: [], children: [] };
  const glassParts: MeshData[] = [];
  const lights: Part[] = [];
  const addPieces = (pieces: Map<string, MeshData>, prefix: string) => {
    for (const [material, mesh] of pieces) {
      const name = material as MaterialName;
      if (name === "glass") glassParts.push(mesh);
      else if (name === "headlight" || name === "taillight")
        lights.push({ name: `${prefix}-${name}`, material: name, mesh });
      else body.parts.push({ name: `${prefix}-${name}`, material: name, mesh });
    }
  };
  addPieces(tubPieces, "body");
  addPieces(greenhousePieces, "greenhouse");

  if (s.tailgate) {
    const capFn = (w: number, v: number): Vec3 => {
      const a = greenhouse(end, v);
      const f = v <= 0.5 ? 2 * v : 2 - 2 * v;
      const thetaArc = BELT + (PI / 2 - BELT) * f;
      const b = tubAt(end, v <= 0.5 ? thetaArc : PI - thetaArc);
      return [lerp(b[0], a[0], w), lerp(b[1], a[1], w), lerp(b[2], a[2], w)];
    };
    const cap = surfacePieces(
      capFn,
      samples(n(12), [0.12, 0.9]),
      vs,
      () => [0, 0.2, -1],
      (w, v) => (w > 0.12 && w < 0.9 && v > tailgateSide && v < 1 - tailgateSide ? "glass" : "trim-black"),
    );
    addPieces(cap, "tailgate");
  }

  // Shut lines: front and rear doors, each side.
  const shutLines: MeshData[] = [];
  const doorThetaLow = -0.5;
  for (const u of [doorFront, bPillar, doorRear]) {
    const half = 0.0022 / L;
    for (const side of [1, -1]) {
      const line = (a: number, b: number) => {
        const theta = lerp(doorThetaLow, BELT - 0.01, b);
        return tubAt(u - half + 2 * half * a, side > 0 ? theta : PI - theta);
      };
      const piece = surfacePieces(
        line,
        [0, 1],
        samples(n(24)),
        (_a, _b, p) => [p[0], 0, 0],
        () => "shut-line",
        { offset: 0.0015 },
      );
      shutLines.push(...piece.values());
    }
  }
  body.parts.push({ name: "shut-lines", material: "shut-line", mesh: merge(shutLines) });

  // Door handles (flush, chrome) and mirrors.
  const handles: MeshData[] = [];
  const handleTheta = BELT - 0.13;
  for (const u of [bPillar - 0.14 / L, doorRear - 0.14 / L]) {
    for (const side of [1, -1]) {
      const p = tubAt(u, side > 0 ? handleTheta : PI - handleTheta);
      handles.push(
        transform(superellipsoid([0.012, 0.011, 0.075], 3.2, n(8, 6)), {
          translate: [p[0] + side * 0.004, p[1], p[2]],
        }),
      );
    }
  }
  body.parts.push({ name: "door-handles", material: "chrome", mesh: merge(handles) });

  const mirrors: Group = { name: "mirrors", parts: [], children: [] };
  for (const side of [1, -1]) {
    const label = side > 0 ? "L" : "R";
    const base = tubAt(cowl + 0.12 / L, side > 0 ? BELT : PI - BELT);
    const centre: Vec3 = [base[0] + side * 0.15, base[1] + 0.07, base[2] - 0.04];
    mirrors.parts.push(
      {
        name: `mirror-${label}`,
        material: "paint",
        mesh: transform(superellipsoid([0.1, 0.06, 0.065], 2.6, n(12, 6)), { translate: centre }),
      },
      {
        name: `mirror-glass-${label}`,
        material: "chrome",
        mesh: transform(superellipsoid([0.088, 0.05, 0.006], 3, n(8, 6)), {
          translate: [centre[0], centre[1], centre[2] - 0.062],
        }),
      },
      {
        name: `mirror-arm-${label}`,
        material: "trim-black",
        mesh: prism(
          [
            [base[0] - side * 0.02, base[1] - 0.005, base[2] + 0.02],
            [centre[0] - side * 0.05, centre[1] - 0.04, centre[2] + 0.02],
            [centre[0] - side * 0.05, centre[1] - 0.04, centre[2] - 0.03],
            [base[0] - side * 0.02, base[1] - 0.005, base[2] - 0.05],
          ],
          [
            [base[0] - side * 0.02, base[1] + 0.025, base[2] + 0.02],
            [centre[0] - side * 0.05, centre[1] - 0.015, centre[2] + 0.02],
            [centre[0] - side * 0.05, centre[1] - 0.015, centre[2] - 0.03],
            [base[0] - side * 0.02, base[1] + 0.025, base[2] - 0.05],
          ],
        ),
      },
    );
  }

  // Wheel wells: dark liners inside the arches, so the car cannot be seen through.
  const wells: MeshData[] = [];
  for (const wz of wheelZ) {
    for (const side of [1, -1]) {
      const x0 = side * (l.halfWidth - 0.005);
      const x1 = side * (l.trackHalf - l.tyreWidth * 0.8);
      const radius = l.archRadius - 0.004;
      const well = (a: number, b: number): Vec3 => {
        const angle = lerp(-0.35, PI + 0.35, b);
        return [lerp(x0, x1, a), l.tyreRadius + radius * Math.sin(angle), wz + radius * Math.cos(angle)];
      };
      const piece = surfacePieces(
        well,
        samples(2),
        samples(n(28)),
        (_a, b) => {
          const angle = lerp(-0.35, PI + 0.35, b);
          return [0, -Math.sin(angle), -Math.cos(angle)];
        },
        () => "wheel-well",
      );
      wells.push(...piece.values());
    }
  }
  body.parts.push({ name: "wheel-wells", material: "wheel-well", mesh: merge(wells) });

  // Charging port or fuel flap on the left rear quarter, behind the arch, below the belt.
  const flapU = l.ur + (l.archRadius + 0.14) / L;
  const flapTheta = BELT - 0.14;
  const flapAt = tubAt(flapU, flapTheta);
  const flapNormal = surfaceNormal(tub, flapU, tOf(flapTheta), [1, 0, 0]);
  const flapTilt = Math.atan2(flapNormal[1], flapNormal[0]);
  const flap = (size: Vec3, lift: number) =>
    transform(superellipsoid(size, 6, n(10, 6)), {
      rotateZ: flapTilt,
      translate: add(flapAt, scale(flapNormal, lift)),
    });
  body.parts.push(
    { name: "energy-flap-outline", material: "shut-line", mesh: flap([0.003, 0.06, 0.082], 0.0008) },
    { name: "energy-flap", material: "paint", mesh: flap([0.003, 0.055, 0.077], 0.0022) },
  );

  // Roof: painted (`roof-0`, nothing to add) or a panoramic glass panel (`roof-1`), as render commands choose.
  const roofStart = aTop + 0.1 / L;
  const roofEnd = s.tailgate ? end - 0.3 / L : Math.min(cTop, end) - 0.06 / L;
  const roofEdge = 0.3;
  const roofPanel = surfacePieces(
    greenhouse,
    ghU,
    vs,
    outwardGreenhouse,
    (u, v) => (u > roofStart && u < roofEnd && v > roofEdge && v < 1 - roofEdge ? "trim-black" : null),
    { offset: 0.004 },
  );
  const roofMiddle = greenhouse((roofStart + roofEnd) / 2, 0.5);
  const roofs: Group[] = [
    { name: "roof-0", parts: [], children: [] },
    {
      name: "roof-1",
      parts: [...roofPanel.values()].map((mesh) => ({ name: "roof-glass", material: "trim-black" as const, mesh })),
      children: [hotspot("roof", add(roofMiddle, [0, 0.02, 0]), [0, 1, 0])],
    },
  ];

  const lampU = (lampInner + lampOuter) / 2;
  const lampTheta = (bands.lampLow + bands.lampHigh) / 2;
  const lampNormal = surfaceNormal(tub, lampU, tOf(lampTheta), [1, 0, 1]);
  const lampAt = add(tubAt(lampU, lampTheta), scale(lampNormal, 0.02));
  const mirrorX = ([x, y, z]: Vec3): Vec3 => [-x, y, z];
  const wheelX = l.trackHalf + l.tyreWidth / 2 + 0.01;
  const hotspots: Group = {
    name: "hotspots",
    parts: [],
    children: [
      hotspot("headlight", lampAt, lampNormal, "L"),
      hotspot("headlight", mirrorX(lampAt), mirrorX(lampNormal), "R"),
      hotspot("wheel", [wheelX, l.tyreRadius, l.z(l.uf)], [1, 0, 0], "L"),
      hotspot("wheel", [-wheelX, l.tyreRadius, l.z(l.uf)], [-1, 0, 0], "R"),
      hotspot("energy", add(flapAt, scale(flapNormal, 0.012)), flapNormal),
    ],
  };

  const glass: Part = { name: "glass", material: "glass", mesh: merge(glassParts) };
  const car: Group = {
    name: "car",
    parts: [],
    children: [
      body,
      { name: "windows", parts: [glass], children: [] },
      { name: "lights", parts: lights, children: [] },
      mirrors,
      ...roofs,
      hotspots,
      interiorGroup(
        spec,
        l,
        {
          tub: tubAt,
          greenhouse,
          cowl,
          aTop,
          end,
          bPillar,
          belt: BELT,
          ghU,
          vs,
          greenhouseRegion,
          us,
          ts,
          sideTheta,
        },
        n,
      ),
      ...wheelGroups(spec, l, n),
    ],
  };
  return car;
}

interface Cabin {
  tub: (u: number, theta: number) => Vec3;
  greenhouse: (u: number, v: number) => Vec3;
  cowl: number;
  aTop: number;
  end: number;
  bPillar: number;
  belt: number;
  ghU: number[];
  vs: number[];
  greenhouseRegion: (u: number, v: number) => MaterialName;
  us: number[];
  ts: number[];
  sideTheta: (t: number) => number;
}

/** Seats per row, front first. */
function seatRows(spec: CarSpec): number[] {
  if (spec.seats <= 5) return [2, 3];
  if (spec.seats === 6) return [2, 2, 2];
  return spec.bodyType === "mpv" ? [2, 2, 3] : [2, 3, 2];
}

function interiorGroup(spec: CarSpec, l: Layout, cabin: Cabin, n: Steps): Group {
  const _L = l.length;
  const group: Group = { name: "interior", parts: [], children: [] };
  const beltPoint = cabin.tub((cabin.aTop + cabin.bPillar) / 2, cabin.belt);
  const beltHeight = beltPoint[1];
  const floor = l.silhouette.clearance + 0.14;
  const inner = l.halfWidth - 0.06;

  // Door cards and headliner: inner shells of the tub and of the greenhouse's opaque parts.
  const doorCards = surfacePieces(
    (u, t) => cabin.tub(u, -PI / 2 + t * 2 * PI),
    cabin.us.filter((u) => u >= cabin.cowl && u <= cabin.end),
    cabin.ts,
    (_u, _t, p) => [p[0], p[1] - beltHeight / 2, 0],
    (_u, t) => {
      const theta = cabin.sideTheta(t);
      if (theta < -0.35 || theta > cabin.belt) return null;
      return theta > 0.05 && theta < 0.25 ? "interior" : "interior-trim";
    },
    { offset: -0.035, flip: true },
  );
  for (const [material, mesh] of doorCards)
    group.parts.push({ name: `door-cards-${material}`, material: material as MaterialName, mesh });
  const headliner = surfacePieces(
    cabin.greenhouse,
    cabin.ghU,
    cabin.vs,
    (_u, v, p) => [p[0], p[1] - (v >= 0 ? beltHeight : 0), 0],
    (u, v) => {
      const f = v <= 0.5 ? 2 * v : 2 - 2 * v;
      return cabin.greenhouseRegion(u, v) === "glass" || f < 0.38 ? null : "headliner";
    },
    { offset: -0.02, flip: true },
  );
  for (const mesh of headliner.values()) group.parts.push({ name: "headliner", material: "headliner", mesh });

  const zCowl = l.z(cabin.cowl);
  const zEnd = l.z(cabin.end);
  group.parts.push({
    name: "floor",
    material: "carpet",
    mesh: transform(superellipsoid([inner, 0.02, (zCowl - zEnd) / 2], 8, n(8, 6)), {
      translate: [0, floor, (zCowl + zEnd) / 2],
    }),
  });

  // Dashboard, screen, instrument cluster, steering wheel, centre console.
  const dashZ = zCowl - 0.34;
  const dashY = beltHeight - 0.09;
  group.parts.push(
    {
      name: "dashboard",
      material: "interior-trim",
      mesh: merge([
        transform(superellipsoid([inner, 0.09, 0.24], 4, n(16, 6)), { translate: [0, dashY, dashZ] }),
        transform(superellipsoid([inner * 0.9, 0.16, 0.16], 4, n(12, 6)), {
          translate: [0, dashY - 0.2, dashZ + 0.05],
        }),
      ]),
    },
    {
      name: "dashboard-trim",
      material: "interior",
      mesh: transform(superellipsoid([inner * 0.97, 0.025, 0.05], 6, n(12, 6)), {
        translate: [0, dashY - 0.05, dashZ - 0.22],
      }),
    },
    {
      name: "centre-console",
      material: "interior-trim",
      mesh: transform(superellipsoid([0.11, 0.12, 0.45], 5, n(10, 6)), { translate: [0, floor + 0.22, dashZ - 0.55] }),
    },
  );
  const screenSize = spec.bodyType === "mpv" || spec.bodyType === "suv" ? 0.2 : 0.18;
  const screenCentre: Vec3 = [0, dashY + 0.16, dashZ - 0.2];
  group.children.push(hotspot("screen", [screenCentre[0], screenCentre[1] + 0.02, screenCentre[2] - 0.03]));
  group.parts.push(
    {
      name: "screen",
      material: "screen",
      mesh: transform(superellipsoid([screenSize, screenSize * 0.6, 0.012], 10, n(8, 6)), {
        rotateX: -0.25,
        translate: screenCentre,
      }),
    },
    {
      name: "screen-bezel",
      material: "trim-black",
      mesh: transform(superellipsoid([screenSize + 0.008, screenSize * 0.6 + 0.008, 0.01], 10, n(8, 6)), {
        rotateX: -0.25,
        translate: [screenCentre[0], screenCentre[1], screenCentre[2] + 0.006],
      }),
    },
  );
  const driverX = inner * 0.5;
  group.parts.push({
    name: "instrument-cluster",
    material: "screen",
    mesh: transform(superellipsoid([0.13, 0.04, 0.01], 10, n(8, 6)), {
      rotateX: -0.3,
      translate: [driverX, dashY + 0.1, dashZ - 0.14],
    }),
  });
  const wheelCentre: Vec3 = [driverX, dashY + 0.0, dashZ - 0.42];
  const tilt = 0.45;
  const ringProfile = Array.from({ length: 13 }, (_, i) => {
    const a = (i / 12) * PI * 2;
    return [0.175 + 0.018 * Math.cos(a), 0.018 * Math.sin(a)] as const;
  });
  const ringNormals = Array.from({ length: 13 }, (_, i) => {
    const a = (i / 12) * PI * 2;
    return [Math.cos(a), Math.sin(a)] as const;
  });
  const steering = [
    transform(revolveX(ringProfile, n(36, 24), { normals: ringNormals }), { rotateY: PI / 2 }),
    transform(superellipsoid([0.06, 0.05, 0.03], 3, n(8, 6)), {}),
    prism(
      [
        [-0.17, -0.012, 0],
        [-0.05, -0.012, 0],
        [-0.05, 0.012, 0],
        [-0.17, 0.012, 0],
      ],
      [
        [-0.17, -0.012, 0.02],
        [-0.05, -0.012, 0.02],
        [-0.05, 0.012, 0.02],
        [-0.17, 0.012, 0.02],
      ],
    ),
    prism(
      [
        [0.05, -0.012, 0],
        [0.17, -0.012, 0],
        [0.17, 0.012, 0],
        [0.05, 0.012, 0],
      ],
      [
        [0.05, -0.012, 0.02],
        [0.17, -0.012, 0.02],
        [0.17, 0.012, 0.02],
        [0.05, 0.012, 0.02],
      ],
    ),
    prism(
      [
        [-0.015, -0.17, 0],
        [0.015, -0.17, 0],
        [0.015, -0.04, 0],
        [-0.015, -0.04, 0],
      ],
      [
        [-0.015, -0.17, 0.02],
        [0.015, -0.17, 0.02],
        [0.015, -0.04, 0.02],
        [-0.015, -0.04, 0.02],
      ],
    ),
    transform(superellipsoid([0.025, 0.025, 0.16], 2.5, n(8, 6)), { translate: [0, 0, 0.16] }),
  ];
  group.parts.push({
    name: "steering-wheel",
    material: "interior-trim",
    mesh: transform(merge(steering), { rotateX: tilt, translate: wheelCentre }),
  });

  // Seats, row by row from the front.
  const rows = seatRows(spec);
  const upholstery: MeshData[] = [];
  let rowZ = l.z(cabin.bPillar) + 0.22;
  const rowPitch = Math.min(0.9, (rowZ - (zEnd + 0.5)) / Math.max(1, rows.length - 1));
  const roofAt = (z: number) => cabin.greenhouse(clamp((l.length / 2 - z) / l.length, cabin.cowl, cabin.end), 0.5)[1];
  const firstRowZ = rowZ;
  rows.forEach((count, row) => {
    const seatWidth = count === 3 ? (inner * 2) / 3.3 : 0.52;
    const headroom = roofAt(rowZ - 0.37) - 0.1 - (floor + 0.3 - row * 0.02);
    const scaleRow = clamp(headroom / 0.81, 0.6, 1);
    for (let i = 0; i < count; i++) {
      const x = count === 3 ? (i - 1) * seatWidth * 1.05 : (i === 0 ? 1 : -1) * inner * 0.5;
      const half = seatWidth / 2 - 0.02;
      const cushionY = floor + 0.3 - row * 0.02;
      upholstery.push(
        transform(superellipsoid([half, 0.065, 0.25], 3.2, n(10, 6)), {
          rotateX: 0.08,
          translate: [x, cushionY, rowZ],
        }),
        transform(superellipsoid([half * 0.96, 0.3 * scaleRow, 0.065], 3.2, n(10, 6)), {
          rotateX: -0.24,
          translate: [x, cushionY + 0.02 + 0.3 * scaleRow, rowZ - 0.27],
        }),
        transform(superellipsoid([Math.min(0.13, half * 0.6), 0.085, 0.05], 3, n(8, 6)), {
          rotateX: -0.2,
          translate: [x, cushionY + 0.72 * scaleRow, rowZ - 0.37],
        }),
      );
    }
    rowZ -= rowPitch;
  });
  group.parts.push({ name: "seats", material: "interior", mesh: merge(upholstery) });
  group.children.push(hotspot("seats", [-inner * 0.5, floor + 0.62, firstRowZ - 0.3]));
  return group;
}

/** Wheel hubs (`wheel-FL`…: brake disc and caliper) and one `wheels-<size>` group per wheel option (rims and tyres). */
function wheelGroups(spec: CarSpec, l: Layout, n: Steps): Group[] {
  const hub = (corner: (typeof CORNERS)[number]): Vec3 => [
    (corner.endsWith("L") ? 1 : -1) * l.trackHalf,
    l.tyreRadius,
    l.z(corner.startsWith("F") ? l.uf : l.ur),
  ];
  const smallestRim = rimRadius(Math.min(...spec.wheelSizes));
  const discRadius = smallestRim - 0.055;
  const tw = l.tyreWidth;
  const disc = revolveX(
    [
      [0.05, tw / 2 - 0.1],
      [discRadius, tw / 2 - 0.1],
      [discRadius, tw / 2 - 0.075],
      [0.05, tw / 2 - 0.075],
    ],
    n(40, 16),
    {
      normals: [
        [0, -1],
        [1, 0],
        [1, 0],
        [0, 1],
      ],
    },
  );
  const caliper = transform(superellipsoid([0.035, discRadius * 0.42, 0.05], 3.5, n(10, 6)), {
    translate: [tw / 2 - 0.055, 0, 0],
  });
  const hubs: Group[] = CORNERS.map((corner) => {
    const left = corner.endsWith("L");
    const front = corner.startsWith("F");
    const mirror = (mesh: MeshData) => (left ? mesh : transform(mesh, { rotateY: PI }));
    const caliperAngle = front ? 2.3 : 0.85;
    return {
      name: `wheel-${corner}`,
      position: hub(corner),
      parts: [
        { name: `brake-disc-${corner}`, material: "brake-disc", mesh: mirror(disc) },
        {
          name: `caliper-${corner}`,
          material: "caliper",
          mesh: mirror(
            transform(transform(caliper, { translate: [0, discRadius - 0.03, 0] }), { rotateX: caliperAngle }),
          ),
        },
      ],
      children: [],
    };
  });
  const variants: Group[] = spec.wheelSizes.map((size, index) => {
    const { rim, tyre } = wheelMeshes(l, size, index, n);
    return {
      name: `wheels-${size}`,
      parts: [],
      children: CORNERS.map((corner) => {
        const left = corner.endsWith("L");
        return {
          name: `wheels-${size}-${corner}`,
          position: hub(corner),
          rotationY: left ? 0 : PI,
          parts: [
            { name: `rim-${size}-${corner}`, material: "rim", mesh: rim },
            { name: `tyre-${size}-${corner}`, material: "tyre", mesh: tyre },
          ],
          children: [],
        };
      }),
    };
  });
  return [...hubs, ...variants];
}

/** Rim (barrel, spokes, centre) and tyre of a size, outer face towards +X. */
function wheelMeshes(l: Layout, size: number, index: number, n: Steps): { rim: MeshData; tyre: MeshData } {
  const R = l.tyreRadius;
  const r = rimRadius(size);
  const tw = l.tyreWidth;
  const out = tw / 2;
  const tyreProfile: [number, number][] = [];
  const tyreNormals: [number, number][] = [];
  const sidewall = R - r;
  const steps = n(14, 8);
  for (let i = 0; i <= steps; i++) {
    const a = -PI / 2 + (i / steps) * PI;
    const bulge = Math.cos(a);
    const shoulder = spow(Math.sin(a), 0.35);
    tyreProfile.push([
      r + sidewall * (0.5 + 0.5 * spow(Math.cos(a), 0.25)) * (1 - 0.02 * bulge) + 0.004,
      -shoulder * (out - 0.004),
    ]);
    tyreNormals.push([spow(Math.cos(a), 0.6), -spow(Math.sin(a), 0.6)]);
  }
  tyreProfile[0] = [r + 0.004, -out + 0.012];
  tyreProfile[steps] = [r + 0.004, out - 0.012];
  const normalized = tyreNormals.map(([a, b]) => {
    const n = Math.hypot(a, b) || 1;
    return [a / n, b / n] as const;
  });
  const tyreBase = revolveX(tyreProfile, n(64, 24), { normals: normalized });
  const tyre = transform(tyreBase, { rotateX: 0 });

  const barrel = revolveX(
    [
      [r + 0.012, out - 0.012],
      [r + 0.006, out - 0.002],
      [r - 0.012, out - 0.004],
      [r - 0.018, out - 0.03],
      [r - 0.022, -out + 0.02],
      [0.05, -out + 0.02],
    ],
    n(64, 24),
  );
  const styles = [
    { count: 5, width: 0.085, twin: false },
    { count: 5, width: 0.035, twin: true },
    { count: 7, width: 0.05, twin: false },
    { count: 10, width: 0.028, twin: true },
  ];
  const style = styles[index % styles.length] as (typeof styles)[number];
  const spokes: MeshData[] = [];
  const hubRadius = 0.07;
  const lip = r - 0.014;
  const xHub = out - 0.055;
  const xLip = out - 0.012;
  const depth = 0.022;
  for (let k = 0; k < style.count; k++) {
    const base = (k / style.count) * PI * 2;
    const offsets = style.twin ? [-style.width * 0.9, style.width * 0.9] : [0];
    for (const offset of offsets) {
      const angleHub = base + offset / hubRadius / 2.2;
      const angleLip = base + offset / lip;
      const wHub = style.width * 0.75;
      const wLip = style.width * (style.twin ? 1.1 : 1.25);
      const point = (radius: number, angle: number, across: number, x: number): Vec3 => {
        const c = Math.cos(angle);
        const sn = Math.sin(angle);
        return [x, radius * c - across * sn, radius * sn + across * c];
      };
      const bottomCorners = [
        point(hubRadius, angleHub, -wHub / 2, xHub - depth),
        point(lip, angleLip, -wLip / 2, xLip - depth),
        point(lip, angleLip, wLip / 2, xLip - depth),
        point(hubRadius, angleHub, wHub / 2, xHub - depth),
      ];
      const topCorners = [
        point(hubRadius, angleHub, -wHub / 2, xHub),
        point(lip, angleLip, -wLip / 2, xLip),
        point(lip, angleLip, wLip / 2, xLip),
        point(hubRadius, angleHub, wHub / 2, xHub),
      ];
      spokes.push(prism(bottomCorners, topCorners));
    }
  }
  const centre = transform(superellipsoid([0.025, hubRadius + 0.01, hubRadius + 0.01], 2.4, n(16, 6)), {
    translate: [xHub - 0.01, 0, 0],
  });
  const rim = merge([barrel, ...spokes, centre]);
  return { rim, tyre };
}
