import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

const api = (path: string, init?: RequestInit) => exports.default.fetch(new Request(`http://store.test${path}`, init));

describe("API conventions", () => {
  it("answers an unknown route with a 404 problem+json that carries the request id", async () => {
    const response = await api("/api/no-such-thing");
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const body = await response.json<{ type: string; status: number; requestId: string; instance: string }>();
    expect(body).toMatchObject({ status: 404, instance: "/api/no-such-thing" });
    expect(body.type).toMatch(/not-found$/);
    expect(body.requestId).toBe(response.headers.get("x-request-id"));
  });

  it("sets security headers on API responses", async () => {
    const response = await api("/api/brands");
    expect(response.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(response.headers.get("content-security-policy")).not.toContain("unsafe-inline");
    expect(response.headers.get("strict-transport-security")).toContain("max-age=");
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  });

  it("publishes a valid OpenAPI 3.1 document", async () => {
    const response = await api("/api/openapi.json");
    const doc = await response.json<{
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: object };
    }>();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/brands",
        "/api/models",
        "/api/models/{slug}",
        "/api/dealers",
        "/api/events",
        "/api/search",
        "/api/test-drives",
        "/api/finance/quote",
        "/api/insurance/quote",
      ]),
    );
    expect(doc.components.schemas).toHaveProperty("Problem");
  });

  it("rejects a body that is not JSON with 415, and writes nothing", async () => {
    const response = await api("/api/events", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "hi",
    });
    expect(response.status).toBe(415);
    expect((await response.json<{ type: string }>()).type).toMatch(/unsupported-media-type$/);
  });

  it("lets a DELETE without a body reach its handler, as browsers send it (no content-length)", async () => {
    const response = await api("/api/test-drives/no-such-booking?token=x", { method: "DELETE" });
    expect(response.status).not.toBe(415);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
  });

  it("rejects malformed JSON with 400", async () => {
    const response = await api("/api/events", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"events": [',
    });
    expect(response.status).toBe(400);
    expect((await response.json<{ type: string }>()).type).toMatch(/malformed-json$/);
  });

  it("rejects a body over 1 MB with 413", async () => {
    const response = await api("/api/events", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ events: [], padding: "x".repeat(1024 * 1024 + 10) }),
    });
    expect(response.status).toBe(413);
    expect(response.headers.get("content-type")).toMatch(/problem\+json/);
  });

  it("lists every invalid field of a request with its path", async () => {
    const response = await api("/api/dealers?city=abc&lat=91&limit=1000");
    expect(response.status).toBe(400);
    const body = await response.json<{ errors: { path: string }[] }>();
    expect(new Set(body.errors.map((e) => e.path))).toEqual(new Set(["query.city", "query.lat", "query.limit"]));
  });

  it("reports every binding healthy", async () => {
    const response = await api("/api/health");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", checks: { d1: "ok", kv: "ok", r2: "ok" } });
  });

  it("has the D1 schema applied", async () => {
    const tables = await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all<{ name: string }>();
    expect(tables.results.map((t) => t.name)).toEqual(expect.arrayContaining(["trims", "dealers", "analytics_events"]));
  });
});
