import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";
import { ProblemSchema, problem } from "../problem.ts";
import { validationHook } from "../validation.ts";

const MediaParamsSchema = z.object({
  folder: z.enum(["images", "models"]).openapi({ param: { name: "folder", in: "path" } }),
  file: z
    .string()
    .regex(/^[a-f0-9]{16,64}\.(svg|png|webp|jpg|glb)$/, "内容哈希文件名 / a content-hashed file name")
    .openapi({ param: { name: "file", in: "path" }, example: "3f2a9c1d0b7e4a55.svg" }),
});

/**
 * Media from R2 under content-hashed keys: an object never changes under its key, so it is cached
 * for a year as immutable. ETag revalidation and byte ranges (for large 3D models) are supported.
 */
export const mediaRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(
  createRoute({
    method: "get",
    path: "/media/{folder}/{file}",
    tags: ["Media"],
    summary: "Get an image or 3D model",
    request: { params: MediaParamsSchema },
    responses: {
      200: { description: "The object" },
      206: { description: "The requested byte range" },
      304: { description: "Not modified" },
      400: { content: { "application/problem+json": { schema: ProblemSchema } }, description: "Malformed key" },
      404: { content: { "application/problem+json": { schema: ProblemSchema } }, description: "No such object" },
      416: { content: { "application/problem+json": { schema: ProblemSchema } }, description: "Range not satisfiable" },
    },
  }),
  async (c) => {
    const { folder, file } = c.req.valid("param");
    const key = `${folder}/${file}`;
    const headers = c.req.raw.headers;
    const range = parseRange(headers.get("range"));
    const unsatisfiable = async () => {
      const head = await c.env.MEDIA.head(key);
      if (!head) return problem(c, "not-found", "没有这个文件 / No such file") as never;
      c.header("content-range", `bytes */${head.size}`);
      return problem(c, "range-not-satisfiable") as never;
    };
    if (range && "suffix" in range && range.suffix === 0) return unsatisfiable();
    let object: R2Object | R2ObjectBody | null;
    try {
      object = await c.env.MEDIA.get(key, { onlyIf: headers, ...(range ? { range } : {}) });
    } catch {
      return unsatisfiable();
    }
    if (!object) return problem(c, "not-found", "没有这个文件 / No such file") as never;
    const responseHeaders = new Headers();
    object.writeHttpMetadata(responseHeaders);
    responseHeaders.set("etag", object.httpEtag);
    responseHeaders.set("cache-control", "public, max-age=31536000, immutable");
    responseHeaders.set("accept-ranges", "bytes");
    if (!("body" in object)) return new Response(null, { status: 304, headers: responseHeaders }) as never;
    if (range) {
      const offset = "suffix" in range ? Math.max(0, object.size - range.suffix) : range.offset;
      if (offset >= object.size) {
        await object.body.cancel();
        return unsatisfiable();
      }
      const last =
        "suffix" in range ? object.size - 1 : Math.min(object.size - 1, offset + (range.length ?? object.size) - 1);
      responseHeaders.set("content-range", `bytes ${offset}-${last}/${object.size}`);
      responseHeaders.set("content-length", String(last - offset + 1));
      return new Response(object.body, { status: 206, headers: responseHeaders }) as never;
    }
    responseHeaders.set("content-length", String(object.size));
    return new Response(object.body, { status: 200, headers: responseHeaders }) as never;
  },
);

/**
 * One byte range of a `Range` header as R2 takes it; anything else (several ranges, other units,
 * malformed) is ignored and the whole object is served, as RFC 9110 allows.
 * @example parseRange("bytes=0-99") // { offset: 0, length: 100 }
 */
export function parseRange(header: string | null): { offset: number; length?: number } | { suffix: number } | null {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? "");
  if (!match) return null;
  const [, first = "", last = ""] = match;
  if (first === "" && last === "") return null;
  if (first === "") return { suffix: Number(last) };
  const offset = Number(first);
  if (last === "") return { offset };
  if (Number(last) < offset) return null;
  return { offset, length: Number(last) - offset + 1 };
}
