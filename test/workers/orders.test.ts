import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { OrderState } from "../../domain/orders/order-state.ts";
import type { SagaStep } from "../../domain/orders/saga.ts";
import { NORMAL_BEHAVIOUR } from "../../domain/payment/simulator.ts";
import type { OrderSaga } from "../../durable-objects/order-saga.ts";
import { generateDemo } from "../../scripts/demo/generate.ts";
import { storeDemo } from "../../scripts/demo/store.ts";
import { database } from "../../worker/db/client.ts";
import { sessions } from "./sessions.ts";

const demo = generateDemo({ inventory: 0 });
const trim = demo.trims[0];
const model = demo.models.find((m) => m.id === trim?.modelId);
const dealer = demo.dealers.find((d) => d.brandId === model?.brandId);
const standard = demo.trimOptions
  .filter((x) => x.trimId === trim?.id && x.standard)
  .map((x) => demo.options.find((o) => o.id === x.optionId)?.code as string);
const trimCode = `trim:${trim?.id.split(":").at(-1)}`;
const paint = standard.find((code) => demo.options.find((o) => o.code === code)?.groupId.endsWith("paint")) ?? "";

type Problem = { type: string; status: number; priceFen?: number; orderId?: string; errors?: { path: string }[] };
type Order = {
  id: string;
  state: OrderState;
  vin: string | null;
  cashierUrl: string | null;
  depositFen: number;
  priceFen: number;
  steps: { step: SagaStep; status: string; attempts: number; result: Record<string, string> }[];
  log: { kind: string; message: string }[];
};

let sequence = 0;

/** Accounts with a session confirmed by a text code just now (step-up done); answers their cookies. */
const shoppers = async (count: number) => (await sessions(count)).map((session) => session.cookie);

/** Puts `count` cars with exactly the standard configuration in stock at the dealer. */
async function stock(count: number, prefix: string): Promise<string[]> {
  const vins = Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(17 - prefix.length, "0")}`);
  await env.DB.batch(
    vins.map((vin) =>
      env.DB.prepare(
        `INSERT INTO inventory_vehicles (vin, trim_id, dealer_id, color_code, option_codes, status, price_fen, available_on, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 'in_stock', ?6, '2026-11-01', '2026-11-01T00:00:00Z')`,
      ).bind(vin, trim?.id, dealer?.id, paint, JSON.stringify(standard), trim?.priceFen),
    ),
  );
  return vins;
}

const orderBody = (overrides: Record<string, unknown> = {}) => ({
  model: model?.slug,
  version: 1,
  options: [trimCode, ...standard],
  priceFen: trim?.priceFen,
  dealerId: dealer?.id,
  fulfilment: "stock",
  insurance: true,
  ...overrides,
});

async function call<T>(path: string, cookie: string, init: { method?: string; body?: unknown; key?: string } = {}) {
  const headers: Record<string, string> = {
    cookie: `marque_session=${cookie}`,
    "cf-connecting-ip": `198.51.100.${++sequence % 250}`,
  };
  if (init.key) headers["idempotency-key"] = init.key;
  if (init.body !== undefined) headers["content-type"] = "application/json";
  const response = await exports.default.fetch(
    new Request(`https://store.test/api${path}`, {
      method: init.method ?? "GET",
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    }),
  );
  return { status: response.status, body: (await response.json()) as T };
}

const place = (cookie: string, overrides: Record<string, unknown> = {}, key: string = crypto.randomUUID()) =>
  call<Order & Problem>("/orders", cookie, { method: "POST", body: orderBody(overrides), key });

const sagaOf = (id: string) => env.ORDER_SAGA.get(env.ORDER_SAGA.idFromName(id));
const simulator = (channel: string) => env.PAYMENT_SIMULATOR.get(env.PAYMENT_SIMULATOR.idFromName(channel));

async function rows<T>(sql: string, ...params: unknown[]): Promise<T[]> {
  return (
    await env.DB.prepare(sql)
      .bind(...params)
      .all<T>()
  ).results;
}

/** The shopper pays at the cashier and the simulator delivers its webhooks (skipping its delays). */
async function pay(order: Order): Promise<void> {
  const payment = order.steps.find((step) => step.step === "payment")?.result;
  const cashier = simulator(payment?.channel ?? "");
  await cashier.pay(payment?.paymentId ?? "");
  await cashier.deliverDue(Date.now() + 3_600_000);
}

