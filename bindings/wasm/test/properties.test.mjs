// Properties, with fast-check: the package answers every document as the
// command-line tool does (the same JSON, the same refusal: kind, path,
// message, rule), each field read alone from a new answer is the tool's,
// timestamps given as `Date`s answer as their text, and nothing but an
// IncidentResponseError is ever thrown (never a wasm trap).

import assert from "node:assert/strict";
import { after, test } from "node:test";
import fc from "fast-check";

import { Peer, cli, ir, plain } from "./peer.mjs";

const NOW = "2026-02-16T12:00:00Z";
const BASE = Date.parse("2026-02-16T09:00:00Z");
const RUNS = Number(process.env.FAST_CHECK_RUNS ?? 1000);

const maybe = (a) => fc.option(a, { nil: null });
/** An object with any subset of the fields. */
const fields = (model) => fc.record(model, { requiredKeys: [] });
const stamp = (minutes) => new Date(BASE + minutes * 60_000).toISOString().replace(".000Z", "Z");
const minutes = fc.integer({ min: -30, max: 600 });

const signals = fields({
  error_rate: maybe(fc.double({ min: -0.1, max: 1.2, noNaN: true })),
  latency_ms: maybe(fc.integer({ min: -5, max: 9000 })),
  data_loss: maybe(fc.boolean()),
  customer_data_exposed: maybe(fc.boolean()),
  feature_broken: maybe(fc.constantFrom("none", "non_critical", "critical", "broken")),
  gradual_degradation: maybe(fc.boolean()),
  id: fc.string({ maxLength: 5 }),
});
const causes = fc.oneof(
  fc.record({ kind: fc.constant("deployment"), revert: fc.constantFrom("simple", "complex", "hard") }),
  fc.record({ kind: fc.constantFrom("database_migration", "unknown", "dns") }),
);
const fixes = fc.record(
  { ready: fc.boolean(), estimated_deploy_minutes: fc.integer({ min: 0, max: 90 }), simple_and_safe: fc.boolean(), hot_reload: maybe(fc.boolean()) },
  { requiredKeys: ["ready", "estimated_deploy_minutes", "simple_and_safe"] },
);
const severity = fc.constantFrom("P1", "P2", "P3", "P4", "P5");
const contextFields = {
  data_loss: maybe(fc.boolean()),
  cause: maybe(causes),
  backup_restore_minutes: maybe(fc.integer({ min: 0, max: 90 })),
  fix: maybe(fixes),
};
const contexts = fc.oneof(
  fc.record({ severity, ...contextFields }, { requiredKeys: ["severity"] }),
  fields({ severity, ...contextFields }),
  fc.record({ signals, cause: causes, data_loss: maybe(fc.boolean()) }, { requiredKeys: ["signals"] }),
);
const incidents = fc
  .record({
    id: fc.constantFrom("INC-1", "INC-2", "INC-3"),
    severity: fc.constantFrom("P1", "P2", "P3", "P4"),
    started_at: fc.option(minutes, { nil: undefined }),
    declared_at: fc.option(minutes, { nil: undefined }),
    restored_at: fc.option(minutes, { nil: undefined }),
    customer_notified_at: fc.option(minutes, { nil: undefined }),
    resolved_at: fc.option(minutes, { nil: undefined }),
    escalated_at: fc.option(minutes, { nil: undefined }),
    decision: fc.option(fc.record({ outcome: fc.constantFrom("rollback", "forward_fix", "hybrid", "defer"), at: minutes }), { nil: undefined }),
    customer_impacting: fc.option(fc.boolean(), { nil: undefined }),
  })
  .map((drawn) => {
    const incident = { id: drawn.id, severity: drawn.severity, detected_at: stamp(0) };
    for (const [key, value] of Object.entries(drawn)) {
      if (key.endsWith("_at") && value !== undefined) {
        incident[key] = stamp(value);
      }
    }
    if (drawn.decision !== undefined) {
      incident.decision = { outcome: drawn.decision.outcome, at: stamp(drawn.decision.at) };
    }
    if (drawn.customer_impacting !== undefined) {
      incident.customer_impacting = drawn.customer_impacting;
    }
    return incident;
  });
const outcomes = fc.constantFrom("rollback", "forward_fix", "hybrid", "defer");
const deployments = fc
  .record({
    errors: fc.option(fc.array(fc.record({ at: minutes, severity: fc.constantFrom("P1", "P2", "P3", "P4") }), { maxLength: 3 }), { nil: undefined }),
    decision: fc.option(fc.record({ outcome: outcomes, at: minutes }), { nil: undefined }),
  })
  .map(({ errors, decision }) => ({
    deployed_at: stamp(0),
    ...(errors === undefined ? {} : { errors: errors.map((e) => ({ at: stamp(e.at), severity: e.severity })) }),
    ...(decision === undefined ? {} : { decision: { outcome: decision.outcome, at: stamp(decision.at) } }),
  }));
