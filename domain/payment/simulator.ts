/**
 * The behaviours of the local payment simulator (durable-objects/payment-simulator.ts) that
 * development and tests can inject per channel, and which webhook deliveries a payment's outcome
 * produces under them. Real providers do all of these now and then; the order saga must survive them.
 */
import type { PaymentEvent } from "./gateway.ts";

/** How the first delivery attempt of a webhook is signed; retries are always signed correctly. */
export type SignatureFault = "missing" | "wrong" | "stale";

export interface SimulatorBehaviour {
  /** Creating a payment answers `unavailable` (the channel is down). */
  unavailable: boolean;
  /** Every call answers only after this many milliseconds (a caller with a shorter time bound times out). */
  answerDelayMs: number;
  /** Webhooks wait this long before their first delivery. */
  webhookDelayMs: number;
  /** Every webhook is delivered twice, at the same moment. */
  duplicateWebhooks: boolean;
  /** A `payment.failed` (of an earlier attempt) is delivered after the `payment.succeeded`. */
  outOfOrder: boolean;
  /** The first attempt of each webhook is sent unsigned, wrongly signed or with a stale timestamp. */
  signatureFault: SignatureFault | null;
}

/** A channel that behaves: answers at once, delivers each webhook once, correctly signed. */
export const NORMAL_BEHAVIOUR: SimulatorBehaviour = {
  unavailable: false,
  answerDelayMs: 0,
  webhookDelayMs: 0,
  duplicateWebhooks: false,
  outOfOrder: false,
  signatureFault: null,
};

/** One webhook to deliver: the event, after how long, and how its first attempt is signed. */
export interface PlannedDelivery {
  event: PaymentEvent;
  delayMs: number;
  signatureFault: SignatureFault | null;
}

/** The out-of-order `payment.failed` arrives this long after the success it predates. */
const OUT_OF_ORDER_LAG_MS = 1_000;

/**
 * The deliveries `event` produces under `behaviour`. `eventId` names any extra event (the earlier
 * failure of an out-of-order pair); duplicates repeat the same event id.
 * @example plannedDeliveries(succeeded, { ...NORMAL_BEHAVIOUR, duplicateWebhooks: true }, newId) // two deliveries of one event
 */
export function plannedDeliveries(
  event: PaymentEvent,
  behaviour: SimulatorBehaviour,
  eventId: () => string,
): PlannedDelivery[] {
  const first = { event, delayMs: behaviour.webhookDelayMs, signatureFault: behaviour.signatureFault };
  const planned: PlannedDelivery[] = [first];
  if (behaviour.duplicateWebhooks) planned.push({ ...first, signatureFault: null });
  if (behaviour.outOfOrder && event.type === "payment.succeeded") {
    const earlier = new Date(Date.parse(event.occurredAt) - OUT_OF_ORDER_LAG_MS).toISOString();
    planned.push({
      event: { ...event, eventId: eventId(), type: "payment.failed", occurredAt: earlier },
      delayMs: behaviour.webhookDelayMs + OUT_OF_ORDER_LAG_MS,
      signatureFault: null,
    });
  }
  return planned;
}
