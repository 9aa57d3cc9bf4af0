"""Deleting documents and putting them back (undo of a deletion), from snapshots.

:func:`delete_documents` reads, before it deletes, everything :func:`restore_documents` needs
to put each document back as it was: its record (id, text, metadata, outlet, collections),
every span (same ids, labels, versions) and every link touching those spans (the database
deletes a span's links with it), links to spans of other documents included. The restore
puts the links back whose other end is there (a span of a document still stored, or of one
restored in the same command); the others are named in the change's description.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from ..errors import NotFoundError, ValidationError
from ..storage.models import (
    Annotation,
    Collection,
    Document,
    DocumentCollection,
    Label,
    LinkKind,
    Outlet,
    SpanLink,
)
from ..text.words import word_count
from ..wording import counted
from .annotations import to_record as annotation_record
from .changes import Change
from .collections import collection_ids_for
from .documents import DocumentService, _document_record, _short
from .labels import find_label
from .links import links_touching
from .outlets import outlet_for_name
from .records import DocumentRecord, DocumentSnapshot, LinkRecord
from .store import Store

BATCH = 500


def _what(verb: str, snapshots, spans: int, links: int = 0) -> str:
    what = (
        f"{verb} document '{_short(snapshots[0].document.title)}'"
        if len(snapshots) == 1
        else f"{verb} {len(snapshots)} documents"
    )
    parts = [counted(spans, "span")] + ([counted(links, "link")] if links else [])
    return f"{what} ({', '.join(parts)})"


def _unique(links: Iterable[LinkRecord]) -> tuple[LinkRecord, ...]:
    """Links by id, once each (a link between two deleted documents is in both snapshots)."""
    return tuple({link.id: link for link in links}.values())


def delete_documents(store: Store, document_ids: Iterable[str]) -> Change:
    """Delete documents with their spans, their spans' links and their place in collections;
    the change carries the ``snapshots`` and names the links in ``links_removed``."""
    ids = list(dict.fromkeys(document_ids))
    if not ids:
        raise ValidationError("no document to delete")
    snapshots = []
    with store.transaction() as session:
        for document_id in ids:
            doc = session.get(Document, document_id)
            if doc is None:
                raise NotFoundError(f"no document with id {document_id!r}")
            rows = session.execute(
                select(Annotation, Label.key)
                .join(Label)
                .where(Annotation.document_id == document_id)
                .order_by(Annotation.start, Annotation.end, Annotation.id)
            )
            spans = tuple(annotation_record(row, key) for row, key in rows)
            links = links_touching(session, [s.id for s in spans])
            snapshots.append(DocumentSnapshot(_document_record(session, doc), spans, links))
        session.expunge_all()
        for i in range(0, len(ids), BATCH):
            batch = ids[i : i + BATCH]
            session.execute(
                delete(DocumentCollection).where(DocumentCollection.document_id.in_(batch))
            )
            session.execute(delete(Annotation).where(Annotation.document_id.in_(batch)))
            session.execute(delete(Document).where(Document.id.in_(batch)))
    for document_id in ids:
        store.forget_document(document_id)
    links = _unique(link for snap in snapshots for link in snap.links)
    spans = sum(len(s.spans) for s in snapshots)
    return store.publish(
        Change(
            _what("delete", snapshots, spans, len(links)),
            documents_removed=tuple(ids),
            snapshots=tuple(snapshots),
            links_removed=links,
        )
    )


def restore_documents(store: Store, snapshots: tuple[DocumentSnapshot, ...]) -> Change:
    """Put deleted documents back exactly as they were: same id, text, metadata, import time
    and spans (same ids, labels, notes, authors, times and versions). Their outlet and
    collections are the same ones when they still exist, else made again by name. Refused
    when the id is taken or the same text was imported again meanwhile. Then the links of
    their spans whose other end is there, in the same transaction; the change names those
    in ``links_added`` and the others in its description."""
    if not snapshots:
        raise ValidationError("no document to restore")
    outlets_added, collections_added = [], []
    with store.transaction() as session:
        for snap in snapshots:
            _restore_document(session, snap.document, outlets_added)
            _restore_spans(session, snap.document, snap.spans)
            collections_added.extend(_restore_collections(session, snap.document))
        back, dropped = _restore_links(session, _unique(k for s in snapshots for k in s.links))
        ids = {link.id for link in back}
        ends = {end for link in back for end in (link.source_id, link.target_id)}
        links = tuple(link for link in links_touching(session, ends) if link.id in ids)
    what = _what("restore", snapshots, sum(len(s.spans) for s in snapshots), len(links))
    if dropped:
        named = "; ".join(
            f"'{link.kind}' {_quote(link.source_quote)} -> {_quote(link.target_quote)}"
            for link in dropped[:3]
        )
        more = f" and {len(dropped) - 3} more" if len(dropped) > 3 else ""
        what += (
            f"; {counted(len(dropped), 'link')} not back, the span at the other end is gone: "
            f"{named}{more}"
        )
    return store.publish(
        Change(
            what,
            documents_added=tuple(s.id for s in snapshots),
            outlets_added=tuple(outlets_added),
            collections_added=tuple(collections_added),
            links_added=links,
        )
    )


def _quote(text: str, size: int = 30) -> str:
    return f"“{_short(' '.join(text.split()), size)}”"


def _restore_document(session: Session, rec: DocumentRecord, outlets_added: list) -> None:
    if session.get(Document, rec.id) is not None:
        raise ValidationError(f"document {rec.id} exists already")
    twin = session.scalar(select(Document.id).where(Document.sha256 == rec.sha256))
    if twin is not None:
        raise ValidationError(
            f"document '{_short(rec.title)}' cannot come back: the same text was "
            f"imported again meanwhile (document {twin}); delete that one first"
        )
    outlet_id = None
    if rec.outlet_id is not None and session.get(Outlet, rec.outlet_id) is not None:
        outlet_id = rec.outlet_id
    elif rec.outlet:
        outlet_id, created = outlet_for_name(session, rec.outlet)
        if created is not None:
            outlets_added.append(created)
    session.add(
        Document(
            id=rec.id,
            title=rec.title,
            text=rec.text,
            outlet_id=outlet_id,
            author=rec.author,
            url=rec.url,
            published=rec.published,
            language=rec.language,
            sha256=rec.sha256,
            imported_at=rec.imported_at,
            meta=dict(rec.meta),
            word_count=word_count(rec.text),
        )
    )
    session.flush()


def _restore_collections(session: Session, rec: DocumentRecord) -> list:
    """The document back in its collections (by id, else made again by name); returns the
    collections made again."""
    refs = [
        cid if session.get(Collection, cid) is not None else name
        for name, cid in zip(rec.collections, rec.collection_ids, strict=False)
    ]
    ids, created = collection_ids_for(session, refs)
    DocumentService._set_collections(session, rec.id, set(), ids)
    return list(created)


def _label_id(session: Session, span, title: str) -> int:
    """The span's label by id (keys can be renamed), else by key."""
    if span.label_id is not None and session.get(Label, span.label_id) is not None:
        return span.label_id
    try:
        return find_label(session, span.label).id
    except ValidationError:
        raise ValidationError(
            f"document '{_short(title)}' cannot come back: its spans use label "
            f"{span.label!r}, which was deleted meanwhile; add the label again first"
        ) from None


