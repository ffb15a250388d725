import { z } from "@hono/zod-openapi";
import { ORDER_STATES } from "../../domain/orders/order-state.ts";
import { SAGA_STEPS } from "../../domain/orders/saga.ts";

export { IdempotencyHeadersSchema } from "./test-drive.ts";

const slug = z.string().regex(/^[a-z0-9-]{1,64}$/);
const cityCode = z.string().regex(/^\d{6}$/, "6 位行政区划代码 / a 6-digit division code");

export const PlaceOrderSchema = z
  .object({
    model: slug.openapi({ example: "stellan-s05" }),
    version: z.number().int().positive(),
    options: z.array(z.string().min(1).max(200)).min(1).max(500),
    priceFen: z.number().int().nonnegative().openapi({ description: "The price the shopper was shown, in fen" }),
    dealerId: z.string().min(1).max(64).openapi({ description: "The dealer who delivers the car" }),
    fulfilment: z
      .enum(["stock", "build"])
      .openapi({ description: "`stock`: hold a matching car in stock; `build`: claim a production slot" }),
    insurance: z.boolean().default(false),
    registrationCity: cityCode
      .optional()
      .openapi({ description: "Where the car is registered; the dealer's city by default" }),
    faults: z
      .array(
        z.object({
          step: z.enum(SAGA_STEPS),
          when: z.enum(["before", "after"]),
          times: z.number().int().min(1).max(10),
        }),
      )
      .max(8)
      .optional()
      .openapi({
        description: "Development and tests only (ignored in production): crash a step before or after its side effect",
      }),
  })
  .openapi("PlaceOrder");

const StepSchema = z.object({
  step: z.enum(SAGA_STEPS),
  status: z.enum(["pending", "created", "done", "compensated"]),
  attempts: z.number().int(),
  result: z.record(z.string(), z.string()),
  error: z.string().nullable(),
});

const LogEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  kind: z.enum(["state", "step", "payment"]),
  state: z.enum(ORDER_STATES).nullable(),
  step: z.enum(SAGA_STEPS).nullable(),
  message: z.string(),
});

export const OrderSchema = z
  .object({
    id: z.string(),
    state: z.enum(ORDER_STATES),
    model: z.string(),
    version: z.number().int(),
    trimId: z.string(),
    options: z.array(z.string()),
    priceFen: z.number().int(),
    depositFen: z.number().int(),
    dealerId: z.string(),
    fulfilment: z.enum(["stock", "build"]),
    insurance: z.boolean(),
    registrationCity: z.string(),
    vin: z.string().nullable(),
    cashierUrl: z.string().nullable().openapi({ description: "Where to pay the deposit while the order awaits it" }),
    paymentDeadline: z.string().nullable(),
    cancelReason: z.string().nullable(),
    steps: z.array(StepSchema),
    log: z.array(LogEntrySchema),
  })
  .openapi("Order");

export const OrderParamsSchema = z.object({
  id: z
    .string()
    .regex(/^ord_[a-z0-9]{20}$/)
    .openapi({ param: { name: "id", in: "path" }, example: "ord_k3v9x2m1q8w7e6r5t4y3" }),
});

export const OrderSummarySchema = z.object({
  id: z.string(),
  status: z.enum(ORDER_STATES),
  trimId: z.string(),
  trimName: z.string(),
  modelName: z.string(),
  vin: z.string().nullable(),
  dealerId: z.string().nullable(),
  priceFen: z.number().int(),
  depositFen: z.number().int(),
  cancelReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const OrderListSchema = z.object({ orders: z.array(OrderSummarySchema) }).openapi("OrderList");

export const OpsOrdersQuerySchema = z.object({
  status: z.enum(ORDER_STATES).optional(),
  stuck: z
    .enum(["1"])
    .optional()
    .openapi({ description: "Only orders not in a terminal state whose saga has not moved for 30 minutes" }),
});

export const CheckoutQuerySchema = z.object({
  model: slug.openapi({ example: "stellan-s05" }),
  version: z.coerce.number().int().positive(),
  options: z
    .string()
    .min(1)
    .max(5_000)
    .openapi({ description: "The configuration's option codes, comma-separated (the trim's code included)" }),
  city: cityCode.optional().openapi({ description: "The shopper's city: dealers are sorted by distance from it" }),
});

export const CheckoutSchema = z
  .object({
    model: z.object({ slug: z.string(), name: z.string(), nameEn: z.string() }),
    trim: z.object({ id: z.string(), name: z.string(), nameEn: z.string() }),
    options: z.array(z.string()),
    priceFen: z.number().int(),
    lines: z.array(
      z.object({
        option: z.string(),
        name: z.object({ zh: z.string(), en: z.string() }),
        listPriceFen: z.number().int(),
        priceFen: z.number().int(),
      }),
    ),
    date: z.string(),
    deposits: z.object({ stock: z.number().int(), build: z.number().int() }),
    dealers: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        nameEn: z.string(),
        cityCode: z.string(),
        cityName: z.string(),
        inStock: z.number().int().openapi({ description: "Cars with exactly this configuration in stock there" }),
        distanceKm: z.number().nullable(),
      }),
    ),
  })
  .openapi("Checkout");
