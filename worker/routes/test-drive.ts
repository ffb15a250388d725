import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { and, count, eq, inArray } from "drizzle-orm";
import type { Context } from "hono";
import { calendar } from "../../domain/test-drive/ics.ts";
import { maskPhone, toE164 } from "../../domain/test-drive/phone.ts";
import {
  type BookingProblem,
  bookableSlots,
  checkBooking,
  checkDate,
  type DealerForBooking,
  dealerProblems,
  problemMessage,
  reminderDueAt,
  type Slot,
  slotAvailability,
  TEST_DRIVE_POLICY,
} from "../../domain/test-drive/slots.ts";
import { changeProblem, changeProblemMessage, HOLDING_STATUSES } from "../../domain/test-drive/status.ts";
import { type Database, database } from "../db/client.ts";
import { dealers, models, testDriveBookings, testDriveCars, trims } from "../db/schema.ts";
import type { AppEnv } from "../env.ts";
import { json, problemResponse } from "../openapi.ts";
import { decrypt, encrypt, type PiiKeys, phoneIndex, piiKeys, signToken, verifyToken } from "../pii.ts";
import { type FieldError, problem } from "../problem.ts";
import {
  BookingParamsSchema,
  BookingSchema,
  CreateBookingSchema,
  CreatedBookingSchema,
  DealerParamsSchema,
  IdempotencyHeadersSchema,
  ManageQuerySchema,
  RescheduleSchema,
  SlotListSchema,
  SlotsQuerySchema,
} from "../schemas/test-drive.ts";
import { validationHook } from "../validation.ts";

/** Expected outcomes of booking, each with its own problem type (RFC 9457), Chinese first. */
const BOOKING_PROBLEMS = {
  "test-drive-unavailable": { status: 422, title: "无法预约该试驾 / This test drive cannot be booked" },
  "slot-full": { status: 409, title: "该时段已约满 / This slot is fully booked" },
  "already-booked": { status: 409, title: "您已预约该时段 / You already have a booking at this dealer and time" },
  "idempotency-key-reused": {
    status: 422,
    title: "该 Idempotency-Key 已用于另一个预约 / This Idempotency-Key was used for a different booking",
  },
  "booking-final": { status: 409, title: "该预约无法更改 / This booking can no longer be changed" },
  "booking-changed": { status: 409, title: "预约刚被修改，请刷新后重试 / The booking just changed; reload and retry" },
  forbidden: { status: 403, title: "无权管理该预约 / Not allowed to manage this booking" },
} as const;

function refuse(
  c: Context<AppEnv>,
  type: keyof typeof BOOKING_PROBLEMS,
  detail: string,
  extensions: { errors?: FieldError[]; bookingId?: string } = {},
): Response {
  const { status, title } = BOOKING_PROBLEMS[type];
  const requestId = c.get("requestId");
  const body = {
    type: `https://marque.dev/problems/${type}`,
    title,
    status,
    detail,
    instance: new URL(c.req.url).pathname,
    ...(requestId ? { requestId } : {}),
    ...extensions,
  };
  return c.body(JSON.stringify(body), status, { "content-type": "application/problem+json; charset=utf-8" });
}

const HOLDING_SQL = HOLDING_STATUSES.map((status) => `'${status}'`).join(", ");
const CHANGEABLE_SQL = "'booked', 'rescheduled'";

/**
 * Demo cars of dealer ?1 / trim ?2 not held by any booking of slot ?3, lowest first. Used inside
 * the one INSERT or UPDATE that claims the car, so reading and claiming cannot interleave.
 */
const CARS_CTE = `WITH RECURSIVE car(i) AS (
  SELECT 0 UNION ALL SELECT i + 1 FROM car
  WHERE i + 1 < (SELECT cars FROM test_drive_cars WHERE dealer_id = ?1 AND trim_id = ?2)
)`;
const FREE_CAR = `i < coalesce((SELECT cars FROM test_drive_cars WHERE dealer_id = ?1 AND trim_id = ?2), 0)
  AND i NOT IN (SELECT car_index FROM test_drive_bookings
    WHERE dealer_id = ?1 AND trim_id = ?2 AND slot_start = ?3 AND status IN (${HOLDING_SQL}))`;

