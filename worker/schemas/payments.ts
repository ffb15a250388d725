import { z } from "@hono/zod-openapi";
import type { PaymentRequest } from "../../domain/payment/gateway.ts";
import type { SimulatorBehaviour } from "../../domain/payment/simulator.ts";

const channel = z
  .string()
  .regex(/^[a-z0-9-]{1,40}$/, "无效的支付渠道 / Not a valid channel")
  .openapi({ param: { name: "channel", in: "path" }, example: "alipay-sim" });
const paymentId = z
  .string()
  .regex(/^[\w:.-]{1,100}$/, "无效的支付编号 / Not a valid payment id")
  .openapi({ param: { name: "paymentId", in: "path" }, example: "pay_5f0c3a0e9b8d4c2a" });

export const ChannelParamsSchema = z.object({ channel });
export const PaymentParamsSchema = z.object({ channel, paymentId });

export const PaymentRequestSchema = z
  .strictObject({
    paymentId: z.string().regex(/^[\w:.-]{1,100}$/, "无效的支付编号 / Not a valid payment id"),
    orderId: z.string().min(1).max(100),
    amountFen: z.number().int().positive(),
    description: z.string().min(1).max(200),
    returnUrl: z.string().min(1).max(500),
  })
  .openapi("PaymentRequest") satisfies z.ZodType<PaymentRequest>;

export const CreatedPaymentSchema = z
  .object({ ok: z.literal(true), channel: z.string(), providerRef: z.string(), cashierUrl: z.string() })
  .openapi("CreatedPayment");

export const WebhookAnswerSchema = z
  .object({
    outcome: z.enum(["accepted", "duplicate"]),
    eventId: z.string(),
    /** Whether the order changed (false for an event the order's state makes moot). */
    applied: z.boolean(),
  })
  .openapi("WebhookAnswer");

export const SimulatedPaymentSchema = z
  .object({
    paymentId: z.string(),
    orderId: z.string(),
    channel: z.string(),
    amountFen: z.number().int(),
    refundedFen: z.number().int(),
    description: z.string(),
    returnUrl: z.string(),
    status: z.enum(["pending", "succeeded", "failed", "refunded"]),
    createdAt: z.string(),
  })
  .openapi("SimulatedPayment");

export const BehaviourSchema = z
  .strictObject({
    unavailable: z.boolean().openapi({ description: "Creating a payment answers `unavailable`" }),
    answerDelayMs: z
      .number()
      .int()
      .min(0)
      .max(60_000)
      .openapi({ description: "Every call answers after this long (callers time out after 5 s)" }),
    webhookDelayMs: z
      .number()
      .int()
      .min(0)
      .max(24 * 60 * 60 * 1000)
      .openapi({ description: "Webhooks wait this long before their first delivery" }),
    duplicateWebhooks: z.boolean().openapi({ description: "Every webhook is delivered twice" }),
    outOfOrder: z
      .boolean()
      .openapi({ description: "A payment.failed of an earlier attempt arrives after the payment.succeeded" }),
    signatureFault: z
      .enum(["missing", "wrong", "stale"])
      .nullable()
      .openapi({ description: "The first attempt of each webhook is unsigned, wrongly signed or stale" }),
  })
  .openapi("SimulatorBehaviour") satisfies z.ZodType<SimulatorBehaviour>;

export const BehaviourChangeSchema = BehaviourSchema.partial();

export const ChannelBreakerSchema = z
  .object({
    channel: z.string(),
    state: z.enum(["closed", "open", "half_open"]),
    failures: z.number().int(),
    openedAt: z.string().nullable(),
    /** When an open breaker lets the next call through as a trial. */
    retryAt: z.string().nullable(),
    updatedAt: z.string().nullable(),
  })
  .openapi("ChannelBreaker");

export const ChannelsSchema = z.object({ channels: z.array(ChannelBreakerSchema) });

export const WebhookLogQuerySchema = z.object({
  outcome: z
    .enum(["accepted", "duplicate", "rejected"])
    .optional()
    .openapi({ param: { name: "outcome", in: "query" }, example: "rejected" }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(200)
    .default(50)
    .openapi({ param: { name: "limit", in: "query" }, example: 50 }),
});

export const WebhookLogSchema = z.object({
  webhooks: z.array(
    z.object({
      id: z.string(),
      channel: z.string(),
      receivedAt: z.string(),
      outcome: z.enum(["accepted", "duplicate", "rejected"]),
      /** Why a delivery was rejected, or which event a duplicate repeated. */
      reason: z.string().nullable(),
      eventId: z.string().nullable(),
      orderId: z.string().nullable(),
      paymentId: z.string().nullable(),
    }),
  ),
});
