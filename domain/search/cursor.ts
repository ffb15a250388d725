import type { SortKey } from "./query.ts";

/**
 * Keyset pagination cursors: the sort they belong to, the last result's sort key and its id,
 * as URL-safe base64 of JSON. Opaque to clients; a cursor for another sort is invalid.
 * @example decodeCursor(encodeCursor("price-asc", 25990000, "LVX1"), "price-asc") // { key: 25990000, id: "LVX1" }
 */
export function encodeCursor(sort: SortKey, key: number, id: string): string {
  const bytes = new TextEncoder().encode(JSON.stringify([sort, String(key), id]));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}

/** The position a cursor names, or "invalid" for anything that is not a cursor of this sort. */
export function decodeCursor(cursor: string, sort: SortKey): { key: number; id: string } | "invalid" {
  if (cursor.length > 512 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return "invalid";
  try {
    const binary = atob(cursor.replaceAll("-", "+").replaceAll("_", "/"));
    const parsed: unknown = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
    if (!Array.isArray(parsed) || parsed.length !== 3) return "invalid";
    const [of, text, id] = parsed as unknown[];
    const key = typeof text === "string" ? Number(text) : Number.NaN;
    if (of !== sort || Number.isNaN(key) || typeof id !== "string" || id.length > 64) return "invalid";
    return { key, id };
  } catch {
    return "invalid";
  }
}
