import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { choicesIn } from "../../domain/configurator/choice-codec.ts";
import { SAVED_CONFIGURATION_LIMIT } from "../../domain/configurator/saved-configuration.ts";
import { generateDemo } from "../../scripts/demo/generate.ts";
import { storeDemo } from "../../scripts/demo/store.ts";
import { database } from "../../worker/db/client.ts";
import { sessions } from "./sessions.ts";

const demo = generateDemo({ inventory: 0 });
const model = demo.models.find((m) => demo.trims.filter((t) => t.modelId === m.id).length >= 2);
const [firstTrim, secondTrim] = demo.trims.filter((t) => t.modelId === model?.id);

/** A trim's complete standard configuration: its trim option and every standard option. */
function standardOf(trim: typeof firstTrim): string[] {
  const standard = demo.trimOptions
    .filter((x) => x.trimId === trim?.id && x.standard)
    .map((x) => demo.options.find((o) => o.id === x.optionId)?.code as string);
  return [`trim:${trim?.id.split(":").at(-1)}`, ...standard];
}

type Saved = {
  id: string;
  model: { slug: string };
  trim: { id: string };
  options: string[];
  name: string | null;
  priceFen: number;
  pricedOn: string;
  currentPriceFen: number | null;
  shareUrl: string;
  thumbnailUrl: string | null;
  imageUrl: string | null;
};
type Problem = { type: string; status: number; errors?: { path: string; message: string }[] };

/** A new shopper account with a session; answers its session cookie and user id. */
async function shopper(): Promise<{ cookie: string; userId: string }> {
  const [session] = await sessions(1);
  return { cookie: `marque_session=${session?.cookie}`, userId: session?.id ?? "" };
}

