import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { desc, eq } from "drizzle-orm";
import type { Context } from "hono";
import { BREAKER_POLICY } from "../../domain/payment/circuit-breaker.ts";
import type { PaymentEvent } from "../../domain/payment/gateway.ts";
import { SIGNATURE_HEADER, verifyWebhook, webhookKey } from "../../domain/payment/signature.ts";
import { parseWebhook } from "../../domain/payment/webhook.ts";
import { type AuthEnv, requireRole } from "../auth.ts";
import { database } from "../db/client.ts";
import { paymentWebhooks } from "../db/schema.ts";
import type { AppEnv } from "../env.ts";
import { log } from "../log.ts";
import { json, problemResponse } from "../openapi.ts";
import { breakers } from "../payment/breaker-store.ts";
import { configuredChannels, paymentRouter } from "../payment/router.ts";
import { problem } from "../problem.ts";
import {
  BehaviourChangeSchema,
  BehaviourSchema,
  ChannelParamsSchema,
  ChannelsSchema,
  CreatedPaymentSchema,
  PaymentParamsSchema,
  PaymentRequestSchema,
  SimulatedPaymentSchema,
  WebhookAnswerSchema,
  WebhookLogQuerySchema,
  WebhookLogSchema,
} from "../schemas/payments.ts";
import { validationHook } from "../validation.ts";

const newId = () => `pwh_${crypto.randomUUID().replace(/-/g, "")}`;

type Claimed = Partial<Pick<PaymentEvent, "orderId" | "paymentId">>;

/** What an unverified body claims to be about, for the log only (never acted on). */
function claimed(body: string): Claimed {
  try {
    const value = JSON.parse(body) as Record<string, unknown>;
    const text = (field: unknown) => (typeof field === "string" ? field.slice(0, 100) : undefined);
    return { orderId: text(value.orderId), paymentId: text(value.paymentId) };
  } catch {
    return {};
  }
}

/** Logs a refused delivery for ops and answers 400; nothing else changes. */
async function reject(c: Context<AppEnv>, channel: string, reason: string, detail: string, body: string) {
  const { orderId, paymentId } = claimed(body);
  await database(c.env.DB)
    .insert(paymentWebhooks)
    .values({
      id: newId(),
      eventId: null,
      channel,
      receivedAt: new Date().toISOString(),
      outcome: "rejected",
      reason,
      orderId: orderId ?? null,
      paymentId: paymentId ?? null,
    });
  log("warn", c.get("requestId"), "payment webhook rejected", { channel, reason });
  return problem(c, "validation", detail, {
    errors: [
      { path: reason === "invalid-event" ? "body" : `header.${SIGNATURE_HEADER.toLowerCase()}`, message: detail },
    ],
    extensions: { reason },
  });
}

/**
 * Applies a verified event once: the unique (channel, event id) row claims it; a second delivery
 * finds the claim and is logged as a duplicate. If the order's saga cannot take the event, the claim
 * is withdrawn and the error answers 500, so the provider's retry can apply it later.
 */
async function apply(c: Context<AppEnv>, event: PaymentEvent) {
  const db = database(c.env.DB);
  const row = {
    channel: event.channel,
    receivedAt: new Date().toISOString(),
    orderId: event.orderId,
    paymentId: event.paymentId,
  };
  const [claim] = await db
    .insert(paymentWebhooks)
    .values({ ...row, id: newId(), eventId: event.eventId, outcome: "accepted" })
    .onConflictDoNothing()
    .returning({ id: paymentWebhooks.id });
  if (!claim) {
    await db
      .insert(paymentWebhooks)
      .values({ ...row, id: newId(), eventId: null, outcome: "duplicate", reason: `duplicate of ${event.eventId}` });
    return c.json({ outcome: "duplicate" as const, eventId: event.eventId, applied: false }, 200);
  }
  try {
    const saga = c.env.ORDER_SAGA.get(c.env.ORDER_SAGA.idFromName(event.orderId));
    const { applied } = await saga.paymentEvent(event);
    return c.json({ outcome: "accepted" as const, eventId: event.eventId, applied }, 200);
  } catch (error) {
    await db.delete(paymentWebhooks).where(eq(paymentWebhooks.id, claim.id));
    throw error;
  }
}

