/**
 * The order saga's writes to D1: holding and releasing a vehicle, claiming a build slot, and the
 * order row that listings read. Each statement is atomic in D1 and keyed by the order id, so a
 * step retried after a crash finds what it already did instead of doing it twice.
 */
import { BUILD_SLOTS_PER_WEEK } from "../../domain/orders/saga.ts";
import { addDays, mondayOf } from "../../domain/time.ts";

/** How many matching vehicles one hold attempt considers. */
const CANDIDATES = 50;

/**
 * Vehicles in stock with exactly this trim and these options, the delivery dealer's first: what a
 * hold may take. `options` excludes the trim's own code.
 */
export async function matchingVehicles(
  db: D1Database,
  trimId: string,
  options: readonly string[],
  dealerId: string,
): Promise<{ vin: string; dealerId: string }[]> {
  const wanted = [...options].sort().join(",");
  const { results } = await db
    .prepare(
      "SELECT vin, dealer_id, option_codes FROM inventory_vehicles WHERE trim_id = ?1 AND status = 'in_stock' ORDER BY CASE WHEN dealer_id = ?2 THEN 0 ELSE 1 END, vin",
    )
    .bind(trimId, dealerId)
    .all<{ vin: string; dealer_id: string; option_codes: string }>();
  return results
    .filter((row) => (JSON.parse(row.option_codes) as string[]).sort().join(",") === wanted)
    .map((row) => ({ vin: row.vin, dealerId: row.dealer_id }));
}

/**
 * Holds one of `candidates` for the order (the delivery dealer's first) until `expiresAt`, or
 * answers the vehicle it already holds. Null when every candidate is taken.
 */
export async function holdVehicle(
  db: D1Database,
  orderId: string,
  candidates: readonly string[],
  dealerId: string,
  expiresAt: string,
  now: string,
): Promise<string | null> {
  return (
    (await heldVehicle(db, orderId)) ??
    (await claimVehicle(db, orderId, candidates, dealerId, expiresAt, now)) ??
    (await heldVehicle(db, orderId))
  );
}

/**
 * Claims one of `candidates` for an order that holds none yet: one INSERT…SELECT takes the
 * vehicle, so concurrent orders never hold the same one; the vehicle is marked reserved in the
 * same transaction. Null when every candidate is taken (or the order already holds one).
 */
export async function claimVehicle(
  db: D1Database,
  orderId: string,
  candidates: readonly string[],
  dealerId: string,
  expiresAt: string,
  now: string,
): Promise<string | null> {
  if (candidates.length === 0) return null;
  const [claimed] = await db.batch<{ vin: string }>([
    db
      .prepare(
        `INSERT INTO vehicle_holds (vin, order_id, expires_at)
         SELECT vin, ?1, ?2 FROM inventory_vehicles
         WHERE vin IN (SELECT value FROM json_each(?3)) AND status = 'in_stock' AND vin NOT IN (SELECT vin FROM vehicle_holds)
         ORDER BY CASE WHEN dealer_id = ?4 THEN 0 ELSE 1 END, vin LIMIT 1
         ON CONFLICT DO NOTHING RETURNING vin`,
      )
      .bind(orderId, expiresAt, JSON.stringify(candidates.slice(0, CANDIDATES)), dealerId),
    db
      .prepare(
        "UPDATE inventory_vehicles SET status = 'reserved', updated_at = ?2 WHERE vin IN (SELECT vin FROM vehicle_holds WHERE order_id = ?1) AND status = 'in_stock'",
      )
      .bind(orderId, now),
  ]);
  return claimed?.results[0]?.vin ?? null;
}

export async function heldVehicle(db: D1Database, orderId: string): Promise<string | null> {
  const row = await db
    .prepare("SELECT vin FROM vehicle_holds WHERE order_id = ?1")
    .bind(orderId)
    .first<{ vin: string }>();
  return row?.vin ?? null;
}

/** Keeps the order's vehicle held until `expiresAt` (once the deposit is paid: until delivery). */
export async function extendHold(db: D1Database, orderId: string, expiresAt: string): Promise<void> {
  await db.prepare("UPDATE vehicle_holds SET expires_at = ?2 WHERE order_id = ?1").bind(orderId, expiresAt).run();
}

/** Puts the order's vehicle back in stock (nothing if it holds none). */
export async function releaseVehicle(db: D1Database, orderId: string, now: string): Promise<void> {
  await db.batch([
    db
      .prepare(
        "UPDATE inventory_vehicles SET status = 'in_stock', updated_at = ?2 WHERE vin IN (SELECT vin FROM vehicle_holds WHERE order_id = ?1) AND status = 'reserved'",
      )
      .bind(orderId, now),
    db.prepare("DELETE FROM vehicle_holds WHERE order_id = ?1").bind(orderId),
  ]);
}

/** The order is confirmed: its vehicle is sold and no longer held. */
export async function sellVehicle(db: D1Database, orderId: string, now: string): Promise<void> {
  await db.batch([
    db
      .prepare(
        "UPDATE inventory_vehicles SET status = 'sold', updated_at = ?2 WHERE vin IN (SELECT vin FROM vehicle_holds WHERE order_id = ?1)",
      )
      .bind(orderId, now),
    db.prepare("DELETE FROM vehicle_holds WHERE order_id = ?1").bind(orderId),
  ]);
}

/**
 * Claims a production slot for a build-to-order car: the first week from `fromDate` on with room
 * (at most 12 weeks out), or the week the order already has. Null when all are full.
 */
export async function claimBuildSlot(
  db: D1Database,
  orderId: string,
  trimId: string,
  fromDate: string,
): Promise<string | null> {
  const existing = await db
    .prepare("SELECT week FROM build_slot_claims WHERE order_id = ?1")
    .bind(orderId)
    .first<{ week: string }>();
  if (existing) return existing.week;
  const monday = mondayOf(fromDate);
  for (let offset = 0; offset < 12; offset++) {
    const week = addDays(monday, offset * 7);
    const claimed = await db
      .prepare(
        `INSERT INTO build_slot_claims (order_id, trim_id, week)
         SELECT ?1, ?2, ?3 WHERE (SELECT count(*) FROM build_slot_claims WHERE trim_id = ?2 AND week = ?3) < ?4
         ON CONFLICT DO NOTHING RETURNING week`,
      )
      .bind(orderId, trimId, week, BUILD_SLOTS_PER_WEEK)
      .first<{ week: string }>();
    if (claimed) return claimed.week;
  }
  return null;
}

export async function releaseBuildSlot(db: D1Database, orderId: string): Promise<void> {
  await db.prepare("DELETE FROM build_slot_claims WHERE order_id = ?1").bind(orderId).run();
}

/** What listings show of an order, written only if `seq` is newer than what the row reflects. */
export interface OrderProjection {
  id: string;
  status: string;
  vin: string | null;
  cancelReason: string | null;
  seq: number;
  updatedAt: string;
}

export async function projectOrder(db: D1Database, row: OrderProjection): Promise<void> {
  await db
    .prepare(
      "UPDATE orders SET status = ?2, vin = ?3, cancel_reason = ?4, seq = ?5, updated_at = ?6 WHERE id = ?1 AND seq < ?5",
    )
    .bind(row.id, row.status, row.vin, row.cancelReason, row.seq, row.updatedAt)
    .run();
}
