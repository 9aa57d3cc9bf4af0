"""Import service: parsed documents (and their spans) into the database, atomically.

The whole import is one transaction, written in batches as the input streams in: a bad line
anywhere rolls everything back and the database is as it was. Documents whose text is already
stored (same sha256) are skipped with a notice; spans they bring are merged into the stored
document unless the same span (same id, or same start/end/label) is there already.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from ..errors import AnnotatorError, ValidationError
from ..ids import new_id
from ..importing.records import ParsedDocument
from ..storage.models import Annotation, Document, utcnow
from ..storage.rawsql import RawSQL
from .changes import Change
from .labels import ensure_labels
from .store import Store

DOC_BATCH = 500
SPAN_BATCH = 20_000


class ImportCancelled(AnnotatorError):
    """Raised by a progress callback to stop an import; nothing is kept."""


@dataclass
class ImportProgress:
    documents: int
    spans: int
    source: str


@dataclass
class ImportReport:
    documents: int = 0
    spans: int = 0
    document_ids: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)  # sources skipped as already stored
    duplicate_ids: list[str] = field(default_factory=list)  # the stored documents they match
    merged_spans: int = 0  # spans added to documents that were stored already
    duplicate_spans: int = 0  # spans skipped because they were stored already
    labels_created: list[str] = field(default_factory=list)
    skipped_files: list[str] = field(default_factory=list)  # unknown types inside folders

    def notices(self) -> list[str]:
        out = [f"skipped duplicate (already imported): {source}" for source in self.duplicates]
        if self.merged_spans:
            out.append(f"added {self.merged_spans} span(s) to documents already stored")
        if self.duplicate_spans:
            out.append(f"skipped {self.duplicate_spans} span(s) already stored")
        out.extend(f"new label created: {key}" for key in self.labels_created)
        out.extend(f"skipped (not an importable type): {path}" for path in self.skipped_files)
        return out


ProgressCallback = Callable[[ImportProgress], None]


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _clip(value: str | None, size: int) -> str | None:
    if value is None:
        return None
    value = str(value)
    return value if len(value) <= size else value[: size - 1] + "…"


DOC_COLUMNS = (
    "id", "title", "text", "outlet", "author", "url", "published", "language", "sha256",
    "imported_at", "meta",
)  # fmt: skip
SPAN_COLUMNS = (
    "id", "document_id", "start", "end", "label_id", "quote", "note", "author", "attributes",
    "created", "updated", "version",
)  # fmt: skip


class _Writer:
    """Buffers rows and inserts them in batches on one connection (one transaction)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.raw = RawSQL(conn.dialect)
        self.docs: list[tuple] = []
        self.spans: list[tuple] = []

    def flush(self) -> None:
        if self.docs:
            self.raw.insert(self.conn, "document", DOC_COLUMNS, self.docs)
            self.docs = []
        if self.spans:
            self.raw.insert(self.conn, "annotation", SPAN_COLUMNS, self.spans)
            self.spans = []


