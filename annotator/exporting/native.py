"""Native JSONL export (``annotator.v1``): one document a line, spans sorted by (start, end).

Streamed: documents are read in batches, so memory stays flat whatever the corpus size.
Each span carries ``text`` = ``document.text[start:end]`` (code points, end-exclusive).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

import orjson
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..storage.models import Annotation, Document, Label

SCHEMA = "annotator.v1"
BATCH = 200
STANDARD_META = ("outlet", "author", "url", "published", "language", "imported_at")


@dataclass(frozen=True)
class ExportFilter:
    document_ids: tuple[str, ...] | None = None
    labels: tuple[str, ...] | None = None
    authors: tuple[str, ...] | None = None
    only_annotated: bool = False

    @classmethod
    def build(
        cls,
        document_ids: Iterable[str] | None = None,
        labels: Iterable[str] | None = None,
        authors: Iterable[str] | None = None,
        only_annotated: bool = False,
    ) -> ExportFilter:
        def tup(values):
            return tuple(values) if values is not None else None

        return cls(tup(document_ids), tup(labels), tup(authors), only_annotated)


@dataclass
class ExportReport:
    documents: int = 0
    spans: int = 0


def _iso(value: dt.datetime | dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def iter_document_batches(session: Session, flt: ExportFilter) -> Iterator[list[str]]:
    stmt = select(Document.id).order_by(Document.imported_at, Document.id)
    if flt.document_ids is not None:
        stmt = stmt.where(Document.id.in_(flt.document_ids))
    ids = list(session.scalars(stmt))  # ids only: 36 bytes a document
    for i in range(0, len(ids), BATCH):
        yield ids[i : i + BATCH]


def iter_records(session: Session, flt: ExportFilter) -> Iterator[dict[str, Any]]:
    """Native records, one per document, in import order."""
    span_cols = (
        Annotation.document_id,
        Annotation.id,
        Annotation.start,
        Annotation.end,
        Label.key,
        Annotation.author,
        Annotation.note,
        Annotation.attributes,
        Annotation.created,
        Annotation.updated,
    )
    for batch in iter_document_batches(session, flt):
        stmt = (
            select(*span_cols)
            .join(Label, Annotation.label_id == Label.id)
            .where(Annotation.document_id.in_(batch))
            .order_by(Annotation.document_id, Annotation.start, Annotation.end, Annotation.id)
        )
        if flt.labels is not None:
            stmt = stmt.where(Label.key.in_(flt.labels))
        if flt.authors is not None:
            stmt = stmt.where(Annotation.author.in_(flt.authors))
        spans: dict[str, list] = {}
        for row in session.execute(stmt):
            spans.setdefault(row[0], []).append(row)
        docs = session.execute(select(Document).where(Document.id.in_(batch))).scalars()
        by_id = {doc.id: doc for doc in docs}
        for document_id in batch:
            doc = by_id[document_id]
            rows = spans.get(document_id, ())
            if flt.only_annotated and not rows:
                continue
            text = doc.text
            meta = {
                "outlet": doc.outlet,
                "author": doc.author,
                "url": doc.url,
                "published": _iso(doc.published),
                "language": doc.language,
                "imported_at": _iso(doc.imported_at),
            }
            for key, value in (doc.meta or {}).items():
                if key not in STANDARD_META:
                    meta[key] = value
            yield {
                "schema": SCHEMA,
                "id": doc.id,
                "title": doc.title,
                "text": text,
                "meta": meta,
                "spans": [
                    {
                        "id": sid,
                        "start": start,
                        "end": end,
                        "label": label,
                        "text": text[start:end],
                        "author": author,
                        "note": note,
                        "attributes": attrs if attrs is not None else {},
                        "created": created,
                        "updated": updated,
                    }
                    for _, sid, start, end, label, author, note, attrs, created, updated in rows
                ],
            }
        session.expunge_all()


def write_jsonl(
    session: Session,
    out: BinaryIO,
    flt: ExportFilter,
    progress: Callable[[ExportReport], None] | None = None,
) -> ExportReport:
    report = ExportReport()
    dumps = orjson.dumps
    option = orjson.OPT_APPEND_NEWLINE
    for i, record in enumerate(iter_records(session, flt), 1):
        out.write(dumps(record, option=option))
        report.documents += 1
        report.spans += len(record["spans"])
        if progress is not None and i % 100 == 0:
            progress(report)
    if progress is not None:
        progress(report)
    return report
