import { createHmac, hkdfSync } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  parseSignatureHeader,
  SIGNATURE_TOLERANCE_SECONDS,
  signWebhook,
  verifyWebhook,
  webhookKey,
} from "./signature.ts";

const SECRET = "a-local-webhook-secret-of-at-least-32-bytes";
const NOW = Date.parse("2026-11-29T02:00:00Z");
const T = NOW / 1000;

/** The same signature computed with Node's own crypto, independently of WebCrypto. */
function nodeSignature(secret: string, channel: string, body: string, t: number): string {
  const key = Buffer.from(hkdfSync("sha256", secret, Buffer.alloc(0), `marque-webhook:${channel}`, 32));
  return `t=${t},v1=${createHmac("sha256", key).update(`${t}.${body}`).digest("hex")}`;
}

describe("webhook signatures", () => {
  it("agree with an independent HKDF + HMAC-SHA256 (node:crypto)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string(),
        fc.constantFrom("alipay-sim", "unionpay-sim"),
        fc.nat(4_000_000_000),
        async (body, channel, t) => {
          expect(await signWebhook(await webhookKey(SECRET, channel), body, t)).toBe(
            nodeSignature(SECRET, channel, body, t),
          );
        },
      ),
      { numRuns: 50 },
    );
  });

  it("verify their own signature within the tolerance, either way", async () => {
    const key = await webhookKey(SECRET, "alipay-sim");
    await fc.assert(
      fc.asyncProperty(
        fc.string(),
        fc.integer({ min: -SIGNATURE_TOLERANCE_SECONDS, max: SIGNATURE_TOLERANCE_SECONDS }),
        async (body, skew) => {
          const header = await signWebhook(key, body, T + skew);
          expect(await verifyWebhook(key, header, body, NOW)).toEqual({ ok: true, timestamp: T + skew });
        },
      ),
      { numRuns: 50 },
    );
  });

  it("refuse a timestamp beyond the tolerance as stale, whatever the signature", async () => {
    const key = await webhookKey(SECRET, "alipay-sim");
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: SIGNATURE_TOLERANCE_SECONDS + 1, max: 10 ** 7 }),
        fc.boolean(),
        async (skew, future) => {
          const header = await signWebhook(key, "{}", T + (future ? skew : -skew));
          expect(await verifyWebhook(key, header, "{}", NOW)).toMatchObject({ ok: false, reason: "stale" });
        },
      ),
      { numRuns: 50 },
    );
  });

  it("refuse any one changed character of the body", async () => {
    const key = await webhookKey(SECRET, "alipay-sim");
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1 }),
        fc.nat(),
        fc.string({ minLength: 1, maxLength: 1 }),
        async (body, at, c) => {
          const i = at % body.length;
          const changed = body.slice(0, i) + c + body.slice(i + 1);
          fc.pre(changed !== body);
          const header = await signWebhook(key, body, T);
          expect(await verifyWebhook(key, header, changed, NOW)).toMatchObject({ ok: false, reason: "bad-signature" });
        },
      ),
      { numRuns: 50 },
    );
  });

  it("refuse another secret's and another channel's signature, and a missing or malformed header", async () => {
    const key = await webhookKey(SECRET, "alipay-sim");
    const other = await signWebhook(await webhookKey(`${SECRET}!`, "alipay-sim"), "{}", T);
    const otherChannel = await signWebhook(await webhookKey(SECRET, "unionpay-sim"), "{}", T);
    expect(await verifyWebhook(key, other, "{}", NOW)).toMatchObject({ reason: "bad-signature" });
    expect(await verifyWebhook(key, otherChannel, "{}", NOW)).toMatchObject({ reason: "bad-signature" });
    expect(await verifyWebhook(key, null, "{}", NOW)).toMatchObject({ reason: "unsigned" });
    for (const header of ["t=1", `v1=${"a".repeat(64)}`, `t=x,v1=${"a".repeat(64)}`, `t=${T},v1=ABC`, "garbage"]) {
      expect(await verifyWebhook(key, header, "{}", NOW)).toMatchObject({ reason: "malformed-signature" });
    }
  });

  it("accept one matching v1 among several (while a secret is rotated)", async () => {
    const key = await webhookKey(SECRET, "alipay-sim");
    const good = (await signWebhook(key, "{}", T)).split("v1=")[1];
    const header = `t=${T},v1=${"0".repeat(64)},v1=${good}`;
    expect(parseSignatureHeader(header)?.signatures).toHaveLength(2);
    expect(await verifyWebhook(key, header, "{}", NOW)).toMatchObject({ ok: true });
  });

  it("refuse a short secret", async () => {
    await expect(webhookKey("short", "alipay-sim")).rejects.toThrow(RangeError);
  });
});
