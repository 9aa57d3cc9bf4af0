"""The event comparison table: for an event, one row (an :class:`Account`) per document with
spans that refer to it, side by side: outlet and its alignment, published date, the figures
given (killed, wounded, missing, captured: low–best–high), their sources, who was hit, who is
blamed, the claims and denials, and the links between the accounts.

**Which spans.** A span belongs to an event's account in its document when its attributes
refer to the event (``{"event": id}``, any field; ``services.references``). What a span
brings depends on its fields: estimates (``killed`` ...), ``who``, ``side_affected``,
``perpetrator``, ``source`` from a casualty report; ``verification`` and ``denial`` make a
span a claim (``claimant`` its actor); ``speaker`` a statement.

**Combining several reports of one document** (:func:`combine`), per figure: best is the
highest best any report gives (its span is the cell's span); the range is the widest, from
the lowest of the reports' lows to the highest of their highs, where a report that gives no
low (high) counts with its best; an end a report leaves open (``at least 12``: low 12, no
best, no high) stays open. So reports of 9 and of 12 make ``12 (9–12)``.

The spans are read in one query (attributes as JSON text, parsed with orjson; the
candidates found by a ``LIKE`` on the text, as references are), the links in one more.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

import orjson
from sqlalchemy import Text, cast, select
from sqlalchemy.orm import Session

from ..evidence.fields import parse_schema
from ..gc_pause import gc_paused
from ..services.links import link_record, select_links
from ..services.records import LinkRecord
from ..storage.models import Actor, Alignment, Annotation, Document, Event, Label, Outlet
from .records import (
    FIGURES,
    Account,
    ActorCell,
    ChoiceCell,
    Discrepancy,
    EventTable,
    Figure,
    QuoteCell,
)

OUTLET_ITSELF = "the outlet itself"


def combine(reports: Iterable[tuple[str, dict[str, Any] | None]]) -> Figure | None:
    """One figure from several reports' estimates, ``(span id, {"low", "best", "high"})`` in
    text order (None or {}: not given). Best: the highest best (its span is the figure's
    span). The range: the widest, from the lowest end to the highest, where a report's ends
    are its low and high, or its best where it gives none; an end any report leaves open
    (``at least 12``: a low and no high, no best) stays open (None). None when no report
    gives a part."""
    ids: list[str] = []
    best = best_id = low = high = None
    open_low = open_high = False
    for span_id, est in reports:
        if type(est) is not dict:
            continue
        lo, b, hi = est.get("low"), est.get("best"), est.get("high")
        if lo is None and b is None and hi is None:
            continue
        ids.append(span_id)
        if b is not None and (best is None or b > best):
            best, best_id = b, span_id
        lo = b if lo is None else lo
        hi = b if hi is None else hi
        if lo is None:
            open_low = True
        elif low is None or lo < low:
            low = lo
        if hi is None:
            open_high = True
        elif high is None or hi > high:
            high = hi
    if not ids:
        return None
    return Figure(
        None if open_low else low,
        best,
        None if open_high else high,
        best_id or ids[0],
        tuple(ids),
    )


def _ids(value: Any, kind: str) -> list[str]:
    """The ids of ``kind`` a field's value refers to (``{kind: id}`` at any depth, as
    ``services.references`` reads them, for one kind)."""
    t = type(value)
    if t is dict:
        ref = value.get(kind)
        out = [ref] if type(ref) is str else []
        for item in value.values():
            if type(item) is dict or type(item) is list:
                out.extend(_ids(item, kind))
        return out
    if t is list:
        out = []
        for item in value:
            out.extend(_ids(item, kind))
        return out
    return []


def _event_ids(attributes: dict[str, Any]) -> list[str]:
    out: list[str] = []
    for value in attributes.values():
        if type(value) is dict or type(value) is list:
            out.extend(_ids(value, "event"))
    return list(dict.fromkeys(out)) if len(out) > 1 else out


def _actor_ids(value: Any) -> list[str]:
    return _ids(value, "actor")


class _Builder:
    """Collects one account's cells while its spans are read (in text order)."""

    def __init__(self, names: dict[str, str]) -> None:
        self.names = names
        self.spans: list[str] = []
        self.reports: list[str] = []
        self.figures: dict[str, list[tuple[str, Any]]] = {}  # figure -> (span id, estimate)
        # (span id, label, quote, start, verification, denial, actor id): cells in build()
        self.claims: list[tuple] = []
        self.statements: list[tuple] = []
        self.cells: dict[str, dict[Any, list[str]]] = defaultdict(dict)

    def _add(self, field: str, key: Any, span_id: str) -> None:
        self.cells[field].setdefault(key, []).append(span_id)

    def actor(self, actor_id: str | None, outlet: str | None) -> ActorCell:
        if actor_id is None:
            return ActorCell(None, outlet or OUTLET_ITSELF, ())
        return ActorCell(actor_id, self.names.get(actor_id, f"(unknown actor {actor_id})"), ())

    def span(self, span_id, label, quote, start, attrs, kinds: set[str]) -> None:
        self.spans.append(span_id)
        if "report" in kinds:
            self.reports.append(span_id)
            for name in FIGURES:
                est = attrs.get(name)
                if est:
                    self.figures.setdefault(name, []).append((span_id, est))
            for field in ("side_affected", "perpetrator"):
                for actor_id in _actor_ids(attrs.get(field)):
                    self._add(field, actor_id, span_id)
            sources = _actor_ids(attrs.get("source")) or [None]
            for actor_id in sources:
                self._add("source", actor_id, span_id)
            if isinstance(attrs.get("who"), str):
                self._add("who", attrs["who"], span_id)
        if "claim" in kinds:
            claimant = (_actor_ids(attrs.get("claimant")) or [None])[0]
            verification = attrs.get("verification")
            verification = verification if isinstance(verification, str) else None
            denial = attrs.get("denial") is True
            self.claims.append((span_id, label, quote, start, verification, denial, claimant))
        elif "statement" in kinds:
            speaker = (_actor_ids(attrs.get("speaker")) or [None])[0]
            self.statements.append((span_id, label, quote, start, None, False, speaker))

    def _actors(self, field: str, outlet: str | None) -> tuple[ActorCell, ...]:
        out = []
        for actor_id, ids in self.cells.get(field, {}).items():
            cell = self.actor(actor_id, outlet)
            out.append(ActorCell(cell.actor_id, cell.name, tuple(ids)))
        return tuple(out)

    def _quotes(self, pending: list[tuple], outlet: str | None, *, claims: bool):
        """Quote cells; a claim that names no claimant is the outlet's own."""
        out = []
        for span_id, label, quote, start, verification, denial, actor_id in pending:
            actor = None
            if actor_id is not None or claims:
                base = self.actor(actor_id, outlet)
                actor = ActorCell(base.actor_id, base.name, (span_id,))
            out.append(QuoteCell(span_id, label, quote, start, verification, denial, actor))
        return tuple(out)

    def build(self, doc: tuple) -> Account:
        document_id, title, published, outlet_id, outlet, alignment = doc
        figures = {}
        for name in FIGURES:
            fig = combine(self.figures[name]) if name in self.figures else None
            if fig is not None:
                figures[name] = fig
        return Account(
            document_id=document_id,
            title=title,
            outlet=outlet,
            outlet_id=outlet_id,
            alignment=alignment,
            published=published,
            figures=figures,
            sources=self._actors("source", outlet),
            who=tuple(ChoiceCell(v, tuple(ids)) for v, ids in self.cells.get("who", {}).items()),
            side_affected=self._actors("side_affected", outlet),
            blamed=self._actors("perpetrator", outlet),
            claims=self._quotes(self.claims, outlet, claims=True),
            statements=self._quotes(self.statements, outlet, claims=False),
            reports=tuple(self.reports),
            span_ids=tuple(self.spans),
        )


