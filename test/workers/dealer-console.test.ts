import { env } from "cloudflare:workers";
import { OpenAPIHono } from "@hono/zod-openapi";
import { beforeAll, describe, expect, it } from "vitest";
import { WEEKDAYS } from "../../domain/catalog/types.ts";
import { CITIES } from "../../domain/geo/cities.ts";
import { shanghaiDate } from "../../domain/time.ts";
import { generateDemo } from "../../scripts/demo/generate.ts";
import { database, schema } from "../../worker/db/client.ts";
import type { AppEnv } from "../../worker/env.ts";
import { encrypt, phoneIndex, piiKeys } from "../../worker/pii.ts";
import { auth } from "../../worker/routes/auth.ts";
import { dealerConsole } from "../../worker/routes/dealer-console.ts";
import { testDrives } from "../../worker/routes/test-drive.ts";
import { nextPhone, signIn } from "./sessions.ts";

/** The routers mounted as app.ts mounts them, so this file does not depend on app.ts. */
const api = new OpenAPIHono<AppEnv>()
  .basePath("/api")
  .route("/", testDrives)
  .route("/", auth)
  .route("/", dealerConsole);

const demo = generateDemo({ inventory: 0 });
const model = demo.models[0];
const [trimA, trimB] = demo.trims.filter((trim) => trim.modelId === model?.id);
const city = CITIES[0];
const everyDay = Object.fromEntries(WEEKDAYS.map((day) => [day, { open: "09:00", close: "21:00" }]));
const dealerRow = (id: string) => ({
  id,
  brandId: model?.brandId ?? "",
  cityCode: city?.code ?? "",
  name: `星驰${id}展厅`,
  nameEn: `Xingchi ${id}`,
  address: "测试市科技园路8号",
  addressEn: "No. 8 Keji Road",
  lat: 22.5,
  lon: 113.9,
  phone: "0755-12345678",
  hours: everyDay,
  services: ["sales" as const, "test_drive" as const],
});
const MINE = "console-a";
const THEIRS = "console-b";
const TOMORROW = shanghaiDate(Date.now() + 86_400_000);

type Problem = { type: string; status: number; errors?: { path: string; message: string }[] };
type Booking = {
  id: string;
  status: string;
  name: string;
  phone: string;
  slot: { start: string };
  can: { checkIn: boolean; noShow: boolean };
};
type Day = {
  dealer: { id: string };
  slots: { start: string; capacity: number; held: number; bookings: Booking[] }[];
};
type Leads = { total: number; page: number; leads: { id: string; name: string; phone: string; createdAt: string }[] };
type Funnel = { steps: { step: string; count: number }[] };

async function call<T>(path: string, init: { cookie?: string; method?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = { "cf-connecting-ip": "203.0.113.9", "idempotency-key": crypto.randomUUID() };
  if (init.cookie) headers.cookie = `marque_session=${init.cookie}`;
  if (init.body !== undefined) headers["content-type"] = "application/json";
  const response = await api.request(
    `https://store.test/api${path}`,
    { method: init.method ?? "GET", headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) },
    env,
  );
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: JSON.parse(text || "null") as T };
}

async function rows(sql: string, ...params: unknown[]) {
  return (
    await env.DB.prepare(sql)
      .bind(...params)
      .all<Record<string, unknown>>()
  ).results;
}

let sequence = 0;

async function book(dealerId: string, time: string, name = "张三", phone = nextPhone()) {
  const booked = await call<{ id: string }>("/test-drives", {
    method: "POST",
    body: {
      dealerId,
      trimId: trimA?.id,
      slotStart: `${TOMORROW}T${time}:00+08:00`,
      name,
      phone,
      consent: true,
    },
  });
  expect(booked.status).toBe(201);
  return { id: booked.body.id, phone };
}

/** A booking whose slot began an hour ago, written directly (the API books only future slots). */
async function pastBooking(dealerId: string): Promise<string> {
  const keys = await piiKeys(env.PII_KEY);
  const phone = nextPhone();
  const start = new Date(Math.floor((Date.now() - 3_600_000) / 60_000) * 60_000);
  const id = `td_past_${++sequence}`;
  await database(env.DB)
    .insert(schema.testDriveBookings)
    .values({
      id,
      dealerId,
      trimId: trimA?.id ?? "",
      phoneCipher: await encrypt(keys, `+86${phone}`),
      phoneIndex: await phoneIndex(keys, phone),
      nameCipher: await encrypt(keys, "王五"),
      slotStart: start.toISOString(),
      slotEnd: new Date(start.getTime() + 45 * 60_000).toISOString(),
      carIndex: 0,
      status: "booked",
      idempotencyKey: `past-${id}`,
      consentAt: start.toISOString(),
      updatedAt: start.toISOString(),
    });
  return id;
}

let dealer: string;
let shopper: string;
let mine: { id: string; phone: string };
let theirs: { id: string; phone: string };

