import { env } from "cloudflare:workers";
import { OpenAPIHono } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import { PAYMENT_FAILURES, RAPID_CONFIGURATION, RATE_LIMITS } from "../../domain/risk/thresholds.ts";
import { app } from "../../worker/app.ts";
import type { AppEnv } from "../../worker/env.ts";
import { phoneIndex, piiKeys, signToken } from "../../worker/pii.ts";
import { assessRisk, riskGate } from "../../worker/risk.ts";

/** A checkout stand-in guarded as the orders route guards its own. */
const checkout = new OpenAPIHono<AppEnv>().post("/api/checkout", riskGate("checkout"), (c) => c.json({ ok: true }));

type Problem = {
  type: string;
  status: number;
  detail?: string;
  rule?: string;
  retryAfterSeconds?: number;
  errors?: { path: string }[];
};
type RiskRow = { principal: string; action: string; outcome: string; rule: string; detail: string };

let sequence = 0;
const nextPhone = () => `136${String(++sequence).padStart(8, "0")}`;
const nextDevice = () => `device${String(++sequence).padStart(16, "0")}`;
const BEIJING = { country: "CN", city: "Beijing", region: "Beijing" };
const URUMQI = { country: "CN", city: "Urumqi", region: "Xinjiang" };

interface CallInit {
  body?: unknown;
  session?: string;
  device?: string;
  ip?: string;
  cf?: Record<string, string>;
}

async function call<T>(
  path: string,
  init: CallInit & { method?: string } = {},
  router: { request: typeof app.request } = app,
) {
  const headers: Record<string, string> = { "cf-connecting-ip": init.ip ?? `198.51.100.${++sequence % 250}` };
  if (init.body !== undefined) headers["content-type"] = "application/json";
  const cookies = [init.session && `marque_session=${init.session}`, init.device && `marque_device=${init.device}`];
  if (cookies.some(Boolean)) headers.cookie = cookies.filter(Boolean).join("; ");
  const response = await router.request(
    `https://store.test${path}`,
    {
      method: init.method ?? "POST",
      headers,
      ...(init.method !== "GET" && { body: JSON.stringify(init.body ?? {}) }),
      ...(init.cf && { cf: init.cf }),
    },
    env,
  );
  const setCookie = response.headers.get("set-cookie") ?? "";
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as T,
    session: /marque_session=([^;]*)/.exec(setCookie)?.[1],
    device: /marque_device=([^;]*)/.exec(setCookie)?.[1],
  };
}

async function rows<T = RiskRow>(sql: string, ...params: unknown[]) {
  return (
    await env.DB.prepare(sql)
      .bind(...params)
      .all<T>()
  ).results;
}

const eventsOf = (principal: string) =>
  rows(
    "SELECT principal, action, outcome, rule, detail FROM risk_events WHERE principal = ? ORDER BY at, rowid",
    principal,
  );

/** Signs `phone` in with a planted code, as the outbox would deliver it. */
async function signIn(phone: string, init: Omit<CallInit, "body"> = {}) {
  const keys = await piiKeys(env.PII_KEY);
  const id = `otc_risk_${++sequence}`;
  await env.DB.prepare(
    `INSERT INTO one_time_codes (id, phone_index, purpose, code_hash, expires_at) VALUES (?1, ?2, 'login', ?3, ?4)
     ON CONFLICT (phone_index, purpose) DO UPDATE SET id = ?1, code_hash = ?3, expires_at = ?4, attempts = 0, consumed_at = NULL`,
  )
    .bind(
      id,
      await phoneIndex(keys, phone),
      await signToken(keys, `one-time-code:${id}:123456`),
      new Date(Date.now() + 300_000).toISOString(),
    )
    .run();
  return call<{ user: { id: string; steppedUpAt: string | null } } & Problem>("/api/auth/verify", {
    ...init,
    body: { phone, code: "123456" },
  });
}

