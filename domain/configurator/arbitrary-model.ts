/** fast-check generators of small random product models, for property tests against brute force. */
import fc from "fast-check";
import type { Expr, ProductModel } from "./product-model.ts";
import type { Choice } from "./reasoner.ts";
import { violations } from "./semantics.ts";

const text = { zh: "项", en: "item" };

const exprOver = (codes: string[]): fc.Arbitrary<Expr> =>
  fc.letrec<{ expr: Expr }>((tie) => ({
    expr: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.constantFrom(...codes).map((option) => ({ option })),
      tie("expr").map((e) => ({ not: e })),
      fc.array(tie("expr"), { minLength: 1, maxLength: 3 }).map((and) => ({ and })),
      fc.array(tie("expr"), { minLength: 1, maxLength: 3 }).map((or) => ({ or })),
      fc.tuple(tie("expr"), tie("expr")).map((implies) => ({ implies })),
      fc.tuple(tie("expr"), tie("expr")).map((iff) => ({ iff })),
    ),
  })).expr;

/**
 * A random product model of 2..maxOptions options with groups (some under a parent option),
 * package contents, random rules, prices and popularity.
 */
export const arbitraryModel = (maxOptions = 9): fc.Arbitrary<ProductModel> =>
  fc.integer({ min: 2, max: maxOptions }).chain((n) => {
    const codes = Array.from({ length: n }, (_, i) => `O${i}`);
    const group = fc
      .record({
        members: fc.shuffledSubarray(codes, { minLength: 1, maxLength: Math.min(5, n) }),
        parent: fc.option(fc.constantFrom(...codes), { nil: null }),
        min: fc.integer({ min: 0, max: 2 }),
        extra: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }),
      })
      .map(({ members, parent, min, extra }) => {
        const options = members.filter((code) => code !== parent);
        const low = Math.min(min, options.length);
        return { options, parent, min: low, max: extra === null ? null : Math.max(1, low + extra) };
      })
      .filter((g) => g.options.length > 0);
    return fc
      .record({
        groups: fc.array(group, { maxLength: 3 }),
        includes: fc.array(fc.tuple(fc.constantFrom(...codes), fc.constantFrom(...codes)), { maxLength: 2 }),
        rules: fc.array(exprOver(codes), { maxLength: 3 }),
        prices: fc.array(fc.integer({ min: 0, max: 50 }), { minLength: n, maxLength: n }),
        popularity: fc.array(fc.integer({ min: 0, max: 10 }), { minLength: n, maxLength: n }),
      })
      .map(({ groups, includes, rules, prices, popularity }) => ({
        id: "random",
        version: 1,
        name: text,
        options: codes.map((code, i) => ({
          code,
          name: text,
          priceFen: (prices[i] ?? 0) * 100,
          includes: includes.filter(([from, to]) => from === code && to !== code).map(([, to]) => to),
          popularity: (popularity[i] ?? 0) / 10,
          render: [],
        })),
        groups: groups.map((g, i) => ({ code: `G${i}`, name: text, ...g })),
        rules: rules.map((constraint, i) => ({ id: `R${i}`, constraint, message: text })),
        prices: [],
      }));
  });

/** Every subset of the model's options, as sets of codes. */
export function* allSelections(model: ProductModel): Generator<Set<string>> {
  const codes = model.options.map((option) => option.code);
  for (let bits = 0; bits < 2 ** codes.length; bits++) {
    yield new Set(codes.filter((_, i) => (bits >> i) & 1));
  }
}

/** Up to `max` decisions about distinct options of the model. */
export const arbitraryChoices = (model: ProductModel, max: number): fc.Arbitrary<Choice[]> =>
  fc
    .uniqueArray(fc.constantFrom(...model.options.map((o) => o.code)), { maxLength: max })
    .chain((codes) => fc.tuple(...codes.map((option) => fc.boolean().map((selected) => ({ option, selected })))));

/** Every valid configuration that agrees with the choices, by enumeration. */
export function validConfigurations(model: ProductModel, choices: readonly Choice[]): Set<string>[] {
  return [...allSelections(model)].filter(
    (chosen) => violations(model, chosen).length === 0 && choices.every((c) => chosen.has(c.option) === c.selected),
  );
}