const notInProduction = (c: Context<AppEnv>) =>
  c.env.ENVIRONMENT === "production"
    ? problem(c, "not-found", `没有这个接口 / No route for ${c.req.method} ${c.req.path}`)
    : undefined;

const unknownChannel = (c: Context<AppEnv>, channel: string) =>
  configuredChannels(c.env).includes(channel)
    ? undefined
    : problem(c, "not-found", `没有这个支付渠道 / No payment channel ${channel}`);

const simulator = (env: Env, channel: string) => env.PAYMENT_SIMULATOR.get(env.PAYMENT_SIMULATOR.idFromName(channel));

const paymentNotFound = (c: Context<AppEnv>) => problem(c, "not-found", "没有这笔支付 / No such payment");

const webhooks = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(
  createRoute({
    method: "post",
    path: "/payments/webhooks/{channel}",
    tags: ["Payments"],
    summary: "A payment channel's webhook",
    description:
      "The body is a payment event (`eventId`, `type`, `channel`, `paymentId`, `orderId`, `amountFen`, `occurredAt`), signed in the " +
      '`Marque-Signature` header as `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` with the channel\'s key. A signature more ' +
      "than 5 minutes off is stale. Each event id is applied once: a repeated delivery answers 200 `duplicate`. Every delivery is logged.",
    request: { params: ChannelParamsSchema },
    responses: {
      200: json(WebhookAnswerSchema, "Accepted (passed to the order's saga) or a duplicate (nothing applied)"),
      400: problemResponse("Unsigned, wrongly signed, stale or malformed (`reason` says which); logged as rejected"),
      404: problemResponse("No such channel"),
    },
  }),
  async (c) => {
    const { channel } = c.req.valid("param");
    const missing = unknownChannel(c, channel);
    if (missing) return missing as never;
    const body = await c.req.text();
    const key = await webhookKey(c.env.PAYMENT_WEBHOOK_SECRET, channel);
    const check = await verifyWebhook(key, c.req.header(SIGNATURE_HEADER), body, Date.now());
    if (!check.ok) return (await reject(c, channel, check.reason, check.message, body)) as never;
    const parsed = parseWebhook(body, channel);
    if (!parsed.ok) return (await reject(c, channel, "invalid-event", parsed.message, body)) as never;
    return (await apply(c, parsed.event)) as never;
  },
);

