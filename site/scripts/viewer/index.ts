/**
 * The configure page's 3D view, as an island: checks for WebGL, then imports ./scene.ts (Babylon,
 * its own chunk) and shows the configured car, following every configuration the page renders
 * (the configurator's CONFIGURED_PRICE_EVENT). Without WebGL or a model file, the picture and the
 * option list stay, and a note says why. On software-only WebGL the 3D car waits for the shopper to
 * ask for it; that wish is remembered (`marque.viewer.software`) until they choose the picture again.
 * There it loads the model's lighter mesh (`data-src-lite`, media role `model3d-lite`).
 *
 * Performance marks for bench/: `viewer:first-frame` once the car is first drawn, and
 * `viewer:switch-visible` at the end of the first frame drawn after each apply that changed the car.
 */
import { renderCommands } from "../../../domain/configurator/pricing.ts";
import type { ProductModel } from "../../../domain/configurator/product-model.ts";
import { CONFIGURED_PRICE_EVENT, type ConfiguredPrice } from "../../components/finance/widget.ts";
import { answerSnapshots } from "./bridge.ts";
import { hotspotText, type TrimFacts } from "./hotspot-text.ts";
import { wireHotspots } from "./hotspots.ts";
import type { View, Viewer } from "./scene.ts";

type XrSystem = { isSessionSupported(mode: string): Promise<boolean> };

/** localStorage key remembering that the shopper wants the 3D car even on software-only WebGL. */
const SOFTWARE_KEY = "marque.viewer.software";

const root = document.querySelector<HTMLElement>("[data-viewer]");
const data = document.getElementById("product-model")?.textContent;
if (root && data) start(root, (JSON.parse(data) as { model: ProductModel }).model);

/** "none" without WebGL; "software" when it is drawn by the CPU (SwiftShader, llvmpipe), which blocks the page for seconds per shader. */
function webGl(): "none" | "software" | "gpu" {
  const canvas = document.createElement("canvas");
  const gl = canvas.getContext("webgl2") ?? canvas.getContext("webgl");
  if (!gl) return "none";
  const info = gl.getExtension("WEBGL_debug_renderer_info");
  const renderer = String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
  gl.getExtension("WEBGL_lose_context")?.loseContext();
  return /swiftshader|llvmpipe|softpipe|software|basic render/i.test(renderer) ? "software" : "gpu";
}

