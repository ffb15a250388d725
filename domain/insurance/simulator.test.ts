import { describe, expect, it } from "vitest";
import { type PartnerQuote, requestQuote, verifyQuote } from "./partner.ts";
import type { InsuranceRequest } from "./quote.ts";
import { generatePartnerKey } from "./signature.ts";
import { createInsuranceSimulator, type SimulatorOptions } from "./simulator.ts";

const request: InsuranceRequest = {
  priceFen: 20_000_000,
  seats: 5,
  usage: "family",
  cityCode: "440300",
  powertrain: "BEV",
  thirdPartyLevel: 200,
  seatCoverFen: 1_000_000,
  record: "new",
};
const NOW = Date.parse("2026-11-28T10:00:00Z");
const key = await generatePartnerKey();
const fast = { latencyMs: { min: 0, max: 2 }, now: () => NOW };
const simulator = (options: Partial<SimulatorOptions> = {}) =>
  createInsuranceSimulator({ key, seed: 42, ...fast, ...options });
const ask = (partner = simulator(), timeoutMs = 1_000) =>
  requestQuote(partner, key, request, { timeoutMs, now: () => NOW });

describe("the insurance partner simulator", () => {
  it("answers with a signed quote that has an id and a validity window", async () => {
    const result = await ask();
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.quote.quoteId).toMatch(/^INS-[0-9A-F]{16}$/);
    expect(result.quote.issuedAt).toBe("2026-11-28T10:00:00.000Z");
    expect(result.quote.validUntil).toBe("2026-11-28T10:30:00.000Z");
    expect(result.quote.totalFen).toBe(614_640);
    expect(result.quote.request).toEqual(request);
  });

  it("gives the same answers and failures for the same seed, and others for another seed", async () => {
    const run = async (seed: number) => {
      const partner = simulator({ seed, failureRate: 0.4 });
      const outcomes: string[] = [];
      for (let i = 0; i < 12; i++) {
        const result = await partner.quote(request);
        outcomes.push(result.ok ? (JSON.parse(result.signed.body) as PartnerQuote).quoteId : result.error.kind);
      }
      return outcomes;
    };
    const first = await run(7);
    expect(await run(7)).toEqual(first);
    expect(await run(8)).not.toEqual(first);
    expect(first).toContain("unavailable");
    expect(first.some((o) => o.startsWith("INS-"))).toBe(true);
  });

  it("fails at about the configured rate", async () => {
    const partner = simulator({ latencyMs: { min: 0, max: 0 }, failureRate: 0.25 });
    const results = await Promise.all(Array.from({ length: 400 }, () => partner.quote(request)));
    const failures = results.filter((r) => !r.ok).length;
    expect(failures).toBeGreaterThan(60);
    expect(failures).toBeLessThan(140);
  });

  it("surfaces a failure as a typed 'unavailable' error", async () => {
    const result = await ask(simulator({ failureRate: 1 }));
    expect(result).toMatchObject({ ok: false, error: { kind: "unavailable" } });
  });

  it("turns a hang into a typed timeout at the caller's deadline and cancels it", async () => {
    const started = performance.now();
    const result = await ask(simulator({ timeoutRate: 1, hangMs: 60_000 }), 30);
    expect(result).toMatchObject({ ok: false, error: { kind: "timeout" } });
    expect(performance.now() - started).toBeLessThan(60_000);
  });

  it("takes its configured latency", async () => {
    const started = performance.now();
    await ask(simulator({ latencyMs: { min: 40, max: 40 } }));
    expect(performance.now() - started).toBeGreaterThanOrEqual(35);
  });

  it("rejects an impossible request with the fields to fix", async () => {
    const result = await requestQuote(
      simulator(),
      key,
      { ...request, cityCode: "000000" },
      { timeoutMs: 1_000, now: () => NOW },
    );
    expect(result).toMatchObject({ ok: false, error: { kind: "rejected", issues: [{ field: "cityCode" }] } });
  });
});

describe("verifyQuote", () => {
  const signedQuote = async () => {
    const result = await simulator().quote(request);
    if (!result.ok) throw new Error("the simulator should answer");
    return result.signed;
  };

  it("detects a tampered premium, a forged signature and another partner's key", async () => {
    const signed = await signedQuote();
    const cheaper = { ...signed, body: signed.body.replace('"totalFen":614640', '"totalFen":100') };
    expect(cheaper.body).not.toBe(signed.body);
    expect(await verifyQuote(key, cheaper, request, NOW)).toMatchObject({ error: { kind: "bad-signature" } });
    expect(await verifyQuote(key, { ...signed, signature: "0".repeat(64) }, request, NOW)).toMatchObject({
      error: { kind: "bad-signature" },
    });
    expect(await verifyQuote(await generatePartnerKey(), signed, request, NOW)).toMatchObject({
      error: { kind: "bad-signature" },
    });
    expect(await verifyQuote(key, signed, request, NOW)).toMatchObject({ ok: true });
  });

  it("refuses a quote after its validity window and a quote for another request", async () => {
    const signed = await signedQuote();
    expect(await verifyQuote(key, signed, request, NOW + 30 * 60_000)).toMatchObject({ error: { kind: "expired" } });
    expect(await verifyQuote(key, signed, { ...request, seats: 7 }, NOW)).toMatchObject({
      error: { kind: "mismatch" },
    });
  });
});
