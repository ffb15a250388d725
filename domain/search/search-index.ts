import { BODY_TYPE_LABELS, POWERTRAIN_LABELS } from "../catalog/labels.ts";
import { distanceKm } from "../geo/distance.ts";
import {
  add,
  and,
  andCount,
  type Bitset,
  count,
  emptyBitset,
  fullBitset,
  has,
  ordinals,
  orInto,
  remove,
} from "./bitset.ts";
import { bucketOf, DELIVERY_DAYS, RANGE_BUCKETS } from "./buckets.ts";
import { COLOUR_FAMILY_LABELS } from "./colour.ts";
import { decodeCursor, encodeCursor } from "./cursor.ts";
import type { Listing } from "./listing.ts";
import {
  FACETS,
  type Facet,
  type FilterName,
  RANGES,
  type RangeName,
  type SearchQuery,
  type SortKey,
} from "./query.ts";
import { highlight, matchText, type PreparedText, prepare, type Token, tokenize } from "./text.ts";

/** Groupings with a bitset per value: the facets, plus those text search and "near me" need. */
type Dimension = Facet | "trim" | "paint" | "city" | "dealer";
const HIDDEN: Dimension[] = ["trim", "paint", "city", "dealer"];

/** A grouping: its values, a bitset per value, each listing's value and each value's first listing. */
type DimensionIndex = {
  values: string[];
  position: Map<string, number>;
  bits: Bitset[];
  of: Int32Array;
  first: number[];
};
type Term = { name: PreparedText; dimension: Dimension; value: number };
type Filter = { name: FilterName; bits: Bitset };

/** Highlightable fields of a result: [start, end) character ranges the query matched. */
export type Highlights = Partial<
  Record<"brandName" | "modelName" | "modelCode" | "trimName" | "paintName" | "cityName", Array<[number, number]>>
>;
export type SearchHit = { listing: Listing; highlights: Highlights; distanceKm: number | null };

export type SearchResult = {
  total: number;
  hits: SearchHit[];
  next: string | null;
  /** Per facet value, how many results it has given every other active filter. */
  facets: Record<Facet, Array<{ value: string; count: number }>>;
  /** Per range filter, results per bucket given every other active filter. */
  histograms: Record<RangeName, Array<{ min: number; max: number | null; count: number }>>;
  /** Results delivered within each choice of days, given every other active filter. */
  delivery: Array<{ days: number; count: number }>;
  /** For each active filter, how many results there would be without it (most first). */
  relax: Array<{ filter: FilterName; total: number }>;
};

export type SearchError = { path: string; message: string };

const EPOCH_DAY_MS = 86_400_000;
const dayOf = (iso: string) => Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / EPOCH_DAY_MS);

const facetValue: Record<Facet, (listing: Listing) => string | null> = {
  brand: (l) => l.brand,
  model: (l) => l.model,
  body: (l) => l.bodyType,
  powertrain: (l) => l.powertrain,
  drive: (l) => l.drive,
  seatMaterial: (l) => l.seatMaterial,
  adas: (l) => l.adasLevel,
  colour: (l) => l.colour,
  seats: (l) => String(l.seats),
  kind: (l) => l.kind,
};
const hiddenValue: Record<"trim" | "paint" | "city" | "dealer", (listing: Listing) => string | null> = {
  trim: (l) => l.trimId,
  paint: (l) => (l.paintCode === null ? null : `${l.model}/${l.paintCode}`),
  city: (l) => l.cityCode,
  dealer: (l) => l.dealerId,
};

/**
 * Catalogue search over listings, held in memory: a bitset per facet value, numeric columns, a
 * presorted order per sort, and the distinct names for text matching. A query is a few dozen
 * bitset passes; facet counts reuse them. Built from D1 once per catalogue version.
 * @example
 * const index = new SearchIndex(listings, "2026-11-28");
 * index.search({ body: ["suv"], sort: "price-asc", limit: 20 });
 */
