"""Every refusal is an `incident_response.Error` a bot can branch on: its
class, and the path, field, value, rule and message it carries."""

from __future__ import annotations

import decimal
from datetime import datetime, timezone

import pytest

import incident_response as ir


def refusal(call: object) -> ir.Error:
    assert callable(call)
    with pytest.raises(ir.Error) as caught:
        call()
    return caught.value


def test_an_unknown_word_is_invalid_input_at_its_path() -> None:
    error = refusal(lambda: ir.decide({"severity": "P2", "cause": {"kind": "deployment", "revert": "complx"}}))
    assert type(error) is ir.InvalidInput
    assert isinstance(error, ValueError)
    assert (error.kind, error.path, error.field, error.value, error.rule) == (
        "invalid_input", "cause.revert", "revert", "complx", None
    )
    assert error.message == "unknown variant `complx`, expected `simple` or `complex`"
    # A dict has no line or column: the path says where.
    assert (error.line, error.column) == (None, None)
    assert str(error) == "cause.revert: unknown variant `complx`, expected `simple` or `complex`"


def test_json_text_keeps_its_position() -> None:
    text = '{"severity": "P2", "cause": {"kind": "deployment", "revert": "complx"}}'
    error = refusal(lambda: ir.decide(text))
    assert (error.path, error.value, error.line, error.column) == ("cause.revert", "complx", 1, 69)
    assert str(error).endswith(" at line 1 column 69")


def test_text_that_is_not_json_is_a_syntax_error() -> None:
    error = refusal(lambda: ir.decide('{"severity": '))
    assert type(error) is ir.InvalidInput
    assert (error.kind, error.line, error.column) == ("syntax", 1, 13)


def test_a_missing_field_names_it_and_has_no_value() -> None:
    error = refusal(lambda: ir.decide({"cause": {"kind": "unknown"}}))
    assert error.message == "missing field `severity` (or `signals`, which classify as one)"
    assert (error.path, error.value) == (None, None)


def test_a_signal_out_of_range_names_its_value() -> None:
    error = refusal(lambda: ir.classify({"error_rate": 1.5}))
    assert (error.path, error.field, error.value) == ("error_rate", "error_rate", 1.5)
    assert str(error) == "error_rate `1.5` is outside 0.0..=1.0"


def test_nan_is_refused_in_the_doors_words() -> None:
    error = refusal(lambda: ir.classify({"error_rate": float("nan")}))
    assert error.path == "error_rate"
    assert error.message == "`NaN` is not a number JSON allows; write `null` for a value not measured"


def test_an_inconsistent_policy_is_invalid_policy_with_its_rule() -> None:
    error = refusal(lambda: ir.Policy.from_dict({"thresholds": {"p3_latency_ms": 6000}}))
    assert type(error) is ir.InvalidPolicy
    assert (error.kind, error.path, error.field, error.value, error.rule) == (
        "invalid_policy", "thresholds.p3_latency_ms", "p3_latency_ms", 6000, "SEV-P3-LATENCY"
    )
    assert str(error) == (
        "thresholds.p3_latency_ms `6000` must be below thresholds.p2_latency_ms `5000` (SEV-P3-LATENCY)"
    )
    text_error = refusal(lambda: ir.Policy.from_json('{"thresholds": {"p3_latency_ms": 6000}}'))
    assert (type(text_error), text_error.value) == (ir.InvalidPolicy, 6000)


def test_timestamps_out_of_order_are_an_invalid_timeline_with_its_rule() -> None:
    incident = {
        "id": "INC-1",
        "severity": "P2",
        "detected_at": "2026-01-01T10:00:00Z",
        "resolved_at": datetime(2026, 1, 1, 9, 0, tzinfo=timezone.utc),
    }
    error = refusal(lambda: ir.durations(incident))
    assert type(error) is ir.InvalidTimeline
    assert (error.kind, error.path, error.field, error.rule) == (
        "invalid_timeline", "resolved_at", "resolved_at", "IN-3"
    )
    assert error.value == datetime(2026, 1, 1, 9, 0, tzinfo=timezone.utc)


def test_an_incident_of_a_month_is_named_by_its_index() -> None:
    incidents = [
        {"id": "INC-1", "severity": "P3", "detected_at": "2026-01-02T10:00:00Z"},
        {"id": "INC-2", "severity": "P2", "detected_at": "2026-01-05T10:00:00Z",
         "resolved_at": "2026-01-05T09:00:00Z"},
    ]
    error = refusal(lambda: ir.summarize_month("2026-01", incidents, 3))
    assert type(error) is ir.InvalidTimeline
    assert (error.path, error.field, error.value, error.rule) == (
        "[1].resolved_at", "resolved_at", "2026-01-05T09:00:00Z", "IN-3"
    )


def test_a_deadline_past_the_last_time_is_time_out_of_range() -> None:
    incident = {"id": "INC-1", "severity": "P1", "detected_at": "+262142-12-31T23:59:00Z"}
    error = refusal(lambda: ir.obligations(incident, now="+262142-12-31T23:59:30Z"))
    assert type(error) is ir.TimeOutOfRange
    assert (error.kind, error.path, error.rule) == ("time_out_of_range", "detected_at", "IN-1")


