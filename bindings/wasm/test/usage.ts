// Every function of the package, called as a TypeScript user calls it, and
// compiled with `tsc --strict --noEmit` (test/types.test.mjs): the types are
// the ones the package ships, resolved through its `exports` map.

import {
  Decision,
  IncidentResponseError,
  Policy,
  STANDARD_NAME,
  VERSION,
  checkRelease,
  classify,
  decide,
  decisionTable,
  durations,
  example,
  examples,
  obligations,
  postMortem,
  rollbackPlan,
  rules,
  schema,
  schemas,
  summarizeMonth,
  trends,
  verifyRollback,
  watch,
} from "@incident-response/core";
import type {
  Classification,
  ErrorKind,
  Incident,
  IncidentContext,
  MonthOfIncidents,
  Outcome,
  RuleId,
  SchemaName,
  Severity,
  Watch,
} from "@incident-response/core";

/** What to page, by severity: a switch the compiler holds to every case. */
function page(severity: Severity): string {
  switch (severity) {
    case "P1":
      return "page the on-call and the incident commander";
    case "P2":
      return "page the on-call";
    case "P3":
      return "open a ticket";
    case "P4":
      return "backlog";
    default: {
      const never: never = severity;
      return never;
    }
  }
}

/** The release tool's next step, by outcome: exhaustive. */
function act(outcome: Outcome): number {
  switch (outcome) {
    case "rollback":
      return 10;
    case "forward_fix":
      return 11;
    case "hybrid":
      return 12;
    case "defer":
      return 13;
    default: {
      const never: never = outcome;
      return never;
    }
  }
}

const context: IncidentContext = {
  id: "inc-7",
  severity: "P1",
  cause: { kind: "deployment", revert: "simple" },
  fix: { ready: false, estimated_deploy_minutes: 45, simple_and_safe: true },
};
const decision: Decision = decide(context);
const code: number = act(decision.outcome);
const rule: RuleId = decision.deciding_rule;
const minutes: number | null = decision.decide_within_minutes;
const firstStep: string | undefined = decision.path[0]?.question;
const flips: Outcome[] = decision.counterfactuals.map((c) => c.outcome);
const text: string = String(decision);
const whole: string = JSON.stringify(decision.toJSON());
const fromSignals = decide({ signals: { error_rate: 0.2, data_loss: true } });

const classification: Classification = classify({ error_rate: 0.1, latency_ms: 2731 });
const who: string = page(classification.severity);

const at = new Date("2026-02-16T10:15:00Z");
const deployment = { deployed_at: new Date("2026-02-16T10:00:00Z"), errors: [{ at: "2026-02-16T10:05:00Z", severity: "P2" as const }] };
const watched: Watch = watch(deployment, at);
const state: string = watched.state;

const incident: Incident = { id: "INC-1", severity: "P2", detected_at: at, resolved_at: "2026-02-16T11:00:00Z" };
const due = obligations(incident, "2026-02-16T10:30:00Z").next_deadline;
const ttr = durations(incident);
const report: string = String(postMortem(incident));
const gate = checkRelease({ release: "v1.3.0", ci_passed: true });
const ready: boolean = gate.status === "ready";
const plan = rollbackPlan({ from_version: "1.3.0", target_version: "1.2.3", schema_change: true });
const verdict = verifyRollback({ release: { from_version: "1.3.0", target_version: "1.2.3" }, run: { steps: [] } });
const month = summarizeMonth("2026-02", [incident], 12);
const months: MonthOfIncidents[] = [{ month: "2026-01", releases: 3, incidents: [] }, { month: "2026-02", releases: 12, incidents: [incident] }];
const trend = trends(months);
const table = decisionTable();
const rowCount: number = table.rows.length;
const names: SchemaName[] = schemas();
const signalsSchema: Record<string, unknown> = schema("signals");
const sample = example(examples()[0] ?? "signals");
const catalogue = rules().map((r) => `${r.id}: ${r.quote}`);

const policy = Policy.fromObject({ thresholds: { p3_latency_ms: 1500 } });
const same: boolean = policy.equals(Policy.fromJSON(JSON.stringify(policy)));
const differences: string[] = policy.differences().map(String);
const custom = policy.decide({ severity: "P3" });
const policyMethods = [
  policy.classify({}),
  policy.decisionTable(),
  policy.watch(deployment),
  policy.checkRelease({}),
  policy.rollbackPlan({ from_version: "1.3.0", target_version: "1.2.3" }),
  policy.verifyRollback({ release: { from_version: "1.3.0", target_version: "1.2.3" }, run: { steps: [] } }),
  policy.obligations(incident),
  policy.summarizeMonth("2026-02", [incident], 1),
  policy.trends(months),
];

try {
  decide({ severity: "P1", backup_restore_minutes: -1 });
} catch (error) {
  if (error instanceof IncidentResponseError) {
    const kind: ErrorKind = error.kind;
    const where: string | null = error.path;
    const field: string | null = error.field;
    const value: unknown = error.value;
    const broken: RuleId | null = error.rule;
    const reason: string = error.reason;
    console.log(kind, where, field, value, broken, reason, error.line, error.column);
  }
}

console.log(VERSION, STANDARD_NAME, code, rule, minutes, firstStep, flips, text, whole, fromSignals, who, state, due, ttr, report,
  ready, plan, verdict, month, trend, rowCount, names, signalsSchema, sample, catalogue, same, differences, custom, policyMethods);
