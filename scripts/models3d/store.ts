/**
 * Where a generated model lives in R2: under the hash of its bytes, so a key never changes
 * meaning and the Worker can serve it as immutable. Runtime-neutral (WebCrypto and the R2
 * binding), so the seed script and the workerd tests store models the same way.
 */

export const GLB_CONTENT_TYPE = "model/gltf-binary";

/**
 * Content-addressed R2 key of a GLB.
 * @example await glbKey(bytes) // "models/3f9a0c1d2e4b5a67.glb"
 */
export async function glbKey(glb: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", glb);
  const hex = [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  return `models/${hex.slice(0, 16)}.glb`;
}

/**
 * Puts a GLB into the media bucket unless it is already there; returns its key and whether it was written.
 * @example const { key } = await storeGlb(env.MEDIA, glb); // then GET /api/media/${key}
 */
export async function storeGlb(
  bucket: R2Bucket,
  glb: Uint8Array<ArrayBuffer>,
): Promise<{ key: string; uploaded: boolean }> {
  const key = await glbKey(glb);
  if (await bucket.head(key)) return { key, uploaded: false };
  await bucket.put(key, glb, { httpMetadata: { contentType: GLB_CONTENT_TYPE } });
  return { key, uploaded: true };
}
