import type {
  CreatedPayment,
  GatewayFailure,
  PaymentGateway,
  PaymentLookup,
  PaymentRequest,
  RefundResult,
} from "../../domain/payment/gateway.ts";

/** A channel that has not answered within this long is treated as failed (and the router fails over). */
export const GATEWAY_TIMEOUT_MS = 5_000;

const failure = (kind: GatewayFailure["kind"], message: string) => ({ ok: false as const, error: { kind, message } });

/**
 * `call`'s answer, or a `timeout` failure after `timeoutMs` or when `signal` aborts, or an
 * `unavailable` failure when the call throws: a channel's trouble is a typed result, never a throw.
 * @example await bounded(stub.lookup(id), 5_000, signal)
 */
async function bounded<T>(
  call: () => Promise<T>,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<T | { ok: false; error: GatewayFailure }> {
  const timedOut = failure("timeout", "支付渠道未及时响应 / The payment channel did not answer in time");
  if (signal?.aborted) return timedOut;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const giveUp = new Promise<typeof timedOut>((resolve) => {
    timer = setTimeout(() => resolve(timedOut), timeoutMs);
    onAbort = () => resolve(timedOut);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
  try {
    return await Promise.race([
      call().catch(() => failure("unavailable", "支付渠道出错 / The payment channel failed")),
      giveUp,
    ]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener("abort", onAbort);
  }
}

/**
 * The `PaymentGateway` of a channel served by the local payment simulator (the `PaymentSimulator`
 * Durable Object named after the channel), each call bounded by `timeoutMs`.
 * @example await simulatedGateway(env, "alipay-sim").create(request)
 */
export function simulatedGateway(env: Env, channel: string, timeoutMs = GATEWAY_TIMEOUT_MS): PaymentGateway {
  const simulator = () => env.PAYMENT_SIMULATOR.get(env.PAYMENT_SIMULATOR.idFromName(channel));
  return {
    channel,
    create: (request: PaymentRequest, signal?: AbortSignal) =>
      bounded(
        () => simulator().create(channel, request) as Promise<CreatedPayment | ReturnType<typeof failure>>,
        timeoutMs,
        signal,
      ),
    lookup: (paymentId: string, signal?: AbortSignal) =>
      bounded(() => simulator().lookup(paymentId) as Promise<PaymentLookup>, timeoutMs, signal),
    refund: (refundId: string, paymentId: string, amountFen: number, signal?: AbortSignal) =>
      bounded(() => simulator().refund(refundId, paymentId, amountFen) as Promise<RefundResult>, timeoutMs, signal),
  };
}

/**
 * The gateway of a channel that is not configured here: every call fails `unavailable`.
 * @example await unconfiguredGateway("alipay").lookup("pay_1") // { ok: false, error: { kind: "unavailable", … } }
 */
export function unconfiguredGateway(channel: string, message: string): PaymentGateway {
  const refuse = async () => failure("unavailable", message);
  return { channel, create: refuse, lookup: refuse, refund: refuse };
}
