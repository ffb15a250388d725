import type { SearchQuery } from "../../domain/search/query.ts";
import type { SearchIndex } from "../../domain/search/search-index.ts";
import type { Engine, EngineAnswer } from "./engine.ts";

/** Our index as a benchmark engine: facet counts without the zeros (as GROUP BY reports them). */
export function indexEngine(index: SearchIndex): Engine {
  return {
    name: "Marque index (bitsets)",
    search(query: SearchQuery): EngineAnswer {
      const answer = index.search(query);
      if (!answer.ok) throw new Error(JSON.stringify(answer.errors));
      const { result } = answer;
      return {
        total: result.total,
        ids: result.hits.map((hit) => hit.listing.id),
        facets: Object.fromEntries(
          Object.entries(result.facets).map(([facet, counts]) => [
            facet,
            new Map(counts.filter((c) => c.count > 0).map((c) => [c.value, c.count])),
          ]),
        ),
        histograms: Object.fromEntries(
          Object.entries(result.histograms).map(([name, buckets]) => [name, buckets.map((b) => b.count)]),
        ),
      };
    },
  };
}

/** The given percentiles (nearest rank) of a sample. */
export function percentiles(sample: number[], ranks: number[]): number[] {
  const sorted = [...sample].sort((a, b) => a - b);
  return ranks.map(
    (rank) => sorted[Math.min(sorted.length - 1, Math.ceil((rank / 100) * sorted.length) - 1)] ?? Number.NaN,
  );
}

/** The API query string of a query, as the search page would send it. */
export function toUrl(query: SearchQuery): string {
  const params = new URLSearchParams({ sort: query.sort, limit: String(query.limit) });
  if (query.text) params.set("q", query.text);
  for (const facet of [
    "brand",
    "model",
    "body",
    "powertrain",
    "drive",
    "seatMaterial",
    "adas",
    "colour",
    "seats",
    "kind",
  ] as const) {
    const values = query[facet];
    if (values?.length) params.set(facet, values.join(","));
  }
  for (const name of ["price", "range", "battery", "acceleration"] as const) {
    const range = query[name];
    if (range?.min !== undefined) params.set(`${name}Min`, String(range.min));
    if (range?.max !== undefined) params.set(`${name}Max`, String(range.max));
  }
  if (query.deliveryDays !== undefined) params.set("delivery", String(query.deliveryDays));
  if (query.near && "city" in query.near) params.set("city", query.near.city);
  return params.toString();
}