const CLAIM_SQL = `${CARS_CTE}
INSERT INTO test_drive_bookings (dealer_id, trim_id, slot_start, slot_end, id, phone_cipher, phone_index,
  name_cipher, consent_at, idempotency_key, updated_at, status, car_index)
SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?9, 'booked', i FROM car
WHERE ${FREE_CAR}
ORDER BY i LIMIT 1
ON CONFLICT DO NOTHING`;

const LEAD_SQL = `INSERT INTO leads (id, dealer_id, model_id, phone_cipher, phone_index, name_cipher, source, consent_at)
SELECT ?1, ?2, (SELECT model_id FROM trims WHERE id = ?3), ?4, ?5, ?6, 'test_drive', ?7
WHERE EXISTS (SELECT 1 FROM test_drive_bookings WHERE id = ?8)
ON CONFLICT (dealer_id, phone_index) DO UPDATE SET model_id = excluded.model_id,
  phone_cipher = excluded.phone_cipher, name_cipher = excluded.name_cipher, consent_at = excluded.consent_at`;

const REMINDER_SQL = `INSERT INTO notification_outbox (id, kind, subject_id, channel, due_at, status)
SELECT ?1, 'test_drive_reminder', ?2, 'sms', ?3, 'pending'
WHERE EXISTS (SELECT 1 FROM test_drive_bookings WHERE id = ?2)
ON CONFLICT (kind, subject_id) DO NOTHING`;

const MOVE_SQL = `${CARS_CTE}
UPDATE OR IGNORE test_drive_bookings
SET slot_start = ?3, slot_end = ?4, status = 'rescheduled', revision = revision + 1, updated_at = ?5,
  car_index = (SELECT i FROM car WHERE ${FREE_CAR} ORDER BY i LIMIT 1)
WHERE id = ?6 AND slot_start = ?7 AND status IN (${CHANGEABLE_SQL})
  AND EXISTS (SELECT 1 FROM car WHERE ${FREE_CAR})`;

const MOVE_REMINDER_SQL = `UPDATE notification_outbox SET due_at = ?1, status = 'pending', attempts = 0, sent_at = NULL
WHERE kind = 'test_drive_reminder' AND subject_id = ?2
  AND EXISTS (SELECT 1 FROM test_drive_bookings WHERE id = ?2 AND slot_start = ?3 AND status = 'rescheduled')`;

const CANCEL_SQL = `UPDATE test_drive_bookings SET status = 'cancelled', revision = revision + 1, updated_at = ?2
WHERE id = ?1 AND status IN (${CHANGEABLE_SQL})`;

const CANCEL_REMINDER_SQL = `UPDATE notification_outbox SET status = 'cancelled'
WHERE kind = 'test_drive_reminder' AND subject_id = ?1 AND status = 'pending'
  AND EXISTS (SELECT 1 FROM test_drive_bookings WHERE id = ?1 AND status = 'cancelled')`;

const newId = (prefix: string) => `${prefix}_${crypto.randomUUID().replace(/-/g, "")}`;
const tokenSubject = (id: string) => `test-drive:${id}`;
const BODY_FIELDS = { dealerId: "json.dealerId", trimId: "json.trimId", slotStart: "json.slotStart" } as const;
type FieldProblem = { field: BookingProblem["field"]; reason: Parameters<typeof problemMessage>[0] };
const unavailable = (c: Context<AppEnv>, problems: FieldProblem[], paths: Record<FieldProblem["field"], string>) =>
  refuse(c, "test-drive-unavailable", "请检查标出的字段 / Check the fields listed in errors", {
    errors: problems.map((p) => ({ path: paths[p.field], message: problemMessage(p.reason) })),
  });

/** A dealer's hours and services with its demo cars of one trim; undefined if there is no such dealer. */
async function dealerForBooking(db: Database, dealerId: string, trimId: string): Promise<DealerForBooking | undefined> {
  const [row] = await db
    .select({ hours: dealers.hours, services: dealers.services, cars: testDriveCars.cars })
    .from(dealers)
    .leftJoin(testDriveCars, and(eq(testDriveCars.dealerId, dealers.id), eq(testDriveCars.trimId, trimId)))
    .where(eq(dealers.id, dealerId));
  return row ? { ...row, cars: row.cars ?? undefined } : undefined;
}