async function call<T>(path: string, cookie: string | null, init: { method?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = {};
  if (cookie) headers.cookie = cookie;
  if (init.body !== undefined) headers["content-type"] = "application/json";
  const response = await exports.default.fetch(
    new Request(`https://store.test/api${path}`, {
      method: init.method ?? "GET",
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    }),
  );
  const type = response.headers.get("content-type") ?? "";
  const body = type.includes("json") ? ((await response.json()) as T) : (undefined as T);
  return { status: response.status, body, headers: response.headers };
}

const save = (cookie: string | null, body: Record<string, unknown>) =>
  call<Saved & Problem>("/me/configurations", cookie, { method: "POST", body: { model: model?.slug, ...body } });
const list = (cookie: string) =>
  call<{ configurations: Saved[]; limit: number }>("/me/configurations", cookie).then((r) => r.body);

/** A 1 × 1 PNG. */
const PNG =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

beforeAll(async () => {
  await storeDemo(database(env.DB), demo);
});

describe("saved configurations API", () => {
  it("asks a signed-out visitor to sign in, and changes nothing", async () => {
    expect((await save(null, { options: standardOf(firstTrim) })).status).toBe(401);
    expect((await call("/me/configurations", null)).status).toBe(401);
    const deleted = await call<Problem>("/me/configurations/cfg_aaaaaaaaaaaaaaaaaaaa", null, { method: "DELETE" });
    expect(deleted.status).toBe(401);
    expect(deleted.body.type).toMatch(/unauthorized$/);
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM saved_configurations").first<{ n: number }>();
    expect(rows?.n).toBe(0);
  });

  it("saves a configuration at the server's price, not the client's, with a share URL that restores it", async () => {
    const { cookie } = await shopper();
    const options = standardOf(firstTrim);
    const saved = await save(cookie, { version: 1, options, priceFen: 1, name: "  周末的车  " });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ priceFen: firstTrim?.priceFen, name: "周末的车", trim: { id: firstTrim?.id } });
    const share = new URL(saved.body.shareUrl, "https://store.test");
    expect(share.pathname).toBe(`/models/${model?.slug}/configure`);
    expect(choicesIn(share.search)).toEqual(options.map((option) => ({ option, selected: true })));
    expect(saved.body.thumbnailUrl).toBeNull();
  });

  it("answers a configuration that breaks the rules with 422 and the broken rules at json.options", async () => {
    const { cookie } = await shopper();
    const [trimOnly] = standardOf(firstTrim);
    const response = await save(cookie, { options: [trimOnly] });
    expect(response.status).toBe(422);
    expect(response.body.type).toMatch(/invalid-configuration$/);
    expect(response.body.errors?.length).toBeGreaterThan(0);
    expect(response.body.errors?.every((e) => e.path === "json.options")).toBe(true);
    expect((await list(cookie)).configurations).toEqual([]);
  });

  it("answers malformed input and a thumbnail that is not an image with 400 and the field", async () => {
    const { cookie } = await shopper();
    const empty = await save(cookie, { options: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.errors?.[0]?.path).toBe("json.options");
    const fake = await save(cookie, {
      options: standardOf(firstTrim),
      thumbnail: `data:image/png;base64,${btoa("<svg>")}`,
    });
    expect(fake.status).toBe(400);
    expect(fake.body.errors?.[0]?.path).toBe("json.thumbnail");
    const unknown = await save(cookie, { version: 99, options: standardOf(firstTrim) });
    expect(unknown.status).toBe(404);
    expect((await list(cookie)).configurations).toEqual([]);
  });

  it("saves a double click once: both answers carry the same configuration", async () => {
    const { cookie } = await shopper();
    const options = standardOf(firstTrim);
    const [a, b] = await Promise.all([save(cookie, { options }), save(cookie, { options: [...options].reverse() })]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.id).toBe(b.body.id);
    expect((await list(cookie)).configurations.map((c) => c.id)).toEqual([a.body.id]);
  });

  it("lists the account's configurations newest first, and not another account's", async () => {
    const { cookie } = await shopper();
    const other = await shopper();
    const older = await save(cookie, { options: standardOf(firstTrim) });
    const newer = await save(cookie, { options: standardOf(secondTrim) });
    await save(other.cookie, { options: standardOf(secondTrim) });
    const { configurations, limit } = await list(cookie);
    expect(configurations.map((c) => c.id)).toEqual([newer.body.id, older.body.id]);
    expect(configurations.map((c) => c.priceFen)).toEqual([secondTrim?.priceFen, firstTrim?.priceFen]);
    expect(limit).toBe(SAVED_CONFIGURATION_LIMIT);
  });

  it("keeps the price a configuration was saved at and quotes today's price of it beside", async () => {
    const { cookie } = await shopper();
    const saved = await save(cookie, { options: standardOf(firstTrim) });
    expect(saved.body.currentPriceFen).toBe(firstTrim?.priceFen);
    // Saved in spring at a higher price (a promotion has since lowered it, say).
    await env.DB.prepare(
      "UPDATE saved_configurations SET price_fen = price_fen + 500000, priced_on = '2026-03-01' WHERE id = ?",
    )
      .bind(saved.body.id)
      .run();
    const [listed] = (await list(cookie)).configurations;
    expect(listed).toMatchObject({
      id: saved.body.id,
      priceFen: (firstTrim?.priceFen ?? 0) + 500000,
      pricedOn: "2026-03-01",
      currentPriceFen: firstTrim?.priceFen,
    });
    // Options its rule-base version no longer knows cannot be priced today: null, not a made-up price.
    await env.DB.prepare("UPDATE saved_configurations SET options = ? WHERE id = ?")
      .bind(JSON.stringify([...standardOf(firstTrim), "paint:withdrawn"]), saved.body.id)
      .run();
    expect((await list(cookie)).configurations[0]?.currentPriceFen).toBeNull();
  });

  it("deletes the owner's configuration and answers 404 for another account's", async () => {
    const owner = await shopper();
    const stranger = await shopper();
    const saved = await save(owner.cookie, { options: standardOf(firstTrim) });
    const path = `/me/configurations/${saved.body.id}`;
    const foreign = await call<Problem>(path, stranger.cookie, { method: "DELETE" });
    expect(foreign.status).toBe(404);
    expect(foreign.body.type).toMatch(/not-found$/);
    expect((await list(owner.cookie)).configurations).toHaveLength(1);
    expect((await call(path, owner.cookie, { method: "DELETE" })).status).toBe(204);
    expect((await list(owner.cookie)).configurations).toEqual([]);
    expect((await call(path, owner.cookie, { method: "DELETE" })).status).toBe(404);
  });

  it("keeps the picture of the car and shows it to its owner only", async () => {
    const owner = await shopper();
    const stranger = await shopper();
    const saved = await save(owner.cookie, { options: standardOf(firstTrim), thumbnail: PNG });
    expect(saved.body.thumbnailUrl).toBe(`/api/me/configurations/${saved.body.id}/thumbnail`);
    const path = (saved.body.thumbnailUrl ?? "").replace(/^\/api/, "");
    const mine = await exports.default.fetch(
      new Request(`https://store.test/api${path}`, { headers: { cookie: owner.cookie } }),
    );
    expect(mine.status).toBe(200);
    expect(mine.headers.get("content-type")).toBe("image/png");
    expect(mine.headers.get("cache-control")).toMatch(/^private/);
    expect(new Uint8Array(await mine.arrayBuffer()).subarray(1, 4)).toEqual(new TextEncoder().encode("PNG"));
    expect((await call(path, stranger.cookie)).status).toBe(404);
  });

  it(`refuses a save beyond ${SAVED_CONFIGURATION_LIMIT} configurations with 409, and still answers one already saved`, async () => {
    const { cookie, userId } = await shopper();
    const kept = await save(cookie, { options: standardOf(firstTrim) });
    await env.DB.batch(
      Array.from({ length: SAVED_CONFIGURATION_LIMIT - 1 }, (_, i) =>
        env.DB.prepare(
          `INSERT INTO saved_configurations (id, user_id, model_id, trim_id, version, options, config_key, price_fen, priced_on)
           VALUES (?1, ?2, ?3, ?4, 1, '[]', ?1, 1, '2026-11-28')`,
        ).bind(`cfg_limit${String(i).padStart(11, "0")}`, userId, model?.id, firstTrim?.id),
      ),
    );
    const refused = await save(cookie, { options: standardOf(secondTrim) });
    expect(refused.status).toBe(409);
    expect(refused.body.type).toMatch(/saved-configurations-full$/);
    expect((await list(cookie)).configurations).toHaveLength(SAVED_CONFIGURATION_LIMIT);
    const again = await save(cookie, { options: standardOf(firstTrim) });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(kept.body.id);
  });
});
