import type { Lang } from "../../domain/money.ts";

export type { Lang };

/** The page language: Chinese by default, English with `?lang=en`. */
export function langOf(url: URL): Lang {
  return url.searchParams.get("lang") === "en" ? "en" : "zh";
}

/**
 * A link that keeps the reader's language.
 * @example href("/models", "en", { brand: "xingchi" }) // "/models?brand=xingchi&lang=en"
 */
export function href(path: string, lang: Lang, params: Record<string, string | undefined> = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== "") search.set(key, value);
  if (lang === "en") search.set("lang", "en");
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

/** The same page in the other language. */
export function switchLangHref(url: URL, lang: Lang): string {
  const target = new URL(url);
  if (lang === "en") target.searchParams.delete("lang");
  else target.searchParams.set("lang", "en");
  return target.pathname + target.search;
}

/** Picks the Chinese or English text of a bilingual pair. */
export const pick = (lang: Lang, zh: string, en: string) => (lang === "en" ? en : zh);
