import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { OpenAPIHono } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import { requireRole, requireStepUp } from "../../worker/auth.ts";
import type { AppEnv } from "../../worker/env.ts";
import { decrypt, phoneIndex, piiKeys } from "../../worker/pii.ts";
import { authRoutes } from "../../worker/routes/auth.ts";
import { SmsSimulator } from "../../worker/sms.ts";
import { knownCode } from "./sessions.ts";

/** Routes guarded the way later features (consoles, payment) will guard theirs. */
const guarded = new OpenAPIHono<AppEnv>()
  .get("/ops-only", requireRole("ops", "admin"), (c) => c.json({ ok: true }))
  .post("/pay", requireStepUp(5), (c) => c.json({ paid: true }));

/** The router mounted as app.ts mounts it, so this file does not depend on app.ts. */
const api = new OpenAPIHono<AppEnv>().basePath("/api").route("/", authRoutes()).route("/", guarded);
const broken = new OpenAPIHono<AppEnv>().basePath("/api").route(
  "/",
  authRoutes((bindings, keys) => new SmsSimulator(bindings.DB, keys, { failWith: "gateway down" })),
);

type Problem = {
  type: string;
  status: number;
  errors?: { path: string; message: string }[];
  attemptsLeft?: number;
  maxAgeMinutes?: number;
};
type Me = { id: string; phone: string; roles: string[]; steppedUpAt: string | null };

let sequence = 0;
/** A distinct mainland mobile number, and a distinct client IP, per call. */
const nextPhone = () => `137${String(++sequence).padStart(8, "0")}`;
const nextIp = () => `203.0.113.${++sequence % 250}`;

async function call<T>(path: string, init: { body?: unknown; cookie?: string; ip?: string; method?: string } = {}) {
  const headers: Record<string, string> = { "cf-connecting-ip": init.ip ?? nextIp() };
  if (init.body !== undefined) headers["content-type"] = "application/json";
  if (init.cookie) headers.cookie = `marque_session=${init.cookie}`;
  const response = await (init.ip === "broken" ? broken : api).request(
    `https://store.test/api${path}`,
    {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    },
    env,
  );
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text ? JSON.parse(text) : null) as T,
    cookie: /marque_session=([^;]*)/.exec(response.headers.get("set-cookie") ?? "")?.[1],
  };
}

async function rows(sql: string, ...params: unknown[]) {
  return (
    await env.DB.prepare(sql)
      .bind(...params)
      .all<Record<string, unknown>>()
  ).results;
}

const keys = () => piiKeys(env.PII_KEY);

/** The code of the latest text the simulator wrote to `phone`. */
async function codeInOutbox(phone: string): Promise<string | undefined> {
  const [row] = await rows(
    "SELECT body FROM sms_outbox WHERE phone_index = ? ORDER BY created_at DESC LIMIT 1",
    await phoneIndex(await keys(), phone),
  );
  return /验证码 (\d{6})/.exec(String(row?.body))?.[1];
}

async function signIn(phone = nextPhone(), cookie?: string) {
  await knownCode(phone);
  const answer = await call<{ user: Me; created: boolean }>("/auth/verify", {
    body: { phone, code: "123456" },
    cookie,
  });
  expect(answer.status).toBe(200);
  return { ...answer, token: answer.cookie ?? "" };
}