const evidence = fields({
  release: fc.constantFrom("v1.3.0", ""),
  ci_passed: maybe(fc.boolean()),
  staging_deployed_at: maybe(fc.integer({ min: -6000, max: 0 }).map(stamp)),
  production_deploy_at: maybe(fc.constant(stamp(0))),
  soak: maybe(fields({ hours: maybe(fc.double({ min: -5, max: 100, noNaN: true })), performance_measured: fc.boolean(), errors_measured: fc.boolean(), data_consistency_measured: fc.boolean() })),
  rollback_test: maybe(fields({ traffic_active: fc.boolean(), duration_secs: fc.integer({ min: 0, max: 900 }), records_lost: fc.integer({ min: 0, max: 3 }), previous_version_stable: fc.boolean(), broken_rules: fc.array(fc.constantFrom("RB-1", "RB-4", "RB-9"), { maxLength: 2 }) })),
  rollback_script: maybe(fc.boolean()),
});
const releases = fc.record(
  { from_version: fc.constantFrom("1.3.0", "1.2.3"), target_version: fc.constantFrom("1.2.3", "1.1.0"), schema_change: maybe(fc.boolean()) },
  { requiredKeys: ["from_version", "target_version"] },
);
const KINDS = ["verify_backup", "drain", "revert_schema", "redeploy", "health_check", "resume_traffic", "verify_version"];
const runs = fc
  .record({
    kinds: fc.oneof(fc.constant(KINDS), fc.array(fc.constantFrom(...KINDS), { minLength: 1, maxLength: 8 })),
    took: fc.array(fc.integer({ min: -1, max: 3 }), { minLength: 8, maxLength: 8 }),
    ok: fc.array(fc.oneof(fc.boolean(), fc.constant(true)), { minLength: 8, maxLength: 8 }),
    records_lost: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
    observed_version: fc.option(fc.constantFrom("1.2.3", "1.3.0"), { nil: undefined }),
  })
  .map(({ kinds, took, ok, records_lost, observed_version }) => {
    let at = 60;
    const steps = kinds.map((step, i) => {
      const t = took[i] ?? 1;
      const entry = { step, started_at: stamp(at), finished_at: stamp(at + t), ok: ok[i] ?? true };
      at += Math.max(t, 0);
      return entry;
    });
    return { steps, ...(records_lost === undefined ? {} : { records_lost }), ...(observed_version === undefined ? {} : { observed_version }) };
  });
const checks = fc.record({
  release: fc.record({ from_version: fc.constant("1.3.0"), target_version: fc.constant("1.2.3"), schema_change: fc.boolean() }, { requiredKeys: ["from_version", "target_version"] }),
  run: runs,
});

const CALLS = {
  classify: [(d) => ir.classify(d), ["classify"]],
  decide: [(d) => ir.decide(d), ["decide"]],
  obligations: [(d) => ir.obligations(d, NOW), ["obligations", "--now", NOW]],
  durations: [(d) => ir.durations(d), ["durations"]],
  watch: [(d) => ir.watch(d, NOW), ["watch", "--now", NOW]],
  checkRelease: [(d) => ir.checkRelease(d), ["gate"]],
  rollbackPlan: [(d) => ir.rollbackPlan(d), ["plan"]],
  verifyRollback: [(d) => ir.verifyRollback(d), ["verify-rollback"]],
};

const peers = new Map();
const peer = (command) => {
  const key = command.join(" ");
  if (!peers.has(key)) {
    peers.set(key, new Peer(command));
  }
  return peers.get(key);
};
after(() => {
  for (const p of peers.values()) {
    p.close();
  }
});

/** The package's outcome: an answer, or the IncidentResponseError it threw. */
function outcome(call, document) {
  try {
    return call(document);
  } catch (error) {
    assert.ok(error instanceof ir.IncidentResponseError, `threw ${error?.stack ?? error}`);
    return error;
  }
}

/** The package's outcome is the peer's line. */
function same(answer, line) {
  if (answer instanceof ir.IncidentResponseError) {
    assert.ok("error" in line, `refused, the tool answered: ${answer.message}`);
    const refused = line.error;
    assert.deepEqual([answer.kind, answer.path, answer.reason, answer.rule], [refused.kind, refused.path, refused.message, refused.rule]);
  } else {
    assert.ok(!("error" in line), `answered, the tool refused: ${JSON.stringify(line.error)}`);
    assert.equal(JSON.stringify(answer), JSON.stringify(line));
  }
}

