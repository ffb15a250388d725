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
    return withSecurityHeaders(await handle(request, env, ctx));
  },
  queue: consumeAnalytics,
} satisfies ExportedHandler<Env>;
