/** Reads and writes of the dealer console: one dealership's bookings, leads and funnel. */
import { and, asc, count, desc, eq, gte, lt, sql, sum } from "drizzle-orm";
import type { BookingStatus } from "../../domain/test-drive/status.ts";
import type { Database } from "./client.ts";
import { dealers, leads, models, orders, testDriveBookings, testDriveCars, trims, users } from "./schema.ts";

/**
 * The dealership an account is attached to, or null.
 * @example await accountDealer(db, "usr_3f1c…") // "xingchi-440300-1"
 */
export async function accountDealer(db: Database, userId: string): Promise<string | null> {
  const [row] = await db.select({ dealerId: users.dealerId }).from(users).where(eq(users.id, userId));
  return row?.dealerId ?? null;
}

/**
 * A dealer's name, opening hours and total demo cars; undefined if there is no such dealer.
 * @example (await consoleDealer(db, "xingchi-440300-1"))?.cars // 5
 */
export async function consoleDealer(db: Database, id: string) {
  const [row] = await db
    .select({ id: dealers.id, name: dealers.name, nameEn: dealers.nameEn, hours: dealers.hours })
    .from(dealers)
    .where(eq(dealers.id, id));
  if (!row) return undefined;
  const [cars] = await db
    .select({ cars: sum(testDriveCars.cars).mapWith(Number) })
    .from(testDriveCars)
    .where(eq(testDriveCars.dealerId, id));
  return { ...row, cars: cars?.cars ?? 0 };
}

const bookingColumns = {
  booking: testDriveBookings,
  trim: { id: trims.id, name: trims.name, nameEn: trims.nameEn, modelName: models.name, modelNameEn: models.nameEn },
};

/**
 * A dealer's bookings whose slot starts in [from, to), earliest first.
 * @example await bookingsBetween(db, dealerId, "2026-11-29T16:00:00.000Z", "2026-11-30T16:00:00.000Z")
 */
export function bookingsBetween(db: Database, dealerId: string, from: string, to: string) {
  return db
    .select(bookingColumns)
    .from(testDriveBookings)
    .innerJoin(trims, eq(trims.id, testDriveBookings.trimId))
    .innerJoin(models, eq(models.id, trims.modelId))
    .where(
      and(
        eq(testDriveBookings.dealerId, dealerId),
        gte(testDriveBookings.slotStart, from),
        lt(testDriveBookings.slotStart, to),
      ),
    )
    .orderBy(asc(testDriveBookings.slotStart), asc(testDriveBookings.createdAt));
}

export type ConsoleBookingRow = Awaited<ReturnType<typeof bookingsBetween>>[number];

/**
 * One booking, only if it belongs to `dealerId` (any dealer's when `dealerId` is undefined).
 * @example await dealerBooking(db, "td_5f0c…", "xingchi-440300-1")
 */
export async function dealerBooking(
  db: Database,
  id: string,
  dealerId: string | undefined,
): Promise<ConsoleBookingRow | undefined> {
  const [row] = await db
    .select(bookingColumns)
    .from(testDriveBookings)
    .innerJoin(trims, eq(trims.id, testDriveBookings.trimId))
    .innerJoin(models, eq(models.id, trims.modelId))
    .where(
      and(eq(testDriveBookings.id, id), dealerId === undefined ? undefined : eq(testDriveBookings.dealerId, dealerId)),
    );
  return row;
}

const MARK_SQL = `UPDATE test_drive_bookings SET status = ?2, revision = revision + 1, updated_at = ?3
WHERE id = ?1 AND status = ?4`;
const AUDIT_SQL = `INSERT INTO audit_log (id, at, actor_id, action, entity_type, entity_id, diff, request_id)
SELECT ?1, ?2, ?3, ?4, 'test_drive_booking', ?5, ?6, ?7
WHERE EXISTS (SELECT 1 FROM test_drive_bookings WHERE id = ?5 AND status = ?8 AND updated_at = ?2)`;
const DROP_REMINDER_SQL = `UPDATE notification_outbox SET status = 'cancelled'
WHERE kind = 'test_drive_reminder' AND subject_id = ?1 AND status = 'pending'`;

/**
 * Moves a booking from `from` to `to` with its audit entry, in one batch; the pending reminder is
 * dropped. False if the booking was no longer in `from` (changed concurrently): nothing is written.
 * @example await markBooking(env.DB, { id, from: "booked", to: "checked_in", actorId, requestId })
 */
export async function markBooking(
  d1: D1Database,
  change: { id: string; from: BookingStatus; to: BookingStatus; actorId: string; requestId: string },
): Promise<boolean> {
  const at = new Date().toISOString();
  const diff = JSON.stringify({ status: [change.from, change.to] });
  const [marked] = await d1.batch([
    d1.prepare(MARK_SQL).bind(change.id, change.to, at, change.from),
    d1
      .prepare(AUDIT_SQL)
      .bind(
        `aud_${crypto.randomUUID().replace(/-/g, "")}`,
        at,
        change.actorId,
        `test_drive.${change.to}`,
        change.id,
        diff,
        change.requestId,
        change.to,
      ),
    d1.prepare(DROP_REMINDER_SQL).bind(change.id),
  ]);
  return marked?.meta.changes === 1;
}

/**
 * A page of a dealer's leads, newest first, with the total.
 * @example const { rows, total } = await leadPage(db, dealerId, { page: 1, limit: 20 })
 */
export async function leadPage(db: Database, dealerId: string, { page, limit }: { page: number; limit: number }) {
  const [rows, [total]] = await Promise.all([
    db
      .select({ lead: leads, model: { id: models.id, name: models.name, nameEn: models.nameEn } })
      .from(leads)
      .leftJoin(models, eq(models.id, leads.modelId))
      .where(eq(leads.dealerId, dealerId))
      .orderBy(desc(leads.createdAt), desc(leads.id))
      .limit(limit)
      .offset((page - 1) * limit),
    db.select({ n: count() }).from(leads).where(eq(leads.dealerId, dealerId)),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/**
 * The funnel of a dealer over [from, to): leads created, test drives booked, of those checked in,
 * and orders placed with the dealer.
 * @example await funnelCounts(db, dealerId, from, to) // { leads: 12, booked: 9, checked_in: 4, orders: 1 }
 */
export async function funnelCounts(db: Database, dealerId: string, from: string, to: string) {
  const [[lead], [drive], [order]] = await Promise.all([
    db
      .select({ n: count() })
      .from(leads)
      .where(and(eq(leads.dealerId, dealerId), gte(leads.createdAt, from), lt(leads.createdAt, to))),
    db
      .select({
        booked: count(),
        checkedIn: sql<number>`coalesce(sum(${testDriveBookings.status} = 'checked_in'), 0)`.mapWith(Number),
      })
      .from(testDriveBookings)
      .where(
        and(
          eq(testDriveBookings.dealerId, dealerId),
          gte(testDriveBookings.createdAt, from),
          lt(testDriveBookings.createdAt, to),
        ),
      ),
    db
      .select({ n: count() })
      .from(orders)
      .where(and(eq(orders.dealerId, dealerId), gte(orders.createdAt, from), lt(orders.createdAt, to))),
  ]);
  return { leads: lead?.n ?? 0, booked: drive?.booked ?? 0, checked_in: drive?.checkedIn ?? 0, orders: order?.n ?? 0 };
}