def _restore_spans(session: Session, rec: DocumentRecord, spans) -> None:
    labels: dict[tuple, int] = {}
    rows = []
    for span in spans:
        ref = (span.label_id, span.label)
        label_id = labels.get(ref)
        if label_id is None:
            label_id = labels[ref] = _label_id(session, span, rec.title)
        if rec.text[span.start : span.end] != span.quote:
            raise ValidationError(f"span {span.id}: its quote does not match the text")
        rows.append(
            {
                "id": span.id,
                "document_id": rec.id,
                "start": span.start,
                "end": span.end,
                "label_id": label_id,
                "quote": span.quote,
                "note": span.note,
                "author": span.author,
                "attributes": dict(span.attributes),
                "created": span.created,
                "updated": span.updated,
                "version": span.version,
            }
        )
    for i in range(0, len(rows), 1000):
        session.execute(insert(Annotation.__table__), rows[i : i + 1000])


def _present(session: Session, column, ids: Iterable) -> set:
    ids, found = list(ids), set()
    for i in range(0, len(ids), BATCH):
        found.update(session.scalars(select(column).where(column.in_(ids[i : i + BATCH]))))
    return found


def _restore_links(
    session: Session, links: tuple[LinkRecord, ...]
) -> tuple[list[LinkRecord], list[LinkRecord]]:
    """Insert the links whose two ends and kind are there (and that are not back already):
    (put back, left out)."""
    ends = {end for link in links for end in (link.source_id, link.target_id)}
    spans = _present(session, Annotation.id, ends)
    kinds = _present(session, LinkKind.id, {link.kind_id for link in links})
    there = _present(session, SpanLink.id, [link.id for link in links])
    back, dropped = [], []
    for link in links:
        if link.id in there:
            continue
        ok = link.source_id in spans and link.target_id in spans and link.kind_id in kinds
        (back if ok else dropped).append(link)
    rows = [
        {
            "id": link.id,
            "kind_id": link.kind_id,
            "source_id": link.source_id,
            "target_id": link.target_id,
            "note": link.note,
            "author": link.author,
            "created": link.created,
        }
        for link in back
    ]
    for i in range(0, len(rows), 1000):
        session.execute(insert(SpanLink.__table__), rows[i : i + 1000])
    return back, dropped
