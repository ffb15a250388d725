/**
 * Trims side by side: the columns (who, what it costs, what its standard equipment is worth) and
 * sections of rows, each flagged `differs` when its cells are not all the same. Trims may come from
 * different models; equipment rows then match by option name within an option-group kind, and only
 * options at least one of the trims can have get a row.
 */
import { formatYuan } from "../money.ts";
import { ADAS_LABELS, BODY_TYPE_LABELS, DRIVE_LABELS, POWERTRAIN_LABELS, SEAT_MATERIAL_LABELS } from "./labels.ts";
import {
  type AdasLevel,
  type BodyType,
  type Drive,
  OPTION_GROUP_KINDS,
  type OptionGroupKind,
  type Powertrain,
  type SeatMaterial,
} from "./types.ts";

export const MAX_COMPARED_TRIMS = 4;

/** Chinese and English text of one thing, Chinese first. */
type Bilingual = { zh: string; en: string };

/** The fields of a trim that a comparison shows. */
export interface CompareTrim {
  id: string;
  name: string;
  nameEn: string;
  priceFen: number;
  powertrain: Powertrain;
  cltcRangeKm: number | null;
  electricRangeKm: number | null;
  batteryKwh: number | null;
  fuelLPer100km: number | null;
  zeroToHundredS: number;
  powerKw: number;
  torqueNm: number;
  topSpeedKmh: number;
  seats: number;
  seatMaterial: SeatMaterial;
  drive: Drive;
  lengthMm: number;
  widthMm: number;
  heightMm: number;
  wheelbaseMm: number;
  curbWeightKg: number;
  adasLevel: AdasLevel;
  peakChargeKw: number | null;
}

/** A model as the catalogue API answers it (`GET /api/models/{slug}`), reduced to what a comparison reads. */
export interface CompareModel {
  slug: string;
  name: string;
  nameEn: string;
  bodyType: BodyType;
  brand: { slug: string; name: string; nameEn: string };
  image: { url: string; alt: string; altEn: string; width: number | null; height: number | null } | null;
  trims: CompareTrim[];
  optionGroups: Array<{
    kind: OptionGroupKind;
    options: Array<{
      name: string;
      nameEn: string;
      priceFen: number;
      swatch: string | null;
      standardOn: string[];
      offeredOn: string[];
    }>;
  }>;
}

export interface CompareColumn {
  brand: CompareModel["brand"];
  model: { slug: string; name: string; nameEn: string };
  trim: { id: string; name: string; nameEn: string };
  image: CompareModel["image"];
  priceFen: number;
  /** List value of the options fitted as standard: the price already includes them. */
  standardValueFen: number;
}

type EquipmentStatus = "standard" | "optional" | "unavailable";

/** A specification value: `value` is what is compared, `text` what is shown. */
type SpecCell = { kind: "spec"; value: number | string | null; text: Bilingual };
/** An option on one trim: fitted as standard, available at `priceFen`, or not offered. */
export type EquipmentCell = { kind: "equipment"; status: EquipmentStatus; priceFen: number | null; text: Bilingual };
export type CompareCell = SpecCell | EquipmentCell;

export interface CompareRow {
  key: string;
  label: Bilingual;
  swatch: string | null;
  differs: boolean;
  cells: CompareCell[];
}

interface CompareSection {
  key: string;
  title: Bilingual;
  rows: CompareRow[];
}

export interface Comparison {
  columns: CompareColumn[];
  sections: CompareSection[];
}

type Located = { model: CompareModel; trim: CompareTrim };
type SpecRow = { key: string; zh: string; en: string; cell: (t: CompareTrim, m: CompareModel) => SpecCell };

const DASH: Bilingual = { zh: "—", en: "—" };
const same = (text: string): Bilingual => ({ zh: text, en: text });
const quantity = (value: number | null, unit: string, digits = 0): SpecCell => ({
  kind: "spec",
  value,
  text: value === null ? DASH : same(`${value.toFixed(digits)} ${unit}`),
});
const label = (value: string, labels: Bilingual): SpecCell => ({ kind: "spec", value, text: labels });
const money = (fen: number): SpecCell => ({
  kind: "spec",
  value: fen,
  text: { zh: formatYuan(fen, "zh"), en: formatYuan(fen, "en") },
});

