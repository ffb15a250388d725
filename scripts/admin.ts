/**
 * Creates or promotes an account in the local D1: the way to get the first admin (or a marketer,
 * dealer or ops account) without a console. The number is encrypted and indexed with the local
 * PII_KEY from .dev.vars, exactly as signing in would store it.
 *
 *   npm run admin -- --phone 13800138000 [--role admin] [--dealer <id>] [--persist-to .wrangler/state]
 */
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { isRole, ROLES, withRole } from "../domain/auth/roles.ts";
import { maskPhone, toE164 } from "../domain/test-drive/phone.ts";
import { database, schema } from "../worker/db/client.ts";
import { encrypt, phoneIndex, piiKeys } from "../worker/pii.ts";
import { platformProxy } from "./lib/platform.ts";
import { ensureDevVars, PERSIST_DIR } from "./lib/run.ts";

const HELP = `Usage: npm run admin -- --phone 13800138000 [--role ${ROLES.join("|")}] [--dealer <id>] [--persist-to ${PERSIST_DIR}]

Creates the account of that mobile number in the local D1 (role shopper plus --role, default admin),
or adds --role to an existing account. --dealer attaches it to a dealership (what the dealer console
shows it), e.g. --role dealer --dealer xingchi-440300-1. Run the migrations first (npm start does).

Production (remote D1) is out of this command's reach: phone numbers are stored encrypted under the
production PII_KEY, which only the deployed Worker knows, and \`wrangler d1 execute --remote\` runs plain
SQL, so it can neither encrypt nor look up a number. Instead, sign in once on the production site with
that number (this creates the account), read its id from GET /api/me, and promote it by id:

  npx wrangler d1 execute DB --remote --command "UPDATE users SET roles = '[\\"shopper\\",\\"admin\\"]' WHERE id = 'usr_…'"
`;

async function main() {
  const { values } = parseArgs({
    options: {
      phone: { type: "string" },
      role: { type: "string", default: "admin" },
      dealer: { type: "string" },
      "persist-to": { type: "string", default: PERSIST_DIR },
      help: { type: "boolean", short: "h" },
    },
  });
  const e164 = toE164(values.phone ?? "");
  if (values.help || !e164 || !isRole(values.role)) {
    console.log(HELP);
    process.exit(values.help ? 0 : 1);
  }
  const role = values.role;
  ensureDevVars();
  const proxy = await platformProxy(values["persist-to"]);
  try {
    const keys = await piiKeys(proxy.env.PII_KEY);
    const index = await phoneIndex(keys, e164);
    const db = database(proxy.env.DB);
    const dealerId = values.dealer;
    if (dealerId && !(await db.select().from(schema.dealers).where(eq(schema.dealers.id, dealerId))).length) {
      throw new Error(`No dealer ${dealerId}: pick an id from /api/dealers`);
    }
    const [existing] = await db.select().from(schema.users).where(eq(schema.users.phoneIndex, index));
    const roles = withRole(existing?.roles ?? ["shopper"], role);
    const id = existing?.id ?? `usr_${crypto.randomUUID().replace(/-/g, "")}`;
    if (existing) await db.update(schema.users).set({ roles, dealerId }).where(eq(schema.users.id, id));
    else
      await db
        .insert(schema.users)
        .values({ id, phoneCipher: await encrypt(keys, e164), phoneIndex: index, roles, dealerId });
    const at = dealerId ?? existing?.dealerId;
    console.log(
      `admin: ${maskPhone(e164)} is ${id} (${existing ? "updated" : "created"}), roles: ${roles.join(", ")}${at ? `, dealer: ${at}` : ""}`,
    );
    console.log("admin: sign in at /login with this number; for production see npm run admin -- --help");
  } finally {
    await proxy.dispose();
  }
}

await main();
