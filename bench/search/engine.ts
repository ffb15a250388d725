import type { Facet, RangeName, SearchQuery } from "../../domain/search/query.ts";

/** What every engine in the search benchmark answers, so that answers can be compared. */
export type EngineAnswer = {
  total: number;
  /** Ids of the first page, in the engine's order. */
  ids: string[];
  /** Per facet value, the count with every other filter applied. */
  facets: Partial<Record<Facet, Map<string, number>>>;
  histograms?: Partial<Record<RangeName, number[]>>;
};

export interface Engine {
  readonly name: string;
  search(query: SearchQuery): EngineAnswer | Promise<EngineAnswer>;
}

export const dayOf = (iso: string) => Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / 86_400_000);
