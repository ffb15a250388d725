/**
 * Reads and writes of the marketer console: the stored rules (`personalization_rules`, one row per
 * rule: its current draft, status and revision) and their audit trail (`audit_log`). Writes are
 * statements for one D1 batch, so a change and its audit entry land together or not at all.
 */
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { type RuleDraft, type RuleStatus, toRule } from "../../domain/personalization/drafts.ts";
import type { Actions, Condition } from "../../domain/personalization/rules.ts";
import type { Database } from "./client.ts";
import { auditLog, personalizationRules, users } from "./schema.ts";

export type RuleRow = typeof personalizationRules.$inferSelect;

/** Who changes what, when, in which request: stamped on rows and audit entries. */
export interface Change {
  actorId: string | null;
  requestId: string;
  at: string;
}

/** The audit entries of the console name this entity type. */
export const RULE_ENTITY = "personalization_rule";
export const RULE_SET_ENTITY = "personalization_rules";

/**
 * A stored rule's draft.
 * @example draftOf(row).conditions // [{ kind: "tier", in: ["3", "4"] }]
 */
export function draftOf(row: RuleRow): RuleDraft {
  return {
    name: row.name,
    priority: row.priority,
    conditions: row.conditions as Condition[],
    actions: row.actions as Actions,
    rolloutPercent: row.rolloutPercent,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
  };
}

/**
 * A stored rule as the engine's rule, with its stored status.
 * @example ruleOf(row).when
 */
export const ruleOf = (row: RuleRow) => toRule(row.id, draftOf(row), row.status);

/**
 * Every stored rule, highest priority first (ties by id).
 * @example const rows = await ruleRows(db)
 */
export function ruleRows(db: Database): Promise<RuleRow[]> {
  return db.select().from(personalizationRules).orderBy(desc(personalizationRules.priority), personalizationRules.id);
}

/**
 * One stored rule, or undefined.
 * @example await ruleRow(db, "tier-3-4-instalments")
 */
export async function ruleRow(db: Database, id: string): Promise<RuleRow | undefined> {
  const [row] = await db.select().from(personalizationRules).where(eq(personalizationRules.id, id));
  return row;
}

/**
 * Inserts a rule at revision 1 (nothing if the id is taken).
 * @example insertRule(db, "spring-hero", draft, "draft", change)
 */
export function insertRule(db: Database, id: string, draft: RuleDraft, status: RuleStatus, change: Change) {
  return db
    .insert(personalizationRules)
    .values({ id, version: 1, status, ...draft, updatedBy: change.actorId, updatedAt: change.at })
    .onConflictDoNothing();
}

/**
 * Replaces a rule's draft and status if it is still at `revision`, and moves it to the next revision.
 * @example updateRule(db, row.id, draft, "draft", row.version, change)
 */
export function updateRule(
  db: Database,
  id: string,
  draft: RuleDraft,
  status: RuleStatus,
  revision: number,
  change: Change,
) {
  return db
    .update(personalizationRules)
    .set({ ...draft, status, version: revision + 1, updatedBy: change.actorId, updatedAt: change.at })
    .where(and(eq(personalizationRules.id, id), eq(personalizationRules.version, revision)));
}

/**
 * Sets a rule's status if it is still at `revision` (its draft unchanged).
 * @example setStatus(db, row.id, "published", row.version, change)
 */
export function setStatus(db: Database, id: string, status: RuleStatus, revision: number, change: Change) {
  return db
    .update(personalizationRules)
    .set({ status, updatedBy: change.actorId, updatedAt: change.at })
    .where(and(eq(personalizationRules.id, id), eq(personalizationRules.version, revision)));
}

/**
 * An audit entry: who did `action` to which entity, when, and the changed fields as [before, after].
 * With `guard`, only if that rule now stands at that revision stamped by this change (so a write
 * that lost a race is not audited).
 * @example audit(db, change, "rule.publish", RULE_ENTITY, id, { status: ["draft", "published"] }, { id, revision })
 */
export function audit(
  db: Database,
  change: Change,
  action: string,
  entity: { type: string; id: string },
  diff: Record<string, [unknown, unknown]>,
  guard?: { id: string; revision: number },
) {
  const entry = {
    id: `aud_${crypto.randomUUID().replace(/-/g, "")}`,
    at: change.at,
    actorId: change.actorId,
    action,
    entityType: entity.type,
    entityId: entity.id,
    diff,
    requestId: change.requestId,
  };
  if (!guard) return db.insert(auditLog).values(entry);
  const value = (v: unknown, name: string) => sql`${v}`.as(name);
  return db.insert(auditLog).select(
    db
      .select({
        id: value(entry.id, "id"),
        at: value(entry.at, "at"),
        actorId: value(entry.actorId, "actor_id"),
        action: value(entry.action, "action"),
        entityType: value(entry.entityType, "entity_type"),
        entityId: value(entry.entityId, "entity_id"),
        diff: value(JSON.stringify(diff), "diff"),
        requestId: value(entry.requestId, "request_id"),
      })
      .from(personalizationRules)
      .where(
        and(
          eq(personalizationRules.id, guard.id),
          eq(personalizationRules.version, guard.revision),
          eq(personalizationRules.updatedAt, change.at),
        ),
      ),
  );
}

/**
 * The console's audit entries (rules and rule sets), newest first, with the actor's encrypted phone.
 * @example await ruleAudit(db, 50)
 */
export function ruleAudit(db: Database, limit: number) {
  return db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorId: auditLog.actorId,
      actorPhone: users.phoneCipher,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      diff: auditLog.diff,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(inArray(auditLog.entityType, [RULE_ENTITY, RULE_SET_ENTITY]))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
}