beforeAll(async () => {
  if (!model || !trimA || !trimB || !city) throw new Error("demo data has no model with two trims");
  const db = database(env.DB);
  await db.insert(schema.cities).values(city);
  await db.insert(schema.brands).values(demo.brands.filter((brand) => brand.id === model.brandId));
  await db.insert(schema.models).values(model);
  await db.insert(schema.trims).values([trimA, trimB]);
  await db.insert(schema.dealers).values([dealerRow(MINE), dealerRow(THEIRS)]);
  await db.insert(schema.testDriveCars).values([
    { dealerId: MINE, trimId: trimA.id, cars: 2 },
    { dealerId: MINE, trimId: trimB.id, cars: 1 },
    { dealerId: THEIRS, trimId: trimA.id, cars: 1 },
  ]);
  mine = await book(MINE, "10:30", "张三");
  theirs = await book(THEIRS, "10:30", "赵六");
  dealer = (await signIn({ roles: ["shopper", "dealer"], dealerId: MINE })).cookie;
  shopper = (await signIn({ roles: ["shopper"] })).cookie;
});

describe("who may open the dealer console", () => {
  it("answers 401 signed out and 403 to a shopper, as problem+json", async () => {
    const signedOut = await call<Problem>("/console/dealer/bookings");
    expect(signedOut.status).toBe(401);
    expect(signedOut.headers.get("content-type")).toContain("application/problem+json");
    const asShopper = await call<Problem>("/console/dealer/leads", { cookie: shopper });
    expect(asShopper.status).toBe(403);
    expect(asShopper.body.type).toBe("https://marque.dev/problems/forbidden");
    expect(
      (await call(`/console/dealer/bookings/${mine.id}/check-in`, { method: "POST", cookie: shopper })).status,
    ).toBe(403);
  });

  it("refuses a dealer account another dealership, and one attached to none", async () => {
    expect((await call(`/console/dealer/bookings?dealer=${THEIRS}`, { cookie: dealer })).status).toBe(403);
    const unattached = (await signIn({ roles: ["shopper", "dealer"] })).cookie;
    expect((await call("/console/dealer/funnel", { cookie: unattached })).status).toBe(403);
  });

  it("lets ops look at any dealership with ?dealer=, and asks them to name one", async () => {
    const ops = (await signIn({ roles: ["shopper", "ops"] })).cookie;
    const day = await call<Day>(`/console/dealer/bookings?dealer=${THEIRS}&date=${TOMORROW}`, { cookie: ops });
    expect(day.status).toBe(200);
    expect(day.body.slots.flatMap((slot) => slot.bookings).map((b) => b.id)).toEqual([theirs.id]);
    const unnamed = await call<Problem>("/console/dealer/leads", { cookie: ops });
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.errors?.[0]?.path).toBe("query.dealer");
    expect((await call("/console/dealer/leads?dealer=nobody", { cookie: ops })).status).toBe(404);
  });
});

describe("the dealer's day", () => {
  it("lists only the dealership's bookings in its slots, with capacity, the name decrypted and the phone masked", async () => {
    const { status, body, text, headers } = await call<Day>(`/console/dealer/bookings?date=${TOMORROW}`, {
      cookie: dealer,
    });
    expect(status).toBe(200);
    expect(headers.get("cache-control")).toBe("private, no-store");
    expect(body.dealer.id).toBe(MINE);
    expect(body.slots).toHaveLength(16);
    const slot = body.slots.find((s) => s.start === new Date(`${TOMORROW}T10:30:00+08:00`).toISOString());
    expect(slot).toMatchObject({ capacity: 3, held: 1 });
    expect(slot?.bookings).toEqual([
      expect.objectContaining({
        id: mine.id,
        status: "booked",
        name: "张三",
        phone: `${mine.phone.slice(0, 3)}****${mine.phone.slice(-4)}`,
        can: { checkIn: true, noShow: false },
      }),
    ]);
    expect(text).not.toContain(theirs.id);
    expect(text).not.toContain("赵六");
    expect(text).not.toContain(mine.phone);
  });

  it("keeps names and numbers encrypted in D1: only the console decrypts them", async () => {
    const [row] = await rows("SELECT * FROM test_drive_bookings WHERE id = ?", mine.id);
    expect(JSON.stringify(row)).not.toContain("张三");
    expect(JSON.stringify(row)).not.toContain(mine.phone.slice(3));
  });
});

