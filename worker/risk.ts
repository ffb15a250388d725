/**
 * The risk guard as routes use it: who is asking (account, device, IP), what the guards of all of
 * them decide about a signal (strictest wins), risk events for ops, and a middleware that turns a
 * decision into a 429 (block), a 403 challenge (unless the session confirmed a fresh code within
 * ten minutes) or lets the request through.
 *
 * The device is a first-party cookie `marque_device` (a random id, HttpOnly, Secure, SameSite=Lax,
 * a year), issued to a request without one and counted from the next. It is not the visitor cookie: that one only exists with
 * the visitor's consent to be remembered, while fraud prevention must see every device.
 */
import { Context, type MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { SESSION_POLICY, steppedUpWithin } from "../domain/auth/session.ts";
import type { CfGeo } from "../domain/personalization/context.ts";
import { placeOf } from "../domain/risk/place.ts";
import { type Place, type RiskDecision, type RiskOutcome, stricter } from "../domain/risk/policy.ts";
import { PRINCIPAL_KINDS } from "../domain/risk/thresholds.ts";
import { type AuthEnv, requireSession, type SignedIn } from "./auth.ts";
import { database } from "./db/client.ts";
import { riskEvents } from "./db/schema.ts";
import { previewOf } from "./edge.ts";
import type { AppEnv } from "./env.ts";
import { problem } from "./problem.ts";

export type { RiskOutcome };
export interface Principals {
  user?: string;
  device?: string;
  ip?: string;
}
export type RiskSignal =
  | { action: "login"; location?: Place }
  | { action: "configure" }
  | { action: "checkout" }
  | { action: "payment_failed" }
  | { action: "sms_code" };

export interface RiskAssessment {
  outcome: RiskOutcome;
  rule: string;
  message: string;
  retryAfterMs?: number;
}

/** A challenge passes when the session confirmed a fresh code at most this many minutes ago. */
const CHALLENGE_STEP_UP_MINUTES = 10;

const DEVICE_COOKIE = "marque_device";
const DEVICE_SECONDS = 365 * 86_400;
const DEVICE_ID = /^[\w-]{22}$/;

const devices = new WeakMap<Request, { id: string; issued: boolean }>();

const newDeviceId = () =>
  btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

/**
 * Sets the `marque_device` cookie of a device first seen in this request, once.
 * @example principalsOf(c, { issueDevice: false }); …; issueDeviceCookie(c)
 */
export function issueDeviceCookie(c: Context): void {
  const device = devices.get(c.req.raw);
  if (!device || device.issued) return;
  device.issued = true;
  setCookie(c, DEVICE_COOKIE, device.id, {
    path: "/",
    httpOnly: true,
    secure: true,
    sameSite: "Lax",
    maxAge: DEVICE_SECONDS,
  });
}

/**
 * Who is asking: the signed-in account (once a guard or `riskGate` has read the session), the
 * device of the request's `marque_device` cookie, and the client IP (`cf-connecting-ip`). A request
 * without a device cookie has no device principal yet: it is given a cookie (now, or with
 * `issueDeviceCookie` when `issueDevice` is false) and counted from its next request, so clients that
 * drop cookies cannot make the store create a guard per request (their IP still counts).
 * @example const principals = principalsOf(c) // { user: "usr_…", device: "q0pX…", ip: "203.0.113.5" }
 */
export function principalsOf(c: Context, { issueDevice = true }: { issueDevice?: boolean } = {}): Principals {
  const user = (c.var as Partial<AuthEnv["Variables"]>).signedIn?.user.id;
  const ip = c.req.header("cf-connecting-ip");
  const cookie = getCookie(c, DEVICE_COOKIE);
  const device = cookie && DEVICE_ID.test(cookie) ? cookie : undefined;
  if (!device && !devices.has(c.req.raw)) devices.set(c.req.raw, { id: newDeviceId(), issued: false });
  if (issueDevice) issueDeviceCookie(c);
  return { ...(user && { user }), ...(device && { device }), ...(ip && { ip }) };
}

/**
 * Where the request comes from, for impossible travel: request.cf placed at its city (outside
 * production `?edge-city=<code>` stands in, as for pages); undefined when unknown.
 * @example signalLocation(c) // { lat: 39.9, lon: 116.4, city: "北京市" }
 */
export function signalLocation(c: Context): Place | undefined {
  return placeOf(
    previewOf(new URL(c.req.url), (c.env as Env).ENVIRONMENT).cf ?? (c.req.raw as Request & { cf?: CfGeo }).cf,
  );
}

const guardOf = (env: Env, principal: string) => env.RISK_GUARD.get(env.RISK_GUARD.idFromName(principal));

/**
 * Asks every principal's guard (in parallel) about `signal` at `now`, returns the strictest
 * outcome, and records challenges, blocks and notable allows in `risk_events` (one row per
 * principal that decided it; no personal data).
 * @example const risk = await assessRisk(env, principalsOf(c), { action: "checkout" }, Date.now())
 */
export async function assessRisk(
  env: Env,
  principals: Principals,
  signal: RiskSignal,
  now: number,
): Promise<RiskAssessment> {
  const asked = PRINCIPAL_KINDS.flatMap((kind) => {
    const id = principals[kind];
    return id ? [{ kind, principal: `${kind}:${id}` }] : [];
  });
  const decided = await Promise.all(
    asked.map(async ({ kind, principal }) => {
      const subject = kind === "device" && signal.action === "login" ? principals.user : undefined;
      const guarded = { ...signal, ...(subject && { subject }) };
      return { kind, principal, decision: await guardOf(env, principal).assess(kind, guarded, now) };
    }),
  );
  const notable = decided.filter(({ decision }) => decision.notable);
  if (notable.length > 0) {
    const at = new Date(now).toISOString();
    await database(env.DB)
      .insert(riskEvents)
      .values(
        notable.map(({ principal, decision }) => ({
          id: `rsk_${crypto.randomUUID().replace(/-/g, "")}`,
          at,
          principal,
          action: signal.action,
          outcome: decision.outcome,
          rule: decision.rule,
          detail: {
            ...decision.detail,
            ...(decision.retryAfterMs !== undefined && { retryAfterMs: decision.retryAfterMs }),
          },
        })),
      );
  }
  const strictest = decided
    .map(({ decision }) => decision)
    .reduce<Pick<RiskDecision, "outcome" | "rule" | "message" | "retryAfterMs"> | undefined>(
      (best, next) => (best ? stricter(best, next) : next),
      undefined,
    );
  if (!strictest || strictest.outcome === "allow") return { outcome: "allow", rule: "none", message: "通过 / Allowed" };
  const { outcome, rule, message, retryAfterMs } = strictest;
  return { outcome, rule, message, ...(retryAfterMs !== undefined && { retryAfterMs }) };
}

/**
 * The problem+json of a block (429, `Retry-After` in seconds) or a challenge (403, `rule` and the
 * step-up window, so the client can ask for a code at POST /api/auth/step-up/code).
 * @example return riskRefusal(c, risk)
 */
export function riskRefusal(c: Context, risk: RiskAssessment): Response {
  const blocked = risk.outcome === "block";
  const retrySeconds = Math.max(1, Math.ceil((risk.retryAfterMs ?? 0) / 1000));
  return problem(c, blocked ? "risk-blocked" : "risk-challenge", risk.message, {
    headers: blocked ? { "retry-after": String(retrySeconds) } : {},
    extensions: {
      rule: risk.rule,
      ...(blocked ? { retryAfterSeconds: retrySeconds } : { maxAgeMinutes: CHALLENGE_STEP_UP_MINUTES }),
    },
  });
}

/** The request's session, read once (a route's guard may have read it already). */
async function sessionOf(c: Context<AppEnv>): Promise<SignedIn | undefined> {
  const known = (c.var as Partial<AuthEnv["Variables"]>).signedIn;
  if (known || !getCookie(c, SESSION_POLICY.cookie)) return known;
  const probe = new Context<AuthEnv>(c.req.raw, { env: c.env });
  await requireSession()(probe, async () => {});
  const found = (probe.var as Partial<AuthEnv["Variables"]>).signedIn;
  if (found) (c as unknown as Context<AuthEnv>).set("signedIn", found);
  return found;
}

/**
 * Guards a route with the risk policy for `action`: a block answers 429 `risk-blocked` with
 * `Retry-After`; a challenge answers 403 `risk-challenge` unless the session confirmed a fresh code
 * within the last ten minutes (then it passes); an allow passes.
 * @example router.openapi(createRoute({ …, middleware: [riskGate("configure")] as const }), handler)
 */
export function riskGate(action: RiskSignal["action"]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const session = await sessionOf(c);
    const now = Date.now();
    const location = action === "login" ? signalLocation(c) : undefined;
    const signal = { action, ...(location && { location }) } as RiskSignal;
    const risk = await assessRisk(c.env, principalsOf(c), signal, now);
    const confirmed = steppedUpWithin(session?.session.steppedUpAt ?? null, CHALLENGE_STEP_UP_MINUTES, now);
    if (risk.outcome === "block" || (risk.outcome === "challenge" && !confirmed)) return riskRefusal(c, risk);
    await next();
  };
}