const validate = (init: CallInit = {}) =>
  call<Problem>("/api/configurations/validate", {
    ...init,
    body: { model: "no-such-model", version: 1, options: ["PAINT"], priceFen: 0 },
  });

describe("rules, as the routes meet them", () => {
  it("challenges a device checking configurations unusually fast, and records it for ops", async () => {
    const device = nextDevice();
    const answers = [];
    for (let i = 0; i <= RAPID_CONFIGURATION.challengeAbove; i++) answers.push(await validate({ device }));
    expect(answers.slice(0, -1).map((a) => a.status)).toEqual(Array(RAPID_CONFIGURATION.challengeAbove).fill(404));
    const challenged = answers.at(-1);
    expect(challenged?.status).toBe(403);
    expect(challenged?.headers.get("content-type")).toContain("application/problem+json");
    expect(challenged?.body).toMatchObject({
      type: "https://marque.dev/problems/risk-challenge",
      rule: "rapid-configuration",
    });
    expect(challenged?.body.detail).toMatch(/^配置操作异常频繁.* \/ Configurations are changing unusually fast/);
    const [event] = await eventsOf(`device:${device}`);
    expect(event).toMatchObject({ action: "configure", outcome: "challenge", rule: "rapid-configuration" });
    expect(JSON.parse(event?.detail ?? "{}")).toMatchObject({ count: RAPID_CONFIGURATION.challengeAbove + 1 });
  });

  it("gives a new device a cookie, and counts it from then on", async () => {
    const first = await validate();
    expect(first.device).toMatch(/^[\w-]{22}$/);
    const guard = env.RISK_GUARD.get(env.RISK_GUARD.idFromName(`device:${first.device}`));
    expect(await guard.remembered("configure")).toBe(0);
    const again = await validate({ device: first.device });
    expect(again.device).toBeUndefined();
    expect(await guard.remembered("configure")).toBe(1);
  });

  it("signs in from Urumqi an hour's flight from Beijing without confirming the session, and tells ops", async () => {
    const phone = nextPhone();
    const first = await signIn(phone, { cf: BEIJING });
    expect(first.body.user.steppedUpAt).not.toBeNull();
    const second = await signIn(phone, { cf: URUMQI });
    expect(second.status).toBe(200);
    expect(second.session).toBeDefined();
    expect(second.body.user.steppedUpAt).toBeNull();
    const [event] = await eventsOf(`user:${second.body.user.id}`);
    expect(event).toMatchObject({ action: "login", outcome: "challenge", rule: "impossible-travel" });
    expect(JSON.parse(event?.detail ?? "{}")).toMatchObject({ from: "北京市", to: "乌鲁木齐市" });
    expect(event?.detail).not.toContain(phone.slice(3));
    expect((await call<Problem>("/api/checkout", { session: second.session }, checkout)).body.rule).toBe(
      "impossible-travel",
    );
  });

  it("ignores sign-ins from unknown places", async () => {
    const phone = nextPhone();
    await signIn(phone, { cf: BEIJING });
    const unknown = await signIn(phone);
    expect(unknown.body.user.steppedUpAt).not.toBeNull();
    expect(await eventsOf(`user:${unknown.body.user.id}`)).toEqual([]);
  });

  it("confirms three accounts on one device, challenges the 4th and 5th, refuses the 6th with 429 and Retry-After", async () => {
    const device = nextDevice();
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await signIn(nextPhone(), { device }));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 429]);
    expect(answers.slice(0, 5).map((a) => a.body.user.steppedUpAt !== null)).toEqual([true, true, true, false, false]);
    const refused = answers[5];
    expect(refused?.session).toBeUndefined();
    expect(refused?.body).toMatchObject({ type: "https://marque.dev/problems/risk-blocked", rule: "many-accounts" });
    const retryAfter = Number(refused?.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(24 * 3600);
    const events = await eventsOf(`device:${device}`);
    expect(events.map((e) => [e.outcome, e.rule])).toEqual([
      ["challenge", "many-accounts"],
      ["challenge", "many-accounts"],
      ["block", "many-accounts"],
    ]);
  });

  it("challenges checkout after three failed payments and blocks it after five, with Retry-After", async () => {
    const { session, body } = await signIn(nextPhone());
    const principals = { user: body.user.id };
    const now = Date.now();
    const outcomes = [];
    for (let i = 0; i < PAYMENT_FAILURES.blockAt; i++)
      outcomes.push((await assessRisk(env, principals, { action: "payment_failed" }, now + i)).outcome);
    expect(outcomes).toEqual(["allow", "allow", "challenge", "challenge", "block"]);
    const blocked = await call<Problem>("/api/checkout", { session }, checkout);
    expect(blocked.status).toBe(429);
    expect(blocked.body).toMatchObject({ type: "https://marque.dev/problems/risk-blocked", rule: "payment-failures" });
    const retryAfter = Number(blocked.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(30 * 60);
    expect(blocked.body.retryAfterSeconds).toBe(retryAfter);
    const events = await eventsOf(`user:${body.user.id}`);
    expect(events.map((e) => `${e.action}:${e.outcome}`)).toEqual([
      "payment_failed:allow",
      "payment_failed:allow",
      "payment_failed:challenge",
      "payment_failed:challenge",
      "payment_failed:block",
      "checkout:block",
    ]);
  });

  it("blocks past a sliding-window limit, and keeps no personal data in the event", async () => {
    const user = `usr_limit_${++sequence}`;
    const { limit } = RATE_LIMITS.login.user ?? { limit: 0 };
    const now = Date.now();
    const decided = [];
    for (let i = 0; i <= limit; i++) decided.push(await assessRisk(env, { user }, { action: "login" }, now + i));
    expect(decided.slice(0, limit).every((d) => d.outcome === "allow")).toBe(true);
    expect(decided[limit]).toMatchObject({ outcome: "block", rule: "rate-limit" });
    expect(decided[limit]?.message).toMatch(/请 60 分钟后再试 \/ .*try again in 60 min/);
    expect(await eventsOf(`user:${user}`)).toMatchObject([{ outcome: "block", rule: "rate-limit" }]);
  });
});