describe("check-in and no-show", () => {
  it("checks a booking in, audits who did it, and refuses a second check-in or a no-show with 409", async () => {
    const checked = await call<Booking>(`/console/dealer/bookings/${mine.id}/check-in`, {
      method: "POST",
      cookie: dealer,
    });
    expect(checked.status).toBe(200);
    expect(checked.body).toMatchObject({ id: mine.id, status: "checked_in", can: { checkIn: false, noShow: false } });
    const [audit] = await rows("SELECT * FROM audit_log WHERE entity_id = ?", mine.id);
    expect(audit).toMatchObject({ action: "test_drive.checked_in", entity_type: "test_drive_booking" });
    expect(JSON.parse(String(audit?.diff))).toEqual({ status: ["booked", "checked_in"] });
    const [account] = await rows("SELECT id FROM users WHERE dealer_id = ?", MINE);
    expect(audit?.actor_id).toBe(account?.id);
    const [reminder] = await rows("SELECT status FROM notification_outbox WHERE subject_id = ?", mine.id);
    expect(reminder?.status).toBe("cancelled");

    for (const action of ["check-in", "no-show"]) {
      const again = await call<Problem>(`/console/dealer/bookings/${mine.id}/${action}`, {
        method: "POST",
        cookie: dealer,
      });
      expect(again.status).toBe(409);
      expect(again.body.type).toBe("https://marque.dev/problems/booking-not-changeable");
    }
    expect(await rows("SELECT * FROM audit_log WHERE entity_id = ?", mine.id)).toHaveLength(1);
  });

  it("marks a no-show only once the slot has begun", async () => {
    const future = await book(MINE, "15:00");
    const early = await call<Problem>(`/console/dealer/bookings/${future.id}/no-show`, {
      method: "POST",
      cookie: dealer,
    });
    expect(early.status).toBe(409);
    expect(early.body.type).toBe("https://marque.dev/problems/slot-not-started");
    const past = await pastBooking(MINE);
    const late = await call<Booking>(`/console/dealer/bookings/${past}/no-show`, { method: "POST", cookie: dealer });
    expect(late.status).toBe(200);
    expect(late.body.status).toBe("no_show");
  });

  it("answers 404 for another dealership's booking and leaves it unchanged", async () => {
    const other = await call<Problem>(`/console/dealer/bookings/${theirs.id}/check-in`, {
      method: "POST",
      cookie: dealer,
    });
    expect(other.status).toBe(404);
    const [row] = await rows("SELECT status FROM test_drive_bookings WHERE id = ?", theirs.id);
    expect(row?.status).toBe("booked");
  });
});

describe("leads and funnel", () => {
  it("pages the dealership's leads newest first, names decrypted and numbers masked", async () => {
    const first = await call<Leads>("/console/dealer/leads?limit=1", { cookie: dealer });
    expect(first.status).toBe(200);
    const [{ n: total } = { n: 0 }] = await rows("SELECT count(*) AS n FROM leads WHERE dealer_id = ?", MINE);
    expect(first.body.total).toBe(total);
    expect(first.body.leads).toHaveLength(1);
    expect(total).toBe(2);
    const second = await call<Leads>("/console/dealer/leads?limit=1&page=2", { cookie: dealer });
    const all = [...first.body.leads, ...second.body.leads];
    expect(all).toHaveLength(Number(total));
    expect(all.map((lead) => lead.createdAt)).toEqual(
      all
        .map((lead) => lead.createdAt)
        .sort()
        .reverse(),
    );
    expect(all.find((lead) => lead.phone.endsWith(mine.phone.slice(-4)))?.name).toBe("张三");
    expect(all.every((lead) => /^1\d{2}\*{4}\d{4}$/.test(lead.phone))).toBe(true);
    expect(JSON.stringify(all)).not.toContain("赵六");
    expect((await call<Problem>("/console/dealer/leads?limit=500", { cookie: dealer })).status).toBe(400);
  });

  it("counts leads, test drives booked, checked in and orders as the rows say", async () => {
    const [user] = await rows("SELECT id FROM users LIMIT 1");
    const now = new Date().toISOString();
    await env.DB.prepare(
      `INSERT INTO orders (id, user_id, trim_id, dealer_id, status, configuration, price_fen, deposit_fen, updated_at)
       VALUES ('ord_console_1', ?1, ?2, ?3, 'deposit_paid', '{}', 25000000, 500000, ?4)`,
    )
      .bind(user?.id, trimA?.id, MINE, now)
      .run();
    const count = async (sql: string) => Number((await rows(sql, MINE))[0]?.n);
    const expected = {
      leads: await count("SELECT count(*) AS n FROM leads WHERE dealer_id = ?"),
      booked: await count("SELECT count(*) AS n FROM test_drive_bookings WHERE dealer_id = ?"),
      checked_in: await count(
        "SELECT count(*) AS n FROM test_drive_bookings WHERE dealer_id = ? AND status = 'checked_in'",
      ),
      orders: 1,
    };
    expect(expected).toMatchObject({ booked: 3, checked_in: 1 });
    const funnel = await call<Funnel>("/console/dealer/funnel", { cookie: dealer });
    expect(funnel.status).toBe(200);
    expect(Object.fromEntries(funnel.body.steps.map((s) => [s.step, s.count]))).toEqual(expected);
    const before = await call<Funnel>("/console/dealer/funnel?from=2020-01-01&to=2020-01-31", { cookie: dealer });
    expect(before.body.steps.map((s) => s.count)).toEqual([0, 0, 0, 0]);
    const backwards = await call<Problem>("/console/dealer/funnel?from=2026-02-01&to=2026-01-01", { cookie: dealer });
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors?.[0]?.path).toBe("query.from");
  });
});
