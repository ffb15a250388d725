import { env, exports } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";

const api = (path: string, init?: RequestInit) => exports.default.fetch(new Request(`http://store.test${path}`, init));

const event = (id: string) => ({ id, type: "page.view", occurredAt: "2026-11-28T12:00:00.000Z", path: "/models" });

describe("analytics queue", () => {
  it("lands events posted to the API in D1, once each even when sent twice", async () => {
    const ids = [crypto.randomUUID(), crypto.randomUUID()];
    const post = () =>
      api("/api/events", {
        method: "POST",
        headers: { "content-type": "application/json", "cf-connecting-ip": "203.0.113.7" },
        body: JSON.stringify({ events: ids.map(event) }),
      });
    expect((await post()).status).toBe(202);
    expect((await post()).status).toBe(202);
    await vi.waitFor(
      async () => {
        const { results } = await env.DB.prepare("SELECT id, type, path FROM analytics_events ORDER BY id").all();
        expect(results).toEqual(ids.sort().map((id) => ({ id, type: "page.view", path: "/models" })));
      },
      { timeout: 15_000, interval: 200 },
    );
  });

  it("refuses an invalid event with field errors and queues nothing", async () => {
    const response = await api("/api/events", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ events: [{ ...event("not-a-uuid"), type: "DROP TABLE" }] }),
    });
    expect(response.status).toBe(400);
    const body = await response.json<{ errors: { path: string }[] }>();
    expect(body.errors.map((e) => e.path)).toEqual(["json.events.0.id", "json.events.0.type"]);
  });
});

describe("RiskGuard durable object", () => {
  it("allows hits up to the limit, then blocks with a retry time", async () => {
    const guard = env.RISK_GUARD.get(env.RISK_GUARD.idFromName("test:limit"));
    const limit = { limit: 3, windowMs: 60_000 };
    const decisions = [];
    for (let i = 0; i < 4; i++) decisions.push(await guard.hit("login", limit, 1_000 + i));
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false]);
    expect(decisions[3]?.retryAfterMs).toBe(60_000 - 3);
    expect((await guard.hit("login", limit, 61_001)).allowed).toBe(true);
    expect(await guard.count("login")).toBe(2);
  });

  it("answers 429 with Retry-After when one IP floods the events API", async () => {
    const send = () =>
      api("/api/events", {
        method: "POST",
        headers: { "content-type": "application/json", "cf-connecting-ip": "198.51.100.9" },
        body: JSON.stringify({ events: [event(crypto.randomUUID())] }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 121; i++) statuses.push((await send()).status);
    expect(statuses.filter((s) => s === 202)).toHaveLength(120);
    const blocked = await send();
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("media from R2", () => {
  const key = "images/0123456789abcdef.svg";
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>t</title></svg>`;

  it("serves an object with its ETag and a year of immutable caching, and revalidates with 304", async () => {
    await env.MEDIA.put(key, svg, { httpMetadata: { contentType: "image/svg+xml" } });
    const response = await api(`/api/media/${key}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/svg+xml");
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(await response.text()).toBe(svg);
    const etag = response.headers.get("etag") ?? "";
    expect(etag).toMatch(/^".+"$/);
    const again = await api(`/api/media/${key}`, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
  });

  it("serves byte ranges", async () => {
    await env.MEDIA.put(key, svg, { httpMetadata: { contentType: "image/svg+xml" } });
    const response = await api(`/api/media/${key}`, { headers: { range: "bytes=0-9" } });
    expect(response.status).toBe(206);
    expect(response.headers.get("content-range")).toBe(`bytes 0-9/${svg.length}`);
    expect(await response.text()).toBe(svg.slice(0, 10));
  });

  it("answers 404 for a missing object and 400 for a key that is not content-hashed", async () => {
    expect((await api("/api/media/images/ffffffffffffffff.svg")).status).toBe(404);
    expect((await api("/api/media/images/..%2Fsecret.svg")).status).toBe(400);
  });
});
