/**
 * The visitor cookie: a first-party cookie value carrying the visitor's history, signed with
 * HMAC-SHA256 (WebCrypto) so a visitor cannot forge it. Format `1.<payload>.<mac>`: version, the
 * history as a base64url JSON array (no keys, to stay small), and the base64url MAC of both. Anything
 * that does not verify — another version, a changed byte, an expired value — reads as a fresh visitor.
 */
import { z } from "zod";

const VERSION = "1";
/** Models remembered, most recent first; older ones drop off to keep the cookie small. */
export const MAX_MODELS_VIEWED = 8;

/** What the store remembers of a visitor between visits. */
export interface VisitorHistory {
  /** Opaque random id, the key of sticky experiment buckets. */
  visitorId: string;
  /** Visits before the current one. */
  visits: number;
  /** Model ids viewed, most recent first. */
  modelsViewed: string[];
  /** Whether the visitor opened a finance quote. */
  financeInterest: boolean;
  /** Id of the last saved configuration, to offer resuming it. */
  lastConfiguration: string | null;
}

const payloadSchema = z.tuple([
  z.string().min(1).max(64),
  z.number().int().min(0),
  z.array(z.string().max(64)).max(MAX_MODELS_VIEWED),
  z.union([z.literal(0), z.literal(1)]),
  z.string().max(64).nullable(),
  z.number().int(),
]);

const encoder = new TextEncoder();

const toBase64Url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");

const fromBase64Url = (text: string): Uint8Array<ArrayBuffer> | null => {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
};

/**
 * The HMAC-SHA256 key of the visitor cookie, from a Worker secret of at least 32 bytes.
 * @example const key = await importVisitorKey(env.VISITOR_COOKIE_SECRET)
 */
export async function importVisitorKey(secret: string): Promise<CryptoKey> {
  if (encoder.encode(secret).length < 32) throw new RangeError("a visitor cookie secret needs at least 32 bytes");
  return crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
    "verify",
  ]);
}

/**
 * The signed cookie value for `history`, valid until `expiresAt` (epoch ms).
 * @example await encodeVisitorCookie(key, history, Date.now() + 180 * 86_400_000) // "1.WyJ2LTEiLDMsWyJtNyJdLDEsbnVsbCwxODAwMDAwMDAwXQ.3q2…"
 */
export async function encodeVisitorCookie(key: CryptoKey, history: VisitorHistory, expiresAt: number): Promise<string> {
  const payload = [
    history.visitorId,
    history.visits,
    history.modelsViewed.slice(0, MAX_MODELS_VIEWED),
    history.financeInterest ? 1 : 0,
    history.lastConfiguration,
    Math.floor(expiresAt / 1000),
  ];
  const body = `${VERSION}.${toBase64Url(encoder.encode(JSON.stringify(payload)))}`;
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(body)));
  return `${body}.${toBase64Url(mac)}`;
}

/**
 * The history in a cookie value, or null when it is missing, of another version, tampered with,
 * malformed or expired at `now`: the visitor is then treated as new.
 * @example await verifyVisitorCookie(key, cookie, Date.now())?.visits // 3
 * @example await verifyVisitorCookie(key, "1.forged.value", Date.now()) // null
 */
export async function verifyVisitorCookie(
  key: CryptoKey,
  value: string | null | undefined,
  now: number,
): Promise<VisitorHistory | null> {
  const parts = value?.split(".");
  if (parts?.length !== 3 || parts[0] !== VERSION) return null;
  const [, payload = "", macText = ""] = parts;
  const mac = fromBase64Url(macText);
  const json = fromBase64Url(payload);
  if (mac?.length !== 32 || !json) return null;
  const body = encoder.encode(`${VERSION}.${payload}`);
  if (!(await crypto.subtle.verify("HMAC", key, mac, body))) return null;
  let parsed: z.infer<typeof payloadSchema>;
  try {
    parsed = payloadSchema.parse(JSON.parse(new TextDecoder().decode(json)));
  } catch {
    return null;
  }
  const [visitorId, visits, modelsViewed, finance, lastConfiguration, expiresAtSeconds] = parsed;
  if (expiresAtSeconds * 1000 <= now) return null;
  return { visitorId, visits, modelsViewed, financeInterest: finance === 1, lastConfiguration };
}
