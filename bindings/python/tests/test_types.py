"""The types cannot drift: types.py is what the crate's schemas generate,
and every answer has the keys its TypedDict names."""

from __future__ import annotations

import subprocess
import sys
import typing
from pathlib import Path
from typing import Any

import pytest
from conftest import NOW, document

import incident_response as ir
from incident_response import types as t

HERE = Path(__file__).resolve().parents[1]


def test_types_are_what_the_schemas_generate() -> None:
    run = subprocess.run([sys.executable, str(HERE / "generate_types.py"), "--check"], capture_output=True)
    assert run.returncode == 0, run.stderr.decode()


def keys_of(kind: Any) -> tuple[frozenset[str], frozenset[str]]:
    """The required and the optional keys of a TypedDict or a union of them."""
    members = typing.get_args(kind) or (kind,)
    required = frozenset.intersection(*(m.__required_keys__ for m in members))
    every = frozenset.union(*(m.__required_keys__ | m.__optional_keys__ for m in members))
    return required, every


ANSWERS = [
    (lambda: ir.classify(document("signals")), t.Classification),
    (lambda: ir.decide(document("incident-context")), t.Decision),
    (lambda: ir.decision_table(), t.DecisionTable),
    (lambda: ir.watch(document("deployment"), now=NOW), t.Watch),
    (lambda: ir.obligations(document("incident"), now=NOW), t.Obligations),
    (lambda: ir.durations(document("incident")), t.Durations),
    (lambda: ir.post_mortem(document("incident")), t.PostMortem),
    (lambda: ir.check_release(document("release-evidence")), t.Readiness),
    (lambda: ir.rollback_plan(document("rollback-release")), t.RollbackPlan),
    (lambda: ir.verify_rollback(document("rollback-check")), t.RollbackVerdict),
    (lambda: ir.trends(document("months")), t.Trends),
    (lambda: ir.summarize_month("2026-01", [], 0), t.MonthlySummary),
]


@pytest.mark.parametrize(("call", "kind"), ANSWERS, ids=[getattr(k, "__name__", "Watch")
                                                          for _, k in ANSWERS])
def test_every_answer_has_the_keys_of_its_type(call: Any, kind: Any) -> None:
    answer = call().to_dict()
    required, every = keys_of(kind)
    assert required <= answer.keys() <= every


def test_the_literals_are_the_crates_words() -> None:
    assert typing.get_args(t.Severity) == ("P1", "P2", "P3", "P4")
    assert typing.get_args(t.Outcome) == ("rollback", "forward_fix", "hybrid", "defer")
    rules = typing.get_args(t.RuleId)
    assert "DT-1" in rules and "SEV-P1-OUTAGE" in rules and "RB-7" in rules
