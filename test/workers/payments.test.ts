import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { BREAKER_POLICY } from "../../domain/payment/circuit-breaker.ts";
import type { PaymentEvent, PaymentRequest } from "../../domain/payment/gateway.ts";
import { SIGNATURE_HEADER, signWebhook, webhookKey } from "../../domain/payment/signature.ts";
import { NORMAL_BEHAVIOUR } from "../../domain/payment/simulator.ts";
import type { OrderSaga } from "../../durable-objects/order-saga.ts";
import { app } from "../../worker/app.ts";
import { paymentRouter } from "../../worker/payment/router.ts";
import { phoneIndex, piiKeys, signToken } from "../../worker/pii.ts";

const PRIMARY = "alipay-sim";
const BACKUP = "unionpay-sim";
const LATER = 24 * 60 * 60 * 1000;

let sequence = 0;
const nextId = (prefix: string) => `${prefix}_${Date.now()}_${++sequence}`;

const simulator = (channel: string) => env.PAYMENT_SIMULATOR.get(env.PAYMENT_SIMULATOR.idFromName(channel));

const paymentRequest = (overrides: Partial<PaymentRequest> = {}): PaymentRequest => {
  const orderId = overrides.orderId ?? nextId("ord");
  return {
    paymentId: `${orderId}-deposit`,
    orderId,
    amountFen: 500_000,
    description: "定金 / Deposit",
    returnUrl: `/orders/${orderId}`,
    ...overrides,
  };
};

async function call<T>(path: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}) {
  const response = await app.request(
    `https://store.test/api${path}`,
    { method: init.method ?? "GET", headers: { "content-type": "application/json", ...init.headers }, body: init.body },
    env,
  );
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(text || "null") as T };
}

async function rows(sql: string, ...params: unknown[]) {
  return (
    await env.DB.prepare(sql)
      .bind(...params)
      .all<Record<string, unknown>>()
  ).results;
}

const event = (overrides: Partial<PaymentEvent> = {}): PaymentEvent => {
  const orderId = overrides.orderId ?? nextId("ord");
  return {
    eventId: nextId("evt"),
    type: "payment.succeeded",
    channel: PRIMARY,
    paymentId: `${orderId}-deposit`,
    orderId,
    amountFen: 500_000,
    occurredAt: new Date().toISOString(),
    ...overrides,
  };
};

/** Posts `body` to a channel's webhook, signed as `sign` says (by default correctly, now). */
async function deliver(
  body: string,
  sign: { secret?: string; at?: number; channel?: string; header?: string | null } = {},
  channel = PRIMARY,
) {
  const headers: Record<string, string> = {};
  const header =
    sign.header === undefined
      ? await signWebhook(
          await webhookKey(sign.secret ?? env.PAYMENT_WEBHOOK_SECRET, sign.channel ?? channel),
          body,
          Math.floor((sign.at ?? Date.now()) / 1000),
        )
      : sign.header;
  if (header !== null) headers[SIGNATURE_HEADER] = header;
  return call<{ outcome?: string; applied?: boolean; reason?: string; type?: string }>(
    `/payments/webhooks/${channel}`,
    { method: "POST", body, headers },
  );
}

const inboxes = new Map<string, PaymentEvent[]>();
const wrapped = new WeakSet<object>();

/**
 * Records every event the real saga object of `orderId` is handed. RPC only reaches methods of the
 * class, so the class's `paymentEvent` is wrapped (once) to note each call before running it.
 */
async function sagaInbox(orderId: string): Promise<PaymentEvent[]> {
  const seen: PaymentEvent[] = [];
  inboxes.set(orderId, seen);
  await runInDurableObject(env.ORDER_SAGA.get(env.ORDER_SAGA.idFromName(orderId)), (saga: OrderSaga) => {
    const prototype = Object.getPrototypeOf(saga) as OrderSaga;
    if (wrapped.has(prototype)) return;
    wrapped.add(prototype);
    const original = prototype.paymentEvent;
    prototype.paymentEvent = function (this: OrderSaga, received: PaymentEvent) {
      inboxes.get(received.orderId)?.push(received);
      return original.call(this, received);
    };
  });
  return seen;
}

