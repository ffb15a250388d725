/** One-time codes sent by SMS to sign in or to confirm a sensitive action (step-up). */

export const CODE_POLICY = {
  digits: 6,
  ttlMs: 5 * 60_000,
  maxAttempts: 5,
} as const;

/** `change-phone` codes go to the new number, to prove it is the shopper's. */
export type CodePurpose = "login" | "step-up" | "change-phone";

/** Sliding-window limits on sending codes, per phone number and per client IP. */
export const CODE_SEND_LIMITS = {
  phone: [
    { action: "auth-code-minute", limit: 1, windowMs: 60_000 },
    { action: "auth-code-hour", limit: 5, windowMs: 3_600_000 },
  ],
  ip: [{ action: "auth-code-ip-hour", limit: 30, windowMs: 3_600_000 }],
} as const;

/**
 * A uniformly random code of `CODE_POLICY.digits` digits (rejection sampling: no modulo bias).
 * @example newCode() // "048213"
 */
export function newCode(random: (bytes: Uint32Array) => Uint32Array = (b) => crypto.getRandomValues(b)): string {
  const range = 10 ** CODE_POLICY.digits;
  const ceiling = Math.floor(2 ** 32 / range) * range;
  for (;;) {
    const [value = ceiling] = random(new Uint32Array(1));
    if (value < ceiling) return String(value % range).padStart(CODE_POLICY.digits, "0");
  }
}

/** A stored code as far as deciding about a guess goes. */
export interface CodeState {
  expiresAt: string;
  attempts: number;
  consumedAt: string | null;
}

/** Why a code can no longer be used: ask for a new one. */
export type DeadCode = "missing" | "expired" | "used" | "locked";

/**
 * Whether a guess may still be checked against the code, and if not, why.
 * @example codeStatus({ expiresAt: "2026-11-28T10:05:00Z", attempts: 5, consumedAt: null }, Date.parse("2026-11-28T10:01:00Z")) // "locked"
 */
export function codeStatus(code: CodeState | undefined, now: number): DeadCode | "live" {
  if (!code) return "missing";
  if (code.consumedAt !== null) return "used";
  if (code.attempts >= CODE_POLICY.maxAttempts) return "locked";
  if (Date.parse(code.expiresAt) <= now) return "expired";
  return "live";
}

/**
 * What to tell the person about a wrong code, bilingual, Chinese first.
 * @example wrongCodeMessage(2) // "验证码不正确，还可尝试 2 次 / Wrong code; 2 tries left"
 */
export function wrongCodeMessage(attemptsLeft: number): string {
  return attemptsLeft > 0
    ? `验证码不正确，还可尝试 ${attemptsLeft} 次 / Wrong code; ${attemptsLeft} ${attemptsLeft === 1 ? "try" : "tries"} left`
    : "验证码错误次数过多，请重新获取 / Too many wrong codes; ask for a new one";
}

/**
 * The text message carrying a code.
 * @example codeMessage("048213", "login") // "【Marque】验证码 048213，5 分钟内有效，用于登录。…"
 */
export function codeMessage(code: string, purpose: CodePurpose): string {
  const minutes = CODE_POLICY.ttlMs / 60_000;
  const use =
    purpose === "login"
      ? ["登录", "sign in"]
      : purpose === "change-phone"
        ? ["更换手机号", "change your number"]
        : ["确认操作", "confirm"];
  return `【Marque】验证码 ${code}，${minutes} 分钟内有效，用于${use[0]}。请勿告诉他人。Your Marque code to ${use[1]}: ${code} (valid ${minutes} min).`;
}

/**
 * The code inside a message written by `codeMessage`, for the development outbox.
 * @example codeInMessage(codeMessage("048213", "login")) // "048213"
 */
export function codeInMessage(text: string): string | undefined {
  return /验证码 (\d{6})/.exec(text)?.[1];
}