def test_a_naive_datetime_is_refused_by_name() -> None:
    incident = {"id": "INC-1", "severity": "P1", "detected_at": datetime(2026, 2, 16, 10, 0)}
    error = refusal(lambda: ir.obligations(incident, now="2026-02-16T10:15:00Z"))
    assert type(error) is ir.InvalidInput
    assert (error.path, error.value) == ("detected_at", datetime(2026, 2, 16, 10, 0))
    assert "naive datetime `2026-02-16T10:00:00`" in error.message
    now_error = refusal(lambda: ir.watch({"deployed_at": "2026-02-16T09:35:00Z"}, now=datetime(2026, 2, 16)))
    assert (now_error.path, "naive" in now_error.message) == ("now", True)


@pytest.mark.parametrize(
    ("value", "named"),
    [(decimal.Decimal("0.1"), "`Decimal`"), ({1, 2}, "`set`"), (b"x", "`bytes`"), (object(), "`object`")],
)
def test_a_value_json_cannot_carry_is_refused_at_its_path(value: object, named: str) -> None:
    error = refusal(lambda: ir.classify({"error_rate": value}))
    assert type(error) is ir.InvalidInput
    assert error.path == "error_rate"
    assert named in error.message


def test_a_key_that_is_not_a_string_is_refused() -> None:
    error = refusal(lambda: ir.decide({"severity": "P2", "cause": {1: "deployment"}}))
    assert (error.path, error.message) == ("cause", "key `1` is not a string: JSON objects have string keys")


def test_arguments_are_refused_with_their_values() -> None:
    releases = refusal(lambda: ir.summarize_month("2026-01", [], -1))
    assert (releases.path, releases.value) == ("releases", -1)
    month = refusal(lambda: ir.summarize_month("2026-13", [], 1))
    assert (month.path, month.value, month.message) == ("month", "2026-13", "month `2026-13` is not a month as `YYYY-MM`")
    now = refusal(lambda: ir.obligations({"id": "x", "severity": "P4", "detected_at": "2026-01-01T00:00:00Z"},
                                         now="yesterday"))
    assert (now.path, type(now)) == ("now", ir.InvalidInput)
    name = refusal(lambda: ir.schema("nope"))  # type: ignore[arg-type]
    assert name.message.startswith("no schema is named `nope`: expected one of signals, ")


def test_a_verdict_names_the_part_of_the_check() -> None:
    error = refusal(lambda: ir.verify_rollback({"release": {"from_version": "1.3.0", "target_version": "1.2.3"},
                                                "run": {"steps": []}}))
    assert (error.path, error.rule) == ("run", "RB-1")
    assert error.message == "the rollback run records no step (RB-1)"


