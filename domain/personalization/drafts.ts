/**
 * Rules as the marketer console edits them: a rule draft is a flat list of conditions that must all
 * hold, the actions, a sticky rollout share and a schedule (the columns of `personalization_rules`).
 * `toRule` turns a draft into the engine's rule, `toDraft` back; publishing replaces one rule in the
 * published set (`withRule`, `withoutRule`), and each stored rule's status follows the set that is
 * live (`statusAfter`). Validation answers bilingual messages with field paths.
 */
import { z } from "zod";
import { actionsSchema, type Condition, conditionSchema, type RULE_STATUSES, type Rule, SLOTS } from "./rules.ts";

export type RuleStatus = (typeof RULE_STATUSES)[number];

const datetime = z.iso.datetime({ offset: true });

/** A condition as the console accepts it: lists name at least one value, time windows are not empty. */
const draftCondition = conditionSchema.superRefine((condition, ctx) => {
  if ("in" in condition && condition.in.length === 0)
    ctx.addIssue({ code: "custom", path: ["in"], message: "至少选择一项 / Pick at least one" });
  if (condition.kind === "time") {
    if (condition.days.length === 0)
      ctx.addIssue({ code: "custom", path: ["days"], message: "至少选择一天 / Pick at least one day" });
    if (condition.from >= condition.to)
      ctx.addIssue({ code: "custom", path: ["to"], message: "结束须晚于开始 / The end must be after the start" });
  }
});

/** The editable fields of a rule. */
const draftFields = {
  /** Chinese first, then English. */
  name: z.string().trim().min(1).max(200),
  /** Higher runs first. */
  priority: z.number().int().min(-1000).max(1000),
  /** All must hold; an empty list matches every visitor. */
  conditions: z.array(draftCondition).max(20),
  actions: actionsSchema.refine((actions) => SLOTS.some((slot) => actions[slot] !== undefined), {
    message: "至少设置一个动作 / Set at least one action",
  }),
  /** Share of visitors (sticky per visitor and rule) the rule applies to. */
  rolloutPercent: z.number().int().min(0).max(100).default(100),
  startsAt: datetime.nullable().default(null),
  endsAt: datetime.nullable().default(null),
};

const checkDraft = (
  draft: { actions: Rule["actions"]; startsAt: string | null; endsAt: string | null },
  ctx: z.RefinementCtx,
) => {
  if (SLOTS.every((slot) => draft.actions[slot] === undefined))
    ctx.addIssue({ code: "custom", path: ["actions"], message: "至少设置一个动作 / Set at least one action" });
  if (draft.startsAt && draft.endsAt && Date.parse(draft.startsAt) >= Date.parse(draft.endsAt))
    ctx.addIssue({ code: "custom", path: ["endsAt"], message: "结束须晚于开始 / The end must be after the start" });
};

export const ruleDraftSchema = z.strictObject(draftFields).superRefine(checkDraft);
export type RuleDraft = z.infer<typeof ruleDraftSchema>;

/**
 * A rule as the console sends it: the draft, the id (a new rule may name one: lower-case letters,
 * digits and hyphens) and the revision an edit started from.
 */
export const ruleInputSchema = z
  .strictObject({
    ...draftFields,
    id: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9-]{0,63}$/,
        "编号只能包含小写字母、数字和连字符 / Use lower-case letters, digits and hyphens",
      )
      .optional(),
    revision: z.number().int().min(1).optional(),
  })
  .superRefine(checkDraft);
export type RuleInput = z.infer<typeof ruleInputSchema>;

/**
 * The draft part of a rule input.
 * @example draftOfInput({ id: "x", revision: 2, ...draft }) // draft
 */
export function draftOfInput({ id: _id, revision: _revision, ...draft }: RuleInput): RuleDraft {
  return draft;
}

/** A schedule change: when the rule starts and stops applying (either may be open). */
export const scheduleSchema = z
  .strictObject({ startsAt: datetime.nullable().default(null), endsAt: datetime.nullable().default(null) })
  .refine((s) => !s.startsAt || !s.endsAt || Date.parse(s.startsAt) < Date.parse(s.endsAt), {
    path: ["endsAt"],
    message: "结束须晚于开始 / The end must be after the start",
  });

/**
 * A bilingual message for a zod issue, Chinese first; custom messages are kept as written.
 * @example ruleDraftSchema.safeParse(input, { error: bilingualIssue })
 */
export function bilingualIssue(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined ? "必填 / Required" : "类型不对 / Wrong type";
    case "too_small":
      if (issue.origin === "array") return `至少 ${issue.minimum} 项 / At least ${issue.minimum}`;
      if (issue.origin === "string") return "不能为空 / Must not be empty";
      return `不能小于 ${issue.minimum} / At least ${issue.minimum}`;
    case "too_big":
      if (issue.origin === "array") return `最多 ${issue.maximum} 项 / At most ${issue.maximum}`;
      if (issue.origin === "string") return `最多 ${issue.maximum} 个字符 / At most ${issue.maximum} characters`;
      return `不能大于 ${issue.maximum} / At most ${issue.maximum}`;
    case "invalid_value":
      return "不是可选的值 / Not one of the choices";
    case "invalid_union":
      return "不认识的条件类型 / Unknown condition kind";
    case "invalid_format":
      return "日期时间格式无效（如 2026-12-01T00:00:00+08:00） / Not a date and time such as 2026-12-01T00:00:00+08:00";
    case "unrecognized_keys":
      return `不认识的字段 / Unknown field: ${issue.keys.join(", ")}`;
    default:
      return undefined;
  }
}

/** One invalid field: its dotted path in the input and a bilingual message. */
export interface DraftError {
  path: string;
  message: string;
}

