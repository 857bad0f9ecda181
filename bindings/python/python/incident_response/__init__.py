"""incident_response: the Rollback and Incident Response Standard
(EATGF-DSS-INC-01) as pure, typed, explained decisions, from Python.

Every function takes a document of the crate's JSON contract, as a dict
(what ``json.loads`` gives; aware ``datetime`` objects are accepted
wherever a timestamp is) or as its JSON text, and gives an ``Answer``: a
read-only mapping of the JSON contract whose ``str()`` is the text the
command-line tool prints, and whose ``to_dict()`` is a plain dict typed by
``incident_response.types``. A refusal raises ``Error`` (a ``ValueError``)
or one of its subclasses, naming the path, the field, the value and the
rule.

>>> import incident_response as ir
>>> decision = ir.decide({"severity": "P2", "cause": {"kind": "deployment", "revert": "simple"}})
>>> decision["outcome"], decision["deciding_rule"]
('rollback', 'DT-3')

The module's functions apply the standard's policy; ``Policy`` has each of
them as a method, for a custom one.
"""

from __future__ import annotations

from collections.abc import Mapping

from ._errors import Error, InvalidInput, InvalidPolicy, InvalidTimeline, TimeOutOfRange
from ._native import (
    STANDARD,
    Answer,
    Policy,
    __version__,
    durations,
    example,
    examples,
    post_mortem,
    schema,
    schemas,
)

# Only the type checker reads these: importing the package does not import
# `typing`, nor the TypedDicts of `types`, until they are asked for.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from . import types as types
    from ._errors import ErrorKind as ErrorKind

def __getattr__(name: str) -> object:
    if name == "types":
        import importlib

        return importlib.import_module(".types", __name__)
    if name == "ErrorKind":
        from . import _errors

        return _errors.ErrorKind
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# An answer reads as a mapping: `dict(answer)`, `isinstance(answer, Mapping)`.
Mapping.register(Answer)

_STANDARD = Policy.standard()

classify = _STANDARD.classify
decide = _STANDARD.decide
decision_table = _STANDARD.decision_table
watch = _STANDARD.watch
check_release = _STANDARD.check_release
rollback_plan = _STANDARD.rollback_plan
verify_rollback = _STANDARD.verify_rollback
obligations = _STANDARD.obligations
summarize_month = _STANDARD.summarize_month
trends = _STANDARD.trends

__all__ = [
    "STANDARD",
    "Answer",
    "Error",
    "ErrorKind",
    "InvalidInput",
    "InvalidPolicy",
    "InvalidTimeline",
    "Policy",
    "TimeOutOfRange",
    "__version__",
    "check_release",
    "classify",
    "decide",
    "decision_table",
    "durations",
    "example",
    "examples",
    "obligations",
    "post_mortem",
    "rollback_plan",
    "schema",
    "schemas",
    "summarize_month",
    "trends",
    "types",
    "verify_rollback",
    "watch",
]
