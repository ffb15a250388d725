import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { UvlError, UvlExpr, UvlFeature, UvlGroup, UvlModel } from "./uvl.ts";
import { parseUvl, serializeUvl } from "./uvl.ts";

function parseOk(text: string): UvlModel {
  const result = parseUvl(text);
  if (!result.ok) throw new Error(`expected a model, got ${JSON.stringify(result.errors)}`);
  return result.model;
}

function parseErrors(text: string): UvlError[] {
  const result = parseUvl(text);
  if (result.ok) throw new Error("expected errors, got a model");
  return result.errors;
}

/** Joins lines; write indentation as `>` per tab so tests show the tree shape. */
function uvl(...lines: string[]): string {
  return `${lines.map((line) => line.replace(/^>+/, (tabs) => "\t".repeat(tabs.length))).join("\n")}\n`;
}

const v = (name: string): UvlExpr => ({ var: name });

/** The single constraint `expr` over features a, b, c, d. */
function constraintOf(expr: string): UvlExpr {
  const model = parseOk(uvl("features", ">r", ">>optional", ">>>a", ">>>b", ">>>c", ">>>d", "constraints", `>${expr}`));
  expect(model.constraints).toHaveLength(1);
  return model.constraints[0] as UvlExpr;
}

function childNames(group: UvlGroup | undefined): string[] {
  return group?.children.map((child) => child.name) ?? [];
}

function countFeatures(root: UvlFeature): number {
  let count = 0;
  const pending = [root];
  for (let feature = pending.pop(); feature !== undefined; feature = pending.pop()) {
    count++;
    for (const group of feature.groups) pending.push(...group.children);
  }
  return count;
}

const CAR_UVL = uvl(
  "namespace Marque.Cars",
  "",
  "features",
  ">Car {abstract}",
  ">>mandatory",
  ">>>Body {abstract true}",
  ">>>>alternative",
  ">>>>>Sedan",
  ">>>>>SUV {price 25000}",
  ">>>>>Wagon",
  ">>>Powertrain",
  ">>>>alternative",
  ">>>>>Petrol",
  ">>>>>Hybrid",
  ">>>>>Electric {range 520, label 'Long range'}",
  ">>optional",
  '>>>SportPackage {price 1200, label "运动套件"}',
  ">>>>optional",
  ">>>>>Wheels21 {price 800.5, homologated false}",
  ">>>Tow",
  ">>>Sunroof",
  '>>>"Heated Seats"',
  ">>or",
  ">>>Navigation",
  ">>>Audio",
  ">>[1..2]",
  ">>>WinterTires",
  ">>>SummerTires",
  ">>>AllSeasonTires",
  "",
  "constraints",
  ">Wheels21 => SportPackage",
  ">!(Tow & Sunroof)",
  '>Electric <=> "Heated Seats"',
  ">Hybrid | Electric => Navigation",
);