const cashier = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: "post",
      path: "/dev/payments",
      tags: ["Payment simulator (development)"],
      summary: "Create a payment as the order saga does (primary channel, failing over to the backup)",
      description:
        "Development only (404 in production): to try the cashier without placing an order. A refusal or an outage of every channel answers 400 with `kind` (`rejected`, `unavailable`, `timeout`).",
      request: { body: { content: { "application/json": { schema: PaymentRequestSchema } }, required: true } },
      responses: {
        201: json(CreatedPaymentSchema, "Created; send the shopper to `cashierUrl`"),
        400: problemResponse("Invalid request, refused by the channel, or no channel available"),
      },
    }),
    async (c) => {
      const refused = notInProduction(c);
      if (refused) return refused as never;
      const created = await paymentRouter(c.env).create(c.req.valid("json"));
      if (!created.ok)
        return problem(c, "validation", created.error.message, { extensions: { kind: created.error.kind } }) as never;
      return c.json(created, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/dev/payments/{channel}/{paymentId}",
      tags: ["Payment simulator (development)"],
      summary: "A payment at the simulator's cashier",
      description: "Development only (404 in production).",
      request: { params: PaymentParamsSchema },
      responses: { 200: json(SimulatedPaymentSchema, "The payment"), 404: problemResponse("No such payment") },
    }),
    async (c) => {
      const { channel, paymentId } = c.req.valid("param");
      const refused = notInProduction(c) ?? unknownChannel(c, channel);
      if (refused) return refused as never;
      const payment = await simulator(c.env, channel).show(paymentId);
      return payment ? c.json(payment, 200) : (paymentNotFound(c) as never);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/dev/payments/{channel}/{paymentId}/{outcome}",
      tags: ["Payment simulator (development)"],
      summary: "Pay, or make the payment fail, at the simulator's cashier",
      description:
        "Development only (404 in production). `outcome` is `pay` or `fail`; the channel then sends its webhook. Paying a settled payment changes nothing.",
      request: {
        params: PaymentParamsSchema.extend({
          outcome: z.enum(["pay", "fail"]).openapi({ param: { name: "outcome", in: "path" }, example: "pay" }),
        }),
      },
      responses: { 200: json(SimulatedPaymentSchema, "The payment, settled"), 404: problemResponse("No such payment") },
    }),
    async (c) => {
      const { channel, paymentId, outcome } = c.req.valid("param");
      const refused = notInProduction(c) ?? unknownChannel(c, channel);
      if (refused) return refused as never;
      const sim = simulator(c.env, channel);
      const payment = outcome === "pay" ? await sim.pay(paymentId) : await sim.fail(paymentId);
      return payment ? c.json(payment, 200) : (paymentNotFound(c) as never);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/dev/payments/{channel}/behaviour",
      tags: ["Payment simulator (development)"],
      summary: "Inject a behaviour into a simulated channel",
      description:
        "Development only (404 in production). Fields left out keep their value; `{}` answers the current behaviour.",
      request: {
        params: ChannelParamsSchema,
        body: { content: { "application/json": { schema: BehaviourChangeSchema } }, required: true },
      },
      responses: { 200: json(BehaviourSchema, "The channel's behaviour now"), 404: problemResponse("No such channel") },
    }),
    async (c) => {
      const { channel } = c.req.valid("param");
      const refused = notInProduction(c) ?? unknownChannel(c, channel);
      if (refused) return refused as never;
      return c.json(await simulator(c.env, channel).behave(c.req.valid("json")), 200);
    },
  );

const ops = new OpenAPIHono<AuthEnv>({ defaultHook: (result, c) => validationHook(result, c as never) })
  .openapi(
    createRoute({
      method: "get",
      path: "/ops/payments/channels",
      tags: ["Payments"],
      summary: "Each payment channel's circuit breaker",
      description:
        "Ops and admin. Channels in order of preference; `retryAt` is when an open breaker lets a trial call through.",
      middleware: [requireRole("ops", "admin")] as const,
      responses: {
        200: json(ChannelsSchema, "The channels"),
        401: problemResponse("Not signed in"),
        403: problemResponse("Not ops or admin"),
      },
    }),
    async (c) => {
      const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
      const channels = (await breakers(c.env.DB, configuredChannels(c.env))).map((breaker) => ({
        channel: breaker.channel,
        state: breaker.state,
        failures: breaker.failures,
        openedAt: iso(breaker.openedAt),
        retryAt: breaker.state === "open" ? iso((breaker.openedAt ?? 0) + BREAKER_POLICY.coolDownMs) : null,
        updatedAt: breaker.updatedAt,
      }));
      c.header("cache-control", "private, no-store");
      return c.json({ channels }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/ops/payments/webhooks",
      tags: ["Payments"],
      summary: "Webhook deliveries received, newest first",
      description: "Ops and admin. `?outcome=rejected` lists the unsigned, wrongly signed, stale and malformed ones.",
      middleware: [requireRole("ops", "admin")] as const,
      request: { query: WebhookLogQuerySchema },
      responses: {
        200: json(WebhookLogSchema, "The deliveries"),
        401: problemResponse("Not signed in"),
        403: problemResponse("Not ops or admin"),
      },
    }),
    async (c) => {
      const { outcome, limit } = c.req.valid("query");
      const rows = await database(c.env.DB)
        .select()
        .from(paymentWebhooks)
        .where(outcome ? eq(paymentWebhooks.outcome, outcome) : undefined)
        .orderBy(desc(paymentWebhooks.receivedAt))
        .limit(limit);
      c.header("cache-control", "private, no-store");
      return c.json({ webhooks: rows }, 200);
    },
  );

/** Payment webhooks, the simulator's cashier (development only) and the ops views of channels and webhooks. */
export const payments = new OpenAPIHono<AppEnv>().route("/", webhooks).route("/", cashier).route("/", ops);
