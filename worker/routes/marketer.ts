import { createRoute, OpenAPIHono, type z } from "@hono/zod-openapi";
import { inArray } from "drizzle-orm";
import type { Context } from "hono";
import {
  type DraftError,
  draftDiff,
  draftOfInput,
  parseDraft,
  type RuleDraft,
  type RuleStatus,
  ruleInputSchema,
  sameRule,
  scheduleSchema,
  statusAfter,
  toDraft,
  toRule,
  versionName,
  withoutRule,
  withRule,
} from "../../domain/personalization/drafts.ts";
import { type Decision, evaluate, type Rule } from "../../domain/personalization/rules.ts";
import { previewInputSchema, simulatedContext } from "../../domain/personalization/simulate.ts";
import { type Warning, warnings } from "../../domain/personalization/warnings.ts";
import { maskPhone } from "../../domain/test-drive/phone.ts";
import { type AuthEnv, requireRole } from "../auth.ts";
import { database } from "../db/client.ts";
import {
  audit,
  type Change,
  draftOf,
  insertRule,
  RULE_ENTITY,
  RULE_SET_ENTITY,
  type RuleRow,
  ruleAudit,
  ruleOf,
  ruleRows,
  setStatus,
  updateRule,
} from "../db/personalization.ts";
import { users } from "../db/schema.ts";
import { json, problemResponse } from "../openapi.ts";
import { decrypt, piiKeys } from "../pii.ts";
import { problem } from "../problem.ts";
import {
  currentVersion,
  listVersions,
  liveRules,
  pointRules,
  publishRules,
  recheckNow,
  storeRules,
  versionRules,
} from "../published-rules.ts";
import {
  AuditQuerySchema,
  AuditSchema,
  ChangeSchema,
  PreviewBodySchema,
  PreviewSchema,
  RollbackSchema,
  RuleBodySchema,
  RuleListSchema,
  RuleParamsSchema,
  type RuleViewSchema,
  ScheduleBodySchema,
  VersionParamsSchema,
  VersionsSchema,
} from "../schemas/marketer.ts";
import { validationHook } from "../validation.ts";

const ROLES = ["marketer", "admin"] as const;
const TAG = "Marketer console";
const guarded = {
  401: problemResponse("Not signed in"),
  403: problemResponse("Not a marketer or admin account"),
};
const body = (schema: z.ZodType, description: string) => ({
  body: { content: { "application/json": { schema } }, description, required: true },
});

type Live = { version: string | null; rules: readonly Rule[] };
type RuleView = z.infer<typeof RuleViewSchema>;

const invalid = (c: Context, errors: DraftError[]) =>
  problem(c, "invalid-rule", "请修改标出的字段 / Fix the fields listed in errors", { errors });

const changeOf = (c: Context<AuthEnv>): Change => ({
  actorId: c.var.signedIn.user.id,
  requestId: c.get("requestId") ?? crypto.randomUUID(),
  at: new Date().toISOString(),
});

const newVersion = (now: number) => versionName(now, crypto.randomUUID().slice(0, 6));

/** The draft set: every stored rule not unpublished, as if published. */
const draftSet = (rows: readonly RuleRow[]): Rule[] =>
  rows.filter((row) => row.status !== "unpublished").map((row) => ({ ...ruleOf(row), status: "published" }));

function view(row: RuleRow, live: Live, found: readonly Warning[]): RuleView {
  const there = live.rules.find((rule) => rule.id === row.id);
  return {
    id: row.id,
    status: row.status,
    revision: row.version,
    live: there !== undefined,
    liveDiffers: there !== undefined && !sameRule(there, ruleOf(row)),
    ...draftOf(row),
    updatedAt: row.updatedAt,
    warnings: found.filter((warning) => warning.rule === row.id),
  };
}

/**
 * The stored rules and the published set. The first time the console is used the published set
 * (the built-in defaults until something is published) is stored as rules and, if nothing was ever
 * published, as the first version, so a rollback can always return to where the store started.
 */
