/**
 * What the configure page does with a finished configuration beyond the engine: a picture of the
 * car (the 3D view's snapshot, else the model's picture), a small thumbnail of it, and saving it to
 * the account through POST /api/me/configurations.
 */
import { THUMBNAIL_MAX_CHARS } from "../../domain/configurator/saved-configuration.ts";
import { requestSnapshot } from "./viewer/bridge.ts";

/** The query flag that brings a signed-out shopper back from /login to save (`?…&save=1`). */
export const SAVE_PARAM = "save";
const THUMBNAIL = { width: 320, height: 180 };

/**
 * The configured car as the 3D view draws it now, when the view is showing (`data-state="ready"`);
 * otherwise, or when it does not answer, the model's picture.
 * @example const picture = await snapshotOrPicture("/api/media/side.webp"); img.src = picture.src;
 */
export async function snapshotOrPicture(
  fallback: string | undefined,
  timeoutMs = 3000,
): Promise<{ src: string; source: "3d" | "picture" } | null> {
  const viewing = document.querySelector<HTMLElement>("[data-viewer]")?.dataset.state === "ready";
  const snapshot = viewing ? await requestSnapshot(timeoutMs) : null;
  if (snapshot?.startsWith("data:image/")) return { src: snapshot, source: "3d" };
  return fallback ? { src: fallback, source: "picture" } : null;
}

/** A 320 × 180 JPEG of a picture (cropped to fill), small enough for the server, or null. */
async function thumbnailOf(src: string): Promise<string | null> {
  const image = new Image();
  image.src = src;
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = THUMBNAIL.width;
  canvas.height = THUMBNAIL.height;
  const context = canvas.getContext("2d");
  if (!context || image.naturalWidth === 0) return null;
  const scale = Math.max(THUMBNAIL.width / image.naturalWidth, THUMBNAIL.height / image.naturalHeight);
  const width = image.naturalWidth * scale;
  const height = image.naturalHeight * scale;
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, THUMBNAIL.width, THUMBNAIL.height);
  context.drawImage(image, (THUMBNAIL.width - width) / 2, (THUMBNAIL.height - height) / 2, width, height);
  for (const quality of [0.8, 0.6, 0.4]) {
    const jpeg = canvas.toDataURL("image/jpeg", quality);
    if (jpeg.startsWith("data:image/jpeg") && jpeg.length <= THUMBNAIL_MAX_CHARS) return jpeg;
  }
  return null;
}

export type SaveOutcome =
  | { status: "saved" | "exists"; id: string; priceFen: number }
  | { status: "signed-out" | "full" | "invalid" | "failed" };

/**
 * Saves the configuration to the signed-in account, with a thumbnail of the 3D view's `snapshot`
 * of it (taken now when not given; none without the 3D view: the list then shows the model's picture).
 * @example const outcome = await saveConfiguration({ model: "stellan-s05", version: 1, options }); outcome.status // "saved"
 */
export async function saveConfiguration(
  input: { model: string; version: number; options: string[] },
  snapshot?: string,
): Promise<SaveOutcome> {
  const picture = snapshot ?? (await snapshotOrPicture(undefined, 3000))?.src;
  const thumbnail = picture ? await thumbnailOf(picture).catch(() => null) : null;
  try {
    const response = await fetch("/api/me/configurations", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...input, ...(thumbnail && { thumbnail }) }),
    });
    if (response.status === 401) return { status: "signed-out" };
    if (response.status === 409) return { status: "full" };
    if (response.status === 422) return { status: "invalid" };
    if (response.status !== 200 && response.status !== 201) return { status: "failed" };
    const saved = (await response.json()) as { id: string; priceFen: number };
    return { status: response.status === 201 ? "saved" : "exists", id: saved.id, priceFen: saved.priceFen };
  } catch {
    return { status: "failed" };
  }
}
