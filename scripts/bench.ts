/**
 * `npm run bench [-- NAME… --FLAG…]`: runs each benchmark in bench/ (or only those named), one after
 * another, passing the flags to each (e.g. `npm run bench -- showroom --quick`).
 * Each prints its figures next to its budget or its peer, measured in the same run.
 */
import { readdirSync } from "node:fs";
import { run } from "./lib/run.ts";

const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith("--"));
const flags = process.argv.slice(2).filter((arg) => arg.startsWith("--"));
const benches = readdirSync("bench")
  .filter((file) => file.endsWith(".ts"))
  .filter((file) => wanted.length === 0 || wanted.includes(file.replace(/\.ts$/, "")));
for (const file of benches) {
  console.log(`\n▶ bench/${file}`);
  await run("node", [`bench/${file}`, ...flags]);
}
