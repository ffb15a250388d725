import { createRoute, OpenAPIHono, type z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { hasAnyRole } from "../../domain/auth/roles.ts";
import type { ProductModel } from "../../domain/configurator/product-model.ts";
import { validateConfiguration } from "../../domain/configurator/validate.ts";
import { CITIES } from "../../domain/geo/cities.ts";
import { distanceKm } from "../../domain/geo/distance.ts";
import { DEPOSIT_FEN, PAYMENT_TIMEOUT_MS } from "../../domain/orders/saga.ts";
import { shanghaiDate } from "../../domain/time.ts";
import type { OrderView } from "../../durable-objects/order-saga.ts";
import { type AuthEnv, requireRole, requireSession, requireStepUp } from "../auth.ts";
import { claimVehicle, matchingVehicles, releaseVehicle } from "../db/orders.ts";
import { json, problemResponse } from "../openapi.ts";
import { problem } from "../problem.ts";
import { riskGate } from "../risk.ts";
import {
  CheckoutQuerySchema,
  CheckoutSchema,
  IdempotencyHeadersSchema,
  OpsOrdersQuerySchema,
  OrderListSchema,
  OrderParamsSchema,
  OrderSchema,
  PlaceOrderSchema,
} from "../schemas/orders.ts";
import { validationHook } from "../validation.ts";

/** A deposit is confirmed with a text code at most this long before checkout. */
const STEP_UP_MINUTES = 10;
/** A saga that has not moved for this long while not finished is listed as stuck for ops. */
const STUCK_MS = 30 * 60 * 1000;
const STAFF = ["ops", "admin"] as const;

const signedIn = {
  401: problemResponse("Not signed in"),
};

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** A new order id: `ord_` and 20 random characters. */
function newOrderId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(20));
  return `ord_${Array.from(bytes, (byte) => ALPHABET[byte % ALPHABET.length]).join("")}`;
}

const saga = (env: Env, orderId: string) => env.ORDER_SAGA.get(env.ORDER_SAGA.idFromName(orderId));

/** The order as the API shows it. */
export function orderBody(view: OrderView): z.infer<typeof OrderSchema> {
  const { request } = view;
  const step = (name: string) => view.steps.find((candidate) => candidate.step === name);
  return {
    id: view.id,
    state: view.state,
    model: request.modelSlug,
    version: request.version,
    trimId: request.trimId,
    options: request.options,
    priceFen: request.priceFen,
    depositFen: request.depositFen,
    dealerId: request.dealerId,
    fulfilment: request.fulfilment,
    insurance: request.insurance,
    registrationCity: request.registrationCityCode,
    vin: step("hold")?.result.vin ?? null,
    cashierUrl: view.state === "awaiting_payment" ? (step("payment")?.result.cashierUrl ?? null) : null,
    paymentDeadline: view.paymentDeadline,
    cancelReason: view.cancelReason,
    steps: view.steps,
    log: view.log,
  };
}

/**
 * The order `id` if the signed-in account may see it (its owner, or ops/admin); otherwise
 * undefined, answered as 404 so ids of other people's orders reveal nothing.
 */
async function visibleOrder(c: Context<AuthEnv>, id: string): Promise<{ id: string; userId: string } | undefined> {
  const row = await c.env.DB.prepare("SELECT id, user_id AS userId FROM orders WHERE id = ?1")
    .bind(id)
    .first<{ id: string; userId: string }>();
  const { user } = c.var.signedIn;
  if (!row || (row.userId !== user.id && !hasAnyRole(user.roles, STAFF))) return undefined;
  return row;
}

const notFound = (c: Context) => problem(c, "not-found", "没有这个订单 / No such order");