describe("parseUvl on a car model", () => {
  const model = parseOk(CAR_UVL);
  const [mandatory, optional, or, tyres] = model.root.groups;

  it("reads the namespace, the root and its four groups in order", () => {
    expect(model.namespace).toBe("Marque.Cars");
    expect(model.root.name).toBe("Car");
    expect(model.root.attributes).toEqual({ abstract: true });
    expect(model.root.groups.map((group) => group.kind)).toEqual(["mandatory", "optional", "or", "cardinality"]);
    expect(tyres).toEqual({
      kind: "cardinality",
      min: 1,
      max: 2,
      children: ["WinterTires", "SummerTires", "AllSeasonTires"].map((name) => ({ name, attributes: {}, groups: [] })),
    });
  });

  it("reads mandatory alternatives, optional packages and the or group", () => {
    expect(childNames(mandatory)).toEqual(["Body", "Powertrain"]);
    expect(childNames(mandatory?.children[0]?.groups[0])).toEqual(["Sedan", "SUV", "Wagon"]);
    expect(mandatory?.children[1]?.groups[0]?.kind).toBe("alternative");
    expect(childNames(optional)).toEqual(["SportPackage", "Tow", "Sunroof", "Heated Seats"]);
    expect(childNames(or)).toEqual(["Navigation", "Audio"]);
  });

  it("keeps attributes as numbers, strings (Chinese too) and booleans", () => {
    const sport = optional?.children[0];
    expect(sport?.attributes).toEqual({ price: 1200, label: "运动套件" });
    expect(sport?.groups[0]?.children[0]?.attributes).toEqual({ price: 800.5, homologated: false });
    expect(mandatory?.children[1]?.groups[0]?.children[2]?.attributes).toEqual({ range: 520, label: "Long range" });
    expect(mandatory?.children[0]?.attributes).toEqual({ abstract: true });
  });

  it("reads the constraints as trees", () => {
    expect(model.constraints).toEqual([
      { implies: [v("Wheels21"), v("SportPackage")] },
      { not: { and: [v("Tow"), v("Sunroof")] } },
      { iff: [v("Electric"), v("Heated Seats")] },
      { implies: [{ or: [v("Hybrid"), v("Electric")] }, v("Navigation")] },
    ]);
  });

  it("serializes to canonical text that parses back to the same model", () => {
    const text = serializeUvl(model);
    expect(text).toBe(
      uvl(
        "namespace Marque.Cars",
        "",
        "features",
        ">Car {abstract}",
        ">>mandatory",
        ">>>Body {abstract}",
        ">>>>alternative",
        ">>>>>Sedan",
        ">>>>>SUV {price 25000}",
        ">>>>>Wagon",
        ">>>Powertrain",
        ">>>>alternative",
        ">>>>>Petrol",
        ">>>>>Hybrid",
        ">>>>>Electric {range 520, label 'Long range'}",
        ">>optional",
        ">>>SportPackage {price 1200, label '运动套件'}",
        ">>>>optional",
        ">>>>>Wheels21 {price 800.5, homologated false}",
        ">>>Tow",
        ">>>Sunroof",
        '>>>"Heated Seats"',
        ">>or",
        ">>>Navigation",
        ">>>Audio",
        ">>[1..2]",
        ">>>WinterTires",
        ">>>SummerTires",
        ">>>AllSeasonTires",
        "",
        "constraints",
        ">Wheels21 => SportPackage",
        ">!(Tow & Sunroof)",
        '>Electric <=> "Heated Seats"',
        ">Hybrid | Electric => Navigation",
      ),
    );
    expect(parseOk(text)).toEqual(model);
  });
});

