import { mulberry32 } from "../random.ts";
import { type InsurancePartner, type PartnerQuote, type QuoteResult, TIMEOUT_MESSAGE } from "./partner.ts";
import { type InsuranceRequest, quoteInsurance } from "./quote.ts";
import { sign } from "./signature.ts";

export interface SimulatorOptions {
  /** The key the simulator signs with (the caller verifies with the same). */
  key: CryptoKey;
  /** Seeds latency, failures and quote ids: the same seed and calls give the same answers. */
  seed: number;
  /** Answer delay, drawn uniformly in whole milliseconds. Default 80–400 ms. */
  latencyMs?: { min: number; max: number };
  /** Share of calls answered "unavailable" (like an HTTP 503). Default 0. */
  failureRate?: number;
  /** Share of calls that hang until the caller aborts, or `hangMs` passes. Default 0. */
  timeoutRate?: number;
  /** How long a hang lasts when nobody aborts it. Default 30 s. */
  hangMs?: number;
  /** How long a quote stays valid. Default 30 minutes. */
  validityMs?: number;
  now?: () => number;
  name?: string;
}

/** Resolves true after `ms`, or false as soon as `signal` aborts (clearing the timer). */
function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

const hex32 = (random: () => number) =>
  Math.floor(random() * 2 ** 32)
    .toString(16)
    .padStart(8, "0");

/**
 * A local stand-in for a remote insurer: it prices with `quoteInsurance`, answers after a latency,
 * sometimes fails or hangs (at the configured rates, from a seeded generator, four draws per call),
 * and signs each quote's JSON with HMAC-SHA256. Illustrative tariffs, not an insurer's.
 * @example const partner = createInsuranceSimulator({ key: await generatePartnerKey(), seed: 1 })
 */
export function createInsuranceSimulator(options: SimulatorOptions): InsurancePartner {
  const random = mulberry32(options.seed);
  const { min, max } = options.latencyMs ?? { min: 80, max: 400 };
  const failureRate = options.failureRate ?? 0;
  const timeoutRate = options.timeoutRate ?? 0;
  const now = options.now ?? Date.now;
  const name = options.name ?? "本地模拟保险公司 / Local simulated insurer";
  const timeout = { ok: false, error: { kind: "timeout", message: TIMEOUT_MESSAGE } } as const;

  return {
    name,
    async quote(request: InsuranceRequest, signal?: AbortSignal): Promise<QuoteResult> {
      const latency = min + Math.floor(random() * (max - min + 1));
      const outcome = random();
      const quoteId = `INS-${hex32(random)}${hex32(random)}`.toUpperCase();
      if (outcome < timeoutRate) {
        await sleep(options.hangMs ?? 30_000, signal);
        return timeout;
      }
      if (!(await sleep(latency, signal))) return timeout;
      if (outcome < timeoutRate + failureRate) {
        return {
          ok: false,
          error: { kind: "unavailable", message: "保险公司暂时无法报价 / The insurer cannot quote right now" },
        };
      }
      const priced = quoteInsurance(request);
      if (!priced.ok) {
        return {
          ok: false,
          error: {
            kind: "rejected",
            message: "保险公司拒绝了请求 / The insurer rejected the request",
            issues: priced.errors,
          },
        };
      }
      const issuedAt = now();
      const quote: PartnerQuote = {
        quoteId,
        partner: name,
        issuedAt: new Date(issuedAt).toISOString(),
        validUntil: new Date(issuedAt + (options.validityMs ?? 30 * 60_000)).toISOString(),
        request,
        ...priced.quote,
      };
      const body = JSON.stringify(quote);
      return { ok: true, signed: { body, signature: await sign(options.key, body) } };
    },
  };
}
