"""Properties, with Hypothesis: the package answers every document as the
command-line tool does (the same JSON, the same refusal), timestamps as
`datetime`s answer as their text, and nothing but `Error` is ever raised."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import incident_response as ir

NOW = "2026-02-16T12:00:00Z"
BASE = datetime(2026, 2, 16, 9, 0, tzinfo=timezone.utc)

maybe = lambda s: st.one_of(st.none(), s)  # noqa: E731


def fields(**strategies: Any) -> st.SearchStrategy[dict[str, Any]]:
    """A dict with any subset of the fields."""
    return st.fixed_dictionaries({}, optional=strategies)


signals = fields(
    error_rate=maybe(st.floats(-0.1, 1.2, allow_nan=False)),
    latency_ms=maybe(st.integers(-5, 9000)),
    data_loss=maybe(st.booleans()),
    customer_data_exposed=maybe(st.booleans()),
    feature_broken=maybe(st.sampled_from(["none", "non_critical", "critical", "broken"])),
    gradual_degradation=maybe(st.booleans()),
    id=st.text(max_size=5),
)
causes = st.one_of(
    st.fixed_dictionaries({"kind": st.just("deployment"), "revert": st.sampled_from(["simple", "complex", "hard"])}),
    st.fixed_dictionaries({"kind": st.sampled_from(["database_migration", "unknown", "dns"])}),
)
fixes = st.fixed_dictionaries(
    {"ready": st.booleans(), "estimated_deploy_minutes": st.integers(0, 90), "simple_and_safe": st.booleans()},
    optional={"hot_reload": maybe(st.booleans())},
)
contexts = st.one_of(
    st.fixed_dictionaries({"severity": st.sampled_from(["P1", "P2", "P3", "P4", "P5"])}, optional=dict(
        data_loss=maybe(st.booleans()),
        cause=maybe(causes),
        backup_restore_minutes=maybe(st.integers(0, 90)),
        fix=maybe(fixes),
    )),
    fields(
        severity=st.sampled_from(["P1", "P2", "P3", "P4", "P5"]),
        data_loss=maybe(st.booleans()),
        cause=maybe(causes),
        backup_restore_minutes=maybe(st.integers(0, 90)),
        fix=maybe(fixes),
    ),
    st.fixed_dictionaries({"signals": signals}, optional={"cause": causes, "data_loss": maybe(st.booleans())}),
)
minutes = st.integers(-30, 600)


def stamp(offset: int) -> str:
    return (BASE + timedelta(minutes=offset)).strftime("%Y-%m-%dT%H:%M:%SZ")


@st.composite
def incidents(draw: st.DrawFn) -> dict[str, Any]:
    incident: dict[str, Any] = {
        "id": draw(st.sampled_from(["INC-1", "INC-2", "INC-3"])),
        "severity": draw(st.sampled_from(["P1", "P2", "P3", "P4"])),
        "detected_at": stamp(0),
    }
    for field in ["started_at", "declared_at", "restored_at", "customer_notified_at", "resolved_at", "escalated_at"]:
        if draw(st.booleans()):
            incident[field] = stamp(draw(minutes))
    if draw(st.booleans()):
        incident["decision"] = {"outcome": draw(st.sampled_from(["rollback", "forward_fix", "hybrid", "defer"])),
                                "at": stamp(draw(minutes))}
    if draw(st.booleans()):
        incident["customer_impacting"] = draw(st.booleans())
    return incident


severities = st.sampled_from(["P1", "P2", "P3", "P4"])
outcomes = st.sampled_from(["rollback", "forward_fix", "hybrid", "defer"])


@st.composite
def deployments(draw: st.DrawFn) -> dict[str, Any]:
    deployment: dict[str, Any] = {"deployed_at": stamp(0)}
    if draw(st.booleans()):
        deployment["errors"] = draw(st.lists(
            st.fixed_dictionaries({"at": minutes.map(stamp), "severity": severities}), max_size=3))
    if draw(st.booleans()):
        deployment["decision"] = {"outcome": draw(outcomes), "at": stamp(draw(minutes))}
    return deployment


evidence = fields(
    release=st.sampled_from(["v1.3.0", ""]),
    ci_passed=maybe(st.booleans()),
    staging_deployed_at=maybe(st.integers(-6000, 0).map(stamp)),
    production_deploy_at=maybe(st.just(stamp(0))),
    soak=maybe(fields(hours=maybe(st.floats(-5, 100, allow_nan=False)), performance_measured=st.booleans(),
                      errors_measured=st.booleans(), data_consistency_measured=st.booleans())),
    rollback_test=maybe(fields(traffic_active=st.booleans(), duration_secs=st.integers(0, 900),
                               records_lost=st.integers(0, 3), previous_version_stable=st.booleans(),
                               broken_rules=st.lists(st.sampled_from(["RB-1", "RB-4", "RB-9"]), max_size=2))),
    rollback_script=maybe(st.booleans()),
)
releases = st.fixed_dictionaries(
    {"from_version": st.sampled_from(["1.3.0", "1.2.3"]), "target_version": st.sampled_from(["1.2.3", "1.1.0"])},
    optional={"schema_change": maybe(st.booleans())},
)
KINDS = ["verify_backup", "drain", "revert_schema", "redeploy", "health_check", "resume_traffic", "verify_version"]


@st.composite
def runs(draw: st.DrawFn) -> dict[str, Any]:
    """A run of steps, mostly in the plan's order, each taking some minutes
    (now and then one out of order, or finishing before it started)."""
    kinds = draw(st.one_of(st.just(KINDS), st.lists(st.sampled_from(KINDS), min_size=1, max_size=8)))
    at, steps = 60, []
    for kind in kinds:
        took = draw(st.integers(-1, 3))
        steps.append({"step": kind, "started_at": stamp(at), "finished_at": stamp(at + took),
                      "ok": draw(st.booleans() | st.just(True))})
        at += max(took, 0)
    run: dict[str, Any] = {"steps": steps}
    if draw(st.booleans()):
        run["records_lost"] = draw(st.integers(0, 2))
    if draw(st.booleans()):
        run["observed_version"] = draw(st.sampled_from(["1.2.3", "1.3.0"]))
    return run


checks = st.fixed_dictionaries({
    "release": st.fixed_dictionaries({"from_version": st.just("1.3.0"), "target_version": st.just("1.2.3")},
                                     optional={"schema_change": st.booleans()}),
    "run": runs(),
})


def same(answer: Any, peer: Any) -> None:
    """The package's outcome (an answer or an `Error`) is the peer's line."""
    if isinstance(answer, ir.Error):
        refused = peer["error"]
        assert (answer.kind, answer.path, answer.message, answer.rule) == (
            refused["kind"], refused["path"], refused["message"], refused["rule"]
        )
    else:
        assert answer.to_dict() == peer


def same_fields(call: Any, document: Any, peer: Any) -> None:
    """Each field read alone, from a new answer, is the peer's."""
    if "error" in peer:
        return
    assert {key: call(document)[key] for key in peer} == peer
    fresh = call(document)
    assert [key in fresh for key in peer] == [True] * len(peer)
    assert "not a field" not in fresh


