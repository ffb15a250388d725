import { handle } from "@astrojs/cloudflare/handler";
import { consumeAnalytics } from "./analytics.ts";
import { app } from "./app.ts";
import { carry, edgeFor, finishPage, isPageRequest } from "./edge.ts";
import { withSecurityHeaders } from "./security.ts";

export { OrderSaga } from "../durable-objects/order-saga.ts";
export { PaymentSimulator } from "../durable-objects/payment-simulator.ts";
export { RiskGuard } from "../durable-objects/risk-guard.ts";

const isApi = (pathname: string) => pathname === "/api" || pathname.startsWith("/api/");

/**
 * The one Worker: /api/* to the Hono app, everything else to Astro; plus the analytics queue consumer.
 * Page requests get their edge context and decision first (worker/edge.ts), which pages read from
 * `Astro.locals`.
 */
export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (isApi(url.pathname)) return app.fetch(request, env, ctx);
    const page = isPageRequest(url) ? await edgeFor(request, env, Date.now()) : null;
    if (page) carry(ctx, page);
    const response = withSecurityHeaders(await handle(request, env, ctx));
    if (page) finishPage(response.headers, page);
    response.headers.set("x-request-id", request.headers.get("cf-ray") ?? crypto.randomUUID());
    return response;
  },
  queue: consumeAnalytics,
} satisfies ExportedHandler<Env>;
