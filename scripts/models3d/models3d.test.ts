import { beforeAll, describe, expect, it } from "vitest";
import { parseRange } from "../../worker/routes/media.ts";
import { DEFAULT_SEED, generateDemo } from "../demo/generate.ts";
import { MATERIALS } from "./car.ts";
import { carGlb } from "./export.ts";
import { type CarSpec, carSpecs } from "./spec.ts";
import { glbKey } from "./store.ts";

interface GltfNode {
  name?: string;
  mesh?: number;
  children?: number[];
  translation?: [number, number, number];
  rotation?: [number, number, number, number];
}
interface Gltf {
  scene?: number;
  scenes: { nodes: number[]; extras?: Record<string, unknown> }[];
  nodes: GltfNode[];
  meshes: { primitives: { attributes: { POSITION: number }; material?: number }[] }[];
  accessors: { min?: number[]; max?: number[] }[];
  materials: {
    name: string;
    alphaMode?: string;
    doubleSided?: boolean;
    pbrMetallicRoughness?: { baseColorFactor?: number[]; metallicFactor?: number };
    extensions?: Record<string, unknown>;
  }[];
}

/** The JSON chunk of a GLB, after checking its header and chunk layout. */
function readGlb(glb: Uint8Array): Gltf {
  const view = new DataView(glb.buffer, glb.byteOffset, glb.byteLength);
  expect(view.getUint32(0, true)).toBe(0x46546c67);
  expect(view.getUint32(4, true)).toBe(2);
  expect(view.getUint32(8, true)).toBe(glb.byteLength);
  const jsonLength = view.getUint32(12, true);
  expect(view.getUint32(16, true)).toBe(0x4e4f534a);
  expect(jsonLength % 4).toBe(0);
  const binLength = view.getUint32(20 + jsonLength, true);
  expect(view.getUint32(24 + jsonLength, true)).toBe(0x004e4942);
  expect(28 + jsonLength + binLength).toBe(glb.byteLength);
  return JSON.parse(new TextDecoder().decode(glb.subarray(20, 20 + jsonLength))) as Gltf;
}

const rotate = ([x, y, z]: number[], [qx, qy, qz, qw]: number[]) => {
  const [ax = 0, ay = 0, az = 0] = [x, y, z];
  const tx = 2 * ((qy ?? 0) * az - (qz ?? 0) * ay);
  const ty = 2 * ((qz ?? 0) * ax - (qx ?? 0) * az);
  const tz = 2 * ((qx ?? 0) * ay - (qy ?? 0) * ax);
  return [
    ax + (qw ?? 1) * tx + ((qy ?? 0) * tz - (qz ?? 0) * ty),
    ay + (qw ?? 1) * ty + ((qz ?? 0) * tx - (qx ?? 0) * tz),
    az + (qw ?? 1) * tz + ((qx ?? 0) * ty - (qy ?? 0) * tx),
  ];
};

/** World-space bounds of every mesh whose node path passes `keep` (nodes carry translation and rotation only). */
function bounds(gltf: Gltf, keep: (path: string[]) => boolean) {
  const min = [Infinity, Infinity, Infinity];
  const max = [-Infinity, -Infinity, -Infinity];
  const visit = (index: number, path: string[], place: (p: number[]) => number[]) => {
    const node = gltf.nodes[index] as GltfNode;
    const here = [...path, node.name ?? ""];
    const local = (p: number[]) => {
      const r = node.rotation ? rotate(p, node.rotation) : p;
      const t = node.translation ?? [0, 0, 0];
      return place(r.map((v, i) => v + (t[i] ?? 0)));
    };
    if (node.mesh !== undefined && keep(here)) {
      for (const primitive of gltf.meshes[node.mesh]?.primitives ?? []) {
        const accessor = gltf.accessors[primitive.attributes.POSITION];
        const [lo = [], hi = []] = [accessor?.min, accessor?.max];
        for (let corner = 0; corner < 8; corner++) {
          const p = local([0, 1, 2].map((axis) => ((corner >> axis) & 1 ? hi[axis] : lo[axis]) ?? 0));
          p.forEach((v, axis) => {
            min[axis] = Math.min(min[axis] as number, v);
            max[axis] = Math.max(max[axis] as number, v);
          });
        }
      }
    }
    for (const child of node.children ?? []) visit(child, here, local);
  };
  for (const index of gltf.scenes[gltf.scene ?? 0]?.nodes ?? []) visit(index, [], (p) => p);
  return { size: max.map((v, i) => v - (min[i] as number)), min, max };
}

const specs = carSpecs(generateDemo({ seed: DEFAULT_SEED, inventory: 0 }));
const sample = ["sedan", "hatchback", "suv", "mpv"].map(
  (bodyType) => specs.find((s) => s.bodyType === bodyType) as CarSpec,
);

