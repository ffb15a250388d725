import { describe, expect, it } from "vitest";
import { decrypt, encrypt, phoneIndex, piiKeys, signToken, verifyToken } from "./pii.ts";

const secret = (fill: number) => btoa(String.fromCharCode(...new Uint8Array(32).fill(fill)));
const keys = await piiKeys(secret(7));
const otherKeys = await piiKeys(secret(8));

describe("personal data encryption", () => {
  it("round-trips Chinese text and never writes the plaintext", async () => {
    const sealed = await encrypt(keys, "张三 +8613800138000");
    expect(sealed).toMatch(/^v1\.[\w-]{16}\.[\w-]+$/);
    expect(sealed).not.toContain("13800138000");
    expect(await decrypt(keys, sealed)).toBe("张三 +8613800138000");
  });

  it("uses a fresh IV each time, so equal values do not look equal at rest", async () => {
    const a = await encrypt(keys, "+8613800138000");
    const b = await encrypt(keys, "+8613800138000");
    expect(a.split(".")[1]).not.toBe(b.split(".")[1]);
    expect(a).not.toBe(b);
  });

  it("refuses a ciphertext that was tampered with or sealed under another key", async () => {
    const sealed = await encrypt(keys, "+8613800138000");
    const last = sealed.at(-1) === "A" ? "B" : "A";
    await expect(decrypt(keys, sealed.slice(0, -1) + last)).rejects.toThrow();
    await expect(decrypt(otherKeys, sealed)).rejects.toThrow();
    await expect(decrypt(keys, "plain text")).rejects.toThrow(/v1/);
  });

  it("refuses a missing or short PII_KEY", async () => {
    await expect(piiKeys(undefined)).rejects.toThrow(/PII_KEY is not set/);
    await expect(piiKeys(btoa("too short"))).rejects.toThrow(/32 random bytes/);
  });
});

describe("phone blind index", () => {
  it("finds the same number however it was typed, and differs between numbers and keys", async () => {
    const index = await phoneIndex(keys, "+8613800138000");
    expect(await phoneIndex(keys, "138 0013 8000")).toBe(index);
    expect(await phoneIndex(keys, "0086-138-0013-8000")).toBe(index);
    expect(await phoneIndex(keys, "13900139000")).not.toBe(index);
    expect(await phoneIndex(otherKeys, "13800138000")).not.toBe(index);
    expect(index).not.toContain("138");
  });

  it("refuses a number that is not a mainland mobile", async () => {
    await expect(phoneIndex(keys, "010-12345678")).rejects.toThrow(TypeError);
  });
});

describe("manage tokens", () => {
  it("verifies a token only for the subject and key it was signed for", async () => {
    const token = await signToken(keys, "test-drive:td_1");
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(await signToken(keys, "test-drive:td_1")).toBe(token);
    expect(await verifyToken(keys, "test-drive:td_1", token)).toBe(true);
    expect(await verifyToken(keys, "test-drive:td_2", token)).toBe(false);
    expect(await verifyToken(otherKeys, "test-drive:td_1", token)).toBe(false);
    expect(await verifyToken(keys, "test-drive:td_1", "not a token")).toBe(false);
  });
});
