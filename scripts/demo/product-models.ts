import type { ProductModel } from "../../domain/configurator/product-model.ts";
import { evaluate } from "../../domain/configurator/semantics.ts";
import type { DemoData } from "./rows.ts";

type Text = { zh: string; en: string };

/**
 * The configurator rule base of a demo model, from its catalogue: a trim group, the option
 * groups, "not offered on this trim" and "standard on this trim" rules, standard options free on
 * their trims, and a few cross-option rules of the kind real price lists have (kept only where
 * every trim's standard equipment obeys them).
 * @example productModelOf(demo, "stellan-s05").groups[0].code // "TRIM"
 */
export function productModelOf(demo: DemoData, modelId: string): ProductModel {
  const model = demo.models.find((m) => m.id === modelId);
  if (!model) throw new Error(`no demo model ${modelId}`);
  const trims = demo.trims.filter((t) => t.modelId === modelId);
  const groups = demo.optionGroups.filter((g) => g.modelId === modelId);
  const options = demo.options.filter((o) => o.modelId === modelId);
  const codeOf = new Map(options.map((o) => [o.id, o.code]));
  const trimCode = (id: string) => `trim:${id.split(":").at(-1)}`;
  const offered = (trimId: string) => demo.trimOptions.filter((x) => x.trimId === trimId);
  const rules: ProductModel["rules"] = [];
  const prices: ProductModel["prices"] = [];
  for (const trim of trims) {
    const trimName: Text = { zh: trim.name, en: trim.nameEn };
    const here = offered(trim.id);
    for (const option of options) {
      const offer = here.find((x) => x.optionId === option.id);
      const optionName: Text = { zh: option.name, en: option.nameEn };
      if (!offer) {
        rules.push({
          id: `${trimCode(trim.id)}:no:${option.code}`,
          constraint: { implies: [{ option: trimCode(trim.id) }, { not: { option: option.code } }] },
          message: {
            zh: `${trimName.zh}不提供${optionName.zh}`,
            en: `${optionName.en} is not offered on ${trimName.en}`,
          },
        });
        continue;
      }
      if (!offer.standard) continue;
      prices.push({
        option: option.code,
        priceFen: 0,
        when: { option: trimCode(trim.id) },
        label: { zh: `${trimName.zh}标配`, en: `Standard on ${trimName.en}` },
      });
      const group = groups.find((g) => g.id === option.groupId);
      if (group?.selection === "any") {
        rules.push({
          id: `${trimCode(trim.id)}:std:${option.code}`,
          constraint: { implies: [{ option: trimCode(trim.id) }, { option: option.code }] },
          message: { zh: `${trimName.zh}标配${optionName.zh}`, en: `${trimName.en} comes with ${optionName.en}` },
        });
      }
    }
  }
  const standardConfigs = trims.map(
    (trim) =>
      new Set([
        trimCode(trim.id),
        ...offered(trim.id)
          .filter((x) => x.standard)
          .map((x) => codeOf.get(x.optionId) as string),
      ]),
  );
  const crossRules: ProductModel["rules"] = [];
  const has = (code: string) => options.some((o) => o.code === code);
  const wheels = options.filter((o) => o.code.startsWith("wheels-")).sort((a, b) => a.code.localeCompare(b.code));
  const largest = wheels.at(-1);
  if (has("pkg-sport") && largest && wheels.length > 1) {
    crossRules.push({
      id: "sport-big-wheels",
      constraint: { implies: [{ option: "pkg-sport" }, { option: largest.code }] },
      message: { zh: `运动套件搭配${largest.name}`, en: `The Sport package comes with ${largest.nameEn}` },
    });
  }
  if (has("feat-air-suspension") && has("pkg-comfort")) {
    crossRules.push({
      id: "air-suspension-comfort",
      constraint: { implies: [{ option: "feat-air-suspension" }, { option: "pkg-comfort" }] },
      message: { zh: "空气悬架需选装舒适套件", en: "Air suspension needs the Comfort package" },
    });
  }
  if (has("pkg-sport") && has("feat-tow-hitch")) {
    crossRules.push({
      id: "sport-no-tow",
      constraint: { not: { and: [{ option: "pkg-sport" }, { option: "feat-tow-hitch" }] } },
      message: { zh: "运动套件与拖车钩不可同选", en: "The Sport package and the tow hitch cannot be combined" },
    });
  }
  rules.push(...crossRules.filter((rule) => standardConfigs.every((config) => evaluate(rule.constraint, config))));
  const swatchRender = (material: string, swatch: string | null | undefined) =>
    swatch ? [{ material, set: { albedo: swatch } }] : [];
  const paintRender = (name: Text, swatch: string | null | undefined) =>
    swatch ? [{ material: "paint", set: { albedo: swatch, ...paintFinish(name) } }] : [];
  return {
    id: model.id,
    version: 1,
    name: { zh: model.name, en: model.nameEn },
    options: [
      ...trims.map((trim, i) => ({
        code: trimCode(trim.id),
        name: { zh: trim.name, en: trim.nameEn },
        priceFen: trim.priceFen,
        includes: [],
        popularity: Math.max(0.05, 0.45 - i * 0.1),
        render: [],
      })),
      ...options.map((option) => {
        const kind = groups.find((g) => g.id === option.groupId)?.kind;
        return {
          code: option.code,
          name: { zh: option.name, en: option.nameEn },
          priceFen: option.priceFen,
          includes: [],
          popularity: option.priceFen === 0 ? 0.6 : Math.max(0.05, 0.4 - option.priceFen / 10_000_000),
          render:
            kind === "paint"
              ? paintRender({ zh: option.name, en: option.nameEn }, option.swatch)
              : kind === "interior"
                ? swatchRender("interior", option.swatch)
                : kind === "wheels"
                  ? [{ show: option.code }]
                  : option.code === "feat-roof"
                    ? [{ show: "roof-1" }]
                    : [],
        };
      }),
    ],
    groups: [
      {
        code: "TRIM",
        name: { zh: "版本", en: "Trim" },
        parent: null,
        min: 1,
        max: 1,
        options: trims.map((t) => trimCode(t.id)),
      },
      ...groups.map((group) => ({
        code: group.code,
        name: { zh: group.name, en: group.nameEn },
        parent: null,
        min: group.selection === "one" ? 1 : 0,
        max: group.selection === "one" ? 1 : null,
        options: options.filter((o) => o.groupId === group.id).map((o) => codeOf.get(o.id) as string),
      })),
    ],
    rules,
    prices,
  };
}

/**
 * How a paint's surface takes light, read from its name: matte paints (哑光, 磨砂, matte, satin)
 * are rough with no clearcoat; metal-flake and pearl paints (silver, gold, titanium, pearl,
 * champagne, liquid metal) are strongly metallic; every other paint is a glossy metallic under a
 * clearcoat. The 3D viewer blends between finishes when the paint changes.
 * @example paintFinish({ zh: "哑光橄榄", en: "Matte Olive" }) // { metallic: 0.15, roughness: 0.78, clearcoat: 0 }
 */
function paintFinish(name: Text): { metallic: number; roughness: number; clearcoat: number } {
  const words = `${name.zh} ${name.en}`;
  if (/哑光|磨砂|亚光|matte|satin|frozen/i.test(words)) return { metallic: 0.15, roughness: 0.78, clearcoat: 0 };
  if (/银|金|钛|珍珠|液态|silver|gold|titanium|pearl|champagne|liquid/i.test(words))
    return { metallic: 0.7, roughness: 0.26, clearcoat: 1 };
  return { metallic: 0.55, roughness: 0.3, clearcoat: 1 };
}
