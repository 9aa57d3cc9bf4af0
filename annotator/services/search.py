"""Search the corpus: document text, span quotes and span notes, with filters.

>>> result = ws.search.search('Vardane "shelling of" -drill', SearchFilters(labels=("claim",)))
>>> for doc_id, title, hits in result.by_document(): ...

The database (``search_sql``: FTS5 on SQLite, tsvector/GIN on PostgreSQL) narrows the
documents; Python (``search_query.matches`` over ``search_text.Folded``) decides each hit and
gives its code-point offsets, so both backends return the same hits. A hit is a *text* hit
(matched words of the document text) or a *quote*/*note* hit (a span whose quote or note
matches). Span filters (label, field value, actor, event, span author) keep a text hit only
inside a span that passes them, and only such spans' quote/note hits.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import ValidationError
from ..storage.models import Document
from . import search_sql
from .actors import find_actor
from .collections import find_collection
from .events import find_event
from .labels import label_by_key
from .outlets import find_alignment, find_outlet
from .references import referenced_ids
from .search_query import Node, matches, parse
from .search_text import Folded, snippet
from .store import Store

DEFAULT_LIMIT = 50
DOCUMENT_BATCH = 16  # documents read (text and spans) at a time while collecting hits
FIRST_PAGE = 64  # candidate documents asked for first (then 4 times as many each time)


@dataclass(frozen=True)
class SearchFilters:
    """What a hit must also satisfy. Several values of one filter: any of them; several
    filters: all. Names as the user types them (label keys; outlet, alignment, collection,
    actor and event names or ids); ``fields``: (field name, value) pairs."""

    labels: tuple[str, ...] = ()
    fields: tuple[tuple[str, str], ...] = ()
    actors: tuple[str, ...] = ()
    events: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    alignments: tuple[str, ...] = ()
    collections: tuple[str, ...] = ()
    published_from: dt.date | None = None
    published_to: dt.date | None = None


@dataclass(frozen=True)
class SearchHit:
    """One hit. ``start``/``end``: code points into the document's text (a note hit: its
    span's). ``snippet``: the hit in context, on one line, ``mark`` where the hit is in it.
    ``span_id``: the span of a quote/note hit, or the first filtered span holding a text hit;
    ``spans``: every span (passing the span filters) that overlaps the hit."""

    document_id: str
    title: str
    kind: str  # "text" | "quote" | "note"
    start: int
    end: int
    snippet: str
    mark: tuple[int, int]
    span_id: str | None = None
    spans: tuple[str, ...] = ()
    label: str | None = None


@dataclass
class SearchResult:
    query: str
    hits: list[SearchHit] = field(default_factory=list)
    more: bool = False  # more hits than the limit

    def by_document(self) -> list[tuple[str, str, list[SearchHit]]]:
        """(document id, title, its hits), in result order."""
        groups: dict[str, list[SearchHit]] = {}
        for hit in self.hits:
            groups.setdefault(hit.document_id, []).append(hit)
        return [(d, hits[0].title, hits) for d, hits in groups.items()]


@dataclass(frozen=True)
class _Span:
    id: str
    start: int
    end: int
    quote: str
    note: str
    attributes: Any
    label: str


def _field_text(value: Any) -> list[str]:
    if isinstance(value, bool):
        return ["true" if value else "false"]
    if isinstance(value, list):
        return [t for item in value for t in _field_text(item)]
    if isinstance(value, dict):
        return []
    return [] if value is None else [str(value)]


class SearchService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def search(
        self, query: str, filters: SearchFilters | None = None, *, limit: int = DEFAULT_LIMIT
    ) -> SearchResult:
        """The first ``limit`` hits of ``query`` (see ``search_query`` for the syntax)."""
        if limit < 1:
            raise ValidationError(f"search limit must be at least 1, not {limit}")
        node = parse(query)
        result = SearchResult(query)
        with self._store.sessions() as session:
            f = _resolve(session, filters or SearchFilters())
            stmt = search_sql.candidates(session.get_bind().dialect.name, node, f)
            seen, page = 0, FIRST_PAGE
            while True:  # pages of candidates: the first is usually enough for `limit` hits
                ids = list(session.execute(stmt.limit(page).offset(seen)).scalars())
                for at in range(0, len(ids), DOCUMENT_BATCH):
                    batch = ids[at : at + DOCUMENT_BATCH]
                    for doc_id, title, text_, spans in _documents(session, batch, f):
                        result.hits += _document_hits(node, f, doc_id, title, text_, spans)
                        if len(result.hits) > limit:
                            del result.hits[limit:]
                            result.more = True
                            return result
                if len(ids) < page:
                    return result
                seen, page = seen + page, page * 4


def _resolve(session: Session, f: SearchFilters) -> search_sql.ResolvedFilters:
    """Names to ids; an unknown name is a ValidationError/NotFoundError naming it."""
    for name, _value in f.fields:
        if not name.strip():
            raise ValidationError("search filter field=value: the field name is empty")
    if f.published_from and f.published_to and f.published_from > f.published_to:
        raise ValidationError(
            f"search filter published: from {f.published_from} is after to {f.published_to}"
        )
    return search_sql.ResolvedFilters(
        label_ids=tuple(label_by_key(session, k).id for k in f.labels),
        fields=tuple((n.strip(), v) for n, v in f.fields),
        actor_ids=tuple(find_actor(session, a).id for a in f.actors),
        event_ids=tuple(find_event(session, e).id for e in f.events),
        authors=tuple(f.authors),
        outlet_ids=tuple(find_outlet(session, o).id for o in f.outlets),
        alignment_ids=tuple(find_alignment(session, a).id for a in f.alignments),
        collection_ids=tuple(find_collection(session, c).id for c in f.collections),
        published_from=f.published_from,
        published_to=f.published_to,
    )


def _documents(session: Session, ids: list[str], f: search_sql.ResolvedFilters):
    """(id, title, text, eligible spans) of ``ids``, in the order given."""
    rows = {
        r.id: r
        for r in session.execute(
            select(Document.id, Document.title, Document.text).where(Document.id.in_(ids))
        )
    }
    spans: dict[str, list[_Span]] = defaultdict(list)
    for r in session.execute(search_sql.eligible_spans(ids, f)):
        span = _Span(r.id, r.start, r.end, r.quote, r.note or "", r.attributes, r.key)
        if _passes(span, f):
            spans[r.document_id].append(span)
    for doc_id in ids:
        row = rows.get(doc_id)
        if row is not None:
            yield doc_id, row.title, row.text, spans.get(doc_id, [])


def _passes(span: _Span, f: search_sql.ResolvedFilters) -> bool:
    """The exact check of the filters ``span_conditions`` only narrows (LIKE)."""
    if f.actor_ids or f.event_ids:
        refs = referenced_ids(span.attributes)
        if f.actor_ids and not any(k == "actor" and i in f.actor_ids for k, i in refs):
            return False
        if f.event_ids and not any(k == "event" and i in f.event_ids for k, i in refs):
            return False
    wanted: dict[str, set[str]] = defaultdict(set)
    for name, value in f.fields:
        wanted[name].add(value.strip().casefold())
    attrs = span.attributes if isinstance(span.attributes, dict) else {}
    for name, values in wanted.items():
        have = {t.strip().casefold() for t in _field_text(attrs.get(name))}
        if not have & values:
            return False
    return True


def _document_hits(
    node: Node,
    f: search_sql.ResolvedFilters,
    doc_id: str,
    title: str,
    text: str,
    spans: list[_Span],
) -> list[SearchHit]:
    hits = []
    for start, end in matches(node, Folded.of(text)) or ():
        over = [s for s in spans if s.start < end and start < s.end]
        if f.on_spans and not over:
            continue
        line, a, b = snippet(text, start, end)
        hits.append(
            SearchHit(
                doc_id,
                title,
                "text",
                start,
                end,
                line,
                (a, b),
                over[0].id if over else None,
                tuple(s.id for s in over),
                over[0].label if over else None,
            )
        )
    for span in spans:
        for kind, value in (("quote", span.quote), ("note", span.note)):
            found = matches(node, Folded.of(value)) if value else None
            if not found:
                continue
            a0, b0 = found[0]
            line, a, b = snippet(value, a0, b0)
            start, end = (
                (span.start + a0, span.start + b0) if kind == "quote" else (span.start, span.end)
            )
            hits.append(
                SearchHit(
                    doc_id, title, kind, start, end, line, (a, b), span.id, (span.id,), span.label
                )
            )
    hits.sort(key=lambda h: (h.start, h.kind != "text", h.end, h.span_id or ""))
    return hits
