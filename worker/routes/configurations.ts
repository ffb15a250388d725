import { createRoute, OpenAPIHono, type z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { encodeChoices } from "../../domain/configurator/choice-codec.ts";
import { SAVED_CONFIGURATION_LIMIT } from "../../domain/configurator/saved-configuration.ts";
import { validateConfiguration } from "../../domain/configurator/validate.ts";
import { shanghaiDate } from "../../domain/time.ts";
import { type AuthEnv, requireSession } from "../auth.ts";
import { ruleBase } from "../db/catalog.ts";
import { database } from "../db/client.ts";
import {
  configKey,
  deleteSaved,
  findSaved,
  listSaved,
  type SavedConfigurationRow,
  saveConfiguration,
  thumbnailOf,
  trimOf,
} from "../db/configurations.ts";
import { json, problemResponse } from "../openapi.ts";
import { problem } from "../problem.ts";
import {
  SaveConfigurationSchema,
  SavedConfigurationListSchema,
  SavedConfigurationParamsSchema,
  SavedConfigurationSchema,
} from "../schemas/configurations.ts";
import { validationHook } from "../validation.ts";

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** A new saved configuration id: `cfg_` and 20 random characters. */
function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(20));
  return `cfg_${Array.from(bytes, (byte) => ALPHABET[byte % ALPHABET.length]).join("")}`;
}

