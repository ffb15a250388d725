import { describe, expect, it } from "vitest";
import type { PaymentEvent } from "./gateway.ts";
import { parseWebhook } from "./webhook.ts";

const event: PaymentEvent = {
  eventId: "evt_1",
  type: "payment.succeeded",
  channel: "alipay-sim",
  paymentId: "ord_1-deposit",
  orderId: "ord_1",
  amountFen: 500_000,
  occurredAt: "2026-11-29T02:00:00.000Z",
};

describe("webhook body", () => {
  it("parses an event of the channel it came to", () => {
    expect(parseWebhook(JSON.stringify(event), "alipay-sim")).toEqual({ ok: true, event });
  });

  it("refuses another channel's event, broken JSON, unknown types, fractional fen and extra fields", () => {
    const refused = [
      [JSON.stringify(event), "unionpay-sim"],
      ["{", "alipay-sim"],
      [JSON.stringify({ ...event, type: "payment.captured" }), "alipay-sim"],
      [JSON.stringify({ ...event, amountFen: 1.5 }), "alipay-sim"],
      [JSON.stringify({ ...event, occurredAt: "yesterday" }), "alipay-sim"],
      [JSON.stringify({ ...event, extra: 1 }), "alipay-sim"],
    ] as const;
    for (const [body, channel] of refused) {
      const parsed = parseWebhook(body, channel);
      expect(parsed.ok).toBe(false);
      expect(parsed.ok ? "" : parsed.message).toMatch(/ \/ /);
    }
  });
});
