/**
 * D1 schema (drizzle). `npm run db:generate` turns changes here into SQL under migrations/.
 * Money is integer fen, time is UTC ISO-8601 text, ids are opaque text. Columns that hold
 * personal data end in `Cipher` (AES-GCM) and, where lookup is needed, have an HMAC `Index`.
 */
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { CodePurpose } from "../../domain/auth/one-time-code.ts";
import type {
  AdasLevel,
  BodyType,
  DealerService,
  Drive,
  OpeningHours,
  OptionGroupKind,
  Powertrain,
  SeatMaterial,
  VehicleStatus,
} from "../../domain/catalog/types.ts";
import type { ProductModel } from "../../domain/configurator/product-model.ts";
import type { CityTier } from "../../domain/geo/city-tier.ts";
import { type BookingStatus, HOLDING_STATUSES } from "../../domain/test-drive/status.ts";

const createdAt = () => text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`);

export const brands = sqliteTable("brands", {
  id: text("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  nameEn: text("name_en").notNull(),
  tagline: text("tagline").notNull(),
  taglineEn: text("tagline_en").notNull(),
  accentColor: text("accent_color").notNull(),
  founded: integer("founded").notNull(),
  sort: integer("sort").notNull().default(0),
});

export const models = sqliteTable(
  "models",
  {
    id: text("id").primaryKey(),
    brandId: text("brand_id")
      .notNull()
      .references(() => brands.id),
    slug: text("slug").notNull().unique(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    nameEn: text("name_en").notNull(),
    bodyType: text("body_type").$type<BodyType>().notNull(),
    summary: text("summary").notNull(),
    summaryEn: text("summary_en").notNull(),
    launchedOn: text("launched_on").notNull(),
    popularity: integer("popularity").notNull().default(0),
  },
  (t) => [index("models_brand_idx").on(t.brandId)],
);

export const trims = sqliteTable(
  "trims",
  {
    id: text("id").primaryKey(),
    modelId: text("model_id")
      .notNull()
      .references(() => models.id),
    name: text("name").notNull(),
    nameEn: text("name_en").notNull(),
    priceFen: integer("price_fen").notNull(),
    powertrain: text("powertrain").$type<Powertrain>().notNull(),
    cltcRangeKm: integer("cltc_range_km"),
    electricRangeKm: integer("electric_range_km"),
    batteryKwh: real("battery_kwh"),
    fuelLPer100km: real("fuel_l_per_100km"),
    zeroToHundredS: real("zero_to_hundred_s").notNull(),
    powerKw: integer("power_kw").notNull(),
    torqueNm: integer("torque_nm").notNull(),
    topSpeedKmh: integer("top_speed_kmh").notNull(),
    seats: integer("seats").notNull(),
    seatMaterial: text("seat_material").$type<SeatMaterial>().notNull(),
    drive: text("drive").$type<Drive>().notNull(),
    lengthMm: integer("length_mm").notNull(),
    widthMm: integer("width_mm").notNull(),
    heightMm: integer("height_mm").notNull(),
    wheelbaseMm: integer("wheelbase_mm").notNull(),
    curbWeightKg: integer("curb_weight_kg").notNull(),
    adasLevel: text("adas_level").$type<AdasLevel>().notNull(),
    peakChargeKw: integer("peak_charge_kw"),
    sort: integer("sort").notNull().default(0),
  },
  (t) => [index("trims_model_idx").on(t.modelId)],
);

export const optionGroups = sqliteTable(
  "option_groups",
  {
    id: text("id").primaryKey(),
    modelId: text("model_id")
      .notNull()
      .references(() => models.id),
    code: text("code").notNull(),
    name: text("name").notNull(),
    nameEn: text("name_en").notNull(),
    kind: text("kind").$type<OptionGroupKind>().notNull(),
    /** "one": exactly one option of the group is chosen (paint, wheels); "any": zero or more. */
    selection: text("selection").$type<"one" | "any">().notNull(),
    sort: integer("sort").notNull().default(0),
  },
  (t) => [uniqueIndex("option_groups_model_code_idx").on(t.modelId, t.code)],
);

export const options = sqliteTable(
  "options",
  {
    id: text("id").primaryKey(),
    groupId: text("group_id")
      .notNull()
      .references(() => optionGroups.id),
    modelId: text("model_id")
      .notNull()
      .references(() => models.id),
    code: text("code").notNull(),
    name: text("name").notNull(),
    nameEn: text("name_en").notNull(),
    priceFen: integer("price_fen").notNull(),
    /** CSS colour for paint and interior swatches. */
    swatch: text("swatch"),
    sort: integer("sort").notNull().default(0),
  },
  (t) => [uniqueIndex("options_model_code_idx").on(t.modelId, t.code), index("options_group_idx").on(t.groupId)],
);

/** Which options a trim offers, and which it fits as standard equipment. */
export const trimOptions = sqliteTable(
  "trim_options",
  {
    trimId: text("trim_id")
      .notNull()
      .references(() => trims.id),
    optionId: text("option_id")
      .notNull()
      .references(() => options.id),
    standard: integer("standard", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.trimId, t.optionId] })],
);

/**
 * A model's configurator rule base (domain/configurator/product-model.ts), versioned: a new
 * version is a new row, so an order can always be re-validated against the version it was priced with.
 */
export const productModels = sqliteTable(
  "product_models",
  {
    modelId: text("model_id")
      .notNull()
      .references(() => models.id),
    version: integer("version").notNull(),
    body: text("body", { mode: "json" }).$type<ProductModel>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.modelId, t.version] })],
);

export const media = sqliteTable(
  "media",
  {
    id: text("id").primaryKey(),
    ownerType: text("owner_type").$type<"brand" | "model" | "trim" | "option">().notNull(),
    ownerId: text("owner_id").notNull(),
    role: text("role").$type<"hero" | "side" | "model3d" | "model3d-lite" | "swatch">().notNull(),
    /** R2 key, content-hashed: the object under it never changes. */
    r2Key: text("r2_key").notNull().unique(),
    contentType: text("content_type").notNull(),
    bytes: integer("bytes").notNull(),
    width: integer("width"),
    height: integer("height"),
    alt: text("alt").notNull(),
    altEn: text("alt_en").notNull(),
  },
  (t) => [index("media_owner_idx").on(t.ownerType, t.ownerId)],
);

export const cities = sqliteTable(
  "cities",
  {
    code: text("code").primaryKey(),
    name: text("name").notNull(),
    pinyin: text("pinyin").notNull(),
    cfCity: text("cf_city").notNull(),
    province: text("province").notNull(),
    provinceEn: text("province_en").notNull(),
    lat: real("lat").notNull(),
    lon: real("lon").notNull(),
    tier: text("tier").$type<CityTier>().notNull(),
  },
  (t) => [index("cities_cf_city_idx").on(t.cfCity)],
);

export const dealers = sqliteTable(
  "dealers",
  {
    id: text("id").primaryKey(),
    brandId: text("brand_id")
      .notNull()
      .references(() => brands.id),
    cityCode: text("city_code")
      .notNull()
      .references(() => cities.code),
    name: text("name").notNull(),
    nameEn: text("name_en").notNull(),
    address: text("address").notNull(),
    addressEn: text("address_en").notNull(),
    lat: real("lat").notNull(),
    lon: real("lon").notNull(),
    phone: text("phone").notNull(),
    hours: text("hours", { mode: "json" }).$type<OpeningHours>().notNull(),
    services: text("services", { mode: "json" }).$type<DealerService[]>().notNull(),
  },
  (t) => [index("dealers_city_idx").on(t.cityCode), index("dealers_brand_idx").on(t.brandId)],
);

export const inventoryVehicles = sqliteTable(
  "inventory_vehicles",
  {
    vin: text("vin").primaryKey(),
    trimId: text("trim_id")
      .notNull()
      .references(() => trims.id),
    dealerId: text("dealer_id")
      .notNull()
      .references(() => dealers.id),
    colorCode: text("color_code").notNull(),
    optionCodes: text("option_codes", { mode: "json" }).$type<string[]>().notNull(),
    status: text("status").$type<VehicleStatus>().notNull(),
    priceFen: integer("price_fen").notNull(),
    /** When the vehicle is (or will be) at the dealer, ready to hand over. */
    availableOn: text("available_on").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    index("inventory_trim_status_idx").on(t.trimId, t.status),
    index("inventory_dealer_idx").on(t.dealerId),
    /** The search index's change feed: rows updated since it last looked. */
    index("inventory_updated_idx").on(t.updatedAt),
  ],
);

export const users = sqliteTable("users", {
  id: text("id").primaryKey(),
  phoneCipher: text("phone_cipher").notNull(),
  phoneIndex: text("phone_index").notNull().unique(),
  nameCipher: text("name_cipher"),
  /** The delivery and registration address (AES-GCM); changing it needs a fresh text code. */
  addressCipher: text("address_cipher"),
  roles: text("roles", { mode: "json" }).$type<Array<"shopper" | "marketer" | "dealer" | "ops" | "admin">>().notNull(),
  dealerId: text("dealer_id").references(() => dealers.id),
  createdAt: createdAt(),
});

export const sessions = sqliteTable(
  "sessions",
  {
    /** SHA-256 of the session token; the token itself is only ever in the cookie. */
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    expiresAt: text("expires_at").notNull(),
    steppedUpAt: text("stepped_up_at"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const orders = sqliteTable(
  "orders",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    trimId: text("trim_id")
      .notNull()
      .references(() => trims.id),
    vin: text("vin"),
    dealerId: text("dealer_id").references(() => dealers.id),
    status: text("status").notNull(),
    configuration: text("configuration", { mode: "json" }).notNull(),
    priceFen: integer("price_fen").notNull(),
    depositFen: integer("deposit_fen").notNull(),
    /** The shopper's Idempotency-Key: one order per user and key, however often the request is sent. */
    idempotencyKey: text("idempotency_key"),
    /** The saga log position this row reflects: a late projection never overwrites a newer one. */
    seq: integer("seq").notNull().default(0),
    cancelReason: text("cancel_reason"),
    createdAt: createdAt(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    index("orders_user_idx").on(t.userId),
    index("orders_status_idx").on(t.status),
    uniqueIndex("orders_user_idempotency_idx").on(t.userId, t.idempotencyKey),
  ],
);

/**
 * A vehicle held for an order while its deposit is paid: one hold per vehicle and per order, so a
 * vehicle can never be held twice. The saga that holds it releases it (or the order completes).
 */
export const vehicleHolds = sqliteTable(
  "vehicle_holds",
  {
    vin: text("vin")
      .primaryKey()
      .references(() => inventoryVehicles.vin),
    orderId: text("order_id").notNull().unique(),
    expiresAt: text("expires_at").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("vehicle_holds_expires_idx").on(t.expiresAt)],
);

/** A build-to-order production slot claimed by an order: a trim's weekly capacity is a domain constant. */
export const buildSlotClaims = sqliteTable(
  "build_slot_claims",
  {
    orderId: text("order_id").primaryKey(),
    trimId: text("trim_id")
      .notNull()
      .references(() => trims.id),
    /** Monday of the production week, YYYY-MM-DD. */
    week: text("week").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("build_slot_claims_trim_week_idx").on(t.trimId, t.week)],
);

/**
 * Every payment webhook received, accepted or not: the replay guard (an event id is processed once)
 * and the log ops read for rejected (unsigned, stale, replayed) deliveries.
 */
export const paymentWebhooks = sqliteTable(
  "payment_webhooks",
  {
    id: text("id").primaryKey(),
    /** The gateway's event id; null when the delivery could not even be parsed. */
    eventId: text("event_id"),
    channel: text("channel").notNull(),
    receivedAt: text("received_at").notNull(),
    outcome: text("outcome").$type<"accepted" | "duplicate" | "rejected">().notNull(),
    reason: text("reason"),
    orderId: text("order_id"),
    paymentId: text("payment_id"),
  },
  (t) => [
    uniqueIndex("payment_webhooks_event_idx").on(t.channel, t.eventId),
    index("payment_webhooks_received_idx").on(t.receivedAt),
  ],
);

/** A payment channel's circuit breaker, shared by every isolate and shown to ops. */
export const paymentChannels = sqliteTable("payment_channels", {
  channel: text("channel").primaryKey(),
  state: text("state").$type<"closed" | "open" | "half_open">().notNull(),
  /** Consecutive failures while closed. */
  failures: integer("failures").notNull().default(0),
  openedAt: text("opened_at"),
  updatedAt: text("updated_at").notNull(),
});

/** What a risk guard decided about a principal's action, for ops. Only allow decisions that matter are kept. */
export const riskEvents = sqliteTable(
  "risk_events",
  {
    id: text("id").primaryKey(),
    at: text("at").notNull(),
    /** `user:<id>`, `device:<id>` or `ip:<address>` (never a phone number). */
    principal: text("principal").notNull(),
    action: text("action").notNull(),
    outcome: text("outcome").$type<"allow" | "challenge" | "block">().notNull(),
    rule: text("rule").notNull(),
    detail: text("detail", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index("risk_events_at_idx").on(t.at), index("risk_events_principal_idx").on(t.principal, t.at)],
);

/**
 * State kept by the local partner simulators (insurer policies, registration offices) as the remote
 * party would keep it: one record per idempotency key, so a retried call returns the same result.
 */
export const partnerSimulatorRecords = sqliteTable(
  "partner_simulator_records",
  {
    partner: text("partner").notNull(),
    key: text("key").notNull(),
    reference: text("reference").notNull(),
    status: text("status").notNull(),
    body: text("body", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.partner, t.key] })],
);

/**
 * How many demo cars of a trim a dealer keeps for test drives: the capacity of each of its slots
 * for that trim. No row means the dealer offers no test drive of the trim.
 */
export const testDriveCars = sqliteTable(
  "test_drive_cars",
  {
    dealerId: text("dealer_id")
      .notNull()
      .references(() => dealers.id),
    trimId: text("trim_id")
      .notNull()
      .references(() => trims.id),
    cars: integer("cars").notNull(),
  },
  (t) => [primaryKey({ columns: [t.dealerId, t.trimId] })],
);

const holding = sql.raw(`status in (${HOLDING_STATUSES.map((status) => `'${status}'`).join(", ")})`);

/**
 * Test-drive bookings. A booking that holds a car (booked, rescheduled, checked in) owns one
 * `car_index` below the slot's capacity; the partial unique indexes make a second holder of the same
 * car, or a second booking of the same phone at the same dealer and slot, impossible.
 */
export const testDriveBookings = sqliteTable(
  "test_drive_bookings",
  {
    id: text("id").primaryKey(),
    dealerId: text("dealer_id")
      .notNull()
      .references(() => dealers.id),
    trimId: text("trim_id")
      .notNull()
      .references(() => trims.id),
    userId: text("user_id").references(() => users.id),
    phoneCipher: text("phone_cipher").notNull(),
    phoneIndex: text("phone_index").notNull(),
    nameCipher: text("name_cipher").notNull(),
    slotStart: text("slot_start").notNull(),
    slotEnd: text("slot_end").notNull(),
    carIndex: integer("car_index").notNull(),
    status: text("status").$type<BookingStatus>().notNull(),
    /** Bumped on every change, so a re-downloaded .ics replaces the old event (SEQUENCE). */
    revision: integer("revision").notNull().default(0),
    idempotencyKey: text("idempotency_key").notNull().unique(),
    consentAt: text("consent_at").notNull(),
    createdAt: createdAt(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    index("bookings_dealer_slot_idx").on(t.dealerId, t.slotStart),
    uniqueIndex("bookings_car_slot_idx").on(t.dealerId, t.trimId, t.slotStart, t.carIndex).where(holding),
    uniqueIndex("bookings_phone_slot_idx").on(t.dealerId, t.slotStart, t.phoneIndex).where(holding),
  ],
);

/**
 * Notifications waiting to be sent (transactional outbox): written in the same batch as the change
 * that causes them, sent later by whoever drains the table. One row per kind and subject.
 */
export const notificationOutbox = sqliteTable(
  "notification_outbox",
  {
    id: text("id").primaryKey(),
    kind: text("kind").$type<"test_drive_reminder">().notNull(),
    /** The id of what the notification is about (a booking); the sender reads the details from it. */
    subjectId: text("subject_id").notNull(),
    channel: text("channel").$type<"sms">().notNull(),
    dueAt: text("due_at").notNull(),
    status: text("status").$type<"pending" | "sent" | "cancelled" | "failed">().notNull(),
    attempts: integer("attempts").notNull().default(0),
    createdAt: createdAt(),
    sentAt: text("sent_at"),
  },
  (t) => [
    uniqueIndex("outbox_kind_subject_idx").on(t.kind, t.subjectId),
    index("outbox_status_due_idx").on(t.status, t.dueAt),
  ],
);

export const leads = sqliteTable(
  "leads",
  {
    id: text("id").primaryKey(),
    dealerId: text("dealer_id")
      .notNull()
      .references(() => dealers.id),
    modelId: text("model_id").references(() => models.id),
    phoneCipher: text("phone_cipher").notNull(),
    phoneIndex: text("phone_index").notNull(),
    nameCipher: text("name_cipher"),
    source: text("source").notNull(),
    consentAt: text("consent_at").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("leads_dealer_phone_idx").on(t.dealerId, t.phoneIndex)],
);

export const personalizationRules = sqliteTable(
  "personalization_rules",
  {
    id: text("id").primaryKey(),
    version: integer("version").notNull(),
    name: text("name").notNull(),
    priority: integer("priority").notNull(),
    status: text("status").$type<"draft" | "published" | "unpublished">().notNull(),
    conditions: text("conditions", { mode: "json" }).notNull(),
    actions: text("actions", { mode: "json" }).notNull(),
    rolloutPercent: integer("rollout_percent").notNull().default(100),
    startsAt: text("starts_at"),
    endsAt: text("ends_at"),
    updatedBy: text("updated_by"),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [index("rules_status_priority_idx").on(t.status, t.priority)],
);

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: text("id").primaryKey(),
    at: text("at").notNull(),
    actorId: text("actor_id"),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    diff: text("diff", { mode: "json" }),
    requestId: text("request_id").notNull(),
  },
  (t) => [index("audit_entity_idx").on(t.entityType, t.entityId), index("audit_at_idx").on(t.at)],
);

export const analyticsEvents = sqliteTable(
  "analytics_events",
  {
    /** Client-generated event id: a retried queue delivery inserts nothing twice. */
    id: text("id").primaryKey(),
    type: text("type").notNull(),
    occurredAt: text("occurred_at").notNull(),
    receivedAt: text("received_at").notNull(),
    visitorId: text("visitor_id"),
    path: text("path"),
    props: text("props", { mode: "json" }).$type<Record<string, string | number | boolean>>().notNull(),
    country: text("country"),
    city: text("city"),
  },
  (t) => [index("analytics_type_at_idx").on(t.type, t.occurredAt)],
);

/**
 * One-time sign-in codes: at most one live code per phone and purpose (a new code replaces the
 * old one). Only an HMAC of the code is stored; every guess is counted before it is checked.
 */
export const oneTimeCodes = sqliteTable(
  "one_time_codes",
  {
    id: text("id").primaryKey(),
    phoneIndex: text("phone_index").notNull(),
    purpose: text("purpose").$type<CodePurpose>().notNull(),
    codeHash: text("code_hash").notNull(),
    expiresAt: text("expires_at").notNull(),
    attempts: integer("attempts").notNull().default(0),
    consumedAt: text("consumed_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("one_time_codes_phone_purpose_idx").on(t.phoneIndex, t.purpose)],
);

/**
 * Text messages written by the local SMS simulator (worker/sms.ts) instead of a real gateway:
 * what the development outbox page lists. The number is encrypted, masked for display and indexed.
 */
export const smsOutbox = sqliteTable(
  "sms_outbox",
  {
    id: text("id").primaryKey(),
    phoneCipher: text("phone_cipher").notNull(),
    phoneIndex: text("phone_index").notNull(),
    phoneMasked: text("phone_masked").notNull(),
    body: text("body").notNull(),
    status: text("status").$type<"sent" | "failed">().notNull(),
    error: text("error"),
    createdAt: createdAt(),
  },
  (t) => [index("sms_outbox_created_idx").on(t.createdAt), index("sms_outbox_phone_idx").on(t.phoneIndex)],
);

/**
 * Configurations a shopper saved to their account (the configure page's 保存配置): the options the
 * server validated and priced when saving, one row per user and configuration (`configKey`, a
 * SHA-256 of model, version and sorted options, so saving the same car twice keeps one row), and
 * an optional small picture of the car as the 3D view drew it (a validated image data URL, at
 * most 32 KiB, shown to its owner only).
 */
export const savedConfigurations = sqliteTable(
  "saved_configurations",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    modelId: text("model_id")
      .notNull()
      .references(() => models.id),
    trimId: text("trim_id")
      .notNull()
      .references(() => trims.id),
    version: integer("version").notNull(),
    options: text("options", { mode: "json" }).$type<string[]>().notNull(),
    configKey: text("config_key").notNull(),
    name: text("name"),
    /** The server's price on `pricedOn` (Asia/Shanghai date), fen. */
    priceFen: integer("price_fen").notNull(),
    pricedOn: text("priced_on").notNull(),
    thumbnail: text("thumbnail"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("saved_configurations_user_key_idx").on(t.userId, t.configKey),
    index("saved_configurations_user_created_idx").on(t.userId, t.createdAt),
  ],
);