describe("sign-in codes", () => {
  it("texts a six-digit code to the outbox and answers the same for a new and a known number", async () => {
    const known = nextPhone();
    await signIn(known);
    const fresh = nextPhone();
    const first = await call<Record<string, unknown>>("/auth/code", { body: { phone: fresh } });
    const second = await call<Record<string, unknown>>("/auth/code", { body: { phone: known } });
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(Object.keys(first.body)).toEqual(Object.keys(second.body));
    expect(first.body).toEqual({
      sentTo: `${fresh.slice(0, 3)}****${fresh.slice(-4)}`,
      expiresInSeconds: 300,
      resendAfterSeconds: 60,
    });
    expect(await codeInOutbox(fresh)).toMatch(/^\d{6}$/);
    const [code] = await rows(
      "SELECT code_hash FROM one_time_codes WHERE phone_index = ?",
      await phoneIndex(await keys(), fresh),
    );
    expect(String(code?.code_hash)).not.toContain(await codeInOutbox(fresh));
  });

  it("stores the outbox number encrypted and masked, never in clear", async () => {
    const phone = nextPhone();
    await call("/auth/code", { body: { phone: `+86 ${phone}` } });
    const [row] = await rows("SELECT * FROM sms_outbox WHERE phone_index = ?", await phoneIndex(await keys(), phone));
    expect(JSON.stringify(row)).not.toContain(phone);
    expect(row?.phone_masked).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    expect(await decrypt(await keys(), String(row?.phone_cipher))).toBe(`+86${phone}`);
  });

  it("refuses a second code within a minute with a 429 problem, Retry-After and the field", async () => {
    const phone = nextPhone();
    expect((await call("/auth/code", { body: { phone } })).status).toBe(202);
    const again = await call<Problem>("/auth/code", { body: { phone } });
    expect(again.status).toBe(429);
    expect(again.headers.get("content-type")).toContain("application/problem+json");
    expect(again.body.type).toBe("https://marque.dev/problems/rate-limited");
    expect(Number(again.headers.get("retry-after"))).toBeGreaterThan(55);
    expect(again.body.errors?.[0]?.path).toBe("json.phone");
  });

  it("refuses a sixth code within the hour even when the last minute was quiet, until the oldest leaves the hour", async () => {
    const phone = nextPhone();
    const guard = env.RISK_GUARD.get(env.RISK_GUARD.idFromName(`phone:${await phoneIndex(await keys(), phone)}`));
    const now = Date.now();
    await runInDurableObject(guard, (_, state) => {
      for (const minutesAgo of [50, 40, 30, 20, 10]) {
        state.storage.sql.exec(
          "INSERT INTO hits (action, at) VALUES (?, ?)",
          "login:auth-code-hour",
          now - minutesAgo * 60_000,
        );
      }
    });
    const sixth = await call<Problem>("/auth/code", { body: { phone } });
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get("retry-after"))).toBeGreaterThan(9 * 60);
    expect(Number(sixth.headers.get("retry-after"))).toBeLessThanOrEqual(10 * 60);
  });

  it("limits one client IP to 30 codes an hour, whatever the numbers", async () => {
    const ip = "198.51.100.7";
    for (let i = 0; i < 30; i++)
      expect((await call("/auth/code", { body: { phone: nextPhone() }, ip })).status).toBe(202);
    expect((await call<Problem>("/auth/code", { body: { phone: nextPhone() }, ip })).status).toBe(429);
  }, 60_000);

  it("answers 503 when the SMS gateway fails, and the outbox records the failure", async () => {
    const phone = nextPhone();
    const answer = await call<Problem>("/auth/code", { body: { phone }, ip: "broken" });
    expect(answer.status).toBe(503);
    expect(answer.body.type).toBe("https://marque.dev/problems/sms-unavailable");
    const [row] = await rows(
      "SELECT status, error FROM sms_outbox WHERE phone_index = ?",
      await phoneIndex(await keys(), phone),
    );
    expect(row).toEqual({ status: "failed", error: "gateway down" });
  });

  it("refuses a number that is not a mainland mobile, at its field", async () => {
    const answer = await call<Problem>("/auth/code", { body: { phone: "010-12345678" } });
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.map((error) => error.path)).toEqual(["json.phone"]);
  });
});

