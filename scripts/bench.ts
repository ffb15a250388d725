/**
 * `npm run bench [-- NAME…]`: runs each benchmark in bench/ (or only those named), one after another.
 * Each prints its figures next to its budget or its peer, measured in the same run.
 */
import { readdirSync } from "node:fs";
import { run } from "./lib/run.ts";

const wanted = process.argv.slice(2);
const benches = readdirSync("bench")
  .filter((file) => file.endsWith(".ts"))
  .filter((file) => wanted.length === 0 || wanted.includes(file.replace(/\.ts$/, "")));
for (const file of benches) {
  console.log(`\n▶ bench/${file}`);
  await run("node", [`bench/${file}`]);
}