async function state(c: Context<AuthEnv>): Promise<{ rows: RuleRow[]; live: Live }> {
  const db = database(c.env.DB);
  let live: Live = await liveRules(c.env.CONFIG);
  let rows = await ruleRows(db);
  const missing = live.rules.filter((rule) => !rows.some((row) => row.id === rule.id));
  if (live.version !== null && missing.length === 0) return { rows, live };
  const change = changeOf(c);
  const previous = live.version;
  if (previous === null) {
    const version = newVersion(Date.now());
    await publishRules(c.env.CONFIG, live.rules, version, { at: change.at, by: null });
    live = { version, rules: live.rules };
  }
  if (missing.length > 0 || previous === null)
    await db.batch([
      audit(
        db,
        change,
        "rules.import",
        { type: RULE_SET_ENTITY, id: live.version ?? "" },
        {
          version: [previous, live.version],
          rules: [null, missing.map((rule) => rule.id)],
        },
      ),
      ...missing.map((rule) => insertRule(db, rule.id, toDraft(rule), "published", change)),
    ]);
  rows = await ruleRows(db);
  return { rows, live };
}

/**
 * Makes `next` the published set (as a new version, or the stored `version` on a rollback): every
 * stored rule's status follows it, rules it holds that are not stored are stored, and the audit entry
 * goes with them in one batch. `subject` (the rule published, unpublished or scheduled, with its new
 * draft) is written only if it is still at its revision: undefined when it changed meanwhile (then
 * nothing is published).
 */
async function switchTo(
  c: Context<AuthEnv>,
  { rows, live }: { rows: RuleRow[]; live: Live },
  next: readonly Rule[],
  what: {
    action: string;
    version?: string;
    /** The rule changed, its new draft (if any) and the status it must take (else the set decides). */
    subject?: { row: RuleRow; draft?: RuleDraft; status?: RuleStatus };
    diff: Record<string, [unknown, unknown]>;
  },
): Promise<string | undefined> {
  const db = database(c.env.DB);
  const change = changeOf(c);
  const version = what.version ?? newVersion(Date.now());
  if (!what.version) await storeRules(c.env.CONFIG, next, version, { at: change.at, by: change.actorId });
  const { subject } = what;
  const diff: Record<string, [unknown, unknown]> = { ...what.diff, version: [live.version, version] };
  const others = rows.flatMap((row) => {
    const status = statusAfter(ruleOf(row), row.status, next);
    return row.id === subject?.row.id || status === row.status
      ? []
      : [setStatus(db, row.id, status, row.version, change)];
  });
  const stored = next
    .filter((rule) => !rows.some((row) => row.id === rule.id))
    .map((rule) => insertRule(db, rule.id, toDraft(rule), "published", change));
  if (!subject) {
    await db.batch([
      audit(db, change, what.action, { type: RULE_SET_ENTITY, id: version }, diff),
      ...others,
      ...stored,
    ]);
  } else {
    const { row, draft } = subject;
    const status =
      subject.status ?? statusAfter(draft ? toRule(row.id, draft, row.status) : ruleOf(row), row.status, next);
    if (status !== row.status) diff.status = [row.status, status];
    const write = draft
      ? updateRule(db, row.id, draft, status, row.version, change)
      : setStatus(db, row.id, status, row.version, change);
    const guard = { id: row.id, revision: row.version + (draft ? 1 : 0) };
    const [written] = await db.batch([
      write,
      audit(db, change, what.action, { type: RULE_ENTITY, id: row.id }, diff, guard),
      ...others,
      ...stored,
    ]);
    if ((written as D1Result).meta.changes === 0) return undefined;
  }
  await pointRules(c.env.CONFIG, version);
  recheckNow();
  return version;
}

async function maskedPhones(env: Env, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const keys = await piiKeys(env.PII_KEY);
  const rows = await database(env.DB)
    .select({ id: users.id, phone: users.phoneCipher })
    .from(users)
    .where(inArray(users.id, wanted));
  return new Map(
    await Promise.all(rows.map(async (row) => [row.id, maskPhone(await decrypt(keys, row.phone))] as const)),
  );
}

const decisionView = (decision: Decision, rules: readonly Rule[]) => ({
  actions: decision.actions,
  from: decision.from as Record<string, string>,
  fired: decision.fired.map((id) => ({ id, name: rules.find((rule) => rule.id === id)?.name ?? id })),
});

