/**
 * Mesh building blocks for the generated car models, as plain arrays (no Babylon): parametric
 * surfaces sampled on a grid and split into per-material pieces with shared smooth normals,
 * surfaces of revolution, superellipsoids and flat-shaded prisms. Coordinates are glTF's:
 * metres, +Y up, +Z the car's front, +X the car's left.
 */

export type Vec3 = readonly [number, number, number];

export interface MeshData {
  positions: number[];
  normals: number[];
  indices: number[];
}

export const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
export const add = (a: Vec3, b: Vec3): Vec3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
export const scale = (a: Vec3, k: number): Vec3 => [a[0] * k, a[1] * k, a[2] * k];
export const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
export const cross = (a: Vec3, b: Vec3): Vec3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];
export function normalize(a: Vec3): Vec3 {
  const length = Math.hypot(a[0], a[1], a[2]);
  return length > 1e-12 ? scale(a, 1 / length) : [0, 0, 0];
}

/** Signed power: keeps the sign of `x`, raises its magnitude (superellipse curves). */
export const spow = (x: number, p: number) => Math.sign(x) * Math.abs(x) ** p;

export const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
export const lerp = (a: number, b: number, t: number) => a + (b - a) * t;
export const smoothstep = (t: number) => {
  const x = clamp(t, 0, 1);
  return x * x * (3 - 2 * x);
};

/**
 * A smooth curve through control points (monotone cubic, Fritsch–Carlson: no overshoot), clamped
 * at both ends.
 * @example curve([[0, 0], [1, 1]])(0.5) // 0.5
 */
export function curve(points: readonly (readonly [number, number])[]): (x: number) => number {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const n = xs.length;
  const slopes = xs
    .slice(0, -1)
    .map((x, i) => ((ys[i + 1] as number) - (ys[i] as number)) / ((xs[i + 1] as number) - x));
  const tangents = xs.map((_, i) => {
    if (i === 0) return slopes[0] as number;
    if (i === n - 1) return slopes[n - 2] as number;
    const a = slopes[i - 1] as number;
    const b = slopes[i] as number;
    return a * b <= 0 ? 0 : (2 * a * b) / (a + b);
  });
  return (x) => {
    if (x <= (xs[0] as number)) return ys[0] as number;
    if (x >= (xs[n - 1] as number)) return ys[n - 1] as number;
    let i = 0;
    while (x > (xs[i + 1] as number)) i++;
    const x0 = xs[i] as number;
    const h = (xs[i + 1] as number) - x0;
    const t = (x - x0) / h;
    const t2 = t * t;
    const t3 = t2 * t;
    return (
      (2 * t3 - 3 * t2 + 1) * (ys[i] as number) +
      (t3 - 2 * t2 + t) * h * (tangents[i] as number) +
      (-2 * t3 + 3 * t2) * (ys[i + 1] as number) +
      (t3 - t2) * h * (tangents[i + 1] as number)
    );
  };
}

/** Sorted, de-duplicated samples of [0, 1] in `count` steps, with `extra` stations added as exact grid lines. */
export function samples(count: number, extra: readonly number[] = [], spacing: (t: number) => number = (t) => t) {
  const values = [...Array.from({ length: count + 1 }, (_, i) => spacing(i / count)), ...extra];
  const sorted = values.map((v) => clamp(v, 0, 1)).sort((a, b) => a - b);
  return sorted.filter((v, i) => i === 0 || v - (sorted[i - 1] as number) > 1e-6);
}

/** The unit normal of a parametric surface by central differences, turned to agree with `outward`. */
export function surfaceNormal(f: (u: number, v: number) => Vec3, u: number, v: number, outward: Vec3): Vec3 {
  const e = 1e-4;
  const du = sub(f(Math.min(1, u + e), v), f(Math.max(0, u - e), v));
  const dv = sub(f(u, Math.min(1, v + e)), f(u, Math.max(0, v - e)));
  const n = normalize(cross(du, dv));
  if (n[0] === 0 && n[1] === 0 && n[2] === 0) return normalize(outward);
  return dot(n, outward) < 0 ? scale(n, -1) : n;
}

/**
 * Samples a parametric surface on the grid `us` × `vs` and splits its cells into pieces by
 * `region(u, v)` of each cell's centre (null leaves a hole). Pieces share positions and normals
 * along their borders, so shading is smooth across materials. `offset` moves every point along
 * its normal (inner shells use a negative one with `flip`).
 */
