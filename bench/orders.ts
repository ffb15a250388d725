/**
 * Benchmark: deposit orders driven to confirmation through the simulators, in workerd (wrangler
 * dev on the built Worker, D1, the OrderSaga and PaymentSimulator Durable Objects), over HTTP the
 * way a shopper's browser drives them: POST /api/orders, pay at the simulated cashier (the
 * endpoint its page calls), then follow GET /api/orders/{id} until the saga is confirmed.
 * - Closed loop: C shoppers each place, pay and wait for confirmation, then the next order; for C
 *   = 1, 8 and 32 cars in stock, and C = 32 built to order.
 * - Per step, from the saga's own log timestamps: placed → vehicle held → awaiting payment, the
 *   click on 支付 → paid (the simulator's signed webhook through its alarm), → insured →
 *   registration booked → confirmed; plus POST /api/orders as the client sees it and end to end.
 * - Baselines in the same run: GET /api/health (one D1 read, a KV read, an R2 head) with the same
 *   number of clients on the same server, and a single D1 write (a user and session INSERT) from
 *   Node through getPlatformProxy.
 * State is rebuilt in .wrangler/bench-orders on every run; the Worker is the current dist/ build.
 *
 *   npm run bench -- orders             (BENCH_ORDERS=200 for more orders per run; default 100)
 */
import { existsSync, rmSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { platformProxy } from "../scripts/lib/platform.ts";
import { ensureDevVars, run } from "../scripts/lib/run.ts";
import { serveWorker } from "../scripts/lib/server.ts";
import { type Configuration, configurations, shoppers, stock, storeCatalogue } from "./orders/setup.ts";
import { percentiles } from "./search/support.ts";

const PERSIST = ".wrangler/bench-orders";
const ORDERS = Number(process.env.BENCH_ORDERS ?? 100);
const WARMUP = 4;
/** Runs measured, in order: clients in the closed loop, and how the car is fulfilled. */
const RUNS = [
  { clients: 1, fulfilment: "stock" },
  { clients: 8, fulfilment: "stock" },
  { clients: 32, fulfilment: "stock" },
  { clients: 32, fulfilment: "build" },
] as const;
/** Models whose configurations are ordered in turn (each with its own stock). */
const MODELS = 8;
/** How often a waiting shopper asks for the order; the figures come from the saga's timestamps, not from this. */
const POLL_MS = 50;
const HEALTH_REQUESTS = 200;
/** Pause between runs: the analytics queue batches for up to 2 s. */
const DRAIN_MS = 3_000;

const STEPS = [
  ["POST /api/orders (client)", "client"],
  ["cashier POST …/pay (client)", "cashier"],
  ["placed → vehicle_held", "placed", "vehicle_held"],
  ["vehicle_held → awaiting_payment", "vehicle_held", "awaiting_payment"],
  ["pay click → paid (webhook)", "pay", "paid"],
  ["paid → insured", "paid", "insured"],
  ["insured → registration_booked", "insured", "registration_booked"],
  ["registration_booked → confirmed", "registration_booked", "confirmed"],
  ["end to end: POST → confirmed", "start", "confirmed"],
] as const;

type State = "placed" | "vehicle_held" | "awaiting_payment" | "paid" | "insured" | "registration_booked" | "confirmed";
interface OrderAnswer {
  id: string;
  state: string;
  cancelReason: string | null;
  steps: { step: string; result: Record<string, string> }[];
  log: { at: string; kind: string; state: string | null; step: string | null; message: string }[];
}
interface Timed {
  /** Epoch ms (the Worker's clock and ours are the same machine's). */
  at: Partial<Record<State | "start" | "pay", number>>;
  clientMs: number;
  cashierMs: number;
  polls: number;
}

const load = () =>
  loadavg()
    .map((v) => v.toFixed(1))
    .join(", ");
const ms = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? "—" : v.toFixed(v < 10 ? 1 : 0));

