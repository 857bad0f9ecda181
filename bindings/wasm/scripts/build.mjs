// Builds the package into dist/ and the playground into ../../playground/dist:
//
//   1. the crate's door as WebAssembly (cargo, profile `wasm`);
//   2. its glue, for Node (CommonJS) and for the web (ES module), by
//      wasm-bindgen of exactly the wasm-bindgen crate's version;
//   3. one .wasm for both, optimized by wasm-opt where Debian's binaryen
//      provides it;
//   4. the package's TypeScript (js/), compiled by tsc for Node (CommonJS,
//      with an ES module entry over it, so that `import` and `require`
//      share one instance) and for the web (an ES module);
//   5. the playground (playground/): its TypeScript, its page and the web
//      build, as plain files.
//
//   npm run build            # all of it
//   npm run build -- --fast  # the release profile's settings, for a quick look

import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(dirname(fileURLToPath(import.meta.url)));
const ROOT = join(HERE, "..", "..");
const DIST = join(HERE, "dist");
const PLAYGROUND = join(ROOT, "playground");
const fast = process.argv.includes("--fast");

function run(command, args, options = {}) {
  console.error(`build: ${command} ${args.join(" ")}`);
  execFileSync(command, args, { stdio: "inherit", cwd: HERE, ...options });
}