def test_wrong_python_types_of_arguments_are_type_errors() -> None:
    with pytest.raises(TypeError):
        ir.watch({"deployed_at": "2026-02-16T09:35:00Z"}, now=5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        ir.Policy.from_dict("{}")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        ir.Policy.from_json({})  # type: ignore[arg-type]


def test_a_refusal_of_json_text_is_the_tools(tmp_path: object) -> None:
    from conftest import cli

    text = b'{"severity": "P2", "cause": {"kind": "deployment", "revert": "complx"}}'
    run = cli("decide", stdin=text)
    assert run.returncode == 2
    error = refusal(lambda: ir.decide(text))
    assert run.stderr.decode().strip() == f"incident-response: stdin: {error}"


def test_a_document_that_contains_itself_is_refused_not_recursed() -> None:
    months: list[object] = []
    months.append(months)
    error = refusal(lambda: ir.trends(months))
    assert type(error) is ir.InvalidInput
    assert "nests deeper than 128 levels (or contains itself)" in error.message
    deep: object = {"severity": "P2"}
    for _ in range(200_000):
        deep = [deep]
    assert "nests deeper" in refusal(lambda: ir.decide(deep)).message


def test_a_lone_surrogate_is_refused_at_its_path() -> None:
    error = refusal(lambda: ir.classify({"id": "\ud800"}))
    assert (type(error), error.path) == (ir.InvalidInput, "id")
    assert "lone surrogate" in error.message
    assert "lone surrogate" in refusal(lambda: ir.classify('{"id": "\ud800"}')).message
    assert refusal(lambda: ir.classify({"\ud800": 1})).path is None


def test_an_int_subclass_cannot_write_into_the_document() -> None:
    class Sly(int):
        def __str__(self) -> str:
            return '1,"data_loss":true'

        __repr__ = __str__

    # Written as its digits: the door reads them as the number they are,
    # too large for milliseconds, and no `data_loss` is read into the signals.
    error = refusal(lambda: ir.classify({"latency_ms": Sly(2**70)}))
    assert (error.path, error.field) == ("latency_ms", "latency_ms")
    assert "`1.1805916207174113e+21`, expected a whole number of milliseconds" in str(error)
    assert ir.classify({"latency_ms": Sly(2731)})["severity"] == "P3"


def test_releases_is_a_count_not_a_boolean() -> None:
    error = refusal(lambda: ir.summarize_month("2026-01", [], True))
    assert (error.path, error.value) == ("releases", True)
    assert ir.summarize_month("2026-01", [], 1)["releases"] == 1


def test_a_refused_now_names_its_value() -> None:
    incident = {"id": "x", "severity": "P4", "detected_at": "2026-01-01T00:00:00Z"}
    error = refusal(lambda: ir.obligations(incident, now="yesterday"))
    assert (error.path, error.field, error.value) == ("now", "now", "yesterday")
    naive = datetime(2026, 1, 1)
    assert refusal(lambda: ir.obligations(incident, now=naive)).value == naive


def test_an_offset_in_seconds_is_the_same_moment_in_utc() -> None:
    from datetime import timedelta

    odd = timezone(timedelta(seconds=30))
    incident = {"id": "x", "severity": "P2", "detected_at": datetime(2026, 1, 1, 10, 0, 30, tzinfo=odd),
                "resolved_at": "2026-01-01T11:00:00Z"}
    durations = ir.durations(incident)
    assert durations == ir.durations({**incident, "detected_at": "2026-01-01T10:00:00Z"})
    assert durations["detection_to_resolution_secs"] == 3600


def test_an_indent_past_sixty_four_spaces_is_refused() -> None:
    answer = ir.classify({"error_rate": 0.1})
    assert answer.to_json(indent=2).startswith('{\n  "severity": "P2"')
    error = refusal(lambda: answer.to_json(indent=2**63))
    assert (type(error), error.path, error.value) == (ir.InvalidInput, "indent", 2**63)


def test_a_refusal_reads_the_document_without_changing_it() -> None:
    from collections import defaultdict

    cause: defaultdict[str, str] = defaultdict(str, {"kind": "deployment"})
    error = refusal(lambda: ir.decide({"severity": "P2", "cause": cause}))
    assert (error.path, error.value) == ("cause", {"kind": "deployment"})
    assert error.message == "missing field `revert`"
    assert dict(cause) == {"kind": "deployment"}


def test_a_tzinfo_that_changes_the_document_cannot_crash_the_reading() -> None:
    from datetime import timedelta, tzinfo

    incident: dict[str, object] = {"id": "x", "severity": "P2"}

    class Meddling(tzinfo):
        def utcoffset(self, dt: datetime | None) -> timedelta:
            incident[f"extra_{len(incident)}"] = 1
            return timedelta(0)

        def dst(self, dt: datetime | None) -> timedelta:
            return timedelta(0)

    incident["detected_at"] = datetime(2026, 1, 1, 10, 0, tzinfo=Meddling())
    answer = ir.durations(incident)
    # The document read is the one given when the reading began.
    assert answer["id"] == "x"
    assert len(incident) > 3


def test_a_number_past_pythons_digits_is_refused() -> None:
    error = refusal(lambda: ir.classify({"latency_ms": 10**5000}))
    assert (type(error), error.path) == (ir.InvalidInput, "latency_ms")
    assert error.message == "a whole number too long to write as digits"


def test_now_with_a_lone_surrogate_is_refused() -> None:
    incident = {"id": "x", "severity": "P4", "detected_at": "2026-01-01T00:00:00Z"}
    error = refusal(lambda: ir.obligations(incident, now="\ud800"))
    assert (error.path, "lone surrogate" in error.message) == ("now", True)


@pytest.mark.parametrize("indent", [-1, True, 65, 2.5])
def test_an_indent_must_be_a_small_whole_number(indent: object) -> None:
    error = refusal(lambda: ir.classify({}).to_json(indent=indent))  # type: ignore[arg-type]
    assert (error.path, error.value) == ("indent", indent)


def test_a_key_whose_repr_fails_is_still_refused_by_name() -> None:
    class Opaque:
        def __repr__(self) -> str:
            raise RuntimeError("no repr")

        def __hash__(self) -> int:
            return 1

    error = refusal(lambda: ir.classify({Opaque(): 1}))
    assert error.message == "key `a Opaque` is not a string: JSON objects have string keys"


def test_a_mapping_lookup_is_a_dicts_before_and_after_the_mapping_is_made() -> None:
    for made in (False, True):
        answer = ir.decide({"severity": "P2"})
        if made:
            len(answer)
        assert "\ud800" not in answer and 7 not in answer
        with pytest.raises(TypeError):
            [] in answer  # noqa: B015
        with pytest.raises(KeyError):
            answer["nope"]
        assert answer["outcome"] == "rollback"


def test_a_tzinfos_own_error_is_the_callers() -> None:
    from datetime import timedelta, tzinfo

    class Broken(tzinfo):
        calls = 0

        def utcoffset(self, dt: datetime | None) -> timedelta:
            Broken.calls += 1
            if Broken.calls > 1:
                raise RuntimeError("the tz database is gone")
            return timedelta(0)

        def dst(self, dt: datetime | None) -> timedelta:
            return timedelta(0)

    incident = {"id": "x", "severity": "P2", "detected_at": datetime(2026, 1, 1, tzinfo=Broken())}
    with pytest.raises(RuntimeError, match="the tz database is gone"):
        ir.durations(incident)
