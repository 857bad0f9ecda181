// Every function of the package on the crate's documents and fixtures: the
// same JSON as the command-line tool, and `toString()` its text.

import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";

import { NOW, cliJSON, cliText, document, fixture, ir, plain } from "./peer.mjs";

const MONTHS = JSON.parse(document("months"));
const JANUARY = Buffer.from(JSON.stringify(MONTHS[0].incidents));

// [name, the package's call on a document, the tool's command, the document]
const CASES = [
  ["classify", (d) => ir.classify(d), ["classify"], document("signals")],
  ["decide", (d) => ir.decide(d), ["decide"], document("incident-context")],
  ["decide from signals", (d) => ir.decide(d), ["decide"], Buffer.from('{"signals": {"error_rate": 0.10}}')],
  ["watch", (d) => ir.watch(d, NOW), ["watch", "--now", NOW], document("deployment")],
  ["watch at a Date", (d) => ir.watch(d, new Date(NOW)), ["watch", "--now", NOW], document("deployment")],
  ["obligations", (d) => ir.obligations(d, NOW), ["obligations", "--now", NOW], document("incident")],
  ["obligations of the fixture", (d) => ir.obligations(d, new Date(NOW)), ["obligations", "--now", NOW], fixture("incident_2026_02_16.json")],
  ["durations", (d) => ir.durations(d), ["durations"], fixture("incident_2026_02_16.json")],
  ["postMortem", (d) => ir.postMortem(d), ["postmortem"], document("incident")],
  ["checkRelease", (d) => ir.checkRelease(d), ["gate"], document("release-evidence")],
  ["rollbackPlan", (d) => ir.rollbackPlan(d), ["plan"], document("rollback-release")],
  ["verifyRollback", (d) => ir.verifyRollback(d), ["verify-rollback"], document("rollback-check")],
  ["trends", (d) => ir.trends(d), ["trends"], document("months")],
];

describe("every function answers as the tool", () => {
  for (const [name, call, command, given] of CASES) {
    for (const form of ["object", "text", "bytes"]) {
      test(`${name} (${form})`, () => {
        const argument = form === "object" ? JSON.parse(given) : form === "text" ? given.toString() : new Uint8Array(given);
        const answer = call(argument);
        const expected = cliJSON(command, given);
        // Each field read alone, then the whole, byte for byte.
        for (const key of Object.keys(expected)) {
          assert.deepEqual(plain({ [key]: answer[key] })[key], expected[key], key);
        }
        assert.equal(JSON.stringify(answer), JSON.stringify(expected));
        assert.equal(`${answer}\n`, cliText(command, given));
      });
    }
  }
});

test("a decision's own fields come first, the rest when read, and its JSON is the tool's", () => {
  const decision = ir.decide(JSON.parse(document("incident-context")));
  assert.ok(decision instanceof ir.Decision);
  assert.deepEqual(Object.keys(decision), [
    "id", "outcome", "next_action", "severity", "decide_within_minutes", "deciding_rule", "rests_on_assumptions", "standard",
  ]);
  const whole = decision.toJSON();
  assert.deepEqual(Object.keys(whole), Object.keys(cliJSON(["decide"], document("incident-context"))));
  assert.equal(Object.getPrototypeOf(whole), Object.prototype);
  // A new object each time: changing it changes nothing else.
  whole.path.length = 0;
  assert.equal(decision.path.length, 2);
  decision.path = [];
  assert.deepEqual(decision.toJSON().path, []);
});

test("the fixture rollback run is verified as the tool does", () => {
  const run = JSON.parse(fixture("rollback_run_v1.3.0.json"));
  const check = { release: { from_version: "1.3.0", target_version: "1.2.3", schema_change: true }, run };
  const given = Buffer.from(JSON.stringify(check));
  const verdict = ir.verifyRollback(check);
  assert.deepEqual(plain(verdict), cliJSON(["verify-rollback"], given));
  assert.equal(`${verdict}\n`, cliText(["verify-rollback"], given));
});

test("summarizeMonth is the tool's report", () => {
  const args = ["report", "--month", "2026-01", "--releases", "14"];
  const summary = ir.summarizeMonth("2026-01", MONTHS[0].incidents, 14);
  assert.deepEqual(plain(summary), cliJSON(args, JANUARY));
  assert.equal(`${summary}\n`, cliText(args, JANUARY));
  assert.deepEqual(summary.incidents, { P1: 1, P2: 0, P3: 1, P4: 0 });
  assert.deepEqual(plain(ir.summarizeMonth("2026-01", JANUARY.toString(), 14)), plain(summary));
});