async function bookedBySlot(db: Database, dealerId: string, trimId: string, slots: readonly Slot[]) {
  if (slots.length === 0) return new Map<string, number>();
  const rows = await db
    .select({ slotStart: testDriveBookings.slotStart, booked: count() })
    .from(testDriveBookings)
    .where(
      and(
        eq(testDriveBookings.dealerId, dealerId),
        eq(testDriveBookings.trimId, trimId),
        inArray(
          testDriveBookings.slotStart,
          slots.map((slot) => slot.start),
        ),
        inArray(testDriveBookings.status, HOLDING_STATUSES),
      ),
    )
    .groupBy(testDriveBookings.slotStart);
  return new Map(rows.map((row) => [row.slotStart, row.booked]));
}

async function bookingRow(db: Database, id: string) {
  const [row] = await db
    .select({
      booking: testDriveBookings,
      dealer: {
        id: dealers.id,
        name: dealers.name,
        nameEn: dealers.nameEn,
        address: dealers.address,
        addressEn: dealers.addressEn,
        phone: dealers.phone,
      },
      trim: {
        id: trims.id,
        name: trims.name,
        nameEn: trims.nameEn,
        modelName: models.name,
        modelNameEn: models.nameEn,
      },
    })
    .from(testDriveBookings)
    .innerJoin(dealers, eq(dealers.id, testDriveBookings.dealerId))
    .innerJoin(trims, eq(trims.id, testDriveBookings.trimId))
    .innerJoin(models, eq(models.id, trims.modelId))
    .where(eq(testDriveBookings.id, id));
  return row;
}

type BookingRow = NonNullable<Awaited<ReturnType<typeof bookingRow>>>;

async function bookingView(keys: PiiKeys, row: BookingRow, token: string): Promise<z.infer<typeof BookingSchema>> {
  const { booking } = row;
  const [name, phone] = await Promise.all([decrypt(keys, booking.nameCipher), decrypt(keys, booking.phoneCipher)]);
  return {
    id: booking.id,
    status: booking.status,
    dealer: row.dealer,
    trim: row.trim,
    slot: { start: booking.slotStart, end: booking.slotEnd },
    name,
    phone: maskPhone(phone),
    consentAt: booking.consentAt,
    createdAt: booking.createdAt,
    updatedAt: booking.updatedAt,
    calendarUrl: `/api/test-drives/${booking.id}.ics?token=${token}`,
  };
}

/** The booking the request's manage token (`?token=` or `Authorization: Bearer`) opens, or the refusal. */
async function authorized(c: Context<AppEnv>, keys: PiiKeys, id: string) {
  const token = c.req.query("token") ?? c.req.header("authorization")?.replace(/^Bearer\s+/i, "") ?? "";
  if (!(await verifyToken(keys, tokenSubject(id), token))) {
    return refuse(c, "forbidden", "管理令牌无效 / The manage token is missing or wrong");
  }
  const row = await bookingRow(database(c.env.DB), id);
  if (!row) return problem(c, "not-found", "没有这个试驾预约 / No such test-drive booking");
  return { row, token };
}

/** The first answer to an Idempotency-Key again, or a refusal if the key came with another booking. */
async function replay(
  c: Context<AppEnv>,
  keys: PiiKeys,
  idempotencyKey: string,
  request: { dealerId: string; trimId: string; phoneIndex: string },
): Promise<Response | undefined> {
  const db = database(c.env.DB);
  const [first] = await db
    .select({
      id: testDriveBookings.id,
      dealerId: testDriveBookings.dealerId,
      trimId: testDriveBookings.trimId,
      phoneIndex: testDriveBookings.phoneIndex,
    })
    .from(testDriveBookings)
    .where(eq(testDriveBookings.idempotencyKey, idempotencyKey));
  if (!first) return undefined;
  if (
    first.dealerId !== request.dealerId ||
    first.trimId !== request.trimId ||
    first.phoneIndex !== request.phoneIndex
  ) {
    return refuse(
      c,
      "idempotency-key-reused",
      "请为新的预约使用新的 Idempotency-Key / Use a new key for a new booking",
    );
  }
  const row = await bookingRow(db, first.id);
  if (!row) return undefined;
  const token = await signToken(keys, tokenSubject(first.id));
  c.header("idempotent-replayed", "true");
  return c.json({ id: first.id, manageToken: token, booking: await bookingView(keys, row, token) }, 200);
}

