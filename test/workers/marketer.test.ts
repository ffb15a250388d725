import { env } from "cloudflare:workers";
import { OpenAPIHono } from "@hono/zod-openapi";
import { beforeAll, describe, expect, it } from "vitest";
import { buildContext } from "../../domain/personalization/context.ts";
import type { AppEnv } from "../../worker/env.ts";
import { publishedDecider, RULES_VERSION_KEY } from "../../worker/published-rules.ts";
import { auth } from "../../worker/routes/auth.ts";
import { marketerConsole } from "../../worker/routes/marketer.ts";
import { signIn } from "./sessions.ts";

/** The routers mounted as app.ts mounts them, so this file does not depend on app.ts. */
const api = new OpenAPIHono<AppEnv>().basePath("/api").route("/", auth).route("/", marketerConsole);

type Problem = { type: string; title: string; status: number; errors?: { path: string; message: string }[] };
type Warning = { rule: string; kind: string; by?: string[] };
type RuleView = {
  id: string;
  name: string;
  priority: number;
  status: string;
  revision: number;
  live: boolean;
  liveDiffers: boolean;
  conditions: unknown[];
  actions: Record<string, unknown>;
  startsAt: string | null;
  endsAt: string | null;
  warnings: Warning[];
};
type List = { version: string | null; rules: RuleView[]; warnings: Warning[] };
type Change = { rule: RuleView; version: string | null };
type Decision = { actions: { lead?: string[] }; fired: { id: string }[] };
type Preview = { context: { tier: string | null }; draft: Decision; published: Decision & { version: string } };
type Versions = { current: string; versions: { version: string; by: string | null; rules: number }[] };
type Audit = {
  entries: { action: string; actor: string | null; entityId: string; at: string; diff: Record<string, unknown[]> }[];
};

async function call<T>(path: string, init: { cookie?: string; method?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = { "cf-connecting-ip": "203.0.113.7" };
  if (init.cookie) headers.cookie = `marque_session=${init.cookie}`;
  if (init.body !== undefined) headers["content-type"] = "application/json";
  const response = await api.request(
    `https://store.test/api${path}`,
    { method: init.method ?? "GET", headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) },
    env,
  );
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(text || "null") as T };
}

/** A visitor from 唐山 (a tier-3 city) on a desktop, at `now`. */
const tier3Visitor = (now = Date.now()) =>
  buildContext({
    cf: { country: "CN", city: "Tangshan", region: "Hebei" },
    consent: "none",
    url: "https://store.test/models/x",
    now,
  });

/** What the Worker's pages decide right now with the published set (this isolate re-checks after a publish). */
const pagesDecide = async (now = Date.now()) => (await publishedDecider(env.CONFIG, Date.now()))(tier3Visitor(now));

const financeFirst = {
  id: "tier-3-finance-first",
  name: "三线城市金融优先 / Finance first in tier-3 cities",
  priority: 250,
  conditions: [{ kind: "tier", in: ["3"] }],
  actions: { lead: ["finance", "spec-comparison", "range"], hero: "hero-tier-3" },
};

const auditRows = async () =>
  (
    await env.DB.prepare("SELECT action, entity_id, actor_id, diff FROM audit_log ORDER BY at, rowid").all<{
      action: string;
      entity_id: string;
      actor_id: string | null;
      diff: string;
    }>()
  ).results;

let marketer: { cookie: string; id: string; phone: string };
let shopper: { cookie: string };

beforeAll(async () => {
  marketer = await signIn({ roles: ["shopper", "marketer"] });
  shopper = await signIn({ roles: ["shopper"] });
});

describe("who may use the marketer console", () => {
  it("answers 401 signed out and 403 to a shopper, as problem+json, and changes nothing", async () => {
    const signedOut = await call<Problem>("/console/marketer/rules");
    expect(signedOut.status).toBe(401);
    expect(signedOut.headers.get("content-type")).toContain("application/problem+json");
    const listed = await call<Problem>("/console/marketer/rules", { cookie: shopper.cookie });
    expect(listed.status).toBe(403);
    expect(listed.body.type).toBe("https://marque.dev/problems/forbidden");
    const created = await call<Problem>("/console/marketer/rules", {
      method: "POST",
      cookie: shopper.cookie,
      body: financeFirst,
    });
    expect(created.status).toBe(403);
    expect((await call("/console/marketer/rules/phone-compact/unpublish", { method: "POST" })).status).toBe(401);
    expect(await env.CONFIG.get(RULES_VERSION_KEY)).toBeNull();
    expect(await auditRows()).toEqual([]);
  });

  it("lets an admin in too", async () => {
    const admin = await signIn({ roles: ["shopper", "admin"] });
    expect((await call("/console/marketer/audit", { cookie: admin.cookie })).status).toBe(200);
  });
});

