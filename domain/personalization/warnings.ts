/**
 * Static analysis of a rule set, for the marketer console: rules that can never fire (no actions,
 * an empty schedule, a contradictory condition such as tier in [1] and tier in [3] or an empty time
 * window) and rules shadowed by higher-priority rules that set the same slots whenever they would.
 * The rules are analysed as if all were published, in priority order.
 *
 * Exact by enumeration: the values a condition mentions cut each dimension of the context into a few
 * classes that no condition can tell apart (tier in [3, 4] sees 3, 4 and "any other"), so checking one
 * representative context per combination of classes decides satisfiability and implication. A pair
 * whose combinations exceed a limit is not judged (no warning rather than a wrong one).
 */
import { WEEKDAYS, type Weekday } from "../catalog/types.ts";
import type { CityTier } from "../geo/city-tier.ts";
import { CHANNEL_KINDS, type ChannelKind } from "./channel.ts";
import type { EdgeContext } from "./context.ts";
import { DEVICE_CLASSES, type DeviceClass, FORM_FACTORS, type FormFactor } from "./device.ts";
import { holds } from "./interpret.ts";
import { byPriority, type Condition, type Rule, SLOTS, type Slot } from "./rules.ts";

export type Warning =
  | { rule: string; kind: "never"; reason: "no-actions" | "schedule" | "condition"; message: string }
  | { rule: string; kind: "shadowed"; by: string[]; message: string };

const MESSAGES = {
  "no-actions": "没有任何动作，永远不会生效 / Sets nothing, so it never fires",
  schedule: "排期为空（开始不早于结束），永远不会生效 / Empty schedule (start not before end): never fires",
  condition: "条件自相矛盾，永远不会生效 / Contradictory condition: never fires",
};

const COMBINATION_LIMIT = 50_000;
/** Monday 2026-11-30 00:00 in Asia/Shanghai: week hour h is this plus h hours. */
const MONDAY = Date.parse("2026-11-30T00:00:00+08:00");

type Setter = (context: EdgeContext, buckets: Map<string, number>) => void;

interface Dimension {
  key: string;
  values: Setter[];
}

const withOther = <T>(mentioned: Iterable<T>, all: readonly T[]): T[] => {
  const values = [...new Set(mentioned)];
  const other = all.find((v) => !values.includes(v));
  return other === undefined ? values : [...values, other];
};

/** The dimensions the conditions look at, each cut into the classes they can tell apart. */
function dimensions(conditions: readonly { condition: Condition; ruleId: string }[]): Dimension[] {
  const seen = new Map<string, Set<unknown>>();
  const note = (key: string, ...values: unknown[]) => {
    const set = seen.get(key) ?? new Set();
    for (const v of values) set.add(v);
    seen.set(key, set);
  };
  const walk = (c: Condition, ruleId: string): void => {
    switch (c.kind) {
      case "all":
      case "any":
        for (const child of c.of) walk(child, ruleId);
        break;
      case "not":
        walk(c.of, ruleId);
        break;
      case "tier":
      case "province":
      case "device":
      case "formFactor":
      case "source":
      case "medium":
      case "channel":
        note(c.kind, ...c.in);
        break;
      case "viewedModel":
        note(`model:${c.model}`);
        break;
      case "time":
        note("day", ...c.days);
        note("hour", 0, c.from, c.to);
        break;
      case "bucket":
        note(`bucket:${ruleId}`, 0, c.percent);
        break;
      default:
        note(c.kind);
    }
  };
  for (const { condition, ruleId } of conditions) walk(condition, ruleId);
  return [...seen].map(([key, set]) => ({ key, values: classes(key, [...set]) }));
}

const field =
  <K extends keyof EdgeContext>(name: K) =>
  (value: EdgeContext[K]): Setter =>
  (context) => {
    context[name] = value;
  };

const channelField =
  <K extends "source" | "medium" | "kind">(name: K) =>
  (value: EdgeContext["channel"][K]): Setter =>
  (context) => {
    context.channel = { ...context.channel, [name]: value };
  };

/** One setter per class of values of a dimension that the mentioned values tell apart. */
function classes(key: string, mentioned: unknown[]): Setter[] {
  const orNull = <T>(values: unknown[]) => [...values, null] as (T | null)[];
  if (key === "tier") return orNull<CityTier>(mentioned).map(field("tier"));
  if (key === "province") return orNull<string>(mentioned).map(field("province"));
  if (key === "device") return withOther(mentioned as DeviceClass[], DEVICE_CLASSES).map(field("device"));
  if (key === "formFactor") return withOther(mentioned as FormFactor[], FORM_FACTORS).map(field("formFactor"));
  if (key === "source") return orNull<string>(mentioned).map(channelField("source"));
  if (key === "medium") return orNull<string>(mentioned).map(channelField("medium"));
  if (key === "channel") return withOther(mentioned as ChannelKind[], CHANNEL_KINDS).map(channelField("kind"));
  if (key === "day") return withOther(mentioned as Weekday[], WEEKDAYS).map(dayOf);
  if (key === "hour") return (mentioned as number[]).filter((h) => h < 24).map(hourOf);
  if (key === "returning") return [0, 1].map(field("visits"));
  if (key === "savedConfiguration") return [null, "saved"].map(field("lastConfiguration"));
  if (key === "financeInterest") return [false, true].map(field("financeInterest"));
  if (key.startsWith("model:")) {
    const model = key.slice("model:".length);
    const viewed: Setter = (context) => {
      context.modelsViewed = [...context.modelsViewed, model];
    };
    return [() => {}, viewed];
  }
  const ruleId = key.slice("bucket:".length);
  return (mentioned as number[])
    .filter((p) => p < 100)
    .map(
      (bucket): Setter =>
        (_, buckets) => {
          buckets.set(ruleId, bucket);
        },
    );
}