if (!existsSync("dist/server/wrangler.json")) {
  throw new Error("no dist/ build: run `npm run build` first (this benchmark serves the built Worker)");
}
ensureDevVars();
rmSync(PERSIST, { recursive: true, force: true });
await run("wrangler", ["d1", "migrations", "apply", "DB", "--local", "--persist-to", PERSIST], { quiet: true });
const proxy = await platformProxy(PERSIST);
const db = proxy.env.DB;
await storeCatalogue(db);
const configs = configurations(MODELS);
if (configs.length === 0) throw new Error("no valid demo configuration to order");
const perConfig = Math.ceil((RUNS.filter((r) => r.fulfilment === "stock").length * (ORDERS + WARMUP)) / configs.length);
for (const [i, config] of configs.entries()) await stock(db, config, perConfig, `BENCH${i}X`);
console.log(
  `${configs.length} configurations ordered in turn (${configs.map((c) => c.model).join(", ")}), ${perConfig} cars in stock for each; ${ORDERS} orders per run after ${WARMUP} to warm up`,
);

let worker: Awaited<ReturnType<typeof serveWorker>> | undefined;
/** Where the Worker answers, once it is started below. */
let url = "";

let ipSequence = 0;
let configSequence = 0;
async function call<T>(path: string, token: string, method = "GET", body?: unknown, key?: string) {
  const ip = ++ipSequence;
  const headers: Record<string, string> = {
    cookie: `marque_session=${token}`,
    "cf-connecting-ip": `10.${(ip >> 16) & 255}.${(ip >> 8) & 255}.${ip & 255}`,
    accept: "application/json",
  };
  if (key) headers["idempotency-key"] = key;
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${url}/api${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

/** One shopper's order: place, pay at the cashier, follow it until the saga ends. */
async function order(token: string, config: Configuration, fulfilment: "stock" | "build"): Promise<Timed> {
  const { trimId: _t, paint: _p, standard: _s, ...body } = config;
  const start = Date.now();
  const posted = performance.now();
  const placed = await call<OrderAnswer>("/orders", token, "POST", { ...body, fulfilment }, crypto.randomUUID());
  const clientMs = performance.now() - posted;
  if (placed.status !== 201)
    throw new Error(`POST /api/orders answered ${placed.status}: ${JSON.stringify(placed.body)}`);
  const payment = placed.body.steps.find((s) => s.step === "payment")?.result ?? {};
  const pay = Date.now();
  const paying = performance.now();
  const paid = await fetch(
    `${url}/api/dev/payments/${encodeURIComponent(payment.channel ?? "")}/${encodeURIComponent(payment.paymentId ?? "")}/pay`,
    { method: "POST", headers: { accept: "application/json" } },
  );
  if (!paid.ok) throw new Error(`the cashier answered ${paid.status}: ${await paid.text()}`);
  await paid.arrayBuffer();
  const cashierMs = performance.now() - paying;
  let polls = 0;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    polls++;
    const { status, body: seen } = await call<OrderAnswer>(`/orders/${placed.body.id}`, token);
    if (status !== 200) throw new Error(`GET /api/orders/{id} answered ${status}`);
    if (seen.state === "cancelled") throw new Error(`order cancelled: ${seen.cancelReason}`);
    if (seen.state !== "confirmed") continue;
    const at: Timed["at"] = { start, pay };
    for (const entry of seen.log) {
      if (entry.kind === "state" && entry.state && !(entry.state in at))
        at[entry.state as State] = Date.parse(entry.at);
    }
    return { at, clientMs, cashierMs, polls };
  }
}

/** C shoppers in a closed loop over `tokens`; answers every order's timings, failures and the wall time. */
async function closedLoop(tokens: string[], clients: number, fulfilment: "stock" | "build") {
  const timed: Timed[] = [];
  const failures: string[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = next++; i < tokens.length; i = next++) {
        try {
          timed.push(
            await order(tokens[i] as string, configs[configSequence++ % configs.length] as Configuration, fulfilment),
          );
        } catch (error) {
          failures.push(String(error).slice(0, 200));
        }
      }
    }),
  );
  return { timed, failures, seconds: (performance.now() - started) / 1000 };
}