export class SearchIndex {
  readonly size: number;
  readonly builtFor: string;
  private readonly listings: Listing[];
  private readonly ids: string[];
  private readonly live: Bitset;
  private readonly dimensions = new Map<Dimension, DimensionIndex>();
  private readonly columns: Record<RangeName, Float64Array>;
  private readonly buckets: Record<RangeName, Bitset[]>;
  private readonly availableDay: Int32Array;
  private readonly deliveryBits: Bitset[];
  private readonly orders = new Map<SortKey, Uint32Array>();
  private readonly sortKeys: Record<Exclude<SortKey, "relevance">, Float64Array>;
  private readonly terms: Term[] = [];
  private readonly relevance: Float64Array;
  /** Every indexed name prepared once (pinyin is costly), for highlighting results. */
  private readonly prepared = new Map<string, PreparedText>();
  private readonly dealerPoints: Array<{ lat: number; lon: number }>;

  constructor(listings: Listing[], today: string) {
    const sorted = listings.every((listing, i) => i === 0 || (listings[i - 1] as Listing).id < listing.id);
    this.listings = sorted ? [...listings] : [...listings].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    this.relevance = new Float64Array(this.listings.length);
    this.ids = this.listings.map((listing) => listing.id);
    this.size = this.listings.length;
    this.builtFor = today;
    this.live = fullBitset(this.size);
    for (const facet of FACETS)
      this.dimensions.set(
        facet,
        this.group((l) => facetValue[facet](l)),
      );
    for (const name of HIDDEN) this.dimensions.set(name, this.group(hiddenValue[name as keyof typeof hiddenValue]));

    const column = (read: (listing: Listing) => number | null) =>
      Float64Array.from(this.listings, (listing) => read(listing) ?? Number.NaN);
    this.columns = {
      price: column((l) => l.priceFen),
      range: column((l) => l.rangeKm),
      battery: column((l) => l.batteryKwh),
      acceleration: column((l) => l.zeroToHundredS),
    };
    this.buckets = Object.fromEntries(
      RANGES.map((name) => {
        const bits = RANGE_BUCKETS[name].map(() => emptyBitset(this.size));
        this.columns[name].forEach((value, ordinal) => {
          const bucket = bucketOf(RANGE_BUCKETS[name], value);
          if (bucket >= 0) add(bits[bucket] as Bitset, ordinal);
        });
        return [name, bits];
      }),
    ) as Record<RangeName, Bitset[]>;
    const todayDay = dayOf(today);
    this.availableDay = Int32Array.from(this.listings, (listing) => dayOf(listing.availableOn));
    this.deliveryBits = DELIVERY_DAYS.map((days) => this.below(this.availableDay, todayDay + days + 1));

    const launched = Float64Array.from(this.listings, (listing) => dayOf(listing.launchedOn));
    const popularity = Float64Array.from(this.listings, (listing) => listing.popularity);
    const range = this.columns.range;
    this.sortKeys = {
      "price-asc": this.columns.price,
      "price-desc": this.columns.price.map((v) => -v),
      range: range.map((v) => (Number.isNaN(v) ? Number.POSITIVE_INFINITY : -v)),
      acceleration: this.columns.acceleration,
      newest: launched.map((v) => -v),
      popularity: popularity.map((v) => -v),
    };
    for (const [sort, keys] of Object.entries(this.sortKeys)) {
      const order = Uint32Array.from({ length: this.size }, (_, i) => i);
      order.sort((a, b) => (keys[a] as number) - (keys[b] as number) || a - b);
      this.orders.set(sort as SortKey, order);
    }

    this.dealerPoints = this.dimension("dealer").first.map((ordinal) => {
      const listing = this.listings[ordinal] as Listing;
      return { lat: listing.lat ?? Number.NaN, lon: listing.lon ?? Number.NaN };
    });
    this.indexNames();
  }

