/**
 * The reference semantics of a rule: a naive interpreter that walks the condition tree for every
 * request. `compile` must agree with it on every rule set and context (property-tested).
 */
import { WEEKDAYS } from "../catalog/types.ts";
import type { EdgeContext } from "./context.ts";
import type { Condition, Rule } from "./rules.ts";

const FNV_OFFSET = 0x811c9dc5;
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/**
 * FNV-1a over UTF-16 code units, continuing from `state` (so a fixed prefix can be hashed once).
 * @example hashText(hashText(0x811c9dc5, "rule-1:"), "v-42") === hashText(0x811c9dc5, "rule-1:v-42") // true
 */
function hashText(state: number, text: string): number {
  let hash = state;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

/**
 * The state of the bucket hash after a rule's id: hash the visitor id from it.
 * @example bucketFrom(bucketSeed("rule-1"), "v-42") === bucketOf("v-42", "rule-1")
 */
export function bucketSeed(ruleId: string): number {
  return hashText(FNV_OFFSET, `${ruleId}\u0000`);
}

/**
 * A visitor's bucket 0–99 from the rule's seed; a visitor without an id (no consent) is in the last
 * bucket, which only a full rollout includes.
 */
export function bucketFrom(seed: number, visitorId: string | null): number {
  return visitorId === null ? 99 : hashText(seed, visitorId) % 100;
}

/**
 * A visitor's sticky bucket 0–99 for a rule: the same on every request, independent across rules.
 * @example bucketOf("v-42", "spring-hero") // 0..99, always the same
 */
export function bucketOf(visitorId: string | null, ruleId: string): number {
  return bucketFrom(bucketSeed(ruleId), visitorId);
}

/**
 * Whether a rule's schedule includes `now` (start inclusive, end exclusive).
 * @example scheduleActive({ start: "2026-12-01T00:00:00+08:00" }, Date.parse("2026-11-30T12:00:00Z")) // false
 */
export function scheduleActive(schedule: Rule["schedule"], now: number): boolean {
  if (schedule?.start !== undefined && now < Date.parse(schedule.start)) return false;
  return schedule?.end === undefined || now < Date.parse(schedule.end);
}

/**
 * Whether `condition` holds; `bucket` gives the visitor's bucket for the rule being evaluated.
 * @example holds({ kind: "tier", in: ["3", "4"] }, context, () => 0) // true in 绵阳
 */
export function holds(condition: Condition, context: EdgeContext, bucket: () => number): boolean {
  switch (condition.kind) {
    case "all":
      return condition.of.every((c) => holds(c, context, bucket));
    case "any":
      return condition.of.some((c) => holds(c, context, bucket));
    case "not":
      return !holds(condition.of, context, bucket);
    case "tier":
      return context.tier !== null && condition.in.includes(context.tier);
    case "province":
      return context.province !== null && condition.in.includes(context.province);
    case "device":
      return condition.in.includes(context.device);
    case "formFactor":
      return condition.in.includes(context.formFactor);
    case "returning":
      return context.visits > 0;
    case "savedConfiguration":
      return context.lastConfiguration !== null;
    case "viewedModel":
      return context.modelsViewed.includes(condition.model);
    case "financeInterest":
      return context.financeInterest;
    case "source":
      return context.channel.source !== null && condition.in.includes(context.channel.source);
    case "medium":
      return context.channel.medium !== null && condition.in.includes(context.channel.medium);
    case "channel":
      return condition.in.includes(context.channel.kind);
    case "time": {
      const local = new Date(context.now + SHANGHAI_OFFSET_MS);
      const day = WEEKDAYS[(local.getUTCDay() + 6) % 7];
      const hour = local.getUTCHours();
      return day !== undefined && condition.days.includes(day) && condition.from <= hour && hour < condition.to;
    }
    case "bucket":
      return bucket() < condition.percent;
  }
}

/**
 * Whether a rule applies to a request: published, scheduled now, and its condition holds.
 * @example matches(phoneRule, context) // true on an iPhone
 */
export function matches(rule: Rule, context: EdgeContext): boolean {
  return (
    rule.status === "published" &&
    scheduleActive(rule.schedule, context.now) &&
    holds(rule.when, context, () => bucketOf(context.visitorId, rule.id))
  );
}
