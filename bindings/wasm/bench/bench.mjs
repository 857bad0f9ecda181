// The package beside @gorules/zen-engine, in one run: the same six contexts
// as the Python benchmark, the same decision tree as a zen decision table
// (bindings/python/bench/decision_table.jdm.json: §3 of the standard, first
// hit), each engine's answer checked against the other's before anything is
// timed. Also the .wasm's size (raw and gzip) and its instantiation time.
//
//   node bench/bench.mjs           # the table, in Markdown
//   node bench/bench.mjs --quick   # fewer rounds, to check it runs
//
// Exits 1 when decide is not at least 20× zen's evaluate (not with --quick,
// whose few rounds say that it runs, not how fast).

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const HERE = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const ir = require("../dist/node/core.js");
const quick = process.argv.includes("--quick");
const [calls, rounds] = quick ? [500, 3] : [20_000, 7];

// One context per outcome and per kind of path: P1 rollback, P1 hybrid, the
// simple revert, a migration restored from backup, a forward fix (the
// longest path) and a P4 deferral.
const CONTEXTS = [
  { severity: "P1", cause: { kind: "deployment", revert: "simple" } },
  { severity: "P1", cause: { kind: "database_migration" } },
  { severity: "P2", cause: { kind: "deployment", revert: "simple" } },
  { severity: "P3", cause: { kind: "database_migration" }, backup_restore_minutes: 20 },
  { severity: "P3", fix: { ready: true, simple_and_safe: true, estimated_deploy_minutes: 10 } },
  { severity: "P4" },
];

/** Seconds per call of `run`, the median of `rounds` rounds of `n` calls. */
async function perCall(run, n, times = rounds) {
  const medians = [];
  for (let r = 0; r < times; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) {
      const result = run();
      if (result instanceof Promise) {
        await result;
      }
    }
    medians.push(Number(process.hrtime.bigint() - start) / 1e9 / n);
  }
  medians.sort((a, b) => a - b);
  return medians[Math.floor(medians.length / 2)];
}

/** Seconds per decision of `decide` over the six contexts. */
async function perDecision(decide, n) {
  const six = CONTEXTS.length;
  const all = async () => {
    for (const context of CONTEXTS) {
      await decide(context);
    }
  };
  const sync = () => {
    for (const context of CONTEXTS) {
      decide(context);
    }
  };
  const probe = decide(CONTEXTS[0]);
  return (await perCall(probe instanceof Promise ? all : sync, n)) / six;
}

const micro = (s) => `${(s * 1e6).toLocaleString("en", { minimumFractionDigits: 2, maximumFractionDigits: 2 })} µs`;
const milli = (s) => `${(s * 1e3).toLocaleString("en", { minimumFractionDigits: 1, maximumFractionDigits: 1 })} ms`;

function month(n) {
  return Array.from({ length: n }, (_, i) => {
    const day = String(1 + (i % 28)).padStart(2, "0");
    const hour = String(i % 24).padStart(2, "0");
    return {
      id: `INC-${i}`,
      severity: ["P1", "P2", "P3", "P4"][i % 4],
      detected_at: `2026-01-${day}T${hour}:00:00Z`,
      restored_at: `2026-01-${day}T${hour}:20:00Z`,
      resolved_at: `2026-01-${day}T${hour}:30:00Z`,
    };
  });
}

let zen;
try {
  zen = require("@gorules/zen-engine");
} catch {
  console.error("@gorules/zen-engine is not installed: npm install --no-save @gorules/zen-engine@0.54.0 to time the peer");
}

const rows = [];
let peer;
if (zen !== undefined) {
  const table = readFileSync(join(HERE, "..", "..", "python", "bench", "decision_table.jdm.json"));
  const engine = new zen.ZenEngine();
  const decision = engine.createDecision(table);
  for (const context of CONTEXTS) {
    const theirs = (await decision.evaluate(context)).result;
    const mine = ir.decide(context);
    if (theirs.outcome !== mine.outcome || theirs.deciding_rule !== mine.deciding_rule) {
      console.error(`zen and the package disagree on ${JSON.stringify(context)}`);
      process.exit(2);
    }
  }
  const zenCalls = Math.max(Math.floor(calls / 20), 20);
  await perDecision((c) => decision.evaluate(c), zenCalls / 5);
  peer = await perDecision((c) => decision.evaluate(c), zenCalls);
  const traced = await perDecision((c) => decision.evaluate(c, { trace: true }), zenCalls);
  rows.push(["zen-engine `evaluate`: outcome, next action, rule", micro(peer), "1×"]);
  rows.push(["zen-engine `evaluate` with `trace`", micro(traced), `${(peer / traced).toFixed(2)}×`]);
}
const against = (s) => (peer ? `**${Math.round(peer / s).toLocaleString("en")}×**` : "n/a");

