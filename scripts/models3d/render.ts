/**
 * Looks at the generated models: writes each GLB, loads it in Debian's Chromium (Babylon on
 * WebGL through SwiftShader, served from node_modules by a local server: no network) and saves
 * a front three-quarter, side, rear three-quarter and interior view as PNG in
 * scripts/models3d/renders/ (gitignored).
 *
 *   node scripts/models3d/render.ts [model-id …]     (ROOF=1: with the panoramic glass roof; LITE=1: the light model)
 *
 * The page reads the GLB with a small reader of its own (nodes, meshes, PBR materials with
 * clearcoat and emissive strength) rather than @babylonjs/loaders, so what is drawn is exactly
 * what the file holds.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join, normalize } from "node:path";
import { chromium } from "playwright-core";
import { DEFAULT_SEED, generateDemo } from "../demo/generate.ts";
import { FULL_DETAIL, LITE_DETAIL } from "./car.ts";
import { carGlb } from "./export.ts";
import { carSpecs } from "./spec.ts";

const OUT = "scripts/models3d/renders";
const CORE = "node_modules/@babylonjs/core";

const PAGE = `<!doctype html><html><head><meta charset="utf-8">
<script type="importmap">{"imports":{"@babylonjs/core/":"/core/"}}</script>
<style>html,body{margin:0;background:#fff}canvas{width:1280px;height:720px;display:block}</style></head>
<body><canvas id="c" width="1280" height="720"></canvas><script type="module" src="/page.js"></script></body></html>`;

const PAGE_JS = `
import { Engine } from "@babylonjs/core/Engines/engine.js";
import { Scene } from "@babylonjs/core/scene.js";
import { Color3, Color4 } from "@babylonjs/core/Maths/math.color.js";
import { Vector3, Quaternion } from "@babylonjs/core/Maths/math.vector.js";
import { UniversalCamera } from "@babylonjs/core/Cameras/universalCamera.js";
import { HemisphericLight } from "@babylonjs/core/Lights/hemisphericLight.js";
import { DirectionalLight } from "@babylonjs/core/Lights/directionalLight.js";
import { ShadowGenerator } from "@babylonjs/core/Lights/Shadows/shadowGenerator.js";
import "@babylonjs/core/Lights/Shadows/shadowGeneratorSceneComponent.js";
import { PBRMaterial } from "@babylonjs/core/Materials/PBR/pbrMaterial.js";
import { RawCubeTexture } from "@babylonjs/core/Materials/Textures/rawCubeTexture.js";
import { Mesh } from "@babylonjs/core/Meshes/mesh.js";
import { VertexData } from "@babylonjs/core/Meshes/mesh.vertexData.js";
import { TransformNode } from "@babylonjs/core/Meshes/transformNode.js";
import { CreateGround } from "@babylonjs/core/Meshes/Builders/groundBuilder.js";

function readGlb(buffer) {
  const view = new DataView(buffer);
  if (view.getUint32(0, true) !== 0x46546c67) throw new Error("not a GLB");
  const jsonLength = view.getUint32(12, true);
  const json = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 20, jsonLength)));
  const binStart = 20 + jsonLength + 8;
  return { json, bin: buffer.slice(binStart) };
}

function accessor(gltf, bin, index) {
  const a = gltf.accessors[index];
  const bv = gltf.bufferViews[a.bufferView];
  const size = { SCALAR: 1, VEC2: 2, VEC3: 3, VEC4: 4 }[a.type];
  const Type = { 5126: Float32Array, 5125: Uint32Array, 5123: Uint16Array, 5121: Uint8Array }[a.componentType];
  const offset = (bv.byteOffset ?? 0) + (a.byteOffset ?? 0);
  return new Type(bin, offset, a.count * size);
}

function linear(c) { return new Color3(c[0], c[1], c[2]); }

function material(scene, m) {
  const p = new PBRMaterial(m.name, scene);
  const pbr = m.pbrMetallicRoughness ?? {};
  const base = pbr.baseColorFactor ?? [1, 1, 1, 1];
  p.albedoColor = linear(base);
  p.metallic = pbr.metallicFactor ?? 1;
  p.roughness = pbr.roughnessFactor ?? 1;
  if (m.alphaMode === "BLEND") { p.alpha = base[3]; p.transparencyMode = PBRMaterial.PBRMATERIAL_ALPHABLEND; }
  p.backFaceCulling = !m.doubleSided;
  p.twoSidedLighting = !!m.doubleSided;
  if (m.emissiveFactor) {
    p.emissiveColor = linear(m.emissiveFactor);
    p.emissiveIntensity = m.extensions?.KHR_materials_emissive_strength?.emissiveStrength ?? 1;
  }
  const coat = m.extensions?.KHR_materials_clearcoat;
  if (coat) { p.clearCoat.isEnabled = true; p.clearCoat.intensity = coat.clearcoatFactor ?? 0; p.clearCoat.roughness = coat.clearcoatRoughnessFactor ?? 0; }
  return p;
}

function skyCube(scene) {
  const size = 64;
  const faces = [];
  const dirs = [
    (u, v) => [1, -v, -u], (u, v) => [-1, -v, u], (u, v) => [u, 1, v],
    (u, v) => [u, -1, -v], (u, v) => [u, -v, 1], (u, v) => [-u, -v, -1],
  ];
  for (const dir of dirs) {
    const data = new Uint8Array(size * size * 4);
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) {
      const [dx, dy, dz] = dir((x + 0.5) / size * 2 - 1, (y + 0.5) / size * 2 - 1);
      const h = dy / Math.hypot(dx, dy, dz);
      let c = h > 0 ? [200 - 90 * h, 215 - 80 * h, 235 - 40 * h] : [120 + 60 * h, 118 + 60 * h, 115 + 60 * h];
      const soft = Math.max(0, (Math.abs(dx) < 0.45 && h > 0.15 && h < 0.75) ? 1 : 0);
      if (soft) c = [255, 255, 255];
      const i = (y * size + x) * 4;
      data[i] = c[0]; data[i + 1] = c[1]; data[i + 2] = c[2]; data[i + 3] = 255;
    }
    faces.push(data);
  }
  return new RawCubeTexture(scene, faces, size, 5, 0, true);
}

window.renderCar = async (url, views) => {
  const canvas = document.getElementById("c");
  const engine = new Engine(canvas, true, { preserveDrawingBuffer: true });
  const scene = new Scene(engine);
  scene.useRightHandedSystem = true;
  scene.clearColor = new Color4(0.93, 0.94, 0.95, 1);
  scene.environmentTexture = skyCube(scene);
  scene.environmentIntensity = 0.9;
  const hemi = new HemisphericLight("sky", new Vector3(0, 1, 0), scene);
  hemi.intensity = 0.6;
  hemi.groundColor = new Color3(0.25, 0.25, 0.25);
  const sun = new DirectionalLight("sun", new Vector3(-0.4, -1, -0.3), scene);
  sun.position = new Vector3(4, 10, 3);
  sun.intensity = 2.2;
  const shadows = new ShadowGenerator(2048, sun);
  shadows.useBlurExponentialShadowMap = true;
  shadows.blurKernel = 24;
  const ground = CreateGround("ground", { width: 40, height: 40 }, scene);
  const groundMat = new PBRMaterial("ground", scene);
  groundMat.albedoColor = new Color3(0.55, 0.56, 0.58);
  groundMat.metallic = 0; groundMat.roughness = 0.95;
  ground.material = groundMat;
  ground.receiveShadows = true;

  const { json: gltf, bin } = readGlb(await (await fetch(url)).arrayBuffer());
  const materials = (gltf.materials ?? []).map((m) => material(scene, m));
  const byName = {};
  const makeNode = (index, parent) => {
    const n = gltf.nodes[index];
    const node = new TransformNode(n.name ?? "node" + index, scene);
    node.parent = parent;
    if (n.translation) node.position = Vector3.FromArray(n.translation);
    if (n.rotation) node.rotationQuaternion = Quaternion.FromArray(n.rotation);
    if (n.scale) node.scaling = Vector3.FromArray(n.scale);
    byName[node.name] = node;
    if (n.mesh !== undefined) {
      gltf.meshes[n.mesh].primitives.forEach((prim, i) => {
        const mesh = new Mesh((n.name ?? "mesh") + (i ? "-" + i : ""), scene);
        const vd = new VertexData();
        vd.positions = accessor(gltf, bin, prim.attributes.POSITION);
        vd.normals = accessor(gltf, bin, prim.attributes.NORMAL);
        vd.indices = accessor(gltf, bin, prim.indices);
        vd.applyToMesh(mesh);
        mesh.sideOrientation = 1; // glTF: counter-clockwise front faces (as @babylonjs/loaders sets it)
        mesh.parent = node;
        mesh.material = materials[prim.material] ?? null;
        shadows.addShadowCaster(mesh);
        byName[mesh.name] = mesh;
      });
    }
    for (const child of n.children ?? []) makeNode(child, node);
  };
  for (const index of gltf.scenes[gltf.scene ?? 0].nodes) makeNode(index, null);
  const variants = Object.keys(byName).filter((name) => /^wheels-\\d+$/.test(name)).sort();
  variants.forEach((name, i) => byName[name].setEnabled(i === variants.length - 1));
  const roof = new URL(location.href).searchParams.get("roof") ?? "0";
  for (const name of ["roof-0", "roof-1"]) byName[name]?.setEnabled(name === "roof-" + roof);

  const dims = gltf.scenes[gltf.scene ?? 0].extras?.dimensionsMm ?? { length: 4800, height: 1500 };
  const L = dims.length / 1000, H = dims.height / 1000;
  const camera = new UniversalCamera("camera", new Vector3(0, 1, 5), scene);
  camera.minZ = 0.02;
  const shots = {};
  const wheel = byName["steering-wheel"];
  wheel.computeWorldMatrix(true);
  const wc = wheel.getBoundingInfo().boundingBox.centerWorld;
  const setups = {
    front34: () => { camera.fov = 0.6; camera.position = new Vector3(L * 0.78, H * 0.9, L * 0.95); camera.setTarget(new Vector3(0, H * 0.42, 0)); },
    side: () => { camera.fov = 0.5; camera.position = new Vector3(L * 1.55, H * 0.5, 0); camera.setTarget(new Vector3(0, H * 0.45, 0)); },
    rear34: () => { camera.fov = 0.6; camera.position = new Vector3(L * 0.7, H * 1.1, -L * 0.95); camera.setTarget(new Vector3(0, H * 0.42, 0)); },
    wheel: () => { camera.fov = 0.35; camera.position = new Vector3(L * 0.55, H * 0.35, L * 0.45); camera.setTarget(byName["wheel-FL"].getAbsolutePosition()); },
    interior: () => { camera.fov = 1.2; camera.position = new Vector3(wc.x, wc.y + 0.3, wc.z - 0.65); camera.setTarget(new Vector3(wc.x * 0.35, wc.y - 0.02, wc.z + 1)); },
  };
  for (const view of views) {
    setups[view]();
    scene.render();
    await scene.whenReadyAsync();
    for (let i = 0; i < 3; i++) scene.render();
    shots[view] = canvas.toDataURL("image/png");
  }
  engine.dispose();
  return shots;
};
window.ready = true;
`;

function serve(glbs: Map<string, Uint8Array>) {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
    const send = (type: string, body: string | Uint8Array) => {
      response.writeHead(200, { "content-type": type });
      response.end(body);
    };
    if (path === "/") return send("text/html", PAGE);
    if (path === "/page.js") return send("text/javascript", PAGE_JS);
    const glb = glbs.get(path.replace(/^\/models\//, ""));
    if (glb) return send("model/gltf-binary", glb);
    if (path.startsWith("/core/")) {
      const file = normalize(join(CORE, path.slice("/core/".length)));
      if (file.startsWith(CORE)) {
        try {
          return send("text/javascript", readFileSync(file));
        } catch {}
      }
    }
    response.writeHead(404);
    response.end();
  });
  return new Promise<typeof server>((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

async function main() {
  const wanted = process.argv.slice(2);
  const specs = carSpecs(generateDemo({ seed: DEFAULT_SEED, inventory: 0 })).filter(
    (spec) => wanted.length === 0 || wanted.includes(spec.modelId),
  );
  mkdirSync(OUT, { recursive: true });
  const glbs = new Map<string, Uint8Array>();
  const lite = process.env.LITE === "1";
  const suffix = lite ? "-lite" : "";
  for (const spec of specs) glbs.set(`${spec.modelId}.glb`, await carGlb(spec, lite ? LITE_DETAIL : FULL_DETAIL));
  const server = await serve(glbs);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
      "--disable-dev-shm-usage",
      "--ignore-gpu-blocklist",
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    page.on("pageerror", (error) => console.error("page:", error.message));
    await page.goto(
      `http://127.0.0.1:${(server.address() as AddressInfo).port}/?roof=${process.env.ROOF === "1" ? 1 : 0}`,
    );
    await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
    for (const spec of specs) {
      const shots = await page.evaluate(
        ([url, views]) =>
          (window as unknown as { renderCar: (u: string, v: string[]) => Promise<Record<string, string>> }).renderCar(
            url,
            views,
          ),
        [`/models/${spec.modelId}.glb`, ["front34", "side", "rear34", "wheel", "interior"]] as [string, string[]],
      );
      for (const [view, dataUrl] of Object.entries(shots)) {
        const file = `${OUT}/${spec.modelId}${suffix}-${view}.png`;
        writeFileSync(file, Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ""), "base64"));
      }
      console.log(`render: ${spec.modelId} (${spec.bodyType}) → ${OUT}/${spec.modelId}${suffix}-*.png`);
    }
  } finally {
    await browser.close();
    server.close();
  }
}

await main();
