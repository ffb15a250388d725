import type { Lang } from "../../lib/i18n.ts";

/**
 * The trim ids a compare URL asks for: trimmed, without blanks or repeats, in order.
 * @example trimIdsOfUrl(new URL("https://x/compare?trims=a,,b,a")) // ["a", "b"]
 */
export function trimIdsOfUrl(url: URL): string[] {
  const ids = (url.searchParams.get("trims") ?? "").split(",").map((id) => id.trim());
  return [...new Set(ids.filter((id) => id !== ""))];
}

/**
 * A shareable compare URL; trim ids stay readable (`:` and `,` unescaped).
 * @example compareHref(["s05:pro", "s07:max"], { diff: true, lang: "en" }) // "/compare?trims=s05:pro,s07:max&diff=1&lang=en"
 */
export function compareHref(ids: readonly string[], { diff, lang }: { diff: boolean; lang: Lang }): string {
  const parts: string[] = [];
  if (ids.length > 0) parts.push(`trims=${ids.map((id) => encodeURIComponent(id).replace(/%3A/gi, ":")).join(",")}`);
  if (diff) parts.push("diff=1");
  if (lang === "en") parts.push("lang=en");
  return parts.length > 0 ? `/compare?${parts.join("&")}` : "/compare";
}
