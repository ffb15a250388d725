import { DurableObject } from "cloudflare:workers";
import { canTransition, type OrderState } from "../domain/orders/order-state.ts";
import { isTransient, type PartnerError, withTimeout } from "../domain/orders/partners.ts";
import {
  type Fulfilment,
  nextAction,
  ORDER_LEAD_DAYS,
  PAYMENT_TIMEOUT_MS,
  planFor,
  RETRY_POLICY,
  retryDelayMs,
  type SagaStep,
  STATE_AFTER,
  type StepStatus,
} from "../domain/orders/saga.ts";
import type { PaymentEvent } from "../domain/payment/gateway.ts";
import { addDays, shanghaiDate } from "../domain/time.ts";
import {
  claimBuildSlot,
  extendHold,
  heldVehicle,
  holdVehicle,
  matchingVehicles,
  projectOrder,
  releaseBuildSlot,
  releaseVehicle,
  sellVehicle,
} from "../worker/db/orders.ts";
import { log } from "../worker/log.ts";
import { simulatedInsurer, simulatedRegistry } from "../worker/partners.ts";
import { paymentRouter } from "../worker/payment/router.ts";
import { assessRisk } from "../worker/risk.ts";

/** A partner call gives up after this long; the step is retried later with the same key. */
const CALL_TIMEOUT_MS = 5_000;
/** Once the deposit is paid the vehicle stays held until delivery. */
const HOLD_AFTER_PAYMENT_DAYS = 60;

/** Test-only: crash (throw) before or after a step's side effect, `times` times. Ignored in production. */
export interface Fault {
  step: SagaStep;
  when: "before" | "after";
  times: number;
}

/** What the checkout route hands the saga, after validating the configuration and price. */
export interface OrderRequest {
  orderId: string;
  userId: string;
  modelSlug: string;
  version: number;
  trimId: string;
  /** The configuration's option codes, the trim's own code excluded. */
  options: string[];
  priceFen: number;
  depositFen: number;
  dealerId: string;
  fulfilment: Fulfilment;
  insurance: boolean;
  registrationCityCode: string;
  /** The store's origin, for the cashier's way back to the order page. */
  origin: string;
  faults?: Fault[];
}

export interface StepView {
  step: SagaStep;
  status: StepStatus;
  attempts: number;
  result: Record<string, string>;
  error: string | null;
}

export interface LogEntry {
  seq: number;
  at: string;
  /** A state change, or a step's run/undo/retry, or a payment event. */
  kind: "state" | "step" | "payment";
  state: OrderState | null;
  step: SagaStep | null;
  message: string;
}

export interface OrderView {
  id: string;
  state: OrderState;
  request: OrderRequest;
  steps: StepView[];
  log: LogEntry[];
  /** UTC ISO-8601: when an unpaid order is cancelled. */
  paymentDeadline: string | null;
  cancelReason: string | null;
}

export type StartResult =
  | { ok: true; order: OrderView; replayed: boolean }
  | { ok: false; type: "vehicle-unavailable" | "build-slots-full"; order: OrderView };

export type CancelResult = { ok: true; order: OrderView } | { ok: false; type: "not-cancellable"; order: OrderView };

type Saga = {
  request: OrderRequest;
  state: OrderState;
  paymentDeadline: number | null;
  retryAt: number | null;
  cancelReason: string | null;
};

class Crash extends Error {}

/**
 * One order's saga (one object per order, so its steps are serialised): hold a vehicle or a build
 * slot → deposit payment → insurance (if chosen) → registration appointment → confirmed. Its
 * state, step records, log and outbox live in the object's SQLite storage; every step is keyed by
 * the order so a retry finds what a crashed attempt did; failures are retried with backoff
 * through the alarm, then compensated in reverse. Projections to D1 and events leave through an
 * outbox only after the state they announce is stored.
 */
