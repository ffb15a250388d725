/**
 * Deterministic setup of the order benchmark: the demo catalogue, valid configurations to order
 * (one trim per model, its standard options, the server's price for the dealer's province), cars in
 * stock that match them exactly, and shoppers whose sessions confirmed a text code just now.
 */
import { validateConfiguration } from "../../domain/configurator/validate.ts";
import { CITIES } from "../../domain/geo/cities.ts";
import { shanghaiDate } from "../../domain/time.ts";
import { generateDemo } from "../../scripts/demo/generate.ts";
import { productModelOf } from "../../scripts/demo/product-models.ts";
import { storeDemo } from "../../scripts/demo/store.ts";
import { database } from "../../worker/db/client.ts";

/** What POST /api/orders is sent for one configuration, less `fulfilment`. */
export interface Configuration {
  model: string;
  version: number;
  options: string[];
  priceFen: number;
  dealerId: string;
  insurance: boolean;
  /** Stored in inventory_vehicles: the trim, the paint code, the option codes without the trim's. */
  trimId: string;
  paint: string;
  standard: string[];
}

export const demo = generateDemo({ inventory: 0 });

/** Writes the catalogue (no inventory) into an empty D1. */
export async function storeCatalogue(db: D1Database): Promise<void> {
  await storeDemo(database(db), demo);
}

/**
 * Up to `count` configurations on different models: the model's first trim with its standard
 * options, at a dealer of its brand, priced as the server will price it today.
 */
export function configurations(count: number): Configuration[] {
  const found: Configuration[] = [];
  for (const model of demo.models) {
    const trim = demo.trims.find((t) => t.modelId === model.id);
    const dealer = demo.dealers.find((d) => d.brandId === model.brandId);
    if (!trim || !dealer) continue;
    const codeOf = (optionId: string) => demo.options.find((o) => o.id === optionId);
    const standard = demo.trimOptions
      .filter((x) => x.trimId === trim.id && x.standard)
      .map((x) => codeOf(x.optionId)?.code as string);
    const paint = standard.find((code) => demo.options.find((o) => o.code === code)?.groupId.endsWith("paint")) ?? "";
    const options = [`trim:${trim.id.split(":").at(-1)}`, ...standard];
    const province = CITIES.find((city) => city.code === dealer.cityCode)?.province;
    const checked = validateConfiguration(productModelOf(demo, model.id), options, {
      date: shanghaiDate(),
      province,
    });
    if (!checked.ok) continue;
    found.push({
      model: model.slug,
      version: 1,
      options,
      priceFen: checked.breakdown.totalFen,
      dealerId: dealer.id,
      insurance: true,
      trimId: trim.id,
      paint,
      standard,
    });
    if (found.length === count) break;
  }
  return found;
}

/** Puts `count` cars of `configuration` in stock at its dealer, with VINs `prefix…`. */
export async function stock(db: D1Database, configuration: Configuration, count: number, prefix: string) {
  const statements = Array.from({ length: count }, (_, i) =>
    db
      .prepare(
        `INSERT INTO inventory_vehicles (vin, trim_id, dealer_id, color_code, option_codes, status, price_fen, available_on, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 'in_stock', ?6, '2026-11-01', '2026-11-01T00:00:00Z')`,
      )
      .bind(
        `${prefix}${String(i).padStart(17 - prefix.length, "0")}`,
        configuration.trimId,
        configuration.dealerId,
        configuration.paint,
        JSON.stringify(configuration.standard),
        configuration.priceFen,
      ),
  );
  for (let i = 0; i < statements.length; i += 200) await db.batch(statements.slice(i, i + 200));
}

function base64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64url");
}

/**
 * Creates `count` shopper accounts `<prefix>-<n>`, each with a session stepped up now, one D1
 * write (a batch of the user and session INSERTs) at a time; answers their session tokens and how
 * long each write took (ms), the benchmark's baseline for a D1 write.
 */
export async function shoppers(db: D1Database, prefix: string, count: number) {
  const tokens: string[] = [];
  const writeMs: number[] = [];
  for (let i = 0; i < count; i++) {
    const id = `${prefix}-${i}`;
    const token = base64Url(crypto.getRandomValues(new Uint8Array(32)));
    const hash = base64Url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token))));
    const started = performance.now();
    await db.batch([
      db
        .prepare("INSERT INTO users (id, phone_cipher, phone_index, roles) VALUES (?1, 'bench', ?1, ?2)")
        .bind(id, JSON.stringify(["shopper"])),
      db
        .prepare(
          "INSERT INTO sessions (token_hash, user_id, expires_at, stepped_up_at) VALUES (?1, ?2, '2999-01-01T00:00:00Z', ?3)",
        )
        .bind(hash, id, new Date().toISOString()),
    ]);
    writeMs.push(performance.now() - started);
    tokens.push(token);
  }
  return { tokens, writeMs };
}