async function answer(c: Context<AuthEnv>, id: string, version: string | null) {
  const { rows, live } = await state(c);
  const row = rows.find((r) => r.id === id) as RuleRow;
  return { rule: view(row, live, warnings(draftSet(rows))), version };
}

const notFound = (c: Context) => problem(c, "not-found", "没有这条规则 / No such rule");

const stale = (c: Context) =>
  problem(c, "rule-conflict", "规则刚被他人修改，请刷新 / Someone just changed this rule; reload");

/** The console's state and the stored rule `id`, or undefined when there is no such rule. */
async function stateWithRule(c: Context<AuthEnv>, id: string) {
  const current = await state(c);
  const row = current.rows.find((r) => r.id === id);
  return row ? { current, row } : undefined;
}

/**
 * Publishes `next` for a change to the rule in `what.subject` (see switchTo) and answers with the
 * rule at the new version, or 409 when someone changed the rule meanwhile.
 */
async function answerSwitch(
  c: Context<AuthEnv>,
  current: Awaited<ReturnType<typeof state>>,
  next: readonly Rule[],
  what: Parameters<typeof switchTo>[3] & { subject: { row: RuleRow } },
) {
  const version = await switchTo(c, current, next, what);
  return version ? c.json(await answer(c, what.subject.row.id, version), 200) : stale(c);
}

/**
 * The marketer console API: personalization rules (list with warnings, create, edit, publish,
 * unpublish, schedule), published versions and rollback, a preview of the draft and published
 * sets for a simulated visitor, and the audit log. Marketer and admin accounts only.
 */