def outcome(call: Any, document: Any) -> Any:
    try:
        return call(document)
    except ir.Error as error:
        return error


CALLS = {
    "classify": (ir.classify, ("classify",)),
    "decide": (ir.decide, ("decide",)),
    "obligations": (lambda d: ir.obligations(d, now=NOW), ("obligations", "--now", NOW)),
    "durations": (ir.durations, ("durations",)),
    "watch": (lambda d: ir.watch(d, now=NOW), ("watch", "--now", NOW)),
    "check_release": (ir.check_release, ("gate",)),
    "rollback_plan": (ir.rollback_plan, ("plan",)),
    "verify_rollback": (ir.verify_rollback, ("verify-rollback",)),
}


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.tuples(st.just("classify"), signals),
        st.tuples(st.just("decide"), contexts),
        st.tuples(st.sampled_from(["obligations", "durations"]), incidents()),
        st.tuples(st.just("watch"), deployments()),
        st.tuples(st.just("check_release"), evidence),
        st.tuples(st.just("rollback_plan"), releases),
        st.tuples(st.just("verify_rollback"), checks),
    )
)
def test_the_package_answers_as_the_tool(peers: Any, case: tuple[str, dict[str, Any]]) -> None:
    name, document = case
    call, command = CALLS[name]
    text = json.dumps(document).encode()
    peer = peers(*command).ask(text)
    same(outcome(call, document), peer)
    same(outcome(call, text), peer)
    same_fields(call, document, peer)


