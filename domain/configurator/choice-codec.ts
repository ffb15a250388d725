import type { Choice } from "./reasoner.ts";

/**
 * Choices as a short, readable URL parameter value: option codes percent-encoded, "!" before an
 * option the shopper does not want, comma-separated — a configuration can be shared and restored.
 * @example encodeChoices([{ option: "W21", selected: true }, { option: "TOW", selected: false }]) // "W21,!TOW"
 */
export function encodeChoices(choices: readonly Choice[]): string {
  return choices.map((c) => `${c.selected ? "" : "!"}${encodeURIComponent(c.option).replace(/!/g, "%21")}`).join(",");
}

/**
 * The inverse of encodeChoices; malformed parts are skipped, a later decision about an option wins.
 * @example decodeChoices("W21,!TOW") // [{ option: "W21", selected: true }, { option: "TOW", selected: false }]
 */
export function decodeChoices(text: string): Choice[] {
  const byOption = new Map<string, boolean>();
  for (const part of text.split(",")) {
    const selected = !part.startsWith("!");
    const raw = selected ? part : part.slice(1);
    if (raw === "") continue;
    try {
      const option = decodeURIComponent(raw);
      byOption.delete(option);
      byOption.set(option, selected);
    } catch {
      // a malformed escape: skip this part
    }
  }
  return [...byOption].map(([option, selected]) => ({ option, selected }));
}

/**
 * A URL query with the choices set as parameter `c`, other parameters kept as they were.
 * @example withChoices("?lang=en", [{ option: "W21", selected: true }]) // "?lang=en&c=W21"
 */
export function withChoices(search: string, choices: readonly Choice[]): string {
  const others = search
    .replace(/^\?/, "")
    .split("&")
    .filter((pair) => pair !== "" && !pair.startsWith("c="));
  const query = [...others, ...(choices.length > 0 ? [`c=${encodeChoices(choices)}`] : [])].join("&");
  return query ? `?${query}` : "";
}

/**
 * The choices in a URL query's `c` parameter.
 * @example choicesIn("?lang=en&c=W21,!TOW") // [{ option: "W21", selected: true }, { option: "TOW", selected: false }]
 */
export function choicesIn(search: string): Choice[] {
  const pair = search
    .replace(/^\?/, "")
    .split("&")
    .find((p) => p.startsWith("c="));
  return pair ? decodeChoices(pair.slice(2)) : [];
}