const webhookRows = (orderId: string) =>
  rows(
    "SELECT outcome, event_id, reason FROM payment_webhooks WHERE order_id = ? ORDER BY received_at, rowid",
    orderId,
  );

/** Signs in a new account with `roles` and answers its session cookie. */
async function signIn(roles: string[]): Promise<string> {
  const phone = `136${String(++sequence).padStart(8, "0")}`;
  const keys = await piiKeys(env.PII_KEY);
  const id = `otc_payments_${sequence}`;
  await env.DB.prepare(
    "INSERT INTO one_time_codes (id, phone_index, purpose, code_hash, expires_at) VALUES (?1, ?2, 'login', ?3, ?4)",
  )
    .bind(
      id,
      await phoneIndex(keys, phone),
      await signToken(keys, `one-time-code:${id}:123456`),
      new Date(Date.now() + 300_000).toISOString(),
    )
    .run();
  const verified = await app.request(
    "https://store.test/api/auth/verify",
    {
      method: "POST",
      headers: { "content-type": "application/json", "cf-connecting-ip": `198.51.100.${sequence % 250}` },
      body: JSON.stringify({ phone, code: "123456" }),
    },
    env,
  );
  const { user } = (await verified.json()) as { user: { id: string } };
  await env.DB.prepare("UPDATE users SET roles = ?1 WHERE id = ?2").bind(JSON.stringify(roles), user.id).run();
  return /marque_session=([^;]*)/.exec(verified.headers.get("set-cookie") ?? "")?.[1] ?? "";
}

beforeEach(async () => {
  await env.DB.prepare("DELETE FROM payment_channels").run();
  for (const channel of [PRIMARY, BACKUP]) await simulator(channel).behave(NORMAL_BEHAVIOUR);
});

describe("webhook signatures", () => {
  it("accepts a correctly signed event and hands it to the order's saga", async () => {
    const sent = event();
    const inbox = await sagaInbox(sent.orderId);
    const answer = await deliver(JSON.stringify(sent));
    expect(answer.status).toBe(200);
    expect(answer.body.outcome).toBe("accepted");
    expect(inbox).toEqual([sent]);
    expect(await webhookRows(sent.orderId)).toEqual([{ outcome: "accepted", event_id: sent.eventId, reason: null }]);
  });

  it("rejects and logs a tampered body, a wrong secret, another channel's key, a stale or missing signature", async () => {
    const sent = event();
    const inbox = await sagaInbox(sent.orderId);
    const body = JSON.stringify(sent);
    const signature = await signWebhook(
      await webhookKey(env.PAYMENT_WEBHOOK_SECRET, PRIMARY),
      body,
      Math.floor(Date.now() / 1000),
    );
    const attempts = [
      { reason: "bad-signature", answer: await deliver(body.replace("500000", "1"), { header: signature }) },
      {
        reason: "bad-signature",
        answer: await deliver(body, { secret: "an-attacker-guessed-this-secret-of-32-bytes" }),
      },
      { reason: "bad-signature", answer: await deliver(body, { channel: BACKUP }) },
      { reason: "stale", answer: await deliver(body, { at: Date.now() - 6 * 60 * 1000 }) },
      { reason: "unsigned", answer: await deliver(body, { header: null }) },
      { reason: "malformed-signature", answer: await deliver(body, { header: "t=now,v1=zz" }) },
    ];
    for (const { reason, answer } of attempts) {
      expect(answer.status).toBe(400);
      expect(answer.headers.get("content-type")).toContain("application/problem+json");
      expect(answer.body.reason).toBe(reason);
    }
    expect(inbox).toEqual([]);
    const logged = await webhookRows(sent.orderId);
    expect(logged.map((row) => [row.outcome, row.reason, row.event_id])).toEqual(
      attempts.map(({ reason }) => ["rejected", reason, null]),
    );
    expect((await deliver(body)).body.outcome).toBe("accepted");
    expect(inbox).toEqual([sent]);
  });

  it("applies a replayed event id once and logs the replay as a duplicate", async () => {
    const sent = event();
    const inbox = await sagaInbox(sent.orderId);
    expect((await deliver(JSON.stringify(sent))).body.outcome).toBe("accepted");
    const replay = await deliver(JSON.stringify(sent));
    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({ outcome: "duplicate", applied: false });
    expect(inbox).toHaveLength(1);
    expect((await webhookRows(sent.orderId)).map((row) => row.outcome)).toEqual(["accepted", "duplicate"]);
  });

  it("rejects a signed body that is not a valid event or names another channel", async () => {
    const sent = event({ channel: BACKUP });
    const wrongChannel = await deliver(JSON.stringify(sent));
    const notAnEvent = await deliver(JSON.stringify({ ...event(), amountFen: -1 }));
    for (const answer of [wrongChannel, notAnEvent]) {
      expect(answer.status).toBe(400);
      expect(answer.body.reason).toBe("invalid-event");
    }
  });

  it("answers 404 for a channel it does not know, logging nothing", async () => {
    const sent = event({ channel: "paypal" });
    expect((await deliver(JSON.stringify(sent), {}, "paypal")).status).toBe(404);
    expect(await webhookRows(sent.orderId)).toEqual([]);
  });
});