/** Deposit checkout as a saga (durable-objects/order-saga.ts), the shopper's orders, and the ops list. */
export const orders = new OpenAPIHono<AuthEnv>({ defaultHook: (result, c) => validationHook(result, c as never) })
  .openapi(
    createRoute({
      method: "get",
      path: "/checkout",
      tags: ["Orders"],
      summary: "What a checkout page needs for a configuration",
      description:
        "The server's price for the configuration, the deposits, and the brand's dealers with how many cars of exactly this configuration each has in stock, nearest to `city` first.",
      request: { query: CheckoutQuerySchema },
      responses: {
        200: json(CheckoutSchema, "The checkout"),
        400: problemResponse("Malformed request"),
        404: problemResponse("No such model version"),
        422: problemResponse("The configuration breaks the model's rules"),
      },
    }),
    async (c) => {
      const query = c.req.valid("query");
      const options = query.options.split(",").filter(Boolean);
      const trimCode = options.find((code) => code.startsWith("trim:")) ?? "";
      const found = await c.env.DB.prepare(
        `SELECT p.body, m.id AS modelId, m.brand_id AS brandId, m.slug, m.name, m.name_en AS nameEn,
                t.id AS trimId, t.name AS trimName, t.name_en AS trimNameEn
         FROM product_models p JOIN models m ON m.id = p.model_id LEFT JOIN trims t ON t.model_id = m.id AND t.id LIKE ?3
         WHERE m.slug = ?1 AND p.version = ?2`,
      )
        .bind(query.model, query.version, `%:${trimCode.slice("trim:".length)}`)
        .first<{
          body: string;
          brandId: string;
          slug: string;
          name: string;
          nameEn: string;
          trimId: string | null;
          trimName: string;
          trimNameEn: string;
        }>();
      if (!found) return problem(c, "not-found", "没有这个车型版本 / No such model version") as never;
      const date = shanghaiDate();
      const checked = validateConfiguration(JSON.parse(found.body) as ProductModel, options, { date });
      if (!checked.ok || !found.trimId) {
        const problems = checked.ok
          ? ["请选择版本 / Choose a trim"]
          : checked.type === "invalid-configuration"
            ? checked.problems
            : [];
        return problem(c, "invalid-configuration", "配置不符合车型规则 / The configuration breaks the model's rules", {
          errors: problems.map((message) => ({ path: "query.options", message })),
        }) as never;
      }
      const wanted = options.filter((code) => code !== trimCode);
      const [{ results: dealerRows }, stock] = await Promise.all([
        c.env.DB.prepare(
          `SELECT d.id, d.name, d.name_en AS nameEn, d.city_code AS cityCode, ci.name AS cityName, d.lat, d.lon
           FROM dealers d JOIN cities ci ON ci.code = d.city_code WHERE d.brand_id = ?1`,
        )
          .bind(found.brandId)
          .all<{
            id: string;
            name: string;
            nameEn: string;
            cityCode: string;
            cityName: string;
            lat: number;
            lon: number;
          }>(),
        matchingVehicles(c.env.DB, found.trimId, wanted, ""),
      ]);
      const from = query.city ? CITIES.find((city) => city.code === query.city) : undefined;
      const inStock = new Map<string, number>();
      for (const vehicle of stock) inStock.set(vehicle.dealerId, (inStock.get(vehicle.dealerId) ?? 0) + 1);
      const dealersOut = dealerRows
        .map(({ lat, lon, ...dealer }) => ({
          ...dealer,
          inStock: inStock.get(dealer.id) ?? 0,
          distanceKm: from ? Math.round(distanceKm(from, { lat, lon })) : null,
        }))
        .sort((a, b) => (a.distanceKm ?? 0) - (b.distanceKm ?? 0) || b.inStock - a.inStock || a.id.localeCompare(b.id));
      return c.json(
        {
          model: { slug: found.slug, name: found.name, nameEn: found.nameEn },
          trim: { id: found.trimId, name: found.trimName, nameEn: found.trimNameEn },
          options,
          priceFen: checked.breakdown.totalFen,
          lines: checked.breakdown.lines.map(({ option, name, listPriceFen, priceFen }) => ({
            option,
            name,
            listPriceFen,
            priceFen,
          })),
          date,
          deposits: DEPOSIT_FEN,
          dealers: dealersOut,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/orders",
      tags: ["Orders"],
      summary: "Place a deposit order for a configuration",
      description:
        "The server checks the configuration and price itself, then starts the order's saga: it holds a matching car in stock (or claims a build slot) and creates the deposit payment. The answer carries `cashierUrl`; the saga goes on when the payment's webhook arrives. Needs a text-code confirmation within 10 minutes (step-up) and an `Idempotency-Key`: the same key returns the same order; a second request with the key while the first is still running gets 409.",
      middleware: [requireSession(), requireStepUp(STEP_UP_MINUTES), riskGate("checkout")] as const,
      request: {
        headers: IdempotencyHeadersSchema,
        body: { content: { "application/json": { schema: PlaceOrderSchema } }, required: true },
      },
      responses: {
        201: json(OrderSchema, "Placed: the vehicle is held and the deposit awaits payment"),
        200: json(OrderSchema, "The order this Idempotency-Key already placed"),
        202: json(OrderSchema, "Placed; the saga is still working and continues in the background"),
        400: problemResponse("Malformed request"),
        ...signedIn,
        403: problemResponse("Step-up required, or risk control asks for it (`risk-challenge`)"),
        404: problemResponse("No such model version"),
        409: problemResponse(
          "The price differs from the server's (`priceFen` carries it), no matching car is left, or the same request is still running",
        ),
        422: problemResponse("The configuration breaks the model's rules, or the key was used for another request"),
        429: problemResponse("Blocked by risk control (`Retry-After`)"),
      },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const key = c.req.valid("header")["idempotency-key"];
      const { user } = c.var.signedIn;
      const trimCode = input.options.find((code) => code.startsWith("trim:")) ?? "";
      const found = await c.env.DB.prepare(
        `SELECT p.body, t.id AS trimId, d.id AS dealerId, d.city_code AS cityCode, c.province
         FROM product_models p JOIN models m ON m.id = p.model_id
         LEFT JOIN trims t ON t.model_id = m.id AND t.id LIKE ?3
         LEFT JOIN dealers d ON d.id = ?4 AND d.brand_id = m.brand_id LEFT JOIN cities c ON c.code = d.city_code
         WHERE m.slug = ?1 AND p.version = ?2`,
      )
        .bind(input.model, input.version, `%:${trimCode.slice("trim:".length)}`, input.dealerId)
        .first<{ body: string; trimId: string | null; dealerId: string | null; cityCode: string; province: string }>();
      if (!found) return problem(c, "not-found", "没有这个车型版本 / No such model version") as never;
      if (!found.dealerId) {
        const message = "该经销商不销售此车型 / This dealer does not sell this model";
        return problem(c, "validation", message, { errors: [{ path: "json.dealerId", message }] }) as never;
      }
      const date = shanghaiDate();
      const body = JSON.parse(found.body) as ProductModel;
      const checked = validateConfiguration(body, input.options, { date, province: found.province }, input.priceFen);
      if (!checked.ok && checked.type === "price-mismatch") {
        return problem(c, "price-mismatch", "请以服务器价格为准 / Please confirm the server's price", {
          extensions: { priceFen: checked.breakdown.totalFen, lines: checked.breakdown.lines, date },
        }) as never;
      }
      if (!checked.ok || !found.trimId) {
        const problems = checked.ok ? ["请选择版本 / Choose a trim"] : checked.problems;
        return problem(c, "invalid-configuration", "配置不符合车型规则 / The configuration breaks the model's rules", {
          errors: problems.map((message) => ({ path: "json.options", message })),
        }) as never;
      }
      const trimId = found.trimId;
      const dealerId = found.dealerId;
      const { faults, ...placed } = input;
      const fingerprint = JSON.stringify({ ...placed, options: [...input.options].sort() });
      const orderId = newOrderId();
      const depositFen = DEPOSIT_FEN[input.fulfilment];
      const options = input.options.filter((code) => code !== trimCode);
      // Hold a car before anything else: in a rush, the shoppers who get none are told at once,
      // with nothing written and no saga started. The saga's hold step finds this hold (it is
      // keyed by the order) and owns it from there.
      if (input.fulfilment === "stock" && !(await holdFirst(c.env.DB, orderId, trimId, options, dealerId))) {
        return problem(c, "vehicle-unavailable", "可改为定制生产 / You can order it built instead") as never;
      }
      const release = () => releaseVehicle(c.env.DB, orderId, new Date().toISOString());
      const inserted = await c.env.DB.prepare(
        `INSERT INTO orders (id, user_id, trim_id, dealer_id, status, configuration, price_fen, deposit_fen, idempotency_key, seq, updated_at)
         VALUES (?1, ?2, ?3, ?4, 'placed', ?5, ?6, ?7, ?8, 0, ?9) ON CONFLICT (user_id, idempotency_key) DO NOTHING RETURNING id`,
      )
        .bind(
          orderId,
          user.id,
          trimId,
          dealerId,
          fingerprint,
          checked.breakdown.totalFen,
          depositFen,
          key,
          new Date().toISOString(),
        )
        .first<{ id: string }>()
        .catch(async (error: unknown) => {
          await release();
          throw error;
        });
      if (!inserted) {
        await release();
        return (await replay(c, user.id, key, fingerprint)) as never;
      }
      const request = {
        orderId,
        userId: user.id,
        modelSlug: input.model,
        version: input.version,
        trimId,
        options,
        priceFen: checked.breakdown.totalFen,
        depositFen,
        dealerId,
        fulfilment: input.fulfilment,
        insurance: input.insurance,
        registrationCityCode: input.registrationCity ?? found.cityCode,
        origin: new URL(c.req.url).origin,
        faults,
      };
      let started: Awaited<ReturnType<ReturnType<typeof saga>["start"]>>;
      try {
        started = await saga(c.env, orderId).start(request);
      } catch {
        // The saga crashed mid-step; its alarm retries. Tell the shopper where to follow it.
        const order = await saga(c.env, orderId).get();
        if (!order) {
          // Nothing of the saga was stored: give the car back and let the shopper retry.
          await release();
          await c.env.DB.prepare("DELETE FROM orders WHERE id = ?1").bind(orderId).run();
          throw new Error(`order ${orderId} was not started`);
        }
        return c.json(orderBody(order), 202, { location: `/api/orders/${orderId}` });
      }
      if (!started.ok) {
        const detail = started.order.cancelReason ?? undefined;
        return problem(c, started.type, detail, { extensions: { orderId } }) as never;
      }
      return c.json(orderBody(started.order), 201, { location: `/api/orders/${orderId}` });
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/orders",
      tags: ["Orders"],
      summary: "The signed-in shopper's orders, newest first",
      middleware: [requireSession()] as const,
      responses: { 200: json(OrderListSchema, "Orders"), ...signedIn },
    }),
    async (c) => c.json({ orders: await listOrders(c.env.DB, { userId: c.var.signedIn.user.id }) }, 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/orders/{id}",
      tags: ["Orders"],
      summary: "One order with its saga's steps and log",
      middleware: [requireSession()] as const,
      request: { params: OrderParamsSchema },
      responses: {
        200: json(OrderSchema, "The order"),
        ...signedIn,
        404: problemResponse("No such order, or another shopper's"),
      },
    }),
    async (c) => {
      const row = await visibleOrder(c, c.req.valid("param").id);
      const order = row ? await saga(c.env, row.id).get() : null;
      if (!order) return notFound(c) as never;
      c.header("cache-control", "private, no-store");
      return c.json(orderBody(order), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/orders/{id}/cancel",
      tags: ["Orders"],
      summary:
        "Cancel an order: what was done is undone (vehicle released, deposit refunded, policy and appointment cancelled)",
      middleware: [requireSession()] as const,
      request: { params: OrderParamsSchema },
      responses: {
        200: json(OrderSchema, "Cancelled, or being undone"),
        ...signedIn,
        404: problemResponse("No such order, or another shopper's"),
        409: problemResponse("The order is confirmed"),
      },
    }),
    async (c) => {
      const row = await visibleOrder(c, c.req.valid("param").id);
      if (!row) return notFound(c) as never;
      const cancelled = await saga(c.env, row.id).cancel("顾客取消了订单 / The shopper cancelled the order");
      if (!cancelled.ok) return problem(c, "order-not-cancellable") as never;
      return c.json(orderBody(cancelled.order), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/ops/orders",
      tags: ["Ops"],
      summary: "Orders for ops: by status, or the sagas that are stuck",
      middleware: [requireRole(...STAFF)] as const,
      request: { query: OpsOrdersQuerySchema },
      responses: {
        200: json(OrderListSchema, "Orders, newest first (at most 200)"),
        ...signedIn,
        403: problemResponse("Not an ops or admin account"),
      },
    }),
    async (c) => {
      const { status, stuck } = c.req.valid("query");
      const stuckBefore = stuck ? new Date(Date.now() - STUCK_MS).toISOString() : undefined;
      return c.json({ orders: await listOrders(c.env.DB, { status, stuckBefore }) }, 200);
    },
  );

