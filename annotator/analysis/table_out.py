"""The analysis tables as JSON-ready dicts and as flat rows (one CSV line an account or a
statistics row): for the command line, and for any view that exports what it shows."""

from __future__ import annotations

import datetime as dt
from dataclasses import fields, is_dataclass
from typing import Any

from ..services.records import LinkRecord
from .records import FIGURES, EventTable, QuoteCell
from .stats import QuotedActor, StatsTable


def _date(value) -> str | None:
    return value.isoformat() if value is not None else None


def plain(value: Any) -> Any:
    """A record as JSON-ready values: dataclasses as dicts of their fields, tuples as lists,
    dates and times as ISO 8601 text."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dt.date):  # datetimes too
        return value.isoformat()
    return value


def event_table_json(table: EventTable) -> dict[str, Any]:
    """The table as JSON: its fields, each account's links as link ids (the links are in
    ``links``), each discrepancy with its ``spread``."""
    out = plain(table)
    for account, item in zip(table.accounts, out["accounts"], strict=True):
        item["links"] = [link.id for link in account.links]
    for name, d in table.discrepancies.items():
        out["discrepancies"][name]["spread"] = d.spread
    return out


ACCOUNT_COLUMNS = (
    "event_id", "event", "document_id", "outlet", "alignment", "published", "title",
    *(f"{f}_{part}" for f in FIGURES for part in ("low", "best", "high", "span")),
    "sources", "who", "side_affected", "blamed", "claims", "denials", "links",
)  # fmt: skip


def _names(cells) -> str:
    return "; ".join(c.name for c in cells)


def _claim_text(cell: QuoteCell) -> str:
    return f"[{cell.verification or 'unverified'}] {cell.quote}"


def _link_text(link: LinkRecord, document_id: str) -> str:
    if link.source_document_id == document_id:
        return f"{link.kind} -> {link.target_document_id}"
    return f"{link.kind} <- {link.source_document_id}"


def account_rows(tables: list[EventTable]) -> list[dict[str, Any]]:
    """One flat row an account (``ACCOUNT_COLUMNS``); several values joined by ``; ``,
    a figure as its low, best, high and the span id of its best."""
    rows = []
    for table in tables:
        for a in table.accounts:
            row: dict[str, Any] = {
                "event_id": table.event_id,
                "event": table.name,
                "document_id": a.document_id,
                "outlet": a.outlet or "",
                "alignment": a.alignment or "",
                "published": _date(a.published) or "",
                "title": a.title,
            }
            for name in FIGURES:
                fig = a.figures.get(name)
                row[f"{name}_low"] = fig.low if fig else None
                row[f"{name}_best"] = fig.best if fig else None
                row[f"{name}_high"] = fig.high if fig else None
                row[f"{name}_span"] = fig.span_id if fig else None
            row["sources"] = _names(a.sources)
            row["who"] = "; ".join(c.value for c in a.who)
            row["side_affected"] = _names(a.side_affected)
            row["blamed"] = _names(a.blamed)
            row["claims"] = "; ".join(_claim_text(c) for c in a.claims if not c.denial)
            row["denials"] = "; ".join(_claim_text(c) for c in a.denials)
            row["links"] = "; ".join(_link_text(link, a.document_id) for link in a.links)
            rows.append(row)
    return rows


def stats_rows(table: StatsTable) -> list[dict[str, Any]]:
    """One flat row a statistics row: its keys, spans, documents, words, per 1,000 words
    (rounded to 3 decimals; None without words)."""
    out = []
    for row in table.rows:
        item: dict[str, Any] = dict(zip(table.by, row.keys, strict=True))
        per = row.per_1000_words
        item.update(
            spans=row.spans,
            documents=row.documents,
            words=row.words,
            per_1000_words=round(per, 3) if per is not None else None,
        )
        out.append(item)
    return out


def quoted_rows(actors: list[QuotedActor], roles) -> list[dict[str, Any]]:
    return [
        {
            "actor_id": q.actor_id,
            "actor": q.name,
            "kind": q.kind,
            **{role: q.roles.get(role, 0) for role in roles},
            "total": q.total,
        }
        for q in actors
    ]