describe("the payment simulator", () => {
  it("creates a payment once per payment id and refuses the id for another payment", async () => {
    const request = paymentRequest();
    const sim = simulator(PRIMARY);
    const first = await sim.create(PRIMARY, request);
    const again = await sim.create(PRIMARY, request);
    expect(first).toMatchObject({ ok: true, channel: PRIMARY, cashierUrl: expect.stringContaining("/pay/sim/") });
    expect(again).toEqual(first);
    expect(await sim.create(PRIMARY, { ...request, amountFen: 1 })).toMatchObject({
      ok: false,
      error: { kind: "rejected" },
    });
    expect(await sim.lookup(request.paymentId)).toEqual({
      ok: true,
      status: "pending",
      amountFen: 500_000,
      refundedFen: 0,
    });
  });

  it("refunds once per refund id, never more than was paid", async () => {
    const request = paymentRequest();
    const sim = simulator(PRIMARY);
    await sim.create(PRIMARY, request);
    expect(await sim.refund("rfd-early", request.paymentId, 100)).toMatchObject({
      ok: false,
      error: { kind: "rejected" },
    });
    await sim.pay(request.paymentId);
    expect(await sim.refund("rfd-1", request.paymentId, 200_000)).toEqual({ ok: true, refundRef: "rfd-1" });
    expect(await sim.refund("rfd-1", request.paymentId, 200_000)).toEqual({ ok: true, refundRef: "rfd-1" });
    expect(await sim.refund("rfd-2", request.paymentId, 300_001)).toMatchObject({
      ok: false,
      error: { kind: "rejected" },
    });
    expect(await sim.lookup(request.paymentId)).toMatchObject({ status: "succeeded", refundedFen: 200_000 });
    expect(await sim.refund("rfd-2", request.paymentId, 300_000)).toEqual({ ok: true, refundRef: "rfd-2" });
    expect(await sim.lookup(request.paymentId)).toMatchObject({ status: "refunded", refundedFen: 500_000 });
  });

  it("delivers the webhook through its alarm, and the payment's order hears of it", async () => {
    const request = paymentRequest();
    const inbox = await sagaInbox(request.orderId);
    const sim = simulator(PRIMARY);
    await sim.create(PRIMARY, request);
    await sim.pay(request.paymentId);
    expect(inbox).toEqual([]);
    expect(await runDurableObjectAlarm(sim)).toBe(true);
    expect(inbox.map((received) => [received.type, received.paymentId, received.amountFen])).toEqual([
      ["payment.succeeded", request.paymentId, 500_000],
    ]);
    expect(await sim.deliveries(request.paymentId)).toMatchObject([
      { state: "delivered", attempts: 1, lastStatus: 200 },
    ]);
  });

  it("retries with backoff until the receiver answers 2xx", async () => {
    const request = paymentRequest();
    const inbox = await sagaInbox(request.orderId);
    const sim = simulator(PRIMARY);
    await sim.behave({ signatureFault: "wrong", webhookDelayMs: 60_000 });
    await sim.create(PRIMARY, request);
    const paidAt = Date.now();
    await sim.pay(request.paymentId, paidAt);
    expect(await sim.deliverDue(paidAt + 59_000)).toEqual([]);
    const [first] = await sim.deliverDue(paidAt + 60_000);
    expect(first).toMatchObject({ state: "pending", attempts: 1, lastStatus: 400 });
    expect(first?.dueAt).toBeGreaterThan(paidAt + 60_000);
    expect(inbox).toEqual([]);
    expect(await sim.deliverDue(paidAt + 60_000)).toEqual([]);
    const [second] = await sim.deliverDue(first?.dueAt ?? 0);
    expect(second).toMatchObject({ state: "delivered", attempts: 2, lastStatus: 200 });
    expect(inbox).toHaveLength(1);
    expect((await webhookRows(request.orderId)).map((row) => [row.outcome, row.reason])).toEqual([
      ["rejected", "bad-signature"],
      ["accepted", null],
    ]);
  });

  it("sends unsigned and stale first attempts when told to, and they are rejected", async () => {
    const sim = simulator(PRIMARY);
    for (const fault of ["missing", "stale"] as const) {
      const request = paymentRequest();
      await sim.behave({ signatureFault: fault });
      await sim.create(PRIMARY, request);
      await sim.pay(request.paymentId);
      await sim.deliverDue(Date.now());
      await sim.deliverDue(Date.now() + LATER);
      expect((await webhookRows(request.orderId)).map((row) => [row.outcome, row.reason])).toEqual([
        ["rejected", fault === "missing" ? "unsigned" : "stale"],
        ["accepted", null],
      ]);
    }
  });

  it("delivers duplicates and a failure after the success, and the saga hears each event once", async () => {
    const request = paymentRequest();
    const inbox = await sagaInbox(request.orderId);
    const sim = simulator(PRIMARY);
    await sim.behave({ duplicateWebhooks: true, outOfOrder: true });
    await sim.create(PRIMARY, request);
    await sim.pay(request.paymentId);
    const delivered = await sim.deliverDue(Date.now() + LATER);
    expect(delivered.map((delivery) => [delivery.type, delivery.state])).toEqual([
      ["payment.succeeded", "delivered"],
      ["payment.succeeded", "delivered"],
      ["payment.failed", "delivered"],
    ]);
    expect(inbox.map((received) => received.type)).toEqual(["payment.succeeded", "payment.failed"]);
    expect(new Set(inbox.map((received) => received.eventId)).size).toBe(2);
    expect((await webhookRows(request.orderId)).map((row) => row.outcome).sort()).toEqual([
      "accepted",
      "accepted",
      "duplicate",
    ]);
    expect(await sim.lookup(request.paymentId)).toMatchObject({ status: "succeeded" });
  });
});

