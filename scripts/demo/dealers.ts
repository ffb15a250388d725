/**
 * Demo dealers: how many a city gets follows its tier, which brands they sell follows each brand's
 * presence by tier (the rugged brand is stronger in the west), and every tier-1 and new-tier-1 city
 * has all four brands.
 */
import { DEALER_SERVICES, type DealerService, type OpeningHours, WEEKDAYS } from "../../domain/catalog/types.ts";
import type { City } from "../../domain/geo/cities.ts";
import type { CityTier } from "../../domain/geo/city-tier.ts";
import { AREA_CODES, type Area, DISTRICTS, GENERIC_AREAS, ROADS } from "./content/places.ts";
import type { BrandContent, DealerFormat } from "./content/types.ts";
import type { Prng } from "./prng.ts";
import type { DealerRow } from "./rows.ts";

const TIER_INDEX: Record<CityTier, number> = { "1": 0, new1: 1, "2": 2, "3": 3, "4": 4, "5": 5 };
const RADIUS_KM: Record<CityTier, number> = { "1": 15, new1: 12, "2": 10, "3": 8, "4": 6, "5": 5 };
const WESTERN_PROVINCES = ["新疆", "西藏", "青海", "内蒙古", "甘肃", "宁夏", "四川", "云南"];
const ETHNIC_SUFFIX =
  /(?:蒙古族|蒙古|哈萨克|柯尔克孜|朝鲜族|土家族|苗族|藏族|羌族|彝族|布依族|侗族|哈尼族|傣族|景颇族|傈僳族|白族|壮族|回族)+自治州$/;

/**
 * How many dealers (of all brands together) a city of this tier gets: tier 1 9–12, new tier 1 6–8,
 * tier 2 3–4, tier 3 1–2, tier 4 0–1, tier 5 mostly none.
 * @example dealerCountFor("1", rng) // 9 to 12
 */
export function dealerCountFor(tier: CityTier, rng: Prng): number {
  switch (tier) {
    case "1":
      return rng.int(9, 12);
    case "new1":
      return rng.int(6, 8);
    case "2":
      return rng.int(4, 5);
    case "3":
      return rng.int(2, 3);
    case "4":
      return rng.chance(0.6) ? 2 : 1;
    case "5":
      return rng.chance(0.5) ? 1 : 0;
  }
}

/**
 * A city's name as used inside a dealer's name: "深圳市" → "深圳", "延边朝鲜族自治州" → "延边".
 * @example cityShortName("锡林郭勒盟") // "锡林郭勒"
 */
export function cityShortName(name: string): string {
  return name.replace(ETHNIC_SUFFIX, "").replace(/(市|地区|盟|自治州)$/, "");
}

/**
 * Dealers of every brand in every city, ids `${brandSlug}-${cityCode}-${n}`.
 * @example
 * const dealers = buildDealers(BRANDS, CITIES, createPrng(deriveSeed(42, "dealers")));
 * dealers[0].name // "星澜北京大兴城市展厅"
 */
export function buildDealers(brands: readonly BrandContent[], cities: readonly City[], rng: Prng): DealerRow[] {
  const dealers: DealerRow[] = [];
  const countByBrand = new Map<string, number>();
  for (const city of cities) {
    const brandsHere = brandsForCity(brands, city, dealerCountFor(city.tier, rng), rng);
    dealers.push(...cityDealers(city, brandsHere, rng));
    for (const brand of brandsHere) countByBrand.set(brand.slug, (countByBrand.get(brand.slug) ?? 0) + 1);
  }
  const biggest = [...cities].sort((a, b) => TIER_INDEX[a.tier] - TIER_INDEX[b.tier])[0];
  const missing = brands.filter((brand) => !countByBrand.has(brand.slug));
  if (biggest && missing.length > 0) dealers.push(...cityDealers(biggest, missing, rng));
  return dealers;
}

function brandsForCity(brands: readonly BrandContent[], city: City, count: number, rng: Prng): BrandContent[] {
  const western = WESTERN_PROVINCES.some((province) => city.province.startsWith(province));
  const weights = brands.map((brand) => {
    const presence = brand.presence[TIER_INDEX[city.tier]] ?? 0;
    return brand.character === "rugged-erev" && western ? presence * 2.5 : presence;
  });
  const everyBrand = (city.tier === "1" || city.tier === "new1") && count >= brands.length;
  const chosen: BrandContent[] = everyBrand ? [...brands] : [];
  while (chosen.length < count) chosen.push(rng.weighted(brands, weights));
  return brands.flatMap((brand) => chosen.filter((candidate) => candidate === brand));
}

