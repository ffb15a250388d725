/** Row shapes of the demo data: exactly what drizzle accepts for an insert into each table. */
import type { InferInsertModel } from "drizzle-orm";
import type {
  brands,
  dealers,
  inventoryVehicles,
  models,
  optionGroups,
  options,
  testDriveCars,
  trimOptions,
  trims,
} from "../../worker/db/schema.ts";

export type BrandRow = InferInsertModel<typeof brands>;
export type ModelRow = InferInsertModel<typeof models>;
export type TrimRow = InferInsertModel<typeof trims>;
export type OptionGroupRow = InferInsertModel<typeof optionGroups>;
export type OptionRow = InferInsertModel<typeof options>;
export type TrimOptionRow = InferInsertModel<typeof trimOptions>;
export type DealerRow = InferInsertModel<typeof dealers>;
export type InventoryVehicleRow = InferInsertModel<typeof inventoryVehicles>;
export type TestDriveCarRow = InferInsertModel<typeof testDriveCars>;

/** The catalogue part of the demo data: brands down to which trim offers which option. */
export interface CatalogData {
  brands: BrandRow[];
  models: ModelRow[];
  trims: TrimRow[];
  optionGroups: OptionGroupRow[];
  options: OptionRow[];
  trimOptions: TrimOptionRow[];
}

/** Everything the demo store is seeded with (cities come from domain/geo/cities.ts as they are). */
export interface DemoData extends CatalogData {
  dealers: DealerRow[];
  testDriveCars: TestDriveCarRow[];
  inventoryVehicles: InventoryVehicleRow[];
}
