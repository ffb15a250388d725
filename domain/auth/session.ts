/** Signed-in sessions: a random token in a cookie, only its hash on the server. */

export const SESSION_POLICY = {
  cookie: "marque_session",
  ttlMs: 30 * 86_400_000,
} as const;

/**
 * When a session started at `now` expires, as stored (UTC ISO-8601).
 * @example sessionExpiry(Date.parse("2026-11-01T00:00:00Z")) // "2026-12-01T00:00:00.000Z"
 */
export function sessionExpiry(now: number): string {
  return new Date(now + SESSION_POLICY.ttlMs).toISOString();
}

/**
 * Whether the session's last step-up (a fresh code) is at most `maxAgeMinutes` old.
 * @example steppedUpWithin("2026-11-28T10:00:00Z", 5, Date.parse("2026-11-28T10:04:00Z")) // true
 */
export function steppedUpWithin(steppedUpAt: string | null, maxAgeMinutes: number, now: number): boolean {
  if (steppedUpAt === null) return false;
  const at = Date.parse(steppedUpAt);
  return at <= now && now - at <= maxAgeMinutes * 60_000;
}

/**
 * The same-site path to go to after signing in; anything else (another origin, `//host`) goes home.
 * @example returnPath("/models/xingchi-s7") // "/models/xingchi-s7"
 * @example returnPath("//evil.example/") // "/"
 */
export function returnPath(next: string | null | undefined): string {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  return /^[\x21-\x7e]*$/.test(next) ? next : "/";
}
