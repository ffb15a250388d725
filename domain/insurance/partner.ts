import type { InsuranceIssue, InsuranceQuote, InsuranceRequest } from "./quote.ts";
import { verify } from "./signature.ts";

/** A partner's quote: the premiums plus its id, validity window and the request it answers. */
export interface PartnerQuote extends InsuranceQuote {
  quoteId: string;
  partner: string;
  /** UTC ISO-8601. */
  issuedAt: string;
  validUntil: string;
  request: InsuranceRequest;
}

/** What comes over the wire: the quote's JSON exactly as signed, and its hex HMAC-SHA256. */
export interface SignedQuote {
  body: string;
  signature: string;
}

/** Failures a partner reports or a caller observes; each carries a bilingual message. */
export type PartnerFailure =
  | { kind: "rejected"; message: string; issues: InsuranceIssue[] }
  | { kind: "unavailable"; message: string }
  | { kind: "timeout"; message: string };

/** Failures of checking an answer: not signed by the partner, out of date, or for another request. */
export type VerificationFailure = { kind: "bad-signature" | "expired" | "mismatch"; message: string };

export type QuoteResult = { ok: true; signed: SignedQuote } | { ok: false; error: PartnerFailure };

export type VerifiedQuoteResult =
  | { ok: true; quote: PartnerQuote; signature: string }
  | { ok: false; error: PartnerFailure | VerificationFailure };

/** An insurer (or broker) that quotes remotely; `signal` aborts a call the caller no longer waits for. */
export interface InsurancePartner {
  readonly name: string;
  quote(request: InsuranceRequest, signal?: AbortSignal): Promise<QuoteResult>;
}

export const TIMEOUT_MESSAGE = "保险公司未及时响应 / The insurer did not answer in time";

/**
 * Checks a signed answer: the signature must be the partner's, the quote still valid at `now`, and
 * for exactly the request asked. Anything else is a typed failure, never a throw.
 * @example await verifyQuote(key, signed, request, Date.now()) // { ok: true, quote, signature } or { ok: false, error: { kind: "bad-signature", … } }
 */
export async function verifyQuote(
  key: CryptoKey,
  signed: SignedQuote,
  request: InsuranceRequest,
  now: number,
): Promise<VerifiedQuoteResult> {
  if (!(await verify(key, signed.body, signed.signature))) {
    return fail("bad-signature", "报价签名无效 / The quote's signature does not match");
  }
  const quote = JSON.parse(signed.body) as PartnerQuote;
  if (Date.parse(quote.validUntil) <= now) return fail("expired", "报价已过期 / The quote has expired");
  if (JSON.stringify(sortKeys(quote.request)) !== JSON.stringify(sortKeys(request))) {
    return fail("mismatch", "报价与请求不符 / The quote is for a different request");
  }
  return { ok: true, quote, signature: signed.signature };
}

/**
 * Asks a partner for a quote, gives up after `timeoutMs` (aborting the call) and verifies the answer.
 * @example await requestQuote(partner, key, request, { timeoutMs: 3_000, now: Date.now })
 */
export async function requestQuote(
  partner: InsurancePartner,
  key: CryptoKey,
  request: InsuranceRequest,
  options: { timeoutMs: number; now: () => number },
): Promise<VerifiedQuoteResult> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<QuoteResult>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve({ ok: false, error: { kind: "timeout", message: TIMEOUT_MESSAGE } });
    }, options.timeoutMs);
  });
  try {
    const result = await Promise.race([partner.quote(request, controller.signal), deadline]);
    if (!result.ok) return result;
    return await verifyQuote(key, result.signed, request, options.now());
  } finally {
    clearTimeout(timer);
  }
}

function fail(kind: VerificationFailure["kind"], message: string): VerifiedQuoteResult {
  return { ok: false, error: { kind, message } };
}

function sortKeys(value: object): [string, unknown][] {
  return Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1));
}