export function surfacePieces(
  f: (u: number, v: number) => Vec3,
  us: readonly number[],
  vs: readonly number[],
  outward: (u: number, v: number, p: Vec3) => Vec3,
  region: (u: number, v: number) => string | null,
  options: { offset?: number; flip?: boolean } = {},
): Map<string, MeshData> {
  const offset = options.offset ?? 0;
  const points: Vec3[][] = [];
  const normals: Vec3[][] = [];
  for (const u of us) {
    const row: Vec3[] = [];
    const normalRow: Vec3[] = [];
    for (const v of vs) {
      const p = f(u, v);
      let n = surfaceNormal(f, u, v, outward(u, v, p));
      const q = add(p, scale(n, offset));
      if (options.flip) n = scale(n, -1);
      row.push(q);
      normalRow.push(n);
    }
    points.push(row);
    normals.push(normalRow);
  }
  const pieces = new Map<string, { data: MeshData; index: Map<number, number> }>();
  const vertex = (piece: { data: MeshData; index: Map<number, number> }, i: number, j: number) => {
    const key = i * vs.length + j;
    let index = piece.index.get(key);
    if (index === undefined) {
      index = piece.data.positions.length / 3;
      piece.data.positions.push(...(points[i]?.[j] ?? [0, 0, 0]));
      piece.data.normals.push(...(normals[i]?.[j] ?? [0, 1, 0]));
      piece.index.set(key, index);
    }
    return index;
  };
  for (let i = 0; i + 1 < us.length; i++) {
    for (let j = 0; j + 1 < vs.length; j++) {
      const name = region(
        ((us[i] as number) + (us[i + 1] as number)) / 2,
        ((vs[j] as number) + (vs[j + 1] as number)) / 2,
      );
      if (name === null) continue;
      let piece = pieces.get(name);
      if (!piece) {
        piece = { data: { positions: [], normals: [], indices: [] }, index: new Map() };
        pieces.set(name, piece);
      }
      const quad = [vertex(piece, i, j), vertex(piece, i + 1, j), vertex(piece, i + 1, j + 1), vertex(piece, i, j + 1)];
      addQuad(piece.data, quad as [number, number, number, number]);
    }
  }
  return new Map([...pieces].map(([name, piece]) => [name, piece.data]));
}

/** Two triangles of a quad, wound so that their face normal agrees with the vertex normals. */
function addQuad(data: MeshData, [a, b, c, d]: [number, number, number, number]) {
  const at = (i: number): Vec3 => [
    data.positions[i * 3] ?? 0,
    data.positions[i * 3 + 1] ?? 0,
    data.positions[i * 3 + 2] ?? 0,
  ];
  const normalAt = (i: number): Vec3 => [
    data.normals[i * 3] ?? 0,
    data.normals[i * 3 + 1] ?? 0,
    data.normals[i * 3 + 2] ?? 0,
  ];
  const face = cross(sub(at(c), at(a)), sub(at(d), at(b)));
  const average = add(add(normalAt(a), normalAt(b)), add(normalAt(c), normalAt(d)));
  if (dot(face, average) >= 0) data.indices.push(a, b, c, a, c, d);
  else data.indices.push(a, c, b, a, d, c);
}

/**
 * A surface of revolution about the X axis (wheels): `profile` is a list of [radius, x] points,
 * with optional per-point [nr, nx] normals (else taken from the profile's tangent, smooth).
 */
export function revolveX(
  profile: readonly (readonly [number, number])[],
  segments: number,
  options: { normals?: readonly (readonly [number, number])[] } = {},
): MeshData {
  const data: MeshData = { positions: [], normals: [], indices: [] };
  const profileNormals = profile.map((_p, i) => {
    const given = options.normals?.[i];
    if (given) return given;
    const prev = profile[Math.max(0, i - 1)] as readonly [number, number];
    const next = profile[Math.min(profile.length - 1, i + 1)] as readonly [number, number];
    const dr = next[0] - prev[0];
    const dx = next[1] - prev[1];
    const length = Math.hypot(dr, dx) || 1;
    return [dx / length, -dr / length] as const;
  });
  for (let s = 0; s <= segments; s++) {
    const angle = (s / segments) * Math.PI * 2;
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    profile.forEach(([r, x], i) => {
      const [nr, nx] = profileNormals[i] as readonly [number, number];
      data.positions.push(x, r * cos, r * sin);
      data.normals.push(nx, nr * cos, nr * sin);
    });
  }
  const rows = profile.length;
  for (let s = 0; s < segments; s++) {
    for (let i = 0; i + 1 < rows; i++) {
      addQuad(data, [s * rows + i, s * rows + i + 1, (s + 1) * rows + i + 1, (s + 1) * rows + i]);
    }
  }
  return data;
}

/**
 * A superellipsoid (soft box) of half-sizes `size` centred at the origin; `exponent` 2 is an
 * ellipsoid, larger is boxier.
 */
