// Every refusal is an IncidentResponseError naming the kind, the path, the
// field, the value as the caller gave it, the rule and the reason; never a
// wasm trap, never another error for a bad document.

import assert from "node:assert/strict";
import { test } from "node:test";

import { Peer, document, ir, snapshot } from "./peer.mjs";

/** The error `call` throws, which must be an IncidentResponseError. */
function refusal(call) {
  try {
    call();
  } catch (error) {
    assert.ok(error instanceof ir.IncidentResponseError, `not an IncidentResponseError: ${error}`);
    assert.ok(error instanceof Error);
    assert.equal(error.name, "IncidentResponseError");
    return error;
  }
  assert.fail("no error was thrown");
}

/** The fields of an error, as a test compares them. */
const fields = (e) => ({ kind: e.kind, path: e.path, field: e.field, value: e.value, rule: e.rule, reason: e.reason, line: e.line, column: e.column });

test("a refusal names the field, the value as given, the rule and the reason", async () => {
  const peer = new Peer(["durations"]);
  const incident = { id: "I-1", severity: "P1", detected_at: "2026-02-16T10:00:00Z", resolved_at: new Date("2026-02-16T09:00:00Z") };
  const error = refusal(() => ir.durations(incident));
  const tool = (await peer.ask(JSON.stringify(incident))).error;
  peer.close();
  assert.deepEqual(fields(error), {
    kind: "invalid_timeline",
    path: "resolved_at",
    field: "resolved_at",
    value: incident.resolved_at,
    rule: "IN-3",
    reason: tool.message,
    line: null,
    column: null,
  });
  assert.equal(tool.message, "resolved_at `2026-02-16T09:00:00.000Z` is before detected_at `2026-02-16T10:00:00Z` (IN-3)".replace(".000Z", "Z"));
  assert.equal(error.message, tool.message);
  assert.equal(error.value, incident.resolved_at, "the caller's own Date");
});

test("every kind of refusal", () => {
  const cases = [
    [() => ir.decide('{"severity": "P1",'), { kind: "syntax", path: null, field: null, rule: null }],
    [() => ir.decide({ severity: "P9" }), { kind: "invalid_input", path: "severity", field: "severity", value: "P9", rule: null }],
    [() => ir.Policy.fromObject({ thresholds: { p3_latency_ms: 9000 } }), { kind: "invalid_policy", path: "thresholds.p3_latency_ms", field: "p3_latency_ms", value: 9000, rule: "SEV-P3-LATENCY" }],
    [() => ir.watch({ id: "d", deployed_at: "2027-01-01T00:00:00Z" }, "2026-01-01T00:00:00Z"), { kind: "invalid_timeline", path: "now", field: "now", value: "2026-01-01T00:00:00Z", rule: "PD-1" }],
    // (time_out_of_range needs a `now` past year 9999, which RFC 3339, and so
    // `now`, cannot write: as with the tool's --now, it is not reached here.)
    [() => ir.verifyRollback({ release: { from_version: "1", target_version: "1", schema_change: false }, run: { steps: [] } }), { kind: "invalid_input", path: "release.target_version", field: "target_version", value: "1", rule: "RB-4" }],
  ];
  for (const [call, expected] of cases) {
    const error = refusal(call);
    const got = Object.fromEntries(Object.keys(expected).map((key) => [key, error[key]]));
    assert.deepEqual(got, expected, error.message);
    assert.ok(error.reason.length > 0);
  }
});

test("the value at a path inside arrays is the caller's", () => {
  const run = JSON.parse(document("rollback-check"));
  run.run.steps[3].finished_at = "2026-02-16T10:00:00Z";
  const error = refusal(() => ir.verifyRollback(run));
  assert.equal(error.path, "run.steps[3].finished_at");
  assert.equal(error.field, "finished_at");
  assert.equal(error.value, "2026-02-16T10:00:00Z");
  const months = JSON.parse(document("months"));
  months[1].incidents[0].resolved_at = "2000-01-01T00:00:00Z";
  const trend = refusal(() => ir.trends(months));
  assert.equal(trend.path, "[1].incidents[0].resolved_at");
  assert.equal(trend.value, "2000-01-01T00:00:00Z");
  const month = refusal(() => ir.summarizeMonth("2026-1", [], 3));
  assert.deepEqual([month.path, month.value], ["month", "2026-1"]);
  const releases = refusal(() => ir.summarizeMonth("2026-01", [], -1));
  assert.deepEqual([releases.path, releases.value], ["releases", -1]);
  const index = refusal(() => ir.summarizeMonth("2026-01", [{ id: "a", severity: "P5" }], 1));
  assert.deepEqual([index.path, index.field, index.value], ["[0].severity", "severity", "P5"]);
});

