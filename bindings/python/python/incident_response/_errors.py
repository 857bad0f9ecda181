"""The exceptions a refusal raises, for a bot to branch on."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Literal, TypeAlias

    ErrorKind: TypeAlias = Literal[
        "syntax", "invalid_input", "invalid_policy", "invalid_timeline", "time_out_of_range"
    ]


def __getattr__(name: str) -> object:
    # `ErrorKind` is made when first asked for: importing the package does
    # not import `typing`.
    if name == "ErrorKind":
        from typing import Literal

        return Literal["syntax", "invalid_input", "invalid_policy", "invalid_timeline", "time_out_of_range"]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class Error(ValueError):
    """Why the crate refused an input: every refusal of the package is one.

    ``str(error)`` is the command-line tool's message (path, message and,
    for JSON text, the position). The attributes say the same in parts:

    - ``kind``: ``"syntax"`` (JSON text that is not JSON), ``"invalid_input"``,
      ``"invalid_policy"``, ``"invalid_timeline"``, ``"time_out_of_range"``;
    - ``path``: the JSON path of the value refused (``"cause.revert"``,
      ``"[3].resolved_at"``), ``None`` for the document as a whole;
    - ``field``: the path's last name (``"revert"``), ``None`` where the
      path ends in an index or there is none;
    - ``value``: the value found at ``path`` in what was given, as given
      (``None`` where the field is missing);
    - ``rule``: the id of the rule that needs the value (``"PD-2"``), where
      the crate knows it;
    - ``message``: the crate's message without the path;
    - ``line`` and ``column``: where JSON text was refused, from 1.
    """

    kind: ErrorKind
    path: str | None
    field: str | None
    value: object
    rule: str | None
    message: str
    line: int | None
    column: int | None

    def __init__(
        self,
        text: str,
        *,
        kind: ErrorKind,
        message: str,
        path: str | None = None,
        field: str | None = None,
        value: object = None,
        rule: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(text)
        self.kind = kind
        self.path = path
        self.field = field
        self.value = value
        self.rule = rule
        self.message = message
        self.line = line
        self.column = column


class InvalidInput(Error):
    """A document that is not one of the contract: not JSON, a wrong type,
    an unknown or missing field, a value out of range, a value no rule can
    judge, or a Python value JSON cannot carry (a ``Decimal``, a ``set``,
    a naive ``datetime``, which names no moment)."""


class InvalidPolicy(Error):
    """A policy that is inconsistent or out of range, naming the field and
    the rule: ``thresholds.p3_latency_ms `6000` must be below …``."""


class InvalidTimeline(Error):
    """Timestamps in an impossible order: ``resolved_at`` before
    ``detected_at``, naming the rule whose clock needs the order."""


class TimeOutOfRange(Error):
    """A deadline past the last moment the crate represents."""
