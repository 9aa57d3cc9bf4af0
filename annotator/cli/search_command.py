"""``annotator search QUERY [filters] [--json] [--limit N]``: one hit a line (document id,
title, start, end in code points, the hit in context)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import TYPE_CHECKING

import orjson

from ..errors import ValidationError

if TYPE_CHECKING:  # the services load when the command runs, not with the parser
    from ..services.search import SearchFilters, SearchHit

HELP = """\
query: words (all must occur), "a phrase", prefix*, OR, NOT word or -word, parentheses.
Case and accents are ignored: Vardane finds Vardanë.
examples:
  annotator search 'vardane shell*' --label casualty_report
  annotator search '"drone strike" -drill' --field verification=disputed --from 2020-09-27
"""


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "search",
        help="search document text, span quotes and notes",
        description="Search document text, span quotes and span notes.",
        epilog=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("query", metavar="QUERY")
    many = {"action": "append", "default": []}
    p.add_argument("--label", metavar="KEY", **many, help="hits inside spans of this label")
    p.add_argument(
        "--field", metavar="NAME=VALUE", **many, help="spans with this field value (who=civilian)"
    )
    p.add_argument("--actor", metavar="NAME", **many, help="spans referring to this actor")
    p.add_argument("--event", metavar="NAME", **many, help="spans referring to this event")
    p.add_argument("--author", metavar="NAME", **many, help="spans by this author")
    p.add_argument("--outlet", metavar="NAME", **many, help="documents of this outlet")
    p.add_argument("--alignment", metavar="NAME", **many, help="documents of outlets so aligned")
    p.add_argument("--collection", metavar="NAME", **many, help="documents in this collection")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="published on or after")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="published on or before")
    p.add_argument("--limit", type=int, default=50, metavar="N", help="at most N hits (50)")
    p.add_argument("--json", action="store_true", help="one JSON object a line")
    p.set_defaults(run=run)


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValidationError(f"{option} {value!r}: not a date (YYYY-MM-DD)") from None


def _field(value: str) -> tuple[str, str]:
    name, sep, wanted = value.partition("=")
    if not sep or not name.strip():
        raise ValidationError(f"--field {value!r}: give NAME=VALUE (e.g. who=civilian)")
    return name.strip(), wanted.strip()


def filters_from(args: argparse.Namespace) -> SearchFilters:
    from ..services.search import SearchFilters

    return SearchFilters(
        labels=tuple(args.label),
        fields=tuple(_field(v) for v in args.field),
        actors=tuple(args.actor),
        events=tuple(args.event),
        authors=tuple(args.author),
        outlets=tuple(args.outlet),
        alignments=tuple(args.alignment),
        collections=tuple(args.collection),
        published_from=_date(args.date_from, "--from"),
        published_to=_date(args.date_to, "--to"),
    )


def _line(hit: SearchHit) -> str:
    a, b = hit.mark
    shown = f"{hit.snippet[:a]}[{hit.snippet[a:b]}]{hit.snippet[b:]}"
    where = "" if hit.kind == "text" else f" ({hit.kind} of span {hit.span_id})"
    return f"{hit.document_id}\t{hit.title}\t{hit.start}\t{hit.end}\t{shown}{where}"


def _json(hit: SearchHit) -> bytes:
    keys = ("document_id", "title", "kind", "start", "end", "snippet", "mark", "span_id", "spans")
    return orjson.dumps({k: getattr(hit, k) for k in (*keys, "label")})


def run(args: argparse.Namespace) -> int:
    from .commands import _workspace

    filters = filters_from(args)
    with _workspace(args) as ws:
        result = ws.search.search(args.query, filters, limit=args.limit)
    out = sys.stdout
    for hit in result.hits:
        out.write((_json(hit).decode() if args.json else _line(hit)) + "\n")
    if result.more:
        print(f"(more than {args.limit} hits; --limit N shows more)", file=sys.stderr)
    elif not result.hits:
        print("no hits", file=sys.stderr)
    return 0