function has(command) {
  try {
    execFileSync(command, ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

// The version of wasm-bindgen the crate is locked to: the CLI must be the same.
const lock = readFileSync(join(ROOT, "Cargo.lock"), "utf8");
const locked = /name = "wasm-bindgen"\nversion = "([^"]+)"/.exec(lock)?.[1];
const cli = has("wasm-bindgen") ? execFileSync("wasm-bindgen", ["--version"], { encoding: "utf8" }).trim() : "";
if (!locked || cli !== `wasm-bindgen ${locked}`) {
  console.error(
    `build: wasm-bindgen ${locked} is needed (found: ${cli || "none"}): cargo install wasm-bindgen-cli --version ${locked}`,
  );
  process.exit(1);
}

const profile = fast ? "release" : "wasm";
run("cargo", ["build", "--locked", "-p", "incident-response-wasm", "--target", "wasm32-unknown-unknown", "--profile", profile], {
  cwd: ROOT,
});
const built = join(ROOT, "target", "wasm32-unknown-unknown", profile, "incident_response_wasm.wasm");

// The features Rust enables on wasm32-unknown-unknown, which wasm-opt must accept.
const FEATURES = [
  "--enable-bulk-memory",
  "--enable-sign-ext",
  "--enable-mutable-globals",
  "--enable-nontrapping-float-to-int",
  "--enable-reference-types",
  "--enable-multivalue",
];
// Optimized before wasm-bindgen reads it: Debian's wasm-opt predates the
// externref table wasm-bindgen adds, and would break it.
let module = built;
if (has("wasm-opt") && !fast) {
  module = join(ROOT, "target", "wasm32-unknown-unknown", profile, "incident_response_wasm.opt.wasm");
  run("wasm-opt", ["-O3", ...FEATURES, "--strip-debug", "--strip-producers", built, "-o", module]);
} else if (!fast) {
  console.error("build: wasm-opt not found (apt-get install binaryen): the .wasm is left as cargo wrote it");
}

rmSync(DIST, { recursive: true, force: true });
run("wasm-bindgen", ["--target", "nodejs", "--out-dir", join(DIST, "node"), "--out-name", "native", module]);
run("wasm-bindgen", ["--target", "web", "--no-typescript", "--out-dir", join(DIST, "web"), "--out-name", "native", module]);

writeFileSync(join(DIST, "node", "package.json"), `${JSON.stringify({ type: "commonjs" })}\n`);

// One .wasm for both glues (wasm-bindgen writes the same module for each).
const wasm = join(DIST, "native_bg.wasm");
if (!readFileSync(join(DIST, "node", "native_bg.wasm")).equals(readFileSync(join(DIST, "web", "native_bg.wasm")))) {
  console.error("build: the Node and web builds of the module differ");
  process.exit(1);
}
renameSync(join(DIST, "node", "native_bg.wasm"), wasm);
for (const target of ["node", "web"]) {
  rmSync(join(DIST, target, "native_bg.wasm"), { force: true });
  rmSync(join(DIST, target, "native_bg.wasm.d.ts"), { force: true });
}
const nodeGlue = join(DIST, "node", "native.js");
const glue = readFileSync(nodeGlue, "utf8");
const loaded = "const wasmPath = `${__dirname}/native_bg.wasm`;";
if (!glue.includes(loaded)) {
  console.error("build: the Node glue no longer names its .wasm as expected");
  process.exit(1);
}
writeFileSync(nodeGlue, glue.replace(loaded, "const wasmPath = `${__dirname}/../native_bg.wasm`;"));

// The TypeScript: the glue's declarations are wasm-bindgen's, for tsc alone.
cpSync(join(DIST, "node", "native.d.ts"), join(HERE, "js", "native.d.ts"));
const tsc = join(HERE, "node_modules", "typescript", "bin", "tsc");
run(process.execPath, [tsc, "-p", "tsconfig.node.json"]);
run(process.execPath, [tsc, "-p", "tsconfig.web.json"]);
writeFileSync(
  join(DIST, "web", "load.js"),
  [
    "// The web build's WebAssembly, fetched and instantiated before the package's",
    "// first call, so that its functions are synchronous, as in Node.",
    'import init from "./native.js";',
    'await init({ module_or_path: new URL("../native_bg.wasm", import.meta.url) });',
    "",
  ].join("\n"),
);

// The ES module entry for Node: the CommonJS build's exports, one instance.
const names = Object.keys(createRequire(import.meta.url)(join(DIST, "node", "core.js"))).sort();
writeFileSync(
  join(DIST, "node", "index.mjs"),
  [
    "// The package for Node as an ES module: the CommonJS build's exports, so",
    "// that `import` and `require` share one instance (and one error class).",
    'import core from "./core.js";',
    "",
    `export const { ${names.join(", ")} } = core;`,
    "",
  ].join("\n"),
);
writeFileSync(join(DIST, "node", "index.d.mts"), 'export * from "./core.js";\n');

// The playground: its TypeScript against the web build, its page, as plain files.
if (existsSync(PLAYGROUND)) {
  const out = join(PLAYGROUND, "dist");
  rmSync(out, { recursive: true, force: true });
  run(process.execPath, [tsc, "-p", join(PLAYGROUND, "tsconfig.json")]);
  mkdirSync(join(out, "package"), { recursive: true });
  cpSync(join(DIST, "web"), join(out, "package", "web"), { recursive: true });
  cpSync(wasm, join(out, "package", "native_bg.wasm"));
  for (const file of readdirSync(PLAYGROUND)) {
    if (/\.(html|css|svg)$/.test(file)) {
      cpSync(join(PLAYGROUND, file), join(out, file));
    }
  }
  // The rule catalogue's traceability, from the matrix the crate generates.
  writeFileSync(join(out, "traceability.json"), `${JSON.stringify(traceability(), null, 1)}\n`);
  console.error(`build: the playground is in ${out}`);
}

const raw = readFileSync(wasm).length;
console.error(`build: dist/native_bg.wasm is ${raw.toLocaleString("en")} bytes`);

/** The tests that name each rule, from docs/traceability.md (generated by
 * the crate's tests/traceability.rs from the catalogue, the tests and the
 * test vectors). */
function traceability() {
  const matrix = readFileSync(join(ROOT, "docs", "traceability.md"), "utf8");
  const tests = {};
  for (const line of matrix.split("\n")) {
    const cells = line.split(" | ");
    const id = /^\| `([A-Z0-9-]+)`$/.exec(cells[0] ?? "")?.[1];
    if (id === undefined) {
      continue;
    }
    // The tests are the column before the last, the rule's test vectors.
    const named = cells.at(-2) ?? "";
    tests[id] = named
      .split("<br>")
      .map((entry) => /^`([^`]+)` `([^`]+)`$/.exec(entry.trim()))
      .filter((match) => match !== null)
      .map((match) => ({ file: match[1], test: match[2] }));
  }
  return tests;
}
