import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allSelections } from "./arbitrary-model.ts";
import { compileModel } from "./compile.ts";
import { parseProductModel } from "./product-model.ts";
import { Reasoner } from "./reasoner.ts";
import { violations } from "./semantics.ts";
import { parseUvl, serializeUvl, type UvlExpr, type UvlFeature, type UvlGroup, type UvlModel } from "./uvl.ts";
import { productModelFromUvl, uvlFromProductModel } from "./uvl-model.ts";

const CAR = `namespace Car
features
\tCar
\t\tmandatory
\t\t\tBody
\t\t\t\talternative
\t\t\t\t\tSedan {label "轿车", labelEn "Sedan", priceFen 0}
\t\t\t\t\tSUV {label "SUV", priceFen 2000000}
\t\t\tWheels
\t\t\t\talternative
\t\t\t\t\tW19
\t\t\t\t\tW21 {priceFen 1200000}
\t\toptional
\t\t\tSportPackage {label "运动套件", priceFen 1800000}
\t\t\tTow
constraints
\tW21 => SportPackage
\t!(Tow & SportPackage)
`;

function boundsOf(group: UvlGroup): [number, number] {
  const n = group.children.length;
  if (group.kind === "cardinality") return [group.min, group.max === "*" ? n : group.max];
  return { mandatory: [n, n], optional: [0, n], alternative: [1, 1], or: [1, n] }[group.kind] as [number, number];
}

/** What a UVL model allows, straight from the language's definition. */
function uvlAllows(model: UvlModel, chosen: ReadonlySet<string>): boolean {
  const holds = (e: UvlExpr): boolean =>
    "var" in e
      ? chosen.has(e.var)
      : "not" in e
        ? !holds(e.not)
        : "and" in e
          ? holds(e.and[0]) && holds(e.and[1])
          : "or" in e
            ? holds(e.or[0]) || holds(e.or[1])
            : "implies" in e
              ? !holds(e.implies[0]) || holds(e.implies[1])
              : holds(e.iff[0]) === holds(e.iff[1]);
  if (!chosen.has(model.root.name)) return false;
  const pending = [model.root];
  for (let feature = pending.pop(); feature; feature = pending.pop()) {
    for (const group of feature.groups) {
      const count = group.children.filter((child) => chosen.has(child.name)).length;
      const [min, max] = boundsOf(group);
      if (chosen.has(feature.name) ? count < min || count > max : count > 0) return false;
      pending.push(...group.children);
    }
  }
  return model.constraints.every(holds);
}

const smallUvl: fc.Arbitrary<UvlModel> = fc.integer({ min: 2, max: 8 }).chain((n) => {
  const names = Array.from({ length: n }, (_, i) => `F${i}`);
  const expr: fc.Arbitrary<UvlExpr> = fc.letrec<{ e: UvlExpr }>((tie) => ({
    e: fc.oneof(
      { depthSize: "small" },
      fc.constantFrom(...names).map((name) => ({ var: name })),
      tie("e").map((e) => ({ not: e })),
      fc.tuple(tie("e"), tie("e")).map((pair) => ({ and: pair })),
      fc.tuple(tie("e"), tie("e")).map((pair) => ({ or: pair })),
      fc.tuple(tie("e"), tie("e")).map((pair) => ({ implies: pair })),
    ),
  })).e;
  return fc
    .record({
      parents: fc.tuple(...names.slice(1).map((_, i) => fc.nat(i))),
      kinds: fc.array(fc.constantFrom("mandatory", "optional", "alternative", "or", "card" as const), {
        minLength: n,
        maxLength: n,
      }),
      constraints: fc.array(expr, { maxLength: 3 }),
    })
    .map(({ parents, kinds, constraints }) => {
      const features: UvlFeature[] = names.map((name) => ({ name, attributes: {}, groups: [] }));
      parents.forEach((parent, i) => {
        const owner = features[parent] as UvlFeature;
        const kind = kinds[parent] ?? "optional";
        let group = owner.groups[0];
        if (!group) {
          group =
            kind === "card"
              ? { kind: "cardinality", min: 1, max: 2, children: [] }
              : ({ kind, children: [] } as UvlGroup);
          owner.groups.push(group);
        }
        group.children.push(features[i + 1] as UvlFeature);
      });
      return { root: features[0] as UvlFeature, constraints };
    });
});

describe("UVL to product model", () => {
  it("keeps exactly the configurations the UVL model allows (brute force)", () => {
    fc.assert(
      fc.property(smallUvl, (uvl) => {
        const model = productModelFromUvl(uvl, { id: "m", version: 1 });
        expect(parseProductModel(model).ok).toBe(true);
        for (const chosen of allSelections(model)) {
          expect(violations(model, chosen).length === 0, [...chosen].join(",")).toBe(uvlAllows(uvl, chosen));
        }
      }),
      { numRuns: 200 },
    );
  });

  it("exports to UVL text that imports back to the same product model", () => {
    fc.assert(
      fc.property(smallUvl, (uvl) => {
        const model = productModelFromUvl(uvl, { id: "m", version: 1 });
        const back = uvlFromProductModel(model);
        expect(back.ok).toBe(true);
        if (!back.ok) return;
        const reparsed = parseUvl(serializeUvl(back.model));
        expect(reparsed.ok && productModelFromUvl(reparsed.model, { id: "m", version: 1 })).toEqual({
          ...model,
          name: { zh: "F0", en: "F0" },
        });
      }),
    );
  });

  it("imports a car written in UVL with names and prices, and reasons about it", () => {
    const parsed = parseUvl(CAR);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const model = productModelFromUvl(parsed.model, { id: "car", version: 1 });
    expect(model.options.find((o) => o.code === "SportPackage")).toMatchObject({
      name: { zh: "运动套件", en: "运动套件" },
      priceFen: 1_800_000,
    });
    expect(model.options.find((o) => o.code === "Sedan")?.name).toEqual({ zh: "轿车", en: "Sedan" });
    const states = new Reasoner(compileModel(model)).propagate([{ option: "Tow", selected: true }]);
    expect(states.status === "ok" && states.states.get("W21")).toBe("excluded");
    expect(states.status === "ok" && states.states.get("W19")).toBe("forced");
    expect(states.status === "ok" && states.states.get("Car")).toBe("forced");
  });

  it("refuses to export a model whose groups are not a tree", () => {
    const result = uvlFromProductModel({
      id: "x",
      version: 1,
      name: { zh: "", en: "" },
      options: [],
      groups: [],
      rules: [],
      prices: [],
    });
    expect(result).toEqual({ ok: false, reason: "the model has no root feature" });
  });
});