describe("the payment router", () => {
  it("creates on the primary while it is healthy", async () => {
    const created = await paymentRouter(env).create(paymentRequest());
    expect(created).toMatchObject({ ok: true, channel: PRIMARY });
  });

  it("fails over to the backup, opens the primary's breaker after three failures, half-opens after the cool-down", async () => {
    let now = Date.parse("2026-11-29T02:00:00Z");
    const router = paymentRouter(env, { now: () => now });
    await simulator(PRIMARY).behave({ unavailable: true });
    for (let i = 1; i <= BREAKER_POLICY.failureThreshold; i++) {
      expect(await router.create(paymentRequest())).toMatchObject({ ok: true, channel: BACKUP });
      const [breaker] = await rows("SELECT state, failures FROM payment_channels WHERE channel = ?", PRIMARY);
      expect(breaker).toEqual({ state: i < BREAKER_POLICY.failureThreshold ? "closed" : "open", failures: i });
    }
    await simulator(PRIMARY).behave({ unavailable: false });
    const whileOpen = paymentRequest();
    expect(await router.create(whileOpen)).toMatchObject({ ok: true, channel: BACKUP });
    expect(await router.channel(PRIMARY).lookup(whileOpen.paymentId)).toMatchObject({ ok: false });

    now += BREAKER_POLICY.coolDownMs;
    const trial = paymentRequest();
    expect(await router.create(trial)).toMatchObject({ ok: true, channel: PRIMARY });
    expect(await rows("SELECT state, failures, opened_at FROM payment_channels WHERE channel = ?", PRIMARY)).toEqual([
      { state: "closed", failures: 0, opened_at: null },
    ]);
  });

  it("reopens a half-open breaker whose trial fails", async () => {
    let now = Date.parse("2026-11-29T03:00:00Z");
    const router = paymentRouter(env, { now: () => now });
    await simulator(PRIMARY).behave({ unavailable: true });
    for (let i = 0; i < BREAKER_POLICY.failureThreshold; i++) await router.create(paymentRequest());
    now += BREAKER_POLICY.coolDownMs;
    expect(await router.create(paymentRequest())).toMatchObject({ ok: true, channel: BACKUP });
    expect(await rows("SELECT state, opened_at FROM payment_channels WHERE channel = ?", PRIMARY)).toEqual([
      { state: "open", opened_at: new Date(now).toISOString() },
    ]);
  });

  it("treats a channel that does not answer in time as failed", async () => {
    await simulator(PRIMARY).behave({ answerDelayMs: 200 });
    const created = await paymentRouter(env, { timeoutMs: 20 }).create(paymentRequest());
    expect(created).toMatchObject({ ok: true, channel: BACKUP });
    expect(await rows("SELECT failures FROM payment_channels WHERE channel = ?", PRIMARY)).toEqual([{ failures: 1 }]);
  });

  it("says so when every channel is down, and does not fail over a request a channel rejects", async () => {
    const router = paymentRouter(env);
    const invalid = await router.create(paymentRequest({ amountFen: 0 }));
    expect(invalid).toMatchObject({ ok: false, error: { kind: "rejected" } });
    expect(await rows("SELECT channel FROM payment_channels WHERE failures > 0")).toEqual([]);
    for (const channel of [PRIMARY, BACKUP]) await simulator(channel).behave({ unavailable: true });
    expect(await router.create(paymentRequest())).toMatchObject({
      ok: false,
      error: { kind: "unavailable", message: expect.stringContaining("Every payment channel is unavailable") },
    });
  });

  it("has no channel in production", async () => {
    const production = { ...env, ENVIRONMENT: "production" };
    const created = await paymentRouter(production).create(paymentRequest());
    expect(created).toMatchObject({
      ok: false,
      error: { kind: "unavailable", message: expect.stringContaining("production") },
    });
    expect(await paymentRouter(production).channel(PRIMARY).lookup("pay_1")).toMatchObject({ ok: false });
  });
});

