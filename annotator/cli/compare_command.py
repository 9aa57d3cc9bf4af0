"""``annotator events [--event ID] [--json|--csv]``: the event comparison table
(annotator.analysis.event_table), an account a document, as text, JSON or CSV."""

from __future__ import annotations

import argparse

from .stats_command import print_table, write_csv, write_json


def add_table_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--event", metavar="ID", help="only this event (id, or name when it names one event)"
    )
    out = parser.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print JSON (span ids behind every cell)")
    out.add_argument("--csv", action="store_true", help="print CSV: a line an account")


def events_table(args: argparse.Namespace) -> int:
    from ..analysis.table_out import ACCOUNT_COLUMNS, account_rows, event_table_json
    from .commands import _workspace

    with _workspace(args) as ws:
        if args.event:
            tables = [ws.analysis.event_table(args.event)]
        else:
            tables = [t for t in ws.analysis.event_tables() if t.accounts]
    if args.json:
        write_json({"events": [event_table_json(t) for t in tables]})
    elif args.csv:
        write_csv(account_rows(tables), ACCOUNT_COLUMNS)
    else:
        for i, table in enumerate(tables):
            if i:
                print()
            _print_event(table)
    return 0


SHOWN = ("published", "outlet", "alignment", "killed", "wounded", "missing", "sources", "who")


def _print_event(table) -> None:
    where = ", ".join(str(v) for v in (table.date, table.place) if v)
    print(f"{table.name}" + (f" ({where})" if where else "") + f"  [{table.event_id}]")
    print(f"{len(table.accounts)} account(s), {len(table.links)} link(s) between them")
    rows = []
    for a in table.accounts:
        figures = [a.figures[f].text() if f in a.figures else "" for f in SHOWN[3:6]]
        rows.append(
            [
                a.published.isoformat() if a.published else "",
                a.outlet or "",
                a.alignment or "",
                *figures,
                "; ".join(c.name for c in a.sources),
                "; ".join(c.value for c in a.who),
                "; ".join(c.name for c in a.blamed),
                f"{len(a.claims) - len(a.denials)}/{len(a.denials)}",
            ]
        )
    print_table([*SHOWN, "blamed", "claims/denials"], rows)
    for name, d in table.discrepancies.items():
        print(f"{name}: best {d.min_best} to {d.max_best} across {d.accounts} account(s)")
    outlets = {a.document_id: a.outlet or a.title for a in table.accounts}
    for link in table.links:
        print(
            f"  {outlets.get(link.source_document_id)} {link.kind} "
            f"{outlets.get(link.target_document_id)}: “{link.source_quote}”"
        )