const MAGIC: Record<string, (bytes: Uint8Array) => boolean> = {
  "image/jpeg": (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  "image/png": (b) => [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((x, i) => b[i] === x),
  "image/webp": (b) =>
    String.fromCharCode(...b.subarray(0, 4)) === "RIFF" && String.fromCharCode(...b.subarray(8, 12)) === "WEBP",
};

/**
 * The bytes and type of an image data URL whose bytes really are the image type it names, else null.
 * @example decodeImage("data:image/png;base64,iVBORw0KGgo…")?.type // "image/png"
 */
function decodeImage(dataUrl: string): { type: string; bytes: Uint8Array } | null {
  const match = /^data:(image\/(?:jpeg|png|webp));base64,([A-Za-z0-9+/]+={0,2})$/.exec(dataUrl);
  if (!match?.[1] || !match[2]) return null;
  try {
    const bytes = Uint8Array.from(atob(match[2]), (char) => char.charCodeAt(0));
    return MAGIC[match[1]]?.(bytes) ? { type: match[1], bytes } : null;
  } catch {
    return null;
  }
}

/** The configuration as the API shows it, with today's price of it (null: its rule-base version cannot price it any more). */
function view(row: SavedConfigurationRow, currentPriceFen: number | null): z.infer<typeof SavedConfigurationSchema> {
  const options = JSON.parse(row.options) as string[];
  return {
    id: row.id,
    model: { slug: row.modelSlug, name: row.modelName, nameEn: row.modelNameEn },
    trim: { id: row.trimId, name: row.trimName, nameEn: row.trimNameEn },
    version: row.version,
    options,
    name: row.name,
    priceFen: row.priceFen,
    pricedOn: row.pricedOn,
    currentPriceFen,
    createdAt: row.createdAt,
    shareUrl: `/models/${row.modelSlug}/configure?c=${encodeChoices(options.map((option) => ({ option, selected: true })))}`,
    thumbnailUrl: row.hasThumbnail ? `/api/me/configurations/${row.id}/thumbnail` : null,
    imageUrl: row.imageKey ? `/api/media/${row.imageKey}` : null,
  };
}

const notFound = (c: Context) => problem(c, "not-found", "没有这个已保存的配置 / No such saved configuration");

/** The shopper's saved configurations: save (validated and priced by the server), list, picture, delete. */
export const configurations = new OpenAPIHono<AuthEnv>({
  defaultHook: (result, c) => validationHook(result, c as never),
})
  .openapi(
    createRoute({
      method: "post",
      path: "/me/configurations",
      tags: ["Configurator"],
      summary: "Save a configuration to the account",
      description:
        "The server checks the configuration against the model's rules and prices it itself (the client's price is never trusted). " +
        "Saving the same configuration again (same model, version and options) answers the saved one with 200, so a double click saves once. " +
        `An account keeps at most ${SAVED_CONFIGURATION_LIMIT} configurations (409 \`saved-configurations-full\`).`,
      middleware: [requireSession()] as const,
      request: { body: { content: { "application/json": { schema: SaveConfigurationSchema } }, required: true } },
      responses: {
        200: json(SavedConfigurationSchema, "Already saved: the saved configuration"),
        201: json(SavedConfigurationSchema, "Saved"),
        400: problemResponse("Malformed request"),
        401: problemResponse("Not signed in"),
        404: problemResponse("No such model version"),
        409: problemResponse("The account keeps as many configurations as it may (`saved-configurations-full`)"),
        422: problemResponse("The configuration breaks the model's rules; `errors` lists them"),
      },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const userId = c.var.signedIn.user.id;
      const thumbnail = input.thumbnail === undefined ? null : decodeImage(input.thumbnail);
      if (input.thumbnail !== undefined && !thumbnail) {
        return problem(c, "validation", "请检查标出的字段 / Check the fields listed in errors", {
          errors: [{ path: "json.thumbnail", message: "不是有效的图片 / not a valid image" }],
        }) as never;
      }
      const base = await ruleBase(database(c.env.DB), input.model, input.version);
      if (!base) return problem(c, "not-found", "没有这个车型版本 / No such model version") as never;
      const pricedOn = shanghaiDate();
      const checked = validateConfiguration(base.body, input.options, { date: pricedOn });
      const trimId = checked.ok ? await trimOf(c.env.DB, base.modelId, input.options) : null;
      if (!checked.ok || !trimId) {
        const problems = checked.ok
          ? ["请选择版本 / Choose a trim"]
          : checked.type === "invalid-configuration"
            ? checked.problems
            : [];
        return problem(c, "invalid-configuration", "配置不符合车型规则 / The configuration breaks the model's rules", {
          errors: problems.map((message) => ({ path: "json.options", message })),
        }) as never;
      }
      const options = [...new Set(input.options)];
      const outcome = await saveConfiguration(
        c.env.DB,
        {
          id: newId(),
          userId,
          modelId: base.modelId,
          trimId,
          version: base.version,
          options,
          configKey: await configKey(base.modelId, base.version, options),
          name: input.name ?? null,
          priceFen: checked.breakdown.totalFen,
          pricedOn,
          thumbnail: input.thumbnail ?? null,
        },
        SAVED_CONFIGURATION_LIMIT,
      );
      if (outcome.status === "full") {
        return problem(
          c,
          "saved-configurations-full",
          `最多保存 ${SAVED_CONFIGURATION_LIMIT} 个配置，请先删除不需要的 / An account keeps at most ${SAVED_CONFIGURATION_LIMIT} configurations; delete one you no longer need first`,
        ) as never;
      }
      const saved = await findSaved(c.env.DB, userId, outcome.id);
      if (!saved) throw new Error(`saved configuration ${outcome.id} vanished`);
      return c.json(view(saved, checked.breakdown.totalFen), outcome.status === "saved" ? 201 : 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/me/configurations",
      tags: ["Configurator"],
      summary: "The account's saved configurations, newest first",
      description:
        "Each keeps the price it was saved at and carries today's price of the same options on the same rule-base version (`currentPriceFen`).",
      middleware: [requireSession()] as const,
      responses: {
        200: json(SavedConfigurationListSchema, "The saved configurations"),
        401: problemResponse("Not signed in"),
      },
    }),
    async (c) => {
      const rows = await listSaved(c.env.DB, c.var.signedIn.user.id);
      const db = database(c.env.DB);
      const today = shanghaiDate();
      const bases = new Map<string, ReturnType<typeof ruleBase>>();
      const priceToday = async (row: SavedConfigurationRow) => {
        const key = `${row.modelSlug}@${row.version}`;
        const base = bases.get(key) ?? ruleBase(db, row.modelSlug, row.version);
        bases.set(key, base);
        const found = await base;
        const checked = found
          ? validateConfiguration(found.body, JSON.parse(row.options) as string[], { date: today })
          : null;
        return checked?.ok ? checked.breakdown.totalFen : null;
      };
      const configurations = await Promise.all(rows.map(async (row) => view(row, await priceToday(row))));
      return c.json({ configurations, limit: SAVED_CONFIGURATION_LIMIT }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/me/configurations/{id}/thumbnail",
      tags: ["Configurator"],
      summary: "The picture saved with a configuration (owner only)",
      middleware: [requireSession()] as const,
      request: { params: SavedConfigurationParamsSchema },
      responses: {
        200: {
          content: { "image/jpeg": { schema: { type: "string", format: "binary" } } },
          description: "The picture",
        },
        401: problemResponse("Not signed in"),
        404: problemResponse("No such configuration of this account, or it has no picture"),
      },
    }),
    async (c) => {
      const stored = await thumbnailOf(c.env.DB, c.var.signedIn.user.id, c.req.valid("param").id);
      const image = stored ? decodeImage(stored) : null;
      if (!image) return notFound(c) as never;
      return c.body(image.bytes.slice().buffer, 200, {
        "content-type": image.type,
        "cache-control": "private, max-age=31536000, immutable",
        "content-security-policy": "default-src 'none'",
      }) as never;
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/me/configurations/{id}",
      tags: ["Configurator"],
      summary: "Delete a saved configuration",
      middleware: [requireSession()] as const,
      request: { params: SavedConfigurationParamsSchema },
      responses: {
        204: { description: "Deleted" },
        401: problemResponse("Not signed in"),
        404: problemResponse("No such configuration of this account"),
      },
    }),
    async (c) => {
      const deleted = await deleteSaved(c.env.DB, c.var.signedIn.user.id, c.req.valid("param").id);
      if (!deleted) return notFound(c) as never;
      return c.body(null, 204);
    },
  );
