/**
 * Turns a car's geometry into a Babylon scene with PBR materials and exports it as GLB with
 * @babylonjs/serializers, headless (NullEngine). The scene is right-handed, so the geometry's
 * glTF coordinates are written as they are; its triangles turn counter-clockwise around their
 * normals, and each mesh says so (a right-handed Babylon mesh otherwise counts as clockwise, and
 * the exporter would reverse every triangle).
 */
import { NullEngine } from "@babylonjs/core/Engines/nullEngine.js";
import { Material } from "@babylonjs/core/Materials/material.js";
import { PBRMaterial } from "@babylonjs/core/Materials/PBR/pbrMaterial.js";
import { Color3 } from "@babylonjs/core/Maths/math.color.js";
import { Vector3 } from "@babylonjs/core/Maths/math.vector.js";
import { Mesh } from "@babylonjs/core/Meshes/mesh.js";
import { VertexData } from "@babylonjs/core/Meshes/mesh.vertexData.js";
import { TransformNode } from "@babylonjs/core/Meshes/transformNode.js";
import { Logger } from "@babylonjs/core/Misc/logger.js";
import { Scene } from "@babylonjs/core/scene.js";
import { GLTF2Export } from "@babylonjs/serializers/glTF/2.0/glTFSerializer.js";
import "@babylonjs/serializers/glTF/2.0/Extensions/KHR_materials_clearcoat.js";
import "@babylonjs/serializers/glTF/2.0/Extensions/KHR_materials_emissive_strength.js";
import { carGeometry, FULL_DETAIL, type Group, type MaterialName } from "./car.ts";
import type { MeshData } from "./geometry.ts";
import type { CarSpec } from "./spec.ts";

interface MaterialLook {
  albedo: string;
  metallic: number;
  roughness: number;
  alpha?: number;
  clearcoat?: number;
  emissive?: string;
  emissiveIntensity?: number;
  doubleSided?: boolean;
}

/** PBR values of every material; `paint` and `interior` take the spec's colours. */
function looks(spec: CarSpec): Record<MaterialName, MaterialLook> {
  return {
    paint: { albedo: spec.paint, metallic: 0.55, roughness: 0.32, clearcoat: 1 },
    glass: { albedo: "#0a0f14", metallic: 0, roughness: 0.02, alpha: 0.55, doubleSided: true },
    chrome: { albedo: "#e8eaec", metallic: 1, roughness: 0.07 },
    "trim-black": { albedo: "#0b0c0d", metallic: 0, roughness: 0.22 },
    "shut-line": { albedo: "#040404", metallic: 0, roughness: 0.9 },
    headlight: { albedo: "#f4f8ff", metallic: 0.2, roughness: 0.08, emissive: "#e8f2ff", emissiveIntensity: 2 },
    taillight: { albedo: "#5c0609", metallic: 0, roughness: 0.1, emissive: "#ff1a26", emissiveIntensity: 1.5 },
    tyre: { albedo: "#151515", metallic: 0, roughness: 0.88 },
    rim: { albedo: "#b9bdc2", metallic: 1, roughness: 0.28 },
    "brake-disc": { albedo: "#5e6064", metallic: 1, roughness: 0.45 },
    caliper: { albedo: "#b3242a", metallic: 0.1, roughness: 0.35, clearcoat: 0.6 },
    "wheel-well": { albedo: "#060606", metallic: 0, roughness: 1 },
    interior: { albedo: spec.interior, metallic: 0, roughness: 0.55 },
    "interior-trim": { albedo: "#1c1d1f", metallic: 0, roughness: 0.6 },
    headliner: { albedo: "#b9b4ab", metallic: 0, roughness: 0.95 },
    carpet: { albedo: "#151515", metallic: 0, roughness: 1 },
    screen: { albedo: "#04060a", metallic: 0, roughness: 0.05, emissive: "#1d3350", emissiveIntensity: 1 },
  };
}

