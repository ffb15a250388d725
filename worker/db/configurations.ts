/**
 * Saved configurations in D1 (table `saved_configurations`): the atomic save that keeps one row per
 * user and configuration and at most `limit` rows per user, the owner's list, thumbnail and delete.
 */

/** The catalogue trim a configuration's trim option (`trim:<code>`) stands for, if the model has it. */
export async function trimOf(db: D1Database, modelId: string, options: readonly string[]): Promise<string | null> {
  const code = options.find((option) => option.startsWith("trim:"))?.slice("trim:".length);
  if (!code) return null;
  const row = await db
    .prepare("SELECT id FROM trims WHERE model_id = ?1 AND id LIKE ?2")
    .bind(modelId, `%:${code}`)
    .first<{ id: string }>();
  return row?.id ?? null;
}

/**
 * The key that makes two saves of the same car one row: SHA-256 of model, version and the sorted options.
 * @example await configKey("model:s05", 1, ["paint:blue", "trim:pro"]) // "9f2c…" (64 hex digits)
 */
export async function configKey(modelId: string, version: number, options: readonly string[]): Promise<string> {
  const text = `${modelId}@${version}:${[...new Set(options)].sort().join(",")}`;
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

export interface NewSavedConfiguration {
  id: string;
  userId: string;
  modelId: string;
  trimId: string;
  version: number;
  options: string[];
  configKey: string;
  name: string | null;
  priceFen: number;
  pricedOn: string;
  thumbnail: string | null;
}

export type SaveOutcome = { status: "saved"; id: string } | { status: "exists"; id: string } | { status: "full" };

/**
 * Saves a configuration unless the user already has it (then answers its id) or already keeps
 * `limit` (one statement, so two concurrent saves can neither pass the limit nor make two rows).
 */
export async function saveConfiguration(
  db: D1Database,
  row: NewSavedConfiguration,
  limit: number,
): Promise<SaveOutcome> {
  const inserted = await db
    .prepare(
      `INSERT INTO saved_configurations (id, user_id, model_id, trim_id, version, options, config_key, name, price_fen, priced_on, thumbnail)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11
       WHERE (SELECT count(*) FROM saved_configurations WHERE user_id = ?2) < ?12
       ON CONFLICT (user_id, config_key) DO NOTHING RETURNING id`,
    )
    .bind(
      row.id,
      row.userId,
      row.modelId,
      row.trimId,
      row.version,
      JSON.stringify(row.options),
      row.configKey,
      row.name,
      row.priceFen,
      row.pricedOn,
      row.thumbnail,
      limit,
    )
    .first<{ id: string }>();
  if (inserted) return { status: "saved", id: inserted.id };
  const existing = await db
    .prepare("SELECT id FROM saved_configurations WHERE user_id = ?1 AND config_key = ?2")
    .bind(row.userId, row.configKey)
    .first<{ id: string }>();
  return existing ? { status: "exists", id: existing.id } : { status: "full" };
}

export interface SavedConfigurationRow {
  id: string;
  modelSlug: string;
  modelName: string;
  modelNameEn: string;
  trimId: string;
  trimName: string;
  trimNameEn: string;
  version: number;
  options: string;
  name: string | null;
  priceFen: number;
  pricedOn: string;
  createdAt: string;
  hasThumbnail: number;
  imageKey: string | null;
}

const SELECT_SAVED = `SELECT s.id, m.slug AS modelSlug, m.name AS modelName, m.name_en AS modelNameEn,
    t.id AS trimId, t.name AS trimName, t.name_en AS trimNameEn, s.version, s.options, s.name,
    s.price_fen AS priceFen, s.priced_on AS pricedOn, s.created_at AS createdAt, s.thumbnail IS NOT NULL AS hasThumbnail,
    (SELECT r2_key FROM media WHERE owner_type = 'model' AND owner_id = m.id AND role = 'side' LIMIT 1) AS imageKey
  FROM saved_configurations s JOIN models m ON m.id = s.model_id JOIN trims t ON t.id = s.trim_id`;

/** The user's saved configurations, newest first. */
export async function listSaved(db: D1Database, userId: string): Promise<SavedConfigurationRow[]> {
  const { results } = await db
    .prepare(`${SELECT_SAVED} WHERE s.user_id = ?1 ORDER BY s.created_at DESC, s.rowid DESC`)
    .bind(userId)
    .all<SavedConfigurationRow>();
  return results;
}

/** One of the user's saved configurations, or null (also for another user's). */
export async function findSaved(db: D1Database, userId: string, id: string): Promise<SavedConfigurationRow | null> {
  return db
    .prepare(`${SELECT_SAVED} WHERE s.user_id = ?1 AND s.id = ?2`)
    .bind(userId, id)
    .first<SavedConfigurationRow>();
}

/** The thumbnail data URL of one of the user's configurations, or null. */
export async function thumbnailOf(db: D1Database, userId: string, id: string): Promise<string | null> {
  const row = await db
    .prepare("SELECT thumbnail FROM saved_configurations WHERE user_id = ?1 AND id = ?2")
    .bind(userId, id)
    .first<{ thumbnail: string | null }>();
  return row?.thumbnail ?? null;
}

/** Deletes one of the user's configurations; false when the user has no such configuration. */
export async function deleteSaved(db: D1Database, userId: string, id: string): Promise<boolean> {
  const result = await db
    .prepare("DELETE FROM saved_configurations WHERE user_id = ?1 AND id = ?2")
    .bind(userId, id)
    .run();
  return result.meta.changes > 0;
}
