/**
 * The risk policy: what one principal (an account, a device or an IP address) may do next, given
 * the signals it sent recently. Pure: the RiskGuard Durable Object keeps the history and asks.
 */
import { distanceKm } from "../geo/distance.ts";
import { decide } from "./sliding-window.ts";
import {
  IMPOSSIBLE_TRAVEL,
  MANY_ACCOUNTS,
  PAYMENT_FAILURES,
  type PrincipalKind,
  RAPID_CONFIGURATION,
  RATE_LIMITS,
  type RiskAction,
} from "./thresholds.ts";

export const RISK_OUTCOMES = ["allow", "challenge", "block"] as const;
export type RiskOutcome = (typeof RISK_OUTCOMES)[number];

export const RISK_RULES = [
  "none",
  "rate-limit",
  "rapid-configuration",
  "impossible-travel",
  "new-location",
  "payment-failures",
  "many-accounts",
] as const;
/** Which rule decided; `new-location` (a plausible move) and `payment-failures` may also decide an allow worth showing ops. */
export type RiskRule = (typeof RISK_RULES)[number];

/** Where a sign-in came from: city coordinates (or request.cf's), and the city's name when known. */
export interface Place {
  lat: number;
  lon: number;
  city?: string;
}

/** A signal as a guard receives it: for sign-ins, the account (`subject`, on a device) and the place. */
export interface Signal {
  action: RiskAction;
  subject?: string;
  location?: Place;
}

/** A signal the guard remembers, at epoch ms `at`. */
export interface PastSignal extends Signal {
  at: number;
}

export interface RiskDecision {
  outcome: RiskOutcome;
  rule: RiskRule;
  /** Chinese first, then English. */
  message: string;
  /** With a block: milliseconds until the same signal would no longer be blocked by this rule. */
  retryAfterMs?: number;
  /** An allow that ops should still see (a payment failure, a sign-in from another city). */
  notable: boolean;
  /** Whether the guard keeps the signal: blocked attempts are not kept (so a block ends), facts always are. */
  record: boolean;
  /** What the rule counted, for the risk event (no personal data). */
  detail: Record<string, number | string>;
}

type Verdict = Omit<RiskDecision, "notable" | "record"> & { notable?: boolean };

const SEVERITY: Record<RiskOutcome, number> = { allow: 0, challenge: 1, block: 2 };

/**
 * The stricter of two decisions; between two blocks, the longer wait.
 * @example stricter(allowDecision, blockDecision).outcome // "block"
 */
export function stricter<T extends { outcome: RiskOutcome; retryAfterMs?: number }>(a: T, b: T): T {
  const order = SEVERITY[b.outcome] - SEVERITY[a.outcome];
  if (order !== 0) return order > 0 ? b : a;
  return (b.retryAfterMs ?? 0) > (a.retryAfterMs ?? 0) ? b : a;
}

/**
 * "N 秒 / N s" below two minutes, else whole minutes (rounded up).
 * @example waitText(90_000) // "90 秒 / 90 s"
 */