async function holderOfSlot(db: Database, dealerId: string, slotStart: string, phone: string) {
  const [row] = await db
    .select({ id: testDriveBookings.id })
    .from(testDriveBookings)
    .where(
      and(
        eq(testDriveBookings.dealerId, dealerId),
        eq(testDriveBookings.slotStart, slotStart),
        eq(testDriveBookings.phoneIndex, phone),
        inArray(testDriveBookings.status, HOLDING_STATUSES),
      ),
    );
  return row;
}

function slotTaken(c: Context<AppEnv>, holder: { id: string } | undefined): Response {
  return holder
    ? refuse(c, "already-booked", "同一手机号在该门店该时段已有预约 / This phone already holds this slot here", {
        bookingId: holder.id,
      })
    : refuse(c, "slot-full", "请选择其他时段 / Please pick another slot");
}

/**
 * The booking as an .ics file. A plain route, because `{id}.ics` is not a path OpenAPIHono can route;
 * it is documented by hand below, and mounted before `/test-drives/{id}` so that it is matched first.
 */
const calendarFiles = new OpenAPIHono<AppEnv>();

calendarFiles.get("/test-drives/:file{[\\w-]{1,80}\\.ics}", async (c) => {
  const id = c.req.param("file").replace(/\.ics$/, "");
  const keys = await piiKeys(c.env.PII_KEY);
  const found = await authorized(c, keys, id);
  if (found instanceof Response) return found;
  const { booking, dealer, trim } = found.row;
  const ics = calendar({
    uid: `${booking.id}@marque.dev`,
    stamp: booking.updatedAt,
    start: booking.slotStart,
    end: booking.slotEnd,
    sequence: booking.revision,
    status: booking.status === "cancelled" ? "CANCELLED" : "CONFIRMED",
    summary: `试驾 ${trim.modelName} ${trim.name} / Test drive ${trim.modelNameEn} ${trim.nameEn}`,
    location: `${dealer.name}, ${dealer.address}`,
    description: `经销商电话 / Dealer phone: ${dealer.phone}\n请携带驾驶证原件 / Bring your driving licence\n预约号 / Booking: ${booking.id}`,
    alarmMinutesBefore: TEST_DRIVE_POLICY.reminderMinutesBefore,
  });
  return c.body(ics, 200, {
    "content-type": "text/calendar; charset=utf-8",
    "content-disposition": `attachment; filename="test-drive-${booking.id}.ics"`,
    "cache-control": "private, no-store",
  });
});

calendarFiles.openAPIRegistry.registerPath(
  createRoute({
    method: "get",
    path: "/test-drives/{id}.ics",
    tags: ["Test drives"],
    summary: "Download a test-drive booking as a calendar file (RFC 5545)",
    request: { params: BookingParamsSchema, query: ManageQuerySchema },
    responses: {
      200: { content: { "text/calendar": { schema: z.string() } }, description: "The booking with a reminder" },
      403: problemResponse("Missing or wrong manage token"),
      404: problemResponse("No such booking"),
    },
  }),
);

/**
 * Test-drive booking: free slots per dealer and trim, booking with explicit consent, and
 * token-guarded view, reschedule, cancel and calendar file. Personal data is encrypted at rest.
 */
