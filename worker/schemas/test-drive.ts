import { z } from "@hono/zod-openapi";
import { toE164 } from "../../domain/test-drive/phone.ts";
import { BOOKING_STATUSES } from "../../domain/test-drive/status.ts";

const id = z.string().regex(/^[\w:.-]{1,80}$/, "无效的编号 / Not a valid id");
/** Booking ids never contain a dot, so `/test-drives/{id}.ics` cannot be mistaken for an id. */
const bookingId = z.string().regex(/^[\w-]{1,80}$/, "无效的编号 / Not a valid id");
const instant = z.iso
  .datetime({ offset: true, message: "须为带时区的 ISO-8601 时间 / An ISO-8601 time with offset" })
  .openapi({ example: "2026-11-30T10:30:00+08:00" });

export const DealerParamsSchema = z.object({
  id: id.openapi({ param: { name: "id", in: "path" }, example: "xingchi-440300-1" }),
});

export const SlotsQuerySchema = z.object({
  trim: id.openapi({ param: { name: "trim", in: "query" }, description: "Trim id" }),
  date: z.iso
    .date("日期格式须为 YYYY-MM-DD / A date as YYYY-MM-DD")
    .openapi({ param: { name: "date", in: "query" }, description: "Date in Asia/Shanghai", example: "2026-11-30" }),
});

const SlotSchema = z.object({
  start: z
    .string()
    .openapi({ description: "UTC instant; send it back as `slotStart`", example: "2026-11-30T02:30:00.000Z" }),
  end: z.string(),
});

export const SlotListSchema = z
  .object({
    dealerId: z.string(),
    trimId: z.string(),
    date: z.string(),
    timeZone: z.literal("Asia/Shanghai"),
    slotMinutes: z.number().int(),
    slots: z.array(
      SlotSchema.extend({
        capacity: z.number().int().openapi({ description: "Demo cars of the trim at the dealer" }),
        remaining: z.number().int(),
      }),
    ),
  })
  .openapi("TestDriveSlots");

export const IdempotencyHeadersSchema = z.object({
  "idempotency-key": z
    .string()
    .regex(/^[\w.:-]{8,128}$/, "8–128 个字母、数字或 _.:- / 8 to 128 letters, digits or _.:-")
    .openapi({
      param: { name: "idempotency-key", in: "header" },
      description: "One per booking attempt: a repeated request with the same key returns the first booking",
      example: "0b9f5c2e-7d1a-4c8e-9a53-3f1e2b6d4c70",
    }),
});

export const CreateBookingSchema = z
  .object({
    dealerId: id,
    trimId: id,
    slotStart: instant,
    name: z.string().trim().min(1, "请填写姓名 / Enter your name").max(40).openapi({ example: "张三" }),
    phone: z
      .string()
      .max(32)
      .refine((phone) => toE164(phone) !== undefined, "须为中国大陆手机号 / A mainland China mobile number")
      .openapi({ example: "138 0013 8000" }),
    consent: z.literal(true, "须同意经销商联系您安排试驾 / Consent to be contacted by the dealer is required").openapi({
      description: "The shopper agreed to be contacted by the dealer about this test drive",
    }),
  })
  .openapi("CreateTestDrive");

export const RescheduleSchema = z.object({ slotStart: instant }).openapi("RescheduleTestDrive");

export const BookingParamsSchema = z.object({
  id: bookingId.openapi({ param: { name: "id", in: "path" }, example: "td_5f0c3a0e9b8d4c2a8e1f7b6a5d4c3b2a" }),
});

export const ManageQuerySchema = z.object({
  token: z
    .string()
    .optional()
    .openapi({
      param: { name: "token", in: "query" },
      description: "The manage token from the booking response (or send `Authorization: Bearer <token>`)",
    }),
});

export const BookingSchema = z
  .object({
    id: z.string(),
    status: z.enum(BOOKING_STATUSES),
    dealer: z.object({
      id: z.string(),
      name: z.string(),
      nameEn: z.string(),
      address: z.string(),
      addressEn: z.string(),
      phone: z.string(),
    }),
    trim: z.object({
      id: z.string(),
      name: z.string(),
      nameEn: z.string(),
      modelName: z.string(),
      modelNameEn: z.string(),
    }),
    slot: SlotSchema,
    name: z.string(),
    phone: z.string().openapi({ description: "Masked", example: "138****8000" }),
    consentAt: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    calendarUrl: z.string().openapi({ description: "The booking as an .ics file" }),
  })
  .openapi("TestDrive");

export const CreatedBookingSchema = z
  .object({
    id: z.string(),
    manageToken: z.string().openapi({ description: "Keep it: it is needed to view, reschedule or cancel" }),
    booking: BookingSchema,
  })
  .openapi("CreatedTestDrive");
