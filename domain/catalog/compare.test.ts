import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CompareModel,
  type CompareRow,
  type CompareTrim,
  compareTrims,
  type EquipmentCell,
  standardValueFen,
} from "./compare.ts";

const trim = (id: string, changes: Partial<CompareTrim> = {}): CompareTrim => ({
  id,
  name: `版本 ${id}`,
  nameEn: `Trim ${id}`,
  priceFen: 25_990_000,
  powertrain: "BEV",
  cltcRangeKm: 600,
  electricRangeKm: 600,
  batteryKwh: 80,
  fuelLPer100km: null,
  zeroToHundredS: 5.5,
  powerKw: 250,
  torqueNm: 450,
  topSpeedKmh: 200,
  seats: 5,
  seatMaterial: "leatherette",
  drive: "RWD",
  lengthMm: 4850,
  widthMm: 1890,
  heightMm: 1450,
  wheelbaseMm: 2900,
  curbWeightKg: 1900,
  adasLevel: "L2+",
  peakChargeKw: 250,
  ...changes,
});

type Option = CompareModel["optionGroups"][number]["options"][number];
const option = (name: string, priceFen: number, standardOn: string[], offeredOn: string[] = standardOn): Option => ({
  name,
  nameEn: name,
  priceFen,
  swatch: null,
  standardOn,
  offeredOn,
});

const model = (slug: string, trims: CompareTrim[], groups: CompareModel["optionGroups"] = []): CompareModel => ({
  slug,
  name: slug,
  nameEn: slug,
  bodyType: "sedan",
  brand: { slug: "stellan", name: "星曜", nameEn: "Stellan" },
  image: null,
  trims,
  optionGroups: groups,
});

const rows = (models: CompareModel[], ids: string[]): CompareRow[] =>
  compareTrims(models, ids).sections.flatMap((section) => section.rows);
const row = (models: CompareModel[], ids: string[], key: string) => rows(models, ids).find((r) => r.key === key);

const s05 = model(
  "s05",
  [trim("s05:std"), trim("s05:pro", { priceFen: 28_990_000, drive: "AWD", powerKw: 390 })],
  [
    {
      kind: "paint",
      options: [option("极地白", 0, ["s05:std", "s05:pro"]), option("熔岩红", 800_000, [], ["s05:std", "s05:pro"])],
    },
    {
      kind: "wheels",
      options: [
        option("19 英寸轮毂", 0, ["s05:std"]),
        option("20 英寸轮毂", 600_000, ["s05:pro"], ["s05:std", "s05:pro"]),
      ],
    },
    { kind: "package", options: [option("智驾套件", 2_500_000, ["s05:pro"], ["s05:std", "s05:pro"])] },
  ],
);
const s07 = model(
  "s07",
  [trim("s07:max", { priceFen: 35_990_000, seats: 7 })],
  [
    { kind: "paint", options: [option("曜石黑", 0, ["s07:max"])] },
    { kind: "package", options: [option("智驾套件", 3_000_000, [], ["s07:max"])] },
  ],
);

describe("compareTrims", () => {
  it("puts one column per trim, in the order asked, with brand, model, price and standard equipment value", () => {
    const { columns } = compareTrims([s05, s07], ["s07:max", "s05:pro"]);
    expect(columns.map((c) => c.trim.id)).toEqual(["s07:max", "s05:pro"]);
    expect(columns.map((c) => c.model.slug)).toEqual(["s07", "s05"]);
    expect(columns.map((c) => c.priceFen)).toEqual([35_990_000, 28_990_000]);
    expect(columns.map((c) => c.standardValueFen)).toEqual([0, 600_000 + 2_500_000]);
  });

  it("sums the list prices of exactly the options a trim fits as standard", () => {
    expect(standardValueFen(s05, "s05:std")).toBe(0);
    expect(standardValueFen(s05, "s05:pro")).toBe(3_100_000);
    expect(row([s05], ["s05:std", "s05:pro"], "standard-value")?.cells.map((c) => c.text.zh)).toEqual([
      "¥0",
      "¥31,000",
    ]);
  });

  it("flags a spec row as differing exactly when its values differ", () => {
    const all = rows([s05], ["s05:std", "s05:pro"]);
    const differing = all.filter((r) => r.differs && !r.key.includes(":")).map((r) => r.key);
    expect(differing.sort()).toEqual(["drive", "power", "price", "standard-value"]);
  });

  it("matches equipment across models by option name and says standard, optional with price, or not available", () => {
    const models = [s05, s07];
    const pack = row(models, ["s05:pro", "s07:max"], "package:智驾套件");
    expect(pack?.cells.map((c) => (c as EquipmentCell).status)).toEqual(["standard", "optional"]);
    expect(pack?.cells[1]?.text).toEqual({ zh: "选装 +¥30,000", en: "Optional +¥30,000" });
    expect(pack?.differs).toBe(true);
    const red = row(models, ["s05:pro", "s07:max"], "paint:熔岩红");
    expect(red?.cells.map((c) => (c as EquipmentCell).status)).toEqual(["optional", "unavailable"]);
    const both = row(models, ["s05:std", "s05:pro"], "paint:熔岩红");
    expect(both?.differs).toBe(false);
  });

  it("gives no row to an option that none of the compared trims can have", () => {
    const keys = rows([s05], ["s05:pro"]).map((r) => r.key);
    expect(keys).toContain("wheels:20 英寸轮毂");
    expect(keys).not.toContain("wheels:19 英寸轮毂");
    expect(rows([s05], ["s05:std", "s05:pro"]).map((r) => r.key)).toContain("wheels:19 英寸轮毂");
  });

  it("groups equipment by option-group kind and leaves out kinds no trim has", () => {
    const keys = compareTrims([s05, s07], ["s05:std", "s07:max"]).sections.map((s) => s.key);
    expect(keys).toEqual([
      "price",
      "powertrain",
      "body",
      "assistance",
      "equipment-paint",
      "equipment-wheels",
      "equipment-package",
    ]);
  });

  it("refuses an unknown trim, a duplicate, none, or more than four", () => {
    expect(() => compareTrims([s05], ["s05:nope"])).toThrow(RangeError);
    expect(() => compareTrims([s05], ["s05:std", "s05:std"])).toThrow(RangeError);
    expect(() => compareTrims([s05], [])).toThrow(RangeError);
    const five = model(
      "m",
      ["a", "b", "c", "d", "e"].map((id) => trim(id)),
    );
    expect(() => compareTrims([five], ["a", "b", "c", "d", "e"])).toThrow(RangeError);
  });
});

