"""Crash safety under many kills, one figure a line: ``name value unit``.

    .venv/bin/python benchmarks/bench_crash.py [--kills 100] [--seed 1]

A child process edits an SQLite database through the services (``tests/reliability/
crash_child.py``) and is SIGKILLed at a random moment, 0.2-1.5 s after it is ready (every
fifth kill: 0-0.8 s after it began to open the database, so these land while it creates or
opens it, or in its setup), then restarted on the same database; after each kill the reopened
database is checked by the verifier the tests use (``tests/reliability/crash_check.py``, which
states the rule for the command in flight).

Figures: ``kills``; ``acknowledged_changes`` (commits the child reported, a batch one);
``in_flight_committed`` (kills that came between a commit and its acknowledgement);
``lost_changes`` (records not as the acknowledged lines say; goal 0); ``integrity_failures``
(kills after which an integrity check failed; goal 0); ``seconds_per_kill``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.reliability.crash_check import kill_series

sys.path.insert(0, str(Path(__file__).resolve().parent))
from report import figure


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    acknowledged = committed = lost = failures = 0
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-crash-") as folder:
        db = Path(folder) / "crash.sqlite3"
        for n, (verdict, _) in enumerate(kill_series(db, args.kills, args.seed, Path(folder)), 1):
            acknowledged += verdict.acknowledged
            committed += verdict.in_flight == "committed"
            lost += len(verdict.lost)
            failures += bool(verdict.integrity)
            for line in (verdict.lost + verdict.integrity)[:5]:
                print(f"# kill {n}: {line}", file=sys.stderr)
    elapsed = time.perf_counter() - started
    figure("kills", args.kills, "kills", digits=0)
    figure("acknowledged_changes", acknowledged, "changes", digits=0)
    figure("in_flight_committed", committed, "kills", digits=0)
    figure("lost_changes", lost, "changes", digits=0)
    figure("integrity_failures", failures, "kills", digits=0)
    figure("seconds_per_kill", elapsed / max(args.kills, 1), "s", digits=2)


if __name__ == "__main__":
    main()