await perDecision(ir.decide, calls / 10);
const ours = await perDecision(ir.decide, calls);
const read = await perDecision((c) => {
  const d = ir.decide(c);
  return [d.outcome, d.next_action, d.deciding_rule];
}, calls);
const path = await perDecision((c) => ir.decide(c).path, calls / 5);
const whole = await perDecision((c) => JSON.stringify(ir.decide(c)), calls / 5);
const text = await perDecision((c) => String(ir.decide(c)), calls / 5);
rows.push(["`decide`: the decision, its path, findings, quotes and counterfactuals written by the crate when first read", micro(ours), against(ours)]);
rows.push(["`decide`, then its outcome, next action and deciding rule read, as zen's result gives them", micro(read), against(read)]);
rows.push(["`decide(...).path`: the path read, step by step (the whole decision written)", micro(path), against(path)]);
rows.push(["`JSON.stringify(decide(...))`: the whole decision as JSON", micro(whole), against(whole)]);
rows.push(["`String(decide(...))`: the explanation as text, counterfactuals included", micro(text), against(text)]);
rows.push(["`classify` of one set of signals", micro(await perCall(() => ir.classify({ error_rate: 0.1 }), calls)), ""]);
const incidents = month(quick ? 10_000 : 100_000);
const monthRounds = quick ? 1 : 3;
rows.push([`\`summarizeMonth\` of ${incidents.length.toLocaleString("en")} incidents (objects)`, milli(await perCall(() => ir.summarizeMonth("2026-01", incidents, 1000), 1, monthRounds)), ""]);
const monthText = JSON.stringify(incidents);
rows.push([`\`summarizeMonth\` of ${incidents.length.toLocaleString("en")} incidents (JSON text)`, milli(await perCall(() => ir.summarizeMonth("2026-01", monthText, 1000), 1, monthRounds)), ""]);

// The module: its size, and what it costs to make it ready.
const wasmFile = join(HERE, "..", "dist", "native_bg.wasm");
const bytes = readFileSync(wasmFile);
const compile = await perCall(() => new WebAssembly.Module(bytes), quick ? 3 : 10, 3);
const requireTimes = [];
for (let i = 0; i < (quick ? 3 : 7); i++) {
  const out = execFileSync(process.execPath, ["-e", `const t = process.hrtime.bigint(); require(${JSON.stringify(require.resolve("../dist/node/core.js"))}); process.stdout.write(String(process.hrtime.bigint() - t))`]);
  requireTimes.push(Number(out.toString()) / 1e9);
}
requireTimes.sort((a, b) => a - b);
rows.push(["`WebAssembly.Module` of the .wasm (compiling it)", milli(compile), ""]);
rows.push(["`require(\"@incident-response/core\")` in a fresh Node: read, compile, instantiate", milli(requireTimes[Math.floor(requireTimes.length / 2)]), ""]);

const kb = (n) => `${(n / 1024).toLocaleString("en", { maximumFractionDigits: 0 })} KiB`;
const gzip = gzipSync(bytes, { level: 9 }).length;
const zenVersion = zen ? require("@gorules/zen-engine/package.json").version : "absent";
console.log(
  `@incident-response/core ${ir.VERSION} beside @gorules/zen-engine ${zenVersion}, Node ${process.versions.node}: six contexts, ` +
    `${calls.toLocaleString("en")} rounds of six (zen ${Math.max(Math.floor(calls / 20), 20).toLocaleString("en")}), median of ${rounds} runs; ` +
    `.wasm ${kb(bytes.length)} raw, ${kb(gzip)} gzip\n`,
);
console.log("| measured | per call | vs zen-engine |");
console.log("|---|---:|---:|");
for (const row of rows) {
  console.log(`| ${row.join(" | ")} |`);
}
if (gzip > 400 * 1024) {
  console.error(`the .wasm is ${kb(gzip)} gzip: the aim is under 400 KiB`);
}
if (peer !== undefined && peer / ours < 20) {
  console.error(`decide is only ${(peer / ours).toFixed(1)}× zen-engine: the goal is 20×`);
  if (!quick) {
    process.exit(1);
  }
}