export class OrderSaga extends DurableObject<Env> {
  private readonly sql: SqlStorage;
  private driving: Promise<void> = Promise.resolve();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(`
      CREATE TABLE IF NOT EXISTS saga (id INTEGER PRIMARY KEY CHECK (id = 1), request TEXT NOT NULL, state TEXT NOT NULL,
        payment_deadline INTEGER, retry_at INTEGER, cancel_reason TEXT, faults TEXT NOT NULL DEFAULT '[]');
      CREATE TABLE IF NOT EXISTS steps (step TEXT PRIMARY KEY, status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
        result TEXT NOT NULL DEFAULT '{}', error TEXT);
      CREATE TABLE IF NOT EXISTS saga_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, kind TEXT NOT NULL,
        state TEXT, step TEXT, message TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS payment_events (event_id TEXT PRIMARY KEY, type TEXT NOT NULL, at TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, body TEXT NOT NULL);
    `);
  }

  /**
   * Starts the saga and runs it until the shopper has to pay (or it fails). Starting an order
   * that exists answers it as it is (`replayed`).
   */
  async start(request: OrderRequest): Promise<StartResult> {
    const existing = this.saga();
    if (existing) return { ok: true, order: this.view(), replayed: true };
    const faults = this.env.ENVIRONMENT === "production" ? [] : (request.faults ?? []);
    this.sql.exec(
      "INSERT INTO saga (id, request, state, faults) VALUES (1, ?, 'placed', ?)",
      JSON.stringify(request),
      JSON.stringify(faults),
    );
    for (const step of planFor(request.insurance))
      this.sql.exec("INSERT INTO steps (step, status) VALUES (?, 'pending')", step);
    this.record("state", "placed", null, "订单已提交 / Order placed");
    this.outboxEvent("order.placed");
    await this.drive();
    const order = this.view();
    if (order.state === "cancelled" && order.steps[0]?.status !== "done" && order.steps[0]?.error) {
      return {
        ok: false,
        type: request.fulfilment === "stock" ? "vehicle-unavailable" : "build-slots-full",
        order,
      };
    }
    return { ok: true, order, replayed: false };
  }

  /** The order as it stands, or null if this object holds none. */
  async get(): Promise<OrderView | null> {
    return this.saga() ? this.view() : null;
  }

  /**
   * A verified payment webhook (signature and replay already checked by the route). Applied once
   * per event id; money that arrives after a cancellation is refunded by the saga.
   */
  async paymentEvent(event: PaymentEvent): Promise<{ applied: boolean }> {
    const saga = this.saga();
    if (!saga || saga.request.orderId !== event.orderId) return { applied: false };
    const seen = this.sql.exec("SELECT 1 FROM payment_events WHERE event_id = ?", event.eventId).toArray().length > 0;
    if (seen) return { applied: false };
    this.sql.exec(
      "INSERT INTO payment_events (event_id, type, at) VALUES (?, ?, ?)",
      event.eventId,
      event.type,
      event.occurredAt,
    );
    const payment = this.step("payment");
    if (event.type === "payment.succeeded" && payment.result.paymentId === event.paymentId) {
      if (payment.status !== "created") return { applied: false };
      await this.captured(saga, event.amountFen, `支付成功 / Deposit paid via ${event.channel}`);
      // Answer the provider as soon as the payment is stored; the alarm runs the remaining steps,
      // so a webhook is never held open through the insurer and the registration office.
      await this.flushOutbox();
      await this.ctx.storage.setAlarm(Date.now());
      return { applied: true };
    }
    if (event.type === "payment.failed" && payment.status === "created") {
      this.record("payment", null, "payment", "支付未成功，可重新支付 / The payment failed; the shopper may try again");
      try {
        // Repeated failures are a risk signal: the shopper's next checkout is challenged, then blocked.
        await assessRisk(this.env, { user: saga.request.userId }, { action: "payment_failed" }, Date.now());
      } catch (error) {
        log("warn", saga.request.orderId, "risk signal for a failed payment not recorded", { error: String(error) });
      }
      return { applied: true };
    }
    if (event.type === "refund.succeeded" && payment.status === "compensated") {
      this.record("payment", null, "payment", "退款已到账 / Refund completed");
      return { applied: true };
    }
    return { applied: false };
  }

  /** The shopper (or ops) cancels: everything done so far is undone. Confirmed orders cannot be. */
  async cancel(reason: string): Promise<CancelResult> {
    const saga = this.saga();
    if (!saga) throw new Error("no order");
    if (saga.state === "confirmed") return { ok: false, type: "not-cancellable", order: this.view() };
    if (saga.state !== "cancelled" && saga.state !== "compensating") this.fail(saga, reason);
    await this.driveOrLeaveToAlarm();
    return { ok: true, order: this.view() };
  }

  /** Retries, the payment deadline and the outbox all come back here. */
  override async alarm(): Promise<void> {
    const saga = this.saga();
    if (!saga) return;
    // The alarm is the retry: whatever it was set for has come.
    this.sql.exec("UPDATE saga SET retry_at = NULL WHERE id = 1");
    const now = Date.now();
    if (saga.state === "awaiting_payment" && saga.paymentDeadline !== null && now >= saga.paymentDeadline) {
      await this.paymentDeadlinePassed();
    }
    await this.driveOrLeaveToAlarm();
  }

  /** The deposit is late: ask the channel (a webhook may be lost) before cancelling. */
  private async paymentDeadlinePassed(): Promise<void> {
    const payment = this.step("payment");
    const { paymentId, channel } = payment.result;
    const lookup = paymentId && channel ? await paymentRouter(this.env).channel(channel).lookup(paymentId) : null;
    // The webhook may have arrived while the channel was being asked.
    const now = this.saga();
    if (now?.state !== "awaiting_payment") return;
    if (lookup?.ok && lookup.status === "succeeded") {
      await this.captured(now, lookup.amountFen, "支付成功（主动查询）/ Deposit paid (found by asking the channel)");
      return;
    }
    this.fail(now, "15 分钟内未完成支付 / The deposit was not paid within 15 minutes");
  }

  /**
   * Drives the saga after a change is stored (a cancellation, an alarm): a step that crashes is
   * retried by the alarm its attempt set before acting, and is not the caller's error.
   */
  private async driveOrLeaveToAlarm(): Promise<void> {
    try {
      await this.drive();
    } catch (error) {
      log("warn", this.saga()?.request.orderId ?? "order", "saga step crashed; the alarm retries it", {
        error: String(error),
      });
    }
  }

  /**
   * Runs the saga, one drive at a time: an alarm, a webhook and a cancellation may arrive while a
   * step awaits a partner, and the object's input gate does not hold them off during that await.
   */
  private drive(): Promise<void> {
    const run = this.driving.then(() => this.driveNow());
    this.driving = run.catch(() => undefined);
    return run;
  }

  /** Runs actions until the saga waits (payment, a retry) or ends; then flushes the outbox and sets the alarm. */
  private async driveNow(): Promise<void> {
    for (let guard = 0; guard < 32; guard++) {
      const saga = this.saga();
      if (!saga) return;
      if (saga.retryAt !== null && saga.retryAt > Date.now()) break;
      const steps = Object.fromEntries(this.steps().map((step) => [step.step, step.status]));
      const action = nextAction({ state: saga.state, plan: planFor(saga.request.insurance), steps });
      if (action.kind === "none" || action.kind === "await-payment") break;
      if (action.kind === "finish") {
        if (action.to === "confirmed") await sellVehicle(this.env.DB, saga.request.orderId, new Date().toISOString());
        this.move(
          saga,
          action.to,
          action.to === "confirmed" ? "订单已确认 / Order confirmed" : "订单已取消 / Order cancelled",
        );
        this.outboxEvent(action.to === "confirmed" ? "order.confirmed" : "order.cancelled");
        continue;
      }
      const undo = action.kind === "compensate";
      const outcome = await this.attempt(saga, action.step, undo);
      if (outcome === "retry") break;
    }
    await this.flushOutbox();
    await this.schedule();
  }

  /** One try of a step or of its compensation; answers whether to go on or wait for a retry. */
  private async attempt(saga: Saga, step: SagaStep, undo: boolean): Promise<"next" | "retry"> {
    const record = this.step(step);
    const attempts = record.attempts + 1;
    // Count the attempt and set the retry time before acting: a crash mid-step leaves the alarm to retry it.
    const retryAt = Date.now() + retryDelayMs(Math.min(attempts, 10), Math.random());
    this.sql.exec("UPDATE steps SET attempts = ? WHERE step = ?", attempts, step);
    this.sql.exec("UPDATE saga SET retry_at = ? WHERE id = 1", retryAt);
    await this.ctx.storage.setAlarm(retryAt);
    if (!undo) this.maybeCrash(step, "before");
    const result = undo ? await this.compensate(saga, step, record.result) : await this.run(saga, step);
    if (!undo) this.maybeCrash(step, "after");
    if (result.ok) {
      const fields = result.result;
      this.sql.exec(
        "UPDATE steps SET status = ?, attempts = 0, result = ?, error = NULL WHERE step = ?",
        undo ? "compensated" : step === "payment" ? "created" : "done",
        JSON.stringify({ ...record.result, ...fields }),
        step,
      );
      this.sql.exec("UPDATE saga SET retry_at = NULL WHERE id = 1");
      if (undo) {
        this.record("step", null, step, `${STEP_NAMES[step]}已撤销 / ${step} undone`);
      } else if (step === "payment") {
        const deadline = Date.now() + PAYMENT_TIMEOUT_MS;
        this.sql.exec("UPDATE saga SET payment_deadline = ? WHERE id = 1", deadline);
        this.move(saga, "awaiting_payment", "等待支付定金 / Waiting for the deposit");
      } else {
        this.move(saga, STATE_AFTER[step], `${STEP_NAMES[step]}完成 / ${step} done`);
      }
      return "next";
    }
    const error = result.error;
    this.sql.exec("UPDATE steps SET error = ? WHERE step = ?", error.message, step);
    const giveUp = !undo && (!isTransient(error) || attempts >= RETRY_POLICY.maxAttempts);
    this.record("step", null, step, `${STEP_NAMES[step]}${undo ? "撤销" : ""}失败：${error.message}`);
    if (!giveUp) return "retry";
    this.sql.exec("UPDATE saga SET retry_at = NULL WHERE id = 1");
    this.fail(saga, error.message);
    return "next";
  }

  /** A step's side effect, keyed by the order so a repeat finds the first result. */
  private async run(saga: Saga, step: SagaStep): Promise<StepOutcome> {
    const { request } = saga;
    const now = new Date();
    switch (step) {
      case "hold": {
        if (request.fulfilment === "build") {
          const week = await claimBuildSlot(
            this.env.DB,
            request.orderId,
            request.trimId,
            addDays(shanghaiDate(now.getTime()), ORDER_LEAD_DAYS),
          );
          return week
            ? succeeded({ week })
            : rejected("本车型近期生产排期已满 / No build slots left in the next 12 weeks");
        }
        // Usually checkout already held the car for this order: then there is nothing to look for.
        const already = await heldVehicle(this.env.DB, request.orderId);
        if (already) return succeeded({ vin: already });
        const matching = await matchingVehicles(this.env.DB, request.trimId, request.options, request.dealerId);
        const candidates = matching.map((vehicle) => vehicle.vin);
        const expires = new Date(now.getTime() + PAYMENT_TIMEOUT_MS + 60_000).toISOString();
        const vin = await holdVehicle(
          this.env.DB,
          request.orderId,
          candidates,
          request.dealerId,
          expires,
          now.toISOString(),
        );
        return vin
          ? succeeded({ vin })
          : rejected("这台配置的现车已被订完 / Every matching car in stock has been taken");
      }
      case "payment": {
        const created = await paymentRouter(this.env).create({
          paymentId: `${request.orderId}-deposit`,
          orderId: request.orderId,
          amountFen: request.depositFen,
          description: `定金 / Deposit ${request.modelSlug}`,
          returnUrl: `${request.origin}/orders/${request.orderId}`,
        });
        if (!created.ok) return created;
        return succeeded({
          paymentId: `${request.orderId}-deposit`,
          channel: created.channel,
          cashierUrl: created.cashierUrl,
          providerRef: created.providerRef,
        });
      }
      case "insurance": {
        const issued = await withTimeout(
          (signal) =>
            simulatedInsurer(this.env.DB).issue(
              `${request.orderId}:policy`,
              {
                orderId: request.orderId,
                trimId: request.trimId,
                vin: this.step("hold").result.vin ?? null,
                cityCode: request.registrationCityCode,
                insuredValueFen: request.priceFen,
              },
              signal,
            ),
          CALL_TIMEOUT_MS,
        );
        return issued.ok ? succeeded({ policyId: issued.policyId }) : issued;
      }
      case "registration": {
        const hold = this.step("hold").result;
        const booked = await withTimeout(
          (signal) =>
            simulatedRegistry(this.env.DB).book(
              `${request.orderId}:registration`,
              {
                orderId: request.orderId,
                cityCode: request.registrationCityCode,
                dealerId: request.dealerId,
                earliest: hold.week ?? shanghaiDate(now.getTime()),
              },
              signal,
            ),
          CALL_TIMEOUT_MS,
        );
        return booked.ok ? succeeded({ appointmentId: booked.appointmentId, date: booked.date }) : booked;
      }
    }
  }

  /** Undoes exactly what a step did. */
  private async compensate(saga: Saga, step: SagaStep, done: Record<string, string>): Promise<StepOutcome> {
    const { orderId } = saga.request;
    switch (step) {
      case "hold":
        if (saga.request.fulfilment === "build") await releaseBuildSlot(this.env.DB, orderId);
        else await releaseVehicle(this.env.DB, orderId, new Date().toISOString());
        return succeeded({});
      case "payment": {
        const refund = await paymentRouter(this.env)
          .channel(done.channel ?? "")
          .refund(`${orderId}-refund`, done.paymentId ?? "", Number(done.paidFen ?? saga.request.depositFen));
        return refund.ok ? succeeded({ refundRef: refund.refundRef }) : refund;
      }
      case "insurance": {
        const cancelled = await withTimeout(
          (signal) => simulatedInsurer(this.env.DB).cancel(`${orderId}:policy`, done.policyId ?? "", signal),
          CALL_TIMEOUT_MS,
        );
        return cancelled.ok ? succeeded({}) : cancelled;
      }
      case "registration": {
        const cancelled = await withTimeout(
          (signal) =>
            simulatedRegistry(this.env.DB).cancel(`${orderId}:registration`, done.appointmentId ?? "", signal),
          CALL_TIMEOUT_MS,
        );
        return cancelled.ok ? succeeded({}) : cancelled;
      }
    }
  }

  /** Money for the deposit arrived: paid if the order waits for it, else the saga refunds it. */
  private async captured(saga: Saga, amountFen: number, message: string): Promise<void> {
    this.sql.exec(
      "UPDATE steps SET status = 'done', error = NULL, result = json_set(result, '$.paidFen', ?) WHERE step = 'payment'",
      String(amountFen),
    );
    this.record("payment", null, "payment", message);
    if (saga.state !== "awaiting_payment") return;
    if (amountFen !== saga.request.depositFen) {
      this.fail(saga, `支付金额不符 / Paid ${amountFen} fen, expected ${saga.request.depositFen}`);
      return;
    }
    this.sql.exec("UPDATE saga SET payment_deadline = NULL WHERE id = 1");
    this.move(saga, "paid", "定金已支付 / Deposit paid");
    if (saga.request.fulfilment === "stock") {
      const until = new Date(Date.now() + HOLD_AFTER_PAYMENT_DAYS * 86_400_000).toISOString();
      await extendHold(this.env.DB, saga.request.orderId, until);
    }
  }

  /** Gives up: compensate what was done (or cancel outright if nothing was). */
  private fail(saga: Saga, reason: string): void {
    this.sql.exec("UPDATE saga SET cancel_reason = ?, payment_deadline = NULL WHERE id = 1", reason);
    saga.cancelReason = reason;
    this.move(saga, saga.state === "placed" ? "cancelled" : "compensating", reason);
    if (saga.state === "cancelled") this.outboxEvent("order.cancelled");
  }

  private move(saga: Saga, to: OrderState, message: string): void {
    if (!canTransition(saga.state, to)) throw new Error(`illegal transition ${saga.state} → ${to}`);
    this.sql.exec("UPDATE saga SET state = ? WHERE id = 1", to);
    saga.state = to;
    this.record("state", to, null, message);
  }

  private record(kind: LogEntry["kind"], state: OrderState | null, step: SagaStep | null, message: string): void {
    this.sql.exec(
      "INSERT INTO saga_log (at, kind, state, step, message) VALUES (?, ?, ?, ?, ?)",
      new Date().toISOString(),
      kind,
      state,
      step,
      message,
    );
    if (kind === "state") this.sql.exec("INSERT INTO outbox (kind, body) VALUES ('project', '{}')");
  }

  /** An order event for analytics, sent after the state it announces is stored. */
  private outboxEvent(type: string): void {
    this.sql.exec(
      "INSERT INTO outbox (kind, body) VALUES ('event', ?)",
      JSON.stringify({ id: crypto.randomUUID(), type }),
    );
  }

  /** Delivers the outbox in order; what fails stays for the next alarm. */
  private async flushOutbox(): Promise<void> {
    const saga = this.saga();
    if (!saga) return;
    const items = this.sql
      .exec<{ id: number; kind: string; body: string }>("SELECT id, kind, body FROM outbox ORDER BY id")
      .toArray();
    const projections = items.filter((item) => item.kind === "project");
    try {
      const last = projections.at(-1);
      if (last) {
        const seq = this.sql.exec<{ seq: number }>("SELECT max(seq) AS seq FROM saga_log").one().seq;
        await projectOrder(this.env.DB, {
          id: saga.request.orderId,
          status: saga.state,
          vin: this.step("hold").result.vin ?? null,
          cancelReason: saga.cancelReason,
          seq,
          updatedAt: new Date().toISOString(),
        });
        this.sql.exec("DELETE FROM outbox WHERE kind = 'project' AND id <= ?", last.id);
      }
      for (const item of items.filter((entry) => entry.kind === "event")) {
        const { id, type } = JSON.parse(item.body) as { id: string; type: string };
        await this.env.ANALYTICS.send({
          id,
          type,
          occurredAt: new Date().toISOString(),
          receivedAt: new Date().toISOString(),
          props: { order: saga.request.orderId, model: saga.request.modelSlug, fulfilment: saga.request.fulfilment },
          country: null,
          city: null,
        });
        this.sql.exec("DELETE FROM outbox WHERE id = ?", item.id);
      }
    } catch (error) {
      log("warn", saga.request.orderId, "order outbox delivery failed, retrying on the alarm", {
        error: String(error),
      });
    }
  }

  /** The next wake-up: a retry, the payment deadline, or soon if the outbox still has items. */
  private async schedule(): Promise<void> {
    const saga = this.saga();
    if (!saga) return;
    const pending = this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM outbox").one().n;
    const times = [saga.retryAt, saga.paymentDeadline, pending > 0 ? Date.now() + 5_000 : null].filter(
      (time): time is number => time !== null,
    );
    if (times.length === 0) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(Math.min(...times));
  }

  private maybeCrash(step: SagaStep, when: Fault["when"]): void {
    const row = this.sql.exec<{ faults: string }>("SELECT faults FROM saga WHERE id = 1").one();
    const faults = JSON.parse(row.faults) as Fault[];
    const fault = faults.find((candidate) => candidate.step === step && candidate.when === when && candidate.times > 0);
    if (!fault) return;
    fault.times--;
    this.sql.exec("UPDATE saga SET faults = ? WHERE id = 1", JSON.stringify(faults));
    throw new Crash(`injected crash ${when} ${step}`);
  }

  private saga(): Saga | null {
    const row = this.sql
      .exec<{
        request: string;
        state: OrderState;
        payment_deadline: number | null;
        retry_at: number | null;
        cancel_reason: string | null;
      }>("SELECT request, state, payment_deadline, retry_at, cancel_reason FROM saga WHERE id = 1")
      .toArray()[0];
    if (!row) return null;
    return {
      request: JSON.parse(row.request) as OrderRequest,
      state: row.state,
      paymentDeadline: row.payment_deadline,
      retryAt: row.retry_at,
      cancelReason: row.cancel_reason,
    };
  }

  private steps(): StepView[] {
    const order = planFor(true);
    return this.sql
      .exec<{ step: SagaStep; status: StepStatus; attempts: number; result: string; error: string | null }>(
        "SELECT step, status, attempts, result, error FROM steps",
      )
      .toArray()
      .map((row) => ({ ...row, result: JSON.parse(row.result) as Record<string, string> }))
      .sort((a, b) => order.indexOf(a.step) - order.indexOf(b.step));
  }

  private step(step: SagaStep): StepView {
    return (
      this.steps().find((candidate) => candidate.step === step) ?? {
        step,
        status: "pending",
        attempts: 0,
        result: {},
        error: null,
      }
    );
  }

  private view(): OrderView {
    const saga = this.saga();
    if (!saga) throw new Error("no order");
    return {
      id: saga.request.orderId,
      state: saga.state,
      request: { ...saga.request, faults: undefined },
      steps: this.steps(),
      log: this.sql
        .exec<{
          seq: number;
          at: string;
          kind: LogEntry["kind"];
          state: OrderState | null;
          step: SagaStep | null;
          message: string;
        }>("SELECT seq, at, kind, state, step, message FROM saga_log ORDER BY seq")
        .toArray(),
      paymentDeadline: saga.paymentDeadline === null ? null : new Date(saga.paymentDeadline).toISOString(),
      cancelReason: saga.cancelReason,
    };
  }
}

const STEP_NAMES: Record<SagaStep, string> = {
  hold: "锁定车辆",
  payment: "定金支付",
  insurance: "投保",
  registration: "上牌预约",
};

/** What one try of a step (or of its compensation) came to: the facts it produced, or why it failed. */
type StepOutcome = { ok: true; result: Record<string, string> } | { ok: false; error: PartnerError };

const succeeded = (result: Record<string, string>): StepOutcome => ({ ok: true, result });

function rejected(message: string): StepOutcome {
  return { ok: false, error: { kind: "rejected", message } };
}
