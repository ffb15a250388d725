/**
 * Accounts and sessions for workers tests: signed in through the real text-code flow
 * (`signIn`), or written straight into D1 when a test needs many at once (`sessions`).
 */
import { env, exports } from "cloudflare:workers";
import { phoneIndex, piiKeys, signToken } from "../../worker/pii.ts";

let sequence = 0;

/** A mainland mobile number no other call in this test run has answered. */
export const nextPhone = () =>
  `139${String(Math.floor(Math.random() * 1000)).padStart(3, "0")}${String(++sequence).padStart(5, "0")}`;

/** Puts a known live code for `phone` and `purpose`, as POST /api/auth/code would, without a text (and its rate limit). */
export async function knownCode(
  phone: string,
  purpose: "login" | "change-phone" | "step-up" = "login",
  code = "123456",
): Promise<void> {
  const keys = await piiKeys(env.PII_KEY);
  const id = `otc_test_${++sequence}`;
  await env.DB.prepare(
    `INSERT INTO one_time_codes (id, phone_index, purpose, code_hash, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)
     ON CONFLICT (phone_index, purpose) DO UPDATE SET id = ?1, code_hash = ?4, expires_at = ?5, attempts = 0, consumed_at = NULL`,
  )
    .bind(
      id,
      await phoneIndex(keys, phone),
      purpose,
      await signToken(keys, `one-time-code:${id}:${code}`),
      new Date(Date.now() + 300_000).toISOString(),
    )
    .run();
}

/**
 * Signs in with a text code through POST /api/auth/verify, then gives the account `roles` (and
 * `dealerId`). Answers the session token (the `marque_session` cookie's value), user id and phone.
 */
export async function signIn(
  options: { roles?: string[]; dealerId?: string | null; phone?: string } = {},
): Promise<{ cookie: string; id: string; phone: string }> {
  const phone = options.phone ?? nextPhone();
  await knownCode(phone);
  const verified = await exports.default.fetch(
    new Request("https://store.test/api/auth/verify", {
      method: "POST",
      headers: { "content-type": "application/json", "cf-connecting-ip": `203.0.113.${(sequence % 250) + 1}` },
      body: JSON.stringify({ phone, code: "123456" }),
    }),
  );
  if (verified.status !== 200) throw new Error(`sign-in answered ${verified.status}: ${await verified.text()}`);
  const { user } = (await verified.json()) as { user: { id: string } };
  if (options.roles || options.dealerId !== undefined)
    await env.DB.prepare("UPDATE users SET roles = ?1, dealer_id = ?2 WHERE id = ?3")
      .bind(JSON.stringify(options.roles ?? ["shopper"]), options.dealerId ?? null, user.id)
      .run();
  const cookie = /marque_session=([^;]*)/.exec(verified.headers.get("set-cookie") ?? "")?.[1] ?? "";
  return { cookie, id: user.id, phone };
}

function base64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

/**
 * `count` accounts holding `roles`, each with a session confirmed by a text code just now (step-up
 * done), written straight into D1; answers their session tokens and user ids.
 */
export async function sessions(
  count: number,
  roles: string[] = ["shopper"],
): Promise<{ cookie: string; id: string }[]> {
  const made: { cookie: string; id: string }[] = [];
  const statements: D1PreparedStatement[] = [];
  const now = new Date().toISOString();
  for (let i = 0; i < count; i++) {
    const id = `user_test_${++sequence}_${crypto.randomUUID().slice(0, 8)}`;
    const cookie = base64Url(crypto.getRandomValues(new Uint8Array(32)));
    const hash = base64Url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(cookie))));
    made.push({ cookie, id });
    statements.push(
      env.DB.prepare("INSERT INTO users (id, phone_cipher, phone_index, roles) VALUES (?1, 'x', ?1, ?2)").bind(
        id,
        JSON.stringify(roles),
      ),
      env.DB.prepare(
        "INSERT INTO sessions (token_hash, user_id, expires_at, stepped_up_at) VALUES (?1, ?2, '2999-01-01T00:00:00Z', ?3)",
      ).bind(hash, id, now),
    );
  }
  for (let i = 0; i < statements.length; i += 500) await env.DB.batch(statements.slice(i, i + 500));
  return made;
}