describe("challenge and step-up", () => {
  it("lets a challenged device through once its session confirmed a code within ten minutes, not after", async () => {
    const device = nextDevice();
    for (let i = 0; i <= RAPID_CONFIGURATION.challengeAbove; i++) await validate({ device });
    expect((await validate({ device })).status).toBe(403);
    const { session, body } = await signIn(nextPhone(), { device });
    expect((await validate({ device, session })).status).toBe(404);
    await env.DB.prepare("UPDATE sessions SET stepped_up_at = ? WHERE user_id = ?")
      .bind(new Date(Date.now() - 11 * 60_000).toISOString(), body.user.id)
      .run();
    const stale = await validate({ device, session });
    expect([stale.status, stale.body.type]).toEqual([403, "https://marque.dev/problems/risk-challenge"]);
  });
});

describe("one principal, many requests at once", () => {
  it("counts parallel signals exactly: no lost updates", async () => {
    const device = nextDevice();
    const { limit } = RATE_LIMITS.configure.device ?? { limit: 0 };
    const extra = 10;
    const now = Date.now();
    const decided = await Promise.all(
      Array.from({ length: limit + extra }, () => assessRisk(env, { device }, { action: "configure" }, now)),
    );
    const count = (outcome: string) => decided.filter((d) => d.outcome === outcome).length;
    expect([count("allow"), count("challenge"), count("block")]).toEqual([
      RAPID_CONFIGURATION.challengeAbove,
      limit - RAPID_CONFIGURATION.challengeAbove,
      extra,
    ]);
    const guard = env.RISK_GUARD.get(env.RISK_GUARD.idFromName(`device:${device}`));
    expect(await guard.remembered("configure")).toBe(limit);
  });
});