function material(scene: Scene, name: MaterialName, look: MaterialLook): PBRMaterial {
  const m = new PBRMaterial(name, scene);
  m.albedoColor = Color3.FromHexString(look.albedo).toLinearSpace();
  m.metallic = look.metallic;
  m.roughness = look.roughness;
  if (look.alpha !== undefined) {
    m.alpha = look.alpha;
    m.transparencyMode = PBRMaterial.PBRMATERIAL_ALPHABLEND;
  }
  if (look.clearcoat) {
    m.clearCoat.isEnabled = true;
    m.clearCoat.intensity = look.clearcoat;
    m.clearCoat.roughness = 0.03;
    m.clearCoat.remapF0OnInterfaceChange = false;
  }
  if (look.emissive) {
    m.emissiveColor = Color3.FromHexString(look.emissive).toLinearSpace();
    m.emissiveIntensity = look.emissiveIntensity ?? 1;
  }
  m.backFaceCulling = !look.doubleSided;
  m.twoSidedLighting = Boolean(look.doubleSided);
  return m;
}

/** Builds the group's nodes; a mesh used by several parts (the four corners' rims and tyres) is stored once and instanced. */
function build(
  scene: Scene,
  group: Group,
  materials: Map<MaterialName, PBRMaterial>,
  parent: TransformNode | null,
  built: Map<MeshData, Mesh>,
) {
  const node = new TransformNode(group.name, scene);
  node.parent = parent;
  if (group.position) node.position = new Vector3(...group.position);
  if (group.rotationY) node.rotation = new Vector3(0, group.rotationY, 0);
  if (group.extras) node.metadata = { gltf: { extras: group.extras } };
  for (const part of group.parts) {
    if (part.mesh.indices.length === 0) continue;
    const source = built.get(part.mesh);
    if (source) {
      source.createInstance(part.name).parent = node;
      continue;
    }
    const mesh = new Mesh(part.name, scene);
    built.set(part.mesh, mesh);
    const data = new VertexData();
    data.positions = part.mesh.positions;
    data.normals = part.mesh.normals;
    data.indices = part.mesh.indices;
    data.applyToMesh(mesh);
    mesh.sideOrientation = Material.CounterClockWiseSideOrientation;
    mesh.material = materials.get(part.material) ?? null;
    mesh.parent = node;
  }
  for (const child of group.children) build(scene, child, materials, node, built);
}

/**
 * The GLB of a car: same spec, same bytes.
 * @example const glb = await carGlb(spec); glb.byteLength // ~1 MB
 */
export async function carGlb(spec: CarSpec, detail = FULL_DETAIL): Promise<Uint8Array<ArrayBuffer>> {
  Logger.LogLevels = Logger.ErrorLogLevel;
  const engine = new NullEngine();
  const scene = new Scene(engine);
  scene.useRightHandedSystem = true;
  try {
    const all = looks(spec);
    const materials = new Map(
      (Object.keys(all) as MaterialName[]).map((name) => [name, material(scene, name, all[name])] as const),
    );
    build(scene, carGeometry(spec, detail), materials, null, new Map());
    scene.metadata = {
      gltf: {
        extras: {
          modelId: spec.modelId,
          bodyType: spec.bodyType,
          dimensionsMm: {
            length: spec.lengthMm,
            width: spec.widthMm,
            height: spec.heightMm,
            wheelbase: spec.wheelbaseMm,
          },
          wheels: spec.wheelSizes.map((size) => `wheels-${size}`),
          roofs: ["roof-0", "roof-1"],
        },
      },
    };
    const exported = await GLTF2Export.GLBAsync(scene, "car", { exportUnusedUVs: false, removeNoopRootNodes: false });
    const blob = exported.files["car.glb"];
    if (!(blob instanceof Blob)) throw new Error("the GLB exporter produced no car.glb");
    return new Uint8Array(await blob.arrayBuffer());
  } finally {
    scene.dispose();
    engine.dispose();
  }
}