def _label_kinds(session: Session) -> dict[str, set[str]]:
    """Per label key, what its spans bring: report (estimates), claim, statement."""
    out = {}
    for key, fields in session.execute(select(Label.key, Label.fields)):
        schema = parse_schema(fields)
        kinds = set()
        if any(f.kind == "estimate" for f in schema):
            kinds.add("report")
        if schema.get("verification") or schema.get("denial"):
            kinds.add("claim")
        if schema.get("speaker"):
            kinds.add("statement")
        out[key] = kinds
    return out


def _discrepancies(accounts: Iterable[Account]) -> dict[str, Discrepancy]:
    out = {}
    for name in FIGURES:
        given = [
            (a.figures[name].best, a.document_id, a.figures[name].span_id)
            for a in accounts
            if name in a.figures and a.figures[name].best is not None
        ]
        if given:
            lo, hi = min(given, key=lambda g: g[0]), max(given, key=lambda g: g[0])
            out[name] = Discrepancy(name, len(given), lo[0], hi[0], lo[1], hi[1], lo[2], hi[2])
    return out


def event_tables(session: Session, event_id: str | None = None) -> list[EventTable]:
    """The comparison table of the event ``event_id`` (an id), or of every event that spans
    refer to (sorted by date, then name). Accounts are sorted by published date (undated
    last), outlet, title; an event no span refers to has no accounts."""
    with gc_paused():  # many short-lived objects, no cycles
        return _event_tables(session, event_id)


