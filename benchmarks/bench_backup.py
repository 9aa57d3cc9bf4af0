"""Backup figures, one a line: ``name value unit``.

    .venv/bin/python benchmarks/bench_backup.py [--articles 10000]

A database of synthetic articles (search index included) is backed up with the online backup
API on a worker thread, as the app does once a day, while the main thread keeps adding spans
through the services; then it is restored.

Goals (issue #13): a backup never blocks an edit: adding a span while a backup is written
takes at most 50 ms at the 99th percentile (alone: ``add_span_alone_p99_ms``); the check made
before every open of a database up to 32 MB (``diagnose_ms``) at most 50 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_core import article
from report import figure

from annotator import open_workspace
from annotator.storage import backups, health
from annotator.text import graphemes


def _p99(values: list[float]) -> float:
    return (
        statistics.quantiles(values, n=100, method="inclusive")[98]
        if len(values) >= 2
        else values[0]
    )


def _add_spans(ws, doc: str, text: str, until) -> list[float]:
    """Add spans one by one until ``until(count)`` is true; the milliseconds each took."""
    rng = random.Random(3)
    times: list[float] = []
    while not times or not until(len(times)):
        start, end = graphemes.snap(text, *(lambda s: (s, s + 12))(rng.randrange(len(text) - 20)))
        t = time.perf_counter()
        ws.annotations.add(doc, start, end, "claim")
        times.append((time.perf_counter() - t) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=10_000)
    args = parser.parse_args()
    rng = random.Random(1)
    with tempfile.TemporaryDirectory(prefix="bench-backup-") as tmp:
        tmp = Path(tmp)
        folder = tmp / "articles"
        folder.mkdir()
        for i in range(args.articles):
            (folder / f"{i:05d}.txt").write_text(article(rng, 450), encoding="utf-8")
        db = tmp / "study.sqlite3"
        with open_workspace(db) as ws:
            ws.import_paths([folder])
            doc = ws.documents.list()[0]
            text = ws.documents.get(doc.id).text
            alone = _add_spans(ws, doc.id, text, lambda n: n >= 200)
            size_mb = db.stat().st_size / 1e6
            done = threading.Event()
            made: list[float] = []

            def backup() -> None:
                t = time.perf_counter()
                backups.take_backup(db, backups.DAILY, folder=tmp / "backups")
                made.append(time.perf_counter() - t)
                done.set()

            thread = threading.Thread(target=backup)
            thread.start()
            during = _add_spans(ws, doc.id, text, lambda _n: done.is_set())
            thread.join()
        figure("backup_database_mb", size_mb, "MB")
        figure("backup_seconds", made[0], "s", digits=2)
        figure("backup_mb_per_s", size_mb / made[0], "MB/s")
        figure("add_span_alone_p99_ms", _p99(alone), "ms")
        figure("add_span_during_backup_p99_ms", _p99(during), "ms")
        figure("add_span_during_backup_max_ms", max(during), "ms")
        figure("spans_added_during_backup", len(during), "spans")
        (latest,) = backups.list_backups(db, folder=tmp / "backups")
        t = time.perf_counter()
        backups.restore_backup(db, latest.path, folder=tmp / "backups")
        figure("restore_seconds", time.perf_counter() - t, "s", digits=2)
        small = tmp / "small.sqlite3"
        with open_workspace(small) as ws:
            ws.import_paths([folder / f"{i:05d}.txt" for i in range(min(3000, args.articles))])
        runs = []
        for _ in range(5):
            t = time.perf_counter()
            assert health.diagnose(small) is None
            runs.append((time.perf_counter() - t) * 1000)
        figure("diagnose_database_mb", small.stat().st_size / 1e6, "MB")
        figure("diagnose_ms", statistics.median(runs), "ms")


if __name__ == "__main__":
    main()
