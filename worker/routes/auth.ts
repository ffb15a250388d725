import { createRoute, OpenAPIHono, type z } from "@hono/zod-openapi";
import { and, eq, gt, isNull, lt, sql } from "drizzle-orm";
import type { Context } from "hono";
import {
  CODE_POLICY,
  CODE_SEND_LIMITS,
  type CodePurpose,
  codeMessage,
  codeStatus,
  newCode,
  wrongCodeMessage,
} from "../../domain/auth/one-time-code.ts";
import { maskPhone, toE164 } from "../../domain/test-drive/phone.ts";
import { type AuthEnv, endSession, requireSession, requireStepUp, type SignedIn, startSession } from "../auth.ts";
import { database } from "../db/client.ts";
import { auditLog, oneTimeCodes, users } from "../db/schema.ts";
import { log } from "../log.ts";
import { json, problemResponse } from "../openapi.ts";
import { decrypt, encrypt, type PiiKeys, phoneIndex, piiKeys, signToken, verifyToken } from "../pii.ts";
import { problem } from "../problem.ts";
import { assessRisk, issueDeviceCookie, principalsOf, riskRefusal, signalLocation } from "../risk.ts";
import {
  AddressSchema,
  ChangePhoneSchema,
  CodeSentSchema,
  MeSchema,
  SendCodeSchema,
  SignedInSchema,
  StepUpSchema,
  VerifySchema,
} from "../schemas/auth.ts";
import { type SmsProvider, smsProvider } from "../sms.ts";
import { validationHook } from "../validation.ts";

const body = <T extends z.ZodType>(schema: T) => ({
  body: { content: { "application/json": { schema } }, required: true },
});

const newId = (prefix: string) => `${prefix}_${crypto.randomUUID().replace(/-/g, "")}`;
const codeSubject = (id: string, code: string) => `one-time-code:${id}:${code}`;

/** The first limit among `limits` that refuses `principal` one more code for `purpose`: milliseconds to wait. */
async function refusedFor(
  env: Env,
  principal: string,
  limits: readonly { action: string; limit: number; windowMs: number }[],
  purpose: CodePurpose,
): Promise<number | undefined> {
  const guard = env.RISK_GUARD.get(env.RISK_GUARD.idFromName(principal));
  for (const { action, limit, windowMs } of limits) {
    const decision = await guard.hit(`${purpose}:${action}`, { limit, windowMs });
    if (!decision.allowed) return decision.retryAfterMs;
  }
  return undefined;
}

type SmsFor = (env: Env, keys: PiiKeys) => SmsProvider;

/**
 * Issues a code for `purpose` to `e164` (replacing any earlier one) and texts it. The answer does
 * not depend on whether the number has an account.
 */
async function sendCode(c: Context<AuthEnv>, sms: SmsFor, e164: string, purpose: CodePurpose, field: string) {
  const ip = c.req.header("cf-connecting-ip") ?? "local";
  const { device } = principalsOf(c);
  const [risk, ipWaitMs, keys] = await Promise.all([
    assessRisk(c.env, device ? { device } : {}, { action: "sms_code" }, Date.now()),
    refusedFor(c.env, `ip:${ip}`, CODE_SEND_LIMITS.ip, purpose),
    piiKeys(c.env.PII_KEY),
  ]);
  if (risk.outcome === "block") return riskRefusal(c, risk);
  const index = await phoneIndex(keys, e164);
  const waitMs = ipWaitMs ?? (await refusedFor(c.env, `phone:${index}`, CODE_SEND_LIMITS.phone, purpose));
  if (waitMs !== undefined) {
    const seconds = Math.ceil(waitMs / 1000);
    const message = `请 ${seconds} 秒后再获取验证码 / Wait ${seconds} s before asking for another code`;
    return problem(c, "rate-limited", message, {
      headers: { "retry-after": String(seconds) },
      errors: [{ path: field, message }],
    });
  }
  const code = newCode();
  const id = newId("otc");
  const now = Date.now();
  const fresh = {
    id,
    codeHash: await signToken(keys, codeSubject(id, code)),
    expiresAt: new Date(now + CODE_POLICY.ttlMs).toISOString(),
    attempts: 0,
    consumedAt: null,
    createdAt: new Date(now).toISOString(),
  };
  await database(c.env.DB)
    .insert(oneTimeCodes)
    .values({ ...fresh, phoneIndex: index, purpose })
    .onConflictDoUpdate({ target: [oneTimeCodes.phoneIndex, oneTimeCodes.purpose], set: fresh });
  const sent = await sms(c.env, keys).send(e164, codeMessage(code, purpose));
  if (!sent.ok) {
    log("warn", c.get("requestId"), "sms not sent", { reason: sent.reason });
    return problem(c, "sms-unavailable", "请稍后再试 / Please try again later");
  }
  return c.json(
    {
      sentTo: maskPhone(e164),
      expiresInSeconds: CODE_POLICY.ttlMs / 1000,
      resendAfterSeconds: CODE_SEND_LIMITS.phone[0].windowMs / 1000,
    },
    202,
  );
}