export function superellipsoid(size: Vec3, exponent: number, segments = 16): MeshData {
  const e = 2 / exponent;
  const data: MeshData = { positions: [], normals: [], indices: [] };
  const rings = segments;
  const sides = segments * 2;
  for (let i = 0; i <= rings; i++) {
    const lat = -Math.PI / 2 + (i / rings) * Math.PI;
    for (let j = 0; j <= sides; j++) {
      const lon = -Math.PI + (j / sides) * Math.PI * 2;
      const cl = spow(Math.cos(lat), e);
      const p: Vec3 = [
        size[0] * cl * spow(Math.cos(lon), e),
        size[1] * spow(Math.sin(lat), e),
        size[2] * cl * spow(Math.sin(lon), e),
      ];
      const cn = spow(Math.cos(lat), 2 - e);
      const n = normalize([
        (cn * spow(Math.cos(lon), 2 - e)) / size[0],
        spow(Math.sin(lat), 2 - e) / size[1],
        (cn * spow(Math.sin(lon), 2 - e)) / size[2],
      ]);
      data.positions.push(...p);
      data.normals.push(...(n[0] === 0 && n[1] === 0 && n[2] === 0 ? normalize(p) : n));
    }
  }
  for (let i = 0; i < rings; i++) {
    for (let j = 0; j < sides; j++) {
      const a = i * (sides + 1) + j;
      addQuad(data, [a, a + 1, a + sides + 2, a + sides + 1]);
    }
  }
  return data;
}

/**
 * A flat-shaded solid between two quads (`bottom` and `top`, each 4 corners in the same order
 * around): spokes, handles, brake calipers.
 */
export function prism(bottom: readonly Vec3[], top: readonly Vec3[]): MeshData {
  const data: MeshData = { positions: [], normals: [], indices: [] };
  const centre = scale(
    [...bottom, ...top].reduce((sum, p) => add(sum, p), [0, 0, 0] as Vec3),
    1 / 8,
  );
  const face = (corners: Vec3[]) => {
    const [a, b, c, d] = corners as [Vec3, Vec3, Vec3, Vec3];
    let n = normalize(cross(sub(c, a), sub(d, b)));
    const mid = scale(add(add(a, b), add(c, d)), 0.25);
    if (dot(n, sub(mid, centre)) < 0) n = scale(n, -1);
    const base = data.positions.length / 3;
    for (const p of corners) {
      data.positions.push(...p);
      data.normals.push(...n);
    }
    addQuad(data, [base, base + 1, base + 2, base + 3]);
  };
  const [b0, b1, b2, b3] = bottom as [Vec3, Vec3, Vec3, Vec3];
  const [t0, t1, t2, t3] = top as [Vec3, Vec3, Vec3, Vec3];
  face([b0, b1, b2, b3]);
  face([t0, t1, t2, t3]);
  face([b0, b1, t1, t0]);
  face([b1, b2, t2, t1]);
  face([b2, b3, t3, t2]);
  face([b3, b0, t0, t3]);
  return data;
}

/** Applies a rotation about X by `angle`, then a translation, to a copy of the mesh. */
export function transform(
  data: MeshData,
  options: { rotateX?: number; rotateY?: number; rotateZ?: number; translate?: Vec3; scale?: Vec3 },
): MeshData {
  const [sx, sy, sz] = options.scale ?? [1, 1, 1];
  const rotations: ((p: Vec3) => Vec3)[] = [];
  const rx = options.rotateX ?? 0;
  const ry = options.rotateY ?? 0;
  const rz = options.rotateZ ?? 0;
  if (rx) rotations.push(([x, y, z]) => [x, y * Math.cos(rx) - z * Math.sin(rx), y * Math.sin(rx) + z * Math.cos(rx)]);
  if (ry) rotations.push(([x, y, z]) => [x * Math.cos(ry) + z * Math.sin(ry), y, -x * Math.sin(ry) + z * Math.cos(ry)]);
  if (rz) rotations.push(([x, y, z]) => [x * Math.cos(rz) - y * Math.sin(rz), x * Math.sin(rz) + y * Math.cos(rz), z]);
  const rotate = (p: Vec3) => rotations.reduce((q, r) => r(q), p);
  const t = options.translate ?? [0, 0, 0];
  const out: MeshData = { positions: [], normals: [], indices: [...data.indices] };
  for (let i = 0; i < data.positions.length; i += 3) {
    const p = rotate([
      (data.positions[i] ?? 0) * sx,
      (data.positions[i + 1] ?? 0) * sy,
      (data.positions[i + 2] ?? 0) * sz,
    ]);
    out.positions.push(p[0] + t[0], p[1] + t[1], p[2] + t[2]);
    const n = normalize(
      rotate([(data.normals[i] ?? 0) / sx, (data.normals[i + 1] ?? 0) / sy, (data.normals[i + 2] ?? 0) / sz]),
    );
    out.normals.push(...n);
  }
  return out;
}

/** One mesh from several (same material). */
export function merge(parts: readonly MeshData[]): MeshData {
  const out: MeshData = { positions: [], normals: [], indices: [] };
  for (const part of parts) {
    const base = out.positions.length / 3;
    out.positions.push(...part.positions);
    out.normals.push(...part.normals);
    out.indices.push(...part.indices.map((i) => i + base));
  }
  return out;
}
