import { SIMULATED_CHANNELS } from "../../domain/payment/channels.ts";
import { admit, BREAKER_POLICY, type BreakerPolicy, CLOSED, failed } from "../../domain/payment/circuit-breaker.ts";
import type { CreatedPayment, GatewayFailure, PaymentGateway, PaymentRequest } from "../../domain/payment/gateway.ts";
import { updateBreaker } from "./breaker-store.ts";
import { GATEWAY_TIMEOUT_MS, simulatedGateway, unconfiguredGateway } from "./simulated-gateway.ts";

/** Creates payments on the first healthy channel and hands out each channel's gateway. */
export interface PaymentRouter {
  /** Creates the payment on the first healthy channel (primary, then backup), recording successes/failures in the shared circuit breaker (payment_channels). */
  create(request: PaymentRequest): Promise<CreatedPayment | { ok: false; error: GatewayFailure }>;
  /** The gateway of the channel a payment was created on, for lookup and refund. */
  channel(name: string): PaymentGateway;
}

interface RouterOptions {
  /** The clock of the circuit breaker. */
  now?: () => number;
  /** Time bound of each call to a channel. */
  timeoutMs?: number;
  policy?: BreakerPolicy;
}

const NO_CHANNEL_IN_PRODUCTION =
  "生产环境尚未接入支付渠道 / No payment channel is configured in production (only the local simulator exists)";
const ALL_CHANNELS_DOWN =
  "所有支付渠道暂不可用，请稍后再试 / Every payment channel is unavailable; please try again later";

/**
 * The channels payments may use, in order of preference: the simulated ones outside production,
 * none in production (an adapter for a real provider is still to be written).
 * @example configuredChannels(env) // ["alipay-sim", "unionpay-sim"]
 */
export function configuredChannels(env: Pick<Env, "ENVIRONMENT">): readonly string[] {
  return env.ENVIRONMENT === "production" ? [] : SIMULATED_CHANNELS;
}

/**
 * The payment router the order saga uses: `create` tries the primary channel, then the backups,
 * skipping channels whose circuit breaker is open; a channel that is unavailable or times out counts
 * as a failure (three in a row open its breaker for 30 s), a success closes it. A request the
 * channel rejects is answered as is (another channel would reject it too).
 * @example const created = await paymentRouter(env).create({ paymentId, orderId, amountFen, description, returnUrl })
 */
export function paymentRouter(env: Env, options: RouterOptions = {}): PaymentRouter {
  const now = options.now ?? Date.now;
  const policy = options.policy ?? BREAKER_POLICY;
  const channels = configuredChannels(env);
  const gateway = (name: string) =>
    channels.includes(name)
      ? simulatedGateway(env, name, options.timeoutMs ?? GATEWAY_TIMEOUT_MS)
      : unconfiguredGateway(name, `支付渠道未配置 / Payment channel ${name} is not configured`);

  return {
    channel: gateway,
    async create(request) {
      if (channels.length === 0)
        return { ok: false, error: { kind: "unavailable", message: NO_CHANNEL_IN_PRODUCTION } };
      for (const name of channels) {
        let allowed = false;
        await updateBreaker(
          env.DB,
          name,
          (breaker) => {
            const admitted = admit(breaker, now(), policy);
            allowed = admitted.allowed;
            return admitted.breaker;
          },
          now(),
        );
        if (!allowed) continue;
        const created = await gateway(name).create(request);
        if (created.ok) {
          await updateBreaker(env.DB, name, () => CLOSED, now());
          return created;
        }
        if (created.error.kind === "rejected") return created;
        await updateBreaker(env.DB, name, (breaker) => failed(breaker, now(), policy), now());
      }
      return { ok: false, error: { kind: "unavailable", message: ALL_CHANNELS_DOWN } };
    },
  };
}
