import type { OrderState } from "./order-state.ts";

/**
 * The order saga's plan: the steps an order goes through after its configuration and price are
 * validated, what each leaves the order in, and what to do next given what has happened. The
 * Durable Object (durable-objects/order-saga.ts) executes the actions; this file only decides.
 */
export const SAGA_STEPS = ["hold", "payment", "insurance", "registration"] as const;
export type SagaStep = (typeof SAGA_STEPS)[number];

/**
 * A step's progress: `created` only for payment (asked for, the shopper has not paid yet); `done`
 * means its side effect happened (for payment: money captured); `compensated` means undone.
 */
export type StepStatus = "pending" | "created" | "done" | "compensated";

/** The state an order is in once a step is done. */
export const STATE_AFTER: Readonly<Record<SagaStep, OrderState>> = {
  hold: "vehicle_held",
  payment: "paid",
  insurance: "insured",
  registration: "registration_booked",
};

export interface SagaView {
  state: OrderState;
  /** The steps this order takes, in order (insurance only if chosen). */
  plan: readonly SagaStep[];
  steps: Readonly<Partial<Record<SagaStep, StepStatus>>>;
}

export type SagaAction =
  | { kind: "run"; step: SagaStep }
  | { kind: "await-payment" }
  | { kind: "compensate"; step: SagaStep }
  | { kind: "finish"; to: "confirmed" | "cancelled" }
  | { kind: "none" };

/**
 * What the saga does next. Forward: the first step not done (waiting while the payment is
 * created but not captured). Compensating: undo the latest done step, in reverse, then cancel.
 * Cancelled: money captured late (a webhook after the timeout) is still refunded.
 * @example nextAction({ state: "placed", plan: ["hold", "payment", "registration"], steps: {} }) // { kind: "run", step: "hold" }
 */
export function nextAction(view: SagaView): SagaAction {
  const status = (step: SagaStep): StepStatus => view.steps[step] ?? "pending";
  if (view.state === "confirmed") return { kind: "none" };
  if (view.state === "cancelled") {
    return status("payment") === "done" ? { kind: "compensate", step: "payment" } : { kind: "none" };
  }
  if (view.state === "compensating") {
    const undo = [...view.plan].reverse().find((step) => status(step) === "done");
    return undo ? { kind: "compensate", step: undo } : { kind: "finish", to: "cancelled" };
  }
  const step = view.plan.find((candidate) => status(candidate) !== "done");
  if (!step) return { kind: "finish", to: "confirmed" };
  if (step === "payment" && status(step) === "created") return { kind: "await-payment" };
  return { kind: "run", step };
}

/** The steps an order takes: insurance only when the shopper chose it. */
export function planFor(insurance: boolean): SagaStep[] {
  return SAGA_STEPS.filter((step) => step !== "insurance" || insurance);
}

/** Retries of a step that failed transiently: how many before giving up, and the backoff. */
export const RETRY_POLICY = { maxAttempts: 5, baseMs: 1_000, capMs: 60_000 } as const;

/**
 * Exponential backoff with "full jitter" for the `attempt`-th retry (1-based): a random delay in
 * [base·2^(attempt-1)/2, base·2^(attempt-1)], capped. `random` is in [0, 1).
 * @example retryDelayMs(1, 0) // 500
 * @example retryDelayMs(3, 0.999) // 3996
 */
export function retryDelayMs(attempt: number, random: number): number {
  const ceiling = Math.min(RETRY_POLICY.capMs, RETRY_POLICY.baseMs * 2 ** (attempt - 1));
  return Math.floor(ceiling / 2 + (ceiling / 2) * random);
}

/** Deposits in fen: a vehicle in stock is held against a larger deposit than a build slot. */
export const DEPOSIT_FEN = { stock: 500_000, build: 200_000 } as const;
export type Fulfilment = keyof typeof DEPOSIT_FEN;

/** How long a shopper has to pay the deposit before the order is cancelled and the vehicle released. */
export const PAYMENT_TIMEOUT_MS = 15 * 60 * 1000;

/** A trim's build-to-order production slots per week. */
export const BUILD_SLOTS_PER_WEEK = 200;

/** Days from order to hand-over for a car built to order: the first build week searched, and the date search lists. */
export const ORDER_LEAD_DAYS = 42;
