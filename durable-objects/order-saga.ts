import { DurableObject } from "cloudflare:workers";
import { canTransition, type OrderState, TERMINAL_STATES } from "../domain/orders/order-state.ts";
import type { PaymentEvent } from "../domain/payment/gateway.ts";

/** Payment not completed within 15 minutes cancels the order. */
export const PAYMENT_TIMEOUT_MS = 15 * 60 * 1000;

export interface SagaLogEntry {
  seq: number;
  from: OrderState | null;
  to: OrderState;
  at: string;
  reason: string;
}

export type TransitionResult =
  | { ok: true; state: OrderState }
  | { ok: false; type: "illegal-transition"; state: OrderState | null };

/**
 * One order's saga: its state and an append-only log of transitions in the object's SQLite
 * storage, and an alarm that cancels an order whose payment does not arrive in time. Being one
 * object per order, every transition is serialised. (The order-saga issue adds the steps.)
 */
export class OrderSaga extends DurableObject<Env> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(
      "CREATE TABLE IF NOT EXISTS log (seq INTEGER PRIMARY KEY AUTOINCREMENT, from_state TEXT, to_state TEXT NOT NULL, at TEXT NOT NULL, reason TEXT NOT NULL)",
    );
  }

  /** The current state, or null before the order is placed. */
  async state(): Promise<OrderState | null> {
    const row = this.sql
      .exec<{ to_state: OrderState }>("SELECT to_state FROM log ORDER BY seq DESC LIMIT 1")
      .toArray()[0];
    return row?.to_state ?? null;
  }

  /** The full transition log, oldest first. */
  async log(): Promise<SagaLogEntry[]> {
    return this.sql
      .exec<{ seq: number; from_state: OrderState | null; to_state: OrderState; at: string; reason: string }>(
        "SELECT seq, from_state, to_state, at, reason FROM log ORDER BY seq",
      )
      .toArray()
      .map((row) => ({ seq: row.seq, from: row.from_state, to: row.to_state, at: row.at, reason: row.reason }));
  }

  /** Places the order; placing it again is a no-op that reports the current state. */
  async place(now = Date.now()): Promise<TransitionResult> {
    const current = await this.state();
    if (current) return { ok: true, state: current };
    this.append(null, "placed", now, "order placed");
    return { ok: true, state: "placed" };
  }

  /** Moves the order to `to` if the state machine allows it; starts the payment clock when payment is due. */
  async transition(to: OrderState, reason: string, now = Date.now()): Promise<TransitionResult> {
    const from = await this.state();
    if (!from || !canTransition(from, to)) return { ok: false, type: "illegal-transition", state: from };
    this.append(from, to, now, reason);
    if (to === "awaiting_payment") await this.ctx.storage.setAlarm(now + PAYMENT_TIMEOUT_MS);
    if (TERMINAL_STATES.includes(to)) await this.ctx.storage.deleteAlarm();
    return { ok: true, state: to };
  }

  /**
   * A verified payment webhook for this order (the webhook route has checked its signature and
   * dropped replays). Says whether it changed the order.
   */
  async paymentEvent(event: PaymentEvent): Promise<{ applied: boolean }> {
    if (event.type !== "payment.succeeded" || (await this.state()) !== "awaiting_payment") return { applied: false };
    this.append("awaiting_payment", "paid", Date.parse(event.occurredAt), `deposit paid via ${event.channel}`);
    return { applied: true };
  }

  /** The payment clock ran out: cancel through compensation if payment is still awaited. */
  override async alarm(): Promise<void> {
    if ((await this.state()) !== "awaiting_payment") return;
    const now = Date.now();
    this.append("awaiting_payment", "compensating", now, "payment not completed within 15 minutes");
    this.append("compensating", "cancelled", now, "vehicle released");
  }

  private append(from: OrderState | null, to: OrderState, now: number, reason: string): void {
    this.sql.exec(
      "INSERT INTO log (from_state, to_state, at, reason) VALUES (?, ?, ?, ?)",
      from,
      to,
      new Date(now).toISOString(),
      reason,
    );
  }
}
