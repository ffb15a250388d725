import type { z } from "@hono/zod-openapi";
import type {
  ConsoleBookingSchema,
  DayScheduleSchema,
  FunnelSchema,
  LeadPageSchema,
} from "../../../worker/schemas/dealer-console.ts";

export type DaySchedule = z.infer<typeof DayScheduleSchema>;
export type ConsoleBooking = z.infer<typeof ConsoleBookingSchema>;
export type LeadPage = z.infer<typeof LeadPageSchema>;
export type Funnel = z.infer<typeof FunnelSchema>;

/** What each booking status is called on the console, Chinese and English. */
export const STATUS_NAMES: Record<ConsoleBooking["status"], [string, string]> = {
  booked: ["已预约", "Booked"],
  rescheduled: ["已改期", "Rescheduled"],
  cancelled: ["已取消", "Cancelled"],
  checked_in: ["已到店", "Checked in"],
  no_show: ["未到店", "No-show"],
};