describe("parseUvl feature syntax", () => {
  it("accepts space indentation, a Boolean type prefix, [n] and [n..*] groups and several groups per feature", () => {
    const model = parseOk(
      "features\n  Boolean Car\n    [2]\n      A\n      B\n    [0..*]\n      C\n    optional\n      Boolean D\n",
    );
    expect(model.root.groups).toEqual([
      { kind: "cardinality", min: 2, max: 2, children: [leaf("A"), leaf("B")] },
      { kind: "cardinality", min: 0, max: "*", children: [leaf("C")] },
      { kind: "optional", children: [leaf("D")] },
    ]);
  });

  it("accepts dotted and quoted names, escapes and keywords in quotes", () => {
    const model = parseOk(
      uvl("features", ">Car.Base", ">>optional", '>>>"or"', '>>>"Sun \\"roof\\""', '>>>"4WD"', ">>>运动"),
    );
    expect(model.root.name).toBe("Car.Base");
    expect(childNames(model.root.groups[0])).toEqual(["or", 'Sun "roof"', "4WD", "运动"]);
  });

  it("reads every attribute value form", () => {
    const model = parseOk(
      uvl("features", `>Car {abstract, "display name" "Family car", ratio -0.25, big 1e21, ok true, tag 'a\\'b'}`),
    );
    expect(model.root.attributes).toEqual({
      abstract: true,
      "display name": "Family car",
      ratio: -0.25,
      big: 1e21,
      ok: true,
      tag: "a'b",
    });
  });

  it("keeps a __proto__ attribute as an ordinary key", () => {
    const model = parseOk(uvl("features", '>Car {"__proto__" 1}'));
    expect(Object.keys(model.root.attributes)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(model.root.attributes)).toBe(Object.prototype);
  });

  it("turns constraint attributes into model constraints", () => {
    const model = parseOk(
      uvl(
        "features",
        ">Car",
        ">>optional",
        ">>>Tow {constraint Tow => Hitch}",
        ">>>Hitch {constraints [Hitch => Car, !Tow | Hitch]}",
      ),
    );
    expect(model.constraints).toEqual([
      { implies: [v("Tow"), v("Hitch")] },
      { implies: [v("Hitch"), v("Car")] },
      { or: [{ not: v("Tow") }, v("Hitch")] },
    ]);
    expect(model.root.groups[0]?.children[0]?.attributes).toEqual({});
  });

  it("accepts Boolean language levels and joins bracketed continuation lines", () => {
    const model = parseOk(
      uvl(
        "include",
        ">Boolean.*",
        ">Boolean.group-cardinality",
        "features",
        ">Car {abstract,",
        ">>price 3}",
        ">>optional",
        ">>>Tow",
        ">>>Sunroof",
        "constraints",
        ">(Tow &",
        ">>Sunroof",
        ">)",
        ">Tow",
      ),
    );
    expect(model.root.attributes).toEqual({ abstract: true, price: 3 });
    expect(model.constraints).toEqual([{ and: [v("Tow"), v("Sunroof")] }, v("Tow")]);
  });
});

function leaf(name: string): UvlFeature {
  return { name, attributes: {}, groups: [] };
}

describe("parseUvl comments", () => {
  it("skips line and block comments anywhere, including ones spanning lines", () => {
    const model = parseOk(
      [
        "// exported by a product-line tool",
        "namespace Demo // trailing",
        "/* a block",
        "   spanning lines */",
        "features",
        "\tCar // the root",
        "\t\toptional /* inline */",
        "\t\t\tTow",
        "  // a comment indented with spaces is not an indented line",
        "\t\t\t/* before */ Sunroof /* after",
        "   still a comment */",
        "constraints",
        "\t/* lead */ Tow => /* mid */ !Sunroof // tail",
        "/* done */",
      ].join("\n"),
    );
    expect(model.namespace).toBe("Demo");
    expect(childNames(model.root.groups[0])).toEqual(["Tow", "Sunroof"]);
    expect(model.constraints).toEqual([{ implies: [v("Tow"), { not: v("Sunroof") }] }]);
  });

  it("treats comment markers inside quotes as text", () => {
    const model = parseOk(uvl("features", ">\"a // b\" {note '/* not a comment */'}"));
    expect(model.root).toEqual({ name: "a // b", attributes: { note: "/* not a comment */" }, groups: [] });
  });
});

