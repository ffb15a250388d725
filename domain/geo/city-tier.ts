/** City tiers as used in Chinese retail: 1, new tier 1, 2, 3, 4, 5. */
export const CITY_TIERS = ["1", "new1", "2", "3", "4", "5"] as const;
export type CityTier = (typeof CITY_TIERS)[number];

/** Display labels of the tiers, Chinese first. */
export const CITY_TIER_LABELS: Record<CityTier, { zh: string; en: string }> = {
  "1": { zh: "一线城市", en: "Tier 1" },
  new1: { zh: "新一线城市", en: "New tier 1" },
  "2": { zh: "二线城市", en: "Tier 2" },
  "3": { zh: "三线城市", en: "Tier 3" },
  "4": { zh: "四线城市", en: "Tier 4" },
  "5": { zh: "五线城市", en: "Tier 5" },
};