describe("cashier and ops endpoints", () => {
  it("lets the cashier show, pay and fail payments outside production only", async () => {
    const request = paymentRequest();
    await simulator(PRIMARY).behave({ unavailable: true });
    const created = await call<{ channel: string; cashierUrl: string }>("/dev/payments", {
      method: "POST",
      body: JSON.stringify(request),
    });
    expect(created.status).toBe(201);
    expect(created.body.channel).toBe(BACKUP);
    expect(created.body.cashierUrl).toBe(`/pay/sim/${request.paymentId}?channel=${BACKUP}`);
    const shown = await call<{ status: string; returnUrl: string }>(`/dev/payments/${BACKUP}/${request.paymentId}`);
    expect(shown.body).toMatchObject({ status: "pending", returnUrl: request.returnUrl });
    const paid = await call<{ status: string }>(`/dev/payments/${BACKUP}/${request.paymentId}/pay`, { method: "POST" });
    expect(paid.body.status).toBe("succeeded");
    const failed = await call<{ status: string }>(`/dev/payments/${BACKUP}/${request.paymentId}/fail`, {
      method: "POST",
    });
    expect(failed.body.status).toBe("succeeded");
    expect((await call(`/dev/payments/${BACKUP}/nope`)).status).toBe(404);
    const production = await app.request(
      `https://store.test/api/dev/payments/${BACKUP}/${request.paymentId}`,
      {},
      {
        ...env,
        ENVIRONMENT: "production",
      },
    );
    expect(production.status).toBe(404);
    const refused = await call<{ kind: string }>("/dev/payments", {
      method: "POST",
      body: JSON.stringify({ ...paymentRequest(), returnUrl: "javascript:alert(1)" }),
    });
    expect(refused.status).toBe(400);
    expect(refused.body.kind).toBe("rejected");
  });

  it("injects behaviours through the API and refuses unknown ones", async () => {
    const changed = await call<{ duplicateWebhooks: boolean }>(`/dev/payments/${PRIMARY}/behaviour`, {
      method: "PATCH",
      body: JSON.stringify({ duplicateWebhooks: true }),
    });
    expect(changed.body).toEqual({ ...NORMAL_BEHAVIOUR, duplicateWebhooks: true });
    const bad = await call(`/dev/payments/${PRIMARY}/behaviour`, {
      method: "PATCH",
      body: JSON.stringify({ explode: true }),
    });
    expect(bad.status).toBe(400);
  });

  it("shows ops each channel's breaker and the rejected deliveries; others are refused", async () => {
    const now = Date.now();
    await simulator(PRIMARY).behave({ unavailable: true });
    const router = paymentRouter(env, { now: () => now });
    for (let i = 0; i < BREAKER_POLICY.failureThreshold; i++) await router.create(paymentRequest());
    const sent = event();
    await deliver(JSON.stringify(sent), { header: null });

    const ops = await signIn(["shopper", "ops"]);
    const channels = await call<{ channels: { channel: string; state: string; retryAt: string | null }[] }>(
      "/ops/payments/channels",
      { headers: { cookie: `marque_session=${ops}` } },
    );
    expect(channels.status).toBe(200);
    expect(channels.body.channels.map((channel) => [channel.channel, channel.state])).toEqual([
      [PRIMARY, "open"],
      [BACKUP, "closed"],
    ]);
    expect(channels.body.channels[0]?.retryAt).toBe(new Date(now + BREAKER_POLICY.coolDownMs).toISOString());

    const rejected = await call<{ webhooks: { outcome: string; reason: string; orderId: string }[] }>(
      "/ops/payments/webhooks?outcome=rejected",
      { headers: { cookie: `marque_session=${ops}` } },
    );
    expect(rejected.body.webhooks.every((webhook) => webhook.outcome === "rejected")).toBe(true);
    expect(rejected.body.webhooks).toContainEqual(
      expect.objectContaining({ reason: "unsigned", orderId: sent.orderId }),
    );

    const shopper = await signIn(["shopper"]);
    expect((await call("/ops/payments/channels", { headers: { cookie: `marque_session=${shopper}` } })).status).toBe(
      403,
    );
    expect((await call("/ops/payments/webhooks")).status).toBe(401);
  });
});