export const marketerConsole = new OpenAPIHono<AuthEnv>({
  defaultHook: (result, c) => validationHook(result, c as never),
})
  .openapi(
    createRoute({
      method: "get",
      path: "/console/marketer/rules",
      tags: [TAG],
      summary: "Every rule with its status, whether it is live, and the warnings of the draft set",
      middleware: [requireRole(...ROLES)] as const,
      responses: { 200: json(RuleListSchema, "Rules, highest priority first"), ...guarded },
    }),
    async (c) => {
      const { rows, live } = await state(c);
      const found = warnings(draftSet(rows));
      return c.json({ version: live.version, rules: rows.map((row) => view(row, live, found)), warnings: found }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/console/marketer/rules",
      tags: [TAG],
      summary: "Create a draft rule",
      middleware: [requireRole(...ROLES)] as const,
      request: body(RuleBodySchema, "The new rule"),
      responses: {
        201: json(ChangeSchema, "The stored draft"),
        ...guarded,
        409: problemResponse("A rule with this id exists"),
        422: problemResponse("Invalid rule: `errors[]` names each field, e.g. `conditions.0.in`"),
      },
    }),
    async (c) => {
      const input = parseDraft(ruleInputSchema, await c.req.json());
      if (input.errors) return invalid(c, input.errors) as never;
      const { live } = await state(c);
      const db = database(c.env.DB);
      const id = input.value.id ?? `rule-${crypto.randomUUID().slice(0, 8)}`;
      const draft = draftOfInput(input.value);
      const change = changeOf(c);
      const [inserted] = await db.batch([
        insertRule(db, id, draft, "draft", change),
        audit(db, change, "rule.create", { type: RULE_ENTITY, id }, draftDiff(null, draft), { id, revision: 1 }),
      ]);
      if ((inserted as D1Result).meta.changes === 0)
        return problem(c, "rule-conflict", `编号已存在 / The id ${id} is taken`, {
          errors: [{ path: "id", message: "编号已存在 / This id is taken" }],
        }) as never;
      return c.json(await answer(c, id, live.version), 201);
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/console/marketer/rules/{id}",
      tags: [TAG],
      summary: "Edit a rule's draft (visitors see it once it is published)",
      middleware: [requireRole(...ROLES)] as const,
      request: { params: RuleParamsSchema, ...body(RuleBodySchema, "The rule's fields and the revision edited") },
      responses: {
        200: json(ChangeSchema, "The stored draft"),
        ...guarded,
        404: problemResponse("No such rule"),
        409: problemResponse("Someone changed the rule since `revision`"),
        422: problemResponse("Invalid rule: `errors[]` names each field, e.g. `conditions.0.in`"),
      },
    }),
    async (c) => {
      const input = parseDraft(ruleInputSchema, await c.req.json());
      if (input.errors) return invalid(c, input.errors) as never;
      const { id } = c.req.valid("param");
      const found = await stateWithRule(c, id);
      if (!found) return notFound(c) as never;
      const {
        row,
        current: { live },
      } = found;
      if (input.value.revision !== undefined && input.value.revision !== row.version) return stale(c) as never;
      const draft = draftOfInput(input.value);
      const status = statusAfter(toRule(id, draft, "draft"), "draft", live.rules);
      const diff = draftDiff(draftOf(row), draft);
      if (status !== row.status) diff.status = [row.status, status];
      if (Object.keys(diff).length === 0) return c.json(await answer(c, id, live.version), 200);
      const db = database(c.env.DB);
      const change = changeOf(c);
      const [updated] = await db.batch([
        updateRule(db, id, draft, status, row.version, change),
        audit(db, change, "rule.update", { type: RULE_ENTITY, id }, diff, { id, revision: row.version + 1 }),
      ]);
      if ((updated as D1Result).meta.changes === 0) return stale(c) as never;
      return c.json(await answer(c, id, live.version), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/console/marketer/rules/{id}/publish",
      tags: [TAG],
      summary: "Publish a rule: the published set with this rule as drafted becomes a new version",
      middleware: [requireRole(...ROLES)] as const,
      request: { params: RuleParamsSchema },
      responses: {
        200: json(ChangeSchema, "The rule, published, and the new version"),
        ...guarded,
        404: problemResponse("No such rule"),
        409: problemResponse("The rule changed while publishing"),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const found = await stateWithRule(c, id);
      if (!found) return notFound(c) as never;
      const { current, row } = found;
      const rule = ruleOf(row);
      const there = current.live.rules.find((r) => r.id === id);
      if (there && sameRule(there, rule) && row.status === "published")
        return c.json(await answer(c, id, current.live.version), 200);
      return answerSwitch(c, current, withRule(current.live.rules, rule), {
        action: "rule.publish",
        subject: { row },
        diff: {},
      }) as never;
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/console/marketer/rules/{id}/unpublish",
      tags: [TAG],
      summary: "Unpublish a rule: the published set without it becomes a new version",
      middleware: [requireRole(...ROLES)] as const,
      request: { params: RuleParamsSchema },
      responses: {
        200: json(ChangeSchema, "The rule, unpublished, and the new version"),
        ...guarded,
        404: problemResponse("No such rule"),
        409: problemResponse("The rule is not published"),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const found = await stateWithRule(c, id);
      if (!found) return notFound(c) as never;
      const { current, row } = found;
      if (!current.live.rules.some((r) => r.id === id))
        return problem(c, "rule-conflict", "这条规则没有发布 / This rule is not published") as never;
      return answerSwitch(c, current, withoutRule(current.live.rules, id), {
        action: "rule.unpublish",
        subject: { row, status: "unpublished" },
        diff: {},
      }) as never;
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/console/marketer/rules/{id}/schedule",
      tags: [TAG],
      summary: "Schedule a rule: set when it applies and publish it with that schedule",
      middleware: [requireRole(...ROLES)] as const,
      request: { params: RuleParamsSchema, ...body(ScheduleBodySchema, "startsAt and endsAt") },
      responses: {
        200: json(ChangeSchema, "The rule, published with its schedule, and the new version"),
        ...guarded,
        404: problemResponse("No such rule"),
        409: problemResponse("The rule changed while publishing"),
        422: problemResponse("Invalid dates, or the end is not after the start"),
      },
    }),
    async (c) => {
      const input = parseDraft(scheduleSchema, await c.req.json());
      if (input.errors) return invalid(c, input.errors) as never;
      const { id } = c.req.valid("param");
      const found = await stateWithRule(c, id);
      if (!found) return notFound(c) as never;
      const { current, row } = found;
      const before = draftOf(row);
      const draft = { ...before, ...input.value };
      return answerSwitch(c, current, withRule(current.live.rules, toRule(id, draft, "published")), {
        action: "rule.schedule",
        subject: { row, draft },
        diff: draftDiff(before, draft),
      }) as never;
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/console/marketer/versions",
      tags: [TAG],
      summary: "Every published version, newest first, and the one in use",
      middleware: [requireRole(...ROLES)] as const,
      responses: { 200: json(VersionsSchema, "Versions with who published them and when"), ...guarded },
    }),
    async (c) => {
      const current = await currentVersion(c.env.CONFIG);
      const versions = await listVersions(c.env.CONFIG);
      const phones = await maskedPhones(
        c.env,
        versions.map((v) => v.by),
      );
      return c.json(
        {
          current,
          versions: versions.map((v) => ({ ...v, by: v.by === null ? null : (phones.get(v.by) ?? null) })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/console/marketer/versions/{version}/rollback",
      tags: [TAG],
      summary: "Roll back: point the published set at an earlier version (its body is unchanged)",
      middleware: [requireRole(...ROLES)] as const,
      request: { params: VersionParamsSchema },
      responses: {
        200: json(RollbackSchema, "The version now in use and the one before"),
        ...guarded,
        404: problemResponse("No such version"),
      },
    }),
    async (c) => {
      const { version } = c.req.valid("param");
      const current = await state(c);
      const rules = await versionRules(c.env.CONFIG, version);
      if (!rules) return problem(c, "not-found", "没有这个版本 / No such version") as never;
      const previous = current.live.version;
      if (version !== previous) await switchTo(c, current, rules, { action: "rules.rollback", version, diff: {} });
      return c.json({ version, previous }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/console/marketer/preview",
      tags: [TAG],
      summary: "What a simulated visitor would see with the draft set and with the published set",
      description:
        "The draft set is every stored rule that is not unpublished, as drafted; an unsaved `rule` replaces the stored rule of its id (or joins the set). Nothing is stored.",
      middleware: [requireRole(...ROLES)] as const,
      request: body(PreviewBodySchema, "The visitor, and optionally an unsaved rule"),
      responses: {
        200: json(PreviewSchema, "Both decisions and the visitor's context"),
        ...guarded,
        422: problemResponse("Invalid visitor or rule: `errors[]` names each field, e.g. `rule.conditions.0.in`"),
      },
    }),
    async (c) => {
      const input = parseDraft(previewInputSchema, await c.req.json());
      if (input.errors) return invalid(c, input.errors) as never;
      const { rows, live } = await state(c);
      const { visitor, rule } = input.value;
      const tried = rule && toRule(rule.id ?? "preview", draftOfInput(rule), "published");
      const drafts = tried ? withRule(draftSet(rows), tried) : draftSet(rows);
      const context = simulatedContext(visitor, Date.now());
      return c.json(
        {
          context: {
            city: context.city,
            province: context.province,
            tier: context.tier,
            device: context.device,
            formFactor: context.formFactor,
          },
          draft: decisionView(evaluate(drafts, context), drafts),
          published: { version: live.version, ...decisionView(evaluate(live.rules, context), live.rules) },
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/console/marketer/audit",
      tags: [TAG],
      summary: "Who changed which rule or version, when, and what changed",
      middleware: [requireRole(...ROLES)] as const,
      request: { query: AuditQuerySchema },
      responses: { 200: json(AuditSchema, "Entries, newest first"), 400: problemResponse("Bad limit"), ...guarded },
    }),
    async (c) => {
      const rows = await ruleAudit(database(c.env.DB), c.req.valid("query").limit);
      const phones = await maskedPhones(
        c.env,
        rows.map((row) => row.actorId),
      );
      return c.json(
        {
          entries: rows.map((row) => ({
            id: row.id,
            at: row.at,
            actor: row.actorId === null ? null : (phones.get(row.actorId) ?? null),
            action: row.action,
            entityType: row.entityType,
            entityId: row.entityId,
            diff: (row.diff ?? {}) as Record<string, [unknown, unknown]>,
          })),
        },
        200,
      );
    },
  );
