import type { z } from "@hono/zod-openapi";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it, vi } from "vitest";
import { generatePartnerKey } from "../../domain/insurance/signature.ts";
import { createInsuranceSimulator, type SimulatorOptions } from "../../domain/insurance/simulator.ts";
import type { Problem } from "../problem.ts";
import type { FinanceQuoteSchema, InsuranceQuoteSchema, SubscriptionQuoteSchema } from "../schemas/finance.ts";
import { finance, financeRoutes } from "./finance.ts";

const NOW = Date.parse("2026-11-28T02:00:00Z");
const key = await generatePartnerKey();
const withInsurer = (options: Partial<SimulatorOptions> = {}, routeOptions = {}) =>
  financeRoutes({
    now: () => NOW,
    insuranceTimeoutMs: 500,
    insurer: async () => ({
      key,
      partner: createInsuranceSimulator({ key, seed: 1, latencyMs: { min: 0, max: 2 }, now: () => NOW, ...options }),
    }),
    ...routeOptions,
  });
const get = async <T = Problem>(
  path: string,
  app: { request: (path: string) => Response | Promise<Response> } = finance,
) => {
  const response = await app.request(path);
  return {
    status: response.status,
    type: response.headers.get("content-type"),
    body: (await response.json()) as T,
    response,
  };
};
type Quote = z.infer<typeof FinanceQuoteSchema>;
type Subscriptions = { quotes: z.infer<typeof SubscriptionQuoteSchema>[] };
type Insurance = z.infer<typeof InsuranceQuoteSchema>;
const LOAN = "/finance/quote?priceFen=20000000&downPaymentPercent=30&months=36";
const CAR = "/insurance/quote?priceFen=20000000&seats=5&usage=family&city=440300&powertrain=BEV";

describe("GET /finance/quote", () => {
  it("quotes 70 % of a ¥200,000 car over 36 months at the standard rate with its schedule", async () => {
    const { status, body } = await get<Quote>(`${LOAN}&plan=equal-instalment&date=2026-09-01`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      loanFen: 14_000_000,
      monthlyPaymentFen: 419_530,
      rate: { kind: "apr", bp: 499 },
      aprPercent: 4.99,
      campaign: null,
    });
    expect(body.schedule).toHaveLength(36);
    expect(body.schedule[35]).toMatchObject({ period: 36, remainingFen: 0 });
  });

  it("gives a Pip buyer the 0 % campaign in November", async () => {
    const { body } = await get<Quote>(`${LOAN.replace("36", "24")}&trimId=verdo-v1:joy&date=2026-11-28`);
    expect(body.campaign?.id).toBe("pip-zero-apr");
    expect(body.totalInterestFen).toBe(0);
    expect(body.aprPercent).toBe(0);
  });

  it("shows a flat-rate campaign with its true APR", async () => {
    const { body } = await get<Quote>(`${LOAN}&date=2026-10-15`);
    expect(body.rate).toEqual({ kind: "flat", bp: 250 });
    expect(body.aprPercent).toBe(4.76);
  });

  it("prices today's campaigns when no date is given", async () => {
    const app = financeRoutes({ now: () => Date.parse("2026-12-15T02:00:00Z") });
    const { body } = await get<Quote>(`${LOAN}&plan=balloon&balloonPercent=30`, app);
    expect(body.campaign?.id).toBe("year-end-balloon");
    expect(body.balloonFen).toBe(6_000_000);
  });

  it("answers a malformed query with 400 and the fields to fix", async () => {
    const { status, type, body } = await get(
      "/finance/quote?priceFen=abc&months=13&downPaymentPercent=120&date=2026-02-30",
    );
    expect(status).toBe(400);
    expect(type).toContain("application/problem+json");
    expect(body.errors?.map((e: { path: string }) => e.path).sort()).toEqual([
      "query.date",
      "query.downPaymentPercent",
      "query.months",
      "query.priceFen",
    ]);
  });

  it("answers values that do not make a loan together with 422", async () => {
    const balloon = await get(`${LOAN}&plan=equal-instalment&balloonPercent=30`);
    expect(balloon.status).toBe(422);
    expect(balloon.body).toMatchObject({
      type: "https://marque.dev/problems/quote-not-possible",
      errors: [{ path: "query.balloonPercent" }],
    });
    const battery = await get(`${LOAN}&batteryPriceFen=20000000`);
    expect(battery.body.errors).toEqual([{ path: "query.batteryPriceFen", message: expect.stringContaining("电池") }]);
  });
});