test("summarizeMonth from release records is the tool's report (ME-4, DORA)", () => {
  const releases = JSON.parse(document("releases"));
  const incidents = [
    { id: "I1", severity: "P2", detected_at: "2026-02-16T10:00:00Z", restored_at: "2026-02-16T10:10:00Z", release: "v1.3.0" },
  ];
  const dir = mkdtempSync(join(tmpdir(), "releases-"));
  const file = join(dir, "releases.json");
  writeFileSync(file, JSON.stringify(releases));
  const given = Buffer.from(JSON.stringify(incidents));
  const args = ["report", "--month", "2026-02", "--releases", file];
  const summary = ir.summarizeMonth("2026-02", incidents, releases);
  assert.deepEqual(plain(summary), cliJSON(args, given));
  assert.equal(`${summary}\n`, cliText(args, given));
  assert.equal(summary.change_failure_rate, 1 / 3);
  assert.equal(summary.delivery.failed[0].id, "v1.3.0");
  assert.equal(summary.delivery.failed[0].recovered_in_secs, 40 * 60);
  assert.throws(
    () => ir.summarizeMonth("2026-02", incidents, [{ id: "v1", deployed_at: "yesterday" }]),
    (error) => error.path === "releases[0].deployed_at",
  );
});

test("the decision table is the tool's table", () => {
  const table = ir.decisionTable();
  assert.deepEqual(plain(table), cliJSON(["table"]));
  assert.equal(`${table}\n`, cliText(["table"]));
  assert.equal(table.rows.length, 10);
});

test("every schema and every example is the tool's", () => {
  assert.ok(ir.schemas().length >= 20);
  for (const name of ir.schemas()) {
    assert.deepEqual(ir.schema(name), cliJSON(["schema", name]), name);
  }
  for (const name of ir.examples()) {
    assert.deepEqual(ir.example(name), cliJSON(["example", name]), name);
  }
});

test("the rule catalogue lists every rule the schemas name, with its words", () => {
  const rules = ir.rules();
  const ids = ir.schema("decision").$defs.RuleId.enum;
  assert.deepEqual(rules.map((r) => r.id), ids);
  const dt4 = rules.find((r) => r.id === "DT-4");
  assert.equal(dt4.section, "§3 Rollback Decision Matrix");
  assert.equal(dt4.quote, "Can you restore from pre-migration backup?");
  assert.match(dt4.interpretation, /strict/);
});

test("a custom policy answers as the tool with --policy", () => {
  const policyDocument = { thresholds: { p3_latency_ms: 1500 } };
  const path = join(mkdtempSync(join(tmpdir(), "ir-")), "policy.json");
  writeFileSync(path, JSON.stringify(policyDocument));
  const policy = ir.Policy.fromObject(policyDocument);
  const signals = Buffer.from('{"latency_ms": 1800}');
  const answer = policy.classify(signals);
  assert.deepEqual(plain(answer), cliJSON(["classify", "--policy", path], signals));
  assert.equal(answer.severity, "P3");
  assert.equal(ir.classify(signals).severity, "P4");
  assert.equal(answer.policy.fingerprint, policy.fingerprint());
  assert.deepEqual(plain(policy.differences()), [{ field: "thresholds.p3_latency_ms", value: 1500, standard: 2000 }]);
  assert.equal(String(policy.differences()[0]), "thresholds.p3_latency_ms `1500` (the standard's `2000`)");
  assert.ok(policy.equals(ir.Policy.fromJSON(JSON.stringify(policyDocument))));
  assert.ok(!policy.equals(ir.Policy.standard()));
  assert.ok(!policy.isStandard() && ir.Policy.standard().isStandard());
  assert.ok(ir.Policy.fromObject(policy.toJSON()).equals(policy));
  assert.ok(ir.Policy.fromJSON(JSON.stringify(policy)).equals(policy));
  assert.equal(String(policy), `Policy(${policy.fingerprint()}, custom)`);
  assert.equal(ir.Policy.standard(), ir.Policy.standard());
  assert.deepEqual(ir.Policy.standard().differences(), []);
  assert.ok(ir.Policy.standard().equals(ir.Policy.fromObject({})));
});

const METHODS = [
  ["classify", [JSON.parse(document("signals"))]],
  ["decide", [JSON.parse(document("incident-context"))]],
  ["decisionTable", []],
  ["watch", [JSON.parse(document("deployment")), NOW]],
  ["checkRelease", [JSON.parse(document("release-evidence"))]],
  ["rollbackPlan", [JSON.parse(document("rollback-release"))]],
  ["verifyRollback", [JSON.parse(document("rollback-check"))]],
  ["obligations", [JSON.parse(document("incident")), NOW]],
  ["summarizeMonth", ["2026-01", MONTHS[0].incidents, 14]],
  ["trends", [MONTHS]],
];

describe("every policy method is the module's on the standard", () => {
  for (const [name, args] of METHODS) {
    test(name, () => {
      const module = ir[name](...args);
      const method = ir.Policy.standard()[name](...args);
      assert.equal(JSON.stringify(method), JSON.stringify(module));
      assert.equal(String(method), String(module));
      if (name !== "rollbackPlan" && name !== "decisionTable") {
        assert.equal(module.policy.fingerprint, ir.Policy.standard().fingerprint());
      }
    });
  }
});

test("watch and obligations read this machine's clock when no moment is given", () => {
  const deployment = JSON.parse(document("deployment"));
  // The sample deployment is long past: at any clock of today, its watch is over.
  assert.deepEqual(plain(ir.watch(deployment)), plain(ir.watch(deployment, new Date())));
  const before = Date.now();
  const obligations = ir.obligations(JSON.parse(document("incident")));
  const now = Date.parse(obligations.now);
  assert.ok(before <= now && now <= Date.now(), obligations.now);
});
