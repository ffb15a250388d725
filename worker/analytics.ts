import { z } from "@hono/zod-openapi";
import { database } from "./db/client.ts";
import { analyticsEvents } from "./db/schema.ts";
import { log } from "./log.ts";

const propValue = z.union([z.string().max(200), z.number().finite(), z.boolean()]);

/** One analytics event as a browser sends it. */
export const AnalyticsEventSchema = z
  .object({
    id: z.uuid().openapi({ description: "Client-generated; a retried send is stored once" }),
    type: z
      .string()
      .regex(/^[a-z][a-z0-9_.]{0,39}$/, "小写字母、数字、点和下划线 / lowercase letters, digits, dots, underscores")
      .openapi({ example: "page.view" }),
    occurredAt: z.iso.datetime({ offset: false }).openapi({ example: "2026-11-28T12:00:00.000Z" }),
    visitorId: z.string().max(64).optional(),
    path: z.string().max(512).optional(),
    props: z
      .record(z.string().max(40), propValue)
      .refine((props) => Object.keys(props).length <= 20, "最多 20 个属性 / at most 20 props")
      .default({}),
  })
  .openapi("AnalyticsEvent");

export const AnalyticsBatchSchema = z
  .object({ events: z.array(AnalyticsEventSchema).min(1).max(50) })
  .openapi("AnalyticsBatch");

/** What travels on the queue: the event plus what the edge knows about where it came from. */
export const QueuedEventSchema = AnalyticsEventSchema.extend({
  receivedAt: z.string(),
  country: z.string().nullable(),
  city: z.string().nullable(),
});
export type QueuedEvent = z.infer<typeof QueuedEventSchema>;

/**
 * Queue consumer: writes a batch of events to D1 in one transaction. Duplicate deliveries insert
 * nothing twice (the event id is the key); malformed messages are dropped with a log line; a
 * failed write retries the whole batch.
 */
export async function consumeAnalytics(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const rows: (typeof analyticsEvents.$inferInsert)[] = [];
  for (const message of batch.messages) {
    const parsed = QueuedEventSchema.safeParse(message.body);
    if (parsed.success) rows.push(parsed.data);
    else log("warn", message.id, "dropped malformed analytics event", { issues: parsed.error.issues.length });
  }
  if (rows.length === 0) return batch.ackAll();
  const db = database(env.DB);
  try {
    const [first, ...rest] = rows.map((row) => db.insert(analyticsEvents).values(row).onConflictDoNothing());
    if (first) await db.batch([first, ...rest]);
    batch.ackAll();
  } catch (error) {
    log("error", batch.queue, "analytics batch failed, retrying", { error: String(error), size: rows.length });
    batch.retryAll({ delaySeconds: 5 });
  }
}
