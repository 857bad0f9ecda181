// The package as users import it: by its name, with `import` and with
// `require`, through the `exports` map; both give one instance, so that an
// error thrown by one is an instance of the other's class.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { test } from "node:test";

import * as esm from "@incident-response/core";

const require = createRequire(import.meta.url);
const cjs = require("@incident-response/core");

test("import and require give the same functions, one instance", () => {
  assert.deepEqual(Object.keys(esm).sort(), Object.keys(cjs).sort());
  for (const name of Object.keys(cjs)) {
    assert.equal(esm[name], cjs[name], name);
  }
  assert.equal(esm.decide({ severity: "P4" }).outcome, "defer");
  assert.throws(() => cjs.decide({ severity: "P9" }), esm.IncidentResponseError);
  assert.equal(esm.VERSION, require("../package.json").version);
  assert.equal(esm.STANDARD_NAME, "EATGF-DSS-INC-01 v1.0");
});

test("the exports map serves Node's import and require, and the web build elsewhere", () => {
  const pkg = require("../package.json");
  const root = pkg.exports["."];
  assert.equal(require.resolve("@incident-response/core"), require.resolve(`../${root.node.require.default}`));
  assert.equal(import.meta.resolve("@incident-response/core"), new URL(`../${root.node.import.default}`, import.meta.url).href);
  assert.equal(root.default, "./dist/web/core.js");
  assert.equal(pkg.exports["./web"].default, "./dist/web/core.js");
});

test("a CommonJS script and an ES module script run in a fresh Node", () => {
  const cjsOut = execFileSync(process.execPath, ["-e", 'const ir = require("@incident-response/core"); console.log(ir.decide({severity: "P1"}).outcome)'], { cwd: new URL("..", import.meta.url) });
  assert.equal(cjsOut.toString(), "rollback\n");
  const esmOut = execFileSync(process.execPath, ["--input-type=module", "-e", 'import { classify } from "@incident-response/core"; console.log(classify({error_rate: 0.1}).severity)'], { cwd: new URL("..", import.meta.url) });
  assert.equal(esmOut.toString(), "P2\n");
});

test("the web build instantiates in Node too, given the module's bytes", async () => {
  // Browsers fetch the .wasm; here the test hands the web glue its bytes.
  const { readFile } = await import("node:fs/promises");
  const glue = await import("../dist/web/native.js");
  glue.initSync({ module: await readFile(new URL("../dist/native_bg.wasm", import.meta.url)) });
  const policy = glue.Policy.standard();
  assert.equal(policy.fingerprint(), esm.Policy.standard().fingerprint());
});
