import { CITIES } from "../../domain/geo/cities.ts";
import { insertAll } from "../../worker/db/bulk-insert.ts";
import { type Database, schema } from "../../worker/db/client.ts";
import { productModelOf } from "./product-models.ts";
import type { DemoData } from "./rows.ts";

/**
 * Writes the city dataset, a generated demo store and each model's configurator rule base into
 * D1, parents before children.
 * @example await storeDemo(database(env.DB), generateDemo({ inventory: 200 }))
 */
export async function storeDemo(db: Database, demo: DemoData): Promise<void> {
  await insertAll(db, schema.cities, [...CITIES]);
  await insertAll(db, schema.brands, demo.brands);
  await insertAll(db, schema.models, demo.models);
  await insertAll(db, schema.trims, demo.trims);
  await insertAll(db, schema.optionGroups, demo.optionGroups);
  await insertAll(db, schema.options, demo.options);
  await insertAll(db, schema.trimOptions, demo.trimOptions);
  await insertAll(db, schema.dealers, demo.dealers);
  await insertAll(db, schema.testDriveCars, demo.testDriveCars);
  await insertAll(db, schema.inventoryVehicles, demo.inventoryVehicles);
  for (const model of demo.models) {
    await db
      .insert(schema.productModels)
      .values({ modelId: model.id, version: 1, body: productModelOf(demo, model.id) })
      .onConflictDoNothing();
  }
}
