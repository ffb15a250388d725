import { z } from "zod";
import { compileRules } from "../domain/personalization/compile.ts";
import type { EdgeContext } from "../domain/personalization/context.ts";
import { DEFAULT_RULES } from "../domain/personalization/defaults.ts";
import { type Decision, type Rule, ruleSchema } from "../domain/personalization/rules.ts";

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

/** Who published a version, when, and how many rules it holds (KV metadata of its body). */
export interface VersionMeta {
  at: string;
  by: string | null;
  rules: number;
}

/**
 * Stores a rule set's body under `version` (immutable: a version is never written twice).
 * @example await storeRules(env.CONFIG, rules, version, { at, by: user.id })
 */
export async function storeRules(
  kv: KVNamespace,
  rules: unknown,
  version: string,
  meta: Omit<VersionMeta, "rules"> = { at: new Date().toISOString(), by: null },
): Promise<Rule[]> {
  const parsed = z.array(ruleSchema).parse(rules);
  await kv.put(rulesKey(version), JSON.stringify(parsed), { metadata: { ...meta, rules: parsed.length } });
  return parsed;
}

/**
 * Points the published set at a stored version. Isolates see it at their next check (15 s, plus
 * KV's 60 s edge cache); `recheckNow` makes this one look at its next decision.
 * @example await pointRules(env.CONFIG, "2026-11-29T08:00:00.000Z-a1b2")
 */
export async function pointRules(kv: KVNamespace, version: string): Promise<void> {
  await kv.put(RULES_VERSION_KEY, version);
}

/**
 * Makes this isolate read the version pointer at its next decision: the console calls it after a
 * publish or rollback, so the marketer's own next page already shows it.
 * @example await pointRules(env.CONFIG, version); recheckNow();
 */
export function recheckNow(): void {
  if (current) current = { ...current, checkedAt: Number.NEGATIVE_INFINITY };
}

/**
 * Publishes a rule set: its body under a new version, then the pointer (bodies never change, so an
 * isolate never reads half a publish).
 * @example await publishRules(env.CONFIG, rules, "2026-11-29T00:00:00Z-1")
 */
export async function publishRules(
  kv: KVNamespace,
  rules: unknown,
  version: string,
  meta?: Omit<VersionMeta, "rules">,
): Promise<void> {
  await storeRules(kv, rules, version, meta);
  await pointRules(kv, version);
}

/**
 * The version the pointer names (read without the edge cache), or null before any publish.
 * @example await currentVersion(env.CONFIG) // "2026-11-29T08:00:00.000Z-a1b2"
 */
export function currentVersion(kv: KVNamespace): Promise<string | null> {
  return kv.get(RULES_VERSION_KEY);
}

/**
 * The rules of a stored version; undefined when there is no such version or its body is invalid.
 * @example await versionRules(env.CONFIG, version)
 */
export async function versionRules(kv: KVNamespace, version: string): Promise<Rule[] | undefined> {
  const rules = await readRules(kv, version);
  return rules.success ? rules.data : undefined;
}

/**
 * The published set as it stands: the version the pointer names, or the built-in defaults.
 * @example const { version, rules } = await liveRules(env.CONFIG)
 */
export async function liveRules(kv: KVNamespace): Promise<{ version: string | null; rules: readonly Rule[] }> {
  const version = await currentVersion(kv);
  const rules = version === null ? DEFAULT_RULES : await versionRules(kv, version);
  return { version, rules: rules ?? DEFAULT_RULES };
}

const metaSchema = z.object({ at: z.string(), by: z.string().nullable(), rules: z.number() });

/**
 * Every stored version with who published it, when and its size, newest first.
 * @example (await listVersions(env.CONFIG))[0]?.version
 */
export async function listVersions(kv: KVNamespace): Promise<({ version: string } & VersionMeta)[]> {
  const prefix = rulesKey("");
  const found: ({ version: string } & VersionMeta)[] = [];
  let cursor: string | undefined;
  do {
    const page = await kv.list({ prefix, cursor });
    for (const key of page.keys) {
      const meta = metaSchema.safeParse(key.metadata);
      found.push({
        version: key.name.slice(prefix.length),
        ...(meta.success ? meta.data : { at: "", by: null, rules: 0 }),
      });
    }
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor);
  return found.sort((a, b) => (a.version < b.version ? 1 : -1));
}