/**
 * Parses input with a console schema: the value, or every problem with its dotted path.
 * @example parseDraft(ruleDraftSchema, { ...draft, conditions: [{ kind: "tier", in: [] }] }) // { errors: [{ path: "conditions.0.in", … }] }
 */
export function parseDraft<T extends z.ZodType>(
  schema: T,
  input: unknown,
): { value: z.infer<T>; errors?: undefined } | { value?: undefined; errors: DraftError[] } {
  const result = schema.safeParse(input, { error: bilingualIssue });
  if (result.success) return { value: result.data };
  return {
    errors: result.error.issues.map((issue) => ({
      path: issue.path.map(String).join(".") || "(root)",
      message: issue.message,
    })),
  };
}

/**
 * The engine's rule for a draft: its conditions (and the rollout as a bucket condition) all hold.
 * @example toRule("t3", { ...draft, conditions: [{ kind: "tier", in: ["3"] }] }, "published").when // { kind: "tier", in: ["3"] }
 */
export function toRule(id: string, draft: RuleDraft, status: RuleStatus): Rule {
  const of: Condition[] = [
    ...draft.conditions,
    ...(draft.rolloutPercent < 100 ? [{ kind: "bucket" as const, percent: draft.rolloutPercent }] : []),
  ];
  const schedule = {
    ...(draft.startsAt ? { start: draft.startsAt } : {}),
    ...(draft.endsAt ? { end: draft.endsAt } : {}),
  };
  return {
    id,
    name: draft.name,
    priority: draft.priority,
    status,
    when: of.length === 1 ? (of[0] as Condition) : { kind: "all", of },
    actions: draft.actions,
    ...(draft.startsAt || draft.endsAt ? { schedule } : {}),
  };
}

/**
 * The draft of an engine rule: a top-level `all` becomes the list of conditions, one top-level
 * bucket condition the rollout.
 * @example toDraft(DEFAULT_RULES[0]).conditions // [{ kind: "returning" }, { kind: "savedConfiguration" }]
 */
export function toDraft(rule: Rule): RuleDraft {
  const listed = rule.when.kind === "all" ? rule.when.of : [rule.when];
  const buckets = listed.filter((c) => c.kind === "bucket");
  const rollout = buckets.length === 1 && buckets[0]?.kind === "bucket" ? buckets[0].percent : 100;
  return {
    name: rule.name,
    priority: rule.priority,
    conditions: buckets.length === 1 ? listed.filter((c) => c.kind !== "bucket") : [...listed],
    actions: rule.actions,
    rolloutPercent: rollout,
    startsAt: rule.schedule?.start ?? null,
    endsAt: rule.schedule?.end ?? null,
  };
}

const canonical = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(canonical)
    : value !== null && typeof value === "object"
      ? Object.fromEntries(
          Object.entries(value)
            .filter(([, v]) => v !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([k, v]) => [k, canonical(v)]),
        )
      : value;

/**
 * Whether two rules decide the same (status aside), whatever the order of their keys.
 * @example sameRule({ ...rule, status: "draft" }, rule) // true
 */
export function sameRule(a: Rule, b: Rule): boolean {
  return JSON.stringify(canonical({ ...a, status: null })) === JSON.stringify(canonical({ ...b, status: null }));
}

/** The editable fields, for diffs. */
const DRAFT_FIELDS = ["name", "priority", "conditions", "actions", "rolloutPercent", "startsAt", "endsAt"] as const;

/**
 * The fields that differ between two states of a rule, each as [before, after]; a new rule's
 * fields are all [null, value].
 * @example draftDiff({ ...draft, priority: 1 }, { ...draft, priority: 5 }) // { priority: [1, 5] }
 */
export function draftDiff(before: RuleDraft | null, after: RuleDraft): Record<string, [unknown, unknown]> {
  const diff: Record<string, [unknown, unknown]> = {};
  for (const field of DRAFT_FIELDS) {
    const was = before === null ? null : before[field];
    if (JSON.stringify(canonical(was)) !== JSON.stringify(canonical(after[field]))) diff[field] = [was, after[field]];
  }
  return diff;
}

/**
 * The published set with `rule` in it (replacing the rule of the same id), as published rules.
 * @example withRule(DEFAULT_RULES, { ...edited, status: "draft" }).find((r) => r.id === edited.id)?.status // "published"
 */
export function withRule(set: readonly Rule[], rule: Rule): Rule[] {
  return [...set.filter((r) => r.id !== rule.id), { ...rule, status: "published" }];
}

/**
 * The published set without the rule `id`.
 * @example withoutRule(DEFAULT_RULES, "phone-compact").length // 4
 */
export function withoutRule(set: readonly Rule[], id: string): Rule[] {
  return set.filter((r) => r.id !== id);
}

/**
 * A stored rule's status once `live` is the published set: published when the set holds it as it
 * stands; a draft when the set holds another state of it (changes not yet published); unpublished
 * when it was published and the set no longer holds it; otherwise unchanged.
 * @example statusAfter(editedRule, "published", DEFAULT_RULES) // "draft"
 */
export function statusAfter(rule: Rule, status: RuleStatus, live: readonly Rule[]): RuleStatus {
  const there = live.find((r) => r.id === rule.id);
  if (there) return sameRule(there, rule) ? "published" : "draft";
  return status === "published" ? "unpublished" : status;
}

/**
 * A new version name that sorts after earlier ones: the UTC time and a random suffix.
 * @example versionName(Date.parse("2026-11-29T08:00:00Z"), "a1b2") // "2026-11-29T08:00:00.000Z-a1b2"
 */
export function versionName(now: number, suffix: string): string {
  return `${new Date(now).toISOString()}-${suffix}`;
}
