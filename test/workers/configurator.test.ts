import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { generateDemo } from "../../scripts/demo/generate.ts";
import { storeDemo } from "../../scripts/demo/store.ts";
import { database } from "../../worker/db/client.ts";

const demo = generateDemo({ inventory: 20 });
const trim = demo.trims[0];
const model = demo.models.find((m) => m.id === trim?.modelId);
const standard = demo.trimOptions
  .filter((x) => x.trimId === trim?.id && x.standard)
  .map((x) => demo.options.find((o) => o.id === x.optionId)?.code as string);
const trimCode = `trim:${trim?.id.split(":").at(-1)}`;

const post = (body: unknown) =>
  exports.default.fetch(
    new Request("http://store.test/api/configurations/validate", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  );

beforeAll(async () => {
  await storeDemo(database(env.DB), demo);
});

describe("configurator API", () => {
  it("serves a model's rule base for the browser engine", async () => {
    const response = await exports.default.fetch(
      new Request(`http://store.test/api/models/${model?.slug}/product-model`),
    );
    expect(response.status).toBe(200);
    const document = await response.json<{ version: number; body: { groups: { code: string }[] } }>();
    expect(document.version).toBe(1);
    expect(document.body.groups[0]?.code).toBe("TRIM");
  });

  it("confirms a valid configuration at the server's price", async () => {
    const response = await post({
      model: model?.slug,
      version: 1,
      options: [trimCode, ...standard],
      priceFen: trim?.priceFen,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ priceFen: trim?.priceFen });
  });

  it("answers a tampered price with 409 and the server's price", async () => {
    const response = await post({ model: model?.slug, version: 1, options: [trimCode, ...standard], priceFen: 100 });
    expect(response.status).toBe(409);
    const body = await response.json<{ type: string; priceFen: number }>();
    expect(body.type).toMatch(/price-mismatch$/);
    expect(body.priceFen).toBe(trim?.priceFen);
  });

  it("answers a configuration that breaks the rules with 422 and the broken rules", async () => {
    const response = await post({ model: model?.slug, version: 1, options: [trimCode], priceFen: trim?.priceFen });
    expect(response.status).toBe(422);
    const body = await response.json<{ errors: { path: string; message: string }[] }>();
    expect(body.errors.length).toBeGreaterThan(0);
    expect(body.errors[0]?.path).toBe("json.options");
  });

  it("answers an unknown model version with 404 and malformed input with 400", async () => {
    expect((await post({ model: model?.slug, version: 99, options: [trimCode], priceFen: 1 })).status).toBe(404);
    expect((await post({ model: model?.slug, version: 1, options: [], priceFen: -1 })).status).toBe(400);
  });
});
