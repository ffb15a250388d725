import { env } from "cloudflare:workers";
import { OpenAPIHono } from "@hono/zod-openapi";
import { beforeAll, describe, expect, it } from "vitest";
import { WEEKDAYS } from "../../domain/catalog/types.ts";
import { CITIES } from "../../domain/geo/cities.ts";
import { shanghaiDate } from "../../domain/time.ts";
import { generateDemo } from "../../scripts/demo/generate.ts";
import { database, schema } from "../../worker/db/client.ts";
import type { AppEnv } from "../../worker/env.ts";
import { testDrives } from "../../worker/routes/test-drive.ts";

/** The router mounted as app.ts mounts it, so this file does not depend on app.ts. */
const api = new OpenAPIHono<AppEnv>().basePath("/api").route("/", testDrives);

const demo = generateDemo({ inventory: 0 });
const model = demo.models[0];
const [trimA, trimB, trimC] = demo.trims.filter((trim) => trim.modelId === model?.id);
const city = CITIES[0];
const everyDay = Object.fromEntries(WEEKDAYS.map((day) => [day, { open: "09:00", close: "21:00" }]));
const dealerRow = (id: string, services: ("sales" | "test_drive")[]) => ({
  id,
  brandId: model?.brandId ?? "",
  cityCode: city?.code ?? "",
  name: "星驰测试城市展厅",
  nameEn: "Xingchi Test Showroom",
  address: "测试市科技园路8号, 2楼",
  addressEn: "No. 8 Keji Road",
  lat: 22.5,
  lon: 113.9,
  phone: "0755-12345678",
  hours: everyDay,
  services,
});
const DEALER = "td-dealer";

type Problem = { type: string; status: number; title: string; errors?: { path: string; message: string }[] };
type Booking = {
  id: string;
  status: string;
  slot: { start: string; end: string };
  name: string;
  phone: string;
  calendarUrl: string;
};
type Created = { id: string; manageToken: string; booking: Booking };
type Slots = { slots: { start: string; end: string; capacity: number; remaining: number }[] };

async function call<T>(path: string, init: RequestInit = {}) {
  const response = await api.request(`http://store.test/api${path}`, init, env);
  const text = await response.text();
  const type = response.headers.get("content-type") ?? "";
  return {
    status: response.status,
    headers: response.headers,
    text,
    body: (type.includes("json") ? JSON.parse(text) : text) as T,
  };
}

let sequence = 0;
/** A distinct mainland mobile number per call. */
const nextPhone = () => `139${String(++sequence).padStart(8, "0")}`;

function book(fields: Record<string, unknown> = {}, key: string = crypto.randomUUID()) {
  return call<Created & Problem>("/test-drives", {
    method: "POST",
    headers: { "content-type": "application/json", "idempotency-key": key },
    body: JSON.stringify({
      dealerId: DEALER,
      trimId: trimA?.id,
      slotStart: slotAt(3, "10:30"),
      name: "张三",
      phone: nextPhone(),
      consent: true,
      ...fields,
    }),
  });
}

/** A slot `days` days from today in Asia/Shanghai at local `time`, as an instant with +08:00. */
function slotAt(days: number, time: string): string {
  return `${shanghaiDate(Date.now() + days * 86_400_000)}T${time}:00+08:00`;
}
const utc = (instant: string) => new Date(instant).toISOString();

async function rows(sql: string, ...params: unknown[]) {
  return (
    await env.DB.prepare(sql)
      .bind(...params)
      .all<Record<string, unknown>>()
  ).results;
}
const holding = (slotStart: string, trimId = trimA?.id) =>
  rows(
    "SELECT * FROM test_drive_bookings WHERE dealer_id = ? AND trim_id = ? AND slot_start = ? AND status IN ('booked', 'rescheduled', 'checked_in')",
    DEALER,
    trimId,
    utc(slotStart),
  );
const countAll = async () =>
  (await rows("SELECT (SELECT count(*) FROM test_drive_bookings) + (SELECT count(*) FROM leads) AS n"))[0]?.n;