export function waitText(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 120) return `${seconds} 秒 / ${seconds} s`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} 分钟 / ${minutes} min`;
}

const bilingual = (zh: string, en: string, wait?: number) => {
  if (wait === undefined) return `${zh} / ${en}`;
  const [waitZh, waitEn] = waitText(wait).split(" / ");
  return `${zh.replace("{wait}", waitZh ?? "")} / ${en.replace("{wait}", waitEn ?? "")}`;
};

/**
 * How long a guard must remember signals of `action` for the rules that count them.
 * @example retentionMs("login") // 86_400_000
 */
export function retentionMs(action: RiskAction): number {
  const limits = Object.values(RATE_LIMITS[action]).map((limit) => limit.windowMs);
  const rules: Record<RiskAction, number[]> = {
    login: [IMPOSSIBLE_TRAVEL.lookbackMs, MANY_ACCOUNTS.windowMs],
    configure: [RAPID_CONFIGURATION.windowMs],
    checkout: [],
    payment_failed: [PAYMENT_FAILURES.windowMs],
    sms_code: [],
  };
  return Math.max(0, ...limits, ...rules[action]);
}

/**
 * Speed in km/h needed to get from one sign-in to the next (Infinity when no time passed), and the distance.
 * @example travel({ at: 0, location: beijing }, { at: 3_600_000, location: shanghai }) // { km: ≈1067, kmh: ≈1067 }
 */
export function travel(from: { at: number; location: Place }, to: { at: number; location: Place }) {
  const km = distanceKm(from.location, to.location);
  const hours = Math.max(0, to.at - from.at) / 3_600_000;
  return { km, kmh: hours === 0 ? (km === 0 ? 0 : Number.POSITIVE_INFINITY) : km / hours };
}

/**
 * Whether a move between two sign-ins is faster than anyone travels.
 * @example impossible({ km: 2400, kmh: 2400 }) // true
 */
export const impossible = ({ km, kmh }: { km: number; kmh: number }) =>
  km > IMPOSSIBLE_TRAVEL.minKm && kmh > IMPOSSIBLE_TRAVEL.maxKmh;

const located = (history: readonly PastSignal[], now: number) =>
  history
    .filter((s): s is PastSignal & { location: Place } => s.action === "login" && s.location !== undefined)
    .filter((s) => s.at > now - IMPOSSIBLE_TRAVEL.lookbackMs)
    .sort((a, b) => a.at - b.at);

const round = (n: number) => (Number.isFinite(n) ? Math.round(n) : -1);
const travelDetail = (from: PastSignal & { location: Place }, to: Place, move: { km: number; kmh: number }) => ({
  from: from.location.city ?? "?",
  to: to.city ?? "?",
  km: round(move.km),
  kmh: round(move.kmh),
});

function rateLimit(
  kind: PrincipalKind,
  history: readonly PastSignal[],
  signal: Signal,
  now: number,
): Verdict | undefined {
  const limit = RATE_LIMITS[signal.action][kind];
  if (!limit) return undefined;
  const hits = history.filter((s) => s.action === signal.action).map((s) => s.at);
  const window = decide(hits, now, limit);
  if (window.allowed) return undefined;
  return {
    outcome: "block",
    rule: "rate-limit",
    message: bilingual("操作过于频繁，请 {wait}后再试", "Too many attempts; try again in {wait}", window.retryAfterMs),
    retryAfterMs: window.retryAfterMs,
    detail: { limit: limit.limit, windowMs: limit.windowMs },
  };
}

function rapidConfiguration(kind: PrincipalKind, history: readonly PastSignal[], signal: Signal, now: number) {
  if (signal.action !== "configure" || kind === "ip") return undefined;
  const { windowMs, challengeAbove } = RAPID_CONFIGURATION;
  const count = 1 + history.filter((s) => s.action === "configure" && s.at > now - windowMs).length;
  if (count <= challengeAbove) return undefined;
  return {
    outcome: "challenge",
    rule: "rapid-configuration",
    message: bilingual(
      "配置操作异常频繁，请验证身份后继续",
      "Configurations are changing unusually fast; confirm it is you to continue",
    ),
    detail: { count, windowMs },
  } satisfies Verdict;
}

function impossibleTravel(kind: PrincipalKind, history: readonly PastSignal[], signal: Signal, now: number) {
  if (kind !== "user") return undefined;
  const logins = located(history, now);
  const challenge = (detail: Verdict["detail"]): Verdict => ({
    outcome: "challenge",
    rule: "impossible-travel",
    message: bilingual(
      "检测到短时间内从相距很远的地点登录，请用短信验证码确认身份",
      "Signed in from places too far apart for the time between; confirm it is you with a text code",
    ),
    detail,
  });
  if (signal.action === "checkout") {
    for (let i = 1; i < logins.length; i++) {
      const [from, to] = [logins[i - 1], logins[i]];
      if (from && to && impossible(travel(from, to)))
        return challenge(travelDetail(from, to.location, travel(from, to)));
    }
    return undefined;
  }
  const last = logins.at(-1);
  if (signal.action !== "login" || !signal.location || !last) return undefined;
  const move = travel(last, { at: now, location: signal.location });
  if (impossible(move)) return challenge(travelDetail(last, signal.location, move));
  if (move.km <= IMPOSSIBLE_TRAVEL.minKm) return undefined;
  return {
    outcome: "allow",
    rule: "new-location",
    message: bilingual("从新的城市登录", "Signed in from another city"),
    notable: true,
    detail: travelDetail(last, signal.location, move),
  } satisfies Verdict;
}

function paymentFailures(kind: PrincipalKind, history: readonly PastSignal[], signal: Signal, now: number) {
  if (kind === "ip" || (signal.action !== "payment_failed" && signal.action !== "checkout")) return undefined;
  const { windowMs, challengeAt, blockAt } = PAYMENT_FAILURES;
  const failures = history
    .filter((s) => s.action === "payment_failed" && s.at > now - windowMs)
    .map((s) => s.at)
    .concat(signal.action === "payment_failed" ? [now] : [])
    .sort((a, b) => a - b);
  const count = failures.length;
  const detail = { count, windowMs };
  if (count >= blockAt) {
    const retryAfterMs = (failures[count - blockAt] ?? now) + windowMs - now;
    return {
      outcome: "block",
      rule: "payment-failures",
      message: bilingual(
        "支付失败次数过多，请 {wait}后再试",
        "Too many failed payments; try again in {wait}",
        retryAfterMs,
      ),
      retryAfterMs,
      detail,
    } satisfies Verdict;
  }
  if (count >= challengeAt)
    return {
      outcome: "challenge",
      rule: "payment-failures",
      message: bilingual("多次支付失败，请验证身份后重试", "Several payments failed; confirm it is you to try again"),
      detail,
    } satisfies Verdict;
  if (signal.action !== "payment_failed") return undefined;
  return {
    outcome: "allow",
    rule: "payment-failures",
    message: bilingual("支付失败", "A payment failed"),
    notable: true,
    detail,
  } satisfies Verdict;
}

function manyAccounts(kind: PrincipalKind, history: readonly PastSignal[], signal: Signal, now: number) {
  if (kind !== "device" || signal.action !== "login" || !signal.subject) return undefined;
  const { windowMs, challengeAbove, blockAbove } = MANY_ACCOUNTS;
  const lastSeen = new Map<string, number>();
  for (const s of history)
    if (s.action === "login" && s.subject && s.at > now - windowMs)
      lastSeen.set(s.subject, Math.max(s.at, lastSeen.get(s.subject) ?? s.at));
  lastSeen.set(signal.subject, now);
  const accounts = lastSeen.size;
  const detail = { accounts, windowMs };
  if (accounts > blockAbove) {
    const others = [...lastSeen.entries()]
      .filter(([subject]) => subject !== signal.subject)
      .map(([, at]) => at)
      .sort((a, b) => a - b);
    const retryAfterMs = (others[accounts - blockAbove - 1] ?? now) + windowMs - now;
    return {
      outcome: "block",
      rule: "many-accounts",
      message: bilingual(
        "此设备登录的账户过多，请 {wait}后再试",
        "Too many accounts signed in on this device; try again in {wait}",
        retryAfterMs,
      ),
      retryAfterMs,
      detail,
    } satisfies Verdict;
  }
  if (accounts <= challengeAbove) return undefined;
  return {
    outcome: "challenge",
    rule: "many-accounts",
    message: bilingual(
      "此设备近期登录的账户过多，请验证身份",
      "Many accounts signed in on this device recently; confirm it is you",
    ),
    detail,
  } satisfies Verdict;
}

const RULES = [rateLimit, paymentFailures, manyAccounts, impossibleTravel, rapidConfiguration];

const ALLOW: Verdict = { outcome: "allow", rule: "none", message: bilingual("通过", "Allowed"), detail: {} };

/**
 * Decides a principal's new signal at `now` from its remembered `history`: every rule that applies
 * to the principal's kind and the action is asked, and the strictest answer wins.
 * @example assess("device", fiveLoginsOfOthers, { action: "login", subject: "usr_6" }, now).outcome // "block"
 */
export function assess(kind: PrincipalKind, history: readonly PastSignal[], signal: Signal, now: number): RiskDecision {
  const verdict = RULES.map((rule) => rule(kind, history, signal, now)).reduce<Verdict>(
    (best, next) => (!next ? best : best.rule === "none" && next.outcome === "allow" ? next : stricter(best, next)),
    ALLOW,
  );
  return {
    ...verdict,
    notable: verdict.outcome !== "allow" || verdict.notable === true,
    record: verdict.outcome !== "block" || signal.action === "payment_failed",
  };
}
