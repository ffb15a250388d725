import { type ProductModel, parseProductModel } from "./product-model.ts";

const t = (zh: string, en: string) => ({ zh, en });

/**
 * A small but realistic product model used in tests and examples: trims, paint, wheels, seats,
 * a Sport package that brings 21-inch wheels' calipers, and rules between them.
 */
export function sampleCar(): ProductModel {
  const parsed = parseProductModel({
    id: "sample-s7",
    version: 1,
    name: t("示例 S7", "Sample S7"),
    options: [
      { code: "TRIM_STD", name: t("标准版", "Standard"), priceFen: 22_990_000, popularity: 0.5 },
      { code: "TRIM_PRO", name: t("Pro 版", "Pro"), priceFen: 25_990_000, popularity: 0.4 },
      { code: "TRIM_MAX", name: t("Max 版", "Max"), priceFen: 29_990_000, popularity: 0.1 },
      {
        code: "PAINT_WHITE",
        name: t("云朵白", "Cloud White"),
        priceFen: 0,
        popularity: 0.4,
        render: [{ material: "paint", set: { albedo: "#f4f5f7" } }],
      },
      {
        code: "PAINT_BLUE",
        name: t("星河蓝", "Galaxy Blue"),
        priceFen: 800_000,
        popularity: 0.35,
        render: [{ material: "paint", set: { albedo: "#1d4e9e", metallic: 0.8 } }],
      },
      {
        code: "PAINT_MATTE",
        name: t("哑光灰", "Matte Grey"),
        priceFen: 1_500_000,
        popularity: 0.25,
        render: [{ material: "paint", set: { albedo: "#5b6068", roughness: 0.7 } }],
      },
      {
        code: "W19",
        name: t("19 英寸轮毂", "19-inch wheels"),
        priceFen: 0,
        popularity: 0.6,
        render: [{ show: "wheels_19" }],
      },
      {
        code: "W21",
        name: t("21 英寸轮毂", "21-inch wheels"),
        priceFen: 1_200_000,
        popularity: 0.4,
        render: [{ show: "wheels_21" }],
      },
      { code: "SEAT_COMFORT", name: t("舒适座椅", "Comfort seats"), priceFen: 0, popularity: 0.7 },
      { code: "SEAT_SPORT", name: t("运动座椅", "Sport seats"), priceFen: 600_000, popularity: 0.3 },
      {
        code: "SPORT_PKG",
        name: t("运动套件", "Sport package"),
        priceFen: 1_800_000,
        includes: ["SEAT_SPORT", "RED_CALIPERS"],
        popularity: 0.25,
      },
      {
        code: "RED_CALIPERS",
        name: t("红色卡钳", "Red calipers"),
        priceFen: 300_000,
        popularity: 0.2,
        render: [{ material: "calipers", set: { albedo: "#c8102e" } }],
      },
      { code: "HUD", name: t("AR-HUD 抬头显示", "AR head-up display"), priceFen: 500_000, popularity: 0.3 },
      { code: "TOW", name: t("拖车钩", "Tow hitch"), priceFen: 400_000, popularity: 0.1 },
    ],
    groups: [
      { code: "TRIM", name: t("版本", "Trim"), min: 1, max: 1, options: ["TRIM_STD", "TRIM_PRO", "TRIM_MAX"] },
      {
        code: "PAINT",
        name: t("车漆", "Paint"),
        min: 1,
        max: 1,
        options: ["PAINT_WHITE", "PAINT_BLUE", "PAINT_MATTE"],
      },
      { code: "WHEELS", name: t("轮毂", "Wheels"), min: 1, max: 1, options: ["W19", "W21"] },
      { code: "SEATS", name: t("座椅", "Seats"), min: 1, max: 1, options: ["SEAT_COMFORT", "SEAT_SPORT"] },
      {
        code: "EXTRAS",
        name: t("选装", "Extras"),
        min: 0,
        max: null,
        options: ["SPORT_PKG", "RED_CALIPERS", "HUD", "TOW"],
      },
    ],
    rules: [
      {
        id: "W21_NEEDS_SPORT",
        constraint: { implies: [{ option: "W21" }, { option: "SPORT_PKG" }] },
        message: t("21 英寸轮毂需选装运动套件", "21-inch wheels need the Sport package"),
      },
      {
        id: "MATTE_NOT_STD",
        constraint: { implies: [{ option: "PAINT_MATTE" }, { not: { option: "TRIM_STD" } }] },
        message: t("标准版不提供哑光漆", "Matte paint is not offered on the Standard trim"),
      },
      {
        id: "SPORT_NO_TOW",
        constraint: { not: { and: [{ option: "SPORT_PKG" }, { option: "TOW" }] } },
        message: t("运动套件与拖车钩不可同选", "The Sport package and the tow hitch cannot be combined"),
      },
      {
        id: "MAX_HAS_HUD",
        constraint: { implies: [{ option: "TRIM_MAX" }, { option: "HUD" }] },
        message: t("Max 版标配 AR-HUD", "The Max trim comes with the AR head-up display"),
      },
    ],
    prices: [
      {
        option: "SEAT_SPORT",
        priceFen: 0,
        when: { option: "SPORT_PKG" },
        label: t("运动套件内含", "Included in the Sport package"),
      },
      {
        option: "RED_CALIPERS",
        priceFen: 0,
        when: { option: "SPORT_PKG" },
        label: t("运动套件内含", "Included in the Sport package"),
      },
      { option: "HUD", priceFen: 0, when: { option: "TRIM_MAX" }, label: t("Max 版标配", "Standard on Max") },
      {
        option: "PAINT_BLUE",
        priceFen: 0,
        from: "2026-11-01",
        until: "2026-12-31",
        label: t("限时免费星河蓝", "Galaxy Blue free until year end"),
      },
      {
        option: "TOW",
        priceFen: 200_000,
        provinces: ["西藏自治区", "青海省"],
        label: t("高原地区补贴", "High-altitude region subsidy"),
      },
    ],
  });
  if (!parsed.ok) throw new Error(`sample model is invalid: ${JSON.stringify(parsed.errors)}`);
  return parsed.model;
}