export const testDrives = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: "get",
      path: "/dealers/{id}/test-drive-slots",
      tags: ["Test drives"],
      summary: "List a dealer's test-drive slots for a trim on a date, with remaining capacity",
      request: { params: DealerParamsSchema, query: SlotsQuerySchema },
      responses: {
        200: json(SlotListSchema, "Bookable slots; `remaining` 0 means full"),
        400: problemResponse("Malformed query"),
        404: problemResponse("No such dealer"),
        422: problemResponse("Past date, date beyond the horizon, or no demo car of the trim"),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { trim, date } = c.req.valid("query");
      const db = database(c.env.DB);
      const dealer = await dealerForBooking(db, id, trim);
      if (!dealer) return problem(c, "not-found", "没有这个经销商 / No such dealer") as never;
      const now = Date.now();
      const dateProblem = checkDate(date, now);
      const problems = [
        ...dealerProblems(dealer),
        ...(dateProblem ? [{ field: "slotStart" as const, reason: dateProblem }] : []),
      ];
      if (problems.length > 0) {
        return unavailable(c, problems, {
          dealerId: "path.id",
          trimId: "query.trim",
          slotStart: "query.date",
        }) as never;
      }
      const slots = bookableSlots(dealer.hours, date, now);
      const booked = await bookedBySlot(db, id, trim, slots);
      c.header("cache-control", "no-store");
      return c.json(
        {
          dealerId: id,
          trimId: trim,
          date,
          timeZone: "Asia/Shanghai" as const,
          slotMinutes: TEST_DRIVE_POLICY.slotMinutes,
          slots: slotAvailability(slots, dealer.cars ?? 0, booked),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/test-drives",
      tags: ["Test drives"],
      summary: "Book a test drive",
      description:
        "Needs the shopper's explicit consent. One demo car per booking; a full slot answers 409 and writes nothing. " +
        "Repeating the request with the same Idempotency-Key answers 200 with the first booking.",
      request: {
        headers: IdempotencyHeadersSchema,
        body: { content: { "application/json": { schema: CreateBookingSchema } }, required: true },
      },
      responses: {
        201: json(CreatedBookingSchema, "Booked"),
        200: json(CreatedBookingSchema, "Replay of an earlier request with the same Idempotency-Key"),
        400: problemResponse("Malformed request, or no consent"),
        409: problemResponse("Slot full, or this phone already holds this slot at this dealer"),
        422: problemResponse(
          "The slot cannot be booked (past, outside opening hours, no demo car…); `errors` says why",
        ),
      },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const idempotencyKey = c.req.valid("header")["idempotency-key"];
      const db = database(c.env.DB);
      const keys = await piiKeys(c.env.PII_KEY);
      const phone = await phoneIndex(keys, input.phone);
      const request = { dealerId: input.dealerId, trimId: input.trimId, phoneIndex: phone };
      const earlier = await replay(c, keys, idempotencyKey, request);
      if (earlier) return earlier as never;
      const dealer = await dealerForBooking(db, input.dealerId, input.trimId);
      if (!dealer) {
        return refuse(c, "test-drive-unavailable", "没有这个经销商 / No such dealer", {
          errors: [{ path: "json.dealerId", message: "没有这个经销商 / No such dealer" }],
        }) as never;
      }
      const now = Date.now();
      const check = checkBooking(dealer, input.slotStart, now);
      if (!check.ok) return unavailable(c, check.problems, BODY_FIELDS) as never;
      const id = newId("td");
      const at = new Date(now).toISOString();
      const [phoneCipher, nameCipher] = await Promise.all([
        encrypt(keys, toE164(input.phone) ?? input.phone),
        encrypt(keys, input.name),
      ]);
      const { slot } = check;
      const [claim] = await c.env.DB.batch([
        c.env.DB.prepare(CLAIM_SQL).bind(
          input.dealerId,
          input.trimId,
          slot.start,
          slot.end,
          id,
          phoneCipher,
          phone,
          nameCipher,
          at,
          idempotencyKey,
        ),
        c.env.DB.prepare(LEAD_SQL).bind(
          newId("lead"),
          input.dealerId,
          input.trimId,
          phoneCipher,
          phone,
          nameCipher,
          at,
          id,
        ),
        c.env.DB.prepare(REMINDER_SQL).bind(newId("ntf"), id, reminderDueAt(slot.start, now)),
      ]);
      if (claim?.meta.changes !== 1) {
        const concurrent = await replay(c, keys, idempotencyKey, request);
        if (concurrent) return concurrent as never;
        return slotTaken(c, await holderOfSlot(db, input.dealerId, slot.start, phone)) as never;
      }
      const row = await bookingRow(db, id);
      if (!row) throw new Error(`Booking ${id} vanished after insert`);
      const token = await signToken(keys, tokenSubject(id));
      c.header("location", `/api/test-drives/${id}`);
      return c.json({ id, manageToken: token, booking: await bookingView(keys, row, token) }, 201);
    },
  )
  .route("/", calendarFiles)
  .openapi(
    createRoute({
      method: "get",
      path: "/test-drives/{id}",
      tags: ["Test drives"],
      summary: "Get a test-drive booking",
      request: { params: BookingParamsSchema, query: ManageQuerySchema },
      responses: {
        200: json(BookingSchema, "The booking; the phone number is masked"),
        403: problemResponse("Missing or wrong manage token"),
        404: problemResponse("No such booking"),
      },
    }),
    async (c) => {
      const keys = await piiKeys(c.env.PII_KEY);
      const found = await authorized(c, keys, c.req.valid("param").id);
      if (found instanceof Response) return found as never;
      c.header("cache-control", "private, no-store");
      return c.json(await bookingView(keys, found.row, found.token), 200);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/test-drives/{id}",
      tags: ["Test drives"],
      summary: "Move a test-drive booking to another slot",
      request: {
        params: BookingParamsSchema,
        query: ManageQuerySchema,
        body: { content: { "application/json": { schema: RescheduleSchema } }, required: true },
      },
      responses: {
        200: json(BookingSchema, "Rescheduled; the old slot's car is free again"),
        400: problemResponse("Malformed request"),
        403: problemResponse("Missing or wrong manage token"),
        404: problemResponse("No such booking"),
        409: problemResponse("New slot full, booking final, or changed concurrently"),
        422: problemResponse("The new slot cannot be booked; `errors` says why"),
      },
    }),
    async (c) => {
      const keys = await piiKeys(c.env.PII_KEY);
      const found = await authorized(c, keys, c.req.valid("param").id);
      if (found instanceof Response) return found as never;
      const { booking } = found.row;
      const now = Date.now();
      const change = changeProblem(booking, "rescheduled", now);
      if (change) return refuse(c, "booking-final", changeProblemMessage(change)) as never;
      const db = database(c.env.DB);
      const dealer = await dealerForBooking(db, booking.dealerId, booking.trimId);
      if (!dealer) throw new Error(`Dealer ${booking.dealerId} of booking ${booking.id} is gone`);
      const check = checkBooking(dealer, c.req.valid("json").slotStart, now);
      if (!check.ok) return unavailable(c, check.problems, BODY_FIELDS) as never;
      const { slot } = check;
      if (slot.start !== booking.slotStart) {
        const [move] = await c.env.DB.batch([
          c.env.DB.prepare(MOVE_SQL).bind(
            booking.dealerId,
            booking.trimId,
            slot.start,
            slot.end,
            new Date(now).toISOString(),
            booking.id,
            booking.slotStart,
          ),
          c.env.DB.prepare(MOVE_REMINDER_SQL).bind(reminderDueAt(slot.start, now), booking.id, slot.start),
        ]);
        if (move?.meta.changes !== 1) {
          const current = await bookingRow(db, booking.id);
          if (current?.booking.slotStart !== booking.slotStart || current.booking.status !== booking.status) {
            return refuse(c, "booking-changed", "请刷新后重试 / Reload the booking and retry") as never;
          }
          return slotTaken(c, await holderOfSlot(db, booking.dealerId, slot.start, booking.phoneIndex)) as never;
        }
      }
      const row = await bookingRow(db, booking.id);
      if (!row) throw new Error(`Booking ${booking.id} vanished after reschedule`);
      return c.json(await bookingView(keys, row, found.token), 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/test-drives/{id}",
      tags: ["Test drives"],
      summary: "Cancel a test-drive booking",
      description:
        "Frees the demo car and cancels the pending reminder. Cancelling twice answers the cancelled booking.",
      request: { params: BookingParamsSchema, query: ManageQuerySchema },
      responses: {
        200: json(BookingSchema, "Cancelled"),
        403: problemResponse("Missing or wrong manage token"),
        404: problemResponse("No such booking"),
        409: problemResponse("The booking is checked in, a no-show, or its slot has started"),
      },
    }),
    async (c) => {
      const keys = await piiKeys(c.env.PII_KEY);
      const found = await authorized(c, keys, c.req.valid("param").id);
      if (found instanceof Response) return found as never;
      const { booking } = found.row;
      if (booking.status !== "cancelled") {
        const change = changeProblem(booking, "cancelled", Date.now());
        if (change) return refuse(c, "booking-final", changeProblemMessage(change)) as never;
        await c.env.DB.batch([
          c.env.DB.prepare(CANCEL_SQL).bind(booking.id, new Date().toISOString()),
          c.env.DB.prepare(CANCEL_REMINDER_SQL).bind(booking.id),
        ]);
      }
      const row = await bookingRow(database(c.env.DB), booking.id);
      if (row?.booking.status !== "cancelled") {
        return refuse(c, "booking-changed", "请刷新后重试 / Reload the booking and retry") as never;
      }
      return c.json(await bookingView(keys, row, found.token), 200);
    },
  );
