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
    let object: R2Object | R2ObjectBody | null;
    try {
      object = await c.env.MEDIA.get(key, { range: headers, onlyIf: headers });
    } catch {
      return problem(c, "range-not-satisfiable") as never;
    }
    if (!object) return problem(c, "not-found", "没有这个文件 / No such file") as never;
    const responseHeaders = new Headers();
    object.writeHttpMetadata(responseHeaders);
    responseHeaders.set("etag", object.httpEtag);
    responseHeaders.set("cache-control", "public, max-age=31536000, immutable");
    responseHeaders.set("accept-ranges", "bytes");
    if (!("body" in object)) return new Response(null, { status: 304, headers: responseHeaders }) as never;
    const range = object.range as { offset?: number; length?: number; suffix?: number } | undefined;
    if (range && headers.has("range")) {
      const offset = range.suffix !== undefined ? object.size - range.suffix : (range.offset ?? 0);
      const length = range.length ?? object.size - offset;
      responseHeaders.set("content-range", `bytes ${offset}-${offset + length - 1}/${object.size}`);
      responseHeaders.set("content-length", String(length));
      return new Response(object.body, { status: 206, headers: responseHeaders }) as never;
    }
    responseHeaders.set("content-length", String(object.size));
    return new Response(object.body, { status: 200, headers: responseHeaders }) as never;
  },
);
