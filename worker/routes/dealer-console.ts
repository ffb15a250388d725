import { createRoute, OpenAPIHono, type z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { hasAnyRole } from "../../domain/auth/roles.ts";
import { maskPhone } from "../../domain/test-drive/phone.ts";
import { openingSlots } from "../../domain/test-drive/slots.ts";
import { dealerMoveProblem, HOLDING_STATUSES } from "../../domain/test-drive/status.ts";
import { shanghaiDate } from "../../domain/time.ts";
import { type AuthEnv, requireRole } from "../auth.ts";
import { database } from "../db/client.ts";
import {
  accountDealer,
  bookingsBetween,
  type ConsoleBookingRow,
  consoleDealer,
  dealerBooking,
  funnelCounts,
  leadPage,
  markBooking,
} from "../db/dealer-console.ts";
import { json, problemResponse } from "../openapi.ts";
import { decrypt, type PiiKeys, piiKeys } from "../pii.ts";
import { problem } from "../problem.ts";
import {
  BookingActionParamsSchema,
  ConsoleBookingSchema,
  ConsoleQuerySchema,
  DayQuerySchema,
  DayScheduleSchema,
  FUNNEL_STEPS,
  FunnelQuerySchema,
  FunnelSchema,
  LeadPageSchema,
  LeadsQuerySchema,
} from "../schemas/dealer-console.ts";
import { validationHook } from "../validation.ts";

const guarded = {
  401: problemResponse("Not signed in"),
  403: problemResponse("Not a dealer, ops or admin account, or another dealer's data"),
};

const DAY_MS = 86_400_000;
const MAX_FUNNEL_DAYS = 366;
const STAFF = ["ops", "admin"] as const;
const dayStart = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();
const nextDayStart = (date: string) => new Date(Date.parse(`${date}T00:00:00+08:00`) + DAY_MS).toISOString();

type Move = "checked_in" | "no_show";

/**
 * The dealership the request may look at: a dealer account's own (asking for another is refused);
 * ops and admin any `?dealer=`, else their own if attached, else undefined (every dealer).
 */
async function dealerScope(c: Context<AuthEnv>, requested: string | undefined): Promise<string | undefined | Response> {
  const { user } = c.var.signedIn;
  const staff = hasAnyRole(user.roles, STAFF);
  const own = await accountDealer(database(c.env.DB), user.id);
  if (requested && (staff || requested === own)) return requested;
  if (requested) return problem(c, "forbidden", "只能查看本经销商的数据 / You can only see your own dealership");
  if (own || staff) return own ?? undefined;
  return problem(c, "forbidden", "该账户未关联经销商 / This account is not attached to a dealership");
}

/** The one dealer a list is about, or the refusal (no dealer named by staff, unknown dealer). */
async function listDealer(c: Context<AuthEnv>, requested: string | undefined) {
  const scope = await dealerScope(c, requested);
  if (scope instanceof Response) return scope;
  if (scope === undefined) {
    const message = "请用 ?dealer= 指定经销商 / Name the dealer with ?dealer=";
    return problem(c, "validation", message, { errors: [{ path: "query.dealer", message }] });
  }
  const dealer = await consoleDealer(database(c.env.DB), scope);
  return dealer ?? problem(c, "not-found", "没有这个经销商 / No such dealer");
}

async function bookingView(
  keys: PiiKeys,
  { booking, trim }: ConsoleBookingRow,
  now: number,
): Promise<z.infer<typeof ConsoleBookingSchema>> {
  const [name, phone] = await Promise.all([decrypt(keys, booking.nameCipher), decrypt(keys, booking.phoneCipher)]);
  return {
    id: booking.id,
    status: booking.status,
    slot: { start: booking.slotStart, end: booking.slotEnd },
    trim,
    name,
    phone: maskPhone(phone),
    createdAt: booking.createdAt,
    updatedAt: booking.updatedAt,
    can: {
      checkIn: !dealerMoveProblem(booking, "checked_in", now),
      noShow: !dealerMoveProblem(booking, "no_show", now),
    },
  };
}

function bookingAction<P extends "check-in" | "no-show">(path: P, to: Move) {
  return new OpenAPIHono<AuthEnv>({ defaultHook: (result, c) => validationHook(result, c as never) }).openapi(
    createRoute({
      method: "post",
      path: `/console/dealer/bookings/{id}/${path}`,
      tags: ["Dealer console"],
      summary: to === "checked_in" ? "Check a test drive in" : "Mark a test drive as a no-show",
      description:
        "Only a booked or rescheduled test drive moves (a no-show only once its slot has begun); the change is written to the audit log.",
      middleware: [requireRole("dealer", ...STAFF)] as const,
      request: { params: BookingActionParamsSchema, query: ConsoleQuerySchema },
      responses: {
        200: json(ConsoleBookingSchema, "The booking in its new status"),
        ...guarded,
        404: problemResponse("No such booking at this dealership"),
        409: problemResponse("Its status does not allow the change, or the slot has not started (no-show)"),
      },
    }),
    async (c) => {
      const scope = await dealerScope(c, c.req.valid("query").dealer);
      if (scope instanceof Response) return scope as never;
      const db = database(c.env.DB);
      const { id } = c.req.valid("param");
      const row = await dealerBooking(db, id, scope);
      if (!row)
        return problem(c, "not-found", "本经销商没有这个试驾预约 / No such test drive at this dealership") as never;
      const refused = dealerMoveProblem(row.booking, to, Date.now());
      if (refused) return problem(c, refused, `当前状态 / Current status: ${row.booking.status}`) as never;
      const moved = await markBooking(c.env.DB, {
        id,
        from: row.booking.status,
        to,
        actorId: c.var.signedIn.user.id,
        requestId: c.get("requestId") ?? crypto.randomUUID(),
      });
      const after = await dealerBooking(db, id, scope);
      if (!moved || !after)
        return problem(c, "booking-not-changeable", "预约刚被修改，请刷新 / The booking just changed; reload") as never;
      return c.json(await bookingView(await piiKeys(c.env.PII_KEY), after, Date.now()), 200);
    },
  );
}

/**
 * The dealer console API: a dealership's day of test drives (check-in, no-show), its leads and
 * its lead → test drive → order funnel. Dealer accounts see their own dealership; ops and admin
 * any, with `?dealer=`. Names are decrypted here for the dealer; phone numbers stay masked.
 */
export const dealerConsole = new OpenAPIHono<AuthEnv>({
  defaultHook: (result, c) => validationHook(result, c as never),
})
  .openapi(
    createRoute({
      method: "get",
      path: "/console/dealer/bookings",
      tags: ["Dealer console"],
      summary: "A day's test-drive slots at the dealership, with capacity and bookings",
      middleware: [requireRole("dealer", ...STAFF)] as const,
      request: { query: DayQuerySchema },
      responses: {
        200: json(DayScheduleSchema, "Opening-hour slots (plus any slot a booking holds outside them), earliest first"),
        400: problemResponse("Malformed query, or staff named no dealer"),
        ...guarded,
        404: problemResponse("No such dealer"),
      },
    }),
    async (c) => {
      const query = c.req.valid("query");
      const dealer = await listDealer(c, query.dealer);
      if (dealer instanceof Response) return dealer as never;
      const now = Date.now();
      const date = query.date ?? shanghaiDate(now);
      const rows = await bookingsBetween(database(c.env.DB), dealer.id, dayStart(date), nextDayStart(date));
      const keys = await piiKeys(c.env.PII_KEY);
      const bookings = await Promise.all(rows.map((row) => bookingView(keys, row, now)));
      const slots = new Map(openingSlots(dealer.hours, date).map((slot) => [slot.start, slot.end]));
      for (const booking of bookings)
        if (!slots.has(booking.slot.start)) slots.set(booking.slot.start, booking.slot.end);
      const holding: readonly string[] = HOLDING_STATUSES;
      return c.json(
        {
          dealer: { id: dealer.id, name: dealer.name, nameEn: dealer.nameEn },
          date,
          timeZone: "Asia/Shanghai" as const,
          slots: [...slots]
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([start, end]) => {
              const inSlot = bookings.filter((booking) => booking.slot.start === start);
              const held = inSlot.filter((booking) => holding.includes(booking.status)).length;
              return { start, end, capacity: dealer.cars, held, bookings: inSlot };
            }),
        },
        200,
      );
    },
  )
  .route("/", bookingAction("check-in", "checked_in"))
  .route("/", bookingAction("no-show", "no_show"))
  .openapi(
    createRoute({
      method: "get",
      path: "/console/dealer/leads",
      tags: ["Dealer console"],
      summary: "The dealership's leads, newest first",
      middleware: [requireRole("dealer", ...STAFF)] as const,
      request: { query: LeadsQuerySchema },
      responses: {
        200: json(LeadPageSchema, "One page of leads; names decrypted, phone numbers masked"),
        400: problemResponse("Malformed query, or staff named no dealer"),
        ...guarded,
        404: problemResponse("No such dealer"),
      },
    }),
    async (c) => {
      const query = c.req.valid("query");
      const dealer = await listDealer(c, query.dealer);
      if (dealer instanceof Response) return dealer as never;
      const { rows, total } = await leadPage(database(c.env.DB), dealer.id, query);
      const keys = await piiKeys(c.env.PII_KEY);
      const leads = await Promise.all(
        rows.map(async ({ lead, model }) => ({
          id: lead.id,
          name: lead.nameCipher ? await decrypt(keys, lead.nameCipher) : null,
          phone: maskPhone(await decrypt(keys, lead.phoneCipher)),
          model,
          source: lead.source,
          consentAt: lead.consentAt,
          createdAt: lead.createdAt,
        })),
      );
      const ref = { id: dealer.id, name: dealer.name, nameEn: dealer.nameEn };
      return c.json({ dealer: ref, page: query.page, limit: query.limit, total, leads }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/console/dealer/funnel",
      tags: ["Dealer console"],
      summary: "Leads → test drives booked → checked in → orders, over Asia/Shanghai dates",
      description:
        "Leads, bookings and orders are counted by when they were created; `checked_in` counts the booked test drives that were checked in.",
      middleware: [requireRole("dealer", ...STAFF)] as const,
      request: { query: FunnelQuerySchema },
      responses: {
        200: json(FunnelSchema, "One count per step"),
        400: problemResponse("Malformed dates, `from` after `to`, more than 366 days, or staff named no dealer"),
        ...guarded,
        404: problemResponse("No such dealer"),
      },
    }),
    async (c) => {
      const query = c.req.valid("query");
      const to = query.to ?? shanghaiDate();
      const from = query.from ?? shanghaiDate(Date.parse(dayStart(to)) - 29 * DAY_MS + DAY_MS / 2);
      if (Date.parse(to) - Date.parse(from) >= MAX_FUNNEL_DAYS * DAY_MS) {
        const message = `最多 ${MAX_FUNNEL_DAYS} 天 / At most ${MAX_FUNNEL_DAYS} days`;
        return problem(c, "validation", message, { errors: [{ path: "query.from", message }] }) as never;
      }
      if (query.from && !query.to && from > to) {
        const message = "开始日期不能晚于结束日期 / `from` must not be after `to`";
        return problem(c, "validation", message, { errors: [{ path: "query.from", message }] }) as never;
      }
      const dealer = await listDealer(c, query.dealer);
      if (dealer instanceof Response) return dealer as never;
      const counts = await funnelCounts(database(c.env.DB), dealer.id, dayStart(from), nextDayStart(to));
      return c.json(
        {
          dealer: { id: dealer.id, name: dealer.name, nameEn: dealer.nameEn },
          from,
          to,
          steps: FUNNEL_STEPS.map((step) => ({ step, count: counts[step] })),
        },
        200,
      );
    },
  );
