"""``annotator stats``: the overview (documents, spans per label and per outlet), or with
``--by`` a statistics table (annotator.analysis.stats) as text, JSON or CSV."""

from __future__ import annotations

import argparse
import csv
import sys

import orjson

from ..analysis.stats import DIMENSIONS, QUOTED_ROLES
from ..errors import AnnotatorError

ACTOR = "actor"
BY_HELP = (
    "group the spans by these keys, comma-separated: "
    + ", ".join(DIMENSIONS)
    + "; e.g. outlet,label  alignment,label  month,label  outlet,verification; or 'actor' "
    "for the actors most quoted (as speaker, claimant, source)"
)


def add_stats_parser(sub) -> None:
    stats = sub.add_parser(
        "stats",
        help="documents, spans per label and per outlet; tables by outlet, label, month...",
        description="Without --by: documents, spans per label, documents and spans per "
        "outlet. With --by: spans counted per group, with the words of the documents behind "
        "each row and spans per 1,000 words (words: whitespace-separated runs of the text).",
    )
    stats.add_argument("--by", metavar="KEYS", help=BY_HELP)
    stats.add_argument(
        "--label", action="append", metavar="KEY", help="with --by: only this label (repeatable)"
    )
    out = stats.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print JSON instead of a table")
    out.add_argument("--csv", action="store_true", help="with --by: print CSV (a header line)")


def write_csv(rows: list[dict], columns) -> None:
    writer = csv.DictWriter(sys.stdout, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


def write_json(data) -> None:
    sys.stdout.write(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() + "\n")


def print_table(header: list[str], rows: list[list]) -> None:
    """Columns padded to their widest cell; numbers right-aligned."""
    cells = [header] + [["" if v is None else str(v) for v in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    numeric = [all(isinstance(row[i], int | float) for row in rows) for i in range(len(header))]
    for row in cells:
        parts = [
            v.rjust(w) if num else v.ljust(w)
            for v, w, num in zip(row, widths, numeric, strict=True)
        ]
        print("  ".join(parts).rstrip())


def stats(args: argparse.Namespace) -> int:
    from .commands import _workspace

    if args.by is None:
        if args.csv or args.label:
            raise AnnotatorError("--csv and --label go with --by (see annotator stats --help)")
        with _workspace(args) as ws:
            return _overview(ws, args)
    keys = [k.strip().lower() for k in args.by.split(",") if k.strip()]
    with _workspace(args) as ws:
        if keys == [ACTOR]:
            return _quoted(ws, args)
        if ACTOR in keys:
            raise AnnotatorError("--by actor stands alone (the actors most quoted)")
        table = ws.analysis.stats(keys, labels=args.label)
    from ..analysis.table_out import stats_rows

    rows = stats_rows(table)
    columns = [*table.by, "spans", "documents", "words", "per_1000_words"]
    if args.json:
        write_json({"by": list(table.by), "spans": table.spans, "words": table.words, "rows": rows})
    elif args.csv:
        write_csv(rows, columns)
    else:
        print_table(columns, [[r[c] for c in columns] for r in rows])
    return 0


def _quoted(ws, args: argparse.Namespace) -> int:
    from ..analysis.table_out import quoted_rows

    rows = quoted_rows(ws.analysis.most_quoted(), QUOTED_ROLES)
    columns = ["actor_id", "actor", "kind", *QUOTED_ROLES, "total"]
    if args.json:
        write_json(rows)
    elif args.csv:
        write_csv(rows, columns)
    else:
        shown = ["actor", "kind", *QUOTED_ROLES, "total"]
        print_table(shown, [[r[c] for c in shown] for r in rows])
    return 0


def _overview(ws, args: argparse.Namespace) -> int:
    result = ws.documents.stats()
    if args.json:
        write_json(
            {
                "documents": result.documents,
                "spans": result.spans,
                "spans_per_label": result.spans_per_label,
                "documents_per_outlet": result.documents_per_outlet,
                "spans_per_outlet": result.spans_per_outlet,
            }
        )
        return 0
    print(f"documents  {result.documents}")
    print(f"spans      {result.spans}")
    print("\nspans per label")
    width = max((len(k) for k in result.spans_per_label), default=5)
    for key, count in result.spans_per_label.items():
        print(f"  {key:<{width}}  {count:>8}")
    print("\ndocuments and spans per outlet")
    width = max((len(k) for k in result.documents_per_outlet), default=6)
    for outlet, count in result.documents_per_outlet.items():
        spans = result.spans_per_outlet.get(outlet, 0)
        print(f"  {outlet:<{width}}  {count:>6} docs  {spans:>8} spans")
    return 0
