// The types: generated from the crate's JSON Schemas and never stale, and
// strict TypeScript compiles a usage of every function against them, as a
// user's project resolves them (through the `exports` map, for `import` and
// for `require`).

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { HERE } from "./peer.mjs";

const PACKAGE = join(HERE, "..");

test("js/types.ts is what the schemas generate", () => {
  const run = spawnSync(process.execPath, [join(PACKAGE, "scripts", "generate-types.mjs"), "--check"], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
});

test("tsc --strict compiles the usage of every function", () => {
  const tsc = join(PACKAGE, "node_modules", "typescript", "bin", "tsc");
  const run = spawnSync(process.execPath, [tsc, "-p", join(HERE, "tsconfig.json")], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stdout + run.stderr);
});

test("a misuse does not compile: the types are not `any`", () => {
  const tsc = join(PACKAGE, "node_modules", "typescript", "bin", "tsc");
  const file = join(HERE, "misuse.generated.ts");
  writeFileSync(
    file,
    [
      'import { decide } from "@incident-response/core";',
      'const wrong: "P5" = decide({ severity: "P1" }).severity;',
      'decide({ severity: "P9" });',
      "",
    ].join("\n"),
  );
  try {
    const args = ["--strict", "--noEmit", "--module", "node16", "--moduleResolution", "node16", "--lib", "es2022,dom", file];
    const run = spawnSync(process.execPath, [tsc, ...args], { encoding: "utf8" });
    assert.notEqual(run.status, 0);
    assert.match(run.stdout, /misuse\.generated\.ts\(2,7\): error TS2322/);
    assert.match(run.stdout, /misuse\.generated\.ts\(3,\d+\): error TS2322: Type '"P9"'/);
  } finally {
    rmSync(file, { force: true });
  }
});
