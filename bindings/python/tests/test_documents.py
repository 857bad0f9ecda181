"""Every function of the package on the crate's documents and fixtures:
the same JSON as the command-line tool, and `str()` its text."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from conftest import NOW, cli, cli_json, cli_text, document, fixture

import incident_response as ir

MONTHS = json.loads(document("months"))
JANUARY = json.dumps(MONTHS[0]["incidents"]).encode()

# (name, the package's call on a document, the tool's command, the document)
CASES: list[tuple[str, Callable[[Any], ir.Answer[Any]], list[str], bytes]] = [
    ("classify", ir.classify, ["classify"], document("signals")),
    ("decide", ir.decide, ["decide"], document("incident-context")),
    ("decide from signals", ir.decide, ["decide"], b'{"signals": {"error_rate": 0.10}}'),
    ("watch", lambda d: ir.watch(d, now=NOW), ["watch", "--now", NOW], document("deployment")),
    ("obligations", lambda d: ir.obligations(d, now=NOW), ["obligations", "--now", NOW], document("incident")),
    ("obligations of the fixture", lambda d: ir.obligations(d, now=NOW), ["obligations", "--now", NOW],
     fixture("incident_2026_02_16.json")),
    ("durations", ir.durations, ["durations"], fixture("incident_2026_02_16.json")),
    ("post_mortem", ir.post_mortem, ["postmortem"], document("incident")),
    ("check_release", ir.check_release, ["gate"], document("release-evidence")),
    ("rollback_plan", ir.rollback_plan, ["plan"], document("rollback-release")),
    ("verify_rollback", ir.verify_rollback, ["verify-rollback"], document("rollback-check")),
    ("trends", ir.trends, ["trends"], document("months")),
]


@pytest.mark.parametrize("form", ["dict", "text"])
@pytest.mark.parametrize(("name", "call", "command", "given"), CASES, ids=[c[0] for c in CASES])
def test_every_function_answers_as_the_tool(
    name: str, call: Callable[[Any], ir.Answer[Any]], command: list[str], given: bytes, form: str
) -> None:
    argument: Any = json.loads(given) if form == "dict" else given
    answer = call(argument)
    expected = cli_json(*command, stdin=given)
    # Each field read alone, before the mapping is made, then the whole.
    assert {key: answer[key] for key in expected} == expected
    assert "no such field" not in answer and answer.get("no such field", 7) == 7
    assert answer.to_dict() == expected
    assert list(answer) == list(expected) and len(answer) == len(expected)
    assert json.loads(answer.to_json()) == answer.to_dict()
    assert str(answer) + "\n" == cli_text(*command, stdin=given)


def test_the_fixture_rollback_run_is_verified_as_the_tool_does() -> None:
    run = json.loads(fixture("rollback_run_v1.3.0.json"))
    check = {"release": {"from_version": "1.3.0", "target_version": "1.2.3", "schema_change": True}, "run": run}
    given = json.dumps(check).encode()
    verdict = ir.verify_rollback(check)
    assert verdict.to_dict() == cli_json("verify-rollback", stdin=given)
    assert str(verdict) + "\n" == cli_text("verify-rollback", stdin=given)


def test_summarize_month_is_the_tools_report() -> None:
    summary = ir.summarize_month("2026-01", MONTHS[0]["incidents"], 14)
    assert summary.kind == "monthly-summary"
    assert summary.to_dict() == cli_json("report", "--month", "2026-01", "--releases", "14", stdin=JANUARY)
    assert str(summary) + "\n" == cli_text("report", "--month", "2026-01", "--releases", "14", stdin=JANUARY)
    assert summary["incidents"] == {"P1": 1, "P2": 0, "P3": 1, "P4": 0}


def test_summarize_month_from_release_records_is_the_tools_report(tmp_path: Any) -> None:
    """ME-4: release records, as a list of dicts, give the tool's DORA figures."""
    releases = json.loads(document("releases"))
    incidents = [{"id": "I1", "severity": "P2", "detected_at": "2026-02-16T10:00:00Z",
                  "restored_at": "2026-02-16T10:10:00Z", "release": "v1.3.0"}]
    path = tmp_path / "releases.json"
    path.write_text(json.dumps(releases))
    given = json.dumps(incidents).encode()
    summary = ir.summarize_month("2026-02", incidents, releases)
    command = ["report", "--month", "2026-02", "--releases", str(path)]
    assert summary.to_dict() == cli_json(*command, stdin=given)
    assert str(summary) + "\n" == cli_text(*command, stdin=given)
    delivery = summary["delivery"]
    assert (summary["change_failure_rate"], delivery["deployments"]) == (1 / 3, 3)
    assert delivery["failed"][0]["id"] == "v1.3.0"
    assert delivery["failed"][0]["recovered_in_secs"] == 40 * 60
    assert ir.summarize_month("2026-02", incidents, tuple(releases)).to_dict() == summary.to_dict()
    with pytest.raises(ir.InvalidInput) as refused:
        ir.summarize_month("2026-02", incidents, [{"id": "v1", "deployed_at": "yesterday"}])
    assert refused.value.path == "releases[0].deployed_at"