/** GET /api/health `count` times with `clients` at once: latencies (ms) and requests per second. */
async function health(clients: number, count: number) {
  const times: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next++ < count) {
        const t = performance.now();
        const response = await fetch(`${url}/api/health`);
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`/api/health answered ${response.status}`);
        times.push(performance.now() - t);
      }
    }),
  );
  return { times, perSecond: count / ((performance.now() - started) / 1000) };
}

const durations = (timed: Timed[], step: (typeof STEPS)[number]) =>
  timed
    .map((t) =>
      step[1] === "client"
        ? t.clientMs
        : step[1] === "cashier"
          ? t.cashierMs
          : (t.at[step[2] as State] ?? Number.NaN) - (t.at[step[1]] ?? Number.NaN),
    )
    .filter((v) => !Number.isNaN(v));

const d1Writes: number[] = [];
const results: {
  label: string;
  load: string;
  timed: Timed[];
  failures: string[];
  seconds: number;
  health: Awaited<ReturnType<typeof health>>;
}[] = [];
try {
  worker = await serveWorker(PERSIST, { quiet: true });
  url = worker.url;
  for (const [n, { clients, fulfilment }] of RUNS.entries()) {
    // Let the previous run's analytics batches reach D1 first: the proxy writes the same SQLite file.
    if (n > 0) await new Promise((resolve) => setTimeout(resolve, DRAIN_MS));
    const created = await shoppers(db, `bench-${n}`, ORDERS + WARMUP);
    d1Writes.push(...created.writeMs);
    await closedLoop(created.tokens.slice(0, WARMUP), Math.min(clients, WARMUP), fulfilment);
    await health(1, 20);
    const baseline = await health(clients, HEALTH_REQUESTS);
    const measured = await closedLoop(created.tokens.slice(WARMUP), clients, fulfilment);
    const label = `${clients} client${clients === 1 ? "" : "s"}, ${fulfilment}`;
    results.push({ label, load: load(), ...measured, health: baseline });
    console.log(
      `ran: ${label}: ${measured.timed.length} confirmed in ${measured.seconds.toFixed(1)} s${measured.failures.length ? `, ${measured.failures.length} failed (${measured.failures[0]})` : ""} (load ${load()})`,
    );
  }
} finally {
  worker?.stop();
  await proxy.dispose();
}

console.log(`\nload average ${load()} on ${availableParallelism()} cores (1, 5, 15 min)`);
console.log(
  `\nThroughput: ${ORDERS} orders per run, each placed, paid at the simulated cashier and followed (every ${POLL_MS} ms) until confirmed`,
);
console.table(
  results.map((r) => {
    const [p50, p95] = percentiles(durations(r.timed, STEPS[STEPS.length - 1] as (typeof STEPS)[number]), [50, 95]);
    const [h50, h95] = percentiles(r.health.times, [50, 95]);
    return {
      run: r.label,
      confirmed: `${r.timed.length}/${ORDERS}`,
      "orders/s": (r.timed.length / r.seconds).toFixed(2),
      "e2e p50 ms": ms(p50),
      "e2e p95 ms": ms(p95),
      "polls/order": (r.timed.reduce((s, t) => s + t.polls, 0) / Math.max(1, r.timed.length)).toFixed(1),
      "baseline: /api/health req/s": r.health.perSecond.toFixed(0),
      "health p50/p95 ms": `${ms(h50)} / ${ms(h95)}`,
      "load after": r.load,
    };
  }),
);
console.log("\nPer step, p50 / p95 ms (saga log timestamps; the client's for POST and the pay click)");
console.table(
  Object.fromEntries(
    STEPS.map((step) => [
      step[0],
      Object.fromEntries(
        results.map((r) => {
          const [p50, p95] = percentiles(durations(r.timed, step), [50, 95]);
          return [r.label, `${ms(p50)} / ${ms(p95)}`];
        }),
      ),
    ]),
  ),
);
const [w50, w95] = percentiles(d1Writes, [50, 95]);
console.log(
  `baseline: one D1 write (user + session INSERT batch) from Node through getPlatformProxy, server idle: p50 ${ms(w50)} ms, p95 ${ms(w95)} ms (${d1Writes.length} writes)`,
);