function cityDealers(city: City, brands: readonly BrandContent[], rng: Prng): DealerRow[] {
  const short = cityShortName(city.name);
  const cityEn = city.name.endsWith("市") ? city.cfCity : city.pinyin;
  const districts = DISTRICTS[short];
  const areaCode = AREA_CODES[short];
  const pickArea = areaPicker(rng.shuffle(districts ?? GENERIC_AREAS));
  const dealers: DealerRow[] = [];
  brands.forEach((brand, index) => {
    const sequence = brands.slice(0, index).filter((other) => other === brand).length + 1;
    const { area, suffix } = pickArea(brand.slug);
    const format = rng.weighted(
      brand.dealerFormats,
      brand.dealerFormats.map((f) => f.weight),
    );
    const road = rng.pick(ROADS);
    const number = rng.int(1, 60) * (rng.chance(0.5) ? 1 : 8);
    const point = nearby(city, RADIUS_KM[city.tier], rng);
    dealers.push({
      id: `${brand.slug}-${city.code}-${sequence}`,
      brandId: brand.slug,
      cityCode: city.code,
      name: `${brand.name}${short}${area.short}${suffix}${format.name}`,
      nameEn: `${brand.nameEn} ${cityEn} ${area.en}${suffix ? ` ${suffix}` : ""} ${format.nameEn}`,
      address: `${city.name}${area.zh}${road.zh}${number}号`,
      addressEn: [`No. ${number} ${road.en}`, area.enFull, cityEn].filter(Boolean).join(", "),
      lat: point.lat,
      lon: point.lon,
      phone: areaCode
        ? `${areaCode}-${rng.int(2, 8)}${digits(7, rng)}`
        : `400-${rng.int(1, 9)}${digits(2, rng)}-${digits(4, rng)}`,
      hours: openingHours(format, rng),
      services: services(brand, format, rng),
    });
  });
  return dealers;
}

/** Spreads a city's dealers over its areas: a brand never repeats an area while it has unused ones. */
function areaPicker(areas: readonly Area[]): (brandSlug: string) => { area: Area; suffix: string } {
  const dealersInArea = areas.map(() => 0);
  const usedByBrand = new Map<string, number[]>();
  return (brandSlug) => {
    const used = usedByBrand.get(brandSlug) ?? [];
    usedByBrand.set(brandSlug, used);
    let best = -1;
    areas.forEach((_, index) => {
      if (used.includes(index)) return;
      if (best < 0 || (dealersInArea[index] as number) < (dealersInArea[best] as number)) best = index;
    });
    const areaIndex = best >= 0 ? best : used.length % areas.length;
    const round = Math.floor(used.length / areas.length);
    used.push(areaIndex);
    dealersInArea[areaIndex] = (dealersInArea[areaIndex] as number) + 1;
    return { area: areas[areaIndex] as Area, suffix: round > 0 ? String(round + 1) : "" };
  };
}

function nearby(city: City, radiusKm: number, rng: Prng): { lat: number; lon: number } {
  const distanceKm = 0.8 + (radiusKm - 0.8) * Math.sqrt(rng.next());
  const bearing = rng.float(0, 2 * Math.PI);
  const lat = city.lat + (distanceKm * Math.cos(bearing)) / 111.32;
  const lon = city.lon + (distanceKm * Math.sin(bearing)) / (111.32 * Math.cos((city.lat * Math.PI) / 180));
  return { lat: Math.round(lat * 1e6) / 1e6, lon: Math.round(lon * 1e6) / 1e6 };
}

function openingHours(format: DealerFormat, rng: Prng): OpeningHours {
  if (format.showroom) return Object.fromEntries(WEEKDAYS.map((day) => [day, { open: "10:00", close: "22:00" }]));
  const open = rng.pick(["08:30", "09:00", "09:00", "09:30"]);
  const close = rng.pick(["18:00", "18:30", "20:00", "21:00", "21:00"]);
  const closedOnMonday = rng.chance(0.12);
  return Object.fromEntries(
    WEEKDAYS.filter((day) => !(closedOnMonday && day === "mon")).map((day) => [day, { open, close }]),
  );
}

function services(brand: BrandContent, format: DealerFormat, rng: Prng): DealerService[] {
  const chargingChance = format.showroom
    ? 0.15
    : { "premium-bev": 0.85, "mass-nev": 0.75, "rugged-erev": 0.6, luxury: 0.4 }[brand.character];
  const offered = new Set<DealerService>(["sales"]);
  if (rng.chance(format.showroom ? 0.85 : 0.95)) offered.add("test_drive");
  if (!format.showroom && rng.chance(0.85)) offered.add("service");
  if (rng.chance(chargingChance)) offered.add("charging");
  if (!format.showroom && rng.chance(0.5)) offered.add("body_shop");
  if (!format.showroom && rng.chance(0.6)) offered.add("delivery");
  for (const service of format.services ?? []) offered.add(service);
  return DEALER_SERVICES.filter((service) => offered.has(service));
}

function digits(count: number, rng: Prng): string {
  let text = "";
  for (let i = 0; i < count; i++) text += String(rng.int(0, 9));
  return text;
}