/**
 * Checks a guess against the live code of a phone and purpose. The guess is counted before it is
 * compared, in one UPDATE, so parallel guesses cannot exceed the attempt limit. Undefined when the
 * code was right (it is then used up); otherwise the problem to answer.
 */
async function refuseCode(c: Context<AuthEnv>, keys: PiiKeys, index: string, purpose: CodePurpose, guess: string) {
  const db = database(c.env.DB);
  const now = new Date().toISOString();
  const ofPhone = and(eq(oneTimeCodes.phoneIndex, index), eq(oneTimeCodes.purpose, purpose));
  const [claimed] = await db
    .update(oneTimeCodes)
    .set({ attempts: sql`${oneTimeCodes.attempts} + 1` })
    .where(
      and(
        ofPhone,
        isNull(oneTimeCodes.consumedAt),
        lt(oneTimeCodes.attempts, CODE_POLICY.maxAttempts),
        gt(oneTimeCodes.expiresAt, now),
      ),
    )
    .returning({ id: oneTimeCodes.id, codeHash: oneTimeCodes.codeHash, attempts: oneTimeCodes.attempts });
  const field = "json.code";
  if (!claimed) {
    const [row] = await db.select().from(oneTimeCodes).where(ofPhone);
    const status = codeStatus(row, Date.now());
    const message =
      status === "locked"
        ? wrongCodeMessage(0)
        : "验证码已失效，请重新获取 / This code is no longer valid; ask for a new one";
    return problem(c, status === "locked" ? "code-locked" : "code-expired", message, {
      errors: [{ path: field, message }],
    });
  }
  if (!(await verifyToken(keys, codeSubject(claimed.id, guess), claimed.codeHash))) {
    const attemptsLeft = CODE_POLICY.maxAttempts - claimed.attempts;
    const message = wrongCodeMessage(attemptsLeft);
    return problem(c, attemptsLeft > 0 ? "code-incorrect" : "code-locked", message, {
      errors: [{ path: field, message }],
      extensions: { attemptsLeft },
    });
  }
  const used = await db
    .update(oneTimeCodes)
    .set({ consumedAt: now })
    .where(and(eq(oneTimeCodes.id, claimed.id), isNull(oneTimeCodes.consumedAt)))
    .returning({ id: oneTimeCodes.id });
  if (used.length === 1) return undefined;
  const message = "验证码已被使用，请重新获取 / This code was already used; ask for a new one";
  return problem(c, "code-expired", message, { errors: [{ path: field, message }] });
}

async function me(
  db: D1Database,
  keys: PiiKeys,
  { user, session }: { user: Omit<SignedIn["user"], "phoneIndex">; session: { steppedUpAt: string | null } },
) {
  const [row] = await database(db).select({ address: users.addressCipher }).from(users).where(eq(users.id, user.id));
  return {
    id: user.id,
    phone: maskPhone(await decrypt(keys, user.phoneCipher)),
    roles: user.roles,
    steppedUpAt: session.steppedUpAt,
    address: row?.address ? await decrypt(keys, row.address) : null,
  };
}

/** Changing the phone or the address needs the session confirmed with a code this recently. */
const CHANGE_STEP_UP_MINUTES = 10;

/**
 * Accounts: sign in with a text code (the account is created on first sign-in), sign out, who am
 * I, and step-up (a fresh code for sensitive actions). `sms` picks the SMS provider (tests pass a
 * failing simulator).
 * @example app.route("/", authRoutes())
 */
