import { z } from "@hono/zod-openapi";
import { BOOKING_STATUSES } from "../../domain/test-drive/status.ts";

const id = z.string().regex(/^[\w:.-]{1,80}$/, "无效的编号 / Not a valid id");
const date = (name: string, description: string) =>
  z.iso
    .date("日期格式须为 YYYY-MM-DD / A date as YYYY-MM-DD")
    .optional()
    .openapi({ param: { name, in: "query" }, description, example: "2026-11-30" });
const dealer = id.optional().openapi({
  param: { name: "dealer", in: "query" },
  description: "Ops and admin only: the dealer to look at. A dealer account always sees its own dealership.",
  example: "xingchi-440300-1",
});
const count = z.number().int().nonnegative();

export const ConsoleQuerySchema = z.object({ dealer });

export const DayQuerySchema = z.object({ dealer, date: date("date", "Asia/Shanghai date; today by default") });

export const BookingActionParamsSchema = z.object({
  id: z
    .string()
    .regex(/^[\w-]{1,80}$/, "无效的编号 / Not a valid id")
    .openapi({ param: { name: "id", in: "path" }, example: "td_5f0c3a0e9b8d4c2a8e1f7b6a5d4c3b2a" }),
});

export const LeadsQuerySchema = z.object({
  dealer,
  page: z.coerce
    .number()
    .int()
    .min(1, "页码从 1 开始 / Pages start at 1")
    .max(10_000)
    .default(1)
    .openapi({ param: { name: "page", in: "query" }, example: 1 }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100, "每页最多 100 条 / At most 100 a page")
    .default(20)
    .openapi({ param: { name: "limit", in: "query" }, example: 20 }),
});

export const FunnelQuerySchema = z
  .object({
    dealer,
    from: date("from", "First Asia/Shanghai date, inclusive; 29 days before `to` by default"),
    to: date("to", "Last Asia/Shanghai date, inclusive; today by default"),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: "开始日期不能晚于结束日期 / `from` must not be after `to`",
    path: ["from"],
  });

const DealerRefSchema = z.object({ id: z.string(), name: z.string(), nameEn: z.string() });

export const ConsoleBookingSchema = z
  .object({
    id: z.string(),
    status: z.enum(BOOKING_STATUSES),
    slot: z.object({ start: z.string(), end: z.string() }),
    trim: z.object({
      id: z.string(),
      name: z.string(),
      nameEn: z.string(),
      modelName: z.string(),
      modelNameEn: z.string(),
    }),
    name: z.string().openapi({ description: "Decrypted for the dealer", example: "张三" }),
    phone: z.string().openapi({ description: "Masked", example: "138****8000" }),
    createdAt: z.string(),
    updatedAt: z.string(),
    can: z
      .object({ checkIn: z.boolean(), noShow: z.boolean() })
      .openapi({ description: "Which dealer actions are legal now" }),
  })
  .openapi("DealerConsoleBooking");

export const DayScheduleSchema = z
  .object({
    dealer: DealerRefSchema,
    date: z.string(),
    timeZone: z.literal("Asia/Shanghai"),
    slots: z.array(
      z.object({
        start: z.string(),
        end: z.string(),
        capacity: count.openapi({ description: "Demo cars of all trims at the dealer" }),
        held: count.openapi({ description: "Bookings holding a car in this slot" }),
        bookings: z.array(ConsoleBookingSchema),
      }),
    ),
  })
  .openapi("DealerDaySchedule");

export const LeadSchema = z
  .object({
    id: z.string(),
    name: z.string().nullable().openapi({ description: "Decrypted for the dealer" }),
    phone: z.string().openapi({ description: "Masked", example: "138****8000" }),
    model: z.object({ id: z.string(), name: z.string(), nameEn: z.string() }).nullable(),
    source: z.string().openapi({ example: "test_drive" }),
    consentAt: z.string(),
    createdAt: z.string(),
  })
  .openapi("DealerLead");

export const LeadPageSchema = z
  .object({ dealer: DealerRefSchema, page: count, limit: count, total: count, leads: z.array(LeadSchema) })
  .openapi("DealerLeadPage");

export const FUNNEL_STEPS = ["leads", "booked", "checked_in", "orders"] as const;

export const FunnelSchema = z
  .object({
    dealer: DealerRefSchema,
    from: z.string(),
    to: z.string(),
    steps: z.array(z.object({ step: z.enum(FUNNEL_STEPS), count })),
  })
  .openapi("DealerFunnel");
