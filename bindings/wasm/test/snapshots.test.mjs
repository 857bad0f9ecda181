// What people read, held to snapshots (test/snapshots/*.txt), compared
// exactly; rewritten only with INCIDENT_RESPONSE_SNAPSHOTS=write, after
// which every changed snapshot is read before it is committed.

import { test } from "node:test";
import { inspect } from "node:util";

import { NOW, document, fixture, ir, snapshot } from "./peer.mjs";

test("a decision's explanation", () => {
  const decision = ir.decide({ severity: "P2", cause: { kind: "database_migration" }, backup_restore_minutes: 45, fix: { ready: true, simple_and_safe: true, estimated_deploy_minutes: 20 } });
  snapshot("decide", `${decision}\n`);
});

test("a decision in Node's console", () => {
  snapshot("inspect", `${inspect(ir.decide(JSON.parse(document("incident-context"))), { depth: 4 })}\n`);
});

test("an incident's obligations and its post-mortem", () => {
  const incident = JSON.parse(fixture("incident_2026_02_16.json"));
  snapshot("obligations", `${ir.obligations(incident, NOW)}\n`);
  snapshot("post-mortem", `${ir.postMortem(incident)}\n`);
});

test("trends", () => {
  snapshot("trends", `${ir.trends(JSON.parse(document("months")))}\n`);
});
