"""The analysis tables as JSON-ready dicts and as flat rows (one CSV line an account or a
statistics row): for the command line, and for any view that exports what it shows."""

from __future__ import annotations

from typing import Any

from ..services.records import LinkRecord
from .records import FIGURES, Account, ActorCell, EventTable, Figure, QuoteCell
from .stats import QuotedActor, StatsTable


def _date(value) -> str | None:
    return value.isoformat() if value is not None else None


def _figure(fig: Figure) -> dict[str, Any]:
    return {
        "low": fig.low,
        "best": fig.best,
        "high": fig.high,
        "span_id": fig.span_id,
        "span_ids": list(fig.span_ids),
    }


def _actor(cell: ActorCell | None) -> dict[str, Any] | None:
    if cell is None:
        return None
    return {"actor_id": cell.actor_id, "name": cell.name, "span_ids": list(cell.span_ids)}


def _quote(cell: QuoteCell) -> dict[str, Any]:
    return {
        "span_id": cell.span_id,
        "label": cell.label,
        "quote": cell.quote,
        "verification": cell.verification,
        "denial": cell.denial,
        "actor": _actor(cell.actor),
    }


def link_json(link: LinkRecord) -> dict[str, Any]:
    return {
        "id": link.id,
        "kind": link.kind,
        "source_span_id": link.source_id,
        "source_document_id": link.source_document_id,
        "source_quote": link.source_quote,
        "target_span_id": link.target_id,
        "target_document_id": link.target_document_id,
        "target_quote": link.target_quote,
        "note": link.note,
    }


def account_json(account: Account) -> dict[str, Any]:
    return {
        "document_id": account.document_id,
        "title": account.title,
        "outlet": account.outlet,
        "alignment": account.alignment,
        "published": _date(account.published),
        "figures": {name: _figure(f) for name, f in account.figures.items()},
        "sources": [_actor(c) for c in account.sources],
        "who": [{"value": c.value, "span_ids": list(c.span_ids)} for c in account.who],
        "side_affected": [_actor(c) for c in account.side_affected],
        "blamed": [_actor(c) for c in account.blamed],
        "claims": [_quote(c) for c in account.claims],
        "statements": [_quote(c) for c in account.statements],
        "reports": list(account.reports),
        "links": [link.id for link in account.links],
    }


def event_table_json(table: EventTable) -> dict[str, Any]:
    return {
        "event_id": table.event_id,
        "name": table.name,
        "date": _date(table.date),
        "place": table.place,
        "accounts": [account_json(a) for a in table.accounts],
        "links": [link_json(link) for link in table.links],
        "discrepancies": {
            name: {
                "accounts": d.accounts,
                "min_best": d.min_best,
                "max_best": d.max_best,
                "spread": d.spread,
                "min_document_id": d.min_document_id,
                "max_document_id": d.max_document_id,
                "min_span_id": d.min_span_id,
                "max_span_id": d.max_span_id,
            }
            for name, d in table.discrepancies.items()
        },
    }


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
