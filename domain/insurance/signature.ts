/**
 * HMAC-SHA256 signatures over a partner's response body (WebCrypto, so the same code runs in the
 * Worker, the browser and Node). The signature travels as lowercase hex.
 */

const encoder = new TextEncoder();

/**
 * An HMAC-SHA256 key from a shared secret (at least 32 bytes of it; keep it in a Worker secret).
 * @example const key = await importPartnerKey(env.INSURANCE_PARTNER_SECRET)
 */
export async function importPartnerKey(secret: string): Promise<CryptoKey> {
  if (encoder.encode(secret).length < 32) throw new RangeError("a partner secret needs at least 32 bytes");
  return crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
    "verify",
  ]);
}

/**
 * A fresh random HMAC-SHA256 key, for a partner simulated in the same process: nothing to store.
 * @example const key = await generatePartnerKey()
 */
export async function generatePartnerKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]) as Promise<CryptoKey>;
}

/**
 * The hex HMAC-SHA256 of a body.
 * @example await sign(key, '{"quoteId":"INS-1"}') // "5d0f…" (64 hex digits)
 */
export async function sign(key: CryptoKey, body: string): Promise<string> {
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(body)));
  return Array.from(mac, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * Whether `signature` is the HMAC of `body` under `key`, compared in constant time by WebCrypto.
 * @example await verify(key, body, await sign(key, body)) // true
 */
export async function verify(key: CryptoKey, body: string, signature: string): Promise<boolean> {
  if (!/^[0-9a-f]{64}$/.test(signature)) return false;
  const mac = new Uint8Array(32);
  for (let i = 0; i < 32; i++) mac[i] = Number.parseInt(signature.slice(2 * i, 2 * i + 2), 16);
  return crypto.subtle.verify("HMAC", key, mac, encoder.encode(body));
}
