/**
 * Local simulators of the insurer and the registration office, used wherever no real partner is
 * configured (this store cannot reach one). They behave like remote parties: every call takes a
 * little time, a call with a key seen before returns the first answer (their state lives in D1
 * `partner_simulator_records`, not in our saga), and they fail when told to. Tests and the
 * demo script failures per order with directive rows (`partner = 'script:<name>'`, `key = <orderId>`,
 * `status = reject | unavailable | hang`, `body.times` = how many calls it affects).
 */

import type {
  PartnerError,
  PartnerResult,
  PolicyPartner,
  PolicyRequest,
  RegistrationPartner,
  RegistrationRequest,
} from "../domain/orders/partners.ts";
import { addDays } from "../domain/time.ts";

type Directive = "reject" | "unavailable" | "hang";

const MESSAGES: Record<Directive, PartnerError> = {
  reject: { kind: "rejected", message: "合作方拒绝了请求 / The partner declined the request" },
  unavailable: { kind: "unavailable", message: "合作方系统繁忙 / The partner's system is busy" },
  hang: { kind: "timeout", message: "合作方未及时响应 / The partner did not answer in time" },
};

class SimulatedPartner {
  readonly name: string;
  private readonly db: D1Database;
  private readonly latencyMs: number;

  constructor(name: string, db: D1Database, latencyMs: number) {
    this.name = name;
    this.db = db;
    this.latencyMs = latencyMs;
  }

  /** The scripted failure for this order, if any is left (each use counts down). */
  private async directive(orderId: string): Promise<Directive | null> {
    const row = await this.db
      .prepare(
        `UPDATE partner_simulator_records SET body = json_set(body, '$.times', json_extract(body, '$.times') - 1), updated_at = ?3
         WHERE partner = ?1 AND key = ?2 AND json_extract(body, '$.times') > 0 RETURNING status`,
      )
      .bind(`script:${this.name}`, orderId, new Date().toISOString())
      .first<{ status: Directive }>();
    return row?.status ?? null;
  }

  /** One remote call: latency, a scripted failure, else the record for `key` (created once). */
  async call<T extends Record<string, unknown>>(
    orderId: string,
    key: string,
    create: () => { reference: string; status: string; body: T },
    signal?: AbortSignal,
  ): Promise<PartnerResult<T & { reference: string }>> {
    await delay(this.latencyMs, signal);
    const scripted = await this.directive(orderId);
    if (scripted === "hang") await delay(3_600_000, signal);
    if (scripted) return { ok: false, error: MESSAGES[scripted] };
    const fresh = create();
    const now = new Date().toISOString();
    await this.db
      .prepare(
        "INSERT INTO partner_simulator_records (partner, key, reference, status, body, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING",
      )
      .bind(this.name, key, fresh.reference, fresh.status, JSON.stringify(fresh.body), now)
      .run();
    const row = await this.db
      .prepare("SELECT reference, body FROM partner_simulator_records WHERE partner = ?1 AND key = ?2")
      .bind(this.name, key)
      .first<{ reference: string; body: string }>();
    if (!row) return { ok: false, error: MESSAGES.unavailable };
    return { ok: true, ...(JSON.parse(row.body) as T), reference: row.reference };
  }

  /** Marks the record of `key` with `status` (a cancellation), if it exists. */
  async mark(key: string, status: string): Promise<boolean> {
    const result = await this.db
      .prepare("UPDATE partner_simulator_records SET status = ?3, updated_at = ?4 WHERE partner = ?1 AND key = ?2")
      .bind(this.name, key, status, new Date().toISOString())
      .run();
    return result.meta.changes > 0;
  }
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

const reference = (prefix: string) => `${prefix}${crypto.randomUUID().replaceAll("-", "").slice(0, 16).toUpperCase()}`;

/** The simulated insurer: issues a policy per key; cancelling marks it cancelled. */
export function simulatedInsurer(db: D1Database, latencyMs = 30): PolicyPartner {
  const partner = new SimulatedPartner("insurer-sim", db, latencyMs);
  return {
    name: partner.name,
    async issue(key: string, request: PolicyRequest, signal?: AbortSignal) {
      const issued = await partner.call(
        request.orderId,
        key,
        () => ({ reference: reference("PDAA"), status: "issued", body: { ...request } }),
        signal,
      );
      return issued.ok ? { ok: true, policyId: issued.reference } : issued;
    },
    async cancel(key: string, policyId: string, signal?: AbortSignal) {
      const orderId = key.split(":")[0] ?? key;
      const done = await partner.call(
        orderId,
        `${key}:cancel`,
        () => ({ reference: policyId, status: "done", body: {} }),
        signal,
      );
      if (!done.ok) return done;
      await partner.mark(key, "cancelled");
      return { ok: true };
    },
  };
}

/** The simulated registration office: books the first weekday at least two days after `earliest`. */
export function simulatedRegistry(db: D1Database, latencyMs = 30): RegistrationPartner {
  const partner = new SimulatedPartner("registry-sim", db, latencyMs);
  return {
    name: partner.name,
    async book(key: string, request: RegistrationRequest, signal?: AbortSignal) {
      const booked = await partner.call(
        request.orderId,
        key,
        () => ({
          reference: reference("CGS"),
          status: "booked",
          body: { ...request, date: appointmentDay(request.earliest) },
        }),
        signal,
      );
      return booked.ok ? { ok: true, appointmentId: booked.reference, date: String(booked.date) } : booked;
    },
    async cancel(key: string, appointmentId: string, signal?: AbortSignal) {
      const orderId = key.split(":")[0] ?? key;
      const done = await partner.call(
        orderId,
        `${key}:cancel`,
        () => ({ reference: appointmentId, status: "done", body: {} }),
        signal,
      );
      if (!done.ok) return done;
      await partner.mark(key, "cancelled");
      return { ok: true };
    },
  };
}

/** The first Monday–Friday at least two days after `earliest` (offices are closed at weekends). */
function appointmentDay(earliest: string): string {
  let day = addDays(earliest, 2);
  while ([0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay())) day = addDays(day, 1);
  return day;
}
