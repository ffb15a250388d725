/**
 * Personalization rules: a condition on the edge context and the actions to take when it holds.
 * Actions fill slots of the page (layout, which modules lead, hero, highlighted trims, offers, the
 * offer to resume a configuration). Rules are taken by priority, highest first (ties by id); the
 * first matching rule that sets a slot decides it, and later matching rules fill only the slots still
 * open. A rule fires when it decided at least one slot.
 */
import { z } from "zod";
import { WEEKDAYS, type Weekday } from "../catalog/types.ts";
import { CITY_TIERS, type CityTier } from "../geo/city-tier.ts";
import { CHANNEL_KINDS, type ChannelKind } from "./channel.ts";
import type { EdgeContext } from "./context.ts";
import { DEVICE_CLASSES, type DeviceClass, FORM_FACTORS, type FormFactor } from "./device.ts";
import { matches } from "./interpret.ts";

/** A condition on the edge context; `all`/`any`/`not` combine them. */
export type Condition =
  | { kind: "all"; of: Condition[] }
  | { kind: "any"; of: Condition[] }
  | { kind: "not"; of: Condition }
  | { kind: "tier"; in: CityTier[] }
  | { kind: "province"; in: string[] }
  | { kind: "device"; in: DeviceClass[] }
  | { kind: "formFactor"; in: FormFactor[] }
  | { kind: "returning" }
  | { kind: "savedConfiguration" }
  | { kind: "viewedModel"; model: string }
  | { kind: "financeInterest" }
  | { kind: "source"; in: string[] }
  | { kind: "medium"; in: string[] }
  | { kind: "channel"; in: ChannelKind[] }
  /** Asia/Shanghai: one of `days`, from hour `from` (0–23) up to, not including, hour `to` (1–24). */
  | { kind: "time"; days: Weekday[]; from: number; to: number }
  /** Sticky rollout: the visitor's bucket (0–99, hashed from visitor id and rule id) is below `percent`. */
  | { kind: "bucket"; percent: number };

const text = z.string().min(1).max(64);

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("all"), of: z.array(conditionSchema) }),
    z.strictObject({ kind: z.literal("any"), of: z.array(conditionSchema) }),
    z.strictObject({ kind: z.literal("not"), of: conditionSchema }),
    z.strictObject({ kind: z.literal("tier"), in: z.array(z.enum(CITY_TIERS)) }),
    z.strictObject({ kind: z.literal("province"), in: z.array(text) }),
    z.strictObject({ kind: z.literal("device"), in: z.array(z.enum(DEVICE_CLASSES)) }),
    z.strictObject({ kind: z.literal("formFactor"), in: z.array(z.enum(FORM_FACTORS)) }),
    z.strictObject({ kind: z.literal("returning") }),
    z.strictObject({ kind: z.literal("savedConfiguration") }),
    z.strictObject({ kind: z.literal("viewedModel"), model: text }),
    z.strictObject({ kind: z.literal("financeInterest") }),
    z.strictObject({ kind: z.literal("source"), in: z.array(text) }),
    z.strictObject({ kind: z.literal("medium"), in: z.array(text) }),
    z.strictObject({ kind: z.literal("channel"), in: z.array(z.enum(CHANNEL_KINDS)) }),
    z.strictObject({
      kind: z.literal("time"),
      days: z.array(z.enum(WEEKDAYS)),
      from: z.number().int().min(0).max(23),
      to: z.number().int().min(1).max(24),
    }),
    z.strictObject({ kind: z.literal("bucket"), percent: z.number().int().min(0).max(100) }),
  ]),
);

export const LAYOUTS = ["standard", "compact", "immersive"] as const;
/** Page modules that can lead a model page. */
export const MODULES = ["finance", "spec-comparison", "range"] as const;

/** An instalment offer: "首付 20%，月供 2,980 元起". */
export const offerSchema = z.strictObject({
  id: text,
  downPaymentPercent: z.number().int().min(0).max(100),
  monthlyFen: z.number().int().min(0),
  termMonths: z.number().int().min(1).max(120),
});
export type Offer = z.infer<typeof offerSchema>;

export const actionsSchema = z.strictObject({
  layout: z.enum(LAYOUTS).optional(),
  /** Modules in the order they lead the page. */
  lead: z.array(z.enum(MODULES)).min(1).max(MODULES.length).optional(),
  /** Id of the hero content block. */
  hero: text.optional(),
  highlightTrims: z.array(text).min(1).optional(),
  offers: z.array(offerSchema).min(1).optional(),
  /** Offer to resume the visitor's last configuration. */
  resume: z.literal(true).optional(),
});
export type Actions = z.infer<typeof actionsSchema>;

/** The action slots, each decided by at most one rule. */
export const SLOTS = ["layout", "lead", "hero", "highlightTrims", "offers", "resume"] as const;
export type Slot = (typeof SLOTS)[number];

export const RULE_STATUSES = ["draft", "published", "unpublished"] as const;

export const ruleSchema = z.strictObject({
  id: text,
  /** Chinese first, then English: "三四线城市首付月供 / Instalments in tier 3–4". */
  name: z.string().min(1).max(200),
  priority: z.number().int(),
  status: z.enum(RULE_STATUSES),
  when: conditionSchema,
  actions: actionsSchema,
  /** Active from `start` (inclusive) to `end` (exclusive); either may be open. */
  schedule: z
    .strictObject({
      start: z.iso.datetime({ offset: true }).optional(),
      end: z.iso.datetime({ offset: true }).optional(),
    })
    .optional(),
});
export type Rule = z.infer<typeof ruleSchema>;

/** What the page does for this visitor, which rule decided each slot, and the rules that fired. */
export interface Decision {
  actions: Actions;
  from: Partial<Record<Slot, string>>;
  fired: string[];
}

/**
 * Evaluation order: higher priority first, ties by id.
 * @example [...rules].sort(byPriority)
 */
export function byPriority(a: Rule, b: Rule): number {
  return b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The slots a rule sets, as a bitmask over SLOTS.
 * @example slotMask({ layout: "compact", hero: "h" }) // 0b101
 */
export function slotMask(actions: Actions): number {
  let mask = 0;
  SLOTS.forEach((slot, i) => {
    if (actions[slot] !== undefined) mask |= 1 << i;
  });
  return mask;
}

/**
 * A decision with no slot set.
 * @example emptyDecision() // { actions: {}, from: {}, fired: [] }
 */
export function emptyDecision(): Decision {
  return { actions: {}, from: {}, fired: [] };
}

/**
 * Let a matching rule fill the slots still open; it fired when it filled one.
 * @example fill(decision, phoneRule) // decision.actions.layout === "compact"
 */
export function fill(decision: Decision, rule: Rule): void {
  let filled = false;
  for (const slot of SLOTS) {
    const value = rule.actions[slot];
    if (value === undefined || decision.from[slot] !== undefined) continue;
    (decision.actions as Record<Slot, unknown>)[slot] = value;
    decision.from[slot] = rule.id;
    filled = true;
  }
  if (filled) decision.fired.push(rule.id);
}

/**
 * The decision for one request: published rules in priority order, each slot decided by the first
 * matching rule that sets it. (`compile` gives the same answer faster for a fixed rule set.)
 * @example evaluate(DEFAULT_RULES, context).actions.layout // "compact" on a phone
 */
export function evaluate(rules: readonly Rule[], context: EdgeContext): Decision {
  const decision = emptyDecision();
  for (const rule of [...rules].sort(byPriority)) if (matches(rule, context)) fill(decision, rule);
  return decision;
}
