/**
 * Compile a rule set once into a fast evaluator. Three things are decided ahead of requests:
 * - schedules: the start and end instants cut time into epochs in which every rule is either active
 *   or not, so a request only finds its epoch (binary search) instead of parsing dates;
 * - city tier × device class × form factor (7 × 9 × 3 partitions): each rule's condition is folded
 *   with those three known, rules folded to false are dropped, and a rule folded to true needs no
 *   test and makes every later rule that only sets slots it sets unreachable, so it is dropped too;
 * - the residual conditions become closures over sets and precomputed tables (week-hour masks,
 *   bucket hashes seeded with the rule id).
 * Each request then walks its partition's short list with a bitmask of filled slots and stops once
 * every slot the list can fill is filled. `compileRules` folds every rule for every partition; the
 * list of a partition in an epoch (its folded rules active then, pruned) is cut on first use.
 */
import { CITY_TIERS, type CityTier } from "../geo/city-tier.ts";
import type { EdgeContext } from "./context.ts";
import { DEVICE_CLASSES, type DeviceClass, FORM_FACTORS, type FormFactor } from "./device.ts";
import { bucketFrom, bucketSeed } from "./interpret.ts";
import { byPriority, type Condition, type Decision, emptyDecision, fill, type Rule, slotMask } from "./rules.ts";
import { shanghaiWeekHour, weekHourMask } from "./week-hour.ts";

type Test = (context: EdgeContext, weekHour: number) => boolean;

interface Entry {
  rule: Rule;
  mask: number;
  test: Test | null;
}

interface Table {
  entries: Entry[];
  /** Union of the entries' slot masks: once filled, the walk stops. */
  full: number;
}

interface Known {
  tier: CityTier | null;
  device: DeviceClass;
  formFactor: FormFactor;
}

interface Live {
  rule: Rule;
  mask: number;
  start: number;
  end: number;
}

const TIERS: readonly (CityTier | null)[] = [...CITY_TIERS, null];
const PARTITIONS = TIERS.length * DEVICE_CLASSES.length * FORM_FACTORS.length;
const tierIndex = new Map(TIERS.map((tier, i) => [tier, i]));
const deviceIndex = new Map(DEVICE_CLASSES.map((device, i) => [device, i]));
const formIndex = new Map(FORM_FACTORS.map((form, i) => [form, i]));

const partitionOf = (context: EdgeContext) =>
  ((tierIndex.get(context.tier) ?? 0) * DEVICE_CLASSES.length + (deviceIndex.get(context.device) ?? 0)) *
    FORM_FACTORS.length +
  (formIndex.get(context.formFactor) ?? 0);

const knownOf = (partition: number): Known => ({
  tier: TIERS[Math.floor(partition / (DEVICE_CLASSES.length * FORM_FACTORS.length))] ?? null,
  device: DEVICE_CLASSES[Math.floor(partition / FORM_FACTORS.length) % DEVICE_CLASSES.length] ?? "desktop",
  formFactor: FORM_FACTORS[partition % FORM_FACTORS.length] ?? "desktop",
});

/**
 * A condition with the partition's tier, device and form factor substituted and simplified:
 * true, false, or what is left to test per request.
 * @example fold({ kind: "tier", in: ["3"] }, { tier: "3", device: "phone", formFactor: "phone" }) // true
 */
export function fold(condition: Condition, known: Known): Condition | boolean {
  switch (condition.kind) {
    case "all":
    case "any": {
      const decisive = condition.kind === "any";
      const rest: Condition[] = [];
      for (const child of condition.of) {
        const folded = fold(child, known);
        if (folded === decisive) return decisive;
        if (typeof folded !== "boolean") rest.push(folded);
      }
      if (rest.length === 0) return !decisive;
      return rest.length === 1 ? (rest[0] as Condition) : { kind: condition.kind, of: rest };
    }
    case "not": {
      const folded = fold(condition.of, known);
      return typeof folded === "boolean" ? !folded : { kind: "not", of: folded };
    }
    case "tier":
      return known.tier !== null && condition.in.includes(known.tier);
    case "device":
      return condition.in.includes(known.device);
    case "formFactor":
      return condition.in.includes(known.formFactor);
    case "province":
    case "source":
    case "medium":
    case "channel":
      return condition.in.length === 0 ? false : condition;
    case "time":
      return condition.days.length === 0 || condition.from >= condition.to ? false : condition;
    case "bucket":
      return condition.percent === 0 ? false : condition.percent === 100 ? true : condition;
    default:
      return condition;
  }
}