describe("constraint precedence and associativity", () => {
  it("binds ! tighter than &, & tighter than |, | tighter than =>, => tighter than <=>", () => {
    expect(constraintOf("a | b & c")).toEqual({ or: [v("a"), { and: [v("b"), v("c")] }] });
    expect(constraintOf("!a & b")).toEqual({ and: [{ not: v("a") }, v("b")] });
    expect(constraintOf("a & b | c => d")).toEqual({ implies: [{ or: [{ and: [v("a"), v("b")] }, v("c")] }, v("d")] });
    expect(constraintOf("a <=> b => c")).toEqual({ iff: [v("a"), { implies: [v("b"), v("c")] }] });
    expect(constraintOf("!!a")).toEqual({ not: { not: v("a") } });
  });

  it("groups every binary operator to the left, as the reference grammar does", () => {
    expect(constraintOf("a => b => c")).toEqual({ implies: [{ implies: [v("a"), v("b")] }, v("c")] });
    expect(constraintOf("a & b & c")).toEqual({ and: [{ and: [v("a"), v("b")] }, v("c")] });
    expect(constraintOf("a | b | c")).toEqual({ or: [{ or: [v("a"), v("b")] }, v("c")] });
    expect(constraintOf("a <=> b <=> c")).toEqual({ iff: [{ iff: [v("a"), v("b")] }, v("c")] });
  });

  it("lets parentheses override precedence", () => {
    expect(constraintOf("(a | b) & c")).toEqual({ and: [{ or: [v("a"), v("b")] }, v("c")] });
    expect(constraintOf("(a => b) => c")).toEqual({ implies: [{ implies: [v("a"), v("b")] }, v("c")] });
    expect(constraintOf("!(a)")).toEqual({ not: v("a") });
  });

  it("serializes with the fewest parentheses that keep the tree (nested implications always bracketed, which every UVL tool reads alike)", () => {
    const cases: Array<[UvlExpr, string]> = [
      [{ or: [v("a"), { and: [v("b"), v("c")] }] }, "a | b & c"],
      [{ and: [{ or: [v("a"), v("b")] }, v("c")] }, "(a | b) & c"],
      [{ implies: [v("a"), { implies: [v("b"), v("c")] }] }, "a => (b => c)"],
      [{ implies: [{ implies: [v("a"), v("b")] }, v("c")] }, "(a => b) => c"],
      [{ and: [v("a"), { and: [v("b"), v("c")] }] }, "a & (b & c)"],
      [{ iff: [v("a"), { iff: [v("b"), v("c")] }] }, "a <=> (b <=> c)"],
      [{ not: { or: [v("a"), v("b")] } }, "!(a | b)"],
      [{ not: { not: v("a") } }, "!!a"],
      [{ and: [{ not: v("a") }, v("b")] }, "!a & b"],
    ];
    for (const [expr, text] of cases) {
      const printed = serializeUvl({ root: leaf("a"), constraints: [expr] });
      expect(printed.split("\n").at(-2)).toBe(`\t${text}`);
    }
  });
});

