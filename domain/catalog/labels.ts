import type { AdasLevel, BodyType, DealerService, Drive, Powertrain, SeatMaterial, Weekday } from "./types.ts";

type Label = { zh: string; en: string };

/** Bilingual display names of the catalogue vocabulary, Chinese first. */
export const BODY_TYPE_LABELS: Record<BodyType, Label> = {
  sedan: { zh: "轿车", en: "Sedan" },
  suv: { zh: "SUV", en: "SUV" },
  hatchback: { zh: "两厢车", en: "Hatchback" },
  mpv: { zh: "MPV", en: "MPV" },
};

export const POWERTRAIN_LABELS: Record<Powertrain, Label> = {
  BEV: { zh: "纯电", en: "Battery electric" },
  PHEV: { zh: "插电混动", en: "Plug-in hybrid" },
  EREV: { zh: "增程", en: "Range extender" },
  HEV: { zh: "油电混动", en: "Hybrid" },
  ICE: { zh: "燃油", en: "Petrol" },
};

export const DRIVE_LABELS: Record<Drive, Label> = {
  FWD: { zh: "前驱", en: "FWD" },
  RWD: { zh: "后驱", en: "RWD" },
  AWD: { zh: "四驱", en: "AWD" },
};

export const SEAT_MATERIAL_LABELS: Record<SeatMaterial, Label> = {
  fabric: { zh: "织物", en: "Fabric" },
  leatherette: { zh: "仿皮", en: "Leatherette" },
  leather: { zh: "真皮", en: "Leather" },
  nappa: { zh: "Nappa 真皮", en: "Nappa leather" },
};

export const ADAS_LABELS: Record<AdasLevel, Label> = {
  L2: { zh: "L2 辅助驾驶", en: "L2 assisted driving" },
  "L2+": { zh: "高速领航辅助", en: "Highway navigation assist" },
  "L2++": { zh: "城市领航辅助", en: "City navigation assist" },
};

export const SERVICE_LABELS: Record<DealerService, Label> = {
  sales: { zh: "销售", en: "Sales" },
  test_drive: { zh: "试驾", en: "Test drives" },
  service: { zh: "维修保养", en: "Service" },
  charging: { zh: "充电", en: "Charging" },
  body_shop: { zh: "钣喷", en: "Body shop" },
  delivery: { zh: "交付", en: "Delivery" },
};

export const WEEKDAY_LABELS: Record<Weekday, Label> = {
  mon: { zh: "周一", en: "Mon" },
  tue: { zh: "周二", en: "Tue" },
  wed: { zh: "周三", en: "Wed" },
  thu: { zh: "周四", en: "Thu" },
  fri: { zh: "周五", en: "Fri" },
  sat: { zh: "周六", en: "Sat" },
  sun: { zh: "周日", en: "Sun" },
};
