import { DurableObject } from "cloudflare:workers";
import { retryDelayMs } from "../domain/payment/delivery.ts";
import type {
  CreatedPayment,
  GatewayFailure,
  PaymentEvent,
  PaymentLookup,
  PaymentRequest,
  PaymentStatus,
  RefundResult,
} from "../domain/payment/gateway.ts";
import { SIGNATURE_HEADER, signWebhook, webhookKey } from "../domain/payment/signature.ts";
import {
  NORMAL_BEHAVIOUR,
  plannedDeliveries,
  type SignatureFault,
  type SimulatorBehaviour,
} from "../domain/payment/simulator.ts";
import { app } from "../worker/app.ts";

/** A payment as the simulator's cashier shows it. */
export interface SimulatedPayment {
  paymentId: string;
  orderId: string;
  channel: string;
  amountFen: number;
  refundedFen: number;
  description: string;
  returnUrl: string;
  status: PaymentStatus;
  createdAt: string;
}

/** One webhook delivery and how it went, for tests and the curious developer. */
export interface Delivery {
  eventId: string;
  type: PaymentEvent["type"];
  paymentId: string;
  state: "pending" | "delivered" | "abandoned";
  attempts: number;
  /** HTTP status of the last attempt (0 when the receiver threw). */
  lastStatus: number | null;
  dueAt: number;
}

type Row = Record<string, SqlStorageValue>;

/** A delivery in flight is not picked up again for this long (another alarm or a test may run meanwhile). */
const IN_FLIGHT_LEASE_MS = 60_000;
/** Stale signatures are this far in the past, beyond any tolerance. */
const STALE_BY_SECONDS = 60 * 60;
const WRONG_SECRET = "not-the-webhook-secret-of-this-marque-deployment";

const unavailable = (message: string): { ok: false; error: GatewayFailure } => ({
  ok: false,
  error: { kind: "unavailable", message },
});
const rejected = (message: string): { ok: false; error: GatewayFailure } => ({
  ok: false,
  error: { kind: "rejected", message },
});

/**
 * A payment service provider, simulated for local development and tests: one object per channel
 * (`idFromName(channel)`). Its SQLite storage is the provider's ledger of payments and refunds,
 * idempotent on their ids; its cashier (site/pages/pay/sim/) lets the shopper pay or fail; it
 * delivers signed webhooks to the Worker's webhook route asynchronously through alarms, retrying
 * with backoff until the route answers 2xx. `behave()` injects the failures real providers have.
 */