/** Runs the saga's alarms (retries, deadlines) until it reaches a terminal state; pays when asked if `payWhenAsked`. */
async function settle(id: string, payWhenAsked: boolean): Promise<Order> {
  for (let round = 0; round < 40; round++) {
    const order = (await sagaOf(id).get()) as unknown as Order & { request: unknown };
    if (order.state === "confirmed" || order.state === "cancelled") {
      const pending = await runInDurableObject(sagaOf(id), (_: OrderSaga, state) => state.storage.getAlarm());
      if (pending === null) return order;
    }
    if (order.state === "awaiting_payment" && payWhenAsked) {
      await pay({ ...order, steps: order.steps } as Order);
      continue;
    }
    if (order.state === "awaiting_payment") await expirePayment(id);
    await runDurableObjectAlarm(sagaOf(id));
  }
  throw new Error(`order ${id} did not settle`);
}

/** Moves the order's payment deadline into the past (15 minutes pass). */
async function expirePayment(id: string): Promise<void> {
  await runInDurableObject(sagaOf(id), (_: OrderSaga, state) => {
    state.storage.sql.exec("UPDATE saga SET payment_deadline = ? WHERE id = 1", Date.now() - 1);
  });
}

/**
 * What must hold whatever happened: money captured ⇒ the order is confirmed or refunded; a held
 * vehicle ⇒ a live order holds it; nothing charged twice; the saga is over.
 */
async function checkInvariants(id: string): Promise<Order> {
  const order = (await sagaOf(id).get()) as unknown as Order;
  expect(["confirmed", "cancelled"]).toContain(order.state);
  const payment = order.steps.find((step) => step.step === "payment")?.result;
  if (payment?.channel) {
    const charged = await simulator(payment.channel).show(payment.paymentId ?? "");
    if (charged?.status === "succeeded") expect(order.state).toBe("confirmed");
    if (order.state === "cancelled" && charged && charged.status !== "failed" && charged.status !== "pending") {
      expect(charged.refundedFen).toBe(charged.amountFen);
    }
    for (const channel of ["alipay-sim", "unionpay-sim"]) {
      const elsewhere = channel === payment.channel ? null : await simulator(channel).show(payment.paymentId ?? "");
      expect(elsewhere?.status ?? "none", "charged on two channels").not.toBe("succeeded");
    }
  }
  const holds = await rows<{ vin: string; status: string }>(
    "SELECT h.vin, o.status FROM vehicle_holds h JOIN orders o ON o.id = h.order_id",
  );
  for (const hold of holds) expect(["confirmed", "cancelled"]).not.toContain(hold.status);
  const orphans = await rows<{ vin: string }>(
    "SELECT vin FROM inventory_vehicles WHERE status = 'reserved' AND vin NOT IN (SELECT vin FROM vehicle_holds)",
  );
  expect(orphans).toEqual([]);
  const [row] = await rows<{ status: string }>("SELECT status FROM orders WHERE id = ?1", id);
  expect(row?.status).toBe(order.state);
  return order;
}

beforeAll(async () => {
  await storeDemo(database(env.DB), demo);
});

