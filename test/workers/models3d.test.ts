import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { glbKey, storeGlb } from "../../scripts/models3d/store.ts";

const api = (path: string, init?: RequestInit) => exports.default.fetch(new Request(`http://store.test${path}`, init));

/** A small but well-formed GLB: header, a JSON chunk and a binary chunk of counting bytes. */
function sampleGlb(): Uint8Array<ArrayBuffer> {
  const json = new TextEncoder().encode(JSON.stringify({ asset: { version: "2.0" } }).padEnd(32, " "));
  const bin = Uint8Array.from({ length: 4096 }, (_, i) => i % 251);
  const glb = new Uint8Array(12 + 8 + json.length + 8 + bin.length);
  const view = new DataView(glb.buffer);
  view.setUint32(0, 0x46546c67, true);
  view.setUint32(4, 2, true);
  view.setUint32(8, glb.length, true);
  view.setUint32(12, json.length, true);
  view.setUint32(16, 0x4e4f534a, true);
  glb.set(json, 20);
  view.setUint32(20 + json.length, bin.length, true);
  view.setUint32(24 + json.length, 0x004e4942, true);
  glb.set(bin, 28 + json.length);
  return glb;
}

describe("3D models from R2", () => {
  const glb = sampleGlb();
  let url = "";

  beforeAll(async () => {
    const { key, uploaded } = await storeGlb(env.MEDIA, glb);
    expect(uploaded).toBe(true);
    url = `/api/media/${key}`;
  });

  it("stores a model once, under the hash of its bytes", async () => {
    expect(await storeGlb(env.MEDIA, glb)).toEqual({ key: await glbKey(glb), uploaded: false });
    expect(url).toMatch(/^\/api\/media\/models\/[0-9a-f]{16}\.glb$/);
  });

  it("serves the whole model as an immutable glTF binary with an ETag", async () => {
    const response = await api(url);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("model/gltf-binary");
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("accept-ranges")).toBe("bytes");
    expect(response.headers.get("content-length")).toBe(String(glb.length));
    expect(response.headers.get("etag")).toMatch(/^"[0-9a-f]+"$/);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(glb);
  });

  it("answers a revalidation with the same ETag with 304 and no body", async () => {
    const etag = (await api(url)).headers.get("etag") ?? "";
    const again = await api(url, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
    expect(again.headers.get("cache-control")).toContain("immutable");
    expect(await again.text()).toBe("");
    expect((await api(url, { headers: { "if-none-match": '"stale"' } })).status).toBe(200);
  });

  it("serves byte ranges: a slice, an open end and a suffix", async () => {
    const slice = await api(url, { headers: { range: "bytes=0-11" } });
    expect(slice.status).toBe(206);
    expect(slice.headers.get("content-range")).toBe(`bytes 0-11/${glb.length}`);
    expect(new Uint8Array(await slice.arrayBuffer())).toEqual(glb.slice(0, 12));

    const tail = await api(url, { headers: { range: `bytes=${glb.length - 100}-` } });
    expect(tail.status).toBe(206);
    expect(tail.headers.get("content-range")).toBe(`bytes ${glb.length - 100}-${glb.length - 1}/${glb.length}`);
    expect(new Uint8Array(await tail.arrayBuffer())).toEqual(glb.slice(-100));

    const suffix = await api(url, { headers: { range: "bytes=-16" } });
    expect(suffix.status).toBe(206);
    expect(suffix.headers.get("content-length")).toBe("16");
    expect(new Uint8Array(await suffix.arrayBuffer())).toEqual(glb.slice(-16));
  });

  it("refuses a range past the end, or an empty suffix, with 416 and the object's size", async () => {
    for (const range of [`bytes=${glb.length + 10}-`, `bytes=${glb.length}-${glb.length + 5}`, "bytes=-0"]) {
      const response = await api(url, { headers: { range } });
      expect(response.status, range).toBe(416);
      expect(response.headers.get("content-range")).toBe(`bytes */${glb.length}`);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
    }
  });

  it("serves the whole model when the range header is not one it understands", async () => {
    const response = await api(url, { headers: { range: "bytes=0-1,5-9" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-length")).toBe(String(glb.length));
  });

  it("answers 404 for a hash it does not hold and 400 for a key that is not a hash", async () => {
    const missing = await api("/api/media/models/0123456789abcdef.glb");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toContain("application/problem+json");
    expect((await api("/api/media/models/car.glb")).status).toBe(400);
  });
});
