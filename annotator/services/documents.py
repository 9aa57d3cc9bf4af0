"""Documents: summaries for the library, full records, statistics, deletion."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import delete, func, select

from ..errors import NotFoundError
from ..storage.models import Annotation, Document, Label
from .changes import Change
from .records import NO_OUTLET, DocumentRecord, DocumentSummary
from .store import Store


@dataclass(frozen=True)
class Stats:
    documents: int
    spans: int
    spans_per_label: dict[str, int] = field(default_factory=dict)
    documents_per_outlet: dict[str, int] = field(default_factory=dict)
    spans_per_outlet: dict[str, int] = field(default_factory=dict)


class DocumentService:
    def __init__(self, store: Store) -> None:
        self._store = store

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
            docs = session.execute(
                select(
                    Document.id,
                    Document.title,
                    Document.outlet,
                    Document.author,
                    Document.published,
                    Document.language,
                    func.length(Document.text),
                    Document.imported_at,
                ).order_by(Document.imported_at, Document.id)
            )
            return [DocumentSummary(*row, span_counts=counts.get(row[0], {})) for row in docs]

    def get(self, document_id: str) -> DocumentRecord:
        with self._store.sessions() as session:
            doc = session.get(Document, document_id)
            if doc is None:
                raise NotFoundError(f"no document with id {document_id!r}")
            return DocumentRecord(
                id=doc.id,
                title=doc.title,
                text=doc.text,
                outlet=doc.outlet,
                author=doc.author,
                url=doc.url,
                published=doc.published,
                language=doc.language,
                sha256=doc.sha256,
                imported_at=doc.imported_at,
                meta=dict(doc.meta or {}),
            )

    def count(self) -> int:
        with self._store.sessions() as session:
            return session.scalar(select(func.count()).select_from(Document)) or 0

    def delete(self, document_id: str) -> Change:
        """Delete a document with all its annotations."""
        with self._store.transaction() as session:
            title = session.scalar(select(Document.title).where(Document.id == document_id))
            if title is None:
                raise NotFoundError(f"no document with id {document_id!r}")
            session.execute(delete(Annotation).where(Annotation.document_id == document_id))
            session.execute(delete(Document).where(Document.id == document_id))
        self._store.forget_document(document_id)
        return self._store.publish(
            Change(f"delete document '{title}'", documents_removed=(document_id,))
        )

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
            outlet = func.coalesce(Document.outlet, NO_OUTLET)
            docs_per_outlet = dict(
                session.execute(
                    select(outlet, func.count()).group_by(outlet).order_by(outlet)
                ).all()
            )
            spans_per_outlet = dict(
                session.execute(
                    select(outlet, func.count(Annotation.id))
                    .select_from(Document)
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
