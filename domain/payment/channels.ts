/**
 * The payment channels Marque knows. Outside production both are served by the local payment
 * simulator; the first is the primary, the rest are backups tried in order when it fails.
 */
export const SIMULATED_CHANNELS = ["alipay-sim", "unionpay-sim"] as const;
type SimulatedChannel = (typeof SIMULATED_CHANNELS)[number];

/** How the cashier names each channel, Chinese and English. */
export const CHANNEL_LABELS: Record<SimulatedChannel, { zh: string; en: string }> = {
  "alipay-sim": { zh: "支付宝（模拟）", en: "Alipay (simulated)" },
  "unionpay-sim": { zh: "银联（模拟）", en: "UnionPay (simulated)" },
};

/**
 * Whether `name` is one of the simulated channels.
 * @example isSimulatedChannel("alipay-sim") // true
 */
export function isSimulatedChannel(name: string): name is SimulatedChannel {
  return (SIMULATED_CHANNELS as readonly string[]).includes(name);
}
