import { OpenAPIHono } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import type { AppEnv } from "./env.ts";
import { log } from "./log.ts";
import { ProblemError, problem } from "./problem.ts";
import { auth } from "./routes/auth.ts";
import { catalog } from "./routes/catalog.ts";
import { compare } from "./routes/compare.ts";
import { configurations } from "./routes/configurations.ts";
import { configurator } from "./routes/configurator.ts";
import { dealerConsole } from "./routes/dealer-console.ts";
import { dealerRoutes } from "./routes/dealers.ts";
import { events } from "./routes/events.ts";
import { finance } from "./routes/finance.ts";
import { health } from "./routes/health.ts";
import { marketerConsole } from "./routes/marketer.ts";
import { mediaRoutes } from "./routes/media.ts";
import { opsRisk } from "./routes/ops-risk.ts";
import { orders } from "./routes/orders.ts";
import { payments } from "./routes/payments.ts";
import { search } from "./routes/search.ts";
import { testDrives } from "./routes/test-drive.ts";
import { contentSecurityPolicy, SECURITY_HEADERS } from "./security.ts";

const MAX_BODY_BYTES = 1024 * 1024;
const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Requests that carry a body must send JSON, and it must parse: a 415 or 400 problem otherwise,
 * before any handler runs (so nothing is written).
 */
const jsonOnly = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  if (!WRITE_METHODS.has(c.req.method) || c.req.raw.body === null || c.req.header("content-length") === "0")
    return next();
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) {
    return problem(c, "unsupported-media-type", "请求体须为 application/json / Send the body as application/json");
  }
  try {
    await c.req.json();
  } catch {
    return problem(c, "malformed-json", "无法解析 JSON / The body is not valid JSON");
  }
  return next();
};

/** The whole API, under /api. */
export const app = new OpenAPIHono<AppEnv>().basePath("/api");

app.use(requestId({ headerName: "x-request-id", generator: (c) => c.req.header("cf-ray") ?? crypto.randomUUID() }));
app.use(async (c, next) => {
  await next();
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    if (!c.res.headers.has(name)) c.res.headers.set(name, value);
  }
});
app.use(
  bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => problem(c, "payload-too-large", "请求体不能超过 1 MB / The body must not exceed 1 MB"),
  }),
);
app.use(jsonOnly());

const routes = app
  .route("/", health)
  .route("/", catalog)
  .route("/", compare)
  .route("/", search)
  .route("/", configurator)
  .route("/", configurations)
  .route("/", testDrives)
  .route("/", dealerRoutes)
  .route("/", finance)
  .route("/", events)
  .route("/", mediaRoutes)
  .route("/", auth)
  .route("/", dealerConsole)
  .route("/", marketerConsole)
  .route("/", orders)
  .route("/", payments)
  .route("/", opsRisk);

app.doc31("/openapi.json", {
  openapi: "3.1.0",
  info: {
    title: "Marque API",
    version: "0.1.0",
    description:
      "The API of Marque, an edge-native store for car brands. Errors are RFC 9457 problem+json; money is integer fen (分).",
    license: { name: "Apache-2.0", url: "https://www.apache.org/licenses/LICENSE-2.0" },
  },
});

/** API reference (Scalar, served from our own assets). Scalar injects its styles at run time; scripts stay 'self'. */
app.get("/docs", (c) =>
  c.html(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Marque API reference</title><link rel="icon" href="/favicon.svg" type="image/svg+xml"></head><body><div id="app"></div><script src="/vendor/scalar/standalone.js"></script><script src="/api-docs.js"></script></body></html>`,
    200,
    { "content-security-policy": contentSecurityPolicy({ "style-src": "'self' 'unsafe-inline'" }) },
  ),
);

app.notFound((c) => problem(c, "not-found", `没有这个接口 / No route for ${c.req.method} ${c.req.path}`));

app.onError((error, c) => {
  if (error instanceof ProblemError) {
    return problem(c, error.type, error.message, { errors: error.errors, headers: error.headers });
  }
  if (error instanceof HTTPException && error.status < 500) {
    return problem(c, error.status === 413 ? "payload-too-large" : "validation", error.message);
  }
  log("error", c.get("requestId"), "unhandled error", { error: String(error), stack: (error as Error).stack });
  return problem(c, "internal", "请求未能完成，请稍后重试 / The request failed; please retry later");
});

/** Type of the whole API, for Hono's typed client `hc<AppType>()`. */
export type AppType = typeof routes;