test("JSON text keeps its line and column; an object has none", () => {
  const text = '{"severity": "P1",\n "x": 1}';
  const error = refusal(() => ir.decide(text));
  assert.deepEqual([error.path, error.line, error.column, error.value], ["x", 2, 4, 1]);
  assert.match(error.message, /at line 2 column 4$/);
  const object = refusal(() => ir.decide({ severity: "P1", x: 1 }));
  assert.deepEqual([object.path, object.line, object.column, object.value], ["x", null, null, 1]);
  assert.doesNotMatch(object.message, /line/);
  assert.equal(object.reason, error.reason);
});

test("values JSON cannot carry are refused by name, never read as something else", () => {
  const cases = [
    [{ latency_ms: NaN }, "latency_ms", /NaN is not a number JSON can carry/],
    [{ latency_ms: Infinity }, "latency_ms", /Infinity/],
    [{ latency_ms: 10n ** 30n }, "latency_ms", /BigInt/],
    [{ feature_broken: new Map() }, "feature_broken", /a Map is not a JSON object/],
    [{ feature_broken: new Set() }, "feature_broken", /a Set/],
    [{ data_loss: () => true }, "data_loss", /a function/],
    [{ data_loss: Symbol("x") }, "data_loss", /a Symbol/],
    [{ error_rate: new Float64Array([0.5]) }, "error_rate", /typed array/],
    [{ feature_broken: /critical/ }, "feature_broken", /a RegExp/],
  ];
  for (const [signals, path, message] of cases) {
    const error = refusal(() => ir.classify(signals));
    assert.equal(error.path, path, error.message);
    assert.match(error.message, message);
    assert.equal(error.kind, "invalid_input");
  }
  // A safe BigInt is a number.
  assert.equal(ir.classify({ latency_ms: 6000n }).severity, "P2");
  // `undefined` is a field left out, as JSON.stringify has it.
  assert.equal(ir.classify({ latency_ms: undefined, error_rate: 0.1 }).severity, "P2");
});

test("dates: a Date wherever a timestamp is; an invalid one is refused", () => {
  const incident = { id: "I-1", severity: "P2", detected_at: new Date("2026-02-16T10:00:00Z"), resolved_at: new Date(NaN) };
  const error = refusal(() => ir.durations(incident));
  assert.deepEqual([error.path, error.reason], ["resolved_at", "an invalid Date is not a moment"]);
  assert.ok(Number.isNaN(error.value.getTime()));
  const now = refusal(() => ir.watch(JSON.parse(document("deployment")), new Date(NaN)));
  assert.deepEqual([now.path, now.kind], ["now", "invalid_input"]);
  const far = refusal(() => ir.watch(JSON.parse(document("deployment")), new Date(8.64e15)));
  assert.equal(far.path, "now");
  assert.match(far.reason, /is not an RFC 3339 timestamp/);
  const wrong = refusal(() => ir.watch(JSON.parse(document("deployment")), 1700000000000));
  assert.deepEqual([wrong.path, wrong.value], ["now", 1700000000000]);
});