describe("generated car models", () => {
  const glbs = new Map<string, Uint8Array<ArrayBuffer>>();
  beforeAll(async () => {
    for (const spec of sample) glbs.set(spec.modelId, await carGlb(spec));
  }, 120_000);

  it("covers every body type of the catalogue, one model per catalogue model", () => {
    expect(new Set(specs.map((s) => s.bodyType))).toEqual(new Set(["sedan", "hatchback", "suv", "mpv"]));
    expect(specs.length).toBe(generateDemo({ seed: DEFAULT_SEED, inventory: 0 }).models.length);
  });

  it.each(sample.map((s) => [s.bodyType, s] as const))(
    "writes a %s as a well-formed GLB with every named part",
    (_type, spec) => {
      const gltf = readGlb(glbs.get(spec.modelId) as Uint8Array<ArrayBuffer>);
      const names = new Set(gltf.nodes.map((n) => n.name));
      for (const name of [
        "car",
        "body",
        "windows",
        "lights",
        "mirrors",
        "interior",
        "seats",
        "dashboard",
        "steering-wheel",
        "screen",
      ]) {
        expect(names, name).toContain(name);
      }
      for (const corner of ["FL", "FR", "RL", "RR"]) {
        expect(names).toContain(`wheel-${corner}`);
        expect(names).toContain(`caliper-${corner}`);
        for (const size of spec.wheelSizes) expect(names).toContain(`wheels-${size}-${corner}`);
      }
      for (const size of spec.wheelSizes) expect(names).toContain(`wheels-${size}`);
      expect(gltf.materials.map((m) => m.name).sort()).toEqual([...MATERIALS].sort());
      expect(gltf.scenes[0]?.extras).toMatchObject({
        modelId: spec.modelId,
        wheels: spec.wheelSizes.map((s) => `wheels-${s}`),
      });
    },
  );

  it("gives the paint a clearcoat in the spec's colour, and the glass transparency", () => {
    const gltf = readGlb(glbs.get(sample[0]?.modelId ?? "") as Uint8Array<ArrayBuffer>);
    const paint = gltf.materials.find((m) => m.name === "paint");
    expect(paint?.extensions).toHaveProperty("KHR_materials_clearcoat");
    expect(paint?.pbrMetallicRoughness?.metallicFactor).toBeGreaterThan(0.3);
    const glass = gltf.materials.find((m) => m.name === "glass");
    expect(glass?.alphaMode).toBe("BLEND");
    expect(glass?.doubleSided).toBe(true);
    expect(glass?.pbrMetallicRoughness?.baseColorFactor?.[3]).toBeLessThan(1);
  });

  it.each(sample.map((s) => [s.bodyType, s] as const))(
    "sizes a %s to its catalogue length, width and height",
    (_type, spec) => {
      const gltf = readGlb(glbs.get(spec.modelId) as Uint8Array<ArrayBuffer>);
      const withoutMirrors = bounds(gltf, (path) => !path.includes("mirrors"));
      const [width, height, length] = withoutMirrors.size as [number, number, number];
      expect(length * 1000).toBeCloseTo(spec.lengthMm, -1.5);
      expect(width * 1000).toBeCloseTo(spec.widthMm, -1.5);
      expect(height * 1000).toBeCloseTo(spec.heightMm, -1.5);
      expect(withoutMirrors.min[1]).toBeCloseTo(0, 2);
      const wheelbase = bounds(gltf, (path) => path.includes("wheel-FL") || path.includes("wheel-RL"));
      expect(Math.abs(wheelbase.size[2] as number) * 1000).toBeGreaterThan(spec.wheelbaseMm);
      const all = bounds(gltf, () => true);
      expect((all.size[0] as number) * 1000).toBeGreaterThan(spec.widthMm + 100);
    },
  );

  it("writes the same bytes for the same spec, and different bytes for different proportions", async () => {
    const spec = sample[0] as CarSpec;
    const again = await carGlb(spec);
    expect(again).toEqual(glbs.get(spec.modelId));
    expect(await glbKey(again)).toBe(await glbKey(glbs.get(spec.modelId) as Uint8Array<ArrayBuffer>));
    const longer = await carGlb({ ...spec, lengthMm: spec.lengthMm + 200 });
    expect(await glbKey(longer)).not.toBe(await glbKey(again));
    const size = bounds(readGlb(longer), (path) => !path.includes("mirrors")).size[2] as number;
    expect(size * 1000).toBeCloseTo(spec.lengthMm + 200, -1.5);
  }, 60_000);
});

describe("byte ranges the media route understands", () => {
  it("reads one range, an open end and a suffix, and ignores the rest", () => {
    expect(parseRange("bytes=0-99")).toEqual({ offset: 0, length: 100 });
    expect(parseRange("bytes=100-")).toEqual({ offset: 100 });
    expect(parseRange("bytes=-16")).toEqual({ suffix: 16 });
    for (const header of [null, "bytes=5-1", "bytes=0-1,4-5", "items=0-1", "bytes=-"])
      expect(parseRange(header)).toBeNull();
  });
});
