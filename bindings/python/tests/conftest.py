"""What the tests share: the crate's command-line tool, the peer every
answer of the package is compared with, and the crate's documents."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures"
DOCUMENTS = ROOT / "src" / "json" / "documents"
SNAPSHOTS = Path(__file__).parent / "snapshots"
NOW = "2026-02-16T10:15:00Z"


def cli_path() -> Path:
    given = os.environ.get("INCIDENT_RESPONSE_CLI")
    path = Path(given) if given else ROOT / "target" / "debug" / "incident-response"
    if not path.exists():
        pytest.exit(
            f"{path} is missing: build it with `cargo build --features cli --bin incident-response`"
            " or set INCIDENT_RESPONSE_CLI",
            returncode=2,
        )
    return path


def cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """The command-line tool, run once."""
    return subprocess.run([str(cli_path()), *args], input=stdin, capture_output=True, check=False)


def cli_json(*args: str, stdin: bytes | None = None) -> Any:
    run = cli(*args, "--format", "json", stdin=stdin)
    assert run.returncode in (0, 10, 11, 12, 13, 20, 30, 31), run.stderr.decode()
    return json.loads(run.stdout)


def cli_text(*args: str, stdin: bytes | None = None) -> str:
    run = cli(*args, "--format", "text", stdin=stdin)
    return run.stdout.decode()


class Peer:
    """One command of the tool on `--lines`, kept running: a line in, its
    answer out, so that a property test compares thousands of answers."""

    def __init__(self, *args: str) -> None:
        self.process = subprocess.Popen(
            [str(cli_path()), *args, "--lines", "--format", "json"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )

    def ask(self, document: bytes) -> Any:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(document.replace(b"\n", b" ") + b"\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=10)


@pytest.fixture(scope="session")
def peers() -> Any:
    opened: dict[tuple[str, ...], Peer] = {}

    def peer(*args: str) -> Peer:
        if args not in opened:
            opened[args] = Peer(*args)
        return opened[args]

    yield peer
    for p in opened.values():
        p.close()


def document(name: str) -> bytes:
    return (DOCUMENTS / f"{name}.json").read_bytes()


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def snapshot(name: str, text: str) -> None:
    """`text` equals the snapshot `name`; INCIDENT_RESPONSE_SNAPSHOTS=write
    writes it instead, to be read before it is committed."""
    path = SNAPSHOTS / f"{name}.txt"
    if os.environ.get("INCIDENT_RESPONSE_SNAPSHOTS") == "write":
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(text)
        return
    assert path.exists(), f"no snapshot {path}: run with INCIDENT_RESPONSE_SNAPSHOTS=write and read it"
    assert text == path.read_text(), f"{name} differs from {path}"
