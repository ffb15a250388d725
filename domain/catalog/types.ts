/** Vocabulary of the catalogue, shared by the database, the API, the pages and the demo data. */

export const BODY_TYPES = ["sedan", "suv", "hatchback", "mpv"] as const;
export type BodyType = (typeof BODY_TYPES)[number];

/** BEV battery electric, PHEV plug-in hybrid, EREV range extender, HEV hybrid, ICE combustion only. */
export const POWERTRAINS = ["BEV", "PHEV", "EREV", "HEV", "ICE"] as const;
export type Powertrain = (typeof POWERTRAINS)[number];

export const DRIVES = ["FWD", "RWD", "AWD"] as const;
export type Drive = (typeof DRIVES)[number];

export const SEAT_MATERIALS = ["fabric", "leatherette", "leather", "nappa"] as const;
export type SeatMaterial = (typeof SEAT_MATERIALS)[number];

/** Driver assistance as marketed in China: L2 (ACC + lane keeping), L2+ (highway NOA), L2++ (city NOA). */
export const ADAS_LEVELS = ["L2", "L2+", "L2++"] as const;
export type AdasLevel = (typeof ADAS_LEVELS)[number];

export const OPTION_GROUP_KINDS = ["paint", "wheels", "interior", "package", "feature"] as const;
export type OptionGroupKind = (typeof OPTION_GROUP_KINDS)[number];

export const VEHICLE_STATUSES = ["in_stock", "in_transit", "reserved", "sold"] as const;
export type VehicleStatus = (typeof VEHICLE_STATUSES)[number];

export const DEALER_SERVICES = ["sales", "test_drive", "service", "charging", "body_shop", "delivery"] as const;
export type DealerService = (typeof DEALER_SERVICES)[number];

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Opening hours per weekday in Asia/Shanghai local time, "HH:MM"; a missing day is closed. */
export type OpeningHours = Partial<Record<Weekday, { open: string; close: string }>>;