describe("signing in", () => {
  it("creates a shopper account on first sign-in, with the number encrypted, and sets the session cookie", async () => {
    const phone = nextPhone();
    const sent = await call("/auth/code", { body: { phone } });
    expect(sent.status).toBe(202);
    const answer = await call<{ user: Me; created: boolean }>("/auth/verify", {
      body: { phone, code: await codeInOutbox(phone) },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.created).toBe(true);
    expect(answer.body.user.roles).toEqual(["shopper"]);
    expect(answer.body.user.phone).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    const cookie = answer.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^marque_session=[\w-]{43};/);
    expect(cookie).toContain("Max-Age=2592000");
    expect(cookie).toContain("Path=/");
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("Secure");
    expect(cookie).toContain("SameSite=Lax");
    const [user] = await rows("SELECT * FROM users WHERE id = ?", answer.body.user.id);
    expect(JSON.stringify(user)).not.toContain(phone.slice(3));
    expect(await decrypt(await keys(), String(user?.phone_cipher))).toBe(`+86${phone}`);
    const stored = await rows("SELECT token_hash FROM sessions WHERE user_id = ?", answer.body.user.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.token_hash).not.toBe(answer.cookie);
  });

  it("signs a known number into the same account", async () => {
    const phone = nextPhone();
    const first = await signIn(phone);
    const second = await signIn(phone);
    expect(second.body.created).toBe(false);
    expect(second.body.user.id).toBe(first.body.user.id);
  });

  it("counts wrong codes and locks the code after five, even for the right one", async () => {
    const phone = nextPhone();
    await knownCode(phone);
    const left: (number | undefined)[] = [];
    for (let i = 0; i < 4; i++) {
      const wrong = await call<Problem>("/auth/verify", { body: { phone, code: "000000" } });
      expect(wrong.status).toBe(400);
      expect(wrong.body.type).toBe("https://marque.dev/problems/code-incorrect");
      expect(wrong.body.errors?.[0]?.path).toBe("json.code");
      left.push(wrong.body.attemptsLeft);
    }
    expect(left).toEqual([4, 3, 2, 1]);
    const fifth = await call<Problem>("/auth/verify", { body: { phone, code: "000000" } });
    expect([fifth.status, fifth.body.type]).toEqual([429, "https://marque.dev/problems/code-locked"]);
    const right = await call<Problem>("/auth/verify", { body: { phone, code: "123456" } });
    expect([right.status, right.body.type]).toEqual([429, "https://marque.dev/problems/code-locked"]);
    expect(right.cookie).toBeUndefined();
  });

  it("rejects an expired code and a code used once already", async () => {
    const phone = nextPhone();
    await knownCode(phone);
    await env.DB.prepare("UPDATE one_time_codes SET expires_at = ? WHERE phone_index = ?")
      .bind(new Date(Date.now() - 1000).toISOString(), await phoneIndex(await keys(), phone))
      .run();
    const expired = await call<Problem>("/auth/verify", { body: { phone, code: "123456" } });
    expect([expired.status, expired.body.type]).toEqual([400, "https://marque.dev/problems/code-expired"]);
    await signIn(phone);
    const reused = await call<Problem>("/auth/verify", { body: { phone, code: "123456" } });
    expect(reused.body.type).toBe("https://marque.dev/problems/code-expired");
  });
});

