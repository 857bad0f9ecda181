"""The typed usage file (checked by `mypy --strict`) runs, and says what
a bot would see."""

from __future__ import annotations

import usage


def test_the_usage_file_runs() -> None:
    seen = usage.run()
    assert seen[:3] == ["P2 True", "roll back", "ROLLBACK (P2, decide within 4 h): Use pre-tested rollback script"]
    assert seen[seen.index("DT-3") + 1] == "DT-3"  # the same decision, from the signals
    assert "automatic_rollback PD-4" in seen
    assert "invalid_input RB-1" in seen
    assert "thresholds.p3_latency_ms 6000 SEV-P3-LATENCY" in seen
    assert "thresholds.p3_latency_ms `1500` (the standard's `2000`)" in seen