@settings(max_examples=200, deadline=None)
@given(incidents(), st.sampled_from([0, 60, -300, 330]))
def test_datetimes_answer_as_their_text(incident: dict[str, Any], offset_minutes: int) -> None:
    zone = timezone(timedelta(minutes=offset_minutes))
    as_datetimes = {
        k: (datetime.strptime(v, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc).astimezone(zone)
            if k.endswith("_at") else v)
        for k, v in incident.items()
    }
    if "decision" in incident:
        at = datetime.strptime(incident["decision"]["at"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
        as_datetimes["decision"] = {**incident["decision"], "at": at.astimezone(zone)}
    now = datetime(2026, 2, 16, 12, 0, tzinfo=timezone.utc).astimezone(zone)
    for call in (lambda d: ir.obligations(d, now=now), ir.durations, ir.post_mortem):
        text, moment = outcome(call, incident), outcome(call, as_datetimes)
        if isinstance(text, ir.Error):
            assert isinstance(moment, ir.Error)
            assert (type(moment), moment.path, moment.rule) == (type(text), text.path, text.rule)
        else:
            assert moment == text
            assert str(moment) == str(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(incidents(), max_size=4), st.integers(-1, 20))
def test_a_month_is_summarized_as_the_tool_reports_it(month: list[dict[str, Any]], releases: int) -> None:
    from conftest import cli

    run = cli("report", "--month", "2026-02", "--releases", str(max(releases, 0)), "--format", "json",
              stdin=json.dumps(month).encode())
    answer = outcome(lambda d: ir.summarize_month("2026-02", d, max(releases, 0)), month)
    if isinstance(answer, ir.Error):
        assert run.returncode == 2
        assert run.stderr.decode().strip() == f"incident-response: stdin: {answer}"
    else:
        assert answer.to_dict() == json.loads(run.stdout)
        months = [{"month": "2026-01", "releases": 3, "incidents": []},
                  {"month": "2026-02", "releases": max(releases, 0), "incidents": month}]
        trend = cli("trends", "--format", "json", stdin=json.dumps(months).encode())
        assert ir.trends(months).to_dict() == json.loads(trend.stdout)


any_text = st.text(alphabet=st.characters(blacklist_categories=()), max_size=8)
json_values = st.recursive(
    st.one_of(
        st.none(), st.booleans(), st.integers(), st.integers(min_value=10**4400, max_value=10**4400 + 1),
        st.floats(), any_text, st.datetimes(timezones=st.sampled_from([timezone.utc, None])),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.lists(children, max_size=3).map(tuple),
        st.dictionaries(any_text, children, max_size=4),
    ),
    max_leaves=12,
)
keys = st.sampled_from(["severity", "error_rate", "cause", "detected_at", "id", "steps", "release", "run", "x"])
documents = st.one_of(json_values, st.dictionaries(keys, json_values, max_size=5))
EVERY = [
    ir.classify, ir.decide, ir.check_release, ir.rollback_plan, ir.verify_rollback, ir.durations, ir.post_mortem,
    ir.trends, ir.Policy.from_dict, lambda d: ir.watch(d, now=NOW), lambda d: ir.obligations(d, now=NOW),
    lambda d: ir.summarize_month("2026-02", d, 3),
]


@settings(max_examples=300, deadline=None)
@given(documents, st.sampled_from(range(len(EVERY))))
def test_nothing_but_an_error_is_ever_raised(document: Any, which: int) -> None:
    call = EVERY[which]
    if call is ir.Policy.from_dict and not isinstance(document, dict):
        return
    try:
        answer = call(document)
    except ir.Error as error:
        assert error.message
        return
    if isinstance(answer, ir.Policy):
        assert ir.Policy.from_dict(answer.to_dict()) == answer
    else:
        assert json.loads(answer.to_json()) == answer.to_dict()