function closure(condition: Condition, seed: number): Test {
  switch (condition.kind) {
    case "all": {
      const tests = condition.of.map((c) => closure(c, seed));
      return (context, weekHour) => {
        for (const test of tests) if (!test(context, weekHour)) return false;
        return true;
      };
    }
    case "any": {
      const tests = condition.of.map((c) => closure(c, seed));
      return (context, weekHour) => {
        for (const test of tests) if (test(context, weekHour)) return true;
        return false;
      };
    }
    case "not": {
      const test = closure(condition.of, seed);
      return (context, weekHour) => !test(context, weekHour);
    }
    case "tier":
    case "device":
    case "formFactor":
      throw new Error(`${condition.kind} is folded per partition and never tested per request`);
    case "province": {
      const set = new Set<string | null>(condition.in);
      return (context) => context.province !== null && set.has(context.province);
    }
    case "returning":
      return (context) => context.visits > 0;
    case "savedConfiguration":
      return (context) => context.lastConfiguration !== null;
    case "viewedModel": {
      const model = condition.model;
      return (context) => context.modelsViewed.includes(model);
    }
    case "financeInterest":
      return (context) => context.financeInterest;
    case "source": {
      const set = new Set<string | null>(condition.in);
      return (context) => context.channel.source !== null && set.has(context.channel.source);
    }
    case "medium": {
      const set = new Set<string | null>(condition.in);
      return (context) => context.channel.medium !== null && set.has(context.channel.medium);
    }
    case "channel": {
      const set = new Set(condition.in);
      return (context) => set.has(context.channel.kind);
    }
    case "time": {
      const mask = weekHourMask(condition.days, condition.from, condition.to);
      return (_, weekHour) => mask[weekHour] === 1;
    }
    case "bucket": {
      const percent = condition.percent;
      return (context) => bucketFrom(seed, context.visitorId) < percent;
    }
  }
}

const instant = (iso: string | undefined, open: number) => (iso === undefined ? open : Date.parse(iso));

/**
 * A fast evaluator of a rule set, deciding exactly what `evaluate` decides.
 * @example const decide = compileRules(DEFAULT_RULES); decide(context).actions.layout // "compact" on a phone
 */
export function compileRules(rules: readonly Rule[]): (context: EdgeContext) => Decision {
  const live: Live[] = [...rules]
    .sort(byPriority)
    .filter((rule) => rule.status === "published")
    .map((rule) => ({
      rule,
      mask: slotMask(rule.actions),
      start: instant(rule.schedule?.start, Number.NEGATIVE_INFINITY),
      end: instant(rule.schedule?.end, Number.POSITIVE_INFINITY),
    }))
    .filter((r) => r.mask !== 0 && r.start < r.end);
  const cuts = [...new Set(live.flatMap((r) => [r.start, r.end]).filter(Number.isFinite))].sort((a, b) => a - b);
  const epochOf = (t: number) => {
    let low = 0;
    let high = cuts.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((cuts[mid] as number) <= t) low = mid + 1;
      else high = mid;
    }
    return low;
  };
  const residuals = live.map(() => new Map<string, Test>());
  const folded: (Entry & Live)[][] = Array.from({ length: PARTITIONS }, (_, partition) => {
    const known = knownOf(partition);
    return live.flatMap((r, i): (Entry & Live)[] => {
      const residual = fold(r.rule.when, known);
      if (residual === false) return [];
      if (residual === true) return [{ ...r, test: null }];
      const same = residuals[i] as Map<string, Test>;
      const key = JSON.stringify(residual);
      let test = same.get(key);
      if (test === undefined) {
        test = closure(residual, bucketSeed(r.rule.id));
        same.set(key, test);
      }
      return [{ ...r, test }];
    });
  });
  const tables: (Table | undefined)[] = [];
  const build = (epoch: number, partition: number): Table => {
    const at = epoch === 0 ? Number.NEGATIVE_INFINITY : (cuts[epoch - 1] as number);
    const entries: Entry[] = [];
    let certain = 0;
    let full = 0;
    for (const entry of folded[partition] ?? []) {
      if (at < entry.start || at >= entry.end || (entry.mask & ~certain) === 0) continue;
      if (entry.test === null) certain |= entry.mask;
      full |= entry.mask;
      entries.push(entry);
    }
    return { entries, full };
  };
  const tableFor = (epoch: number, partition: number): Table => {
    const key = epoch * PARTITIONS + partition;
    let table = tables[key];
    if (table === undefined) {
      table = build(epoch, partition);
      tables[key] = table;
    }
    return table;
  };

  return (context) => {
    const { entries, full } = tableFor(epochOf(context.now), partitionOf(context));
    const weekHour = shanghaiWeekHour(context.now);
    const decision = emptyDecision();
    let filled = 0;
    for (const entry of entries) {
      if ((entry.mask & ~filled) === 0) continue;
      if (entry.test !== null && !entry.test(context, weekHour)) continue;
      filled |= entry.mask;
      fill(decision, entry.rule);
      if (filled === full) break;
    }
    return decision;
  };
}