const SPEC_SECTIONS: Array<{ key: string; title: Bilingual; rows: SpecRow[] }> = [
  {
    key: "price",
    title: { zh: "价格", en: "Price" },
    rows: [
      { key: "price", zh: "厂商指导价", en: "MSRP", cell: (t) => money(t.priceFen) },
      {
        key: "standard-value",
        zh: "其中标配价值",
        en: "Standard equipment included",
        cell: (t, m) => money(standardValueFen(m, t.id)),
      },
    ],
  },
  {
    key: "powertrain",
    title: { zh: "动力与性能", en: "Powertrain and performance" },
    rows: [
      {
        key: "powertrain",
        zh: "动力类型",
        en: "Powertrain",
        cell: (t) => label(t.powertrain, POWERTRAIN_LABELS[t.powertrain]),
      },
      { key: "range", zh: "CLTC 综合续航", en: "CLTC range", cell: (t) => quantity(t.cltcRangeKm, "km") },
      { key: "electric-range", zh: "纯电续航", en: "Electric range", cell: (t) => quantity(t.electricRangeKm, "km") },
      { key: "battery", zh: "电池容量", en: "Battery", cell: (t) => quantity(t.batteryKwh, "kWh", 1) },
      { key: "fuel", zh: "油耗", en: "Fuel use", cell: (t) => quantity(t.fuelLPer100km, "L/100km", 1) },
      { key: "acceleration", zh: "百公里加速", en: "0–100 km/h", cell: (t) => quantity(t.zeroToHundredS, "s", 1) },
      { key: "power", zh: "最大功率", en: "Power", cell: (t) => quantity(t.powerKw, "kW") },
      { key: "torque", zh: "最大扭矩", en: "Torque", cell: (t) => quantity(t.torqueNm, "N·m") },
      { key: "top-speed", zh: "最高车速", en: "Top speed", cell: (t) => quantity(t.topSpeedKmh, "km/h") },
      { key: "drive", zh: "驱动形式", en: "Drive", cell: (t) => label(t.drive, DRIVE_LABELS[t.drive]) },
      { key: "peak-charge", zh: "最大充电功率", en: "Peak charging", cell: (t) => quantity(t.peakChargeKw, "kW") },
    ],
  },
  {
    key: "body",
    title: { zh: "车身与舒适", en: "Body and comfort" },
    rows: [
      { key: "body-type", zh: "车身类型", en: "Body", cell: (_, m) => label(m.bodyType, BODY_TYPE_LABELS[m.bodyType]) },
      {
        key: "seats",
        zh: "座位数",
        en: "Seats",
        cell: (t) => ({ kind: "spec", value: t.seats, text: { zh: `${t.seats} 座`, en: `${t.seats} seats` } }),
      },
      {
        key: "seat-material",
        zh: "座椅材质",
        en: "Seat material",
        cell: (t) => label(t.seatMaterial, SEAT_MATERIAL_LABELS[t.seatMaterial]),
      },
      {
        key: "dimensions",
        zh: "长 × 宽 × 高",
        en: "L × W × H",
        cell: (t) => {
          const text = `${t.lengthMm} × ${t.widthMm} × ${t.heightMm} mm`;
          return { kind: "spec", value: text, text: same(text) };
        },
      },
      { key: "wheelbase", zh: "轴距", en: "Wheelbase", cell: (t) => quantity(t.wheelbaseMm, "mm") },
      { key: "weight", zh: "整备质量", en: "Curb weight", cell: (t) => quantity(t.curbWeightKg, "kg") },
    ],
  },
  {
    key: "assistance",
    title: { zh: "辅助驾驶", en: "Driver assistance" },
    rows: [
      {
        key: "adas",
        zh: "辅助驾驶",
        en: "Driver assistance",
        cell: (t) => label(t.adasLevel, ADAS_LABELS[t.adasLevel]),
      },
    ],
  },
];

const EQUIPMENT_TITLES: Record<OptionGroupKind, Bilingual> = {
  paint: { zh: "车漆", en: "Paint" },
  wheels: { zh: "轮毂", en: "Wheels" },
  interior: { zh: "内饰", en: "Interior" },
  package: { zh: "套件", en: "Packages" },
  feature: { zh: "选装配置", en: "Features" },
};

/**
 * List value of the options a trim fits as standard, in fen.
 * @example standardValueFen(model, "stellan-s05:lr-rwd") // 1_200_000
 */
export function standardValueFen(model: CompareModel, trimId: string): number {
  let total = 0;
  for (const group of model.optionGroups)
    for (const option of group.options) if (option.standardOn.includes(trimId)) total += option.priceFen;
  return total;
}

