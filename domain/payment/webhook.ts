/**
 * The body of a payment webhook, as every channel sends it (the simulator does; an adapter for a
 * real provider maps its own format to this before the route sees it).
 */
import { z } from "zod";
import type { PaymentEvent } from "./gateway.ts";

const PaymentEventSchema = z.strictObject({
  eventId: z.string().min(1).max(100),
  type: z.enum(["payment.succeeded", "payment.failed", "refund.succeeded"]),
  channel: z.string().min(1).max(40),
  paymentId: z.string().min(1).max(100),
  orderId: z.string().min(1).max(100),
  amountFen: z.number().int().min(0),
  occurredAt: z.iso.datetime(),
}) satisfies z.ZodType<PaymentEvent>;

export type WebhookParse = { ok: true; event: PaymentEvent } | { ok: false; message: string };

/**
 * The event of a delivery's (already verified) raw body, for channel `channel`: valid JSON of the
 * schema, sent by that channel.
 * @example parseWebhook('{"eventId":"evt_1",…}', "alipay-sim") // { ok: true, event }
 */
export function parseWebhook(body: string, channel: string): WebhookParse {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, message: "事件不是有效的 JSON / The event is not valid JSON" };
  }
  const parsed = PaymentEventSchema.safeParse(json);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join(".") || "body").join(", ");
    return { ok: false, message: `事件字段无效 / Invalid event fields: ${fields}` };
  }
  if (parsed.data.channel !== channel) {
    return { ok: false, message: "事件来自另一个渠道 / The event names another channel" };
  }
  return { ok: true, event: parsed.data };
}