const SPEC_CHANGES: Record<string, fc.Arbitrary<Partial<CompareTrim>>> = {
  price: fc.integer({ min: 1, max: 1e9 }).map((priceFen) => ({ priceFen })),
  range: fc.integer({ min: 100, max: 1200 }).map((cltcRangeKm) => ({ cltcRangeKm })),
  power: fc.integer({ min: 50, max: 900 }).map((powerKw) => ({ powerKw })),
  acceleration: fc.double({ min: 2, max: 15, noNaN: true }).map((zeroToHundredS) => ({ zeroToHundredS })),
  seats: fc.integer({ min: 2, max: 9 }).map((seats) => ({ seats })),
  "seat-material": fc.constantFrom("fabric", "leather", "nappa" as const).map((seatMaterial) => ({ seatMaterial })),
  dimensions: fc.integer({ min: 3000, max: 6000 }).map((lengthMm) => ({ lengthMm })),
  adas: fc.constantFrom("L2", "L2++" as const).map((adasLevel) => ({ adasLevel })),
};

describe("compareTrims, property-based", () => {
  const clone = (source: CompareModel, slug: string, changes: Partial<CompareTrim>): CompareModel => {
    const ids = new Map(source.trims.map((t) => [t.id, `${slug}:${t.id}`]));
    const rename = (list: string[]) => list.map((id) => ids.get(id) ?? id);
    return {
      ...source,
      slug,
      trims: source.trims.map((t) => ({ ...t, ...changes, id: ids.get(t.id) ?? t.id })),
      optionGroups: source.optionGroups.map((g) => ({
        ...g,
        options: g.options.map((o) => ({ ...o, standardOn: rename(o.standardOn), offeredOn: rename(o.offeredOn) })),
      })),
    };
  };

  it("a trim beside an identical copy from another model differs in no row; one changed spec differs in that row only", () => {
    fc.assert(
      fc.property(
        fc
          .constantFrom(...Object.keys(SPEC_CHANGES))
          .chain((key) => fc.tuple(fc.constant(key), SPEC_CHANGES[key] as fc.Arbitrary<Partial<CompareTrim>>)),
        ([key, changes]) => {
          const copy = clone(s05, "copy", {});
          expect(rows([s05, copy], ["s05:pro", "copy:s05:pro"]).filter((r) => r.differs)).toEqual([]);
          const changed = clone(s05, "changed", changes);
          const base = s05.trims[1] as CompareTrim;
          const expected = Object.entries(changes).some(([field, value]) => base[field as keyof CompareTrim] !== value)
            ? [key]
            : [];
          const differing = rows([s05, changed], ["s05:pro", "changed:s05:pro"]).filter((r) => r.differs);
          expect(differing.map((r) => r.key)).toEqual(expected);
        },
      ),
    );
  });

  it("the standard equipment value grows by exactly the price of an option made standard, and not at all for one made optional", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.boolean(),
        fc.constantFrom("paint", "wheels", "interior", "package", "feature" as const),
        (priceFen, standard, kind) => {
          const before = standardValueFen(s05, "s05:std");
          const extra = option("新增配置", priceFen, standard ? ["s05:std"] : [], ["s05:std"]);
          const after = { ...s05, optionGroups: [...s05.optionGroups, { kind, options: [extra] }] };
          expect(standardValueFen(after, "s05:std")).toBe(before + (standard ? priceFen : 0));
          const cell = row([after], ["s05:std"], `${kind}:新增配置`)?.cells[0] as EquipmentCell;
          expect(cell.status).toBe(standard ? "standard" : "optional");
        },
      ),
    );
  });

  it("every row has one cell per trim, and a single trim differs from nothing", () => {
    fc.assert(
      fc.property(fc.subarray(["s05:std", "s05:pro", "s07:max"], { minLength: 1 }), (ids) => {
        const all = rows([s05, s07], ids);
        for (const r of all) expect(r.cells).toHaveLength(ids.length);
        if (ids.length === 1) expect(all.some((r) => r.differs)).toBe(false);
      }),
    );
  });
});