  /** Whether a listing is in results (known and not withdrawn). */
  lists(id: string): boolean {
    const ordinal = this.ordinalOf(id);
    return ordinal !== null && has(this.live, ordinal);
  }

  /** Take a vehicle out of results at once (sold, reserved); true if it was listed. */
  withdraw(id: string): boolean {
    const ordinal = this.ordinalOf(id);
    if (ordinal === null || !has(this.live, ordinal)) return false;
    remove(this.live, ordinal);
    return true;
  }

  /** The values a facet has among listings; a value asked for but not listed matches nothing. */
  values(facet: Facet): readonly string[] {
    return this.dimension(facet).values;
  }

  /** Run a query: results after the cursor, facet counts, histograms and what to relax. */
  search(query: SearchQuery): { ok: true; result: SearchResult } | { ok: false; errors: SearchError[] } {
    const errors: SearchError[] = [];
    const filters: Filter[] = [];
    for (const facet of FACETS) {
      const chosen = query[facet];
      if (!chosen || chosen.length === 0) continue;
      const index = this.dimension(facet);
      const bits = emptyBitset(this.size);
      for (const value of chosen) {
        const position = index.position.get(String(value));
        if (position !== undefined) orInto(bits, index.bits[position] as Bitset);
      }
      filters.push({ name: facet, bits });
    }
    const cursor = query.after === undefined ? null : decodeCursor(query.after, query.sort);
    if (cursor === "invalid") errors.push({ path: "after", message: "翻页游标无效 / The page cursor is invalid" });
    if (errors.length > 0) return { ok: false, errors };

    for (const name of RANGES) {
      const range = query[name];
      if (!range || (range.min === undefined && range.max === undefined)) continue;
      filters.push({ name, bits: this.rangeBits(name, range.min, range.max) });
    }
    if (query.deliveryDays !== undefined) {
      const threshold = DELIVERY_DAYS.indexOf(query.deliveryDays as (typeof DELIVERY_DAYS)[number]);
      const last = dayOf(this.builtFor) + query.deliveryDays;
      const bits = threshold >= 0 ? (this.deliveryBits[threshold] as Bitset) : this.below(this.availableDay, last + 1);
      filters.push({ name: "deliveryDays", bits });
    }
    const near = this.nearFilter(query);
    if (near) filters.push({ name: "near", bits: near.bits });
    const tokens = query.text ? tokenize(query.text) : [];
    const text = tokens.length > 0 ? this.textFilter(tokens) : null;
    if (text) filters.push({ name: "text", bits: text.bits });

    const without = this.masksWithout(filters);
    const mask = without.all;
    const total = count(mask);
    const { hits, next } = this.page(mask, total, query, cursor === "invalid" ? null : cursor, text?.score ?? null);
    return {
      ok: true,
      result: {
        total,
        hits: hits.map((ordinal) => this.hit(ordinal, tokens, near?.point ?? null)),
        next,
        facets: Object.fromEntries(
          FACETS.map((facet) => {
            const base = without.byName.get(facet) ?? mask;
            const index = this.dimension(facet);
            return [facet, index.values.map((value, i) => ({ value, count: andCount(base, index.bits[i] as Bitset) }))];
          }),
        ) as SearchResult["facets"],
        histograms: Object.fromEntries(
          RANGES.map((name) => {
            const base = without.byName.get(name) ?? mask;
            const edges = RANGE_BUCKETS[name];
            return [
              name,
              edges.map((min, i) => ({
                min,
                max: edges[i + 1] ?? null,
                count: andCount(base, this.buckets[name][i] as Bitset),
              })),
            ];
          }),
        ) as SearchResult["histograms"],
        delivery: DELIVERY_DAYS.map((days, i) => ({
          days,
          count: andCount(without.byName.get("deliveryDays") ?? mask, this.deliveryBits[i] as Bitset),
        })),
        relax: filters
          .map((filter) => ({ filter: filter.name, total: count(without.byName.get(filter.name) as Bitset) }))
          .sort((a, b) => b.total - a.total),
      },
    };
  }

