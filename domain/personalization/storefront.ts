/**
 * What the storefront shows for a decision: the copy of the hero blocks a rule picks by id, trims
 * in the order a decision highlights them, and the trim an instalment offer is quoted for.
 */

/** A bilingual text, Chinese first. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** The model page module a hero's call to action leads to (`#finance`, `#specs`, `#trims`). */
export type HeroTarget = "finance" | "specs" | "trims";

/** A hero block: headline, subline and a call to action, in both languages. */
export interface HeroCopy {
  id: string;
  headline: Bilingual;
  subline: Bilingual;
  cta: { target: HeroTarget; label: Bilingual };
}

/** What a hero says about the model it is shown with. */
export interface HeroFacts {
  trimCount: number;
}

const HEROES: Record<string, (facts: HeroFacts) => Omit<HeroCopy, "id">> = {
  "hero-instalments": () => ({
    headline: { zh: "分期购车，轻松开回家", en: "Drive it home, pay monthly" },
    subline: {
      zh: "首付低、月供轻，多种金融方案任选。",
      en: "A low down payment, light monthly payments and plans to choose from.",
    },
    cta: { target: "finance", label: { zh: "查看分期方案", en: "See instalment plans" } },
  }),
  "hero-flagship": ({ trimCount }) => ({
    headline: { zh: "参数逐项对比，选得明明白白", en: "Every spec side by side, so you choose with confidence" },
    subline: {
      zh: `${trimCount} 个版本的续航、性能与辅助驾驶并排对比。`,
      en: `${trimCount === 1 ? "One trim" : `${trimCount} trims`} side by side: range, performance and driver assistance.`,
    },
    cta: { target: "specs", label: { zh: "查看参数对比", en: "Compare the specs" } },
  }),
  "hero-range": ({ trimCount }) => ({
    headline:
      trimCount === 1
        ? { zh: "一个版本，配置齐全", en: "One trim, fully equipped" }
        : { zh: `${trimCount} 个版本，总有一款适合你`, en: `${trimCount} trims, one made for you` },
    subline: { zh: "续航、性能与配置，按需选择。", en: "Choose the range, performance and equipment you need." },
    cta: { target: "trims", label: { zh: "查看版本与价格", en: "See trims and prices" } },
  }),
};

/**
 * The hero block a decision names, worded for a model; null for an id the storefront has no copy for.
 * @example heroCopy("hero-range", { trimCount: 3 })?.headline.zh // "3 个版本，总有一款适合你"
 */
export function heroCopy(id: string | undefined, facts: HeroFacts): HeroCopy | null {
  const copy = id === undefined ? undefined : HEROES[id];
  return copy ? { id: id as string, ...copy(facts) } : null;
}

/**
 * Highlighted trims first, otherwise in the given order.
 * @example orderTrims([{ id: "a" }, { id: "b" }], ["b"]) // [{ id: "b" }, { id: "a" }]
 */
export function orderTrims<T extends { id: string }>(trims: readonly T[], highlighted: readonly string[] = []): T[] {
  return [
    ...trims.filter((trim) => highlighted.includes(trim.id)),
    ...trims.filter((trim) => !highlighted.includes(trim.id)),
  ];
}

/**
 * The trim an offer is quoted for: the cheapest highlighted one, else the cheapest.
 * @example offerTrim([{ id: "a", priceFen: 2 }, { id: "b", priceFen: 3 }], ["b"])?.id // "b"
 */
export function offerTrim<T extends { id: string; priceFen: number }>(
  trims: readonly T[],
  highlighted: readonly string[] = [],
): T | undefined {
  const picked = trims.filter((trim) => highlighted.includes(trim.id));
  return (picked.length > 0 ? picked : trims).reduce<T | undefined>(
    (cheapest, trim) => (cheapest === undefined || trim.priceFen < cheapest.priceFen ? trim : cheapest),
    undefined,
  );
}
