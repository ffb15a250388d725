import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generatePartnerKey, importPartnerKey, sign, verify } from "./signature.ts";

describe("HMAC signatures", () => {
  it("agrees with an independent HMAC-SHA256 (Python's hmac module)", async () => {
    const secret = "Jefe".repeat(8);
    const key = await importPartnerKey(secret);
    const signature = await sign(key, "what do ya want for nothing?");
    expect(signature).toBe("167f928588c5cc2eef8e3093caa0e87c9ff566a14794aa61648d81621a2a40c6");
    expect(await verify(key, "what do ya want for nothing?", signature)).toBe(true);
  });

  it("detects a changed body, a changed signature and another key", async () => {
    const key = await generatePartnerKey();
    const signature = await sign(key, '{"totalFen":614640}');
    expect(await verify(key, '{"totalFen":1}', signature)).toBe(false);
    const flipped = (signature[0] === "0" ? "1" : "0") + signature.slice(1);
    expect(await verify(key, '{"totalFen":614640}', flipped)).toBe(false);
    expect(await verify(key, '{"totalFen":614640}', signature.slice(2))).toBe(false);
    expect(await verify(await generatePartnerKey(), '{"totalFen":614640}', signature)).toBe(false);
  });

  it("detects any one changed character of a body", async () => {
    const key = await generatePartnerKey();
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1 }),
        fc.nat(),
        fc.string({ minLength: 1, maxLength: 1 }),
        async (body, at, c) => {
          const i = at % body.length;
          const changed = body.slice(0, i) + c + body.slice(i + 1);
          fc.pre(changed !== body);
          return !(await verify(key, changed, await sign(key, body)));
        },
      ),
      { numRuns: 50 },
    );
  });

  it("refuses a short shared secret", async () => {
    await expect(importPartnerKey("short")).rejects.toThrow(RangeError);
  });
});