def _event_tables(session: Session, event_id: str | None) -> list[EventTable]:
    kinds = _label_kinds(session)
    names = dict(session.execute(select(Actor.id, Actor.name)).all())
    events = {
        e.id: e
        for e in session.scalars(
            select(Event) if event_id is None else select(Event).where(Event.id == event_id)
        )
    }
    pattern = f"%{event_id}%" if event_id is not None else '%"event"%'
    text = cast(Annotation.attributes, Text)
    stmt = (
        select(
            Annotation.id,
            Annotation.document_id,
            Annotation.start,
            Label.key,
            Annotation.quote,
            text,
        )
        .join(Label, Label.id == Annotation.label_id)
        .where(text.like(pattern))
        .order_by(Annotation.document_id, Annotation.start, Annotation.end, Annotation.id)
    )
    builders: dict[str, dict[str, _Builder]] = defaultdict(dict)  # event -> document -> ...
    span_event: dict[str, set[str]] = defaultdict(set)
    for span_id, document_id, start, label, quote, attrs_text in session.execute(stmt):
        attrs = orjson.loads(attrs_text) if isinstance(attrs_text, str) else attrs_text
        for ev in _event_ids(attrs):
            if ev not in events:
                continue
            builder = builders[ev].get(document_id)
            if builder is None:
                builder = builders[ev][document_id] = _Builder(names)
            builder.span(span_id, label, quote, start, attrs, kinds.get(label, set()))
            span_event[span_id].add(ev)
    docs = _documents(session, {d for per in builders.values() for d in per})
    links = _links(session, pattern, span_event)
    tables = []
    for ev in events.values():
        per_doc = builders.get(ev.id, {})
        accounts = [b.build(docs[d]) for d, b in per_doc.items()]
        ev_links = tuple(links.get(ev.id, ()))
        per_document = _links_by_document(ev_links)
        accounts = [
            replace(a, links=per_document[a.document_id]) if a.document_id in per_document else a
            for a in accounts
        ]
        accounts.sort(
            key=lambda a: (
                a.published is None,
                a.published or 0,
                (a.outlet or "").casefold(),
                a.title.casefold(),
                a.document_id,
            )
        )
        tables.append(
            EventTable(
                ev.id,
                ev.name,
                ev.date,
                ev.place,
                tuple(accounts),
                ev_links,
                _discrepancies(accounts),
            )
        )
    tables.sort(key=lambda t: (t.date is None, t.date or 0, t.name.casefold(), t.event_id))
    return tables


def _links_by_document(links: tuple[LinkRecord, ...]) -> dict[str, tuple[LinkRecord, ...]]:
    out: dict[str, list[LinkRecord]] = defaultdict(list)
    for link in links:
        out[link.source_document_id].append(link)
        out[link.target_document_id].append(link)
    return {doc: tuple(found) for doc, found in out.items()}


def _documents(session: Session, ids: set[str]) -> dict[str, tuple]:
    """(id, title, published, outlet id, outlet, alignment) of the documents ``ids``."""
    out: dict[str, tuple] = {}
    listed = sorted(ids)
    for i in range(0, len(listed), 500):
        stmt = (
            select(
                Document.id,
                Document.title,
                Document.published,
                Outlet.id,
                Outlet.name,
                Alignment.name,
            )
            .outerjoin(Outlet, Outlet.id == Document.outlet_id)
            .outerjoin(Alignment, Alignment.id == Outlet.alignment_id)
            .where(Document.id.in_(listed[i : i + 500]))
        )
        out.update((row[0], tuple(row)) for row in session.execute(stmt))
    return out


def _links(
    session: Session, pattern: str, span_event: dict[str, set[str]]
) -> dict[str, list[LinkRecord]]:
    """Per event, the links between two of its accounts (ends in different documents)."""
    stmt, src, dst = select_links()
    s_text, d_text = cast(src.attributes, Text), cast(dst.attributes, Text)
    stmt = stmt.where(s_text.like(pattern), d_text.like(pattern))
    out: dict[str, list[LinkRecord]] = defaultdict(list)
    for row in session.execute(stmt.order_by(src.document_id, src.start, src.id)):
        link = link_record(*row)
        if link.source_document_id == link.target_document_id:
            continue
        for ev in span_event.get(link.source_id, set()) & span_event.get(link.target_id, set()):
            out[ev].append(link)
    return out
