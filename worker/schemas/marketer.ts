import { z } from "@hono/zod-openapi";
import { RULE_STATUSES } from "../../domain/personalization/rules.ts";

const ruleId = z
  .string()
  .regex(/^[\w-]{1,64}$/, "无效的编号 / Not a valid id")
  .openapi({ param: { name: "id", in: "path" }, example: "tier-3-4-instalments" });

export const RuleParamsSchema = z.object({ id: ruleId });

export const VersionParamsSchema = z.object({
  version: z
    .string()
    .regex(/^[\w:.-]{1,80}$/, "无效的版本 / Not a valid version")
    .openapi({ param: { name: "version", in: "path" }, example: "2026-11-29T08:00:00.000Z-a1b2c3" }),
});

export const AuditQuerySchema = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(200, "最多 200 条 / At most 200")
    .default(50)
    .openapi({ param: { name: "limit", in: "query" }, example: 50 }),
});

const condition = z.looseObject({ kind: z.string() }).openapi({
  description:
    "A condition on the edge context (domain/personalization/rules.ts): tier, province, device, formFactor, returning, savedConfiguration, viewedModel, financeInterest, source, medium, channel, time, bucket, or all/any/not of others.",
  example: { kind: "tier", in: ["3", "4"] },
});
const actions = z.looseObject({}).openapi({
  description: "Slots to set: layout, lead (modules in order), hero, highlightTrims, offers, resume.",
  example: { lead: ["finance", "range", "spec-comparison"], hero: "hero-instalments" },
});

/** Bodies are checked against the rule schema in the handler: an invalid rule is a 422 with field paths. */
export const RuleBodySchema = z.looseObject({}).openapi({
  description:
    "The rule's editable fields: name, priority (−1000…1000, higher first), conditions (all must hold), actions, rolloutPercent (sticky share, default 100), startsAt/endsAt (ISO 8601 with offset, or null). A new rule may name its id (lower-case letters, digits, hyphens); an edit sends the `revision` it started from.",
  example: {
    id: "tier-3-finance",
    name: "三线城市金融优先 / Finance first in tier-3 cities",
    priority: 250,
    conditions: [{ kind: "tier", in: ["3"] }],
    actions: { lead: ["finance", "range", "spec-comparison"] },
    rolloutPercent: 100,
    startsAt: null,
    endsAt: null,
  },
});

export const ScheduleBodySchema = z.looseObject({}).openapi({
  description: "When the rule applies: startsAt (inclusive) and endsAt (exclusive), ISO 8601 with offset, or null.",
  example: { startsAt: "2026-12-01T00:00:00+08:00", endsAt: "2027-01-01T00:00:00+08:00" },
});

export const PreviewBodySchema = z.looseObject({}).openapi({
  description:
    "`visitor`: city (GB/T 2260 code), device, visits, modelsViewed, financeInterest, savedConfiguration, channel, source, medium, at, visitorId. `rule` (optional): an unsaved rule (with its `id`) that replaces the stored rule of that id in the draft set.",
  example: { visitor: { city: "130200", device: "phone", visits: 1 } },
});

export const WarningSchema = z.object({
  rule: z.string(),
  kind: z.enum(["never", "shadowed"]),
  reason: z.enum(["no-actions", "schedule", "condition"]).optional(),
  by: z.array(z.string()).optional(),
  message: z.string(),
});

export const RuleViewSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    priority: z.number().int(),
    status: z.enum(RULE_STATUSES),
    revision: z.number().int().openapi({ description: "Goes up with every edit; send it back with the next edit." }),
    live: z.boolean().openapi({ description: "Whether the published set holds this rule (in some state)." }),
    liveDiffers: z.boolean().openapi({ description: "The published set holds another state of this rule." }),
    conditions: z.array(condition),
    actions,
    rolloutPercent: z.number().int(),
    startsAt: z.string().nullable(),
    endsAt: z.string().nullable(),
    updatedAt: z.string(),
    warnings: z.array(WarningSchema),
  })
  .openapi("MarketerRule");

export const RuleListSchema = z.object({
  version: z.string().nullable().openapi({ description: "The published version; null: the built-in defaults." }),
  rules: z.array(RuleViewSchema),
  warnings: z.array(WarningSchema).openapi({ description: "For the draft set: every rule not unpublished." }),
});

export const ChangeSchema = z.object({
  rule: RuleViewSchema,
  version: z.string().nullable().openapi({ description: "The published version after the change." }),
});

export const VersionsSchema = z.object({
  current: z.string().nullable(),
  versions: z.array(
    z.object({
      version: z.string(),
      at: z.string(),
      by: z.string().nullable().openapi({ description: "Masked phone of the account that published it." }),
      rules: z.number().int(),
    }),
  ),
});

export const RollbackSchema = z.object({
  version: z.string(),
  previous: z.string().nullable(),
});

const DecisionSchema = z.object({
  actions,
  from: z.record(z.string(), z.string()).openapi({ description: "Which rule decided each slot." }),
  fired: z.array(z.object({ id: z.string(), name: z.string() })),
});

export const PreviewSchema = z.object({
  context: z.object({
    city: z.string().nullable(),
    province: z.string().nullable(),
    tier: z.string().nullable(),
    device: z.string(),
    formFactor: z.string(),
  }),
  draft: DecisionSchema,
  published: DecisionSchema.extend({ version: z.string().nullable() }),
});

export const AuditSchema = z.object({
  entries: z.array(
    z.object({
      id: z.string(),
      at: z.string(),
      actor: z.string().nullable().openapi({ description: "Masked phone of the account." }),
      action: z.string().openapi({ example: "rule.publish" }),
      entityType: z.string(),
      entityId: z.string(),
      diff: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])).openapi({
        description: "Each changed field as [before, after].",
      }),
    }),
  ),
});