test("cycles, deep nesting, bad bytes and non-documents are refused", () => {
  const signals = { error_rate: 0.1, nested: {} };
  signals.nested.back = signals;
  const cycle = refusal(() => ir.classify(signals));
  assert.equal(cycle.path, "nested.back");
  assert.match(cycle.reason, /contains itself/);
  let deep = {};
  for (let i = 0; i < 100_000; i++) {
    deep = { a: deep };
  }
  assert.match(refusal(() => ir.classify(deep)).reason, /nested too deeply|recursion limit/);
  let array = [];
  for (let i = 0; i < 1000; i++) {
    array = [array];
  }
  assert.equal(refusal(() => ir.trends(array)).kind, "invalid_input");
  assert.match(refusal(() => ir.classify(new Uint8Array([0x7b, 0xff, 0x7d]))).reason, /not UTF-8/);
  for (const given of [undefined, () => 1, Symbol("s")]) {
    assert.match(refusal(() => ir.classify(given)).reason, /is not a JSON (document|value)/);
  }
  for (const given of [null, 7, true, [1], "null", "[]"]) {
    assert.equal(refusal(() => ir.classify(given)).kind, "invalid_input", String(given));
  }
  assert.match(refusal(() => ir.classify("x".repeat(64 * 1024 * 1024 + 1))).reason, /larger than/);
  // The limit is in bytes of UTF-8, as the tool's --max-bytes: 30 M characters of three bytes each.
  assert.match(refusal(() => ir.classify(`{"id": "${"€".repeat(30 * 1024 * 1024)}"}`)).reason, /larger than/);
  assert.equal(ir.classify(`{"id": "${"€".repeat(1024)}"}`).id.length, 1024);
});

test("the caller's own errors are theirs", () => {
  const signals = {
    get error_rate() {
      throw new RangeError("from the caller's getter");
    },
  };
  assert.throws(() => ir.classify(signals), { name: "RangeError", message: "from the caller's getter" });
  const dated = { toJSON: () => { throw new TypeError("from toJSON"); } };
  assert.throws(() => ir.classify(dated), { name: "TypeError", message: "from toJSON" });
});

test("names not known, and arguments of the wrong type", () => {
  assert.match(refusal(() => ir.schema("nope")).reason, /no schema is named `nope`/);
  assert.match(refusal(() => ir.example("nope")).reason, /expected one of/);
  assert.equal(refusal(() => ir.summarizeMonth(202601, [], 1)).path, "month");
  assert.equal(refusal(() => ir.summarizeMonth("2026-01", [], "3")).path, "releases");
  assert.equal(refusal(() => ir.summarizeMonth("2026-01", [], 2.5)).value, 2.5);
  for (const misuse of [() => ir.Policy.fromObject("{}"), () => ir.Policy.fromObject(null), () => ir.Policy.fromJSON({}), () => ir.Policy.fromJSON(1)]) {
    assert.equal(refusal(misuse).kind, "invalid_policy");
  }
  // A name that is not a string never reaches the WebAssembly.
  for (const name of [5, {}, null, undefined, "\ud800"]) {
    assert.equal(refusal(() => ir.schema(name)).path, "name");
    assert.equal(refusal(() => ir.example(name)).path, "name");
  }
});

test("after every refusal the module still answers", () => {
  assert.equal(ir.decide({ severity: "P1" }).outcome, "rollback");
});

test("a refusal reads as the tool's line", () => {
  const error = refusal(() => ir.decide('{"severity": "P1", "cause": {"kind": "deployment", "revert": "complx"}}'));
  snapshot("refusal", `${error.message}\n${JSON.stringify(fields(error), null, 2)}\n`);
});

test("objects JSON.stringify reads are read as it reads them", () => {
  class Signals {
    constructor() {
      this.error_rate = 0.1;
    }
    get latency_ms() {
      return 99_999;
    }
  }
  // Own fields of an instance; its class's getters are not its fields.
  assert.equal(ir.classify(new Signals()).severity, "P2");
  assert.deepEqual(ir.classify(new Signals()).toString(), ir.classify({ error_rate: 0.1 }).toString());
  const bare = Object.create(null);
  bare.latency_ms = 6000;
  assert.equal(ir.classify(bare).severity, "P2");
  assert.equal(ir.classify({ latency_ms: new Number(6000), data_loss: new Boolean(false) }).severity, "P2");
  assert.equal(ir.classify({ toJSON: () => ({ data_loss: true }) }).severity, "P1");
  assert.equal(ir.classify({ feature_broken: new String("critical") }).severity, "P2");
  const nested = refusal(() => ir.classify(new (class { constructor() { this.error_rate = NaN; } })()));
  assert.equal(nested.path, "error_rate");
  // A boxed BigInt is its number; an object with no fields JSON can carry is refused, not read as {}.
  assert.equal(ir.classify({ latency_ms: Object(6000n) }).severity, "P2");
  for (const [value, name] of [[new WeakRef({}), "a WeakRef"], [new URLSearchParams("a=1"), "a URLSearchParams"], [Object(Symbol("s")), "a Symbol"]]) {
    const error = refusal(() => ir.classify({ feature_broken: value }));
    assert.deepEqual([error.path, error.reason.startsWith(name)], ["feature_broken", true], error.reason);
  }
});