export class PaymentSimulator extends DurableObject<Env> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(`
      CREATE TABLE IF NOT EXISTS payments (payment_id TEXT PRIMARY KEY, order_id TEXT NOT NULL, channel TEXT NOT NULL,
        amount_fen INTEGER NOT NULL, refunded_fen INTEGER NOT NULL DEFAULT 0, description TEXT NOT NULL,
        return_url TEXT NOT NULL, status TEXT NOT NULL, created_at TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS refunds (refund_id TEXT PRIMARY KEY, payment_id TEXT NOT NULL,
        amount_fen INTEGER NOT NULL, created_at TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS deliveries (id INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL,
        type TEXT NOT NULL, payment_id TEXT NOT NULL, channel TEXT NOT NULL, body TEXT NOT NULL, fault TEXT,
        due_at INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, state TEXT NOT NULL DEFAULT 'pending',
        last_status INTEGER);
      CREATE TABLE IF NOT EXISTS behaviour (id INTEGER PRIMARY KEY CHECK (id = 1), body TEXT NOT NULL);
    `);
  }

  /** Creates a payment (once per `paymentId`) and answers where the shopper pays it. */
  async create(
    channel: string,
    request: PaymentRequest,
  ): Promise<CreatedPayment | { ok: false; error: GatewayFailure }> {
    const behaviour = await this.slowly();
    if (behaviour.unavailable) return unavailable("支付渠道暂不可用 / The payment channel is unavailable");
    const problem = invalidRequest(request);
    if (problem) return rejected(problem);
    const existing = this.payment(request.paymentId);
    if (existing && (existing.orderId !== request.orderId || existing.amountFen !== request.amountFen)) {
      return rejected("该支付编号已用于另一笔支付 / This paymentId was used for a different payment");
    }
    if (!existing) {
      this.sql.exec(
        "INSERT INTO payments (payment_id, order_id, channel, amount_fen, description, return_url, status, created_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?)",
        request.paymentId,
        request.orderId,
        channel,
        request.amountFen,
        request.description,
        request.returnUrl,
        new Date().toISOString(),
      );
    }
    return {
      ok: true,
      channel,
      providerRef: request.paymentId,
      cashierUrl: `/pay/sim/${encodeURIComponent(request.paymentId)}?channel=${encodeURIComponent(channel)}`,
    };
  }

  /** What the provider knows of a payment. */
  async lookup(paymentId: string): Promise<PaymentLookup> {
    await this.slowly();
    const payment = this.payment(paymentId);
    if (!payment) return rejected("没有这笔支付 / No such payment");
    return { ok: true, status: payment.status, amountFen: payment.amountFen, refundedFen: payment.refundedFen };
  }

  /** Refunds part or all of a succeeded payment, once per `refundId`, and announces it by webhook. */
  async refund(refundId: string, paymentId: string, amountFen: number): Promise<RefundResult> {
    await this.slowly();
    const done = this.sql
      .exec<Row>("SELECT payment_id, amount_fen FROM refunds WHERE refund_id = ?", refundId)
      .toArray()[0];
    if (done) {
      return done.payment_id === paymentId && done.amount_fen === amountFen
        ? { ok: true, refundRef: refundId }
        : rejected("该退款编号已用于另一笔退款 / This refundId was used for a different refund");
    }
    const payment = this.payment(paymentId);
    if (payment?.status !== "succeeded") {
      return rejected("只能退款已成功的支付 / Only a succeeded payment can be refunded");
    }
    if (!Number.isSafeInteger(amountFen) || amountFen <= 0 || amountFen > payment.amountFen - payment.refundedFen) {
      return rejected("退款金额无效 / The refund amount exceeds what is left to refund");
    }
    const refundedFen = payment.refundedFen + amountFen;
    const now = Date.now();
    this.sql.exec(
      "INSERT INTO refunds (refund_id, payment_id, amount_fen, created_at) VALUES (?, ?, ?, ?)",
      refundId,
      paymentId,
      amountFen,
      new Date(now).toISOString(),
    );
    this.sql.exec(
      "UPDATE payments SET refunded_fen = ?, status = ? WHERE payment_id = ?",
      refundedFen,
      refundedFen === payment.amountFen ? "refunded" : "succeeded",
      paymentId,
    );
    await this.announce(payment, "refund.succeeded", amountFen, now);
    return { ok: true, refundRef: refundId };
  }

  /** The cashier's view of a payment, or null. */
  async show(paymentId: string): Promise<SimulatedPayment | null> {
    return this.payment(paymentId) ?? null;
  }

  /** The shopper pays at the cashier (paying twice is a no-op). Null for an unknown payment. */
  async pay(paymentId: string, now = Date.now()): Promise<SimulatedPayment | null> {
    return this.settle(paymentId, "succeeded", now);
  }

  /** The shopper's payment fails at the cashier (declined card, cancelled in the wallet app). */
  async fail(paymentId: string, now = Date.now()): Promise<SimulatedPayment | null> {
    return this.settle(paymentId, "failed", now);
  }

  /** Changes this channel's behaviour (dev and tests); omitted fields keep their value. Answers the whole behaviour. */
  async behave(change: Partial<SimulatorBehaviour>): Promise<SimulatorBehaviour> {
    const next = { ...this.behaviour(), ...change };
    this.sql.exec("INSERT OR REPLACE INTO behaviour (id, body) VALUES (1, ?)", JSON.stringify(next));
    return next;
  }

  /** Every webhook delivery of a payment (or of all payments), in the order they were planned. */
  async deliveries(paymentId?: string): Promise<Delivery[]> {
    return this.sql
      .exec<Row>("SELECT * FROM deliveries WHERE ?1 IS NULL OR payment_id = ?1 ORDER BY id", paymentId ?? null)
      .toArray()
      .map((row) => ({
        eventId: String(row.event_id),
        type: row.type as PaymentEvent["type"],
        paymentId: String(row.payment_id),
        state: row.state as Delivery["state"],
        attempts: Number(row.attempts),
        lastStatus: row.last_status === null ? null : Number(row.last_status),
        dueAt: Number(row.due_at),
      }));
  }

  /**
   * Makes one attempt at every delivery due by `now`, in order of their due time (deliveries due at
   * the same moment go out together), and schedules the next alarm. The alarm calls it with the
   * clock; tests call it with a later time to skip waits.
   */
  async deliverDue(now = Date.now()): Promise<Delivery[]> {
    const due = this.sql
      .exec<Row>("SELECT * FROM deliveries WHERE state = 'pending' AND due_at <= ? ORDER BY due_at, id", now)
      .toArray();
    for (const row of due)
      this.sql.exec("UPDATE deliveries SET due_at = ? WHERE id = ?", now + IN_FLIGHT_LEASE_MS, row.id);
    const moments = Map.groupBy(due, (row) => Number(row.due_at));
    for (const rows of moments.values()) await Promise.all(rows.map((row) => this.attempt(row, now)));
    await this.scheduleAlarm();
    const ids = new Set(due.map((row) => String(row.event_id)));
    return (await this.deliveries()).filter((delivery) => ids.has(delivery.eventId));
  }

  override async alarm(): Promise<void> {
    await this.deliverDue();
  }

  private async attempt(row: Row, now: number): Promise<void> {
    const body = String(row.body);
    const channel = String(row.channel);
    const fault = Number(row.attempts) === 0 ? (row.fault as SignatureFault | null) : null;
    const headers = new Headers({ "content-type": "application/json" });
    const signature = await this.signature(channel, body, fault);
    if (signature) headers.set(SIGNATURE_HEADER, signature);
    const request = new Request(`https://marque.internal/api/payments/webhooks/${encodeURIComponent(channel)}`, {
      method: "POST",
      headers,
      body,
    });
    const status = await Promise.resolve(app.fetch(request, this.env)).then(
      (response) => response.status,
      () => 0,
    );
    const attempts = Number(row.attempts) + 1;
    const delivered = status >= 200 && status < 300;
    const delay = delivered ? undefined : retryDelayMs(attempts);
    this.sql.exec(
      "UPDATE deliveries SET attempts = ?, last_status = ?, state = ?, due_at = ? WHERE id = ?",
      attempts,
      status,
      delivered ? "delivered" : delay === undefined ? "abandoned" : "pending",
      delay === undefined ? now : now + delay,
      row.id,
    );
  }

  private async signature(channel: string, body: string, fault: SignatureFault | null): Promise<string | undefined> {
    if (fault === "missing") return undefined;
    const seconds = Math.floor(Date.now() / 1000) - (fault === "stale" ? STALE_BY_SECONDS : 0);
    const secret = fault === "wrong" ? WRONG_SECRET : this.env.PAYMENT_WEBHOOK_SECRET;
    return signWebhook(await webhookKey(secret, channel), body, seconds);
  }

  private async settle(paymentId: string, to: "succeeded" | "failed", now: number): Promise<SimulatedPayment | null> {
    const payment = this.payment(paymentId);
    if (payment?.status !== "pending") return payment ?? null;
    this.sql.exec("UPDATE payments SET status = ? WHERE payment_id = ?", to, paymentId);
    await this.announce(payment, to === "succeeded" ? "payment.succeeded" : "payment.failed", payment.amountFen, now);
    return { ...payment, status: to };
  }

  /** Plans the webhooks of an event under the current behaviour and sets the alarm for them. */
  private async announce(payment: SimulatedPayment, type: PaymentEvent["type"], amountFen: number, now: number) {
    const event: PaymentEvent = {
      eventId: newEventId(),
      type,
      channel: payment.channel,
      paymentId: payment.paymentId,
      orderId: payment.orderId,
      amountFen,
      occurredAt: new Date(now).toISOString(),
    };
    for (const planned of plannedDeliveries(event, this.behaviour(), newEventId)) {
      this.sql.exec(
        "INSERT INTO deliveries (event_id, type, payment_id, channel, body, fault, due_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        planned.event.eventId,
        planned.event.type,
        planned.event.paymentId,
        planned.event.channel,
        JSON.stringify(planned.event),
        planned.signatureFault,
        now + planned.delayMs,
      );
    }
    await this.scheduleAlarm();
  }

  private async scheduleAlarm(): Promise<void> {
    const next = this.sql
      .exec<{ due: number | null }>("SELECT min(due_at) AS due FROM deliveries WHERE state = 'pending'")
      .one().due;
    if (next === null) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(next);
  }

  private behaviour(): SimulatorBehaviour {
    const row = this.sql.exec<{ body: string }>("SELECT body FROM behaviour WHERE id = 1").toArray()[0];
    return row ? { ...NORMAL_BEHAVIOUR, ...(JSON.parse(row.body) as Partial<SimulatorBehaviour>) } : NORMAL_BEHAVIOUR;
  }

  /** The current behaviour, after waiting as long as it says calls take. */
  private async slowly(): Promise<SimulatorBehaviour> {
    const behaviour = this.behaviour();
    if (behaviour.answerDelayMs > 0) await scheduler.wait(behaviour.answerDelayMs);
    return behaviour;
  }

  private payment(paymentId: string): SimulatedPayment | undefined {
    const row = this.sql.exec<Row>("SELECT * FROM payments WHERE payment_id = ?", paymentId).toArray()[0];
    if (!row) return undefined;
    return {
      paymentId: String(row.payment_id),
      orderId: String(row.order_id),
      channel: String(row.channel),
      amountFen: Number(row.amount_fen),
      refundedFen: Number(row.refunded_fen),
      description: String(row.description),
      returnUrl: String(row.return_url),
      status: row.status as PaymentStatus,
      createdAt: String(row.created_at),
    };
  }
}

const newEventId = () => `evt_${crypto.randomUUID().replace(/-/g, "")}`;

/** Why a provider would refuse the request outright, or undefined. */
function invalidRequest(request: PaymentRequest): string | undefined {
  if (!Number.isSafeInteger(request.amountFen) || request.amountFen <= 0) {
    return "金额须为正整数（分） / The amount must be a positive whole number of fen";
  }
  const path = request.returnUrl.startsWith("/") && !request.returnUrl.startsWith("//");
  if (!path && !/^https?:\/\/[^/]/.test(request.returnUrl)) {
    return "returnUrl 须为本站路径或 http(s) 地址 / returnUrl must be a path or an http(s) URL";
  }
  return undefined;
}
