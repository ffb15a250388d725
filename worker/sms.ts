/**
 * Sending text messages. `SmsProvider` is what the API needs; `SmsSimulator` is the local
 * provider: it writes each message to the `sms_outbox` table (number encrypted, masked and
 * blind-indexed) where the development outbox page shows it. No real gateway is wired yet, so in
 * production `smsProvider` answers every send with a failure instead of pretending.
 */
import { maskPhone, toE164 } from "../domain/test-drive/phone.ts";
import { database } from "./db/client.ts";
import { smsOutbox } from "./db/schema.ts";
import { encrypt, type PiiKeys, phoneIndex } from "./pii.ts";

export type SmsResult = { ok: true; id: string } | { ok: false; reason: string };

/** Sends one text message to a mainland mobile number. */
export interface SmsProvider {
  send(to: string, text: string): Promise<SmsResult>;
}

/** How the simulator behaves: `failWith` makes every send fail with that reason (the row says so). */
export interface SimulatorOptions {
  failWith?: string;
}

/**
 * The local SMS gateway: an outbox table instead of a network.
 * @example await new SmsSimulator(env.DB, keys).send("+8613800138000", "验证码 123456")
 */
export class SmsSimulator implements SmsProvider {
  private readonly db: D1Database;
  private readonly keys: PiiKeys;
  private readonly options: SimulatorOptions;

  constructor(db: D1Database, keys: PiiKeys, options: SimulatorOptions = {}) {
    this.db = db;
    this.keys = keys;
    this.options = options;
  }

  async send(to: string, text: string): Promise<SmsResult> {
    const e164 = toE164(to);
    if (!e164) return { ok: false, reason: "not a mainland mobile number" };
    const id = `sms_${crypto.randomUUID().replace(/-/g, "")}`;
    const failure = this.options.failWith;
    await database(this.db)
      .insert(smsOutbox)
      .values({
        id,
        phoneCipher: await encrypt(this.keys, e164),
        phoneIndex: await phoneIndex(this.keys, e164),
        phoneMasked: maskPhone(e164),
        body: text,
        status: failure ? "failed" : "sent",
        error: failure ?? null,
      });
    return failure ? { ok: false, reason: failure } : { ok: true, id };
  }
}

const unconfigured: SmsProvider = {
  send: async () => ({ ok: false, reason: "no SMS gateway is configured for production" }),
};

/**
 * The provider for this environment: the simulator everywhere but production.
 * @example const sent = await smsProvider(c.env, keys).send(phone, text)
 */
export function smsProvider(env: Pick<Env, "DB" | "ENVIRONMENT">, keys: PiiKeys): SmsProvider {
  return env.ENVIRONMENT === "production" ? unconfigured : new SmsSimulator(env.DB, keys);
}
