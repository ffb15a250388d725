/**
 * The search page's URL is what a shopper shares: lists as repeated parameters (as an HTML form
 * sends them), price in 万, ranges as "min-max" buckets. These helpers turn it into the API's query
 * and build the links that add or drop one filter.
 */

/** Page parameters holding lists of values (repeatable). */
export const LIST_PARAMS = [
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
] as const;
/** Page parameters holding one "min-max" span; price is in 万 (10,000 yuan), the API's in fen. */
export const SPAN_PARAMS = { price: 1_000_000, range: 1, battery: 1, acceleration: 1 } as const;
export type SpanParam = keyof typeof SPAN_PARAMS;
const SINGLE_PARAMS = ["q", "sort", "delivery", "city", "within", "after"] as const;

export type ApiSearchQuery = Record<string, string>;

/**
 * The API query for a page URL; spans that do not parse are passed through so that the API's
 * validation names them.
 * @example apiQuery(new URLSearchParams("body=suv&body=mpv&price=20-30")) // { body: "suv,mpv", priceMin: "20000000", priceMax: "30000000" }
 */
export function apiQuery(params: URLSearchParams): ApiSearchQuery {
  const query: ApiSearchQuery = {};
  for (const name of LIST_PARAMS) {
    const values = params.getAll(name).filter(Boolean);
    if (values.length > 0) query[name] = values.join(",");
  }
  for (const [name, unit] of Object.entries(SPAN_PARAMS)) {
    const span = params.get(name);
    if (!span) continue;
    const match = /^(\d+(?:\.\d+)?)?-(\d+(?:\.\d+)?)?$/.exec(span);
    const [min, max] = match ? [match[1], match[2]] : [span, undefined];
    if (min !== undefined) query[`${name}Min`] = match ? String(Math.round(Number(min) * unit)) : min;
    if (max !== undefined) query[`${name}Max`] = String(Math.round(Number(max) * unit));
  }
  for (const name of SINGLE_PARAMS) {
    const value = params.get(name);
    if (value) query[name] = value;
  }
  return query;
}

/**
 * A page URL's parameters with one filter changed: `value` undefined drops it, a list filter
 * toggles the value. The cursor is always dropped (a new filter starts at page one).
 * @example withFilter(new URLSearchParams("body=suv"), "body", "suv").toString() // ""
 */
export function withFilter(params: URLSearchParams, name: string, value?: string): URLSearchParams {
  const next = new URLSearchParams(params);
  next.delete("after");
  if (value === undefined) {
    next.delete(name);
    if (name === "city") next.delete("within");
    return next;
  }
  if ((LIST_PARAMS as readonly string[]).includes(name)) {
    const values = next.getAll(name);
    next.delete(name);
    for (const v of values.includes(value) ? values.filter((v) => v !== value) : [...values, value])
      next.append(name, v);
  } else next.set(name, value);
  return next;
}

/**
 * The page parameter a filter of the API's `relax` answer is set by.
 * @example pageParamOf("deliveryDays") // "delivery"
 */
export function pageParamOf(filter: string): string {
  if (filter === "deliveryDays") return "delivery";
  if (filter === "near") return "city";
  if (filter === "text") return "q";
  return filter;
}

/**
 * A span of a histogram bucket as the page writes it.
 * @example spanOf("price", 20_000_000, 25_000_000) // "20-25"
 */
export function spanOf(name: SpanParam, min: number, max: number | null): string {
  const unit = SPAN_PARAMS[name];
  return `${min === 0 ? "" : min / unit}-${max === null ? "" : max / unit}`;
}