  private dimension(name: Dimension): DimensionIndex {
    return this.dimensions.get(name) as DimensionIndex;
  }

  private group(read: (listing: Listing) => string | null): DimensionIndex {
    const values: string[] = [];
    const position = new Map<string, number>();
    const bits: Bitset[] = [];
    const first: number[] = [];
    const of = new Int32Array(this.size).fill(-1);
    for (let ordinal = 0; ordinal < this.size; ordinal++) {
      const value = read(this.listings[ordinal] as Listing);
      if (value === null) continue;
      let at = position.get(value);
      if (at === undefined) {
        at = values.length;
        position.set(value, at);
        values.push(value);
        bits.push(emptyBitset(this.size));
        first.push(ordinal);
      }
      add(bits[at] as Bitset, ordinal);
      of[ordinal] = at;
    }
    return { values, position, bits, of, first };
  }

  /** Listings with min ≤ value < max: a union of histogram buckets when the bounds are bucket edges, else a scan. */
  private rangeBits(name: RangeName, min: number | undefined, max: number | undefined): Bitset {
    const edges = RANGE_BUCKETS[name];
    const from = min === undefined ? 0 : edges.indexOf(min);
    const to = max === undefined ? edges.length : edges.indexOf(max);
    if (from >= 0 && to >= 0) {
      const bits = emptyBitset(this.size);
      for (let bucket = from; bucket < to; bucket++) orInto(bits, this.buckets[name][bucket] as Bitset);
      return bits;
    }
    const values = this.columns[name];
    const low = min ?? Number.NEGATIVE_INFINITY;
    const high = max ?? Number.POSITIVE_INFINITY;
    const bits = emptyBitset(this.size);
    for (let ordinal = 0; ordinal < this.size; ordinal++) {
      const value = values[ordinal] as number;
      if (value >= low && value < high) add(bits, ordinal);
    }
    return bits;
  }

  /** Listings whose value in the column is below the bound. */
  private below(column: Int32Array, bound: number): Bitset {
    const bits = emptyBitset(this.size);
    for (let ordinal = 0; ordinal < this.size; ordinal++) if ((column[ordinal] as number) < bound) add(bits, ordinal);
    return bits;
  }

  private ordinalOf(id: string): number | null {
    const at = lowerBound(this.ids, id);
    return this.ids[at] === id ? at : null;
  }

  /** The names text search matches, once per value of the dimension they name (from its first listing). */
  private indexNames(): void {
    const names: Record<Dimension, (l: Listing) => Array<string | null>> = {
      brand: (l) => [l.brandName, l.brandNameEn],
      model: (l) => [l.modelName, l.modelNameEn, l.modelCode],
      trim: (l) => [l.trimName, l.trimNameEn],
      paint: (l) => [l.paintName, l.paintNameEn],
      city: (l) => [l.cityName, l.cityNameEn],
      body: (l) => [BODY_TYPE_LABELS[l.bodyType].zh, BODY_TYPE_LABELS[l.bodyType].en],
      powertrain: (l) => [POWERTRAIN_LABELS[l.powertrain].zh, POWERTRAIN_LABELS[l.powertrain].en],
      colour: (l) => (l.colour ? [COLOUR_FAMILY_LABELS[l.colour].zh, COLOUR_FAMILY_LABELS[l.colour].en] : []),
      drive: () => [],
      seatMaterial: () => [],
      adas: () => [],
      seats: () => [],
      kind: () => [],
      dealer: () => [],
    };
    for (const [dimension, read] of Object.entries(names) as Array<[Dimension, (l: Listing) => Array<string | null>]>) {
      this.dimension(dimension).first.forEach((ordinal, value) => {
        for (const text of new Set(read(this.listings[ordinal] as Listing))) {
          if (!text) continue;
          const name = this.prepared.get(text) ?? prepare(text);
          this.prepared.set(text, name);
          this.terms.push({ name, dimension, value });
        }
      });
    }
  }

