"""The database side of search: which documents may hold a hit, and the spans that pass the
span filters. A superset is fine: ``services.search`` decides each hit in Python.

SQLite matches the FTS5 tables of migration 0008 (``search_document``, ``search_span``, joined
by rowid); PostgreSQL the GIN-indexed ``search_vector`` columns.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, Text, and_, cast, false, or_, select, text, union
from sqlalchemy.sql.elements import ColumnElement

from ..storage.models import Annotation, Document, DocumentCollection, Label, Outlet
from .search_query import Node, to_fts5, to_tsquery

PG_DOCUMENT = "document.search_vector"  # stored generated tsvector columns (migration 0008)
PG_SPAN = "annotation.search_vector"


@dataclass(frozen=True)
class ResolvedFilters:
    """Filters as ids (``SearchService`` resolves names and reports unknown ones)."""

    label_ids: tuple[int, ...] = ()
    fields: tuple[tuple[str, str], ...] = ()
    actor_ids: tuple[str, ...] = ()
    event_ids: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    outlet_ids: tuple[int, ...] = ()
    alignment_ids: tuple[int, ...] = ()
    collection_ids: tuple[int, ...] = ()
    published_from: dt.date | None = None
    published_to: dt.date | None = None

    @property
    def on_spans(self) -> bool:
        return bool(
            self.label_ids or self.fields or self.actor_ids or self.event_ids or self.authors
        )


def _like_any(values: tuple[str, ...]) -> ColumnElement[bool]:
    text_ = cast(Annotation.attributes, Text)
    return or_(*(text_.like(f"%{v}%") for v in values))


def span_conditions(f: ResolvedFilters) -> list[ColumnElement[bool]]:
    """Conditions on ``annotation`` for the span filters (references and field values are
    only narrowed by a LIKE here; Python checks them exactly)."""
    out: list[ColumnElement[bool]] = []
    if f.label_ids:
        out.append(Annotation.label_id.in_(f.label_ids))
    if f.authors:
        out.append(Annotation.author.in_(f.authors))
    if f.actor_ids:
        out.append(_like_any(f.actor_ids))
    if f.event_ids:
        out.append(_like_any(f.event_ids))
    for _name, value in f.fields:
        if value.isascii() and not any(c in value for c in "%_\\\"'"):
            out.append(cast(Annotation.attributes, Text).like(f"%{value}%"))
    return out


def document_conditions(f: ResolvedFilters) -> list[ColumnElement[bool]]:
    out: list[ColumnElement[bool]] = []
    if f.outlet_ids:
        out.append(Document.outlet_id.in_(f.outlet_ids))
    if f.alignment_ids:
        out.append(
            Document.outlet_id.in_(
                select(Outlet.id).where(Outlet.alignment_id.in_(f.alignment_ids))
            )
        )
    if f.collection_ids:
        out.append(
            Document.id.in_(
                select(DocumentCollection.document_id).where(
                    DocumentCollection.collection_id.in_(f.collection_ids)
                )
            )
        )
    if f.published_from is not None:
        out.append(Document.published >= f.published_from)
    if f.published_to is not None:
        out.append(Document.published <= f.published_to)
    return out


def candidates(dialect: str, node: Node, f: ResolvedFilters) -> Select:
    """The ids of the documents whose text or spans may match, newest published first
    (undated last), then by id: the same order on both backends."""
    spans = span_conditions(f)
    if dialect == "sqlite":
        q = to_fts5(node)
        text_match = text(
            "document.rowid IN (SELECT rowid FROM search_document WHERE search_document MATCH :q)"
        ).bindparams(q=q)
        span_match = text(
            "annotation.rowid IN (SELECT rowid FROM search_span WHERE search_span MATCH :q)"
        ).bindparams(q=q)
    else:
        q = to_tsquery(node)
        text_match = text(f"{PG_DOCUMENT} @@ to_tsquery('simple', :q)").bindparams(q=q)
        span_match = text(f"{PG_SPAN} @@ to_tsquery('simple', :q)").bindparams(q=q)
    in_text: ColumnElement[bool] = text_match  # type: ignore[assignment]
    if spans:
        eligible = select(Annotation.document_id).where(*spans)
        in_text = and_(text_match, Document.id.in_(eligible))
    in_spans = Document.id.in_(select(Annotation.document_id).where(span_match, *spans))
    docs = document_conditions(f)
    if dialect == "sqlite":  # one pass over the rowids FTS5 gives: faster than a UNION here
        found = select(Document.id, Document.published).where(or_(in_text, in_spans), *docs)
    else:  # a UNION, not an OR: an OR keeps PostgreSQL from using either GIN index
        found = union(
            select(Document.id, Document.published).where(in_text, *docs),
            select(Document.id, Document.published).where(in_spans, *docs),
        )
    sub = found.subquery()
    return select(sub.c.id).order_by(sub.c.published.is_(None), sub.c.published.desc(), sub.c.id)


def eligible_spans(document_ids: list[str], f: ResolvedFilters) -> Select:
    """The spans of these documents that pass the span filters' SQL part."""
    a = Annotation
    columns = (a.id, a.document_id, a.start, a.end, a.quote, a.note, a.attributes, Label.key)
    return (
        select(*columns)
        .join(Label, Label.id == Annotation.label_id)
        .where(Annotation.document_id.in_(document_ids) if document_ids else false())
        .where(*span_conditions(f))
        .order_by(Annotation.document_id, Annotation.start, Annotation.end, Annotation.id)
    )