describe("placing an order", () => {
  it("holds a matching car, takes the deposit, insures, books registration and confirms", async () => {
    const [vin] = await stock(1, "HAPPY");
    const [shopper = ""] = await shoppers(1);
    const placed = await place(shopper);
    expect(placed.status).toBe(201);
    expect(placed.body.state).toBe("awaiting_payment");
    expect(placed.body.vin).toBe(vin);
    expect(placed.body.cashierUrl).toMatch(/\/pay\/sim\//);
    const [reserved] = await rows<{ status: string }>("SELECT status FROM inventory_vehicles WHERE vin = ?1", vin);
    expect(reserved?.status).toBe("reserved");

    await pay(placed.body);
    await settle(placed.body.id, false);
    const order = await call<Order>(`/orders/${placed.body.id}`, shopper);
    expect(order.body.state).toBe("confirmed");
    expect(order.body.steps.map((step) => [step.step, step.status])).toEqual([
      ["hold", "done"],
      ["payment", "done"],
      ["insurance", "done"],
      ["registration", "done"],
    ]);
    expect(order.body.steps.find((step) => step.step === "insurance")?.result.policyId).toMatch(/^PDAA/);
    const [sold] = await rows<{ status: string }>("SELECT status FROM inventory_vehicles WHERE vin = ?1", vin);
    expect(sold?.status).toBe("sold");
    await checkInvariants(placed.body.id);
    const mine = await call<{ orders: { id: string; status: string }[] }>("/orders", shopper);
    expect(mine.body.orders).toEqual([expect.objectContaining({ id: placed.body.id, status: "confirmed" })]);
  });

  it("claims a build slot for a build-to-order car and skips insurance when not chosen", async () => {
    const [shopper = ""] = await shoppers(1);
    const placed = await place(shopper, { fulfilment: "build", insurance: false });
    expect(placed.status).toBe(201);
    expect(placed.body.depositFen).toBe(200_000);
    expect(placed.body.steps.map((step) => step.step)).toEqual(["hold", "payment", "registration"]);
    await pay(placed.body);
    await settle(placed.body.id, false);
    const order = await checkInvariants(placed.body.id);
    expect(order.state).toBe("confirmed");
    const claims = await rows<{ week: string }>(
      "SELECT week FROM build_slot_claims WHERE order_id = ?1",
      placed.body.id,
    );
    expect(claims).toHaveLength(1);
  });

  it("answers a tampered price with 409 and the server's price, and writes nothing", async () => {
    const [shopper = ""] = await shoppers(1);
    const before = await rows<{ n: number }>("SELECT count(*) AS n FROM orders");
    const refused = await place(shopper, { priceFen: 1 });
    expect(refused.status).toBe(409);
    expect(refused.body.type).toMatch(/price-mismatch$/);
    expect(refused.body.priceFen).toBe(trim?.priceFen);
    expect(await rows("SELECT count(*) AS n FROM orders")).toEqual(before);
  });

  it("answers a configuration that breaks the rules with 422", async () => {
    const [shopper = ""] = await shoppers(1);
    const refused = await place(shopper, { options: [trimCode] });
    expect(refused.status).toBe(422);
    expect(refused.body.errors?.[0]?.path).toBe("json.options");
  });

  it("needs a signed-in, recently confirmed session and an Idempotency-Key", async () => {
    const [shopper = ""] = await shoppers(1);
    expect(
      (await call<Problem>("/orders", "nobody", { method: "POST", body: orderBody(), key: "k-12345678" })).status,
    ).toBe(401);
    expect((await call<Problem>("/orders", shopper, { method: "POST", body: orderBody() })).status).toBe(400);
    await env.DB.prepare("UPDATE sessions SET stepped_up_at = '2020-01-01T00:00:00Z'").run();
    const stale = await place(shopper);
    expect(stale.status).toBe(403);
    expect(stale.body.type).toMatch(/step-up-required$/);
  });

  it("hides other shoppers' orders (404) and tells a sold-out shopper clearly", async () => {
    await stock(1, "ONLYONE");
    const [first = "", second = ""] = await shoppers(2);
    const placed = await place(first);
    expect(placed.status).toBe(201);
    expect((await call<Problem>(`/orders/${placed.body.id}`, second)).status).toBe(404);
    expect((await call<Problem>(`/orders/${placed.body.id}/cancel`, second, { method: "POST" })).status).toBe(404);
    const late = await place(second);
    expect(late.status).toBe(409);
    expect(late.body.type).toMatch(/vehicle-unavailable$/);
    await call(`/orders/${placed.body.id}/cancel`, first, { method: "POST" });
    await checkInvariants(placed.body.id);
  });
});

describe("idempotency", () => {
  it("returns the same order for a repeated key, and refuses the key with another request", async () => {
    await stock(1, "IDEM");
    const [shopper = ""] = await shoppers(1);
    const key = crypto.randomUUID();
    const first = await place(shopper, {}, key);
    const again = await place(shopper, {}, key);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const other = await place(shopper, { insurance: false }, key);
    expect(other.status).toBe(422);
    expect(other.body.type).toMatch(/idempotency-key-reused$/);
    await call(`/orders/${first.body.id}/cancel`, shopper, { method: "POST" });
  });

  it("rejects a duplicate concurrent start with the same key", async () => {
    await stock(2, "TWIN");
    const [shopper = ""] = await shoppers(1);
    const key = crypto.randomUUID();
    const answers = await Promise.all([place(shopper, {}, key), place(shopper, {}, key)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
    expect(answers.find((answer) => answer.status === 409)?.body.type).toMatch(/order-in-progress$/);
    const held = await rows(
      "SELECT h.vin FROM vehicle_holds h JOIN orders o ON o.id = h.order_id WHERE o.idempotency_key = ?1",
      key,
    );
    expect(held).toHaveLength(1);
    expect(await rows("SELECT id FROM orders WHERE idempotency_key = ?1", key)).toHaveLength(1);
    const placed = answers.find((answer) => answer.status === 201)?.body;
    await call(`/orders/${placed?.id}/cancel`, shopper, { method: "POST" });
  });
});

describe("concurrency", () => {
  it("1,000 concurrent checkouts for 10 matching cars: exactly 10 holds, everyone else told clearly", async () => {
    await env.DB.prepare("UPDATE inventory_vehicles SET status = 'sold' WHERE status = 'in_stock'").run();
    const vins = await stock(10, "RUSH");
    const cookies = await shoppers(1_000);
    const answers = await Promise.all(cookies.map((cookie) => place(cookie)));
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(10);
    const refused = answers.filter((answer) => answer.status !== 201);
    expect(refused).toHaveLength(990);
    for (const answer of refused) expect(answer.body.type).toMatch(/vehicle-unavailable$/);
    const holds = await rows<{ vin: string }>("SELECT vin FROM vehicle_holds WHERE vin LIKE 'RUSH%' ORDER BY vin");
    expect(holds.map((hold) => hold.vin)).toEqual(vins);
    const heldBy = new Set(answers.filter((answer) => answer.status === 201).map((answer) => answer.body.vin));
    expect(heldBy.size).toBe(10);
  }, 600_000);
});

describe("risk control", () => {
  it("blocks the checkout of a shopper whose payments keep failing, and records it for ops", async () => {
    const [shopper = ""] = await shoppers(1);
    for (let i = 0; i < 5; i++) {
      const placed = await place(shopper, { fulfilment: "build", insurance: false });
      expect(placed.status).toBe(201);
      const payment = placed.body.steps.find((step) => step.step === "payment")?.result;
      const cashier = simulator(payment?.channel ?? "");
      await cashier.fail(payment?.paymentId ?? "");
      await cashier.deliverDue(Date.now() + 3_600_000);
    }
    const blocked = await place(shopper, { fulfilment: "build" });
    expect(blocked.status).toBe(429);
    expect((blocked.body as unknown as { rule: string }).rule).toMatch(/payment/);
    const events = await rows<{ outcome: string }>(
      "SELECT outcome FROM risk_events WHERE action = 'checkout' AND outcome = 'block' ORDER BY at DESC LIMIT 1",
    );
    expect(events).toEqual([{ outcome: "block" }]);
  });
});

describe("payment timing", () => {
  it("cancels an unpaid order after 15 minutes and puts the car back in stock", async () => {
    const [vin] = await stock(1, "SLOW");
    const [shopper = ""] = await shoppers(1);
    const placed = await place(shopper, { insurance: false });
    const deadline = Date.parse(String((placed.body as unknown as { paymentDeadline: string }).paymentDeadline));
    expect(deadline - Date.now()).toBeGreaterThan(14 * 60_000);
    await expirePayment(placed.body.id);
    await runDurableObjectAlarm(sagaOf(placed.body.id));
    const order = await checkInvariants(placed.body.id);
    expect(order.state).toBe("cancelled");
    const [back] = await rows<{ status: string }>("SELECT status FROM inventory_vehicles WHERE vin = ?1", vin);
    expect(back?.status).toBe("in_stock");
  });

  it("refunds a deposit paid after the order was cancelled", async () => {
    await stock(1, "LATE");
    const [shopper = ""] = await shoppers(1);
    const placed = await place(shopper, { insurance: false });
    await expirePayment(placed.body.id);
    await runDurableObjectAlarm(sagaOf(placed.body.id));
    await pay(placed.body);
    const order = await settle(placed.body.id, false);
    expect(order.state).toBe("cancelled");
    const payment = placed.body.steps.find((step) => step.step === "payment")?.result;
    const charged = await simulator(payment?.channel ?? "").show(payment?.paymentId ?? "");
    expect(charged?.refundedFen).toBe(charged?.amountFen);
    await checkInvariants(placed.body.id);
  });

  it("finds a payment whose webhook never came by asking the channel at the deadline", async () => {
    await stock(1, "LOST");
    const [shopper = ""] = await shoppers(1);
    const placed = await place(shopper, { insurance: false });
    const payment = placed.body.steps.find((step) => step.step === "payment")?.result;
    const cashier = simulator(payment?.channel ?? "");
    await cashier.behave({ webhookDelayMs: 3_600_000 }); // the webhook is lost for an hour
    await cashier.pay(payment?.paymentId ?? "");
    await cashier.behave(NORMAL_BEHAVIOUR);
    await expirePayment(placed.body.id);
    await runDurableObjectAlarm(sagaOf(placed.body.id));
    const order = await settle(placed.body.id, false);
    expect(order.state).toBe("confirmed");
    expect(order.log.some((entry) => /found by asking the channel/.test(entry.message))).toBe(true);
    await checkInvariants(placed.body.id);
  }, 30_000);
});

describe("cancellation", () => {
  it("undoes everything in reverse after payment: appointment, policy, refund, vehicle", async () => {
    const [vin] = await stock(1, "UNDO");
    const [shopper = ""] = await shoppers(1);
    // Stop before confirmation: the registration office is busy, so the order waits at "insured".
    const placed = await place(shopper);
    await env.DB.prepare(
      "INSERT INTO partner_simulator_records (partner, key, reference, status, body, updated_at) VALUES ('script:registry-sim', ?1, '-', 'unavailable', '{\"times\":1}', '')",
    )
      .bind(placed.body.id)
      .run();
    await pay(placed.body);
    await runDurableObjectAlarm(sagaOf(placed.body.id));
    expect((await sagaOf(placed.body.id).get())?.state).toBe("insured");
    const cancelled = await call<Order>(`/orders/${placed.body.id}/cancel`, shopper, { method: "POST" });
    expect(cancelled.status).toBe(200);
    const order = await settle(placed.body.id, false);
    expect(order.state).toBe("cancelled");
    expect(order.steps.map((step) => [step.step, step.status])).toEqual([
      ["hold", "compensated"],
      ["payment", "compensated"],
      ["insurance", "compensated"],
      ["registration", "pending"],
    ]);
    const undone = order.log.filter((entry) => entry.kind === "step" && /undone/.test(entry.message));
    expect(undone.map((entry) => entry.message.split(" / ")[1])).toEqual([
      "insurance undone",
      "payment undone",
      "hold undone",
    ]);
    const [back] = await rows<{ status: string }>("SELECT status FROM inventory_vehicles WHERE vin = ?1", vin);
    expect(back?.status).toBe("in_stock");
    await checkInvariants(placed.body.id);
    const again = await call<Problem>(`/orders/${placed.body.id}/cancel`, shopper, { method: "POST" });
    expect(again.status).toBe(200);
  });

  it("refuses to cancel a confirmed order", async () => {
    await stock(1, "DONE");
    const [shopper = ""] = await shoppers(1);
    const placed = await place(shopper, { insurance: false });
    await pay(placed.body);
    await settle(placed.body.id, false);
    const refused = await call<Problem>(`/orders/${placed.body.id}/cancel`, shopper, { method: "POST" });
    expect(refused.status).toBe(409);
    expect(refused.body.type).toMatch(/order-not-cancellable$/);
  });
});

describe("failures at every step", () => {
  const steps: SagaStep[] = ["hold", "payment", "insurance", "registration"];

  for (const step of steps) {
    for (const when of ["before", "after"] as const) {
      it(`a crash ${when} the ${step} step's side effect: retried, nothing done twice, confirmed`, async () => {
        await stock(1, `C${step.slice(0, 3).toUpperCase()}${when === "before" ? "B" : "A"}`);
        const [shopper = ""] = await shoppers(1);
        const placed = await place(shopper, { faults: [{ step, when, times: 1 }] });
        expect([201, 202]).toContain(placed.status);
        const order = await settle(placed.body.id, true);
        expect(order.state).toBe("confirmed");
        const faults = await runInDurableObject(sagaOf(placed.body.id), (_: OrderSaga, state) =>
          state.storage.sql.exec<{ faults: string }>("SELECT faults FROM saga").one(),
        );
        expect(JSON.parse(faults.faults), "the crash happened").toEqual([{ step, when, times: 0 }]);
        await checkInvariants(placed.body.id);
        const holds = await rows("SELECT * FROM vehicle_holds WHERE order_id = ?1", placed.body.id);
        expect(holds).toHaveLength(0);
        const records = await rows<{ key: string }>(
          "SELECT key FROM partner_simulator_records WHERE key LIKE ?1 AND partner NOT LIKE 'script:%'",
          `${placed.body.id}%`,
        );
        expect(new Set(records.map((record) => record.key)).size).toBe(records.length);
      });
    }
  }

  for (const step of ["insurance", "registration"] as const) {
    const partner = step === "insurance" ? "insurer-sim" : "registry-sim";
    const script = (orderId: string, status: string, times: number) =>
      env.DB.prepare(
        "INSERT INTO partner_simulator_records (partner, key, reference, status, body, updated_at) VALUES (?1, ?2, '-', ?3, ?4, '')",
      )
        .bind(`script:${partner}`, orderId, status, JSON.stringify({ times }))
        .run();

    it(`the ${step} partner is busy twice: retried with backoff, then confirmed`, async () => {
      await stock(1, `BUSY${step.slice(0, 3).toUpperCase()}`);
      const [shopper = ""] = await shoppers(1);
      const placed = await place(shopper);
      await script(placed.body.id, "unavailable", 2);
      await pay(placed.body);
      const order = await settle(placed.body.id, true);
      expect(order.state).toBe("confirmed");
      await checkInvariants(placed.body.id);
    });

    it(`the ${step} partner refuses: everything done is undone and the deposit refunded`, async () => {
      await stock(1, `NO${step.slice(0, 3).toUpperCase()}`);
      const [shopper = ""] = await shoppers(1);
      const placed = await place(shopper);
      await script(placed.body.id, "reject", 1);
      await pay(placed.body);
      const order = await settle(placed.body.id, true);
      expect(order.state).toBe("cancelled");
      expect(order.steps.find((entry) => entry.step === "payment")?.status).toBe("compensated");
      await checkInvariants(placed.body.id);
    });
  }

  it("both payment channels are down: the deposit is retried, then the order is cancelled and the car released", async () => {
    const [vin] = await stock(1, "NOPAY");
    const [shopper = ""] = await shoppers(1);
    const channels = ["alipay-sim", "unionpay-sim"].map(simulator);
    for (const channel of channels) await channel.behave({ unavailable: true });
    try {
      const placed = await place(shopper, { insurance: false });
      expect([201, 202]).toContain(placed.status);
      const order = await settle(placed.body.id, true);
      expect(order.state).toBe("cancelled");
      expect(order.steps.find((step) => step.step === "payment")?.status).toBe("pending");
      expect(order.steps.find((step) => step.step === "hold")?.status).toBe("compensated");
      await checkInvariants(placed.body.id);
    } finally {
      for (const channel of channels) await channel.behave(NORMAL_BEHAVIOUR);
      await env.DB.prepare("DELETE FROM payment_channels").run();
    }
    const [back] = await rows<{ status: string }>("SELECT status FROM inventory_vehicles WHERE vin = ?1", vin);
    expect(back?.status).toBe("in_stock");
  }, 30_000);

  it("duplicate and out-of-order webhooks (a failure after the success) reach the saga once", async () => {
    await stock(1, "DUPE");
    const [shopper = ""] = await shoppers(1);
    const placed = await place(shopper, { insurance: false });
    const payment = placed.body.steps.find((step) => step.step === "payment")?.result;
    const cashier = simulator(payment?.channel ?? "");
    await cashier.behave({ duplicateWebhooks: true, outOfOrder: true });
    try {
      await cashier.pay(payment?.paymentId ?? "");
      await cashier.deliverDue(Date.now() + 3_600_000);
      await cashier.deliverDue(Date.now() + 7_200_000);
    } finally {
      await cashier.behave(NORMAL_BEHAVIOUR);
    }
    const order = await settle(placed.body.id, false);
    expect(order.state).toBe("confirmed");
    expect(order.log.filter((entry) => entry.kind === "payment")).toHaveLength(1);
    await checkInvariants(placed.body.id);
  });

  it("a partner that never answers times out and is retried (time-bounded, no hang)", async () => {
    await stock(1, "HANG");
    const [shopper = ""] = await shoppers(1);
    const placed = await place(shopper);
    await env.DB.prepare(
      "INSERT INTO partner_simulator_records (partner, key, reference, status, body, updated_at) VALUES ('script:insurer-sim', ?1, '-', 'hang', '{\"times\":1}', '')",
    )
      .bind(placed.body.id)
      .run();
    await pay(placed.body);
    const order = await settle(placed.body.id, true);
    expect(order.state).toBe("confirmed");
    expect(order.log.some((entry) => /did not answer in time/.test(entry.message))).toBe(true);
  }, 30_000);
});
