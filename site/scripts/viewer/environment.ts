import { RawCubeTexture } from "@babylonjs/core/Materials/Textures/rawCubeTexture.js";
import type { Scene } from "@babylonjs/core/scene.js";

const SIZE = 64;
const RGBA = 5;
const UNSIGNED_BYTE = 0;

/** Direction through texel (u, v) of each cube face, in the order +x, -x, +y, -y, +z, -z. */
const FACES: readonly ((u: number, v: number) => [number, number, number])[] = [
  (u, v) => [1, -v, -u],
  (u, v) => [-1, -v, u],
  (u, v) => [u, 1, v],
  (u, v) => [u, -1, -v],
  (u, v) => [u, -v, 1],
  (u, v) => [-u, -v, -1],
];

/** A studio sky as RGB 0..255: bright soft boxes overhead and to the sides, a cool ceiling, a grey floor. */
function studio(x: number, y: number, z: number): [number, number, number] {
  const h = y / Math.hypot(x, y, z);
  if (h <= 0) return [120 + 60 * h, 118 + 60 * h, 115 + 60 * h];
  const softBox = Math.abs(x) < 0.45 && h > 0.15 && h < 0.75;
  const strip = Math.abs(z) < 0.12 && h > 0.2;
  if (softBox || strip) return [255, 255, 255];
  return [200 - 90 * h, 215 - 80 * h, 235 - 40 * h];
}

/**
 * The environment for image-based lighting and reflections, generated in the browser (nothing is
 * fetched): a 64² cube of a studio with soft boxes, mipmapped so rough paint blurs it.
 * @example scene.environmentTexture = studioEnvironment(scene);
 */
export function studioEnvironment(scene: Scene): RawCubeTexture {
  const faces = FACES.map((direction) => {
    const data = new Uint8Array(SIZE * SIZE * 4);
    for (let y = 0; y < SIZE; y++) {
      for (let x = 0; x < SIZE; x++) {
        const [r, g, b] = studio(...direction(((x + 0.5) / SIZE) * 2 - 1, ((y + 0.5) / SIZE) * 2 - 1));
        const i = (y * SIZE + x) * 4;
        data[i] = r;
        data[i + 1] = g;
        data[i + 2] = b;
        data[i + 3] = 255;
      }
    }
    return data;
  });
  return new RawCubeTexture(scene, faces, SIZE, RGBA, UNSIGNED_BYTE, true);
}