/**
 * Builds the comparison of 1–4 distinct trims, in the order given, from the models they belong to.
 * Throws a RangeError for a trim id that none of `models` has, a duplicate, or a count out of range.
 * @example
 * const { columns, sections } = compareTrims([s05, s07], ["stellan-s05:lr-rwd", "stellan-s07:pro"]);
 * sections[0].rows[0].differs // true when the two prices differ
 */
export function compareTrims(models: readonly CompareModel[], trimIds: readonly string[]): Comparison {
  if (trimIds.length < 1 || trimIds.length > MAX_COMPARED_TRIMS)
    throw new RangeError(`compare 1–${MAX_COMPARED_TRIMS} trims, got ${trimIds.length}`);
  if (new Set(trimIds).size !== trimIds.length) throw new RangeError("trim ids must be distinct");
  const located = trimIds.map((id) => locate(models, id));
  return {
    columns: located.map(column),
    sections: [
      ...SPEC_SECTIONS.map((section) => ({
        key: section.key,
        title: section.title,
        rows: section.rows.map((row) =>
          withDiffers({
            key: row.key,
            label: { zh: row.zh, en: row.en },
            swatch: null,
            cells: located.map(({ model, trim }) => row.cell(trim, model)),
          }),
        ),
      })),
      ...equipmentSections(located),
    ],
  };
}

function locate(models: readonly CompareModel[], id: string): Located {
  for (const model of models) {
    const trim = model.trims.find((t) => t.id === id);
    if (trim) return { model, trim };
  }
  throw new RangeError(`no model has trim ${id}`);
}

function column({ model, trim }: Located): CompareColumn {
  return {
    brand: { slug: model.brand.slug, name: model.brand.name, nameEn: model.brand.nameEn },
    model: { slug: model.slug, name: model.name, nameEn: model.nameEn },
    trim: { id: trim.id, name: trim.name, nameEn: trim.nameEn },
    image: model.image && {
      url: model.image.url,
      alt: model.image.alt,
      altEn: model.image.altEn,
      width: model.image.width,
      height: model.image.height,
    },
    priceFen: trim.priceFen,
    standardValueFen: standardValueFen(model, trim.id),
  };
}

function equipmentSections(located: readonly Located[]): CompareSection[] {
  return OPTION_GROUP_KINDS.map((kind) => {
    const rows = new Map<string, Omit<CompareRow, "differs">>();
    located.forEach(({ model, trim }, index) => {
      for (const group of model.optionGroups.filter((g) => g.kind === kind)) {
        for (const option of group.options) {
          const cell = option.standardOn.includes(trim.id)
            ? equipmentCell("standard", null)
            : option.offeredOn.includes(trim.id)
              ? equipmentCell("optional", option.priceFen)
              : null;
          if (!cell) continue;
          const row = rows.get(option.name) ?? {
            key: `${kind}:${option.name}`,
            label: { zh: option.name, en: option.nameEn },
            swatch: option.swatch,
            cells: located.map(() => equipmentCell("unavailable", null)),
          };
          if (rank(cell) > rank(row.cells[index] as EquipmentCell)) row.cells[index] = cell;
          rows.set(option.name, row);
        }
      }
    });
    return { key: `equipment-${kind}`, title: EQUIPMENT_TITLES[kind], rows: [...rows.values()].map(withDiffers) };
  }).filter((section) => section.rows.length > 0);
}

const rank = (cell: EquipmentCell) => (cell.status === "standard" ? 2 : cell.status === "optional" ? 1 : 0);

function equipmentCell(status: EquipmentStatus, priceFen: number | null): EquipmentCell {
  if (status === "standard") return { kind: "equipment", status, priceFen, text: { zh: "标配", en: "Standard" } };
  if (status === "unavailable") return { kind: "equipment", status, priceFen, text: { zh: "无", en: "Not available" } };
  const fen = priceFen ?? 0;
  return {
    kind: "equipment",
    status,
    priceFen: fen,
    text:
      fen === 0
        ? { zh: "选装 免费", en: "Optional, free" }
        : { zh: `选装 +${formatYuan(fen, "zh")}`, en: `Optional +${formatYuan(fen, "en")}` },
  };
}

function withDiffers(row: Omit<CompareRow, "differs">): CompareRow {
  const [first, ...rest] = row.cells.map(cellKey);
  return { ...row, differs: rest.some((key) => key !== first) };
}

function cellKey(cell: CompareCell): string {
  return cell.kind === "spec" ? JSON.stringify(cell.value) : `${cell.status}:${cell.priceFen}`;
}