export function authRoutes(sms: SmsFor = smsProvider) {
  return new OpenAPIHono<AuthEnv>({ defaultHook: (result, c) => validationHook(result, c as never) })
    .openapi(
      createRoute({
        method: "post",
        path: "/auth/code",
        tags: ["Accounts"],
        summary: "Text a one-time sign-in code to a mobile number",
        description:
          "The code has 6 digits, lasts 5 minutes and allows 5 guesses. The answer is the same whether or not the number has an account. " +
          "At most 1 code a minute and 5 an hour per number, 30 an hour per client IP, and 10 an hour per device.",
        request: body(SendCodeSchema),
        responses: {
          202: json(CodeSentSchema, "The code is on its way"),
          400: problemResponse("Not a mainland mobile number"),
          429: problemResponse("Too many codes asked for; `Retry-After` says when to try again"),
          503: problemResponse("The SMS gateway failed"),
        },
      }),
      async (c) => {
        const e164 = toE164(c.req.valid("json").phone) ?? "";
        return (await sendCode(c, sms, e164, "login", "json.phone")) as never;
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/auth/verify",
        tags: ["Accounts"],
        summary: "Sign in with the code",
        description:
          "Creates the account on first sign-in (role `shopper`) and starts a 30-day session: a new token in the HttpOnly, Secure, " +
          "SameSite=Lax cookie `marque_session`. A session the request already had is ended. " +
          "The risk policy looks at every sign-in: a sign-in from too far away since the last one, or on a device many accounts used today, " +
          "starts a session that is not confirmed (`steppedUpAt` null: sensitive actions ask for a fresh code); past the limits it is refused (429 `risk-blocked`).",
        request: body(VerifySchema),
        responses: {
          200: json(SignedInSchema, "Signed in; `Set-Cookie` carries the session"),
          400: problemResponse("Malformed request, wrong or expired code (`code-incorrect`, `code-expired`)"),
          429: problemResponse(
            "Five wrong codes: ask for a new one (`code-locked`); or blocked by the risk policy (`risk-blocked`)",
          ),
        },
      }),
      async (c) => {
        const input = c.req.valid("json");
        const e164 = toE164(input.phone) ?? "";
        const keys = await piiKeys(c.env.PII_KEY);
        const index = await phoneIndex(keys, e164);
        const refused = await refuseCode(c, keys, index, "login", input.code);
        if (refused) return refused as never;
        const db = database(c.env.DB);
        const created = await db
          .insert(users)
          .values({ id: newId("usr"), phoneCipher: await encrypt(keys, e164), phoneIndex: index, roles: ["shopper"] })
          .onConflictDoNothing({ target: users.phoneIndex })
          .returning({ id: users.id });
        const [user] = await db
          .select({ id: users.id, roles: users.roles, phoneCipher: users.phoneCipher })
          .from(users)
          .where(eq(users.phoneIndex, index));
        if (!user) throw new Error("The account vanished right after sign-in");
        const location = signalLocation(c);
        const risk = await assessRisk(
          c.env,
          { ...principalsOf(c, { issueDevice: false }), user: user.id },
          { action: "login", ...(location && { location }) },
          Date.now(),
        );
        if (risk.outcome === "block") return riskRefusal(c, risk) as never;
        const steppedUpAt = await startSession(c, user.id, { steppedUp: risk.outcome === "allow" });
        issueDeviceCookie(c);
        c.header("cache-control", "private, no-store");
        return c.json(
          { user: await me(c.env.DB, keys, { user, session: { steppedUpAt } }), created: created.length === 1 },
          200,
        );
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/auth/logout",
        tags: ["Accounts"],
        summary: "Sign out",
        description: "Ends the session and clears the cookie; signing out twice is harmless.",
        responses: { 204: { description: "Signed out" } },
      }),
      async (c) => {
        await endSession(c);
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/me",
        tags: ["Accounts"],
        summary: "The signed-in account",
        middleware: [requireSession()] as const,
        responses: {
          200: json(MeSchema, "The account; the phone number is masked"),
          401: problemResponse("Not signed in"),
        },
      }),
      async (c) => c.json(await me(c.env.DB, await piiKeys(c.env.PII_KEY), c.var.signedIn), 200),
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/auth/step-up/code",
        tags: ["Accounts"],
        summary: "Text a code to the signed-in account's number, to confirm a sensitive action",
        middleware: [requireSession()] as const,
        responses: {
          202: json(CodeSentSchema, "The code is on its way"),
          401: problemResponse("Not signed in"),
          429: problemResponse("Too many codes asked for"),
          503: problemResponse("The SMS gateway failed"),
        },
      }),
      async (c) => {
        const keys = await piiKeys(c.env.PII_KEY);
        const e164 = await decrypt(keys, c.var.signedIn.user.phoneCipher);
        return (await sendCode(c, sms, e164, "step-up", "json")) as never;
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/auth/step-up",
        tags: ["Accounts"],
        summary: "Confirm the session with a fresh code",
        description:
          "Routes guarded by `requireStepUp(minutes)` then pass for that many minutes. The session gets a new token.",
        middleware: [requireSession()] as const,
        request: body(StepUpSchema),
        responses: {
          200: json(MeSchema, "Confirmed; `Set-Cookie` carries the new session token"),
          400: problemResponse("Wrong or expired code"),
          401: problemResponse("Not signed in"),
          429: problemResponse("Five wrong codes: ask for a new one"),
        },
      }),
      async (c) => {
        const keys = await piiKeys(c.env.PII_KEY);
        const { user } = c.var.signedIn;
        const refused = await refuseCode(c, keys, user.phoneIndex, "step-up", c.req.valid("json").code);
        if (refused) return refused as never;
        const steppedUpAt = await startSession(c, user.id, { steppedUp: true });
        return c.json(await me(c.env.DB, keys, { user, session: { steppedUpAt } }), 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/me/phone/code",
        tags: ["Accounts"],
        summary: "Text a code to the new number the account is moving to",
        description:
          "Needs the session confirmed with a code (step-up) within 10 minutes; the new number then proves itself with its own code.",
        middleware: [requireSession(), requireStepUp(CHANGE_STEP_UP_MINUTES)] as const,
        request: body(SendCodeSchema),
        responses: {
          202: json(CodeSentSchema, "The code is on its way to the new number"),
          400: problemResponse("Not a mainland mobile number"),
          401: problemResponse("Not signed in"),
          403: problemResponse("Step-up required"),
          429: problemResponse("Too many codes asked for"),
        },
      }),
      async (c) => {
        const e164 = toE164(c.req.valid("json").phone) ?? "";
        return (await sendCode(c, sms, e164, "change-phone", "json.phone")) as never;
      },
    )
    .openapi(
      createRoute({
        method: "put",
        path: "/me/phone",
        tags: ["Accounts"],
        summary: "Move the account to a new number, with the code texted to it",
        middleware: [requireSession(), requireStepUp(CHANGE_STEP_UP_MINUTES)] as const,
        request: body(ChangePhoneSchema),
        responses: {
          200: json(MeSchema, "Moved; the old number no longer signs in"),
          400: problemResponse("Wrong or expired code"),
          401: problemResponse("Not signed in"),
          403: problemResponse("Step-up required"),
          409: problemResponse("The number belongs to another account"),
          429: problemResponse("Five wrong codes: ask for a new one"),
        },
      }),
      async (c) => {
        const keys = await piiKeys(c.env.PII_KEY);
        const input = c.req.valid("json");
        const e164 = toE164(input.phone) ?? "";
        const index = await phoneIndex(keys, e164);
        const refused = await refuseCode(c, keys, index, "change-phone", input.code);
        if (refused) return refused as never;
        const { user, session } = c.var.signedIn;
        const db = database(c.env.DB);
        const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.phoneIndex, index));
        if (taken && taken.id !== user.id) {
          const message = "该手机号已绑定其他账户 / This number belongs to another account";
          return problem(c, "phone-taken", message, { errors: [{ path: "json.phone", message }] }) as never;
        }
        const phoneCipher = await encrypt(keys, e164);
        await db.batch([
          db.update(users).set({ phoneCipher, phoneIndex: index }).where(eq(users.id, user.id)),
          db.insert(auditLog).values(changeAudit(c, user.id, "account.phone_changed", { phone: maskPhone(e164) })),
        ]);
        return c.json(await me(c.env.DB, keys, { user: { ...user, phoneCipher }, session }), 200);
      },
    )
    .openapi(
      createRoute({
        method: "put",
        path: "/me/address",
        tags: ["Accounts"],
        summary: "Set the delivery and registration address",
        description: "Needs the session confirmed with a code (step-up) within 10 minutes. Stored encrypted.",
        middleware: [requireSession(), requireStepUp(CHANGE_STEP_UP_MINUTES)] as const,
        request: body(AddressSchema),
        responses: {
          200: json(MeSchema, "Saved"),
          400: problemResponse("Malformed address"),
          401: problemResponse("Not signed in"),
          403: problemResponse("Step-up required"),
        },
      }),
      async (c) => {
        const keys = await piiKeys(c.env.PII_KEY);
        const { user } = c.var.signedIn;
        const db = database(c.env.DB);
        await db.batch([
          db
            .update(users)
            .set({ addressCipher: await encrypt(keys, c.req.valid("json").address) })
            .where(eq(users.id, user.id)),
          db.insert(auditLog).values(changeAudit(c, user.id, "account.address_changed", {})),
        ]);
        return c.json(await me(c.env.DB, keys, c.var.signedIn), 200);
      },
    );
}

/** An audit row for a change the account holder made to their own account (no personal data in the diff). */
function changeAudit(c: Context<AuthEnv>, userId: string, action: string, diff: Record<string, string>) {
  return {
    id: newId("aud"),
    at: new Date().toISOString(),
    actorId: userId,
    action,
    entityType: "user",
    entityId: userId,
    diff,
    requestId: c.get("requestId"),
  };
}

/** The accounts API as app.ts mounts it. */
export const auth = authRoutes();