function start(root: HTMLElement, model: ProductModel): void {
  const t = (zh: string, en: string) => (root.dataset.lang === "en" ? en : zh);
  const note = document.querySelector<HTMLElement>("[data-viewer-note]");
  const tools = document.querySelector<HTMLElement>("[data-viewer-tools]");
  const canvas = root.querySelector<HTMLCanvasElement>("canvas");
  const fallback = (why: string) => {
    root.dataset.state = "fallback";
    if (note) note.textContent = why;
  };
  const src = root.dataset.src;
  if (!src || !canvas) {
    fallback(t("这个车型暂无 3D 模型，显示平面图。", "No 3D model of this car yet; showing a picture."));
    return;
  }
  const gl = webGl();
  if (gl === "none") {
    fallback(
      t(
        "你的浏览器没有开启 WebGL，无法显示 3D 车型；以下是平面图和全部选项。",
        "Your browser has WebGL turned off, so the 3D car cannot be shown; here are a picture and every option.",
      ),
    );
    return;
  }

  const configurator = document.querySelector<HTMLElement>(".configurator");
  let options = configurator?.dataset.configuredOptions?.split(",").filter(Boolean) ?? [];
  const commands = () => renderCommands(model, new Set(options));
  let viewer: Viewer | undefined;
  let applied = 0;
  answerSnapshots(() => (viewer ? viewer.snapshot() : Promise.resolve(null)));
  const trims = readTrims();
  const hotspots = wireHotspots(root, (feature) =>
    hotspotText(feature, { lang: root.dataset.lang === "en" ? "en" : "zh", model, options, trims }),
  );
  document.addEventListener(CONFIGURED_PRICE_EVENT, (event) => {
    options = (event as CustomEvent<ConfiguredPrice>).detail.options;
    viewer?.apply(commands());
    root.dataset.applied = String(++applied);
  });

  const optIn = document.querySelector<HTMLButtonElement>("[data-viewer-start]");
  const optOut = document.querySelector<HTMLButtonElement>("[data-viewer-stop]");
  let wired = false;
  let loads = 0;
  const load = () => {
    const attempt = ++loads;
    root.dataset.state = "loading";
    if (note) note.textContent = "";
    const phone = matchMedia("(pointer: coarse), (max-width: 600px)").matches;
    const reducedMotion = matchMedia("(prefers-reduced-motion: reduce)").matches;
    // The model file downloads while Babylon's chunk does, instead of after it has run. A CPU
    // renderer gets the lighter mesh: its frame time grows with the triangles drawn.
    const file = gl === "software" ? (root.dataset.srcLite ?? src) : src;
    const bytes = fetch(file).then((response) =>
      response.ok ? response.arrayBuffer() : Promise.reject(new Error(`model file: ${response.status}`)),
    );
    Promise.all([import("./scene.ts"), bytes])
      .then(([{ createViewer }, glb]) =>
        createViewer(canvas, new Uint8Array(glb), {
          commands: commands(),
          phone,
          software: gl === "software",
          reducedMotion,
          onIdle: (idle) => {
            root.dataset.idle = String(idle);
          },
        }),
      )
      .then((ready) => {
        if (attempt !== loads) {
          ready.dispose();
          return;
        }
        viewer = ready;
        viewer.onSpots(hotspots.place);
        viewer.apply(commands());
        root.dataset.applied = String(++applied);
        root.dataset.state = "ready";
        if (optOut) optOut.hidden = gl !== "software";
        if (tools) {
          tools.hidden = false;
          for (const button of tools.querySelectorAll("[data-view]"))
            button.setAttribute("aria-pressed", String(button.getAttribute("data-view") === "front"));
          if (!wired) wireTools(tools, () => viewer, t);
          wired = true;
        }
      })
      .catch(() =>
        fallback(t("3D 车型暂时无法载入，显示平面图。", "The 3D car could not be loaded; showing a picture.")),
      );
  };
  if (gl === "gpu") {
    load();
    return;
  }
  const softwareFallback = () => {
    fallback(
      t(
        "这台设备没有图形加速，3D 车型会让页面变慢，因此先显示平面图。",
        "This device has no graphics acceleration and the 3D car would slow the page down, so here is a picture.",
      ),
    );
    if (optIn) optIn.hidden = false;
  };
  optIn?.addEventListener("click", () => {
    optIn.hidden = true;
    rememberSoftware(true);
    load();
  });
  optOut?.addEventListener("click", () => {
    optOut.hidden = true;
    rememberSoftware(false);
    loads++;
    hotspots.clear();
    viewer?.dispose();
    viewer = undefined;
    if (tools) tools.hidden = true;
    softwareFallback();
    optIn?.focus();
  });
  if (rememberedSoftware()) load();
  else softwareFallback();
}

/** The trims' specs the page gives the viewer (Viewer.astro `trims`), for the hotspots' notes. */
function readTrims(): TrimFacts[] {
  try {
    const json = document.querySelector("[data-viewer-trims]")?.textContent;
    return json ? (JSON.parse(json) as TrimFacts[]) : [];
  } catch {
    return [];
  }
}

/** Whether this browser asked before for the 3D car despite software-only WebGL (`marque.viewer.software`). */
function rememberedSoftware(): boolean {
  try {
    return localStorage.getItem(SOFTWARE_KEY) === "on";
  } catch {
    return false;
  }
}

function rememberSoftware(on: boolean): void {
  try {
    if (on) localStorage.setItem(SOFTWARE_KEY, "on");
    else localStorage.removeItem(SOFTWARE_KEY);
  } catch {
    // Storage refused (private mode, quota): the choice lasts for this page only.
  }
}

function wireTools(tools: HTMLElement, current: () => Viewer | undefined, t: (zh: string, en: string) => string): void {
  const views = tools.querySelectorAll<HTMLButtonElement>("[data-view]");
  for (const button of views) {
    button.addEventListener("click", () => {
      current()?.view(button.dataset.view as View);
      for (const other of views) other.setAttribute("aria-pressed", String(other === button));
    });
  }
  const ar = tools.querySelector<HTMLButtonElement>("[data-ar]");
  const reason = tools.querySelector<HTMLElement>("[data-ar-reason]");
  if (!ar || !reason) return;
  const unsupported = t("此设备不支持 AR", "This device does not support AR");
  const xr = (navigator as Navigator & { xr?: XrSystem }).xr;
  reason.textContent = t("正在检查 AR…", "Checking for AR…");
  (xr ? xr.isSessionSupported("immersive-ar") : Promise.resolve(false))
    .catch(() => false)
    .then((supported) => {
      ar.disabled = !supported;
      reason.textContent = supported ? "" : unsupported;
    });
  ar.addEventListener("click", () => {
    current()
      ?.enterAr()
      .catch(() => {
        reason.textContent = t("无法启动 AR。", "AR could not start.");
      });
  });
}
