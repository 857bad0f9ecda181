// `npm test`: every test of the package with Node's own runner (test/*.test.mjs):
// the documents and fixtures against the command-line tool, the refusals,
// `import` and `require`, fast-check properties against the tool, the types
// (tsc --strict), the snapshots, and the playground in Debian's chromium.
// The package must be built (npm run build) and the tool too (cargo build
// --features cli --bin incident-response, or INCIDENT_RESPONSE_CLI).

import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(dirname(fileURLToPath(import.meta.url)));
if (!existsSync(join(HERE, "dist", "node", "core.js"))) {
  console.error("test: the package is not built: npm run build");
  process.exit(2);
}
const only = process.argv.slice(2);
const files = only.length > 0 ? only : readdirSync(join(HERE, "test")).filter((f) => f.endsWith(".test.mjs")).sort().map((f) => join("test", f));
const run = spawnSync(process.execPath, ["--test", "--test-concurrency=1", ...files], { cwd: HERE, stdio: "inherit" });
process.exit(run.status ?? 1);
