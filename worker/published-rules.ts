import { z } from "zod";
import { compileRules } from "../domain/personalization/compile.ts";
import type { EdgeContext } from "../domain/personalization/context.ts";
import { DEFAULT_RULES } from "../domain/personalization/defaults.ts";
import { type Decision, ruleSchema } from "../domain/personalization/rules.ts";

/** KV keys of the published rule set: a version pointer and one immutable body per version. */
export const RULES_VERSION_KEY = "personalization:version";
export const rulesKey = (version: string) => `personalization:rules:${version}`;
/** How often an isolate looks at the version pointer; with KV's edge cache a publish lands within a minute. */
const CHECK_MS = 15_000;

type Decide = (context: EdgeContext) => Decision;
type Published = { version: string | null; decide: Decide; checkedAt: number };

let current: Published | null = null;

/**
 * The isolate's decider for the published rule set: compiled once per version and reused, the
 * version pointer in KV checked at most every 15 s; the built-in defaults when nothing is published,
 * and the last good set when a published body is missing or invalid.
 * @example const decide = await publishedDecider(env.CONFIG, Date.now()); decide(context)
 */
export async function publishedDecider(kv: KVNamespace, now: number): Promise<Decide> {
  if (current && now - current.checkedAt < CHECK_MS) return current.decide;
  const version = await kv.get(RULES_VERSION_KEY, { cacheTtl: 60 });
  if (current && current.version === version) {
    current = { ...current, checkedAt: now };
    return current.decide;
  }
  const rules = version === null ? { success: true as const, data: DEFAULT_RULES } : await readRules(kv, version);
  current = rules.success
    ? { version, decide: compileRules(rules.data), checkedAt: now }
    : { version: current?.version ?? null, decide: current?.decide ?? compileRules(DEFAULT_RULES), checkedAt: now };
  return current.decide;
}

async function readRules(kv: KVNamespace, version: string) {
  return z.array(ruleSchema).safeParse(await kv.get(rulesKey(version), "json"));
}

/**
 * Publishes a rule set: its body under a new version, then the pointer (bodies never change, so an
 * isolate never reads half a publish).
 * @example await publishRules(env.CONFIG, rules, "2026-11-29T00:00:00Z-1")
 */
export async function publishRules(kv: KVNamespace, rules: unknown, version: string): Promise<void> {
  const parsed = z.array(ruleSchema).parse(rules);
  await kv.put(rulesKey(version), JSON.stringify(parsed));
  await kv.put(RULES_VERSION_KEY, version);
}