describe("parseUvl errors", () => {
  it("reports a dedent that matches no enclosing level", () => {
    expect(parseErrors(uvl("features", ">Car", ">>optional", ">>>>Tow", ">>>Sunroof"))).toEqual([
      {
        line: 5,
        column: 4,
        message: "inconsistent indentation: this line does not line up with any enclosing level",
      },
    ]);
  });

  it("reports tabs mixed with spaces at the offending character", () => {
    expect(parseErrors("features\n\tCar\n\t\toptional\n\t    Tow\n")).toEqual([
      { line: 4, column: 2, message: "inconsistent indentation: found a space, but line 2 indents with tabs" },
    ]);
    expect(parseErrors("features\n  Car\n\toptional\n    Tow\n")[0]).toEqual({
      line: 3,
      column: 1,
      message: "inconsistent indentation: found a tab, but line 2 indents with spaces",
    });
    expect(parseErrors("features\n\t Car\n")).toEqual([
      { line: 2, column: 2, message: "inconsistent indentation: this line mixes tabs and spaces" },
    ]);
  });

  it("reports every unknown reference in the constraints", () => {
    const errors = parseErrors(
      uvl(
        "features",
        ">Car",
        ">>optional",
        ">>>Tow",
        "constraints",
        ">Tow => Trailer",
        ">!Roof | Tow",
        '>"Sun roof" & Roof',
      ),
    );
    expect(errors).toEqual([
      { line: 6, column: 9, message: "unknown feature 'Trailer' in constraint" },
      { line: 7, column: 3, message: "unknown feature 'Roof' in constraint" },
      { line: 8, column: 2, message: "unknown feature 'Sun roof' in constraint" },
      { line: 8, column: 15, message: "unknown feature 'Roof' in constraint" },
    ]);
  });

  it("reports every duplicate feature with the first declaration", () => {
    const errors = parseErrors(uvl("features", ">Car", ">>optional", ">>>Tow", ">>>Tow", ">>mandatory", ">>>Tow"));
    expect(errors).toEqual([
      { line: 5, column: 4, message: "duplicate feature 'Tow' (first declared at line 4, column 4)" },
      { line: 7, column: 4, message: "duplicate feature 'Tow' (first declared at line 4, column 4)" },
    ]);
  });

  it("reports an unclosed parenthesis at the parenthesis and keeps checking later lines", () => {
    const errors = parseErrors(
      uvl("features", ">Car", ">>optional", ">>>Tow", "constraints", ">(Tow & Car", ">Tow => Roof"),
    );
    expect(errors).toEqual([
      { line: 6, column: 2, message: "unclosed '(': missing ')'" },
      { line: 7, column: 9, message: "unknown feature 'Roof' in constraint" },
    ]);
  });

  it("reports an unclosed string at its opening quote, once", () => {
    expect(
      parseErrors(uvl("features", '>Car {label "Sport}', ">>optional", ">>>Tow", "constraints", ">Tow => Car")),
    ).toEqual([{ line: 2, column: 13, message: 'unclosed string: missing closing "' }]);
    expect(parseErrors(uvl("features", ">Car {label 'Sport")).at(0)).toMatchObject({ line: 2, column: 13 });
  });

  it("rejects non-Boolean feature types and feature cardinalities", () => {
    expect(
      parseErrors(uvl("features", ">Car", ">>optional", ">>>Integer Horsepower", ">>>Wheel cardinality [1..4]")),
    ).toEqual([
      { line: 4, column: 4, message: "Integer features are not supported: only Boolean features are supported" },
      { line: 5, column: 10, message: "feature cardinality is not supported: it is not part of the Boolean level" },
    ]);
  });

  it("rejects invalid cardinalities", () => {
    expect(parseErrors(uvl("features", ">Car", ">>[3..1]", ">>>A"))).toEqual([
      { line: 3, column: 3, message: "invalid cardinality [3..1]: the lower bound is greater than the upper bound" },
    ]);
    expect(parseErrors(uvl("features", ">Car", ">>[]", ">>>A"))[0]).toMatchObject({ line: 3, column: 3 });
    expect(parseErrors(uvl("features", ">Car", ">>[1..-2]", ">>>A"))[0]).toMatchObject({ line: 3, column: 7 });
  });

  it("rejects imports, non-Boolean language levels and arithmetic", () => {
    expect(parseErrors(uvl("imports", ">sub.Model as sub", "features", ">Car"))).toEqual([
      {
        line: 1,
        column: 1,
        message: "imports are not supported: compose the model into a single file before importing it",
      },
    ]);
    expect(parseErrors(uvl("include", ">Arithmetic.*", "features", ">Car"))[0]).toMatchObject({
      line: 2,
      column: 2,
      message: "language level 'Arithmetic.*' is not supported: only Boolean-level models can be imported",
    });
    expect(parseErrors(uvl("features", ">Car", "constraints", ">Car > 3", ">sum(Car) == 2"))).toEqual([
      { line: 4, column: 6, message: "operator '>' is not supported: only Boolean constraints are allowed" },
      {
        line: 5,
        column: 2,
        message: "aggregate function 'sum' is not supported: only Boolean constraints are allowed",
      },
    ]);
  });

  it("explains tree-shape mistakes", () => {
    expect(parseErrors(uvl("features", "Car", ">Tow"))).toEqual([
      { line: 1, column: 1, message: "the features section has no root feature" },
      {
        line: 2,
        column: 1,
        message:
          "expected a section (namespace, include, imports, features, constraints); features must be indented under 'features'",
      },
    ]);
    expect(parseErrors(uvl("features", ">Car", ">>Tow"))).toEqual([
      {
        line: 3,
        column: 3,
        message: "feature 'Tow' needs a group (mandatory, optional, alternative, or, [n..m]) above it",
      },
    ]);
    expect(parseErrors(uvl("features", ">Car", ">>optional", ">>optional", ">>>Tow"))).toEqual([
      { line: 3, column: 3, message: "empty group 'optional': a group needs at least one feature" },
    ]);
    expect(parseErrors(uvl("features", ">Car", ">Bus"))).toEqual([
      { line: 3, column: 2, message: "a feature model has exactly one root feature" },
    ]);
    expect(parseErrors(uvl("features", ">Car", ">>optional", ">>>mandatory"))[0]).toMatchObject({ line: 4, column: 4 });
  });

  it("asks for quotes around keywords and names starting with a digit", () => {
    expect(parseErrors(uvl("features", ">Car", ">>optional", ">>>4WD"))).toEqual([
      { line: 4, column: 4, message: 'a name cannot start with a digit; quote it: "4WD"' },
    ]);
    expect(parseErrors(uvl("features", ">Car", "constraints", ">Car => or"))).toEqual([
      { line: 4, column: 9, message: `'or' is a keyword; write "or" to use it as a feature name` },
    ]);
  });

  it("reports a missing features section, unclosed comments and stray characters", () => {
    expect(parseErrors("namespace Demo\n")).toEqual([{ line: 1, column: 1, message: "missing 'features' section" }]);
    expect(parseErrors("")).toEqual([{ line: 1, column: 1, message: "missing 'features' section" }]);
    expect(parseErrors(uvl("features", ">Car /* open"))).toEqual([
      { line: 2, column: 6, message: "unclosed block comment: missing '*/'" },
    ]);
    expect(parseErrors(uvl("features", ">Car @"))).toEqual([
      { line: 2, column: 6, message: "unexpected character '@'" },
    ]);
  });

  it("reports syntax errors inside constraints with the offending token", () => {
    const errors = parseErrors(
      uvl("features", ">Car", "constraints", ">Car Car", ">Car &", ">(Car | Car Car)", ">& Car"),
    );
    expect(errors).toEqual([
      { line: 4, column: 6, message: "expected an operator (&, |, =>, <=>) or the end of the line but found 'Car'" },
      { line: 5, column: 7, message: "expected a feature name, '!' or '(' but reached the end of the line" },
      { line: 6, column: 13, message: "expected an operator (&, |, =>, <=>) or ')' but found 'Car'" },
      { line: 7, column: 2, message: "expected a feature name, '!' or '(' but found '&'" },
    ]);
  });
});

