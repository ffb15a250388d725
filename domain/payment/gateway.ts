/**
 * A payment service provider (Alipay, WeChat Pay, UnionPay…) reached by redirect: Marque asks for a
 * payment, sends the shopper to the provider's cashier and learns the outcome from signed webhooks
 * (and, when a webhook is late, by asking). No card or account data ever passes through Marque.
 */

/** A payment Marque asks a channel to collect. `paymentId` is the idempotency key: asking twice creates one payment. */
export interface PaymentRequest {
  paymentId: string;
  /** The merchant reference (out_trade_no): the order the money is for. */
  orderId: string;
  amountFen: number;
  /** Shown on the cashier page. */
  description: string;
  /** Where the cashier sends the shopper back to (the order page). */
  returnUrl: string;
}

export type GatewayFailure = {
  kind: "unavailable" | "rejected" | "timeout";
  /** Bilingual, for people: "支付渠道暂不可用 / The payment channel is unavailable". */
  message: string;
};

export type CreatedPayment = {
  ok: true;
  channel: string;
  /** The provider's reference for the payment. */
  providerRef: string;
  /** Where to send the shopper to pay. */
  cashierUrl: string;
};

export type PaymentStatus = "pending" | "succeeded" | "failed" | "refunded";

export type PaymentLookup =
  | { ok: true; status: PaymentStatus; amountFen: number; refundedFen: number }
  | { ok: false; error: GatewayFailure };

export type RefundResult = { ok: true; refundRef: string } | { ok: false; error: GatewayFailure };

/** One payment channel. Every call is idempotent on its key and may be aborted through `signal`. */
export interface PaymentGateway {
  readonly channel: string;
  create(request: PaymentRequest, signal?: AbortSignal): Promise<CreatedPayment | { ok: false; error: GatewayFailure }>;
  lookup(paymentId: string, signal?: AbortSignal): Promise<PaymentLookup>;
  /** Refunds `amountFen` of a succeeded payment; `refundId` is the idempotency key. */
  refund(refundId: string, paymentId: string, amountFen: number, signal?: AbortSignal): Promise<RefundResult>;
}

/** What a verified webhook tells Marque. */
export interface PaymentEvent {
  /** The provider's event id: each is applied once (replays are dropped). */
  eventId: string;
  type: "payment.succeeded" | "payment.failed" | "refund.succeeded";
  channel: string;
  paymentId: string;
  orderId: string;
  amountFen: number;
  /** UTC ISO-8601, the provider's clock. */
  occurredAt: string;
}
