import { env, exports } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { WEEKDAYS } from "../../domain/catalog/types.ts";
import { distanceKm } from "../../domain/geo/distance.ts";
import { generateDemo } from "../../scripts/demo/generate.ts";
import { storeDemo } from "../../scripts/demo/store.ts";
import { database, schema } from "../../worker/db/client.ts";

const demo = generateDemo({ inventory: 2000 });
const api = async <T>(path: string) => {
  const response = await exports.default.fetch(new Request(`http://store.test${path}`));
  return { status: response.status, headers: response.headers, body: (await response.json()) as T };
};

type Counts = { inStock: number; inTransit: number };
type TrimStock = Counts & { id: string; colours: (Counts & { code: string; name: string })[] };
type Detail = {
  id: string;
  name: string;
  phone: string;
  hours: Record<string, { open: string; close: string }>;
  services: string[];
  distanceKm: number | null;
  today: string;
  openNow: boolean;
  stock: { id: string; slug: string; trims: TrimStock[] }[];
  demoTrims: { id: string; model: { slug: string }; cars: number }[];
  configured: {
    trim: { id: string };
    here: TrimStock | null;
    elsewhere: (Counts & { id: string; distanceKm: number })[];
  } | null;
};
type Problem = { status: number; errors?: { path: string }[] };

const AVAILABLE = new Set(["in_stock", "in_transit"]);
const available = (dealerId: string, trimId?: string) =>
  demo.inventoryVehicles.filter(
    (v) => v.dealerId === dealerId && AVAILABLE.has(v.status) && (trimId === undefined || v.trimId === trimId),
  );
const stocked = (dealerId: string) => available(dealerId).length;
const busiest = [...demo.dealers].sort((a, b) => stocked(b.id) - stocked(a.id))[0];
const DEALER = busiest?.id ?? "";
const ALWAYS_OPEN = "test-always-open";

