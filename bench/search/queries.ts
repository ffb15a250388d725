import { ADAS_LEVELS, BODY_TYPES, DRIVES, POWERTRAINS, SEAT_MATERIALS } from "../../domain/catalog/types.ts";
import { mulberry32 } from "../../domain/random.ts";
import { RANGE_BUCKETS } from "../../domain/search/buckets.ts";
import type { Listing } from "../../domain/search/listing.ts";
import { type SearchQuery, SORTS } from "../../domain/search/query.ts";

/**
 * A realistic query mix over the listings: 1–4 filters drawn the way shoppers use them (body,
 * price and powertrain most), text in a third of queries (Chinese names, fragments, pinyin,
 * English with a typo), any sort, 20 per page. Seeded, so every engine gets the same queries.
 */
export function queryMix(listings: Listing[], count: number, seed = 7): SearchQuery[] {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const some = <T>(items: readonly T[]): T[] => {
    const chosen = items.filter(() => random() < 0.3);
    return chosen.length > 0 ? chosen : [pick(items)];
  };
  const vehicles = listings.filter((l) => l.kind !== "order");
  const brands = [...new Set(listings.map((l) => l.brand))];
  const models = [...new Set(listings.map((l) => l.model))];
  const cities = [...new Set(vehicles.map((l) => l.cityCode as string))];
  const names = [...new Set(listings.flatMap((l) => [l.modelName, l.brandName, l.trimName]))];
  const texts = () => {
    const name = pick(names);
    const roll = random();
    if (roll < 0.4) return name;
    if (roll < 0.7) return name.slice(0, Math.max(1, Math.ceil(name.length / 2)));
    const english = pick(listings).modelNameEn;
    return roll < 0.85
      ? english.toLowerCase()
      : `${english.slice(0, 1)}${english.slice(2, 3)}${english.slice(1, 2)}${english.slice(3)}`;
  };
  const span = (edges: number[]) => {
    const from = Math.floor(random() * (edges.length - 1));
    const to = Math.min(edges.length - 1, from + 1 + Math.floor(random() * 3));
    return { min: edges[from], max: to === edges.length - 1 && random() < 0.5 ? undefined : edges[to] };
  };
  const filters: Array<() => Partial<SearchQuery>> = [
    () => ({ body: some(BODY_TYPES) }),
    () => ({ body: some(BODY_TYPES) }),
    () => ({ price: span(RANGE_BUCKETS.price) }),
    () => ({ price: span(RANGE_BUCKETS.price) }),
    () => ({ powertrain: some(POWERTRAINS) }),
    () => ({ brand: some(brands) }),
    () => ({ model: [pick(models)] }),
    () => ({ range: span(RANGE_BUCKETS.range) }),
    () => ({ battery: span(RANGE_BUCKETS.battery) }),
    () => ({ acceleration: span(RANGE_BUCKETS.acceleration) }),
    () => ({ seats: [pick([5, 6, 7])] }),
    () => ({ seatMaterial: some(SEAT_MATERIALS) }),
    () => ({ drive: some(DRIVES) }),
    () => ({ adas: some(ADAS_LEVELS) }),
    () => ({ colour: [pick(["white", "black", "grey", "blue", "green"] as const)] }),
    () => ({ kind: [pick(["stock", "transit"] as const)] }),
    () => ({ deliveryDays: pick([7, 14, 30, 60]) }),
    () => ({ near: { city: pick(cities) } }),
  ];
  return Array.from({ length: count }, () => {
    const query: SearchQuery = { sort: pick(SORTS), limit: 20 };
    const wanted = 1 + Math.floor(random() * 4);
    for (let i = 0; i < wanted; i++) Object.assign(query, pick(filters)());
    if (random() < 0.33) query.text = texts();
    return query;
  });
}

/** Whether a query is only filters (no text), where every engine must agree exactly. */
export const filtersOnly = (query: SearchQuery) => query.text === undefined;
