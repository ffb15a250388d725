import { eq } from "drizzle-orm";
import { type Breaker, CLOSED } from "../../domain/payment/circuit-breaker.ts";
import { database } from "../db/client.ts";
import { paymentChannels } from "../db/schema.ts";

/** A channel's breaker as D1 keeps it, shared by every isolate. */
interface StoredBreaker extends Breaker {
  channel: string;
  updatedAt: string | null;
}

const fromRow = (row: typeof paymentChannels.$inferSelect): StoredBreaker => ({
  channel: row.channel,
  state: row.state,
  failures: row.failures,
  openedAt: row.openedAt === null ? null : Date.parse(row.openedAt),
  updatedAt: row.updatedAt,
});

/**
 * The breakers of `channels` (closed for a channel never seen), plus any other channel D1 knows.
 * @example await breakers(env.DB, ["alipay-sim", "unionpay-sim"])
 */
export async function breakers(d1: D1Database, channels: readonly string[]): Promise<StoredBreaker[]> {
  const rows = (await database(d1).select().from(paymentChannels)).map(fromRow);
  const known = new Map(rows.map((row) => [row.channel, row]));
  const listed = channels.map((channel) => known.get(channel) ?? { channel, ...CLOSED, updatedAt: null });
  return [...listed, ...rows.filter((row) => !channels.includes(row.channel))];
}

const same = (a: Breaker, b: Breaker) => a.state === b.state && a.failures === b.failures && a.openedAt === b.openedAt;

/**
 * Applies `change` to a channel's breaker in D1 and answers the result. The write only lands if the
 * row is still what was read (compare and set), so concurrent isolates never lose a failure; on a
 * lost race the change is re-applied to the fresh row.
 * @example await updateBreaker(env.DB, "alipay-sim", (b) => failed(b, now), now)
 */
export async function updateBreaker(
  d1: D1Database,
  channel: string,
  change: (breaker: Breaker) => Breaker,
  now: number,
): Promise<Breaker> {
  const db = database(d1);
  for (;;) {
    const [row] = await db.select().from(paymentChannels).where(eq(paymentChannels.channel, channel));
    const current = row ? fromRow(row) : CLOSED;
    const next = change(current);
    if (row && same(current, next)) return current;
    const values = {
      state: next.state,
      failures: next.failures,
      openedAt: next.openedAt === null ? null : new Date(next.openedAt).toISOString(),
      updatedAt: new Date(now).toISOString(),
    };
    const written = row
      ? await d1
          .prepare(
            "UPDATE payment_channels SET state = ?, failures = ?, opened_at = ?, updated_at = ? WHERE channel = ? AND state = ? AND failures = ? AND opened_at IS ? RETURNING channel",
          )
          .bind(
            values.state,
            values.failures,
            values.openedAt,
            values.updatedAt,
            channel,
            row.state,
            row.failures,
            row.openedAt,
          )
          .all()
      : await d1
          .prepare(
            "INSERT INTO payment_channels (channel, state, failures, opened_at, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (channel) DO NOTHING RETURNING channel",
          )
          .bind(channel, values.state, values.failures, values.openedAt, values.updatedAt)
          .all();
    if (written.results.length === 1) return next;
  }
}
