/** Paint colours grouped into the families shoppers filter by; each paint's family comes from its swatch. */
export const COLOUR_FAMILIES = [
  "white",
  "black",
  "grey",
  "silver",
  "blue",
  "red",
  "green",
  "yellow",
  "orange",
  "brown",
  "purple",
] as const;
export type ColourFamily = (typeof COLOUR_FAMILIES)[number];

export const COLOUR_FAMILY_LABELS: Record<ColourFamily, { zh: string; en: string }> = {
  white: { zh: "白色", en: "White" },
  black: { zh: "黑色", en: "Black" },
  grey: { zh: "灰色", en: "Grey" },
  silver: { zh: "银色", en: "Silver" },
  blue: { zh: "蓝色", en: "Blue" },
  red: { zh: "红色", en: "Red" },
  green: { zh: "绿色", en: "Green" },
  yellow: { zh: "黄色/金色", en: "Yellow / gold" },
  orange: { zh: "橙色", en: "Orange" },
  brown: { zh: "棕色", en: "Brown" },
  purple: { zh: "紫色", en: "Purple" },
};

/**
 * The family of a CSS hex colour, by lightness, saturation and hue.
 * @example colourFamily("#F4F5F7") // "white"
 * @example colourFamily("#1F3A93") // "blue"
 */
export function colourFamily(hex: string): ColourFamily {
  const match = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!match) throw new RangeError(`not a hex colour: ${hex}`);
  const value = Number.parseInt(match[1] as string, 16);
  const [r, g, b] = [(value >> 16) & 255, (value >> 8) & 255, value & 255].map((c) => c / 255) as [
    number,
    number,
    number,
  ];
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const lightness = (max + min) / 2;
  const chroma = max - min;
  const saturation = chroma === 0 ? 0 : chroma / (1 - Math.abs(2 * lightness - 1));
  if (lightness >= 0.8) return "white";
  if (lightness < 0.12) return "black";
  if (saturation < 0.12) return lightness > 0.6 ? "silver" : "grey";
  const hue =
    max === r
      ? (((g - b) / chroma) * 60 + 360) % 360
      : max === g
        ? ((b - r) / chroma) * 60 + 120
        : ((r - g) / chroma) * 60 + 240;
  if (hue < 12 || hue >= 335) return "red";
  if (hue < 35) return lightness < 0.45 ? "brown" : "orange";
  if (hue < 70) return lightness < 0.45 ? "brown" : "yellow";
  if (hue < 170) return "green";
  if (hue < 260) return "blue";
  return "purple";
}
