import { create, insertMultiple, type Orama, search } from "@orama/orama";
import type { Listing } from "../../domain/search/listing.ts";
import { FACETS, type Facet, RANGES, type SearchQuery, type SortKey } from "../../domain/search/query.ts";
import { dayOf, type Engine, type EngineAnswer } from "./engine.ts";

const SCHEMA = {
  id: "string",
  kind: "enum",
  brand: "enum",
  model: "enum",
  body: "enum",
  powertrain: "enum",
  drive: "enum",
  seatMaterial: "enum",
  adas: "enum",
  colour: "enum",
  seats: "enum",
  city: "enum",
  price: "number",
  range: "number",
  battery: "number",
  acceleration: "number",
  availableDay: "number",
  launchedDay: "number",
  popularity: "number",
  brandName: "string",
  brandNameEn: "string",
  modelName: "string",
  modelNameEn: "string",
  modelCode: "string",
  trimName: "string",
  trimNameEn: "string",
  paintName: "string",
  paintNameEn: "string",
  cityName: "string",
  cityNameEn: "string",
} as const;
type Db = Orama<typeof SCHEMA>;
const TEXT = [
  "brandName",
  "brandNameEn",
  "modelName",
  "modelNameEn",
  "modelCode",
  "trimName",
  "trimNameEn",
  "paintName",
  "paintNameEn",
  "cityName",
  "cityNameEn",
] as const;
const SORT: Record<SortKey, { property: string; order: "ASC" | "DESC" } | undefined> = {
  relevance: undefined,
  popularity: { property: "popularity", order: "DESC" },
  "price-asc": { property: "price", order: "ASC" },
  "price-desc": { property: "price", order: "DESC" },
  range: { property: "range", order: "DESC" },
  acceleration: { property: "acceleration", order: "ASC" },
  newest: { property: "launchedDay", order: "DESC" },
};
const facetName = (facet: Facet) => (facet === "body" ? "body" : facet);

/**
 * The peer: @orama/orama, an edge search engine, on the same listings. Facet counts that leave
 * out their own filter take one extra search per active facet (Orama counts with all filters).
 */
export class OramaEngine implements Engine {
  readonly name = "Orama 3";
  private readonly db: Db;
  private readonly today: number;
  private readonly ready: Promise<unknown>;

  constructor(listings: Listing[], today: string) {
    this.today = dayOf(today);
    this.db = create({ schema: SCHEMA }) as Db;
    const docs = listings.map((l) => ({
      id: l.id,
      kind: l.kind,
      brand: l.brand,
      model: l.model,
      body: l.bodyType,
      powertrain: l.powertrain,
      drive: l.drive,
      seatMaterial: l.seatMaterial,
      adas: l.adasLevel,
      colour: l.colour ?? undefined,
      seats: String(l.seats),
      city: l.cityCode ?? undefined,
      price: l.priceFen,
      range: l.rangeKm ?? undefined,
      battery: l.batteryKwh ?? undefined,
      acceleration: l.zeroToHundredS,
      availableDay: dayOf(l.availableOn),
      launchedDay: dayOf(l.launchedOn),
      popularity: l.popularity,
      brandName: l.brandName,
      brandNameEn: l.brandNameEn,
      modelName: l.modelName,
      modelNameEn: l.modelNameEn,
      modelCode: l.modelCode,
      trimName: l.trimName,
      trimNameEn: l.trimNameEn,
      paintName: l.paintName ?? undefined,
      paintNameEn: l.paintNameEn ?? undefined,
      cityName: l.cityName ?? undefined,
      cityNameEn: l.cityNameEn ?? undefined,
    }));
    this.ready = Promise.resolve(insertMultiple(this.db, docs as never, 5000));
  }

  async built(): Promise<void> {
    await this.ready;
  }

  async search(query: SearchQuery): Promise<EngineAnswer> {
    const where = (skip?: string) => {
      const filters: Record<string, unknown>[] = [];
      for (const facet of FACETS) {
        const values = query[facet];
        if (facet !== skip && values?.length) filters.push({ [facetName(facet)]: { in: values.map(String) } });
      }
      for (const name of RANGES) {
        const range = query[name];
        if (name === skip || !range) continue;
        if (range.min !== undefined) filters.push({ [name]: { gte: range.min } });
        if (range.max !== undefined) filters.push({ [name]: { lt: range.max } });
      }
      if (query.deliveryDays !== undefined) filters.push({ availableDay: { lte: this.today + query.deliveryDays } });
      if (query.near && "city" in query.near) filters.push({ city: { eq: query.near.city } });
      return filters.length === 0 ? undefined : { and: filters };
    };
    const text = query.text ? { term: query.text, properties: [...TEXT], threshold: 0 } : {};
    const active = FACETS.filter((facet) => query[facet]?.length);
    const main = await search(this.db, {
      ...text,
      where: where() as never,
      limit: query.limit,
      sortBy: SORT[query.sort] as never,
      facets: Object.fromEntries(
        FACETS.filter((f) => !active.includes(f)).map((f) => [facetName(f), { limit: 500 }]),
      ) as never,
    });
    const facets: EngineAnswer["facets"] = {};
    for (const facet of FACETS) {
      const source = active.includes(facet)
        ? await search(this.db, {
            ...text,
            where: where(facet) as never,
            limit: 0,
            facets: { [facetName(facet)]: { limit: 500 } } as never,
          })
        : main;
      const values = (source.facets?.[facetName(facet)]?.values ?? {}) as Record<string, number>;
      facets[facet] = new Map(Object.entries(values).filter(([value, n]) => n > 0 && value !== ""));
    }
    return { total: main.count, ids: main.hits.map((hit) => hit.id), facets };
  }
}
