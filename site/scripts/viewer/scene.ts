/**
 * The configure page's 3D view (loaded by ./index.ts with a dynamic import, so none of Babylon is
 * in the page's first JavaScript): the model's GLB in a studio with generated lighting, an orbit
 * camera with preset angles and an interior camera, render commands applied with short
 * transitions, and frames drawn only while something moves.
 */

import { ArcRotateCamera } from "@babylonjs/core/Cameras/arcRotateCamera.js";
import { Engine } from "@babylonjs/core/Engines/engine.js";
import { DirectionalLight } from "@babylonjs/core/Lights/directionalLight.js";
import { HemisphericLight } from "@babylonjs/core/Lights/hemisphericLight.js";
import { LoadAssetContainerAsync } from "@babylonjs/core/Loading/sceneLoader.js";
import { SceneLoaderFlags } from "@babylonjs/core/Loading/sceneLoaderFlags.js";
import { PBRMaterial } from "@babylonjs/core/Materials/PBR/pbrMaterial.js";
import { DynamicTexture } from "@babylonjs/core/Materials/Textures/dynamicTexture.js";
import { Color3, Color4 } from "@babylonjs/core/Maths/math.color.js";
import { Matrix, Vector3 } from "@babylonjs/core/Maths/math.vector.js";
import { CreateGround } from "@babylonjs/core/Meshes/Builders/groundBuilder.js";
import type { TransformNode } from "@babylonjs/core/Meshes/transformNode.js";
import { FxaaPostProcess } from "@babylonjs/core/PostProcesses/fxaaPostProcess.js";
import { Scene } from "@babylonjs/core/scene.js";
import "@babylonjs/loaders/glTF/2.0/glTFLoader.js";
import "@babylonjs/loaders/glTF/2.0/Extensions/KHR_materials_clearcoat.js";
import "@babylonjs/loaders/glTF/2.0/Extensions/KHR_materials_emissive_strength.js";
import "@babylonjs/loaders/glTF/2.0/Extensions/ExtrasAsMetadata.js";
import type { RenderCommand } from "../../../domain/configurator/product-model.ts";
import { studioEnvironment } from "./environment.ts";

export type View = "front" | "side" | "rear" | "interior";

export interface Viewer {
  /** Shows the configuration these commands describe; what no command mentions returns to the model's own look. */
  apply(commands: readonly RenderCommand[]): void;
  view(name: View): void;
  /** Places the car in the room through WebXR immersive-ar; resolves when the session started. */
  enterAr(): Promise<void>;
  /** Stops drawing and frees the GPU context (the page goes back to the picture). */
  dispose(): void;
  /** A front three-quarter picture of the car as configured now, 800×450 JPEG as a data: URL. */
  snapshot(): Promise<string | null>;
  /** Told after every drawn frame where each feature's hotspot is on the canvas (CSS pixels), or null while the view does not show it. */
  onSpots(listener: (spots: ReadonlyMap<string, Spot | null>) => void): void;
}

/** A hotspot's place on the canvas, in CSS pixels from its top left corner. */
export interface Spot {
  x: number;
  y: number;
}

export interface ViewerOptions {
  commands: readonly RenderCommand[];
  /** Phones draw fewer pixels (hardware scaling). */
  phone: boolean;
  /** WebGL drawn by the CPU (SwiftShader, llvmpipe): fewer pixels, and FXAA instead of multisampling. */
  software: boolean;
  reducedMotion: boolean;
  /** Told when drawing stops (idle) and starts again. */
  onIdle(idle: boolean): void;
}

interface Look {
  albedo: Color3;
  metallic: number;
  roughness: number;
  clearcoat: number;
}

interface Tween {
  start: number;
  duration: number;
  step(k: number): void;
  done?(): void;
}

const CLEAR = new Color4(0.96, 0.965, 0.972, 1);
const TRANSITION_MS = 450;
const CAMERA_MS = 700;
const INTERIOR_RADIUS = 0.05;
/** Camera moves start and end gently. */
const easeInOut = (k: number) => (k < 0.5 ? 4 * k * k * k : 1 - (-2 * k + 2) ** 3 / 2);
/** Option changes start at full speed, so the first frame after a click already shows part of the change. */
const easeOut = (k: number) => 1 - (1 - k) ** 3;
const numbered = /^(.+)-(\d+)$/;

