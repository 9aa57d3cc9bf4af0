"""What Python's sqlite3 module itself allows on this machine, with no Annotator code at all.

    .venv/bin/python benchmarks/bench_floor.py [--rows 1000000]

One figure a line (``report.py``), rows per second, with SQLite's version as the note:
- ``floor.insert_rows_per_s``: rows prebuilt as tuples, inserted by ``executemany`` into the
  annotation table exactly as the migrations create it (ten rows a statement, as the import
  does), one transaction, ``synchronous=FULL`` WAL, like an import;
- ``floor.fetch_rows_per_s``: the same rows fetched back a document at a time with the
  export's query.
An import that parses JSON and an export that writes it can only be slower than these.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from report import figure

from annotator import open_workspace
from annotator.ids import new_id
from annotator.storage.rawsql import ROWS_PER_STATEMENT

COLUMNS = (
    'id, document_id, start, "end", label_id, quote, note, author, attributes, created, '
    "updated, version"
)
SQLITE = f"SQLite {sqlite3.sqlite_version}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--per-doc", type=int, default=100)
    args = parser.parse_args()
    rng = random.Random(1)
    stamp = "2031-03-12 11:00:00.000001"
    with tempfile.TemporaryDirectory(prefix="annotator-floor-") as tmp:
        path = Path(tmp) / "floor.sqlite3"
        open_workspace(str(path)).close()  # the schema, by the migrations
        docs, rows = [], []
        for _ in range(args.rows // args.per_doc):
            doc = new_id()
            docs.append((doc, new_id(), "text", doc, "2031-03-12 10:00:00.000000"))
            for start in sorted(rng.randrange(0, 3900) for _ in range(args.per_doc)):
                rows.append(
                    (new_id(), doc, start, start + 12, rng.randint(1, 4), "q" * 12, "", "b", "{}")
                    + (stamp, stamp, 1)
                )
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA cache_size=-64000")
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO document (id, title, text, sha256, imported_at, meta) "
            "VALUES (?, ?, ?, ?, ?, '{}')",
            docs,
        )
        one = "(" + ", ".join("?" * 12) + ")"
        sql = f"INSERT INTO annotation ({COLUMNS}) VALUES " + ", ".join([one] * ROWS_PER_STATEMENT)
        width = 12 * ROWS_PER_STATEMENT
        flat = iter(list(itertools.chain.from_iterable(rows)))
        groups = list(zip(*[flat] * width, strict=True))
        t = time.perf_counter()
        for i in range(0, len(groups), 2000):
            conn.executemany(sql, groups[i : i + 2000])
        conn.execute("COMMIT")
        elapsed = time.perf_counter() - t
        figure("floor.insert_rows_per_s", len(rows) / elapsed, "rows/s", SQLITE, digits=0)
        cursor = conn.cursor()
        query = (
            'SELECT id, start, "end", label_id, author, note, '
            "NULLIF(CAST(attributes AS TEXT), '{}'), created, NULLIF(updated, created) "
            'FROM annotation WHERE document_id = ? ORDER BY start, "end"'
        )
        t = time.perf_counter()
        fetched = 0
        for doc, *_ in docs:
            cursor.execute(query, (doc,))
            fetched += len(cursor.fetchall())
        elapsed = time.perf_counter() - t
        figure("floor.fetch_rows_per_s", fetched / elapsed, "rows/s", SQLITE, digits=0)
        conn.close()


if __name__ == "__main__":
    main()
