"""The long calls release the GIL: another thread runs while a month of
100 000 incidents is read and summarized."""

from __future__ import annotations

import json
import threading
from typing import Any

import incident_response as ir


def big_month(n: int) -> list[dict[str, Any]]:
    return [
        {
            "id": f"INC-{i}",
            "severity": ["P1", "P2", "P3", "P4"][i % 4],
            "detected_at": f"2026-01-{1 + i % 28:02}T{i % 24:02}:00:00Z",
            "resolved_at": f"2026-01-{1 + i % 28:02}T{i % 24:02}:30:00Z",
        }
        for i in range(n)
    ]


def ticks_during(call: Any) -> tuple[int, Any]:
    """How often another thread ran while `call` ran."""
    ticks = 0
    running = threading.Event()
    stop = threading.Event()

    def count() -> None:
        nonlocal ticks
        running.set()
        while not stop.is_set():
            ticks += 1

    thread = threading.Thread(target=count)
    thread.start()
    running.wait()
    before = ticks
    result = call()
    during = ticks - before
    stop.set()
    thread.join()
    return during, result


def test_summarize_month_of_json_text_runs_without_the_gil() -> None:
    text = json.dumps(big_month(100_000)).encode()
    during, summary = ticks_during(lambda: ir.summarize_month("2026-01", text, 1000))
    assert summary["incidents"] == {"P1": 25_000, "P2": 25_000, "P3": 25_000, "P4": 25_000}
    # With the GIL held for the whole call, the other thread would not run
    # at all: the interpreter switches threads only between bytecodes.
    assert during > 1000, during


def test_summarize_month_of_dicts_releases_the_gil_once_read() -> None:
    incidents = big_month(100_000)
    during, summary = ticks_during(lambda: ir.summarize_month("2026-01", incidents, 1000))
    assert summary["mttr"]["n"] == 100_000
    assert during > 1000, during