describe("rules in the marketer console", () => {
  it("starts from the built-in defaults, stored as rules and as the first version, with no warnings", async () => {
    const list = await call<List>("/console/marketer/rules", { cookie: marketer.cookie });
    expect(list.status).toBe(200);
    expect(list.body.rules.map((r) => r.id)).toEqual([
      "resume-configuration",
      "phone-compact",
      "tier-1-spec-comparison",
      "tier-3-4-instalments",
      "standard-page",
    ]);
    expect(list.body.rules.every((r) => r.status === "published" && r.live && !r.liveDiffers)).toBe(true);
    expect(list.body.warnings).toEqual([]);
    expect(list.body.version).toBe(await env.CONFIG.get(RULES_VERSION_KEY));
    expect((await pagesDecide()).fired).toEqual(["tier-3-4-instalments", "standard-page"]);
  });

  it("refuses an invalid rule with 422 and the path of every bad field, storing nothing", async () => {
    const before = await auditRows();
    const invalid = await call<Problem>("/console/marketer/rules", {
      method: "POST",
      cookie: marketer.cookie,
      body: {
        ...financeFirst,
        name: "",
        conditions: [
          { kind: "tier", in: [] },
          { kind: "tier", in: ["9"] },
        ],
        actions: {},
      },
    });
    expect(invalid.status).toBe(422);
    expect(invalid.headers.get("content-type")).toContain("application/problem+json");
    expect(invalid.body.title).toBe("规则无效 / Invalid rule");
    const paths = invalid.body.errors?.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["name", "conditions.0.in", "conditions.1.in.0", "actions"]));
    expect(invalid.body.errors?.find((e) => e.path === "conditions.0.in")?.message).toBe(
      "至少选择一项 / Pick at least one",
    );
    const scheduleBackwards = await call<Problem>("/console/marketer/rules", {
      method: "POST",
      cookie: marketer.cookie,
      body: { ...financeFirst, startsAt: "2026-12-02T00:00:00+08:00", endsAt: "2026-12-01T00:00:00+08:00" },
    });
    expect(scheduleBackwards.body.errors?.map((e) => e.path)).toEqual(["endsAt"]);
    const list = await call<List>("/console/marketer/rules", { cookie: marketer.cookie });
    expect(list.body.rules.some((r) => r.id === financeFirst.id)).toBe(false);
    expect(await auditRows()).toEqual(before);
  });

  it("creates a draft that pages do not see until it is published, and previews it beside the published set", async () => {
    const created = await call<Change>("/console/marketer/rules", {
      method: "POST",
      cookie: marketer.cookie,
      body: financeFirst,
    });
    expect(created.status).toBe(201);
    expect(created.body.rule).toMatchObject({ id: financeFirst.id, status: "draft", live: false, revision: 1 });
    expect((await pagesDecide()).fired).not.toContain(financeFirst.id);

    const preview = await call<Preview>("/console/marketer/preview", {
      method: "POST",
      cookie: marketer.cookie,
      body: { visitor: { city: "130200", device: "desktop" } },
    });
    expect(preview.status).toBe(200);
    expect(preview.body.context.tier).toBe("3");
    expect(preview.body.draft.actions.lead?.[1]).toBe("spec-comparison");
    expect(preview.body.draft.fired.map((f) => f.id)).toContain(financeFirst.id);
    expect(preview.body.published.actions.lead).toEqual(["finance", "range", "spec-comparison"]);
    expect(preview.body.published.fired.map((f) => f.id)).not.toContain(financeFirst.id);

    const unsaved = await call<Preview>("/console/marketer/preview", {
      method: "POST",
      cookie: marketer.cookie,
      body: { visitor: { city: "130200" }, rule: { ...financeFirst, conditions: [{ kind: "tier", in: ["1"] }] } },
    });
    expect(unsaved.body.draft.fired.map((f) => f.id)).not.toContain(financeFirst.id);
    const bad = await call<Problem>("/console/marketer/preview", {
      method: "POST",
      cookie: marketer.cookie,
      body: { visitor: { city: "999999" }, rule: { ...financeFirst, priority: "high" } },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors?.map((e) => e.path).sort()).toEqual(["rule.priority", "visitor.city"]);

    const audit = (await auditRows()).at(-1);
    expect(audit).toMatchObject({ action: "rule.create", entity_id: financeFirst.id, actor_id: marketer.id });
    expect(JSON.parse(audit?.diff ?? "{}").priority).toEqual([null, 250]);
  });

  it("publishes: a new version holding the whole set reaches the pages' decider, audited with the diff", async () => {
    const before = await env.CONFIG.get(RULES_VERSION_KEY);
    const published = await call<Change>(`/console/marketer/rules/${financeFirst.id}/publish`, {
      method: "POST",
      cookie: marketer.cookie,
    });
    expect(published.status).toBe(200);
    expect(published.body.rule).toMatchObject({ status: "published", live: true });
    expect(published.body.version).not.toBe(before);
    expect(await env.CONFIG.get(RULES_VERSION_KEY)).toBe(published.body.version);
    const decided = await pagesDecide();
    expect(decided.fired).toEqual([financeFirst.id, "tier-3-4-instalments", "standard-page"]);
    expect(decided.actions.lead).toEqual(["finance", "spec-comparison", "range"]);
    expect(decided.actions.hero).toBe("hero-tier-3");

    const audit = (await auditRows()).at(-1);
    expect(audit).toMatchObject({ action: "rule.publish", entity_id: financeFirst.id, actor_id: marketer.id });
    expect(JSON.parse(audit?.diff ?? "{}")).toEqual({
      status: ["draft", "published"],
      version: [before, published.body.version],
    });
  });

  it("edits a published rule into a draft with a diff of the changed fields, and refuses a stale revision", async () => {
    const edited = await call<Change>(`/console/marketer/rules/${financeFirst.id}`, {
      method: "PUT",
      cookie: marketer.cookie,
      body: { ...financeFirst, priority: 260, revision: 1 },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.rule).toMatchObject({ status: "draft", live: true, liveDiffers: true, revision: 2 });
    expect(JSON.parse((await auditRows()).at(-1)?.diff ?? "{}")).toEqual({
      priority: [250, 260],
      status: ["published", "draft"],
    });
    const stale = await call<Problem>(`/console/marketer/rules/${financeFirst.id}`, {
      method: "PUT",
      cookie: marketer.cookie,
      body: { ...financeFirst, priority: 1, revision: 1 },
    });
    expect(stale.status).toBe(409);
    const list = await call<List>("/console/marketer/rules", { cookie: marketer.cookie });
    expect(list.body.rules.find((r) => r.id === financeFirst.id)?.priority).toBe(260);
    expect(
      (await call(`/console/marketer/rules/nope`, { method: "PUT", cookie: marketer.cookie, body: financeFirst }))
        .status,
    ).toBe(404);
  });

  it("warns about a rule shadowed by a higher-priority one and about one that can never fire", async () => {
    await call<Change>("/console/marketer/rules", {
      method: "POST",
      cookie: marketer.cookie,
      body: {
        ...financeFirst,
        id: "tier-3-range",
        priority: 100,
        actions: { lead: ["range", "finance", "spec-comparison"] },
      },
    });
    await call<Change>("/console/marketer/rules", {
      method: "POST",
      cookie: marketer.cookie,
      body: {
        ...financeFirst,
        id: "tier-1-and-3",
        conditions: [
          { kind: "tier", in: ["1"] },
          { kind: "tier", in: ["3"] },
        ],
      },
    });
    const list = await call<List>("/console/marketer/rules", { cookie: marketer.cookie });
    expect(list.body.rules.find((r) => r.id === "tier-3-range")?.warnings).toMatchObject([
      { kind: "shadowed", by: [financeFirst.id] },
    ]);
    expect(list.body.rules.find((r) => r.id === "tier-1-and-3")?.warnings).toMatchObject([
      { kind: "never", reason: "condition" },
    ]);
    expect(list.body.rules.find((r) => r.id === "standard-page")?.warnings).toEqual([]);
  });

  it("unpublishes, and rolls back to any version by moving the pointer", async () => {
    const unpublished = await call<Change>(`/console/marketer/rules/${financeFirst.id}/unpublish`, {
      method: "POST",
      cookie: marketer.cookie,
    });
    expect(unpublished.status).toBe(200);
    expect(unpublished.body.rule).toMatchObject({ status: "unpublished", live: false });
    expect((await pagesDecide()).fired).toEqual(["tier-3-4-instalments", "standard-page"]);
    expect(
      (
        await call<Problem>(`/console/marketer/rules/${financeFirst.id}/unpublish`, {
          method: "POST",
          cookie: marketer.cookie,
        })
      ).status,
    ).toBe(409);

    const { body: history } = await call<Versions>("/console/marketer/versions", { cookie: marketer.cookie });
    expect(history.current).toBe(unpublished.body.version);
    expect(history.versions.map((v) => v.version)).toEqual(
      [...history.versions.map((v) => v.version)].sort().reverse(),
    );
    expect(history.versions).toHaveLength(3);
    expect(history.versions[0]?.by).toBe(`${marketer.phone.slice(0, 3)}****${marketer.phone.slice(-4)}`);
    const withFinanceFirst = history.versions[1]?.version ?? "";
    expect(history.versions[1]?.rules).toBe(6);

    const rolled = await call<{ version: string; previous: string }>(
      `/console/marketer/versions/${withFinanceFirst}/rollback`,
      { method: "POST", cookie: marketer.cookie },
    );
    expect(rolled.body).toEqual({ version: withFinanceFirst, previous: unpublished.body.version });
    expect((await pagesDecide()).fired[0]).toBe(financeFirst.id);
    const list = await call<List>("/console/marketer/rules", { cookie: marketer.cookie });
    expect(list.body.rules.find((r) => r.id === financeFirst.id)).toMatchObject({
      status: "draft",
      live: true,
      liveDiffers: true,
    });
    const audit = (await auditRows()).at(-1);
    expect(audit).toMatchObject({ action: "rules.rollback", entity_id: withFinanceFirst, actor_id: marketer.id });
    expect(JSON.parse(audit?.diff ?? "{}")).toEqual({ version: [unpublished.body.version, withFinanceFirst] });
    expect(
      (
        await call<Problem>("/console/marketer/versions/no-such-version/rollback", {
          method: "POST",
          cookie: marketer.cookie,
        })
      ).status,
    ).toBe(404);
  });

  it("schedules a rule: published with its window, deciding only inside it", async () => {
    const backwards = await call<Problem>(`/console/marketer/rules/${financeFirst.id}/schedule`, {
      method: "POST",
      cookie: marketer.cookie,
      body: { startsAt: "2027-01-02T00:00:00+08:00", endsAt: "2027-01-01T00:00:00+08:00" },
    });
    expect(backwards.status).toBe(422);
    expect(backwards.body.errors?.map((e) => e.path)).toEqual(["endsAt"]);

    const window = { startsAt: "2027-01-01T00:00:00+08:00", endsAt: "2027-01-08T00:00:00+08:00" };
    const scheduled = await call<Change>(`/console/marketer/rules/${financeFirst.id}/schedule`, {
      method: "POST",
      cookie: marketer.cookie,
      body: window,
    });
    expect(scheduled.status).toBe(200);
    expect(scheduled.body.rule).toMatchObject({ ...window, status: "published", live: true, liveDiffers: false });
    expect((await pagesDecide()).fired).not.toContain(financeFirst.id);
    expect((await pagesDecide(Date.parse("2027-01-03T12:00:00+08:00"))).fired[0]).toBe(financeFirst.id);
    const diff = JSON.parse((await auditRows()).at(-1)?.diff ?? "{}");
    expect(diff.startsAt).toEqual([null, window.startsAt]);
    expect(diff.status).toEqual(["draft", "published"]);
  });

  it("shows the audit trail newest first with the actor's masked phone", async () => {
    const { body } = await call<Audit>("/console/marketer/audit?limit=3", { cookie: marketer.cookie });
    expect(body.entries.map((e) => e.action)).toEqual(["rule.schedule", "rules.rollback", "rule.unpublish"]);
    expect(body.entries[0]?.actor).toBe(`${marketer.phone.slice(0, 3)}****${marketer.phone.slice(-4)}`);
    expect(body.entries[0]?.diff.endsAt).toEqual([null, "2027-01-08T00:00:00+08:00"]);
  });
});
