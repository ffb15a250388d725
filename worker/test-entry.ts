/**
 * Entry for the workerd integration tests: the same API, queue consumer and Durable Objects as
 * worker/index.ts, without Astro (vitest cannot load Astro's virtual build modules).
 */
import { consumeAnalytics } from "./analytics.ts";
import { app } from "./app.ts";

export { OrderSaga } from "../durable-objects/order-saga.ts";
export { PaymentSimulator } from "../durable-objects/payment-simulator.ts";
export { RiskGuard } from "../durable-objects/risk-guard.ts";

export default {
  fetch: app.fetch,
  queue: consumeAnalytics,
} satisfies ExportedHandler<Env>;
