import { handle } from "@astrojs/cloudflare/handler";
import { consumeAnalytics } from "./analytics.ts";
import { app } from "./app.ts";
import { withSecurityHeaders } from "./security.ts";

export { OrderSaga } from "../durable-objects/order-saga.ts";
export { RiskGuard } from "../durable-objects/risk-guard.ts";

const isApi = (pathname: string) => pathname === "/api" || pathname.startsWith("/api/");

/** The one Worker: /api/* to the Hono app, everything else to Astro; plus the analytics queue consumer. */
export default {
  async fetch(request, env, ctx) {
    if (isApi(new URL(request.url).pathname)) return app.fetch(request, env, ctx);
    const response = withSecurityHeaders(await handle(request, env, ctx));
    response.headers.set("x-request-id", request.headers.get("cf-ray") ?? crypto.randomUUID());
    return response;
  },
  queue: consumeAnalytics,
} satisfies ExportedHandler<Env>;
