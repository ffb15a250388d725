import { DatabaseSync } from "node:sqlite";
import { RANGE_BUCKETS } from "../../domain/search/buckets.ts";
import type { Listing } from "../../domain/search/listing.ts";
import {
  FACETS,
  type Facet,
  RANGES,
  type RangeName,
  type SearchQuery,
  type SortKey,
} from "../../domain/search/query.ts";
import { tokenize } from "../../domain/search/text.ts";
import { dayOf, type Engine, type EngineAnswer } from "./engine.ts";

const COLUMN: Record<Facet | RangeName, string> = {
  brand: "brand",
  model: "model",
  body: "body",
  powertrain: "powertrain",
  drive: "drive",
  seatMaterial: "seat_material",
  adas: "adas",
  colour: "colour",
  seats: "seats",
  kind: "kind",
  price: "price",
  range: "range_km",
  battery: "battery",
  acceleration: "accel",
};
const TEXT_COLUMNS = [
  "brand_name",
  "brand_name_en",
  "model_name",
  "model_name_en",
  "model_code",
  "trim_name",
  "trim_name_en",
  "paint_name",
  "paint_name_en",
  "city_name",
  "city_name_en",
];
const ORDER: Record<SortKey, string> = {
  relevance: "-popularity",
  popularity: "-popularity",
  "price-asc": "price",
  "price-desc": "-price",
  range: "coalesce(-range_km, 1e18)",
  acceleration: "accel",
  newest: "-launched_day",
};

type Clause = { name: string; sql: string; params: Array<string | number> };

/**
 * The straightforward SQL approach: the same listings in one SQLite table (the engine D1 runs on,
 * here in-process, so without D1's network hop) with an index per filter column; a page, a count,
 * and a GROUP BY per facet with that facet's own filter left out; text by LIKE over the names.
 */
export class SqlEngine implements Engine {
  readonly name = "SQL (SQLite, LIKE)";
  private readonly db = new DatabaseSync(":memory:");
  private readonly today: number;

  constructor(listings: Listing[], today: string) {
    this.today = dayOf(today);
    this.db.exec(`CREATE TABLE listings (id TEXT PRIMARY KEY, kind TEXT, brand TEXT, model TEXT, body TEXT, powertrain TEXT, drive TEXT,
      seat_material TEXT, adas TEXT, colour TEXT, seats INTEGER, price INTEGER, range_km INTEGER, battery REAL, accel REAL,
      available_day INTEGER, launched_day INTEGER, popularity INTEGER, city TEXT, ${TEXT_COLUMNS.map((c) => `${c} TEXT`).join(", ")})`);
    const insert = this.db.prepare(
      `INSERT INTO listings VALUES (${Array.from({ length: 19 + TEXT_COLUMNS.length }, () => "?").join(", ")})`,
    );
    this.db.exec("BEGIN");
    for (const l of listings) {
      insert.run(
        l.id,
        l.kind,
        l.brand,
        l.model,
        l.bodyType,
        l.powertrain,
        l.drive,
        l.seatMaterial,
        l.adasLevel,
        l.colour,
        l.seats,
        l.priceFen,
        l.rangeKm,
        l.batteryKwh,
        l.zeroToHundredS,
        dayOf(l.availableOn),
        dayOf(l.launchedOn),
        l.popularity,
        l.cityCode,
        l.brandName,
        l.brandNameEn,
        l.modelName,
        l.modelNameEn,
        l.modelCode,
        l.trimName,
        l.trimNameEn,
        l.paintName,
        l.paintNameEn,
        l.cityName,
        l.cityNameEn,
      );
    }
    this.db.exec("COMMIT");
    for (const column of [...Object.values(COLUMN), "available_day", "city", "popularity", "launched_day"]) {
      this.db.exec(`CREATE INDEX listings_${column} ON listings (${column})`);
    }
  }

  search(query: SearchQuery): EngineAnswer {
    const clauses = this.clauses(query);
    const where = (skip?: string) => {
      const used = clauses.filter((c) => c.name !== skip);
      return {
        sql: used.length ? `WHERE ${used.map((c) => c.sql).join(" AND ")}` : "",
        params: used.flatMap((c) => c.params),
      };
    };
    const all = where();
    const total = (this.db.prepare(`SELECT count(*) AS n FROM listings ${all.sql}`).get(...all.params) as { n: number })
      .n;
    const ids = (
      this.db
        .prepare(`SELECT id FROM listings ${all.sql} ORDER BY ${ORDER[query.sort]}, id LIMIT ?`)
        .all(...all.params, query.limit) as Array<{ id: string }>
    ).map((row) => row.id);
    const facets: EngineAnswer["facets"] = {};
    for (const facet of FACETS) {
      const w = where(facet);
      const rows = this.db
        .prepare(
          `SELECT ${COLUMN[facet]} AS v, count(*) AS n FROM listings ${w.sql} ${w.sql ? "AND" : "WHERE"} ${COLUMN[facet]} IS NOT NULL GROUP BY v`,
        )
        .all(...w.params) as Array<{ v: string | number; n: number }>;
      facets[facet] = new Map(rows.map((row) => [String(row.v), row.n]));
    }
    const histograms: EngineAnswer["histograms"] = {};
    for (const name of RANGES) {
      const w = where(name);
      const edges = RANGE_BUCKETS[name];
      const column = COLUMN[name];
      const bucket = `CASE ${edges
        .slice(1)
        .map((edge, i) => `WHEN ${column} < ${edge} THEN ${i}`)
        .join(" ")} ELSE ${edges.length - 1} END`;
      const rows = this.db
        .prepare(
          `SELECT ${bucket} AS b, count(*) AS n FROM listings ${w.sql} ${w.sql ? "AND" : "WHERE"} ${column} IS NOT NULL GROUP BY b`,
        )
        .all(...w.params) as Array<{ b: number; n: number }>;
      const counts = edges.map(() => 0);
      for (const row of rows) counts[row.b] = row.n;
      histograms[name] = counts;
    }
    return { total, ids, facets, histograms };
  }

  private clauses(query: SearchQuery): Clause[] {
    const clauses: Clause[] = [];
    for (const facet of FACETS) {
      const values = query[facet];
      if (values?.length)
        clauses.push({
          name: facet,
          sql: `${COLUMN[facet]} IN (${values.map(() => "?").join(", ")})`,
          params: values.map(String),
        });
    }
    for (const name of RANGES) {
      const range = query[name];
      if (range?.min !== undefined) clauses.push({ name, sql: `${COLUMN[name]} >= ?`, params: [range.min] });
      if (range?.max !== undefined) clauses.push({ name, sql: `${COLUMN[name]} < ?`, params: [range.max] });
    }
    if (query.deliveryDays !== undefined)
      clauses.push({ name: "deliveryDays", sql: "available_day <= ?", params: [this.today + query.deliveryDays] });
    if (query.near && "city" in query.near) clauses.push({ name: "near", sql: "city = ?", params: [query.near.city] });
    for (const token of query.text ? tokenize(query.text) : []) {
      const like = `%${token.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      clauses.push({
        name: "text",
        sql: `(${TEXT_COLUMNS.map((c) => `${c} LIKE ? ESCAPE '\\'`).join(" OR ")})`,
        params: TEXT_COLUMNS.map(() => like),
      });
    }
    return clauses;
  }
}
