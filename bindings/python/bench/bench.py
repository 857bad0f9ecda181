"""The package beside zen-engine's, in one run: the same six contexts, the
same decision tree (bench/decision_table.jdm.json is §3 of the standard as a
zen decision table, first hit), each engine's answer checked against the
other's before anything is timed.

    python bench/bench.py            # the table, in Markdown
    python bench/bench.py --quick    # fewer rounds, to check it runs

zen-engine is the peer (`pip install zen-engine`); without it, the script
says so and times the package alone.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import incident_response as ir

HERE = Path(__file__).parent

# One context per outcome and per kind of path: P1 rollback, P1 hybrid,
# the simple revert, a migration restored from backup, a forward fix (the
# longest path) and a P4 deferral.
CONTEXTS: list[dict[str, Any]] = [
    {"severity": "P1", "cause": {"kind": "deployment", "revert": "simple"}},
    {"severity": "P1", "cause": {"kind": "database_migration"}},
    {"severity": "P2", "cause": {"kind": "deployment", "revert": "simple"}},
    {"severity": "P3", "cause": {"kind": "database_migration"}, "backup_restore_minutes": 20},
    {"severity": "P3", "fix": {"ready": True, "simple_and_safe": True, "estimated_deploy_minutes": 10}},
    {"severity": "P4"},
]


def per_call(run: Callable[[], object], calls: int, rounds: int) -> float:
    """Seconds per call of `run`, the median of `rounds` rounds."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(calls):
            run()
        times.append((time.perf_counter() - start) / calls)
    return statistics.median(times)


def per_decision(decide: Callable[[dict[str, Any]], object], calls: int, rounds: int) -> float:
    def six() -> None:
        for context in CONTEXTS:
            decide(context)

    return per_call(six, calls, rounds) / len(CONTEXTS)


def month(n: int) -> list[dict[str, Any]]:
    return [
        {
            "id": f"INC-{i}",
            "severity": ["P1", "P2", "P3", "P4"][i % 4],
            "detected_at": f"2026-01-{1 + i % 28:02}T{i % 24:02}:00:00Z",
            "restored_at": f"2026-01-{1 + i % 28:02}T{i % 24:02}:20:00Z",
            "resolved_at": f"2026-01-{1 + i % 28:02}T{i % 24:02}:30:00Z",
        }
        for i in range(n)
    ]


def import_time(module: str, rounds: int) -> float:
    """Seconds to import `module` in a fresh interpreter, as `python -X
    importtime` counts it (the module and everything it imports that the
    interpreter had not), the median of `rounds` starts."""
    times = []
    for _ in range(rounds):
        run = subprocess.run([sys.executable, "-X", "importtime", "-c", f"import {module}"],
                             capture_output=True, text=True, check=True)
        for line in run.stderr.splitlines():
            parts = [p.strip() for p in line.removeprefix("import time:").split("|")]
            if len(parts) == 3 and parts[2] == module:
                times.append(int(parts[1]) / 1e6)
    return statistics.median(times)


def micro(seconds: float) -> str:
    return f"{seconds * 1e6:,.2f} µs"


def milli(seconds: float) -> str:
    return f"{seconds * 1e3:,.1f} ms"


def main() -> int:
    quick = "--quick" in sys.argv
    calls, rounds = (200, 3) if quick else (5000, 7)
    rows: list[tuple[str, str, str]] = []
    header_peer = ""

    try:
        import zen
    except ImportError:
        zen = None
        print("zen-engine is not installed: `pip install zen-engine` to time the peer", file=sys.stderr)

    ours = per_decision(ir.decide, calls, rounds)

    def read(context: dict[str, Any]) -> object:
        decision = ir.decide(context)
        return decision["outcome"], decision["next_action"], decision["deciding_rule"]

    ours_read = per_decision(read, calls, rounds)
    ours_text = per_decision(lambda c: str(ir.decide(c)), calls, rounds)
    ours_dict = per_decision(lambda c: ir.decide(c).to_dict(), calls, rounds)
    peer = peer_trace = None
    if zen is not None:
        table = (HERE / "decision_table.jdm.json").read_text()
        decision = zen.ZenEngine().create_decision(table)
        for context in CONTEXTS:
            theirs = decision.evaluate(context)["result"]
            mine = ir.decide(context)
            assert (theirs["outcome"], theirs["deciding_rule"]) == (mine["outcome"], mine["deciding_rule"]), context
        zen_calls = max(calls // 20, 20)
        header_peer = f", zen-engine {zen_calls:,} rounds of six"
        peer = per_decision(decision.evaluate, zen_calls, rounds)
        peer_trace = per_decision(lambda c: decision.evaluate(c, {"trace": True}), zen_calls, rounds)
        rows.append(("zen-engine `evaluate`: outcome, next action, rule", micro(peer), "1×"))
        rows.append(("zen-engine `evaluate` with `trace`", micro(peer_trace), f"{peer / peer_trace:.2f}×"))

    def against(seconds: float) -> str:
        return f"**{peer / seconds:,.0f}×**" if peer else "n/a"

    answer = ir.decide(CONTEXTS[4]).to_json()
    floor = per_call(lambda: json.loads(answer), calls, rounds)
    rows.append(("`decide`: the answer, its outcome and path (findings, quotes, counterfactuals written from it when read)",
                 micro(ours), against(ours)))
    rows.append(("`decide`, then its outcome, next action and deciding rule read, as zen's result gives them",
                 micro(ours_read), against(ours_read)))
    rows.append(("`str(decide(...))`: the explanation as text, counterfactuals included",
                 micro(ours_text), against(ours_text)))
    rows.append(("`decide(...).to_dict()`: the whole answer as Python objects", micro(ours_dict), against(ours_dict)))
    rows.append(("(`json.loads` of that answer's JSON: what its Python objects cost)", micro(floor), ""))
    rows.append(("`classify` of one set of signals", micro(per_call(lambda: ir.classify({"error_rate": 0.10}),
                                                                        calls, rounds)), ""))
    incidents = month(10_000 if quick else 100_000)
    text = json.dumps(incidents).encode()
    month_rounds = 1 if quick else 3
    rows.append((f"`summarize_month` of {len(incidents):,} incidents (dicts)",
                 milli(per_call(lambda: ir.summarize_month("2026-01", incidents, 1000), 1, month_rounds)), ""))
    rows.append((f"`summarize_month` of {len(incidents):,} incidents (JSON bytes)",
                 milli(per_call(lambda: ir.summarize_month("2026-01", text, 1000), 1, month_rounds)), ""))
    rows.append(("`import incident_response`", milli(import_time("incident_response", 3 if quick else 7)), ""))
    if zen is not None:
        rows.append(("`import zen`", milli(import_time("zen", 3 if quick else 7)), ""))

    print(f"incident-response {ir.__version__} beside zen-engine, Python {sys.version.split()[0]}: "
          f"six contexts, incident-response {calls:,} rounds of six{header_peer}, median of {rounds} runs\n")
    print("| measured | per call | vs zen-engine |")
    print("|---|---:|---:|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    if peer is not None and peer / ours < 50:
        print(f"\ndecide is only {peer / ours:.0f}× zen-engine: the goal is 50×", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