test("a month's array is read as an object is: the same refusals, at the index", () => {
  const invalid = refusal(() => ir.summarizeMonth("2026-01", [{ id: "a", severity: "P1", detected_at: new Date(NaN) }], 1));
  assert.deepEqual([invalid.path, invalid.reason], ["[0].detected_at", "an invalid Date is not a moment"]);
  const map = refusal(() => ir.trends([{ month: "2026-01", releases: 1, incidents: new Map() }]));
  assert.deepEqual([map.path, map.reason], ["[0].incidents", "a Map is not a JSON object: give a plain object"]);
  const months = [{ month: "2026-01", releases: 1, incidents: [] }];
  months[0].incidents.push(months);
  assert.equal(refusal(() => ir.trends(months)).path, "[0].incidents[0]");
  assert.equal(ir.summarizeMonth("2026-01", [{ id: "a", severity: "P2", detected_at: new Date("2026-01-05T00:00:00Z"), resolved_at: new Date("2026-01-05T01:00:00Z") }], 10).incidents.P2, 1);
});

test("text is read as the tool reads it: a byte-order mark, a lone surrogate, now", async () => {
  const text = JSON.stringify({ id: "x", severity: "P2", cause: { kind: "deployment", revert: "simple" } });
  assert.equal(ir.decide(`\ufeff${text}`).id, "x");
  assert.equal(JSON.stringify(ir.decide(`\ufeff${text}`)), JSON.stringify(ir.decide(text)));
  // UTF-8 cannot carry a lone surrogate: refused, never read as U+FFFD.
  const lone = refusal(() => ir.classify('{"id": "a\ud800", "error_rate": 0.5}'));
  assert.match(lone.reason, /lone surrogate/);
  assert.equal(refusal(() => ir.watch(JSON.parse(document("deployment")), "2026-02-17T12:00:00Z\udc00")).path, "now");
  assert.equal(refusal(() => ir.summarizeMonth("2026-01\ud800", [], 1)).path, "month");
  // now is RFC 3339, as the tool's --now reads it.
  const peer = new Peer(["watch", "--now", "2026-02-17T12:00:00Z"]);
  const tool = await peer.ask(document("deployment").toString());
  peer.close();
  assert.deepEqual(JSON.parse(JSON.stringify(ir.watch(JSON.parse(document("deployment")), "2026-02-17T12:00:00Z"))), tool);
  for (const now of [" 2026-02-17T12:00:00Z", "+2026-02-17T12:00:00Z", "2026-02-17", "now"]) {
    assert.equal(refusal(() => ir.watch(JSON.parse(document("deployment")), now)).path, "now", now);
  }
});

test("a Date or a Map of another realm is read as one of this realm", async () => {
  const vm = await import("node:vm");
  const deployment = JSON.parse(document("deployment"));
  const at = vm.runInNewContext('new Date("2026-02-17T12:00:00Z")');
  assert.equal(JSON.stringify(ir.watch(deployment, at)), JSON.stringify(ir.watch(deployment, "2026-02-17T12:00:00Z")));
  const invalid = refusal(() => ir.durations({ id: "a", severity: "P1", detected_at: vm.runInNewContext("new Date(NaN)") }));
  assert.deepEqual([invalid.path, invalid.reason], ["detected_at", "an invalid Date is not a moment"]);
  assert.equal(refusal(() => ir.classify({ feature_broken: vm.runInNewContext("new Map()") })).path, "feature_broken");
});
