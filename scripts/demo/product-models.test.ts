import { describe, expect, it } from "vitest";
import { compileModel } from "../../domain/configurator/compile.ts";
import { parseProductModel } from "../../domain/configurator/product-model.ts";
import { Reasoner } from "../../domain/configurator/reasoner.ts";
import { validateConfiguration } from "../../domain/configurator/validate.ts";
import { generateDemo } from "./generate.ts";
import { productModelOf } from "./product-models.ts";

const demo = generateDemo({ inventory: 10 });

describe("demo product models", () => {
  it("are valid, buildable, and have no option that can never be chosen", () => {
    for (const model of demo.models) {
      const productModel = productModelOf(demo, model.id);
      expect(parseProductModel(productModel).ok, model.id).toBe(true);
      const diagnosis = new Reasoner(compileModel(productModel)).diagnose();
      expect(diagnosis, model.id).toMatchObject({ status: "ok", dead: [] });
    }
  });

  it("price each trim's standard configuration at the trim's list price", () => {
    for (const trim of demo.trims) {
      const productModel = productModelOf(demo, trim.modelId);
      const trimCode = `trim:${trim.id.split(":").at(-1)}`;
      const standard = demo.trimOptions
        .filter((x) => x.trimId === trim.id && x.standard)
        .map((x) => demo.options.find((o) => o.id === x.optionId)?.code as string);
      const result = validateConfiguration(
        productModel,
        [trimCode, ...standard],
        { date: "2026-11-28" },
        trim.priceFen,
      );
      expect(result.ok, `${trim.id}: ${JSON.stringify(result)}`).toBe(true);
    }
  });
});