beforeAll(async () => {
  await storeDemo(database(env.DB), demo);
  if (!busiest) throw new Error("the demo has no dealer");
  const everyDay = Object.fromEntries(WEEKDAYS.map((day) => [day, { open: "09:00", close: "18:00" }]));
  await database(env.DB)
    .insert(schema.dealers)
    .values({ ...busiest, id: ALWAYS_OPEN, hours: everyDay, services: ["sales"] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("GET /api/dealers/{id}", () => {
  it("answers the dealer's contact details, hours and services", async () => {
    const { status, body, headers } = await api<Detail>(`/api/dealers/${DEALER}`);
    expect(status).toBe(200);
    expect(body.name).toBe(busiest?.name);
    expect(body.phone).toBe(busiest?.phone);
    expect(body.hours).toEqual(busiest?.hours);
    expect(body.services).toEqual(busiest?.services);
    expect(body.distanceKm).toBeNull();
    expect(headers.get("cache-control")).toContain("max-age=30");
  });

  it("counts the vehicles in stock and in transit per trim and colour, leaving out reserved and sold ones", async () => {
    const { body } = await api<Detail>(`/api/dealers/${DEALER}`);
    const vehicles = available(DEALER);
    expect(vehicles.length).toBeGreaterThan(3);
    const trims = body.stock.flatMap((model) => model.trims);
    expect(trims.reduce((sum, t) => sum + t.inStock + t.inTransit, 0)).toBe(vehicles.length);
    for (const trim of trims) {
      const ofTrim = vehicles.filter((v) => v.trimId === trim.id);
      expect(trim.inStock).toBe(ofTrim.filter((v) => v.status === "in_stock").length);
      expect(trim.inTransit).toBe(ofTrim.filter((v) => v.status === "in_transit").length);
      for (const colour of trim.colours) {
        const ofColour = ofTrim.filter((v) => v.colorCode === colour.code);
        expect(colour.inStock + colour.inTransit).toBe(ofColour.length);
        expect(colour.name).toBe(demo.options.find((o) => o.code === colour.code)?.name);
      }
    }
    const held = demo.inventoryVehicles.filter((v) => v.dealerId === DEALER && !AVAILABLE.has(v.status)).length;
    expect(held, "the demo dealer should also have reserved or sold cars").toBeGreaterThan(0);
  });

  it("lists the trims with demo cars, which are what can be test-driven here", async () => {
    const { body } = await api<Detail>(`/api/dealers/${DEALER}`);
    const expected = demo.testDriveCars.filter((row) => row.dealerId === DEALER);
    expect(body.demoTrims.map((t) => [t.id, t.cars]).sort()).toEqual(expected.map((r) => [r.trimId, r.cars]).sort());
    const { body: noTestDrives } = await api<Detail>(`/api/dealers/${ALWAYS_OPEN}`);
    expect(noTestDrives.demoTrims).toEqual([]);
  });

  it("adds the configured trim's stock here and at the nearest other dealers that have it", async () => {
    const trimId = available(DEALER)[0]?.trimId ?? "";
    const { body } = await api<Detail>(`/api/dealers/${DEALER}?trim=${trimId}`);
    expect(body.configured?.trim.id).toBe(trimId);
    const here = available(DEALER, trimId);
    expect((body.configured?.here?.inStock ?? 0) + (body.configured?.here?.inTransit ?? 0)).toBe(here.length);
    const elsewhere = body.configured?.elsewhere ?? [];
    expect(elsewhere.length).toBeGreaterThan(0);
    expect(elsewhere.map((d) => d.id)).not.toContain(DEALER);
    const distances = elsewhere.map((d) => d.distanceKm);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    for (const dealer of elsewhere) {
      expect(dealer.inStock + dealer.inTransit).toBe(available(dealer.id, trimId).length);
    }
    const holders = new Set(
      demo.inventoryVehicles
        .filter((v) => v.trimId === trimId && AVAILABLE.has(v.status) && v.dealerId !== DEALER)
        .map((v) => v.dealerId),
    );
    const origin = { lat: busiest?.lat ?? 0, lon: busiest?.lon ?? 0 };
    const nearest = [...holders]
      .map((id) => demo.dealers.find((d) => d.id === id))
      .map((d) => distanceKm(origin, { lat: d?.lat ?? 0, lon: d?.lon ?? 0 }))
      .sort((a, b) => a - b)[0];
    expect(distances[0]).toBeCloseTo(nearest ?? Number.NaN, 0);
  });

  it("says a trim the dealer does not stock has no vehicles here", async () => {
    const stockedHere = new Set(available(DEALER).map((v) => v.trimId));
    const other = demo.trims.find((t) => !stockedHere.has(t.id));
    const { body } = await api<Detail>(`/api/dealers/${DEALER}?trim=${other?.id}`);
    expect(body.configured?.trim.id).toBe(other?.id);
    expect(body.configured?.here).toBeNull();
  });

  it("measures the distance from the visitor's position", async () => {
    const { body } = await api<Detail>(`/api/dealers/${DEALER}?lat=31.2304&lon=121.4737`);
    const expected = distanceKm({ lat: 31.2304, lon: 121.4737 }, { lat: busiest?.lat ?? 0, lon: busiest?.lon ?? 0 });
    expect(body.distanceKm).toBeCloseTo(expected, 0);
  });

  it("tells whether the dealer is open now, by its hours in Asia/Shanghai", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-02T10:00:00+08:00"));
    const open = await api<Detail>(`/api/dealers/${ALWAYS_OPEN}`);
    expect([open.body.today, open.body.openNow]).toEqual(["wed", true]);
    vi.setSystemTime(new Date("2026-12-02T18:00:00+08:00"));
    expect((await api<Detail>(`/api/dealers/${ALWAYS_OPEN}`)).body.openNow).toBe(false);
    vi.setSystemTime(new Date("2026-12-06T08:59:00+08:00"));
    const early = await api<Detail>(`/api/dealers/${ALWAYS_OPEN}`);
    expect([early.body.today, early.body.openNow]).toEqual(["sun", false]);
  });

  it("answers 404 for an unknown dealer or trim, naming the field, and 400 for a malformed query", async () => {
    expect((await api<Problem>("/api/dealers/no-such-dealer")).status).toBe(404);
    const trim = await api<Problem>(`/api/dealers/${DEALER}?trim=no-such-trim`);
    expect(trim.status).toBe(404);
    expect(trim.body.errors?.map((e) => e.path)).toEqual(["query.trim"]);
    const half = await api<Problem>(`/api/dealers/${DEALER}?lat=31.2`);
    expect(half.status).toBe(400);
    expect(half.body.errors?.map((e) => e.path)).toEqual(["query.lat"]);
    expect((await api<Problem>(`/api/dealers/${DEALER}?trim=${encodeURIComponent("a b")}`)).status).toBe(400);
  });
});
