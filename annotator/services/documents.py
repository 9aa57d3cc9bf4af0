"""Documents: summaries for the library, full records, metadata edits, statistics, deletion
and restore (undo of a deletion; the snapshots are taken and put back by
``services/document_snapshots.py``).

A document's text never changes (spans point into it); everything else is the analyst's to
edit: ``update(document_id, title=..., outlet=..., author=..., published=..., url=...,
language=..., meta=..., collections=...)``, validated by :func:`check_fields`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from ..errors import ConflictError, NotFoundError
from ..storage.models import Annotation, Collection, Document, DocumentCollection, Label, Outlet
from . import change_log
from .changes import Change
from .collections import collection_ids_for
from .document_fields import (
    EDITABLE_FIELDS,
    check_fields,
    check_language,
    check_meta,
    check_published,
    check_url,
)
from .outlets import outlet_for_name
from .records import (
    NO_OUTLET,
    DocumentMetadata,
    DocumentRecord,
    DocumentSnapshot,
    DocumentSummary,
)
from .store import Store

# the checks live in document_fields; callers import them from here too
__all__ = [
    "EDITABLE_FIELDS",
    "DocumentService",
    "Stats",
    "check_fields",
    "check_language",
    "check_meta",
    "check_published",
    "check_url",
    "metadata_records",
]

_UNSET: Any = object()


@dataclass(frozen=True)
class Stats:
    documents: int
    spans: int
    spans_per_label: dict[str, int] = field(default_factory=dict)
    documents_per_outlet: dict[str, int] = field(default_factory=dict)
    spans_per_outlet: dict[str, int] = field(default_factory=dict)


# -- reading -----------------------------------------------------------------------------------
def _collections_of(session: Session, ids: list[str]) -> dict[str, list[tuple[str, int]]]:
    out: dict[str, list[tuple[str, int]]] = defaultdict(list)
    if not ids:
        return out
    for i in range(0, len(ids), 500):
        rows = session.execute(
            select(DocumentCollection.document_id, Collection.name, Collection.id)
            .join(Collection, Collection.id == DocumentCollection.collection_id)
            .where(DocumentCollection.document_id.in_(ids[i : i + 500]))
        )
        for document_id, name, cid in rows:
            out[document_id].append((name, cid))
    for pairs in out.values():
        pairs.sort(key=lambda p: (p[0].casefold(), p[0]))
    return out


def metadata_records(session: Session, ids: Iterable[str]) -> dict[str, DocumentMetadata]:
    """The metadata of documents (no text), by id."""
    ids = list(ids)
    out: dict[str, DocumentMetadata] = {}
    if not ids:
        return out
    collections = _collections_of(session, ids)
    for i in range(0, len(ids), 500):
        rows = session.execute(
            select(
                Document.id,
                Document.title,
                Outlet.name,
                Document.outlet_id,
                Document.author,
                Document.url,
                Document.published,
                Document.language,
                Document.meta,
            )
            .outerjoin(Outlet, Outlet.id == Document.outlet_id)
            .where(Document.id.in_(ids[i : i + 500]))
        )
        for row in rows:
            pairs = collections.get(row[0], [])
            out[row[0]] = DocumentMetadata(
                *row[:8],
                meta=dict(row[8] or {}),
                collections=tuple(n for n, _ in pairs),
                collection_ids=tuple(c for _, c in pairs),
            )
    return out


def _metadata(session: Session, document_id: str) -> DocumentMetadata:
    found = metadata_records(session, [document_id]).get(document_id)
    if found is None:
        raise NotFoundError(f"no document with id {document_id!r}")
    return found


def _document_record(session: Session, doc: Document) -> DocumentRecord:
    outlet = session.get(Outlet, doc.outlet_id) if doc.outlet_id is not None else None
    pairs = _collections_of(session, [doc.id]).get(doc.id, [])
    return DocumentRecord(
        id=doc.id,
        title=doc.title,
        text=doc.text,
        outlet=outlet.name if outlet is not None else None,
        author=doc.author,
        url=doc.url,
        published=doc.published,
        language=doc.language,
        sha256=doc.sha256,
        imported_at=doc.imported_at,
        meta=dict(doc.meta or {}),
        outlet_id=doc.outlet_id,
        collections=tuple(n for n, _ in pairs),
        collection_ids=tuple(c for _, c in pairs),
    )


def _short(title: str, size: int = 48) -> str:
    return title if len(title) <= size else title[: size - 1] + "…"


class DocumentService:
    def __init__(self, store: Store) -> None:
        self._store = store

    # -- queries -------------------------------------------------------------------------------
    def list(self) -> list[DocumentSummary]:
        """Every document with its span counts per label, in import order."""
        with self._store.sessions() as session:
            counts: dict[str, dict[str, int]] = defaultdict(dict)
            rows = session.execute(
                select(Annotation.document_id, Label.key, func.count())
                .join(Label)
                .group_by(Annotation.document_id, Label.key)
            )
            for document_id, key, count in rows:
                counts[document_id][key] = count
            collections: dict[str, list[str]] = defaultdict(list)
            for document_id, name in session.execute(
                select(DocumentCollection.document_id, Collection.name).join(
                    Collection, Collection.id == DocumentCollection.collection_id
                )
            ):
                collections[document_id].append(name)
            docs = session.execute(
                select(
                    Document.id,
                    Document.title,
                    Outlet.name,
                    Document.author,
                    Document.published,
                    Document.language,
                    func.length(Document.text),
                    Document.imported_at,
                    Document.outlet_id,
                )
                .outerjoin(Outlet, Outlet.id == Document.outlet_id)
                .order_by(Document.imported_at, Document.id)
            )
            return [
                DocumentSummary(
                    *row[:8],
                    span_counts=counts.get(row[0], {}),
                    collections=tuple(
                        sorted(collections.get(row[0], ()), key=lambda n: (n.casefold(), n))
                    ),
                    outlet_id=row[8],
                )
                for row in docs
            ]

    def get(self, document_id: str) -> DocumentRecord:
        with self._store.sessions() as session:
            doc = session.get(Document, document_id)
            if doc is None:
                raise NotFoundError(f"no document with id {document_id!r}")
            return _document_record(session, doc)

    def metadata(self, document_id: str) -> DocumentMetadata:
        """What ``update`` edits: everything but the text."""
        with self._store.sessions() as session:
            return _metadata(session, document_id)

    def count(self) -> int:
        with self._store.sessions() as session:
            return session.scalar(select(func.count()).select_from(Document)) or 0

    def count_spans(self, document_ids: Iterable[str]) -> int:
        """How many spans these documents hold together (what a deletion takes with it)."""
        ids = list(document_ids)
        with self._store.sessions() as session:
            total = 0
            for i in range(0, len(ids), 500):
                total += session.scalar(
                    select(func.count())
                    .select_from(Annotation)
                    .where(Annotation.document_id.in_(ids[i : i + 500]))
                )
            return total

    def authors(self) -> list[str]:
        """Every document author (byline), sorted (for completion)."""
        with self._store.sessions() as session:
            found = session.scalars(select(Document.author).distinct())
            return sorted((a for a in found if a), key=lambda a: (a.casefold(), a))

    # -- metadata edits ------------------------------------------------------------------------
    def update(
        self, document_id: str, *, expected: DocumentMetadata | None = None, **fields: Any
    ) -> Change:
        """Edit a document's metadata; fields left out stay as they are (see ``check_fields``).

        ``outlet``: a name (matched by normalised name, created when new), an outlet id, or
        None. ``collections``: the complete list, names (new ones are created) or ids.
        ``meta``: all free metadata; ``meta_updates``: some keys (None removes a key).
        ``expected``: the metadata the caller last saw; the edit is refused with a
        ConflictError when the document differs from it (someone else changed it)."""
        values = check_fields(fields)
        outlets_added, collections_added = [], []
        with self._store.transaction() as session:
            doc = session.get(Document, document_id)
            if doc is None:
                raise NotFoundError(f"no document with id {document_id!r}")
            before = _metadata(session, document_id)
            if expected is not None and not expected.same_values(before):
                raise ConflictError(
                    f"document '{_short(before.title)}' was changed since you loaded it "
                    "(by someone else?); reload and try again"
                )
            for name in ("title", "author", "url", "published", "language"):
                if name in values:
                    setattr(doc, name, values[name])
            if "outlet" in values:
                outlet = values["outlet"]
                if outlet is None:
                    doc.outlet_id = None
                elif isinstance(outlet, int):
                    if session.get(Outlet, outlet) is None:
                        raise NotFoundError(
                            f"no outlet with id {outlet} (it was merged or deleted)"
                        )
                    doc.outlet_id = outlet
                else:
                    doc.outlet_id, created = outlet_for_name(session, outlet)
                    if created is not None:
                        outlets_added.append(created)
            if "meta" in values:
                doc.meta = values["meta"]
            elif "meta_updates" in values:
                meta = dict(doc.meta or {})
                for key, value in values["meta_updates"].items():
                    if value is None:
                        meta.pop(key, None)
                    else:
                        meta[key] = value
                doc.meta = meta
            if "collections" in values:
                ids, created = collection_ids_for(session, values["collections"])
                collections_added.extend(created)
                self._set_collections(session, document_id, set(before.collection_ids), ids)
            session.flush()
            after = _metadata(session, document_id)
        what = f"edit document '{_short(after.title)}'"
        if after == before:
            return Change(what)
        return self._store.publish(
            Change(
                what,
                documents_updated=((before, after),),
                outlets_added=tuple(outlets_added),
                collections_added=tuple(collections_added),
            )
        )

    @staticmethod
    def _set_collections(session: Session, document_id: str, had: set[int], ids: list[int]):
        gone = had - set(ids)
        new = [c for c in ids if c not in had]
        if gone:
            session.execute(
                delete(DocumentCollection).where(
                    DocumentCollection.document_id == document_id,
                    DocumentCollection.collection_id.in_(gone),
                )
            )
        if new:
            session.execute(
                insert(DocumentCollection),
                [{"document_id": document_id, "collection_id": c} for c in new],
            )
            change_log.touch(session, [document_id])  # for other processes

    # -- delete and restore (services/document_snapshots.py) ---------------------------------
    def delete(self, *document_ids: str) -> Change:
        """Delete documents with all their spans, their links and their place in collections.
        The change carries ``snapshots``: what :meth:`restore` needs to put them back."""
        from .document_snapshots import delete_documents

        return delete_documents(self._store, document_ids)

    def restore(self, *snapshots: DocumentSnapshot) -> Change:
        """Put deleted documents back exactly as they were, with the links of their spans
        whose other end is there (see :func:`.document_snapshots.restore_documents`)."""
        from .document_snapshots import restore_documents

        return restore_documents(self._store, snapshots)

    # -- statistics ----------------------------------------------------------------------------
    def stats(self) -> Stats:
        with self._store.sessions() as session:
            documents = session.scalar(select(func.count()).select_from(Document)) or 0
            per_label = dict(
                session.execute(
                    select(Label.key, func.count(Annotation.id))
                    .outerjoin(Annotation, Annotation.label_id == Label.id)
                    .group_by(Label.key, Label.position)
                    .order_by(Label.position)
                ).all()
            )
            outlet = func.coalesce(Outlet.name, NO_OUTLET)
            docs_per_outlet = dict(
                session.execute(
                    select(outlet, func.count())
                    .select_from(Document)
                    .outerjoin(Outlet, Outlet.id == Document.outlet_id)
                    .group_by(outlet)
                    .order_by(outlet)
                ).all()
            )
            spans_per_outlet = dict(
                session.execute(
                    select(outlet, func.count(Annotation.id))
                    .select_from(Document)
                    .outerjoin(Outlet, Outlet.id == Document.outlet_id)
                    .outerjoin(Annotation, Annotation.document_id == Document.id)
                    .group_by(outlet)
                    .order_by(outlet)
                ).all()
            )
            return Stats(
                documents=documents,
                spans=sum(per_label.values()),
                spans_per_label=per_label,
                documents_per_outlet=docs_per_outlet,
                spans_per_outlet=spans_per_outlet,
            )
