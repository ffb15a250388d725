import { DurableObject } from "cloudflare:workers";
import { decide, type RateLimit, type WindowDecision } from "../domain/risk/sliding-window.ts";

const IDLE_PURGE_MS = 60 * 60 * 1000;

/**
 * One risk principal (a user, a device or an IP): a sliding-window log of its actions in the
 * object's SQLite storage. Being one object per principal, its decisions need no locks.
 */
export class RiskGuard extends DurableObject<Env> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(
      "CREATE TABLE IF NOT EXISTS hits (action TEXT NOT NULL, at INTEGER NOT NULL); CREATE INDEX IF NOT EXISTS hits_action_at ON hits (action, at)",
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

  /** An hour without activity: forget the log, so idle principals cost no storage. */
  override async alarm(): Promise<void> {
    this.sql.exec("DELETE FROM hits");
  }
}
