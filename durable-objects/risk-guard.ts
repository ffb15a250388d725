import { DurableObject } from "cloudflare:workers";
import { assess, type PastSignal, type RiskDecision, retentionMs, type Signal } from "../domain/risk/policy.ts";
import { decide, type RateLimit, type WindowDecision } from "../domain/risk/sliding-window.ts";
import { type PrincipalKind, RISK_ACTIONS } from "../domain/risk/thresholds.ts";

const IDLE_PURGE_MS = 60 * 60 * 1000;
const LONGEST_MEMORY_MS = Math.max(...RISK_ACTIONS.map(retentionMs));

type SignalRow = {
  action: PastSignal["action"];
  at: number;
  subject: string | null;
  lat: number | null;
  lon: number | null;
  city: string | null;
};

const pastSignal = (row: SignalRow): PastSignal => ({
  action: row.action,
  at: row.at,
  ...(row.subject !== null && { subject: row.subject }),
  ...(row.lat !== null &&
    row.lon !== null && { location: { lat: row.lat, lon: row.lon, ...(row.city !== null && { city: row.city }) } }),
});

/**
 * One risk principal (a user, a device or an IP): its recent signals in the object's SQLite
 * storage, decided by the risk policy (domain/risk/policy.ts), and a plain sliding-window log for
 * the sign-in code limits. Being one object per principal, and each decision running without an
 * await between reading the history and writing the signal, a principal's decisions are serialised:
 * parallel calls never lose a count.
 */
export class RiskGuard extends DurableObject<Env> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(
      `CREATE TABLE IF NOT EXISTS hits (action TEXT NOT NULL, at INTEGER NOT NULL);
       CREATE INDEX IF NOT EXISTS hits_action_at ON hits (action, at);
       CREATE TABLE IF NOT EXISTS signals (action TEXT NOT NULL, at INTEGER NOT NULL, subject TEXT, lat REAL, lon REAL, city TEXT);
       CREATE INDEX IF NOT EXISTS signals_action_at ON signals (action, at)`,
    );
  }

  /** Records one `action` if the limit allows it, and says whether it did. */
  async hit(action: string, limit: RateLimit, now = Date.now()): Promise<WindowDecision> {
    this.sql.exec("DELETE FROM hits WHERE action = ? AND at <= ?", action, now - limit.windowMs);
    const hits = this.sql
      .exec<{ at: number }>("SELECT at FROM hits WHERE action = ? ORDER BY at", action)
      .toArray()
      .map((row) => row.at);
    const decision = decide(hits, now, limit);
    if (decision.allowed) this.sql.exec("INSERT INTO hits (action, at) VALUES (?, ?)", action, now);
    await this.ctx.storage.setAlarm(now + IDLE_PURGE_MS);
    return decision;
  }

  /** Hits currently remembered for `action` (for ops and tests). */
  async count(action: string): Promise<number> {
    return this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM hits WHERE action = ?", action).one().n;
  }

  /**
   * Decides `signal` of this principal (of `kind`) at `now` with the risk policy, and remembers it
   * unless the policy says not to (a blocked attempt).
   */
  async assess(kind: PrincipalKind, signal: Signal, now: number): Promise<RiskDecision> {
    this.forget(now);
    const history = this.sql.exec<SignalRow>("SELECT * FROM signals ORDER BY at").toArray().map(pastSignal);
    const decision = assess(kind, history, signal, now);
    if (decision.record) {
      const { location } = signal;
      this.sql.exec(
        "INSERT INTO signals (action, at, subject, lat, lon, city) VALUES (?, ?, ?, ?, ?, ?)",
        signal.action,
        now,
        signal.subject ?? null,
        location?.lat ?? null,
        location?.lon ?? null,
        location?.city ?? null,
      );
    }
    await this.ctx.storage.setAlarm(Date.now() + LONGEST_MEMORY_MS);
    return decision;
  }

  /** Signals remembered for `action` (for tests). */
  async remembered(action: Signal["action"]): Promise<number> {
    return this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM signals WHERE action = ?", action).one().n;
  }

  private forget(now: number): void {
    for (const action of RISK_ACTIONS)
      this.sql.exec("DELETE FROM signals WHERE action = ? AND at <= ?", action, now - retentionMs(action));
  }

  /** Idle: forget the code log and every signal the rules no longer count, so idle principals cost no storage. */
  override async alarm(): Promise<void> {
    this.sql.exec("DELETE FROM hits");
    this.forget(Date.now());
    const left = this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM signals").one().n;
    if (left > 0) await this.ctx.storage.setAlarm(Date.now() + LONGEST_MEMORY_MS);
  }
}
