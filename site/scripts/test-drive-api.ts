/**
 * The test-drive API as the booking page calls it from the browser. The manage token goes in an
 * Authorization header, never in a URL the server would log.
 */
import type { z } from "@hono/zod-openapi";
import type { Problem } from "../../worker/problem.ts";
import type { BookingSchema, CreatedBookingSchema, SlotListSchema } from "../../worker/schemas/test-drive.ts";

export type Booking = z.infer<typeof BookingSchema>;
type Created = z.infer<typeof CreatedBookingSchema>;
export type SlotList = z.infer<typeof SlotListSchema>;
export type { Problem };
export type Answer<T> = { ok: true; body: T } | { ok: false; problem: Problem };
export type Access = { id: string; token: string };

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function call<T>(url: string, init: RequestInit = {}, signal?: AbortSignal): Promise<Answer<T>> {
  const response = await fetch(url, { ...init, signal, headers: { accept: "application/json", ...init.headers } });
  const body = await response.json();
  return response.ok ? { ok: true, body: body as T } : { ok: false, problem: body as Problem };
}

/**
 * Slots of a dealer for a trim on a date, with how many demo cars each has left.
 * @example const answer = await slotsOf("xingchi-440300-1", "trim-id", "2026-12-02");
 */
export function slotsOf(dealerId: string, trimId: string, date: string, signal?: AbortSignal) {
  const query = new URLSearchParams({ trim: trimId, date });
  return call<SlotList>(`/api/dealers/${encodeURIComponent(dealerId)}/test-drive-slots?${query}`, {}, signal);
}

/**
 * Books a test drive; the same `key` again returns the first booking instead of a second one.
 * @example await book({ dealerId, trimId, slotStart, name, phone, consent: true }, crypto.randomUUID());
 */
export function book(request: Record<string, unknown>, key: string) {
  return call<Created>("/api/test-drives", {
    method: "POST",
    headers: { "content-type": "application/json", "idempotency-key": key },
    body: JSON.stringify(request),
  });
}

/**
 * The booking the token opens.
 * @example await booking({ id: "td_…", token: "…" })
 */
export function booking(access: Access) {
  return call<Booking>(`/api/test-drives/${encodeURIComponent(access.id)}`, { headers: bearer(access.token) });
}

/**
 * Moves the booking to another slot.
 * @example await reschedule(access, "2026-12-02T03:15:00.000Z")
 */
export function reschedule(access: Access, slotStart: string) {
  return call<Booking>(`/api/test-drives/${encodeURIComponent(access.id)}`, {
    method: "PATCH",
    headers: { "content-type": "application/json", ...bearer(access.token) },
    body: JSON.stringify({ slotStart }),
  });
}

/**
 * Cancels the booking.
 * @example await cancel(access)
 */
export function cancel(access: Access) {
  return call<Booking>(`/api/test-drives/${encodeURIComponent(access.id)}`, {
    method: "DELETE",
    headers: bearer(access.token),
  });
}

/**
 * The booking as an .ics file, fetched with the token in a header, as a blob: URL to download.
 * @example link.href = await calendarUrl(access)
 */
export async function calendarUrl(access: Access): Promise<string | null> {
  const response = await fetch(`/api/test-drives/${encodeURIComponent(access.id)}.ics`, {
    headers: bearer(access.token),
  });
  return response.ok ? URL.createObjectURL(await response.blob()) : null;
}
