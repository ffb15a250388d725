/**
 * A simulated visitor for the marketer console's preview: the city (by code), device, history,
 * channel and time a marketer picks, turned into the edge context the engine decides on.
 */
import { z } from "zod";
import { CITIES } from "../geo/cities.ts";
import { CHANNEL_KINDS } from "./channel.ts";
import type { EdgeContext } from "./context.ts";
import { DEVICE_CLASSES, type DeviceClass, type FormFactor } from "./device.ts";
import { ruleInputSchema } from "./drafts.ts";

export const simulatedVisitorSchema = z.strictObject({
  /** GB/T 2260 code of the city, e.g. "130200" (唐山市); absent: not placed in a city. */
  city: z
    .string()
    .regex(/^\d{6}$/)
    .refine((code) => CITIES.some((c) => c.code === code), "没有这个城市 / No such city")
    .optional(),
  device: z.enum(DEVICE_CLASSES).default("desktop"),
  /** Earlier visits: 0 is a first visit. */
  visits: z.number().int().min(0).max(10_000).default(0),
  modelsViewed: z.array(z.string().min(1).max(64)).max(20).default([]),
  financeInterest: z.boolean().default(false),
  savedConfiguration: z.boolean().default(false),
  channel: z.enum(CHANNEL_KINDS).default("direct"),
  source: z.string().max(64).optional(),
  medium: z.string().max(64).optional(),
  /** When the visit happens; now by default. */
  at: z.iso.datetime({ offset: true }).optional(),
  /** Sticky id for rollout buckets; without one the visitor is only in full rollouts. */
  visitorId: z.string().min(1).max(64).optional(),
});
export type SimulatedVisitor = z.infer<typeof simulatedVisitorSchema>;

/** In-app browsers and mini-programs run on phones; bots read the desktop page. */
const FORM_FACTOR_OF: Record<DeviceClass, FormFactor> = {
  phone: "phone",
  tablet: "tablet",
  desktop: "desktop",
  wechat: "phone",
  "mini-program": "phone",
  alipay: "phone",
  douyin: "phone",
  "in-app": "phone",
  bot: "desktop",
};

/**
 * The edge context of a simulated visitor.
 * @example simulatedContext(simulatedVisitorSchema.parse({ city: "130200" }), Date.now()).tier // "3"
 */
export function simulatedContext(visitor: SimulatedVisitor, now: number): EdgeContext {
  const city = CITIES.find((c) => c.code === visitor.city);
  return {
    country: city ? "CN" : null,
    province: city?.province ?? null,
    city: city?.name ?? null,
    tier: city?.tier ?? null,
    device: visitor.device,
    formFactor: FORM_FACTOR_OF[visitor.device],
    visitorId: visitor.visitorId ?? null,
    visits: visitor.visits,
    modelsViewed: visitor.modelsViewed,
    financeInterest: visitor.financeInterest,
    lastConfiguration: visitor.savedConfiguration ? "preview" : null,
    channel: {
      source: visitor.source?.toLowerCase() || null,
      medium: visitor.medium?.toLowerCase() || null,
      campaign: null,
      referrerHost: null,
      kind: visitor.channel,
    },
    now: visitor.at ? Date.parse(visitor.at) : now,
  };
}

/** A preview request: the visitor, and optionally an unsaved rule to try in the draft set. */
export const previewInputSchema = z.strictObject({
  visitor: simulatedVisitorSchema.prefault({}),
  rule: ruleInputSchema.optional(),
});