  /** Listings matching every token (each token matches some name of the listing), with relevance scores. */
  private textFilter(tokens: Token[]): { bits: Bitset; score: (ordinal: number) => number } {
    let bits: Bitset | null = null;
    const scores: Array<Map<Dimension, Float64Array>> = [];
    for (const token of tokens) {
      const tokenBits = emptyBitset(this.size);
      const best = new Map<Dimension, Float64Array>();
      for (const term of this.terms) {
        const match = matchText(term.name, token);
        if (!match) continue;
        orInto(tokenBits, this.dimension(term.dimension).bits[term.value] as Bitset);
        let byValue = best.get(term.dimension);
        if (!byValue) {
          byValue = new Float64Array(this.dimension(term.dimension).values.length);
          best.set(term.dimension, byValue);
        }
        byValue[term.value] = Math.max(byValue[term.value] as number, match.score);
      }
      bits = bits ? and(bits, tokenBits) : tokenBits;
      scores.push(best);
    }
    const score = (ordinal: number) => {
      let total = 0;
      for (const best of scores) {
        let top = 0;
        for (const [dimension, byValue] of best) {
          const value = this.dimension(dimension).of[ordinal] as number;
          if (value >= 0) top = Math.max(top, byValue[value] as number);
        }
        total += top;
      }
      return total;
    };
    return { bits: bits as Bitset, score };
  }

  private nearFilter(query: SearchQuery): { bits: Bitset; point: { lat: number; lon: number } | null } | null {
    const near = query.near;
    if (!near) return null;
    if ("city" in near) {
      const position = this.dimension("city").position.get(near.city);
      return {
        bits: position === undefined ? emptyBitset(this.size) : (this.dimension("city").bits[position] as Bitset),
        point: null,
      };
    }
    const dealers = this.dimension("dealer");
    const bits = emptyBitset(this.size);
    this.dealerPoints.forEach((point, i) => {
      if (distanceKm(near, point) <= near.km) orInto(bits, dealers.bits[i] as Bitset);
    });
    return { bits, point: { lat: near.lat, lon: near.lon } };
  }

  /** The live mask with all filters, and for each filter the mask with all the others (prefix/suffix products). */
  private masksWithout(filters: Filter[]): { all: Bitset; byName: Map<FilterName, Bitset> } {
    const prefix: Bitset[] = [this.live];
    for (const filter of filters) prefix.push(and(prefix.at(-1) as Bitset, filter.bits));
    const byName = new Map<FilterName, Bitset>();
    let suffix: Bitset | null = null;
    for (let i = filters.length - 1; i >= 0; i--) {
      const filter = filters[i] as Filter;
      byName.set(filter.name, suffix ? and(prefix[i] as Bitset, suffix) : (prefix[i] as Bitset));
      suffix = suffix ? and(suffix, filter.bits) : filter.bits;
    }
    return { all: prefix.at(-1) as Bitset, byName };
  }

  /** One page in (key, ordinal) order after the cursor: walk the presorted order, or rank the few matches. */
  private page(
    mask: Bitset,
    total: number,
    query: SearchQuery,
    cursor: { key: number; id: string } | null,
    score: ((ordinal: number) => number) | null,
  ): { hits: number[]; next: string | null } {
    const sort = query.sort === "relevance" && !score ? "popularity" : query.sort;
    const keys =
      sort === "relevance"
        ? this.relevanceKeys(mask, score as (ordinal: number) => number)
        : this.sortKeys[sort as Exclude<SortKey, "relevance">];
    const after = cursor ? { key: cursor.key, ordinal: this.cursorOrdinal(cursor.id) } : null;
    const isAfter = (ordinal: number) =>
      !after ||
      (keys[ordinal] as number) > after.key ||
      ((keys[ordinal] as number) === after.key && ordinal > after.ordinal);
    const wanted = query.limit + 1;
    let hits: number[];
    const order = this.orders.get(sort);
    if (order && total * 16 > this.size) {
      hits = [];
      let at = after ? this.firstAfter(order, keys, after) : 0;
      for (; at < order.length && hits.length < wanted; at++) {
        const ordinal = order[at] as number;
        if (has(mask, ordinal)) hits.push(ordinal);
      }
    } else {
      hits = topK(ordinals(mask), wanted, keys, isAfter);
    }
    const more = hits.length > query.limit;
    if (more) hits.pop();
    const last = hits.at(-1);
    return {
      hits,
      next:
        more && last !== undefined ? encodeCursor(query.sort, keys[last] as number, this.ids[last] as string) : null,
    };
  }