const cases = fc.oneof(
  fc.tuple(fc.constant("classify"), signals),
  fc.tuple(fc.constant("decide"), contexts),
  fc.tuple(fc.constantFrom("obligations", "durations"), incidents),
  fc.tuple(fc.constant("watch"), deployments),
  fc.tuple(fc.constant("checkRelease"), evidence),
  fc.tuple(fc.constant("rollbackPlan"), releases),
  fc.tuple(fc.constant("verifyRollback"), checks),
);

test("the package answers as the tool, as objects and as text", async () => {
  await fc.assert(
    fc.asyncProperty(cases, async ([name, document]) => {
      const [call, command] = CALLS[name];
      const text = JSON.stringify(document);
      const line = await peer(command).ask(text);
      same(outcome(call, document), line);
      same(outcome(call, text), line);
      if (!("error" in line)) {
        // Each field read alone, from a new answer.
        for (const key of Object.keys(line)) {
          assert.equal(JSON.stringify(call(document)[key]), JSON.stringify(line[key]), key);
        }
      }
    }),
    { numRuns: RUNS },
  );
});

test("timestamps given as Dates answer as their text", () => {
  fc.assert(
    fc.property(incidents, (incident) => {
      const dated = structuredClone(incident);
      for (const [key, value] of Object.entries(incident)) {
        if (key.endsWith("_at")) {
          dated[key] = new Date(value);
        }
      }
      if (incident.decision) {
        dated.decision.at = new Date(incident.decision.at);
      }
      for (const call of [(d) => ir.obligations(d, new Date(NOW)), (d) => ir.durations(d), (d) => ir.postMortem(d)]) {
        const text = outcome(call, incident);
        const moment = outcome(call, dated);
        if (text instanceof ir.IncidentResponseError) {
          assert.deepEqual([moment.kind, moment.path, moment.rule], [text.kind, text.path, text.rule]);
        } else {
          assert.equal(JSON.stringify(moment), JSON.stringify(text));
          assert.equal(String(moment), String(text));
        }
      }
    }),
    { numRuns: Math.ceil(RUNS / 5) },
  );
});

test("a month is summarized as the tool reports it, and its trends", () => {
  fc.assert(
    fc.property(fc.array(incidents, { maxLength: 4 }), fc.integer({ min: 0, max: 20 }), (month, releases) => {
      const answer = outcome((d) => ir.summarizeMonth("2026-02", d, releases), month);
      if (answer instanceof ir.IncidentResponseError) {
        return;
      }
      const tool = JSON.parse(cli(["report", "--month", "2026-02", "--releases", String(releases), "--format", "json"], JSON.stringify(month)));
      assert.equal(JSON.stringify(answer), JSON.stringify(tool));
      const months = [{ month: "2026-01", releases: 3, incidents: [] }, { month: "2026-02", releases, incidents: month }];
      assert.deepEqual(plain(ir.trends(months)), JSON.parse(cli(["trends", "--format", "json"], JSON.stringify(months))));
    }),
    { numRuns: Math.ceil(RUNS / 10) },
  );
});

test("any value at all, into every function: an answer or an IncidentResponseError, never a trap", () => {
  const values = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: "small" },
      fc.constant(null), fc.boolean(), fc.integer(), fc.double(), fc.string(), fc.string({ unit: "binary", maxLength: 6 }),
      fc.date({ noInvalidDate: false }), fc.bigInt(), fc.constant(undefined),
      fc.array(tie("value"), { maxLength: 4 }),
      fc.dictionary(fc.string({ maxLength: 6 }), tie("value"), { maxKeys: 4 }),
    ),
  })).value;
  const calls = [...Object.values(CALLS).map(([call]) => call), (d) => ir.postMortem(d), (d) => ir.trends(d), (d) => ir.summarizeMonth("2026-01", d, 1), (d) => (d !== null && typeof d === "object" && !Array.isArray(d) ? ir.Policy.fromObject(d) : ir.Policy.fromJSON(typeof d === "string" ? d : "[]"))];
  fc.assert(
    fc.property(values, (value) => {
      for (const call of calls) {
        outcome(call, value);
      }
    }),
    { numRuns: Math.ceil(RUNS / 3) },
  );
  assert.equal(ir.decide({ severity: "P2" }).outcome, "rollback");
});

test("an object is written as JSON.stringify writes it", () => {
  const answerOf = (call, given) => {
    const result = outcome(call, given);
    return result instanceof ir.IncidentResponseError ? [result.kind, result.path, result.reason] : JSON.stringify(result);
  };
  const calls = [(d) => ir.classify(d), (d) => ir.decide(d), (d) => ir.checkRelease(d)];
  fc.assert(
    // A string is JSON text, not a value: it is read, not written.
    fc.property(fc.oneof(fc.jsonValue(), signals, contexts, evidence).filter((v) => typeof v !== "string"), (value) => {
      for (const call of calls) {
        assert.deepEqual(answerOf(call, value), answerOf(call, JSON.stringify(value)));
      }
    }),
    { numRuns: RUNS },
  );
});
