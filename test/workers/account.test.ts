import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { phoneIndex, piiKeys } from "../../worker/pii.ts";
import { knownCode, nextPhone, signIn } from "./sessions.ts";

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

const stepUp = (id: string, at: string) =>
  env.DB.prepare("UPDATE sessions SET stepped_up_at = ?2 WHERE user_id = ?1").bind(id, at).run();

describe("changing the phone number or the address", () => {
  it("needs a fresh text code, stores the address encrypted and audits the change", async () => {
    const { cookie, id } = await signIn();
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
    const { cookie, id } = await signIn({ phone: oldPhone });
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

    const other = await signIn();
    await stepUp(other.id, new Date().toISOString());
    await knownCode(newPhone, "change-phone");
    const taken = await call<{ type: string }>("/me/phone", other.cookie, "PUT", { phone: newPhone, code: "123456" });
    expect(taken.status).toBe(409);
    expect(taken.body.type).toMatch(/phone-taken$/);
  });
});