beforeAll(async () => {
  if (!model || !trimA || !trimB || !trimC || !city) throw new Error("demo data has no model with three trims");
  const db = database(env.DB);
  await db.insert(schema.cities).values(city);
  await db.insert(schema.brands).values(demo.brands.filter((brand) => brand.id === model.brandId));
  await db.insert(schema.models).values(model);
  await db.insert(schema.trims).values([trimA, trimB, trimC]);
  await db
    .insert(schema.dealers)
    .values([dealerRow(DEALER, ["sales", "test_drive"]), dealerRow("td-sales-only", ["sales"])]);
  await db.insert(schema.testDriveCars).values([
    { dealerId: DEALER, trimId: trimA.id, cars: 2 },
    { dealerId: DEALER, trimId: trimB.id, cars: 1 },
  ]);
});

describe("test-drive slots", () => {
  it("lists a day's 45-minute slots with the dealer's demo cars of the trim as capacity", async () => {
    const date = shanghaiDate(Date.now() + 2 * 86_400_000);
    const { status, body, headers } = await call<Slots>(
      `/dealers/${DEALER}/test-drive-slots?trim=${trimA?.id}&date=${date}`,
    );
    expect(status).toBe(200);
    expect(headers.get("cache-control")).toBe("no-store");
    expect(body.slots).toHaveLength(16);
    expect(body.slots[0]).toEqual({
      start: utc(`${date}T09:00:00+08:00`),
      end: utc(`${date}T09:45:00+08:00`),
      capacity: 2,
      remaining: 2,
    });
  });

  it("counts bookings against the slot they hold", async () => {
    await book({ slotStart: slotAt(2, "12:00") });
    const date = shanghaiDate(Date.now() + 2 * 86_400_000);
    const { body } = await call<Slots>(`/dealers/${DEALER}/test-drive-slots?trim=${trimA?.id}&date=${date}`);
    expect(body.slots.find((slot) => slot.start === utc(slotAt(2, "12:00")))?.remaining).toBe(1);
  });

  it("refuses a past date, a trim without demo cars and a dealer without test drives, with field paths", async () => {
    const yesterday = shanghaiDate(Date.now() - 86_400_000);
    const past = await call<Problem>(`/dealers/${DEALER}/test-drive-slots?trim=${trimA?.id}&date=${yesterday}`);
    expect(past.status).toBe(422);
    expect(past.headers.get("content-type")).toContain("application/problem+json");
    expect(past.body.errors).toEqual([{ path: "query.date", message: "该日期已过去 / This date is in the past" }]);
    const noCars = await call<Problem>(`/dealers/${DEALER}/test-drive-slots?trim=${trimC?.id}&date=${shanghaiDate()}`);
    expect(noCars.body.errors?.map((e) => e.path)).toEqual(["query.trim"]);
    const salesOnly = await call<Problem>(
      `/dealers/td-sales-only/test-drive-slots?trim=${trimA?.id}&date=${shanghaiDate()}`,
    );
    expect(salesOnly.body.errors?.map((e) => e.path)).toEqual(["path.id"]);
  });

  it("answers 404 for an unknown dealer and 400 for a malformed date", async () => {
    expect((await call(`/dealers/nobody/test-drive-slots?trim=${trimA?.id}&date=${shanghaiDate()}`)).status).toBe(404);
    const malformed = await call<Problem>(`/dealers/${DEALER}/test-drive-slots?trim=${trimA?.id}&date=30-11-2026`);
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors?.[0]?.path).toBe("query.date");
  });
});

