import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { phoneIndex, piiKeys, signToken } from "../../worker/pii.ts";

let sequence = 0;
const nextPhone = () => `136${String(Date.now() % 1e5).padStart(5, "0")}${String(++sequence).padStart(3, "0")}`;

async function call<T>(path: string, cookie: string, method = "GET", body?: unknown) {
  const response = await exports.default.fetch(
    new Request(`https://store.test/api${path}`, {
      method,
      headers: {
        cookie: `marque_session=${cookie}`,
        "cf-connecting-ip": "203.0.113.77",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
  return { status: response.status, body: (await response.json().catch(() => null)) as T, headers: response.headers };
}

/** Puts a known code (123456) for `phone` and `purpose`, as the SMS simulator would have texted it. */
async function knownCode(phone: string, purpose: "login" | "change-phone"): Promise<void> {
  const keys = await piiKeys(env.PII_KEY);
  const id = `otc_account_${++sequence}`;
  await env.DB.prepare(
    `INSERT INTO one_time_codes (id, phone_index, purpose, code_hash, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)
     ON CONFLICT (phone_index, purpose) DO UPDATE SET id = ?1, code_hash = ?4, expires_at = ?5, attempts = 0, consumed_at = NULL`,
  )
    .bind(
      id,
      await phoneIndex(keys, `+86${phone}`),
      purpose,
      await signToken(keys, `one-time-code:${id}:123456`),
      new Date(Date.now() + 300_000).toISOString(),
    )
    .run();
}

async function signIn(phone: string): Promise<{ cookie: string; id: string }> {
  await knownCode(phone, "login");
  const verified = await call<{ user: { id: string } }>("/auth/verify", "", "POST", { phone, code: "123456" });
  expect(verified.status).toBe(200);
  const cookie = /marque_session=([^;]*)/.exec(verified.headers.get("set-cookie") ?? "")?.[1] ?? "";
  return { cookie, id: verified.body.user.id };
}

const stepUp = (id: string, at: string) =>
  env.DB.prepare("UPDATE sessions SET stepped_up_at = ?2 WHERE user_id = ?1").bind(id, at).run();

describe("changing the phone number or the address", () => {
  it("needs a fresh text code, stores the address encrypted and audits the change", async () => {
    const { cookie, id } = await signIn(nextPhone());
    await stepUp(id, "2020-01-01T00:00:00Z");
    const refused = await call<{ type: string }>("/me/address", cookie, "PUT", {
      address: "深圳市南山区科技园路 8 号",
    });
    expect(refused.status).toBe(403);
    expect(refused.body.type).toMatch(/step-up-required$/);
    await stepUp(id, new Date().toISOString());
    const saved = await call<{ address: string }>("/me/address", cookie, "PUT", {
      address: "深圳市南山区科技园路 8 号",
    });
    expect(saved.status).toBe(200);
    expect(saved.body.address).toBe("深圳市南山区科技园路 8 号");
    const row = await env.DB.prepare("SELECT address_cipher FROM users WHERE id = ?1")
      .bind(id)
      .first<{ address_cipher: string }>();
    expect(row?.address_cipher).not.toContain("深圳");
    expect((await call<{ address: string }>("/me", cookie)).body.address).toBe("深圳市南山区科技园路 8 号");
    const audit = await env.DB.prepare("SELECT action, diff FROM audit_log WHERE entity_id = ?1")
      .bind(id)
      .all<{ action: string; diff: string }>();
    expect(audit.results).toEqual([{ action: "account.address_changed", diff: "{}" }]);
    const bad = await call<{ errors: { path: string }[] }>("/me/address", cookie, "PUT", { address: "x" });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]?.path).toBe("json.address");
  });

  it("moves the account to a new number proven by its own code; a number of another account is refused", async () => {
    const oldPhone = nextPhone();
    const newPhone = nextPhone();
    const { cookie, id } = await signIn(oldPhone);
    await stepUp(id, new Date().toISOString());
    expect((await call("/me/phone/code", cookie, "POST", { phone: newPhone })).status).toBe(202);
    await knownCode(newPhone, "change-phone");
    const wrong = await call<{ type: string }>("/me/phone", cookie, "PUT", { phone: newPhone, code: "000000" });
    expect(wrong.status).toBe(400);
    const moved = await call<{ phone: string }>("/me/phone", cookie, "PUT", { phone: newPhone, code: "123456" });
    expect(moved.status).toBe(200);
    expect(moved.body.phone).toBe(`${newPhone.slice(0, 3)}****${newPhone.slice(-4)}`);
    const keys = await piiKeys(env.PII_KEY);
    const row = await env.DB.prepare("SELECT phone_index FROM users WHERE id = ?1")
      .bind(id)
      .first<{ phone_index: string }>();
    expect(row?.phone_index).toBe(await phoneIndex(keys, `+86${newPhone}`));

    const other = await signIn(nextPhone());
    await stepUp(other.id, new Date().toISOString());
    await knownCode(newPhone, "change-phone");
    const taken = await call<{ type: string }>("/me/phone", other.cookie, "PUT", { phone: newPhone, code: "123456" });
    expect(taken.status).toBe(409);
    expect(taken.body.type).toMatch(/phone-taken$/);
  });
});
