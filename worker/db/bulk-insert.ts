import type { InferInsertModel } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Database } from "./client.ts";

/** D1 binds at most 100 parameters per statement. */
const MAX_PARAMS = 100;
const STATEMENTS_PER_BATCH = 200;

/**
 * Inserts many rows in as few D1 round trips as its limits allow; rows already there are skipped.
 * @example await insertAll(db, schema.cities, [...CITIES])
 */
export async function insertAll<T extends SQLiteTable>(
  db: Database,
  table: T,
  rows: InferInsertModel<T>[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object).length;
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / columns));
  const statements = [];
  for (let i = 0; i < rows.length; i += perStatement) {
    statements.push(
      db
        .insert(table)
        .values(rows.slice(i, i + perStatement))
        .onConflictDoNothing(),
    );
  }
  for (let i = 0; i < statements.length; i += STATEMENTS_PER_BATCH) {
    const [first, ...rest] = statements.slice(i, i + STATEMENTS_PER_BATCH);
    if (first) await db.batch([first, ...rest]);
  }
}
