import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { generateDemo } from "../../scripts/demo/generate.ts";
import { storeDemo } from "../../scripts/demo/store.ts";
import { database } from "../../worker/db/client.ts";

const demo = generateDemo({ inventory: 50 });
const api = async <T>(path: string) => {
  const response = await exports.default.fetch(new Request(`http://store.test${path}`));
  return { status: response.status, headers: response.headers, body: (await response.json()) as T };
};

type Cell = { kind: string; value?: unknown; status?: string; priceFen?: number | null };
type Comparison = {
  columns: { trim: { id: string }; model: { slug: string }; priceFen: number; standardValueFen: number }[];
  sections: { key: string; rows: { key: string; differs: boolean; cells: Cell[] }[] }[];
};
type Problem = { status: number; errors: { path: string; message: string }[]; unknownTrims?: string[] };

const standardValueOf = (trimId: string) =>
  demo.trimOptions
    .filter((offer) => offer.trimId === trimId && offer.standard)
    .reduce((sum, offer) => sum + (demo.options.find((o) => o.id === offer.optionId)?.priceFen ?? 0), 0);
/** The top trim (most standard equipment) of three different models. */
const picked = [0, 1, 2].map((i) => demo.trims.findLast((t) => t.modelId === demo.models[i]?.id)?.id ?? "");

beforeAll(async () => {
  await storeDemo(database(env.DB), demo);
});

describe("compare API on the demo store", () => {
  it("compares trims of three models: one column each, in order, with their prices and standard equipment value", async () => {
    const { status, body, headers } = await api<Comparison>(`/api/compare?trims=${picked.join(",")}`);
    expect(status).toBe(200);
    expect(headers.get("cache-control")).toContain("max-age=60");
    expect(body.columns.map((c) => c.trim.id)).toEqual(picked);
    expect(new Set(body.columns.map((c) => c.model.slug)).size).toBe(3);
    for (const column of body.columns) {
      expect(column.priceFen).toBe(demo.trims.find((t) => t.id === column.trim.id)?.priceFen);
      expect(column.standardValueFen).toBe(standardValueOf(column.trim.id));
    }
    expect(body.columns.some((c) => c.standardValueFen > 0)).toBe(true);
  });

  it("flags exactly the rows whose cells differ, with one cell per trim", async () => {
    const { body } = await api<Comparison>(`/api/compare?trims=${picked.join(",")}`);
    const rows = body.sections.flatMap((s) => s.rows);
    expect(rows.some((r) => r.differs)).toBe(true);
    expect(rows.some((r) => !r.differs)).toBe(true);
    for (const row of rows) {
      expect(row.cells).toHaveLength(3);
      const keys = row.cells.map((c) => JSON.stringify([c.value, c.status, c.priceFen]));
      expect(row.differs, row.key).toBe(new Set(keys).size > 1);
    }
  });

  it("says for every option of a trim whether it is standard, optional at its price, or not offered", async () => {
    const trimId = picked[0] ?? "";
    const { body } = await api<Comparison>(`/api/compare?trims=${trimId}`);
    const equipment = new Map(
      body.sections
        .filter((s) => s.key.startsWith("equipment-"))
        .flatMap((s) => s.rows.map((r) => [r.key, r.cells[0]])),
    );
    const offers = demo.trimOptions.filter((offer) => offer.trimId === trimId);
    for (const offer of offers) {
      const option = demo.options.find((o) => o.id === offer.optionId);
      const group = demo.optionGroups.find((g) => g.id === option?.groupId);
      const cell = equipment.get(`${group?.kind}:${option?.name}`);
      expect(cell?.status).toBe(offer.standard ? "standard" : "optional");
      if (!offer.standard) expect(cell?.priceFen).toBe(option?.priceFen);
    }
  });

  it("answers 400 problem+json naming query.trims for unknown ids, and lists them", async () => {
    const { status, body, headers } = await api<Problem>(`/api/compare?trims=${picked[0]},no-such:trim`);
    expect(status).toBe(400);
    expect(headers.get("content-type")).toMatch(/problem\+json/);
    expect(body.errors.map((e) => e.path)).toEqual(["query.trims"]);
    expect(body.unknownTrims).toEqual(["no-such:trim"]);
  });

  it("refuses more than four trims, a repeated trim, and an empty list", async () => {
    const five = demo.trims.slice(0, 5).map((t) => t.id);
    for (const query of [five.join(","), `${picked[0]},${picked[0]}`, "", "a,,b"]) {
      const { status, body } = await api<Problem>(`/api/compare?trims=${query}`);
      expect(status, query).toBe(400);
      expect(body.errors[0]?.path, query).toBe("query.trims");
    }
    expect((await api<Problem>("/api/compare")).status).toBe(400);
  });

  it("lists every trim that can join a comparison, grouped by model", async () => {
    const { status, body } = await api<{ models: { slug: string; trims: { id: string; priceFen: number }[] }[] }>(
      "/api/compare/trims",
    );
    expect(status).toBe(200);
    expect(body.models).toHaveLength(demo.models.length);
    const listed = body.models.flatMap((m) => m.trims.map((t) => t.id)).sort();
    expect(listed).toEqual(demo.trims.map((t) => t.id).sort());
  });
});
