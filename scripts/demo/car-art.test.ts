import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { BODY_TYPES } from "../../domain/catalog/types.ts";
import { type CarArtSpec, carSvg, carSvgKey } from "./car-art.ts";

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_:.";

/** A strict little XML reader for generated SVG: elements, quoted attributes, escaped text; anything else throws. */
function parseXml(source: string): XmlElement {
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let i = 0;
  const fail = (message: string): never => {
    throw new Error(`${message} at ${i}: ${source.slice(Math.max(0, i - 40), i + 40)}`);
  };
  const readName = () => {
    const start = i;
    while (i < source.length && NAME_CHARS.includes(source.charAt(i))) i++;
    if (i === start) fail("expected a name");
    return source.slice(start, i);
  };
  const skipSpace = () => {
    while (" \n\t\r".includes(source.charAt(i)) && i < source.length) i++;
  };
  const checkText = (text: string) => {
    for (let at = text.indexOf("&"); at !== -1; at = text.indexOf("&", at + 1)) {
      const end = text.indexOf(";", at);
      const entity = text.slice(at + 1, end);
      const numeric =
        entity.startsWith("#") && entity.length > 1 && [...entity.slice(1)].every((c) => c >= "0" && c <= "9");
      if (end === -1 || !(numeric || ["amp", "lt", "gt", "quot", "apos"].includes(entity))) fail("bad entity");
    }
    if (text.includes(">")) fail("raw > in text");
  };
  while (i < source.length) {
    const open = source.indexOf("<", i);
    const text = source.slice(i, open === -1 ? source.length : open);
    checkText(text);
    const parent = stack.at(-1);
    if (parent) parent.text += text;
    else if (text.trim() !== "") fail("text outside the root element");
    if (open === -1) break;
    i = open + 1;
    if (source.charAt(i) === "/") {
      i++;
      const name = readName();
      skipSpace();
      if (source.charAt(i) !== ">") fail("expected >");
      i++;
      const element = stack.pop();
      if (element?.name !== name) fail(`closing </${name}> does not match <${element?.name}>`);
      continue;
    }
    if (root && stack.length === 0) fail("second root element");
    const element: XmlElement = { name: readName(), attributes: {}, children: [], text: "" };
    for (;;) {
      skipSpace();
      if (source.startsWith("/>", i) || source.charAt(i) === ">") break;
      const attribute = readName();
      if (source.charAt(i) !== "=" || source.charAt(i + 1) !== '"') fail('expected ="');
      const end = source.indexOf('"', i + 2);
      if (end === -1) fail("unterminated attribute");
      const value = source.slice(i + 2, end);
      if (value.includes("<")) fail("< in attribute");
      checkText(value);
      if (attribute in element.attributes) fail(`duplicate attribute ${attribute}`);
      element.attributes[attribute] = value;
      i = end + 1;
    }
    stack.at(-1)?.children.push(element);
    root ??= element;
    if (source.startsWith("/>", i)) i += 2;
    else {
      i++;
      stack.push(element);
    }
  }
  if (stack.length > 0) fail(`unclosed <${stack.at(-1)?.name}>`);
  if (!root) return fail("no root element");
  return root;
}

function allElements(element: XmlElement): XmlElement[] {
  return [element, ...element.children.flatMap(allElements)];
}

function pathPoints(d: string): { x: number; y: number }[] {
  const numbers = (d.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);
  const points: { x: number; y: number }[] = [];
  for (let i = 0; i + 1 < numbers.length; i += 2) points.push({ x: numbers[i] as number, y: numbers[i + 1] as number });
  return points;
}

function bodyPath(svg: string): string {
  const defs = parseXml(svg).children.find((child) => child.name === "defs");
  const body = defs?.children.find((child) => child.name === "path" && child.attributes.id?.endsWith("b"));
  return body?.attributes.d ?? "";
}

function wheelCentres(svg: string): number[] {
  return allElements(parseXml(svg))
    .filter((element) => element.name === "use" && element.attributes.href?.endsWith("w"))
    .map((element) => Number((element.attributes.transform ?? "").slice(0, -1).split(" ").at(-2)));
}

const BASE: CarArtSpec = {
  bodyType: "sedan",
  paint: "#1d4e9e",
  accent: "#e4002b",
  lengthMm: 4995,
  heightMm: 1495,
  wheelbaseMm: 2950,
  view: "side",
  seed: 3,
  title: "Marque S7 in Oxford Blue",
};

const VIEWS = ["side", "front34"] as const;

describe("parseXml (test helper)", () => {
  it("rejects malformed markup", () => {
    expect(() => parseXml("<svg><g></svg>")).toThrow();
    expect(() => parseXml('<svg a="1" a="2"/>')).toThrow();
    expect(() => parseXml("<svg>a & b</svg>")).toThrow();
    expect(() => parseXml("<svg/><svg/>")).toThrow();
    expect(parseXml('<svg a="1"><g/>x &#38; y</svg>').text).toBe("x &#38; y");
  });
});

