/**
 * Sessions and the middleware that guards routes with them. The session token is 256 random bits
 * in an HttpOnly cookie; D1 keeps only its SHA-256, so a leaked table opens no session. Every
 * sign-in and every step-up issues a new token and deletes the row of the old one.
 */
import { and, eq, gt, lte, or } from "drizzle-orm";
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { hasAnyRole, type Role } from "../domain/auth/roles.ts";
import { SESSION_POLICY, sessionExpiry, steppedUpWithin } from "../domain/auth/session.ts";
import { database } from "./db/client.ts";
import { sessions, users } from "./db/schema.ts";
import type { AppEnv } from "./env.ts";
import { problem } from "./problem.ts";

/** The signed-in account and its session, as the guards leave them for the handler. */
export interface SignedIn {
  user: { id: string; roles: Role[]; phoneCipher: string; phoneIndex: string };
  session: { tokenHash: string; expiresAt: string; steppedUpAt: string | null };
}

/** The API environment with the signed-in account set by `requireSession` (and the guards built on it). */
export type AuthEnv = { Bindings: Env; Variables: AppEnv["Variables"] & { signedIn: SignedIn } };

const COOKIE_OPTIONS = { path: "/", httpOnly: true, secure: true, sameSite: "Lax" } as const;

function base64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/**
 * The SHA-256 of a session token (base64url): what D1 stores and looks up.
 * @example await tokenHash("q0pX…") // "3u1f…"
 */
async function tokenHash(token: string): Promise<string> {
  return base64Url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token))));
}

/**
 * The session of the request's cookie, if it is known and not expired.
 * @example const current = await findSession(c)
 */
async function findSession(c: Context): Promise<SignedIn | undefined> {
  const token = getCookie(c, SESSION_POLICY.cookie);
  if (!token || !/^[\w-]{43}$/.test(token)) return undefined;
  const [row] = await database(c.env.DB)
    .select({
      user: { id: users.id, roles: users.roles, phoneCipher: users.phoneCipher, phoneIndex: users.phoneIndex },
      session: { tokenHash: sessions.tokenHash, expiresAt: sessions.expiresAt, steppedUpAt: sessions.steppedUpAt },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, await tokenHash(token)), gt(sessions.expiresAt, new Date().toISOString())));
  return row;
}

/**
 * Starts a session for `userId` with a new token in the cookie, and answers its `steppedUpAt`.
 * The request's old session and the account's expired ones are deleted in the same batch
 * (rotation). `steppedUp` marks the session as confirmed by a fresh code.
 * @example await startSession(c, user.id, { steppedUp: true })
 */
export async function startSession(
  c: Context,
  userId: string,
  { steppedUp }: { steppedUp: boolean },
): Promise<string | null> {
  const token = base64Url(crypto.getRandomValues(new Uint8Array(32)));
  const now = new Date();
  const steppedUpAt = steppedUp ? now.toISOString() : null;
  const old = await tokenHash(getCookie(c, SESSION_POLICY.cookie) ?? "");
  const db = database(c.env.DB);
  await db.batch([
    db
      .delete(sessions)
      .where(
        or(eq(sessions.tokenHash, old), and(eq(sessions.userId, userId), lte(sessions.expiresAt, now.toISOString()))),
      ),
    db.insert(sessions).values({
      tokenHash: await tokenHash(token),
      userId,
      expiresAt: sessionExpiry(now.getTime()),
      steppedUpAt,
    }),
  ]);
  setCookie(c, SESSION_POLICY.cookie, token, { ...COOKIE_OPTIONS, maxAge: SESSION_POLICY.ttlMs / 1000 });
  return steppedUpAt;
}

/**
 * Ends the request's session: the row is deleted and the cookie cleared.
 * @example await endSession(c)
 */
export async function endSession(c: Context): Promise<void> {
  const token = getCookie(c, SESSION_POLICY.cookie);
  if (token)
    await database(c.env.DB)
      .delete(sessions)
      .where(eq(sessions.tokenHash, await tokenHash(token)));
  deleteCookie(c, SESSION_POLICY.cookie, COOKIE_OPTIONS);
}

function guard(refusal: (c: Context<AuthEnv>, signedIn: SignedIn) => Response | undefined): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const signedIn = await findSession(c);
    if (!signedIn) return problem(c, "unauthorized", "请先登录 / Sign in first");
    const refused = refusal(c, signedIn);
    if (refused) return refused;
    c.set("signedIn", signedIn);
    c.header("cache-control", "private, no-store");
    await next();
  };
}

/**
 * Lets signed-in requests through (the account in `c.var.signedIn`); others get a 401 problem.
 * @example router.get("/me", requireSession(), (c) => c.json(c.var.signedIn.user.id))
 */
export function requireSession(): MiddlewareHandler<AuthEnv> {
  return guard(() => undefined);
}

/**
 * Lets through accounts holding one of `roles`: 401 problem when signed out, 403 when lacking them.
 * @example router.get("/ops/audit", requireRole("ops", "admin"), handler)
 */
export function requireRole(...roles: Role[]): MiddlewareHandler<AuthEnv> {
  return guard((c, { user }) =>
    hasAnyRole(user.roles, roles) ? undefined : problem(c, "forbidden", `需要角色 / Needs a role: ${roles.join(", ")}`),
  );
}

/**
 * For sensitive actions (paying, changing the phone): the session must have been confirmed with a
 * fresh code at most `maxAgeMinutes` ago; otherwise a 403 `step-up-required` problem that tells
 * the client to call POST /api/auth/step-up/code and POST /api/auth/step-up.
 * @example router.post("/orders/{id}/pay", requireStepUp(5), handler)
 */
export function requireStepUp(maxAgeMinutes: number): MiddlewareHandler<AuthEnv> {
  return guard((c, { session }) =>
    steppedUpWithin(session.steppedUpAt, maxAgeMinutes, Date.now())
      ? undefined
      : problem(
          c,
          "step-up-required",
          `请输入短信验证码确认（${maxAgeMinutes} 分钟内有效） / Confirm with a text code (valid ${maxAgeMinutes} minutes)`,
          { extensions: { maxAgeMinutes } },
        ),
  );
}
