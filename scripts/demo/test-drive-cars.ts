import type { Prng } from "./prng.ts";
import type { CatalogData, DealerRow, TestDriveCarRow } from "./rows.ts";

/**
 * Demo cars for test drives: every dealer that offers test drives keeps one or two cars of a
 * couple of trims of each of its brand's models (always the entry trim, often a second one).
 * @example testDriveCars(catalog, dealers, rng).every((row) => row.cars >= 1) // true
 */
export function testDriveCars(catalog: CatalogData, dealers: DealerRow[], rng: Prng): TestDriveCarRow[] {
  const trimsByModel = new Map<string, string[]>();
  for (const trim of [...catalog.trims].sort((a, b) => a.priceFen - b.priceFen)) {
    trimsByModel.set(trim.modelId, [...(trimsByModel.get(trim.modelId) ?? []), trim.id]);
  }
  const rows: TestDriveCarRow[] = [];
  for (const dealer of dealers) {
    if (!dealer.services.includes("test_drive")) continue;
    for (const model of catalog.models.filter((m) => m.brandId === dealer.brandId)) {
      const [entry, ...others] = trimsByModel.get(model.id) ?? [];
      if (!entry) continue;
      const trims = others.length > 0 && rng.chance(0.6) ? [entry, rng.pick(others)] : [entry];
      for (const trimId of trims) rows.push({ dealerId: dealer.id, trimId, cars: rng.int(1, 2) });
    }
  }
  return rows;
}