  /** Relevance keys of the matches, written into one scratch column reused by every query (an isolate runs one at a time). */
  private relevanceKeys(mask: Bitset, score: (ordinal: number) => number): Float64Array {
    const keys = this.relevance;
    for (const ordinal of ordinals(mask))
      keys[ordinal] = -(score(ordinal) * 1000 + (this.listings[ordinal] as Listing).popularity);
    return keys;
  }

  /** Cursor ids that are gone since (sold, re-indexed) still resume at the right place: x.5 between ordinals. */
  private cursorOrdinal(id: string): number {
    const at = lowerBound(this.ids, id);
    return this.ids[at] === id ? at : at - 0.5;
  }

  private firstAfter(order: Uint32Array, keys: Float64Array, after: { key: number; ordinal: number }): number {
    let low = 0;
    let high = order.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const ordinal = order[mid] as number;
      const key = keys[ordinal] as number;
      if (key < after.key || (key === after.key && ordinal <= after.ordinal)) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private hit(ordinal: number, tokens: Token[], point: { lat: number; lon: number } | null): SearchHit {
    const listing = this.listings[ordinal] as Listing;
    const highlights: Highlights = {};
    if (tokens.length > 0) {
      for (const field of ["brandName", "modelName", "modelCode", "trimName", "paintName", "cityName"] as const) {
        const text = listing[field];
        const ranges = text ? highlight(this.prepared.get(text) ?? text, tokens) : [];
        if (ranges.length > 0) highlights[field] = ranges;
      }
    }
    const distance =
      point && listing.lat !== null && listing.lon !== null
        ? Math.round(distanceKm(point, { lat: listing.lat, lon: listing.lon }) * 10) / 10
        : null;
    return { listing, highlights, distanceKm: distance };
  }
}

function lowerBound(sorted: string[], id: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as string) < id) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The k smallest candidates by (key, ordinal) that pass the test, in order (a bounded max-heap). */
function topK(
  candidates: Iterable<number>,
  k: number,
  keys: Float64Array,
  passes: (ordinal: number) => boolean,
): number[] {
  const heap: number[] = [];
  const before = (a: number, b: number) => (keys[a] as number) < (keys[b] as number) || (keys[a] === keys[b] && a < b);
  const swap = (i: number, j: number) => {
    const t = heap[i] as number;
    heap[i] = heap[j] as number;
    heap[j] = t;
  };
  for (const ordinal of candidates) {
    if (!passes(ordinal)) continue;
    if (heap.length < k) {
      heap.push(ordinal);
      for (let i = heap.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (!before(heap[parent] as number, heap[i] as number)) break;
        swap(i, parent);
        i = parent;
      }
    } else if (k > 0 && before(ordinal, heap[0] as number)) {
      heap[0] = ordinal;
      for (let i = 0; ; ) {
        const left = 2 * i + 1;
        const right = left + 1;
        let largest = i;
        if (left < heap.length && before(heap[largest] as number, heap[left] as number)) largest = left;
        if (right < heap.length && before(heap[largest] as number, heap[right] as number)) largest = right;
        if (largest === i) break;
        swap(i, largest);
        i = largest;
      }
    }
  }
  return heap.sort((a, b) => (before(a, b) ? -1 : 1));
}