describe("sessions", () => {
  it("answers /me with 401 problem when signed out, and the masked account when signed in", async () => {
    const out = await call<Problem>("/me");
    expect(out.status).toBe(401);
    expect(out.body.type).toBe("https://marque.dev/problems/unauthorized");
    const phone = nextPhone();
    const { token, body } = await signIn(phone);
    const me = await call<Me>("/me", { cookie: token });
    expect(me.status).toBe(200);
    expect(me.headers.get("cache-control")).toBe("private, no-store");
    expect(me.body).toMatchObject({
      id: body.user.id,
      phone: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
      roles: ["shopper"],
    });
  });

  it("rotates the token on every sign-in: the old one stops working and its row is gone", async () => {
    const phone = nextPhone();
    const first = await signIn(phone);
    const second = await signIn(phone, first.token);
    expect(second.token).not.toBe(first.token);
    expect((await call("/me", { cookie: first.token })).status).toBe(401);
    expect((await call("/me", { cookie: second.token })).status).toBe(200);
    expect(await rows("SELECT 1 FROM sessions WHERE user_id = ?", second.body.user.id)).toHaveLength(1);
  });

  it("signs out: the session row is deleted and the cookie cleared", async () => {
    const { token, body } = await signIn();
    const out = await call("/auth/logout", { method: "POST", cookie: token });
    expect(out.status).toBe(204);
    expect(out.headers.get("set-cookie")).toMatch(/marque_session=;.*Max-Age=0/);
    expect(await rows("SELECT 1 FROM sessions WHERE user_id = ?", body.user.id)).toHaveLength(0);
    expect((await call("/me", { cookie: token })).status).toBe(401);
  });

  it("ignores an expired session", async () => {
    const { token, body } = await signIn();
    await env.DB.prepare("UPDATE sessions SET expires_at = ? WHERE user_id = ?")
      .bind(new Date(Date.now() - 1000).toISOString(), body.user.id)
      .run();
    expect((await call("/me", { cookie: token })).status).toBe(401);
  });
});

describe("guards", () => {
  it("requireRole answers 401 signed out, 403 without the role, and passes an ops account", async () => {
    expect((await call<Problem>("/ops-only")).status).toBe(401);
    const { token, body } = await signIn();
    const shopper = await call<Problem>("/ops-only", { cookie: token });
    expect([shopper.status, shopper.body.type]).toEqual([403, "https://marque.dev/problems/forbidden"]);
    await env.DB.prepare(`UPDATE users SET roles = '["shopper","ops"]' WHERE id = ?`).bind(body.user.id).run();
    expect((await call("/ops-only", { cookie: token })).status).toBe(200);
  });

  it("requireStepUp asks for a fresh code once the sign-in is older than the limit, and step-up lets it through", async () => {
    const phone = nextPhone();
    const { token, body } = await signIn(phone);
    expect((await call("/pay", { method: "POST", cookie: token })).status).toBe(200);
    await env.DB.prepare("UPDATE sessions SET stepped_up_at = ? WHERE user_id = ?")
      .bind(new Date(Date.now() - 6 * 60_000).toISOString(), body.user.id)
      .run();
    const stale = await call<Problem>("/pay", { method: "POST", cookie: token });
    expect([stale.status, stale.body.type, stale.body.maxAgeMinutes]).toEqual([
      403,
      "https://marque.dev/problems/step-up-required",
      5,
    ]);

    const sent = await call("/auth/step-up/code", { method: "POST", cookie: token });
    expect(sent.status).toBe(202);
    const code = (await codeInOutbox(phone)) ?? "";
    const wrong = await call<Problem>("/auth/step-up", {
      body: { code: code === "000000" ? "111111" : "000000" },
      cookie: token,
    });
    expect(wrong.body.type).toBe("https://marque.dev/problems/code-incorrect");
    const confirmed = await call<Me>("/auth/step-up", { body: { code }, cookie: token });
    expect(confirmed.status).toBe(200);
    expect(Date.now() - Date.parse(confirmed.body.steppedUpAt ?? "")).toBeLessThan(10_000);
    expect(confirmed.cookie).toBeDefined();
    expect(confirmed.cookie).not.toBe(token);
    expect((await call("/pay", { method: "POST", cookie: token })).status).toBe(401);
    expect((await call("/pay", { method: "POST", cookie: confirmed.cookie })).status).toBe(200);
  });

  it("a login code does not confirm a step-up", async () => {
    const phone = nextPhone();
    const { token } = await signIn(phone);
    await knownCode(phone, "login", "654321");
    const answer = await call<Problem>("/auth/step-up", { body: { code: "654321" }, cookie: token });
    expect(answer.body.type).toBe("https://marque.dev/problems/code-expired");
  });
});