def test_decision_table_is_the_tools_table() -> None:
    table = ir.decision_table()
    assert table.to_dict() == cli_json("table")
    assert str(table) + "\n" == cli_text("table")
    assert len(table["rows"]) == 10


@pytest.mark.parametrize("name", ir.schemas())
def test_every_schema_is_the_tools(name: str) -> None:
    assert ir.schema(name) == cli_json("schema", name)


@pytest.mark.parametrize("name", ir.examples())
def test_every_example_is_the_tools(name: str) -> None:
    assert ir.example(name) == json.loads(cli("example", name).stdout)


def test_a_custom_policy_answers_as_the_tool_with_policy(tmp_path: Any) -> None:
    policy_document = {"thresholds": {"p3_latency_ms": 1500}}
    path = tmp_path / "policy.json"
    path.write_text(json.dumps(policy_document))
    policy = ir.Policy.from_dict(policy_document)
    signals = b'{"latency_ms": 1800}'
    answer = policy.classify(signals)
    assert answer.to_dict() == cli_json("classify", "--policy", str(path), stdin=signals)
    assert answer["severity"] == "P3"
    assert ir.classify(signals)["severity"] == "P4"
    assert answer["policy"]["fingerprint"] == policy.fingerprint()
    assert [d.to_dict() for d in policy.differences()] == [
        {"field": "thresholds.p3_latency_ms", "value": 1500, "standard": 2000}
    ]
    assert policy == ir.Policy.from_json(json.dumps(policy_document))
    assert policy != ir.Policy.standard()
    assert not policy.is_standard() and ir.Policy.standard().is_standard()
    assert ir.Policy.from_dict(policy.to_dict()) == policy
    assert hash(policy) == hash(ir.Policy.from_dict(policy_document))
    assert repr(policy) == f"Policy(fingerprint='{policy.fingerprint()}', standard=False)"


METHODS = [
    ("classify", (document("signals"),)),
    ("decide", (document("incident-context"),)),
    ("decision_table", ()),
    ("watch", (document("deployment"), NOW)),
    ("check_release", (document("release-evidence"),)),
    ("rollback_plan", (document("rollback-release"),)),
    ("verify_rollback", (document("rollback-check"),)),
    ("obligations", (document("incident"), NOW)),
    ("summarize_month", ("2026-01", JANUARY, 14)),
    ("trends", (document("months"),)),
]


@pytest.mark.parametrize(("name", "arguments"), METHODS, ids=[m[0] for m in METHODS])
def test_every_policy_method_is_the_modules_on_the_standard(name: str, arguments: tuple[Any, ...]) -> None:
    module = getattr(ir, name)(*arguments)
    method = getattr(ir.Policy.standard(), name)(*arguments)
    assert method == module
    assert method.to_json() == module.to_json()
    assert str(method) == str(module)
    # A plan and the table apply no threshold of a policy's, and name none.
    if name not in ("rollback_plan", "decision_table"):
        assert module["policy"]["fingerprint"] == ir.Policy.standard().fingerprint()


def test_the_standard_has_no_differences() -> None:
    assert ir.Policy.standard().differences() == []
    assert ir.Policy.standard() == ir.Policy.from_dict({})