function lookOf(material: PBRMaterial): Look {
  return {
    albedo: material.albedoColor.clone(),
    metallic: material.metallic ?? 0,
    roughness: material.roughness ?? 1,
    clearcoat: material.clearCoat.isEnabled ? material.clearCoat.intensity : 0,
  };
}

function withSet(base: Look, set: Record<string, string | number | boolean>): Look {
  const look = { ...base, albedo: base.albedo.clone() };
  if (typeof set.albedo === "string" && /^#[0-9a-f]{6}$/i.test(set.albedo))
    look.albedo = Color3.FromHexString(set.albedo).toLinearSpace();
  if (typeof set.metallic === "number") look.metallic = set.metallic;
  if (typeof set.roughness === "number") look.roughness = set.roughness;
  if (typeof set.clearcoat === "number") look.clearcoat = set.clearcoat;
  return look;
}

/** One step of a blend between looks; the clearcoat stays switched on at intensity 0 (matte), since switching it off would recompile the shader mid-transition. */
function paint(material: PBRMaterial, from: Look, to: Look, k: number): void {
  Color3.LerpToRef(from.albedo, to.albedo, k, material.albedoColor);
  material.metallic = from.metallic + (to.metallic - from.metallic) * k;
  material.roughness = from.roughness + (to.roughness - from.roughness) * k;
  const coat = from.clearcoat + (to.clearcoat - from.clearcoat) * k;
  if (coat > 0) material.clearCoat.isEnabled = true;
  material.clearCoat.intensity = coat;
}

/**
 * A soft contact shadow under the car: a blurred rounded rectangle drawn into a texture on a
 * plane just above the ground (cheaper than a shadow map, and steady while the camera moves).
 */
function contactShadow(scene: Scene, width: number, length: number, x: number, z: number, y: number): void {
  const texture = new DynamicTexture("contact-shadow", { width: 256, height: 512 }, scene, true);
  const context = texture.getContext() as unknown as CanvasRenderingContext2D;
  const offset = 1024;
  context.clearRect(0, 0, 256, 512);
  context.shadowColor = "rgba(0, 0, 0, 0.7)";
  context.shadowBlur = 36;
  context.shadowOffsetX = offset;
  context.beginPath();
  context.roundRect(44 - offset, 44, 168, 424, 56);
  context.fill();
  texture.hasAlpha = true;
  texture.update();
  const plane = CreateGround("contact-shadow", { width: width * 1.3, height: length * 1.18 }, scene);
  plane.position.set(x, y + 0.004, z);
  const material = new PBRMaterial("contact-shadow", scene);
  material.unlit = true;
  material.albedoColor = Color3.Black();
  material.opacityTexture = texture;
  plane.material = material;
  plane.isPickable = false;
}

const SNAPSHOT_WIDTH = 800;
const SNAPSHOT_HEIGHT = 450;
const SNAPSHOT_QUALITY = 0.86;

interface Anchor {
  feature: string;
  node: TransformNode;
  /** Outward direction the camera must be on the side of; none for points inside the car. */
  facing: Vector3 | null;
  inside: boolean;
}

/** The GLB's hotspot nodes (`extras.hotspot`, written by scripts/models3d/car.ts). */
function anchorsOf(nodes: Iterable<TransformNode>): Anchor[] {
  const anchors: Anchor[] = [];
  for (const node of nodes) {
    const extras = (node.metadata as { gltf?: { extras?: { hotspot?: unknown; facing?: unknown } } } | null)?.gltf
      ?.extras;
    if (typeof extras?.hotspot !== "string") continue;
    const facing = Array.isArray(extras.facing) ? Vector3.FromArray(extras.facing as number[]) : null;
    let inside = false;
    for (let parent = node.parent; parent; parent = parent.parent) inside ||= parent.name === "interior";
    anchors.push({ feature: extras.hotspot, node, facing, inside });
  }
  return anchors;
}

/** The angle equal to `to` (mod 2π) nearest to `from`, so a camera move takes the short way round. */
const nearestAngle = (from: number, to: number) => to + Math.round((from - to) / (2 * Math.PI)) * 2 * Math.PI;

/**
 * Loads the GLB (its URL, or its bytes already fetched) into a new scene on `canvas` and draws the car as `options.commands` say.
 * @example const viewer = await createViewer(canvas, "/api/media/models/ab12.glb", { commands, phone: false, reducedMotion: false, onIdle });
 */
export async function createViewer(
  canvas: HTMLCanvasElement,
  glb: string | ArrayBufferView,
  options: ViewerOptions,
): Promise<Viewer> {
  const { software } = options;
  // A CPU renderer rasterises every triangle once per sample: multisampling doubled its frame time
  // (a light car, a sixteenth of the pixels: 46 → 21 ms), so it gets one FXAA pass instead.
  const engine = new Engine(
    canvas,
    !software,
    { stencil: true, alpha: false, doNotHandleTouchAction: true, powerPreference: "high-performance" },
    true,
  );
  engine.renderEvenInBackground = false;
  // Adaptive quality: a CPU renderer draws a quarter of the pixels at rest and a sixteenth while the
  // car or the camera moves, then one sharp frame at rest.
  const sharp = software ? 2 : 1 / Math.min(window.devicePixelRatio || 1, options.phone ? 1.5 : 2);
  const rough = software ? 4 : sharp;
  engine.setHardwareScalingLevel(sharp);
  const scene = new Scene(engine);
  scene.useRightHandedSystem = true;
  scene.clearColor = CLEAR;
  scene.environmentTexture = studioEnvironment(scene);
  scene.environmentIntensity = 0.9;
  scene.fogMode = Scene.FOGMODE_LINEAR;
  scene.fogColor = new Color3(CLEAR.r, CLEAR.g, CLEAR.b);
  scene.fogStart = 14;
  scene.fogEnd = 34;
  const sky = new HemisphericLight("sky", new Vector3(0, 1, 0), scene);
  sky.intensity = 0.6;
  sky.groundColor = new Color3(0.25, 0.25, 0.25);
  const sun = new DirectionalLight("sun", new Vector3(-0.4, -1, -0.3), scene);
  sun.position = new Vector3(4, 10, 3);
  sun.intensity = 2.2;
  const ground = CreateGround("ground", { width: 80, height: 80 }, scene);
  const groundMaterial = new PBRMaterial("ground", scene);
  groundMaterial.albedoColor = new Color3(0.62, 0.63, 0.65);
  groundMaterial.metallic = 0;
  groundMaterial.roughness = 0.95;
  ground.material = groundMaterial;

  SceneLoaderFlags.ShowLoadingScreen = false;
  let container: Awaited<ReturnType<typeof LoadAssetContainerAsync>>;
  try {
    container = await LoadAssetContainerAsync(glb, scene, { pluginExtension: ".glb" });
  } catch (error) {
    engine.dispose();
    throw error;
  }
  container.addAllToScene();
  const materials = new Map(
    container.materials.flatMap((m) => (m instanceof PBRMaterial ? [[m.name, m] as const] : [])),
  );
  const base = new Map([...materials].map(([name, m]) => [name, lookOf(m)]));
  const nodes = new Map<string, TransformNode>(
    [...container.transformNodes, ...container.meshes].map((n) => [n.name, n]),
  );
  const siblingsOf = (node: TransformNode): TransformNode[] => {
    const family = numbered.exec(node.name)?.[1];
    if (!family) return [];
    return [...nodes.values()].filter(
      (n) => n !== node && n.parent === node.parent && numbered.exec(n.name)?.[1] === family,
    );
  };
  const defaults = new Map<string, boolean>();
  for (const node of nodes.values()) {
    const siblings = siblingsOf(node);
    const first = [node, ...siblings].sort((a, b) => a.name.localeCompare(b.name, "en", { numeric: true }))[0];
    defaults.set(node.name, siblings.length === 0 || first === node);
  }
  const shown = new Map(defaults);
  for (const [name, on] of shown) nodes.get(name)?.setEnabled(on);

  const roots = [...container.meshes, ...container.transformNodes].filter((node) => !node.parent);
  const car = nodes.get("car") ?? roots[0];
  const { min, max } = car ? car.getHierarchyBoundingVectors(true) : { min: Vector3.Zero(), max: Vector3.One() };
  const size = max.subtract(min);
  const length = Math.max(size.x, size.z);
  const centre = new Vector3((min.x + max.x) / 2, min.y + size.y * 0.42, (min.z + max.z) / 2);

  contactShadow(scene, size.x, size.z, centre.x, centre.z, min.y);

  const outside = new ArcRotateCamera("outside", 0.9, 1.3, length * 1.2, centre.clone(), scene);
  outside.minZ = 0.05;
  outside.fov = 0.65;
  outside.lowerRadiusLimit = length * 0.8;
  outside.upperRadiusLimit = length * 2.4;
  outside.lowerBetaLimit = 0.35;
  outside.upperBetaLimit = Math.PI / 2 - 0.03;
  outside.panningSensibility = 0;
  outside.wheelDeltaPercentage = 0.01;
  outside.inertia = 0.88;
  const steering = scene.getMeshByName("steering-wheel");
  steering?.computeWorldMatrix(true);
  const wheelCentre =
    steering?.getBoundingInfo().boundingBox.centerWorld.clone() ??
    centre.add(new Vector3(size.x * 0.2, size.y * 0.3, size.z * 0.1));
  const eye = new Vector3(wheelCentre.x, wheelCentre.y + 0.26, wheelCentre.z - 0.4);
  const inside = new ArcRotateCamera("inside", -Math.PI / 2, 1.45, INTERIOR_RADIUS, eye, scene);
  inside.minZ = 0.01;
  inside.fov = 1.2;
  inside.lowerRadiusLimit = INTERIOR_RADIUS;
  inside.upperRadiusLimit = INTERIOR_RADIUS;
  inside.lowerBetaLimit = 0.9;
  inside.upperBetaLimit = 2.1;
  inside.panningSensibility = 0;
  inside.inertia = 0.85;
  for (const camera of [outside, inside]) {
    const pointers = camera.inputs.attached.pointers as unknown as { useNaturalPinchZoom?: boolean } | undefined;
    if (pointers) pointers.useNaturalPinchZoom = true;
  }
  scene.activeCamera = outside;
  outside.attachControl();
  if (software) for (const camera of [outside, inside]) new FxaaPostProcess("fxaa", 1, camera);

  const anchors = anchorsOf(nodes.values());
  const spotListeners: ((spots: ReadonlyMap<string, Spot | null>) => void)[] = [];
  const projected = new Vector3();
  const toEye = new Vector3();
  const place = () => {
    const camera = scene.activeCamera;
    if (!camera || (camera !== outside && camera !== inside) || spotListeners.length === 0) return;
    const width = engine.getRenderWidth();
    const height = engine.getRenderHeight();
    const viewport = camera.viewport.toGlobal(width, height);
    const transform = scene.getTransformMatrix();
    const css = canvas.clientWidth / Math.max(1, width);
    const margin = 14 / css;
    const spots = new Map<string, (Spot & { score: number }) | null>();
    for (const anchor of anchors) {
      if (!spots.has(anchor.feature)) spots.set(anchor.feature, null);
      if (inXr || anchor.inside !== (camera === inside) || !anchor.node.isEnabled()) continue;
      const at = anchor.node.getAbsolutePosition();
      camera.globalPosition.subtractToRef(at, toEye);
      const score = anchor.facing ? Vector3.Dot(anchor.facing, toEye.normalize()) : 1;
      if (score < 0.2) continue;
      Vector3.ProjectToRef(at, Matrix.IdentityReadOnly, transform, viewport, projected);
      const onScreen =
        projected.z > 0 &&
        projected.z < 1 &&
        projected.x > margin &&
        projected.x < width - margin &&
        projected.y > margin &&
        projected.y < height - margin;
      const best = spots.get(anchor.feature);
      if (onScreen && (!best || score > best.score))
        spots.set(anchor.feature, { x: projected.x * css, y: projected.y * css, score });
    }
    for (const listener of spotListeners) listener(spots);
  };
  scene.onAfterRenderObservable.add(place);

  const tweens = new Map<string, Tween>();
  const animate = (key: string, duration: number, step: (k: number) => void, done?: () => void) => {
    if (options.reducedMotion || duration === 0) {
      step(1);
      done?.();
      tweens.delete(key);
    } else {
      tweens.set(key, { start: performance.now(), duration, step, done });
    }
    wake();
  };
  scene.onBeforeRenderObservable.add(() => {
    const now = performance.now();
    for (const [key, tween] of tweens) {
      const k = Math.min(1, (now - tween.start) / tween.duration);
      tween.step(key === "camera" ? easeInOut(k) : easeOut(k));
      if (k >= 1) {
        tweens.delete(key);
        tween.done?.();
      }
    }
  });

  let pending = 0;
  let running = false;
  let started = false;
  let inXr = false;
  let drawn = false;
  let switched = false;
  const moving = () => {
    const camera = scene.activeCamera;
    return (
      camera instanceof ArcRotateCamera &&
      (camera.inertialAlphaOffset !== 0 || camera.inertialBetaOffset !== 0 || camera.inertialRadiusOffset !== 0)
    );
  };
  const stop = () => {
    engine.stopRenderLoop(frame);
    running = false;
    options.onIdle(true);
  };
  const photos: ((picture: string | null) => void)[] = [];
  function frame(): void {
    if (photos.length > 0) {
      const picture = photograph();
      for (const reply of photos.splice(0)) reply(picture);
    }
    const busy = tweens.size > 0 || moving();
    if (busy) pending = Math.max(pending, 1);
    if (!inXr && (document.hidden || pending <= 0)) {
      stop();
      return;
    }
    pending--;
    const level = busy ? rough : sharp;
    if (engine.getHardwareScalingLevel() !== level) engine.setHardwareScalingLevel(level);
    scene.render();
    // A rough frame is always followed by a sharp one once things are at rest.
    if (level !== sharp) pending = Math.max(pending, 1);
    if (!drawn) {
      drawn = true;
      performance.mark("viewer:first-frame");
    }
    if (switched) {
      switched = false;
      performance.mark("viewer:switch-visible");
    }
  }
  function wake(): void {
    pending = 1;
    if (running || !started) return;
    running = true;
    options.onIdle(false);
    engine.runRenderLoop(frame);
  }
  const listening = new AbortController();
  const { signal } = listening;
  for (const type of ["pointerdown", "pointermove", "wheel", "keydown"])
    canvas.addEventListener(type, () => wake(), { signal });
  document.addEventListener(
    "visibilitychange",
    () => {
      if (!document.hidden) wake();
    },
    { signal },
  );
  const resizing = new ResizeObserver(() => {
    engine.resize();
    wake();
  });
  resizing.observe(canvas);

  function apply(commands: readonly RenderCommand[], duration: number): void {
    let changed = false;
    const sets = new Map<string, Record<string, string | number | boolean>>();
    const wanted = new Map(defaults);
    for (const command of commands) {
      if ("material" in command) sets.set(command.material, { ...sets.get(command.material), ...command.set });
      else if ("show" in command) {
        const node = nodes.get(command.show);
        if (!node) continue;
        wanted.set(node.name, true);
        for (const sibling of siblingsOf(node)) wanted.set(sibling.name, false);
      } else wanted.set(command.hide, false);
    }
    for (const [name, material] of materials) {
      const baseLook = base.get(name);
      if (!baseLook) continue;
      const to = withSet(baseLook, sets.get(name) ?? {});
      const start = lookOf(material);
      if (
        start.albedo.equals(to.albedo) &&
        start.metallic === to.metallic &&
        start.roughness === to.roughness &&
        start.clearcoat === to.clearcoat
      )
        continue;
      changed = true;
      animate(`material:${name}`, duration, (k) => paint(material, start, to, k));
    }
    for (const [name, on] of wanted) {
      if (shown.get(name) === on) continue;
      shown.set(name, on);
      const node = nodes.get(name);
      if (!node) continue;
      changed = true;
      const meshes = node.getChildMeshes(false);
      if (on) node.setEnabled(true);
      animate(
        `node:${name}`,
        duration,
        (k) => {
          for (const mesh of meshes) mesh.visibility = on ? k : 1 - k;
        },
        () => {
          node.setEnabled(on);
          for (const mesh of meshes) mesh.visibility = 1;
          wake();
        },
      );
    }
    if (changed && started) switched = true;
    wake();
  }

  function view(name: View): void {
    const camera = name === "interior" ? inside : outside;
    if (scene.activeCamera !== camera) {
      scene.activeCamera?.detachControl();
      scene.activeCamera = camera;
      camera.attachControl();
    }
    const [alpha, beta, radius] =
      name === "interior"
        ? [-Math.PI / 2, 1.45, INTERIOR_RADIUS]
        : name === "side"
          ? [0, 1.42, length * 1.45]
          : name === "rear"
            ? [-0.94, 1.3, length * 1.2]
            : [0.9, 1.3, length * 1.2];
    const from = { alpha: camera.alpha, beta: camera.beta, radius: camera.radius };
    const toAlpha = nearestAngle(from.alpha, alpha);
    camera.inertialAlphaOffset = 0;
    camera.inertialBetaOffset = 0;
    camera.inertialRadiusOffset = 0;
    animate("camera", name === "interior" ? 0 : CAMERA_MS, (k) => {
      camera.alpha = from.alpha + (toAlpha - from.alpha) * k;
      camera.beta = from.beta + (beta - from.beta) * k;
      camera.radius = from.radius + (radius - from.radius) * k;
    });
  }

  async function enterAr(): Promise<void> {
    const [{ WebXRExperienceHelper }, { WebXRState }] = await Promise.all([
      import("@babylonjs/core/XR/webXRExperienceHelper.js"),
      import("@babylonjs/core/XR/webXRTypes.js"),
    ]);
    const helper = await WebXRExperienceHelper.CreateAsync(scene);
    const placed = roots.map((node) => node.position.clone());
    helper.onStateChangedObservable.add((state) => {
      if (state !== WebXRState.NOT_IN_XR) return;
      inXr = false;
      ground.setEnabled(true);
      scene.clearColor = CLEAR;
      scene.fogMode = Scene.FOGMODE_LINEAR;
      roots.forEach((node, i) => {
        node.position.copyFrom(placed[i] ?? Vector3.Zero());
      });
      helper.dispose();
      view("front");
    });
    inXr = true;
    ground.setEnabled(false);
    scene.fogMode = Scene.FOGMODE_NONE;
    scene.clearColor = new Color4(0, 0, 0, 0);
    for (const node of roots) node.position.addInPlace(new Vector3(0, 0, -(length / 2 + 1.5)));
    wake();
    await helper.enterXRAsync("immersive-ar", "local-floor");
  }

  /**
   * At the start of the next frame, draws the car once from the front three-quarter preset at
   * the picture's size and copies it before the browser shows anything, then the frame goes on
   * to draw the shopper's view: nothing visible moves. The copy is composited over the studio
   * colour.
   */
  function snapshot(): Promise<string | null> {
    if (inXr) return Promise.resolve(null);
    return new Promise((resolve) => {
      photos.push(resolve);
      wake();
    });
  }
  function photograph(): string | null {
    const picture = document.createElement("canvas");
    picture.width = SNAPSHOT_WIDTH;
    picture.height = SNAPSHOT_HEIGHT;
    const context = picture.getContext("2d");
    if (!context) return null;
    const shopper = scene.activeCamera;
    const saved = [outside.alpha, outside.beta, outside.radius] as const;
    try {
      engine.setSize(SNAPSHOT_WIDTH, SNAPSHOT_HEIGHT);
      scene.activeCamera = outside;
      [outside.alpha, outside.beta, outside.radius] = [0.9, 1.3, length * 1.25];
      scene.render(false);
      context.fillStyle = CLEAR.toHexString().slice(0, 7);
      context.fillRect(0, 0, SNAPSHOT_WIDTH, SNAPSHOT_HEIGHT);
      context.drawImage(canvas, 0, 0, SNAPSHOT_WIDTH, SNAPSHOT_HEIGHT);
    } finally {
      [outside.alpha, outside.beta, outside.radius] = saved;
      scene.activeCamera = shopper;
      engine.resize();
    }
    return picture.toDataURL("image/jpeg", SNAPSHOT_QUALITY);
  }

  apply(options.commands, 0);
  await scene.whenReadyAsync();
  started = true;
  wake();

  return {
    apply: (commands) => apply(commands, TRANSITION_MS),
    view,
    enterAr,
    snapshot,
    onSpots: (listener) => {
      spotListeners.push(listener);
      wake();
    },
    dispose: () => {
      listening.abort();
      resizing.disconnect();
      engine.stopRenderLoop();
      scene.activeCamera?.detachControl();
      engine.dispose();
    },
  };
}