describe("booking a test drive", () => {
  it("books a slot: 201, a manage token, the slot in UTC and the phone masked", async () => {
    const { status, body, headers } = await book({ slotStart: slotAt(3, "09:00"), phone: "+86 138-0013-8000" });
    expect(status).toBe(201);
    expect(headers.get("location")).toBe(`/api/test-drives/${body.id}`);
    expect(body.manageToken).toMatch(/^[\w-]{43}$/);
    expect(body.booking).toMatchObject({
      status: "booked",
      slot: { start: utc(slotAt(3, "09:00")), end: utc(slotAt(3, "09:45")) },
      name: "张三",
      phone: "138****8000",
    });
  });

  it("stores phone and name only encrypted, with a blind index, and records consent, a lead and a reminder", async () => {
    const { body } = await book({ slotStart: slotAt(3, "09:45"), phone: "13700137000", name: "李四" });
    const [row] = await rows("SELECT * FROM test_drive_bookings WHERE id = ?", body.id);
    const raw = JSON.stringify(row);
    for (const secret of ["13700137000", "李四", "\\u674e"]) expect(raw).not.toContain(secret);
    expect(row?.phone_cipher).toMatch(/^v1\./);
    expect(row?.name_cipher).toMatch(/^v1\./);
    expect(row?.consent_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    const leads = await rows("SELECT * FROM leads WHERE phone_index = ?", row?.phone_index);
    expect(leads).toHaveLength(1);
    expect(JSON.stringify(leads)).not.toContain("13700137000");
    expect(leads[0]).toMatchObject({ dealer_id: DEALER, model_id: model?.id, source: "test_drive" });
    const [reminder] = await rows("SELECT * FROM notification_outbox WHERE subject_id = ?", body.id);
    expect(reminder).toMatchObject({
      kind: "test_drive_reminder",
      channel: "sms",
      status: "pending",
      due_at: utc(slotAt(3, "07:45")),
    });
  });

  it("keeps one lead per phone and dealer however often that phone books", async () => {
    const phone = nextPhone();
    await book({ slotStart: slotAt(4, "09:00"), phone });
    await book({ slotStart: slotAt(4, "09:45"), phone: `+86 ${phone}`, trimId: trimB?.id });
    const [{ n } = { n: 0 }] = await rows(
      "SELECT count(*) AS n FROM leads WHERE dealer_id = ? AND phone_index = (SELECT phone_index FROM test_drive_bookings WHERE slot_start = ? AND dealer_id = ?)",
      DEALER,
      utc(slotAt(4, "09:45")),
      DEALER,
    );
    expect(n).toBe(1);
  });

  it("gives exactly as many bookings as demo cars when 50 shoppers submit the same slot at once", async () => {
    const slot = slotAt(5, "14:15");
    const leadsBefore = (await rows("SELECT count(*) AS n FROM leads"))[0]?.n as number;
    const responses = await Promise.all(Array.from({ length: 50 }, () => book({ slotStart: slot })));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(2);
    expect(statuses.filter((s) => s === 409)).toHaveLength(48);
    const refused = responses.find((r) => r.status === 409)?.body;
    expect(refused).toMatchObject({
      type: "https://marque.dev/problems/slot-full",
      title: "该时段已约满 / This slot is fully booked",
    });
    const held = await holding(slot);
    expect(held.map((row) => row.car_index).sort()).toEqual([0, 1]);
    expect((await rows("SELECT count(*) AS n FROM leads"))[0]?.n).toBe(leadsBefore + 2);
    const reminders = await rows(
      "SELECT * FROM notification_outbox WHERE subject_id IN (SELECT id FROM test_drive_bookings WHERE slot_start = ?)",
      utc(slot),
    );
    expect(reminders).toHaveLength(2);
  });

  it("creates one booking from a double submit with the same Idempotency-Key, and answers both with it", async () => {
    const key = crypto.randomUUID();
    const phone = nextPhone();
    const slot = slotAt(5, "15:00");
    const submits = await Promise.all([1, 2, 3].map(() => book({ slotStart: slot, phone }, key)));
    expect(submits.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    expect(new Set(submits.map((r) => r.body.id)).size).toBe(1);
    expect(new Set(submits.map((r) => r.body.manageToken)).size).toBe(1);
    expect(submits.filter((r) => r.headers.get("idempotent-replayed") === "true")).toHaveLength(2);
    expect(await holding(slot)).toHaveLength(1);
  });

  it("refuses a second booking of the same phone, dealer and slot under a new key, naming the first", async () => {
    const phone = nextPhone();
    const slot = slotAt(5, "15:45");
    const first = await book({ slotStart: slot, phone });
    const again = await book({ slotStart: slot, phone: `0086${phone}`, trimId: trimB?.id });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ type: "https://marque.dev/problems/already-booked", bookingId: first.body.id });
    expect((await holding(slot)).length + (await holding(slot, trimB?.id)).length).toBe(1);
  });

  it("refuses an Idempotency-Key reused for a different booking", async () => {
    const key = crypto.randomUUID();
    await book({ slotStart: slotAt(5, "16:30") }, key);
    const other = await book({ slotStart: slotAt(5, "16:30") }, key);
    expect(other.status).toBe(422);
    expect(other.body.type).toBe("https://marque.dev/problems/idempotency-key-reused");
  });

  it.each([
    ["no consent", { consent: false }, 400, ["json.consent"]],
    ["consent missing", { consent: undefined }, 400, ["json.consent"]],
    ["a landline", { phone: "0755-12345678" }, 400, ["json.phone"]],
    ["an empty name", { name: "  " }, 400, ["json.name"]],
    ["a time without offset", { slotStart: "2026-12-01T10:30:00" }, 400, ["json.slotStart"]],
    ["a slot in the past", { slotStart: slotAt(-1, "10:30") }, 422, ["json.slotStart"]],
    ["a slot before opening", { slotStart: slotAt(3, "08:15") }, 422, ["json.slotStart"]],
    ["a slot running past closing", { slotStart: slotAt(3, "20:30") }, 422, ["json.slotStart"]],
    ["a slot off the 45-minute grid", { slotStart: slotAt(3, "10:00") }, 422, ["json.slotStart"]],
    ["a slot beyond the horizon", { slotStart: slotAt(20, "10:30") }, 422, ["json.slotStart"]],
    ["a trim without demo cars", { trimId: trimC?.id }, 422, ["json.trimId"]],
    ["an unknown dealer", { dealerId: "nobody" }, 422, ["json.dealerId"]],
    ["a dealer without test drives", { dealerId: "td-sales-only" }, 422, ["json.dealerId"]],
  ])("refuses %s with a problem naming the field, and writes nothing", async (_, fields, status, paths) => {
    const before = await countAll();
    const { status: actual, body, headers } = await book(fields);
    expect(actual).toBe(status);
    expect(headers.get("content-type")).toContain("application/problem+json");
    expect(body.errors?.map((e) => e.path)).toEqual(paths);
    expect(await countAll()).toBe(before);
  });

  it("requires an Idempotency-Key", async () => {
    const { status, body } = await call<Problem>("/test-drives", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        dealerId: DEALER,
        trimId: trimA?.id,
        slotStart: slotAt(3, "10:30"),
        name: "张三",
        phone: nextPhone(),
        consent: true,
      }),
    });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.path).toBe("header.idempotency-key");
  });
});