describe("carSvg", () => {
  it("is deterministic", () => {
    for (const view of VIEWS) expect(carSvg({ ...BASE, view })).toBe(carSvg({ ...BASE, view }));
  });

  it("produces well-formed SVG with a fixed 1600×900 canvas and an accessible title", () => {
    for (const bodyType of BODY_TYPES) {
      for (const view of VIEWS) {
        const root = parseXml(carSvg({ ...BASE, bodyType, view }));
        expect(root.name).toBe("svg");
        expect(root.attributes).toMatchObject({ width: "1600", height: "900", viewBox: "0 0 1600 900", role: "img" });
        const title = root.children[0];
        expect(title?.name).toBe("title");
        expect(title?.text).toBe(BASE.title);
        expect(root.attributes["aria-labelledby"]).toBe(title?.attributes.id);
      }
    }
  });

  it("is self-contained and free of scripts, styles, text and external references", () => {
    for (const bodyType of BODY_TYPES) {
      for (const view of VIEWS) {
        const svg = carSvg({ ...BASE, bodyType, view });
        for (const forbidden of [
          "<script",
          "style=",
          "<style",
          'href="http',
          "url(http",
          "<text",
          "<image",
          "<foreignObject",
          "@import",
        ]) {
          expect(svg).not.toContain(forbidden);
        }
        const elements = allElements(parseXml(svg));
        const ids = elements.map((element) => element.attributes.id).filter((id) => id !== undefined);
        expect(new Set(ids).size).toBe(ids.length);
        const references = elements.flatMap((element) => [
          ...Object.values(element.attributes).flatMap((value) =>
            [...value.matchAll(/url\(#([^)]+)\)/g)].map((m) => m[1]),
          ),
          ...(element.attributes.href === undefined ? [] : [element.attributes.href.slice(1)]),
        ]);
        expect(references.length).toBeGreaterThan(5);
        for (const reference of references) expect(ids).toContain(reference);
        for (const element of elements) {
          for (const name of Object.keys(element.attributes)) expect(name.startsWith("on")).toBe(false);
        }
      }
    }
  });

  it("prefixes every id with a hash of the spec so several copies can be inlined on one page", () => {
    const idsOf = (spec: CarArtSpec) =>
      allElements(parseXml(carSvg(spec)))
        .map((element) => element.attributes.id)
        .filter((id) => id !== undefined);
    const first = idsOf(BASE);
    const second = idsOf({ ...BASE, seed: BASE.seed + 1 });
    const prefix = first[0]?.slice(0, -1) ?? "";
    expect(prefix.length).toBeGreaterThan(3);
    for (const id of first) expect(id.startsWith(prefix)).toBe(true);
    for (const id of second) expect(first).not.toContain(id);
  });

  it("stays under 12 KB across body types, views, seeds and extreme dimensions", () => {
    const dims = [
      { lengthMm: 3600, heightMm: 1450, wheelbaseMm: 2400 },
      { lengthMm: 4995, heightMm: 1495, wheelbaseMm: 2950 },
      { lengthMm: 5300, heightMm: 1990, wheelbaseMm: 3200 },
    ];
    for (const bodyType of BODY_TYPES) {
      for (const view of VIEWS) {
        for (const dim of dims) {
          for (let seed = 0; seed < 8; seed++) {
            const svg = carSvg({ ...BASE, ...dim, bodyType, view, seed, paint: "#f4f5f7" });
            expect(new TextEncoder().encode(svg).length).toBeLessThan(12 * 1024);
          }
        }
      }
    }
  });

  it("draws a different silhouette for every body type", () => {
    const bodies = BODY_TYPES.map((bodyType) => bodyPath(carSvg({ ...BASE, bodyType })));
    for (const body of bodies) expect(body.length).toBeGreaterThan(100);
    expect(new Set(bodies).size).toBe(BODY_TYPES.length);
  });

  it("moves the wheels apart with a longer wheelbase", () => {
    const spread = (wheelbaseMm: number) => {
      const [front, rear] = wheelCentres(carSvg({ ...BASE, wheelbaseMm }));
      return (rear ?? 0) - (front ?? 0);
    };
    expect(spread(3100)).toBeGreaterThan(spread(2800) + 30);
  });

  it("raises the roof line with the height", () => {
    const roofY = (heightMm: number) =>
      Math.min(...pathPoints(bodyPath(carSvg({ ...BASE, heightMm }))).map((p) => p.y));
    expect(roofY(1700)).toBeLessThan(roofY(1450) - 40);
  });

  it("gives an SUV more ground clearance than a sedan of the same size", () => {
    const sillY = (bodyType: CarArtSpec["bodyType"]) => {
      const points = pathPoints(bodyPath(carSvg({ ...BASE, bodyType })));
      const middle = points.filter((p) => p.x > 780 && p.x < 820);
      return Math.max(...middle.map((p) => p.y));
    };
    expect(sillY("suv")).toBeLessThan(sillY("sedan") - 10);
  });

  it("draws the front three-quarter view differently from the side view", () => {
    expect(bodyPath(carSvg({ ...BASE, view: "front34" }))).not.toBe(bodyPath(carSvg(BASE)));
  });

  it("escapes the title and ignores colours that are not hex", () => {
    const svg = carSvg({ ...BASE, title: 'Fish & "Chips" <b>', paint: 'red" onload="alert(1)', accent: "url(x)" });
    expect(svg).toContain("<title");
    expect(svg).not.toContain("onload");
    expect(svg).not.toContain("url(x)");
    expect(parseXml(svg).children[0]?.text).toBe("Fish &#38; &#34;Chips&#34; &#60;b&#62;");
    expect(carSvg({ ...BASE, paint: "#FFF" })).toContain("#ffffff");
  });
});

describe("carSvgKey", () => {
  it("returns a content-hashed R2 key", async () => {
    const svg = carSvg(BASE);
    const key = await carSvgKey(svg);
    expect(key).toBe(`images/${createHash("sha256").update(svg).digest("hex").slice(0, 16)}.svg`);
    expect(key).toMatch(/^images\/[0-9a-f]{16}\.svg$/);
    expect(await carSvgKey(carSvg({ ...BASE, seed: 4 }))).not.toBe(key);
  });
});
