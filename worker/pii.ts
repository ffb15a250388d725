/**
 * Personal data at rest: AES-GCM encryption and HMAC-SHA256 blind indexes (WebCrypto), with keys
 * derived by HKDF from the `PII_KEY` secret, one key per purpose. The same secret also signs the
 * capability tokens that let a shopper manage a booking without an account.
 */
import { toE164 } from "../domain/test-drive/phone.ts";

/** Keys derived from `PII_KEY`. */
export type PiiKeys = { cipher: CryptoKey; index: CryptoKey; token: CryptoKey };

const VERSION = "v1";
const IV_BYTES = 12;
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const derived = new Map<string, Promise<PiiKeys>>();

/**
 * The keys for a `PII_KEY` (base64 of at least 32 random bytes), derived once per isolate.
 * @example const keys = await piiKeys(c.env.PII_KEY)
 */
export function piiKeys(secret: string | undefined): Promise<PiiKeys> {
  if (!secret) return Promise.reject(new Error("PII_KEY is not set: run `npm run dev` once, or wrangler secret put"));
  let keys = derived.get(secret);
  if (!keys) {
    keys = deriveKeys(secret);
    derived.set(secret, keys);
  }
  return keys;
}

async function deriveKeys(secret: string): Promise<PiiKeys> {
  const raw = fromBase64(secret);
  if (raw.length < 32) throw new Error("PII_KEY must be base64 of at least 32 random bytes");
  const master = await crypto.subtle.importKey("raw", raw, "HKDF", false, ["deriveKey"]);
  const hkdf = (info: string) => ({
    name: "HKDF",
    hash: "SHA-256",
    salt: encoder.encode("marque pii"),
    info: encoder.encode(info),
  });
  const hmac = { name: "HMAC", hash: "SHA-256", length: 256 };
  const [cipher, index, token] = await Promise.all([
    crypto.subtle.deriveKey(hkdf("aes-gcm"), master, { name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]),
    crypto.subtle.deriveKey(hkdf("blind-index"), master, hmac, false, ["sign"]),
    crypto.subtle.deriveKey(hkdf("manage-token"), master, hmac, false, ["sign", "verify"]),
  ]);
  return { cipher, index, token };
}

/**
 * Encrypts text with AES-256-GCM under a fresh random 96-bit IV: `v1.<iv>.<ciphertext+tag>` (base64url).
 * @example await encrypt(keys, "+8613800138000") // "v1.q0pX….Zk3…"
 */
export async function encrypt(keys: PiiKeys, plaintext: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const sealed = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, keys.cipher, encoder.encode(plaintext));
  return `${VERSION}.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(sealed))}`;
}

/**
 * Decrypts what `encrypt` wrote; throws if it was altered or sealed under another key.
 * @example await decrypt(keys, await encrypt(keys, "张三")) // "张三"
 */
export async function decrypt(keys: PiiKeys, stored: string): Promise<string> {
  const [version, iv, sealed] = stored.split(".");
  if (version !== VERSION || !iv || !sealed) throw new Error("Not a v1 PII ciphertext");
  const plain = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv: fromBase64Url(iv) },
    keys.cipher,
    fromBase64Url(sealed),
  );
  return decoder.decode(plain);
}

/**
 * The blind index of a phone number: HMAC-SHA256 of its E.164 form, so every way of typing the
 * same number finds the same rows. Throws on a number that is not a mainland mobile (validate first).
 * @example await phoneIndex(keys, "138 0013 8000") === await phoneIndex(keys, "+8613800138000") // true
 */
export async function phoneIndex(keys: PiiKeys, phone: string): Promise<string> {
  const e164 = toE164(phone);
  if (!e164) throw new TypeError("Not a mainland mobile number");
  return toBase64Url(new Uint8Array(await crypto.subtle.sign("HMAC", keys.index, encoder.encode(`phone:${e164}`))));
}

/**
 * A token granting control of one resource (e.g. `test-drive:<id>`): HMAC-SHA256, base64url.
 * It is derived, not stored, so a replayed request can be answered with the same token.
 * @example const token = await signToken(keys, `test-drive:${id}`)
 */
export async function signToken(keys: PiiKeys, subject: string): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.sign("HMAC", keys.token, encoder.encode(subject))));
}

/**
 * Whether `token` was signed for `subject` (constant-time comparison by WebCrypto).
 * @example await verifyToken(keys, `test-drive:${id}`, c.req.header("authorization")?.slice(7) ?? "")
 */
export async function verifyToken(keys: PiiKeys, subject: string, token: string): Promise<boolean> {
  if (!/^[\w-]{43}$/.test(token)) return false;
  return crypto.subtle.verify("HMAC", keys.token, fromBase64Url(token), encoder.encode(subject));
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  return fromBase64(text.replace(/-/g, "+").replace(/_/g, "/"));
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.padEnd(Math.ceil(text.length / 4) * 4, "="));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}
