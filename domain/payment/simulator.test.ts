import { describe, expect, it } from "vitest";
import type { PaymentEvent } from "./gateway.ts";
import { NORMAL_BEHAVIOUR, plannedDeliveries } from "./simulator.ts";

const succeeded: PaymentEvent = {
  eventId: "evt_1",
  type: "payment.succeeded",
  channel: "alipay-sim",
  paymentId: "ord_1-deposit",
  orderId: "ord_1",
  amountFen: 500_000,
  occurredAt: "2026-11-29T02:00:00.000Z",
};
const newId = () => "evt_2";

describe("planned webhook deliveries", () => {
  it("deliver an event once, at once, correctly signed on a channel that behaves", () => {
    expect(plannedDeliveries(succeeded, NORMAL_BEHAVIOUR, newId)).toEqual([
      { event: succeeded, delayMs: 0, signatureFault: null },
    ]);
  });

  it("repeat the same event id when duplicating, with only the first attempt faulty", () => {
    const planned = plannedDeliveries(
      succeeded,
      { ...NORMAL_BEHAVIOUR, duplicateWebhooks: true, signatureFault: "wrong", webhookDelayMs: 5_000 },
      newId,
    );
    expect(planned.map((p) => [p.event.eventId, p.delayMs, p.signatureFault])).toEqual([
      ["evt_1", 5_000, "wrong"],
      ["evt_1", 5_000, null],
    ]);
  });

  it("send an earlier attempt's failure after a success when out of order", () => {
    const [first, late] = plannedDeliveries(succeeded, { ...NORMAL_BEHAVIOUR, outOfOrder: true }, newId);
    expect(first?.event).toBe(succeeded);
    expect(late?.event).toMatchObject({ eventId: "evt_2", type: "payment.failed", paymentId: "ord_1-deposit" });
    expect(Date.parse(late?.event.occurredAt ?? "")).toBeLessThan(Date.parse(succeeded.occurredAt));
    expect(late?.delayMs).toBeGreaterThan(first?.delayMs ?? 0);
    const failed = { ...succeeded, type: "payment.failed" as const };
    expect(plannedDeliveries(failed, { ...NORMAL_BEHAVIOUR, outOfOrder: true }, newId)).toHaveLength(1);
  });
});