class ImportService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def import_paths(
        self,
        paths: Iterable[str | Path],
        *,
        split: bool = False,
        author: str | None = None,
        progress: ProgressCallback | None = None,
    ) -> ImportReport:
        from ..importing.files import collect_files, iter_documents

        paths = list(paths)
        _, skipped = collect_files(paths)
        report = self.import_documents(
            iter_documents(paths, split=split), author=author, progress=progress
        )
        report.skipped_files = [str(p) for p in skipped]
        return report

    def import_documents(
        self,
        documents: Iterable[ParsedDocument],
        *,
        author: str | None = None,
        progress: ProgressCallback | None = None,
    ) -> ImportReport:
        """Store ``documents`` in one transaction. ``author`` fills spans that name none."""
        report = ImportReport()
        with self._store.transaction() as session:
            conn = session.connection()
            by_sha = dict(session.execute(select(Document.sha256, Document.id)).all())
            known_ids = set(by_sha.values())
            db_has_spans = bool(session.scalar(select(func.count()).select_from(Annotation)))
            labels, _ = ensure_labels(session, set())
            writer = _Writer(conn)
            seen_span_ids: set[str] = set()
            now = utcnow()
            for doc in documents:
                digest = text_sha256(doc.text)
                if not doc.text.strip():
                    raise ValidationError(f"{doc.source}: the document has no text")
                stored_id = by_sha.get(digest)
                if stored_id is not None:
                    report.duplicates.append(doc.source)
                    report.duplicate_ids.append(stored_id)
                    document_id = stored_id
                    existing = self._existing_spans(conn, writer, stored_id, labels)
                else:
                    document_id = doc.id if doc.id and doc.id not in known_ids else None
                    document_id = document_id or new_id()
                    by_sha[digest] = document_id
                    known_ids.add(document_id)
                    existing = None
                    raw = writer.raw
                    # a microsecond apart, so that import order is kept when sorting
                    imported_at = doc.imported_at or now + dt.timedelta(
                        microseconds=report.documents
                    )
                    writer.docs.append(
                        (
                            document_id,
                            _clip(doc.title.strip() or "(untitled)", 1000),
                            doc.text,
                            _clip(doc.outlet, 300),
                            _clip(doc.author, 300),
                            _clip(doc.url, 2000),
                            raw.date(doc.published),
                            _clip(doc.language, 35),
                            digest,
                            raw.ts(imported_at),
                            raw.json(doc.meta),
                        )
                    )
                    report.documents += 1
                    report.document_ids.append(document_id)
                if doc.spans:
                    missing = {s.label for s in doc.spans} - labels.keys()
                    if missing:
                        labels, created = ensure_labels(session, missing | labels.keys())
                        report.labels_created.extend(created)
                    self._add_spans(
                        doc,
                        document_id,
                        existing,
                        labels,
                        writer,
                        report,
                        author,
                        seen_span_ids,
                        db_has_spans,
                        now,
                    )
                if len(writer.docs) >= DOC_BATCH or len(writer.spans) >= SPAN_BATCH:
                    writer.flush()
                    if progress is not None:
                        progress(ImportProgress(report.documents, report.spans, doc.source))
            writer.flush()
            if progress is not None:
                progress(ImportProgress(report.documents, report.spans, ""))
        self._store.publish(
            Change(
                f"import {report.documents} document(s)",
                documents_added=tuple(report.document_ids),
                labels_changed=bool(report.labels_created),
            )
        )
        return report

    def _existing_spans(self, conn, writer: _Writer, document_id: str, labels) -> set:
        """Span keys (ids and (start, end, label)) already stored for a duplicate document."""
        writer.flush()
        ids = {v: k for k, v in labels.items()}
        keys: set = set()
        rows = conn.execute(
            select(Annotation.id, Annotation.start, Annotation.end, Annotation.label_id).where(
                Annotation.document_id == document_id
            )
        )
        for span_id, start, end, label_id in rows:
            keys.add(span_id)
            keys.add((start, end, ids.get(label_id)))
        return keys

    def _add_spans(
        self,
        doc,
        document_id,
        existing,
        labels,
        writer,
        report,
        author,
        seen_span_ids,
        db_has_spans,
        now,
    ) -> None:
        text = doc.text
        size = len(text)
        stored_ids: set[str] = set()
        if db_has_spans:
            wanted = [s.id for s in doc.spans if s.id]
            for i in range(0, len(wanted), 500):
                stored_ids.update(
                    writer.conn.scalars(
                        select(Annotation.id).where(Annotation.id.in_(wanted[i : i + 500]))
                    )
                )
        append = writer.spans.append
        ts, to_json = writer.raw.ts, writer.raw.json
        default_time = ts(now)
        for span in doc.spans:
            start, end = span.start, span.end
            if type(start) is not int or type(end) is not int or not 0 <= start < end <= size:
                raise ValidationError(
                    f"{doc.source}: span [{start}, {end}) is outside the text (length {size})"
                )
            quote = text[start:end]
            if span.quote is not None and span.quote != quote:
                raise ValidationError(
                    f"{doc.source}: span [{start}, {end}) quotes {span.quote!r} but the text "
                    f"there is {quote!r}"
                )
            if existing is not None and (
                span.id in existing or (start, end, span.label) in existing
            ):
                report.duplicate_spans += 1
                continue
            span_id = span.id
            if not span_id or span_id in seen_span_ids or span_id in stored_ids:
                span_id = new_id()
            seen_span_ids.add(span_id)
            created = ts(span.created) if span.created else default_time
            append(
                (
                    span_id,
                    document_id,
                    start,
                    end,
                    labels[span.label],
                    quote,
                    span.note or "",
                    span.author if span.author is not None else author,
                    to_json(span.attributes),
                    created,
                    ts(span.updated) if span.updated else created,
                    1,
                )
            )
            report.spans += 1
            if existing is not None:
                report.merged_spans += 1
