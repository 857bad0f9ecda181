"""Every function of the package, as a typed bot calls it.

``mypy --strict tests/usage.py`` checks it against the stub and the
generated types; tests/test_usage.py runs it.
"""

from __future__ import annotations

from datetime import datetime, timezone

import incident_response as ir
from incident_response import types as t

NOW = datetime(2026, 2, 16, 10, 15, tzinfo=timezone.utc)

INCIDENT: t.Incident = {
    "id": "INC-2026-02-16",
    "severity": "P1",
    "customer_impacting": True,
    "detected_at": datetime(2026, 2, 16, 10, 0, tzinfo=timezone.utc),
    "declared_at": "2026-02-16T10:02:00Z",
    "decision": {"outcome": "rollback", "at": "2026-02-16T10:05:00Z"},
    "restored_at": "2026-02-16T10:10:00Z",
    "resolved_at": "2026-02-16T10:20:00Z",
}


def next_step(outcome: t.Outcome) -> str:
    """Every outcome handled: mypy checks the match is exhaustive."""
    match outcome:
        case "rollback":
            return "roll back"
        case "forward_fix":
            return "ship the fix"
        case "hybrid":
            return "roll back the infrastructure and ship the patch"
        case "defer":
            return "fix in the next sprint"


def page(severity: t.Severity) -> bool:
    match severity:
        case "P1" | "P2":
            return True
        case "P3" | "P4":
            return False


def run() -> list[str]:
    seen: list[str] = []
    signals: t.Signals = {"error_rate": 0.10}
    classification = ir.classify(signals)
    severity: t.Severity = classification.to_dict()["severity"]
    seen.append(f"{severity} {page(severity)}")

    context: t.IncidentContext = {"severity": severity, "cause": {"kind": "deployment", "revert": "simple"}}
    decision = ir.decide(context)
    as_dict: t.Decision = decision.to_dict()
    seen.append(next_step(as_dict["outcome"]))
    seen.append(str(decision).splitlines()[0])
    for step in as_dict["path"]:
        rule: t.RuleId = step["id"]
        seen.append(rule)

    from_signals: t.ContextFromSignals = {"signals": signals, "cause": {"kind": "deployment", "revert": "simple"}}
    seen.append(ir.decide(from_signals)["deciding_rule"])

    table = ir.decision_table().to_dict()
    seen.append(str(len(table["rows"])))

    deployment: t.Deployment = {
        "deployed_at": "2026-02-16T09:35:00Z",
        "errors": [{"at": "2026-02-16T10:00:00Z", "severity": "P1"}],
    }
    watch = ir.watch(deployment, now=NOW).to_dict()
    seen.append(f"{watch['state']} {watch['rule']}")

    obligations = ir.obligations(INCIDENT, now=NOW).to_dict()
    seen.extend(o["rule"] for o in obligations["obligations"])
    seen.append(str(ir.durations(INCIDENT).to_dict()["detection_to_resolution_secs"]))
    seen.append(str(ir.post_mortem(INCIDENT)).splitlines()[0])

    summary = ir.summarize_month("2026-02", [INCIDENT], 16).to_dict()
    seen.append(summary["month"])
    trends = ir.trends([{"month": "2026-02", "releases": 16, "incidents": [INCIDENT]}]).to_dict()
    seen.append(str(len(trends["lines"])))

    evidence: t.ReleaseEvidence = {"release": "v1.3.0", "ci_passed": True}
    readiness = ir.check_release(evidence).to_dict()
    seen.append(readiness["status"])

    release: t.RollbackRelease = {"from_version": "1.3.0", "target_version": "1.2.3", "schema_change": False}
    plan = ir.rollback_plan(release).to_dict()
    seen.extend(step["step"] for step in plan["steps"])
    check: t.RollbackCheck = {"release": release, "run": {"steps": []}}
    try:
        ir.verify_rollback(check)
    except ir.Error as error:
        seen.append(f"{error.kind} {error.rule}")

    policy = ir.Policy.from_dict({"thresholds": {"p3_latency_ms": 1500}})
    seen.append(policy.fingerprint())
    seen.extend(str(d) for d in policy.differences())
    seen.append(policy.classify({"latency_ms": 1800}).to_dict()["severity"])
    seen.append(str(ir.Policy.from_json(b"{}") == ir.Policy.standard()))
    seen.append(str(policy.to_dict()["thresholds"]))

    try:
        ir.Policy.from_dict({"thresholds": {"p3_latency_ms": 6000}})
    except ir.InvalidPolicy as error:
        seen.append(f"{error.path} {error.value!r} {error.rule}")
    naive: t.Incident = {"id": "x", "severity": "P1", "detected_at": datetime(2026, 1, 1)}
    try:
        ir.obligations(naive)
    except ir.InvalidInput as error:
        seen.append(f"{error.path}: {error.message}")

    seen.append(str(ir.schema("decision")["title"]))
    seen.append(str(ir.example("signals")))
    seen.extend(ir.schemas())
    seen.extend(ir.examples())
    seen.append(ir.STANDARD)
    seen.append(ir.__version__)
    return seen


if __name__ == "__main__":
    for line in run():
        print(line)