describe("managing a booking", () => {
  it("shows the booking only with its own manage token", async () => {
    const mine = await book({ slotStart: slotAt(6, "09:00") });
    const theirs = await book({ slotStart: slotAt(6, "09:00") });
    expect((await call(`/test-drives/${mine.body.id}`)).status).toBe(403);
    expect((await call(`/test-drives/${mine.body.id}?token=${theirs.body.manageToken}`)).status).toBe(403);
    const viaQuery = await call<Booking>(`/test-drives/${mine.body.id}?token=${mine.body.manageToken}`);
    expect(viaQuery.status).toBe(200);
    expect(viaQuery.body).toEqual(mine.body.booking);
    const viaHeader = await call<Booking>(`/test-drives/${mine.body.id}`, {
      headers: { authorization: `Bearer ${mine.body.manageToken}` },
    });
    expect(viaHeader.body.id).toBe(mine.body.id);
  });

  it("reschedules: the old slot's car is free for someone else, the new slot is held, the reminder moves", async () => {
    const from = slotAt(6, "10:30");
    const to = slotAt(6, "12:00");
    const first = await book({ slotStart: from, trimId: trimB?.id });
    expect((await book({ slotStart: from, trimId: trimB?.id })).status).toBe(409);
    const moved = await call<Booking>(`/test-drives/${first.body.id}?token=${first.body.manageToken}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ slotStart: to }),
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ status: "rescheduled", slot: { start: utc(to), end: utc(slotAt(6, "12:45")) } });
    expect((await book({ slotStart: from, trimId: trimB?.id })).status).toBe(201);
    expect((await book({ slotStart: to, trimId: trimB?.id })).status).toBe(409);
    const [reminder] = await rows("SELECT due_at, status FROM notification_outbox WHERE subject_id = ?", first.body.id);
    expect(reminder).toEqual({ due_at: utc(slotAt(6, "10:00")), status: "pending" });
  });

  it("lets only one of five concurrent reschedules into the last free car win, and keeps the others where they were", async () => {
    const target = slotAt(9, "18:00");
    const origins = ["09:00", "09:45", "10:30", "11:15", "12:00"].map((time) => slotAt(9, time));
    const bookings = await Promise.all(origins.map((slotStart) => book({ slotStart, trimId: trimB?.id })));
    const moves = await Promise.all(
      bookings.map(({ body }) =>
        call<Problem>(`/test-drives/${body.id}?token=${body.manageToken}`, {
          method: "PATCH",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ slotStart: target }),
        }),
      ),
    );
    expect(moves.map((m) => m.status).sort()).toEqual([200, 409, 409, 409, 409]);
    expect(await holding(target, trimB?.id)).toHaveLength(1);
    const stayed = origins.filter((_, i) => moves[i]?.status === 409);
    for (const origin of stayed) expect(await holding(origin, trimB?.id)).toHaveLength(1);
  });

  it("refuses to reschedule into a full slot or outside opening hours, and leaves the booking as it was", async () => {
    const full = slotAt(7, "09:00");
    await book({ slotStart: full, trimId: trimB?.id });
    const mine = await book({ slotStart: slotAt(7, "09:45"), trimId: trimB?.id });
    const url = `/test-drives/${mine.body.id}?token=${mine.body.manageToken}`;
    const patch = (slotStart: string) =>
      call<Problem>(url, {
        method: "PATCH",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ slotStart }),
      });
    const intoFull = await patch(full);
    expect(intoFull.status).toBe(409);
    expect(intoFull.body.type).toBe("https://marque.dev/problems/slot-full");
    const early = await patch(slotAt(7, "07:30"));
    expect(early.status).toBe(422);
    expect(early.body.errors?.map((e) => e.path)).toEqual(["json.slotStart"]);
    expect((await call<Booking>(url)).body).toEqual(mine.body.booking);
  });

  it("cancels: the car is free again, the reminder is cancelled, and cancelling twice is harmless", async () => {
    const slot = slotAt(7, "12:45");
    const first = await book({ slotStart: slot, trimId: trimB?.id });
    const url = `/test-drives/${first.body.id}?token=${first.body.manageToken}`;
    const cancelled = await call<Booking>(url, { method: "DELETE" });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe("cancelled");
    expect((await call<Booking>(url, { method: "DELETE" })).body.status).toBe("cancelled");
    const [reminder] = await rows("SELECT status FROM notification_outbox WHERE subject_id = ?", first.body.id);
    expect(reminder?.status).toBe("cancelled");
    expect((await book({ slotStart: slot, trimId: trimB?.id })).status).toBe(201);
    const reschedule = await call<Problem>(url, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ slotStart: slotAt(7, "14:15") }),
    });
    expect(reschedule.status).toBe(409);
    expect(reschedule.body.type).toBe("https://marque.dev/problems/booking-final");
  });

  it("serves the booking as an .ics file with UTC times, CRLF lines and the Chinese summary", async () => {
    const { body } = await book({ slotStart: slotAt(8, "18:00") });
    expect(body.booking.calendarUrl).toBe(`/api/test-drives/${body.id}.ics?token=${body.manageToken}`);
    const ics = await call<string>(body.booking.calendarUrl.replace(/^\/api/, ""));
    expect(ics.status).toBe(200);
    expect(ics.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(ics.headers.get("content-disposition")).toBe(`attachment; filename="test-drive-${body.id}.ics"`);
    const lines = ics.text.replace(/\r\n /g, "").split("\r\n");
    const start = utc(slotAt(8, "18:00")).replace(/[-:]/g, "").replace(".000", "");
    expect(lines).toEqual(
      expect.arrayContaining([`UID:${body.id}@marque.dev`, `DTSTART:${start}`, "STATUS:CONFIRMED", "TRIGGER:-PT120M"]),
    );
    expect(lines.find((line) => line.startsWith("SUMMARY:"))).toBe(
      `SUMMARY:试驾 ${model?.name} ${trimA?.name} / Test drive ${model?.nameEn} ${trimA?.nameEn}`.replace(/,/g, "\\,"),
    );
    expect(lines.find((line) => line.startsWith("LOCATION:"))).toContain("科技园路8号\\, 2楼");
    expect((await call(`/test-drives/${body.id}.ics?token=wrong`)).status).toBe(403);
  });
});