describe("GET /api/ops/risk-events", () => {
  type Page = { events: { id: string; at: string; principal: string; outcome: string }[]; next: string | null };
  const list = (query: string, session?: string) =>
    call<Page & Problem>(`/api/ops/risk-events${query}`, { method: "GET", ...(session && { session }) });

  async function opsSession() {
    const { session, body } = await signIn(nextPhone());
    await env.DB.prepare(`UPDATE users SET roles = '["shopper","ops"]' WHERE id = ?`).bind(body.user.id).run();
    return session ?? "";
  }

  async function plant(principal: string, outcomes: string[], start: number) {
    await env.DB.batch(
      outcomes.map((outcome, i) =>
        env.DB.prepare(
          "INSERT INTO risk_events (id, at, principal, action, outcome, rule, detail) VALUES (?, ?, ?, 'login', ?, 'rate-limit', '{}')",
        ).bind(
          `rsk_${crypto.randomUUID().replace(/-/g, "")}`,
          new Date(start + Math.floor(i / 2) * 1000).toISOString(),
          principal,
          outcome,
        ),
      ),
    );
  }

  it("answers 401 signed out and 403 to a shopper", async () => {
    expect((await list("")).status).toBe(401);
    const { session } = await signIn(nextPhone());
    const shopper = await list("", session);
    expect([shopper.status, shopper.body.type]).toEqual([403, "https://marque.dev/problems/forbidden"]);
    const hourly = await call<Problem>("/api/ops/risk-events/hourly", { method: "GET", session });
    expect(hourly.status).toBe(403);
  });

  it("lists newest first by principal and outcome, page after page with no event twice or missed", async () => {
    const session = await opsSession();
    const principal = `ip:192.0.2.${++sequence % 250}`;
    const outcomes = Array.from({ length: 9 }, (_, i) => (i % 3 === 0 ? "block" : "challenge"));
    await plant(principal, outcomes, Date.now() - 60_000);
    const seen: Page["events"] = [];
    let next: string | null = "";
    while (next !== null) {
      const page = await list(
        `?principal=${principal}&limit=4${next ? `&after=${encodeURIComponent(next)}` : ""}`,
        session,
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.events);
      next = page.body.next;
    }
    expect(seen).toHaveLength(9);
    expect(new Set(seen.map((e) => e.id)).size).toBe(9);
    const order = seen.map((e) => `${e.at}~${e.id}`);
    expect(order).toEqual([...order].sort().reverse());
    const blocks = await list(`?principal=${principal}&outcome=block`, session);
    expect(blocks.body.events.map((e) => e.outcome)).toEqual(["block", "block", "block"]);
    const recent = await list(`?principal=${principal}&since=${encodeURIComponent(seen[0]?.at ?? "")}`, session);
    expect(recent.body.events.every((e) => e.at === seen[0]?.at)).toBe(true);
  });

  it("counts events per hour by outcome", async () => {
    const session = await opsSession();
    const principal = `ip:192.0.2.${++sequence % 250}`;
    await plant(principal, ["block", "challenge", "challenge"], Date.now());
    const hourly = await call<{ hours: { hour: string; allow: number; challenge: number; block: number }[] }>(
      `/api/ops/risk-events/hourly?hours=3&principal=${principal}`,
      { method: "GET", session },
    );
    expect(hourly.status).toBe(200);
    expect(hourly.body.hours).toHaveLength(3);
    expect(hourly.body.hours.at(-1)).toMatchObject({ allow: 0, challenge: 2, block: 1 });
  });

  it("refuses bad filters, naming each field", async () => {
    const session = await opsSession();
    const bad = await list("?outcome=maybe&principal=phone:13800138000&after=x", session);
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.map((e) => e.path).sort()).toEqual(["query.after", "query.outcome", "query.principal"]);
  });
});
