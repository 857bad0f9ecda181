"""The long calls release the GIL: another thread runs while a month of
100 000 incidents is read and summarized."""

from __future__ import annotations

import json
import threading
import time
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


def longest_pause(call: Any) -> tuple[float, float, Any]:
    """The call's duration, the longest time another thread could not run
    during it, and the call's result."""
    measuring = threading.Event()
    stop = threading.Event()
    running = threading.Event()
    seen = {"last": 0.0, "pause": 0.0}

    def tick() -> None:
        running.set()
        while not stop.is_set():
            now = time.perf_counter()
            if measuring.is_set():
                seen["pause"] = max(seen["pause"], now - seen["last"])
                seen["last"] = now

    thread = threading.Thread(target=tick)
    thread.start()
    running.wait()
    seen["last"] = start = time.perf_counter()
    measuring.set()
    result = call()
    measuring.clear()
    end = time.perf_counter()
    stop.set()
    thread.join()
    return end - start, max(seen["pause"], end - seen["last"]), result


def test_a_call_that_holds_the_gil_pauses_every_other_thread() -> None:
    # The measure itself: a long call in C that holds the GIL, for scale.
    numbers = [float(i % 977) for i in range(3_000_000)]
    duration, pause, _ = longest_pause(lambda: sorted(numbers))
    assert pause > 0.9 * duration


def test_summarize_month_of_json_text_runs_without_the_gil() -> None:
    text = json.dumps(big_month(100_000)).encode()
    duration, pause, summary = longest_pause(lambda: ir.summarize_month("2026-01", text, 1000))
    assert summary["incidents"] == {"P1": 25_000, "P2": 25_000, "P3": 25_000, "P4": 25_000}
    # Another thread runs all along: no pause near the call's length.
    assert pause < 0.5 * duration, (pause, duration)


def test_summarize_month_of_dicts_releases_the_gil_once_read() -> None:
    incidents = big_month(100_000)
    duration, pause, summary = longest_pause(lambda: ir.summarize_month("2026-01", incidents, 1000))
    assert summary["mttr"]["n"] == 100_000
    # The dicts are read with the GIL held; the reading of the document and
    # the summary, without it.
    assert pause < 0.8 * duration, (pause, duration)


def test_trends_run_without_the_gil() -> None:
    month = big_month(50_000)
    months = json.dumps([{"month": "2026-01", "releases": 10, "incidents": month},
                         {"month": "2026-02", "releases": 10, "incidents": []}]).encode()
    duration, pause, trends = longest_pause(lambda: ir.trends(months))
    assert [m for m in trends["months"]] == ["2026-01", "2026-02"]
    assert pause < 0.5 * duration, (pause, duration)