const dayOf =
  (day: Weekday): Setter =>
  (context) => {
    context.now += WEEKDAYS.indexOf(day) * 86_400_000;
  };

const hourOf =
  (hour: number): Setter =>
  (context) => {
    context.now += hour * 3600_000;
  };

const baseContext = (): EdgeContext => ({
  country: "CN",
  province: null,
  city: null,
  tier: null,
  device: "desktop",
  formFactor: "desktop",
  visitorId: null,
  visits: 0,
  modelsViewed: [],
  financeInterest: false,
  lastConfiguration: null,
  channel: { source: null, medium: null, campaign: null, referrerHost: null, kind: "direct" },
  now: MONDAY,
});

/**
 * Whether `check` holds in every representative context of the conditions' dimensions; null when
 * there are too many combinations to decide.
 */
function forAll(
  conditions: readonly { condition: Condition; ruleId: string }[],
  check: (test: (i: number) => boolean) => boolean,
): boolean | null {
  const dims = dimensions(conditions);
  const total = dims.reduce((n, d) => n * d.values.length, 1);
  if (total > COMBINATION_LIMIT) return null;
  for (let n = 0; n < total; n++) {
    const context = baseContext();
    const buckets = new Map<string, number>();
    let rest = n;
    for (const dim of dims) {
      dim.values[rest % dim.values.length]?.(context, buckets);
      rest = Math.floor(rest / dim.values.length);
    }
    const test = (i: number) => {
      const { condition, ruleId } = conditions[i] as { condition: Condition; ruleId: string };
      return holds(condition, context, () => buckets.get(ruleId) ?? 0);
    };
    if (!check(test)) return false;
  }
  return true;
}

const span = (rule: Rule) => ({
  start: rule.schedule?.start === undefined ? Number.NEGATIVE_INFINITY : Date.parse(rule.schedule.start),
  end: rule.schedule?.end === undefined ? Number.POSITIVE_INFINITY : Date.parse(rule.schedule.end),
});

/**
 * What is wrong with a rule set: rules that never fire and rules that are shadowed, with the rules
 * that shadow them.
 * @example warnings([{ ...rule, when: { kind: "all", of: [{ kind: "tier", in: ["1"] }, { kind: "tier", in: ["3"] }] } }]) // [{ kind: "never", reason: "condition", … }]
 */
export function warnings(rules: readonly Rule[]): Warning[] {
  const ordered = [...rules].sort(byPriority);
  const found: Warning[] = [];
  const live: Rule[] = [];
  for (const rule of ordered) {
    const { start, end } = span(rule);
    const slots = SLOTS.filter((slot) => rule.actions[slot] !== undefined);
    const never = (reason: "no-actions" | "schedule" | "condition") =>
      found.push({ rule: rule.id, kind: "never", reason, message: MESSAGES[reason] });
    if (slots.length === 0) never("no-actions");
    else if (start >= end) never("schedule");
    else if (forAll([{ condition: rule.when, ruleId: rule.id }], (test) => !test(0)) === true) never("condition");
    else {
      const by = shadowers(rule, slots, live);
      if (by)
        found.push({
          rule: rule.id,
          kind: "shadowed",
          by,
          message: `被更高优先级的规则 ${by.join("、")} 覆盖，永远不会生效 / Shadowed by higher-priority ${by.join(", ")}: never fires`,
        });
      live.push(rule);
    }
  }
  return found;
}

/** For each slot of `rule`, the first earlier rule that sets it whenever `rule` would; null if one slot has none. */
function shadowers(rule: Rule, slots: readonly Slot[], earlier: readonly Rule[]): string[] | null {
  const mine = span(rule);
  const by = new Set<string>();
  for (const slot of slots) {
    const shadow = earlier.find((other) => {
      if (other.actions[slot] === undefined) return false;
      const theirs = span(other);
      if (theirs.start > mine.start || theirs.end < mine.end) return false;
      const pair = [
        { condition: rule.when, ruleId: rule.id },
        { condition: other.when, ruleId: other.id },
      ];
      return forAll(pair, (test) => !test(0) || test(1)) === true;
    });
    if (!shadow) return null;
    by.add(shadow.id);
  }
  return [...by];
}
