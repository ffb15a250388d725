/**
 * fast-check generators of random rule sets and edge contexts over small pools of values, so that
 * conditions often match, overlap and contradict: the property tests compare evaluators on them.
 */
import fc from "fast-check";
import { WEEKDAYS } from "../catalog/types.ts";
import { CITY_TIERS } from "../geo/city-tier.ts";
import { CHANNEL_KINDS } from "./channel.ts";
import type { EdgeContext } from "./context.ts";
import { DEVICE_CLASSES, FORM_FACTORS } from "./device.ts";
import { type Actions, type Condition, LAYOUTS, MODULES, RULE_STATUSES, type Rule } from "./rules.ts";

const PROVINCES = ["广东省", "四川省", "浙江省"];
const MODELS = ["m3", "m5", "m7"];
const SOURCES = ["baidu", "wechat", "douyin"];
const MEDIA = ["cpc", "social"];
/** Around 2026-11-30 in Asia/Shanghai: schedules and contexts fall in the same fortnight. */
const T0 = Date.parse("2026-11-23T00:00:00+08:00");
const FORTNIGHT = 14 * 86_400_000;

const some = <T>(values: readonly T[]) => fc.subarray([...values], { maxLength: Math.min(3, values.length) });

export const arbitraryCondition: fc.Arbitrary<Condition> = fc.letrec<{ condition: Condition }>((tie) => ({
  condition: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    some(CITY_TIERS).map((tiers): Condition => ({ kind: "tier", in: tiers })),
    some(PROVINCES).map((p): Condition => ({ kind: "province", in: p })),
    some(DEVICE_CLASSES).map((d): Condition => ({ kind: "device", in: d })),
    some(FORM_FACTORS).map((f): Condition => ({ kind: "formFactor", in: f })),
    fc.constantFrom<Condition>({ kind: "returning" }, { kind: "savedConfiguration" }, { kind: "financeInterest" }),
    fc.constantFrom(...MODELS).map((model): Condition => ({ kind: "viewedModel", model })),
    some(SOURCES).map((s): Condition => ({ kind: "source", in: s })),
    some(MEDIA).map((m): Condition => ({ kind: "medium", in: m })),
    some(CHANNEL_KINDS).map((k): Condition => ({ kind: "channel", in: k })),
    fc
      .record({ days: some(WEEKDAYS), from: fc.integer({ min: 0, max: 23 }), to: fc.integer({ min: 1, max: 24 }) })
      .map((t): Condition => ({ kind: "time", ...t })),
    fc.constantFrom(0, 10, 50, 90, 100).map((percent): Condition => ({ kind: "bucket", percent })),
    fc.array(tie("condition"), { maxLength: 3 }).map((of): Condition => ({ kind: "all", of })),
    fc.array(tie("condition"), { maxLength: 3 }).map((of): Condition => ({ kind: "any", of })),
    tie("condition").map((of): Condition => ({ kind: "not", of })),
  ),
})).condition;

const arbitraryActions: fc.Arbitrary<Actions> = fc.record(
  {
    layout: fc.constantFrom(...LAYOUTS),
    lead: fc.shuffledSubarray([...MODULES], { minLength: 1 }),
    hero: fc.constantFrom("hero-a", "hero-b"),
    highlightTrims: fc.constant(["trim-1"]),
    offers: fc.constant([{ id: "o-1", downPaymentPercent: 20, monthlyFen: 298_000, termMonths: 60 }]),
    resume: fc.constant(true as const),
  },
  { requiredKeys: [] },
);

const instant = fc.integer({ min: 0, max: FORTNIGHT / 3600_000 }).map((h) => new Date(T0 + h * 3600_000).toISOString());

export const arbitraryRule = (id: string): fc.Arbitrary<Rule> =>
  fc
    .record({
      id: fc.constant(id),
      name: fc.constant(`规则 ${id} / Rule ${id}`),
      priority: fc.integer({ min: 0, max: 5 }),
      status: fc.constantFrom(...RULE_STATUSES, "published", "published"),
      when: arbitraryCondition,
      actions: arbitraryActions,
      schedule: fc.option(fc.record({ start: instant, end: instant }, { requiredKeys: [] }), { nil: undefined }),
    })
    .map(({ schedule, ...rule }) => (schedule === undefined ? rule : { ...rule, schedule }));

export const arbitraryRules: fc.Arbitrary<Rule[]> = fc
  .integer({ min: 0, max: 12 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => arbitraryRule(`r${i}`))));

export const arbitraryContext: fc.Arbitrary<EdgeContext> = fc.record({
  country: fc.constant("CN"),
  province: fc.option(fc.constantFrom(...PROVINCES), { nil: null }),
  city: fc.constant(null),
  tier: fc.option(fc.constantFrom(...CITY_TIERS), { nil: null }),
  device: fc.constantFrom(...DEVICE_CLASSES),
  formFactor: fc.constantFrom(...FORM_FACTORS),
  visitorId: fc.option(fc.string({ minLength: 1, maxLength: 8 }), { nil: null }),
  visits: fc.integer({ min: 0, max: 3 }),
  modelsViewed: fc.subarray(MODELS),
  financeInterest: fc.boolean(),
  lastConfiguration: fc.option(fc.constant("cfg-1"), { nil: null }),
  channel: fc.record({
    source: fc.option(fc.constantFrom(...SOURCES), { nil: null }),
    medium: fc.option(fc.constantFrom(...MEDIA), { nil: null }),
    campaign: fc.constant(null),
    referrerHost: fc.constant(null),
    kind: fc.constantFrom(...CHANNEL_KINDS),
  }),
  now: fc.integer({ min: T0 - 86_400_000, max: T0 + FORTNIGHT + 86_400_000 }),
});