describe("GET /finance/schedule.csv", () => {
  it("downloads the schedule as UTF-8 CSV with a byte-order mark for Excel", async () => {
    const response = await finance.request(
      `${LOAN}&date=2026-09-01`.replace("/finance/quote", "/finance/schedule.csv"),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toContain("filename*=UTF-8''%E8%BF%98");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).split("\r\n");
    expect(lines[0]).toContain("月供(元) Payment (CNY)");
    expect(lines[1]).toBe("1,4195.30,3613.13,582.17,136386.87");
    expect(lines).toHaveLength(38);
  });

  it("refuses an impossible loan as the quote does", async () => {
    const response = await finance.request("/finance/schedule.csv?priceFen=20000000&downPaymentPercent=100");
    expect(response.status).toBe(422);
  });
});

describe("GET /finance/subscriptions", () => {
  it("costs every plan for the distance, cheapest per km first", async () => {
    const { status, body } = await get<Subscriptions>("/finance/subscriptions?kmPerMonth=2500");
    expect(status).toBe(200);
    const perKm = body.quotes.map((q: { costPerKmFen: number }) => q.costPerKmFen);
    expect(perKm).toEqual([...perKm].sort((a, b) => a - b));
    expect(body.quotes).toHaveLength(3);
  });
});

describe("GET /insurance/quote", () => {
  it("returns the partner's verified quote with its id, validity and signature", async () => {
    const { status, body, response } = await get<Insurance>(CAR, withInsurer());
    expect(status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(body).toMatchObject({
      quoteId: expect.stringMatching(/^INS-/),
      validUntil: "2026-11-28T02:30:00.000Z",
      city: { name: "深圳市", tier: "1" },
      compulsoryFen: 95_000,
      totalFen: 614_640,
      newEnergy: true,
      signature: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(body.wording.name.zh).toBe("新能源汽车商业保险专属条款（试行）");
    expect(body).not.toHaveProperty("request");
  });

  it("works with the store's own simulator and no configuration", async () => {
    const { status, body } = await get<Insurance>(CAR);
    expect(status).toBe(200);
    expect(body.totalFen).toBe(614_640);
  });

  it("answers a malformed query with 400 and the fields to fix", async () => {
    const { status, body } = await get("/insurance/quote?priceFen=1000&city=abc&seats=12&thirdPartyLevel=150");
    expect(status).toBe(400);
    expect(body.errors?.map((e: { path: string }) => e.path).sort()).toEqual([
      "query.city",
      "query.seats",
      "query.thirdPartyLevel",
    ]);
  });

  it("answers 422 when the partner cannot insure the car", async () => {
    const { status, body } = await get(CAR.replace("440300", "999999"), withInsurer());
    expect(status).toBe(422);
    expect(body.errors).toEqual([{ path: "query.city", message: expect.stringContaining("城市") }]);
  });

  it("answers 503 with Retry-After when the partner fails or does not answer in time", async () => {
    for (const insurer of [withInsurer({ failureRate: 1 }), withInsurer({ timeoutRate: 1, hangMs: 60_000 })]) {
      const { status, body, response } = await get(CAR, insurer);
      expect(status).toBe(503);
      expect(body.type).toBe("https://marque.dev/problems/partner-unavailable");
      expect(response.headers.get("retry-after")).toBe("5");
    }
  });

  it("refuses and logs an answer not signed with the partner's key", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const impostor = financeRoutes({
      insurer: async () => ({
        key,
        partner: createInsuranceSimulator({ key: await generatePartnerKey(), seed: 1, latencyMs: { min: 0, max: 0 } }),
      }),
    });
    const { status, body } = await get(CAR, impostor);
    expect(status).toBe(502);
    expect(body.type).toBe("https://marque.dev/problems/partner-invalid-response");
    expect(errors).toHaveBeenCalledWith(expect.stringContaining("bad-signature"));
    errors.mockRestore();
  });
});

describe("the finance routes' OpenAPI", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const document = finance.getOpenAPI31Document({ openapi: "3.1.0", info: { title: "finance", version: "0" } });
    const result = await new Validator().validate(document as never);
    expect(result.errors ?? []).toEqual([]);
  });
});