/**
 * Holds a matching car before the saga starts, so that in a rush the shoppers who get none are
 * told at once without a saga each; the saga's hold step then finds this hold (it is keyed by the
 * order) and owns it from there, releasing it if the order fails.
 */
async function holdFirst(db: D1Database, orderId: string, trimId: string, options: string[], dealerId: string) {
  const candidates = (await matchingVehicles(db, trimId, options, dealerId)).map((vehicle) => vehicle.vin);
  const now = Date.now();
  const expires = new Date(now + PAYMENT_TIMEOUT_MS + 60_000).toISOString();
  return claimVehicle(db, orderId, candidates, dealerId, expires, new Date(now).toISOString());
}

/** Orders for a list: one shopper's, one status, or unfinished ones not updated since `stuckBefore`. */
async function listOrders(db: D1Database, filter: { userId?: string; status?: string; stuckBefore?: string }) {
  const { results } = await db
    .prepare(
      `SELECT o.id, o.status, o.trim_id AS trimId, t.name AS trimName, m.name AS modelName, o.vin, o.dealer_id AS dealerId,
              o.price_fen AS priceFen, o.deposit_fen AS depositFen, o.cancel_reason AS cancelReason,
              o.created_at AS createdAt, o.updated_at AS updatedAt
       FROM orders o JOIN trims t ON t.id = o.trim_id JOIN models m ON m.id = t.model_id
       WHERE (?1 IS NULL OR o.user_id = ?1) AND (?2 IS NULL OR o.status = ?2)
         AND (?3 IS NULL OR (o.status NOT IN ('confirmed', 'cancelled') AND o.updated_at < ?3))
       ORDER BY o.created_at DESC LIMIT 200`,
    )
    .bind(filter.userId ?? null, filter.status ?? null, filter.stuckBefore ?? null)
    .all<z.infer<typeof OrderListSchema>["orders"][number]>();
  return results;
}

/**
 * A repeat of an Idempotency-Key: the same order once its saga has started, 409 while the first
 * request is still running, 422 if the key came with a different request.
 */
async function replay(c: Context<AuthEnv>, userId: string, key: string, fingerprint: string): Promise<Response> {
  const row = await c.env.DB.prepare(
    "SELECT id, configuration, seq FROM orders WHERE user_id = ?1 AND idempotency_key = ?2",
  )
    .bind(userId, key)
    .first<{ id: string; configuration: string; seq: number }>();
  if (!row) return problem(c, "order-in-progress");
  if (row.configuration !== fingerprint) {
    return problem(c, "idempotency-key-reused", undefined, {
      errors: [{ path: "header.idempotency-key", message: "已用于另一个订单 / used for another order" }],
    });
  }
  const order = row.seq > 0 ? await saga(c.env, row.id).get() : null;
  if (!order) return problem(c, "order-in-progress", undefined, { extensions: { orderId: row.id } });
  return c.json(orderBody(order), 200);
}
