"""What people read from the package, as snapshots (tests/snapshots/):
the explanation, the post-mortem, the report, a refusal, an answer's repr."""

from __future__ import annotations

import pytest
from conftest import NOW, document, snapshot

import incident_response as ir


def test_the_explanation_of_a_decision() -> None:
    snapshot("decide", str(ir.decide({"severity": "P2", "cause": {"kind": "deployment", "revert": "simple"}})))


def test_the_obligations_of_the_standards_incident() -> None:
    snapshot("obligations", str(ir.obligations(document("incident"), now=NOW)))


def test_the_post_mortem_in_markdown() -> None:
    snapshot("post_mortem", str(ir.post_mortem(document("incident"))))


def test_the_trends() -> None:
    snapshot("trends", str(ir.trends(document("months"))))


def test_a_refusal_and_its_attributes() -> None:
    with pytest.raises(ir.Error) as caught:
        ir.obligations({"id": "INC-7", "severity": "P2", "detected_at": "2026-01-01T10:00:00Z",
                        "resolved_at": "2026-01-01T09:00:00Z"}, now=NOW)
    error = caught.value
    attributes = {k: getattr(error, k) for k in ["kind", "path", "field", "value", "rule", "message", "line"]}
    snapshot("refusal", f"{type(error).__name__}: {error}\n{attributes}\n")


def test_the_repr_of_an_answer() -> None:
    snapshot("repr", repr(ir.classify({"error_rate": 0.10})) + "\n")
