/**
 * The showroom benchmark's peer: a bare Babylon page (engine, scene, camera, one light, the same
 * GLB through the same @babylonjs/loaders glTF loader, nothing else), bundled into one module with
 * esbuild (minified, like the site's build) and served by a local server beside the Worker. It
 * marks `peer:first-frame` after its first frame, so its first frame is timed the way the
 * configure page's is. Same canvas size and hardware scaling rule as the viewer.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

export const PEER_FIRST_FRAME = "peer:first-frame";

const ENTRY = `
import { ArcRotateCamera } from "@babylonjs/core/Cameras/arcRotateCamera.js";
import { Engine } from "@babylonjs/core/Engines/engine.js";
import { HemisphericLight } from "@babylonjs/core/Lights/hemisphericLight.js";
import { LoadAssetContainerAsync } from "@babylonjs/core/Loading/sceneLoader.js";
import { Vector3 } from "@babylonjs/core/Maths/math.vector.js";
import { Scene } from "@babylonjs/core/scene.js";
import "@babylonjs/loaders/glTF/2.0/glTFLoader.js";
import "@babylonjs/loaders/glTF/2.0/Extensions/KHR_materials_clearcoat.js";
import "@babylonjs/loaders/glTF/2.0/Extensions/KHR_materials_emissive_strength.js";

const canvas = document.querySelector("canvas");
const engine = new Engine(canvas, true, { stencil: true }, true);
const software = /swiftshader|llvmpipe|software/i.test(engine.getGlInfo().renderer);
engine.setHardwareScalingLevel(software ? 2 : 1 / Math.min(devicePixelRatio || 1, 2));
const scene = new Scene(engine);
scene.useRightHandedSystem = true;
new HemisphericLight("sky", new Vector3(0, 1, 0), scene);
const camera = new ArcRotateCamera("camera", 0.9, 1.3, 6, new Vector3(0, 0.6, 0), scene);
scene.activeCamera = camera;
const container = await LoadAssetContainerAsync("/car.glb", scene, { pluginExtension: ".glb" });
container.addAllToScene();
await scene.whenReadyAsync();
scene.render();
performance.mark("${PEER_FIRST_FRAME}");
`;

/**
 * Bundles the peer and serves it with `glb` (the bytes the configure page loads); answers its URL,
 * the bundle's gzip size and how to stop the server.
 */
export async function startPeer(glb: Uint8Array, canvas: { width: number; height: number }) {
  const bundled = await build({
    stdin: { contents: ENTRY, resolveDir: process.cwd(), loader: "js" },
    bundle: true,
    format: "esm",
    minify: true,
    target: "es2022",
    write: false,
    logLevel: "error",
  });
  const js = bundled.outputFiles[0]?.contents ?? new Uint8Array();
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>peer</title>
<style>body{margin:0}canvas{width:${canvas.width}px;height:${canvas.height}px;display:block}</style></head>
<body><canvas></canvas><script type="module" src="/peer.js"></script></body></html>`;
  const immutable = "public, max-age=31536000, immutable";
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://peer").pathname;
    const send = (type: string, body: string | Uint8Array, cache = "no-store") => {
      response.writeHead(200, { "content-type": type, "cache-control": cache });
      response.end(body);
    };
    if (path === "/") return send("text/html; charset=utf-8", html);
    if (path === "/peer.js") return send("text/javascript", js, immutable);
    if (path === "/car.glb") return send("model/gltf-binary", glb, immutable);
    response.writeHead(404);
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    gzipBytes: gzipSync(js, { level: 9 }).byteLength,
    stop: () => server.close(),
  };
}
