/**
 * Webhook signatures: `Marque-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`
 * (the scheme Stripe and others use). The timestamp is signed with the body, so a captured delivery
 * cannot be replayed with a fresh time, and a delivery older than the tolerance is refused. Each
 * channel signs with its own key, derived from one shared secret, so a signature made for one
 * channel does not verify on another. WebCrypto only: runs in the Worker, the browser and Node.
 */

export const SIGNATURE_HEADER = "Marque-Signature";
/** How far a signature's timestamp may be from the receiver's clock, either way. */
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

const encoder = new TextEncoder();

/** Why a delivery's signature was refused; `message` is bilingual, Chinese first. */
export type SignatureFailure = {
  reason: "unsigned" | "malformed-signature" | "stale" | "bad-signature";
  message: string;
};

export type SignatureCheck = { ok: true; timestamp: number } | ({ ok: false } & SignatureFailure);

/**
 * The HMAC-SHA256 key of `channel`, derived (HKDF-SHA256) from the webhook secret (at least 32 bytes).
 * @example const key = await webhookKey(env.PAYMENT_WEBHOOK_SECRET, "alipay-sim")
 */
export async function webhookKey(secret: string, channel: string): Promise<CryptoKey> {
  const raw = encoder.encode(secret);
  if (raw.length < 32) throw new RangeError("PAYMENT_WEBHOOK_SECRET needs at least 32 bytes");
  const master = await crypto.subtle.importKey("raw", raw, "HKDF", false, ["deriveKey"]);
  return crypto.subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: encoder.encode(`marque-webhook:${channel}`) },
    master,
    { name: "HMAC", hash: "SHA-256", length: 256 },
    false,
    ["sign", "verify"],
  );
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");

/**
 * The signature header value for `body` signed at `timestampSeconds`.
 * @example await signWebhook(key, '{"eventId":"evt_1"}', 1764000000) // "t=1764000000,v1=5d0f…"
 */
export async function signWebhook(key: CryptoKey, body: string, timestampSeconds: number): Promise<string> {
  const mac = await crypto.subtle.sign("HMAC", key, encoder.encode(`${timestampSeconds}.${body}`));
  return `t=${timestampSeconds},v1=${hex(new Uint8Array(mac))}`;
}

/**
 * The timestamp and `v1` signatures of a header, or undefined when it is not in the expected form.
 * Several `v1` entries may be present (while a secret is being rotated); one must match.
 * @example parseSignatureHeader("t=1764000000,v1=ab…") // { timestamp: 1764000000, signatures: ["ab…"] }
 */
export function parseSignatureHeader(header: string): { timestamp: number; signatures: string[] } | undefined {
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const [name, value, ...rest] = part.trim().split("=");
    if (rest.length > 0 || value === undefined) return undefined;
    if (name === "t" && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (name === "v1" && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
    else if (name === "t" || name === "v1") return undefined;
  }
  return timestamp === undefined || signatures.length === 0 ? undefined : { timestamp, signatures };
}

const fromHex = (value: string) =>
  Uint8Array.from({ length: value.length / 2 }, (_, i) => Number.parseInt(value.slice(2 * i, 2 * i + 2), 16));

/**
 * Checks a delivery: a well-formed header, a timestamp within the tolerance of `nowMs`, and a `v1`
 * that is the HMAC of "<t>.<body>" under `key`, compared in constant time (WebCrypto's verify).
 * @example await verifyWebhook(key, request.headers.get("marque-signature"), await request.text(), Date.now())
 */
export async function verifyWebhook(
  key: CryptoKey,
  header: string | null | undefined,
  body: string,
  nowMs: number,
  toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
): Promise<SignatureCheck> {
  if (!header) return { ok: false, reason: "unsigned", message: "缺少签名 / The delivery is not signed" };
  const parsed = parseSignatureHeader(header);
  if (!parsed) {
    return { ok: false, reason: "malformed-signature", message: "签名格式无效 / The signature header is malformed" };
  }
  if (Math.abs(nowMs / 1000 - parsed.timestamp) > toleranceSeconds) {
    return {
      ok: false,
      reason: "stale",
      message: `签名时间超出 ${toleranceSeconds / 60} 分钟 / The signature's timestamp is more than ${toleranceSeconds / 60} minutes off`,
    };
  }
  const signed = encoder.encode(`${parsed.timestamp}.${body}`);
  for (const signature of parsed.signatures) {
    if (await crypto.subtle.verify("HMAC", key, fromHex(signature), signed)) {
      return { ok: true, timestamp: parsed.timestamp };
    }
  }
  return { ok: false, reason: "bad-signature", message: "签名无效 / The signature does not match the body" };
}