describe("serializeUvl", () => {
  it("quotes names only when needed and escapes quotes, backslashes and line breaks", () => {
    const names = ["Tow", "Car.Base", "Heated Seats", "or", "4WD", "运动", 'say "hi"\\', "two\nlines", "_x", "a..b"];
    const model: UvlModel = {
      root: { name: "Car", attributes: {}, groups: [{ kind: "optional", children: names.map(leaf) }] },
      constraints: [],
    };
    const lines = serializeUvl(model).split("\n").slice(3, -1);
    expect(lines).toEqual(
      [
        "Tow",
        "Car.Base",
        '"Heated Seats"',
        '"or"',
        '"4WD"',
        '"运动"',
        '"say \\"hi\\"\\\\"',
        '"two\\nlines"',
        '"_x"',
        '"a..b"',
      ].map((name) => `\t\t\t${name}`),
    );
    expect(parseOk(serializeUvl(model))).toEqual(model);
  });

  it("writes attribute values canonically", () => {
    const root: UvlFeature = {
      name: "Car",
      attributes: {
        abstract: true,
        hidden: false,
        price: 1200,
        ratio: -0.5,
        label: "It's \\ fine",
        "display name": "x",
      },
      groups: [],
    };
    expect(serializeUvl({ root, constraints: [] })).toBe(
      "features\n\tCar {abstract, hidden false, price 1200, ratio -0.5, label 'It\\'s \\\\ fine', \"display name\" 'x'}\n",
    );
    expect(() => serializeUvl({ root: { ...root, attributes: { bad: Number.NaN } }, constraints: [] })).toThrow(
      RangeError,
    );
  });

  it("handles a 1,000-level deep tree without recursion", () => {
    let root = leaf("F1000");
    for (let depth = 999; depth >= 1; depth--) {
      root = { name: `F${depth}`, attributes: {}, groups: [{ kind: "mandatory", children: [root] }] };
    }
    const text = serializeUvl({ root, constraints: [{ implies: [v("F1000"), v("F1")] }] });
    const model = parseOk(text);
    expect(countFeatures(model.root)).toBe(1000);
    expect(serializeUvl(model)).toBe(text);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Property tests

const plainName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,6}$/);
const keywordName = fc.constantFrom("or", "mandatory", "features", "constraints", "true", "Boolean", "Integer", "sum");
const oddPiece = fc.constantFrom(
  " ",
  '"',
  "'",
  "\\",
  "\n",
  "\r",
  "\t",
  ".",
  "//",
  "/*",
  "{",
  ")",
  "!",
  "=>",
  "运",
  "😀",
  "#",
  "-",
  "1",
);
const oddName = fc
  .array(fc.oneof(oddPiece, plainName), { minLength: 1, maxLength: 4 })
  .map((pieces) => pieces.join(""));
const nameArb = fc.oneof(
  plainName,
  keywordName,
  fc.tuple(plainName, plainName).map(([a, b]) => `${a}.${b}`),
  oddName,
  fc.string({ unit: "binary", minLength: 1, maxLength: 5 }),
);

const attributeValueArb = fc.oneof(
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.oneof(oddName, fc.string()),
);
const attributesArb = fc.dictionary(nameArb, attributeValueArb, { maxKeys: 3, noNullPrototype: true });

function featureArb(depth: number): fc.Arbitrary<UvlFeature> {
  const groups: fc.Arbitrary<UvlGroup[]> =
    depth >= 4 ? fc.constant([]) : fc.array(groupArb(depth + 1), { maxLength: 2 });
  return fc.record({ name: nameArb, attributes: attributesArb, groups });
}

function groupArb(childDepth: number): fc.Arbitrary<UvlGroup> {
  const children = fc.array(featureArb(childDepth), { minLength: 1, maxLength: 3 });
  const simple = fc.record({ kind: fc.constantFrom("mandatory", "optional", "alternative", "or" as const), children });
  const cardinality = fc.record({ min: fc.nat(4), extra: fc.option(fc.nat(4), { nil: undefined }), children }).map(
    ({ min, extra, children }): UvlGroup => ({
      kind: "cardinality",
      min,
      max: extra === undefined ? "*" : min + extra,
      children,
    }),
  );
  return fc.oneof(simple, cardinality);
}

/** Renames later duplicates so every feature name is unique, as the parser requires. */
function withUniqueNames(generated: UvlFeature): UvlFeature {
  const root = structuredClone(generated);
  const seen = new Set<string>();
  const pending = [root];
  for (let feature = pending.pop(); feature !== undefined; feature = pending.pop()) {
    let name = feature.name;
    for (let n = 2; seen.has(name); n++) name = `${feature.name}~${n}`;
    seen.add(name);
    feature.name = name;
    for (const group of feature.groups) pending.push(...group.children);
  }
  return root;
}

function allNames(root: UvlFeature): string[] {
  const names: string[] = [];
  const pending = [root];
  for (let feature = pending.pop(); feature !== undefined; feature = pending.pop()) {
    names.push(feature.name);
    for (const group of feature.groups) pending.push(...group.children);
  }
  return names;
}

function exprArb(names: string[], depth: number): fc.Arbitrary<UvlExpr> {
  const leafExpr = fc.constantFrom(...names).map((name): UvlExpr => ({ var: name }));
  if (depth === 0) return leafExpr;
  const sub = exprArb(names, depth - 1);
  const pair = fc.tuple(sub, sub);
  return fc.oneof(
    { arbitrary: leafExpr, weight: 2 },
    { arbitrary: sub.map((e): UvlExpr => ({ not: e })), weight: 1 },
    { arbitrary: pair.map((p): UvlExpr => ({ and: p })), weight: 1 },
    { arbitrary: pair.map((p): UvlExpr => ({ or: p })), weight: 1 },
    { arbitrary: pair.map((p): UvlExpr => ({ implies: p })), weight: 1 },
    { arbitrary: pair.map((p): UvlExpr => ({ iff: p })), weight: 1 },
  );
}

const modelArb: fc.Arbitrary<UvlModel> = featureArb(0)
  .map(withUniqueNames)
  .chain((root) =>
    fc
      .record({
        namespace: fc.option(nameArb, { nil: undefined }),
        constraints: fc.array(exprArb(allNames(root), 3), { maxLength: 4 }),
      })
      .map(({ namespace, constraints }) =>
        namespace === undefined ? { root, constraints } : { namespace, root, constraints },
      ),
  );

describe("round trip", () => {
  it("parseUvl(serializeUvl(m)) deep-equals m and serializing again gives the same text", () => {
    fc.assert(
      fc.property(modelArb, (model) => {
        const text = serializeUvl(model);
        const parsed = parseOk(text);
        expect(parsed).toEqual(model);
        expect(serializeUvl(parsed)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it("never throws on damaged input and always gives positions", () => {
    const damaged = fc.tuple(modelArb, fc.nat(), fc.string({ maxLength: 3 })).map(([model, at, junk]) => {
      const text = serializeUvl(model);
      const cut = at % (text.length + 1);
      return text.slice(0, cut) + junk + text.slice(cut + 1);
    });
    fc.assert(
      fc.property(fc.oneof(damaged, fc.string()), (text) => {
        const result = parseUvl(text);
        if (result.ok) return;
        for (const error of result.errors) {
          expect(error.line).toBeGreaterThanOrEqual(1);
          expect(error.column).toBeGreaterThanOrEqual(1);
          expect(error.message).not.toBe("");
        }
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Scale

const GROUP_CYCLE = ["optional", "mandatory", "alternative", "or", "[1..2]"];

/** An industrial-size model as text: features F0..F(n-1), F(i) parents F(5i+1)..F(5i+5). */
function largeModelText(featureCount: number, constraintCount: number): string {
  const lines = ["namespace Scale", "features"];
  const pending = [{ id: 0, depth: 1 }];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const { id, depth } = item;
    const attributes = id % 7 === 0 ? ` {price ${id * 100}, label "功能 ${id}"}` : "";
    lines.push(`${"\t".repeat(depth)}F${id}${attributes}`);
    const children = [1, 2, 3, 4, 5].map((k) => 5 * id + k).filter((child) => child < featureCount);
    if (children.length === 0) continue;
    lines.push(`${"\t".repeat(depth + 1)}${GROUP_CYCLE[id % GROUP_CYCLE.length]}`);
    for (const child of children.reverse()) pending.push({ id: child, depth: depth + 2 });
  }
  lines.push("constraints");
  for (let k = 0; k < constraintCount; k++) {
    const [a, b, c, d] = [7919, 104729, 1299709, 15485863].map((prime) => `F${(k * prime + 1) % featureCount}`);
    const patterns = [`${a} => ${b}`, `!(${a} & ${b})`, `${a} <=> ${b} | !${c}`, `(${a} | ${b}) & ${c} => ${d}`];
    lines.push(`\t${patterns[k % patterns.length]} // rule ${k}`);
  }
  return `${lines.join("\n")}\n`;
}

describe("scale", () => {
  it("parses a model with 20,000 features and 1,500 constraints", () => {
    const model = parseOk(largeModelText(20_000, 1_500));
    expect(countFeatures(model.root)).toBe(20_000);
    expect(model.constraints).toHaveLength(1_500);
    expect(model.root.groups[0]?.children).toHaveLength(5);
  });
});
