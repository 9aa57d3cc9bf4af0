"""Import service: parsed documents (and their spans) into the database, atomically.

The whole import is one transaction, written in batches as the input streams in: a bad line
anywhere rolls everything back and the database is as it was. A document's outlet (a name) is
matched to the outlet list by normalised name (``services.outlets.outlet_key``, one dict
look-up a document) and added to the list when new; a ``collections`` list of names in its
free metadata (the native format's ``meta.collections``) puts it into those collections.
Documents whose text is already stored (same sha256) are skipped with a notice; spans they
bring are merged into the stored document unless the same span (same id, or same
start/end/label) is there already (their outlet and collections are left as stored).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain, repeat
from operator import lt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from ..errors import AnnotatorError, ValidationError
from ..evidence.fields import Schema, check_attributes, check_storable, parse_schema
from ..gc_pause import gc_paused
from ..ids import new_id
from ..importing.records import ParsedDocument, SpanColumns
from ..interchange.fields import DOCUMENT_FIELDS
from ..storage.models import Annotation, Collection, Document, Label, Outlet, utcnow
from ..storage.rawsql import RawSQL
from ..text import graphemes
from ..text.words import word_count
from . import change_log
from .changes import Change
from .collections import NAME_SIZE as COLLECTION_NAME_SIZE
from .evidence_io import EvidenceImport, EvidenceReport, evidence_records
from .labels import ensure_labels
from .outlets import clean_outlet_name, outlet_key
from .records import CollectionRecord, LabelRecord, OutletRecord
from .store import Store

if TYPE_CHECKING:
    from ..importing.preview import FileChoice, FilePreview, ImportPreview

__all__ = [
    "FileChoice",
    "FilePreview",
    "ImportCancelled",
    "ImportPreview",
    "ImportProgress",
    "ImportReport",
    "ImportService",
]

_PREVIEW_NAMES = ("FileChoice", "FilePreview", "ImportPreview")


def __getattr__(name: str):
    """The preview's records, for the GUI (loaded on first use: start-up does not pay)."""
    if name in _PREVIEW_NAMES:
        from ..importing import preview

        return getattr(preview, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


DOC_BATCH = 500
DEFAULT_AUTHOR: Any = object()  # "the workspace's author" (None means nobody)
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
    snapped: list[str] = field(default_factory=list)  # spans widened to whole characters
    links: int = 0  # links stored
    evidence: EvidenceReport = field(default_factory=EvidenceReport)  # services.evidence_io
    change: Change | None = None  # the change notice the import published

    def notices(self) -> list[str]:
        out = [f"skipped duplicate (already imported): {source}" for source in self.duplicates]
        if self.merged_spans:
            out.append(f"added {self.merged_spans} span(s) to documents already stored")
        if self.duplicate_spans:
            out.append(f"skipped {self.duplicate_spans} span(s) already stored")
        out.extend(f"new label created: {key}" for key in self.labels_created)
        out.extend(f"skipped (not an importable type): {path}" for path in self.skipped_files)
        out.extend(self.snapped)
        out.extend(self.evidence.notices())
        return out


ProgressCallback = Callable[[ImportProgress], None]


def text_sha256(text: str, source: str = "(python)") -> str:
    """The sha256 of the text's UTF-8; refuses a text holding a lone surrogate (half a
    character: only a Python caller can pass one), which no database stores."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValidationError(
            f"{source}: the text holds a lone surrogate (U+{ord(text[exc.start]):04X}, half a "
            f"character) at {exc.start}"
        ) from None
    return hashlib.sha256(data).hexdigest()


def _clip(value: str | None, size: int) -> str | None:
    if value is None:
        return None
    value = str(value)
    return value if len(value) <= size else value[: size - 1] + "…"


# the document's fields in the order of DOCUMENT_FIELDS, the outlet as its id
DOC_COLUMNS = (
    "id", "title", "text",
    *("outlet_id" if f == "outlet" else f for f in DOCUMENT_FIELDS),
    "sha256", "imported_at", "meta", "word_count",
)  # fmt: skip
LINK_COLUMNS = ("document_id", "collection_id")
SPAN_COLUMNS = (
    "id", "document_id", "start", "end", "label_id", "quote", "note", "author", "attributes",
    "created", "updated",
)  # fmt: skip
SPAN_CONSTANTS = {"version": "1"}  # the same for every imported span: SQL literals, not bound


class _Writer:
    """Buffers rows and inserts them in batches on one connection (one transaction)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.raw = RawSQL(conn.dialect)
        self.docs: list[tuple] = []
        self.spans: list = []  # flat: len(SPAN_COLUMNS) values a span
        self.links: list[tuple] = []  # (document id, collection id)

    def full(self) -> bool:
        return len(self.docs) >= DOC_BATCH or len(self.spans) >= SPAN_BATCH * len(SPAN_COLUMNS)

    def flush(self) -> None:
        if self.docs:
            self.raw.insert(self.conn, "document", DOC_COLUMNS, self.docs)
            self.docs = []
        if self.spans:
            raw = self.raw
            raw.insert_flat(self.conn, "annotation", SPAN_COLUMNS, self.spans, SPAN_CONSTANTS)
            self.spans = []
        if self.links:
            self.raw.insert(self.conn, "document_collection", LINK_COLUMNS, self.links)
            self.links = []


class ImportService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def import_paths(
        self,
        paths: Iterable[str | Path],
        *,
        split: bool = False,
        strip_boilerplate: bool = False,
        author: str | None = DEFAULT_AUTHOR,
        progress: ProgressCallback | None = None,
    ) -> ImportReport:
        """Import files and folders; ``strip_boilerplate`` removes the web boilerplate lines
        the import preview finds (``annotator.importing.boilerplate``)."""
        from ..importing.files import collect_files, iter_files

        files, skipped = collect_files(paths)  # every path checked before anything is read
        if strip_boilerplate:
            from ..importing.preview import FileChoice, iter_chosen

            docs = iter_chosen(files, FileChoice(split=split))
        else:
            docs = iter_files(files, split=split)
        report = self.import_documents(docs, author=author, progress=progress)
        report.skipped_files = [str(p) for p in skipped]
        return report

    # -- the import preview (annotator.importing.preview): nothing is stored until asked ---
    def preview_paths(self, paths: Iterable[str | Path]) -> ImportPreview:
        """What importing ``paths`` would store, file by file; reads no database."""
        from ..importing.preview import preview_paths

        return preview_paths(paths)

    def import_previewed(
        self,
        preview: ImportPreview,
        choices: Mapping[str, FileChoice] | FileChoice | None = None,
        *,
        author: str | None = DEFAULT_AUTHOR,
        progress: ProgressCallback | None = None,
    ) -> ImportReport:
        """Store the documents the user's ``choices`` make of ``preview`` (one transaction);
        ``choices``: one for every file, or one per file path (others get the default)."""
        from ..importing.preview import chosen_documents

        report = self.import_documents(
            chosen_documents(preview, choices), author=author, progress=progress
        )
        report.skipped_files = [str(p) for p in preview.skipped]
        return report

    def import_documents(
        self,
        documents: Iterable[ParsedDocument],
        *,
        author: str | None = DEFAULT_AUTHOR,
        progress: ProgressCallback | None = None,
    ) -> ImportReport:
        """Store ``documents`` in one transaction. ``author`` fills spans that name none
        (by default the workspace's author, the user's name; None leaves them without)."""
        if author is DEFAULT_AUTHOR:
            author = self._store.default_author
        with gc_paused(), self._store.transaction() as session:
            run = _ImportRun(session, author)
            for doc in documents:
                run.add(doc)
                if run.writer.full():
                    run.writer.flush()
                    if progress is not None:
                        progress(ImportProgress(run.report.documents, run.report.spans, doc.source))
            run.writer.flush()
            run.evidence.store_links(run.renamed, run.seen_span_ids, run.query_span_ids)
            evidence = run.evidence.report
            run.report.evidence, run.report.links = evidence, len(evidence.links)
            added = evidence_records(session, evidence)
            # the rows went in on the raw cursor: name the documents for the change log
            change_log.touch(session, [*run.report.document_ids, *run.merged_into])
            if progress is not None:  # may still cancel: the transaction is not committed yet
                progress(ImportProgress(run.report.documents, run.report.spans, ""))
        report = run.report
        report.change = self._store.publish(
            Change(
                f"import {report.documents} document(s)",
                documents_added=tuple(report.document_ids),
                spans_reloaded=tuple(run.merged_into),
                labels_added=tuple(run.created_labels),
                outlets_added=tuple(run.created_outlets),
                collections_added=tuple(run.created_collections),
                **added,
            )
        )
        return report


class _ImportRun:
    """The state of one import transaction: what is stored, what was added, the row buffers."""

    def __init__(self, session: Session, author: str | None) -> None:
        self.session = session
        self.author = author
        self.report = ImportReport()
        self.writer = _Writer(session.connection())
        self.by_sha = dict(session.execute(select(Document.sha256, Document.id)).all())
        self.known_ids = set(self.by_sha.values())
        self.db_has_spans = bool(session.scalar(select(func.count()).select_from(Annotation)))
        self.labels, _ = ensure_labels(session, set())
        # the labels' field schemas: imported field values are checked like the services'
        self.schemas = {
            key: parse_schema(fields)
            for key, fields in session.execute(select(Label.key, Label.fields))
            if fields
        }
        self.seen_span_ids: set[str] = set()
        self.renamed: dict[str, str] = {}  # span ids of the input the import changed -> stored
        self.evidence = EvidenceImport(self.writer.conn)
        self.created_labels: list[LabelRecord] = []
        self.merged_into: dict[str, None] = {}  # stored documents that got spans, in order
        self.now = utcnow()
        self.default_time = self.writer.raw.ts(self.now)
        self.outlets = dict(session.execute(select(Outlet.norm, Outlet.id)).all())
        self.outlet_spellings: dict[str, int | None] = {}
        self.created_outlets: list[OutletRecord] = []
        self.collections = {
            name.casefold(): cid
            for cid, name in session.execute(select(Collection.id, Collection.name))
        }
        self.created_collections: list[CollectionRecord] = []

    def add(self, doc: ParsedDocument) -> None:
        if not doc.text.strip():
            raise ValidationError(f"{doc.source}: the document has no text")
        digest = text_sha256(doc.text, doc.source)
        stored_id = self.by_sha.get(digest)
        if stored_id is not None:
            self.report.duplicates.append(doc.source)
            self.report.duplicate_ids.append(stored_id)
            document_id, existing = stored_id, self._existing_spans(stored_id)
        else:
            document_id, existing = self._add_document(doc, digest), None
        if doc.spans:
            spans = SpanColumns.of(doc.spans)
            doc.spans = spans
            if doc.entries is not None:
                moved = self.evidence.resolve(doc.source, doc.entries)
                if moved and spans.attributes is not None:
                    spans.attributes = self.evidence.repoint(spans.attributes, moved)
            self.evidence.links.extend(doc.links)
            missing = set(spans.labels) - self.labels.keys()
            if missing:
                try:
                    self.labels, created = ensure_labels(self.session, missing | self.labels.keys())
                except ValidationError as exc:  # a label key that cannot be one
                    raise ValidationError(f"{doc.source}: {exc}") from None
                self.report.labels_created.extend(label.key for label in created)
                self.created_labels.extend(created)
            self._add_spans(doc, document_id, existing)

    def _add_document(self, doc: ParsedDocument, digest: str) -> str:
        document_id = doc.id if doc.id and doc.id not in self.known_ids else new_id()
        self.by_sha[digest] = document_id
        self.known_ids.add(document_id)
        raw = self.writer.raw
        # a microsecond apart, so that import order is kept when sorting
        imported_at = doc.imported_at or self.now + dt.timedelta(microseconds=self.report.documents)
        collections = doc.meta.get("collections") if doc.meta else None
        if type(collections) is list and all(type(c) is str for c in collections):
            del doc.meta["collections"]  # a list of names: the document's collections
            for cid in dict.fromkeys(map(self._collection_id, collections)):
                if cid is not None:
                    self.writer.links.append((document_id, cid))
        self.writer.docs.append(
            (
                document_id,
                _clip(doc.title.strip() or "(untitled)", 1000),
                doc.text,
                self._outlet_id(doc.outlet),
                _clip(doc.author, 300),
                _clip(doc.url, 2000),
                raw.date(doc.published),
                _clip(doc.language, 35),
                digest,
                raw.ts(imported_at),
                self._json(doc.meta, doc.source, "its metadata"),
                word_count(doc.text),
            )
        )
        self.report.documents += 1
        self.report.document_ids.append(document_id)
        return document_id

    def _json(self, value: Any, source: str, what: str) -> str:
        try:
            return self.writer.raw.json(value)
        except TypeError:  # orjson: too deep, an integer past 64 bits...
            check_storable(value, f"{source}: {what}")
            raise

    def _outlet_id(self, name: str | None) -> int | None:
        """The id of the outlet named ``name`` (by normalised name), added when new: one
        dict look-up a document once a spelling was seen."""
        if name is None:
            return None
        try:
            return self.outlet_spellings[name]
        except KeyError:
            found = self.outlet_spellings[name] = self._match_outlet(name)
            return found

    def _match_outlet(self, name: str) -> int | None:
        clean = _clip(clean_outlet_name(name), 300)
        if not clean:
            return None
        key = outlet_key(clean)
        found = self.outlets.get(key)
        if found is None:
            conn = self.writer.conn
            found = conn.execute(
                Outlet.__table__.insert().values(name=clean, norm=key)
            ).inserted_primary_key[0]
            self.outlets[key] = found
            self.created_outlets.append(OutletRecord(found, clean, None, None, None, 0))
        return found

    def _collection_id(self, name: str) -> int | None:
        clean = _clip(" ".join(name.split()), COLLECTION_NAME_SIZE)
        if not clean:
            return None
        found = self.collections.get(clean.casefold())
        if found is None:
            found = self.writer.conn.execute(
                Collection.__table__.insert().values(name=clean)
            ).inserted_primary_key[0]
            self.collections[clean.casefold()] = found
            self.created_collections.append(CollectionRecord(found, clean, 0))
        return found

    def _existing_spans(self, document_id: str) -> dict:
        """Span keys (ids and (start, end, label)) already stored for a duplicate document,
        each with the stored span's id."""
        self.writer.flush()
        keys_by_id = {v: k for k, v in self.labels.items()}
        keys: dict = {}
        rows = self.writer.conn.execute(
            select(Annotation.id, Annotation.start, Annotation.end, Annotation.label_id).where(
                Annotation.document_id == document_id
            )
        )
        for span_id, start, end, label_id in rows:
            keys[span_id] = span_id
            keys.setdefault((start, end, keys_by_id.get(label_id)), span_id)
        return keys

    def _stored_span_ids(self, ids: list[str]) -> set[str]:
        """Which of ``ids`` are taken already in the database (their spans get new ones)."""
        return self.query_span_ids(ids) if self.db_has_spans else set()

    def query_span_ids(self, ids: list[str]) -> set[str]:
        """Which of ``ids`` are spans in the database (spans written so far included)."""
        stored: set[str] = set()
        for i in range(0, len(ids), 500):
            stored.update(
                self.writer.conn.scalars(
                    select(Annotation.id).where(Annotation.id.in_(ids[i : i + 500]))
                )
            )
        return stored

    def _span_ids(self, given: Sequence[str | None] | None, count: int) -> list[str]:
        """The ids the spans keep: their own, unless missing, repeated or taken already."""
        seen = self.seen_span_ids
        if given is None:
            ids = [new_id() for _ in range(count)]
        else:
            ids = list(given)
            named = [i for i in ids if i] if None in ids or "" in ids else ids
            stored = self._stored_span_ids(named)
            clash = stored or not seen.isdisjoint(named)
            if clash or len(named) != count or len(set(named)) != count:
                # `seen` is asked, never copied: it holds every span of the import so far
                here: set[str] = set()
                for n, span_id in enumerate(ids):
                    if not span_id or span_id in stored or span_id in seen or span_id in here:
                        ids[n] = new_id()
                        if span_id in stored:  # its links follow it
                            self.renamed[span_id] = ids[n]
                        span_id = ids[n]
                    here.add(span_id)
        seen.update(ids)
        return ids

    def _add_spans(self, doc: ParsedDocument, document_id: str, existing: dict | None) -> None:
        """The spans of ``doc``, checked and buffered column by column (C-level loops)."""
        spans = SpanColumns.of(doc.spans)
        text, count = doc.text, len(spans)
        starts, ends = spans.starts, spans.ends
        if set(map(type, starts)) | set(map(type, ends)) != {int} or not (
            min(starts) >= 0 and max(ends) <= len(text) and all(map(lt, starts, ends))
        ):
            bad = next(
                (a, b)
                for a, b in zip(starts, ends, strict=True)
                if type(a) is not int or type(b) is not int or not 0 <= a < b <= len(text)
            )
            raise ValidationError(
                f"{doc.source}: span [{bad[0]}, {bad[1]}) is outside the text (length {len(text)})"
            )
        quotes = list(map(text.__getitem__, map(slice, starts, ends)))
        given = spans.quotes
        if given is not None and list(given) != quotes and not all(map(_quote_ok, given, quotes)):
            n = next(
                i for i, (g, q) in enumerate(zip(given, quotes, strict=True)) if not _quote_ok(g, q)
            )
            raise ValidationError(
                f"{doc.source}: span [{starts[n]}, {ends[n]}) quotes {given[n]!r} but the text "
                f"there is {quotes[n]!r}"
            )
        split = graphemes.splitting(text, chain(starts, ends))
        if split:
            quotes = self._snap_to_clusters(doc, spans, split)
        if existing is not None:
            spans, quotes = self._new_to(spans, quotes, existing)
            count = len(spans)
            if not count:
                return
        raw = self.writer.raw
        labels = list(map(self.labels.__getitem__, spans.labels))
        notes = spans.notes if spans.notes is not None else repeat("", count)
        authors = spans.authors
        if authors is None:
            authors = repeat(self.author, count)
        elif self.author is not None and None in authors:
            authors = [self.author if a is None else a for a in authors]
        attributes = spans.attributes
        if attributes is not None and self.schemas and any(attributes):
            for label, values, start, end in zip(
                spans.labels, attributes, spans.starts, spans.ends, strict=True
            ):
                schema = self.schemas.get(label) if values else None
                if schema is not None:
                    check_attributes(schema, values, f"{doc.source}: span [{start}, {end})")
        try:
            attrs_json = (
                repeat(raw.EMPTY_JSON, count) if attributes is None or not any(attributes)
                else list(map(raw.json, attributes))
            )  # fmt: skip
        except TypeError:  # orjson: a value JSON cannot hold as it is
            for values, start, end in zip(attributes, spans.starts, spans.ends, strict=True):
                check_attributes(Schema(), values, f"{doc.source}: span [{start}, {end})")
            raise
        created = raw.stored_ts_many(spans.created, self.default_time, count)
        if spans.updated is None or spans.updated == spans.created:
            updated: Iterable[str] = created
        else:
            updated = [c if u is None else u for c, u in zip(
                created, raw.stored_ts_many(spans.updated, None, count), strict=True
            )]  # fmt: skip
        ids = self._span_ids(spans.ids, count)
        self.writer.spans.extend(
            chain.from_iterable(zip(
                ids, repeat(document_id, count), spans.starts, spans.ends, labels, quotes,
                notes, authors, attrs_json, created, updated, strict=False,
            ))
        )  # fmt: skip
        self.report.spans += count
        if existing is not None:
            self.report.merged_spans += count
            self.merged_into[document_id] = None

    def _snap_to_clusters(self, doc: ParsedDocument, spans: SpanColumns, split: set) -> list[str]:
        """Widen the spans that split a user-perceived character to whole characters (a
        notice says which); returns the new quotes."""
        text = doc.text
        starts, ends = list(spans.starts), list(spans.ends)
        first = None
        count = 0
        for i, (a, b) in enumerate(zip(starts, ends, strict=True)):
            if a in split or b in split:
                starts[i], ends[i] = graphemes.snap(text, a, b)
                count += 1
                first = first or (a, b, starts[i], ends[i])
        spans.starts, spans.ends = starts, ends
        a, b, c, d = first
        self.report.snapped.append(
            f"{doc.source}: {count} span(s) split a character (an emoji, a flag, a letter with "
            f"its accents) and were widened to whole characters, e.g. [{a}, {b}) -> [{c}, {d})"
        )
        return list(map(text.__getitem__, map(slice, starts, ends)))

    def _new_to(
        self, spans: SpanColumns, quotes: list[str], existing: dict
    ) -> tuple[SpanColumns, list[str]]:
        """The spans a stored duplicate document does not have yet (same id, or same
        start/end/label, counts as had)."""
        keep = []
        for i, span in enumerate(spans):
            had = existing.get(span.id) or existing.get((span.start, span.end, span.label))
            if had is None:
                keep.append(i)
            elif span.id and had != span.id:
                self.renamed[span.id] = had  # its links go to the stored span
        self.report.duplicate_spans += len(spans) - len(keep)
        kept = SpanColumns.of([spans[i] for i in keep])
        return kept, [quotes[i] for i in keep]


def _quote_ok(given: str | None, quote: str) -> bool:
    return given is None or given == quote
