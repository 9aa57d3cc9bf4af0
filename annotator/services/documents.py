"""Documents: summaries for the library, full records, metadata edits, statistics, deletion
and restore (undo of a deletion).

A document's text never changes (spans point into it); everything else is the analyst's to
edit: ``update(document_id, title=..., outlet=..., author=..., published=..., url=...,
language=..., meta=..., collections=...)``, validated by :func:`check_fields`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from ..errors import ConflictError, NotFoundError, ValidationError
from ..interchange.fields import NATIVE_META
from ..storage.models import Annotation, Collection, Document, DocumentCollection, Label, Outlet
from ..text.words import word_count
from . import change_log
from .annotations import to_record as annotation_record
from .changes import Change
from .collections import collection_ids_for
from .labels import find_label
from .outlets import outlet_for_name
from .records import (
    NO_OUTLET,
    DocumentMetadata,
    DocumentRecord,
    DocumentSnapshot,
    DocumentSummary,
)
from .store import Store

# the fields ``update`` edits, in the order the CLI and the dialog show them
EDITABLE_FIELDS = (
    "title", "outlet", "author", "published", "url", "language", "meta", "meta_updates",
    "collections",
)  # fmt: skip
TITLE_SIZE, AUTHOR_SIZE, URL_SIZE, LANGUAGE_SIZE = 1000, 300, 2000, 35
# free metadata may not use the keys the native format gives the fields of their own
RESERVED_META = frozenset((*NATIVE_META, "collections", "title", "id"))

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# IETF BCP 47 shape (RFC 5646): language (2-3 letters, up to three extlangs; the 4-8 letter
# form is left out: no such subtag is registered, and "English" is a mistake), script (4
# letters), region (2 letters or 3 digits), variants, extensions, private use; or a
# private-use tag (x-...)
_LANGUAGE_RE = re.compile(
    r"^(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}"
    r"(?:-[a-z]{4})?"
    r"(?:-(?:[a-z]{2}|\d{3}))?"
    r"(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*"
    r"(?:-[\da-wyz](?:-[a-z\d]{2,8})+)*"
    r"(?:-x(?:-[a-z\d]{1,8})+)?"
    r"|x(?:-[a-z\d]{1,8})+)$",
    re.IGNORECASE,
)
_UNSET: Any = object()


@dataclass(frozen=True)
class Stats:
    documents: int
    spans: int
    spans_per_label: dict[str, int] = field(default_factory=dict)
    documents_per_outlet: dict[str, int] = field(default_factory=dict)
    spans_per_outlet: dict[str, int] = field(default_factory=dict)


# -- validation --------------------------------------------------------------------------------
def _text(value: Any, name: str, size: int, *, required: bool = False) -> str | None:
    if value is None:
        if required:
            raise ValidationError(f"a document needs a {name}")
        return None
    if not isinstance(value, str):
        raise ValidationError(f"{name} must be text, not {type(value).__name__}")
    clean = value.strip()
    if not clean:
        if required:
            raise ValidationError(f"a document needs a {name}")
        return None
    if len(clean) > size:
        raise ValidationError(f"{name} is longer than {size} characters ({len(clean)})")
    return clean


def check_published(value: Any) -> dt.date | None:
    """A date, or text ``YYYY-MM-DD``; None or "" for no date."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ValidationError(f"published must be a date (YYYY-MM-DD), not {type(value).__name__}")
    text = value.strip()
    if not _DATE_RE.match(text):
        raise ValidationError(
            f"published date {text!r} is not in the form YYYY-MM-DD (e.g. 2023-09-19)"
        )
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            f"published date {text!r} is not a day of the calendar (YYYY-MM-DD: month 01-12, "
            "then a day that month has)"
        ) from None


def check_url(value: Any) -> str | None:
    """An absolute http:// or https:// address with a host; None or "" for none."""
    text = _text(value, "URL", URL_SIZE)
    if text is None:
        return None
    if any(ch.isspace() for ch in text):
        raise ValidationError(f"URL {text!r} contains spaces; write them as %20")
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https"):
        if not parts.scheme or "." in parts.scheme or not parts.netloc:
            raise ValidationError(
                f"URL {text!r} must start with http:// or https:// "
                "(e.g. https://news.example/2020/10/article)"
            )
        raise ValidationError(
            f"URL {text!r} must be an http:// or https:// address, not {parts.scheme}:"
        )
    try:
        host = parts.hostname
    except ValueError:
        host = None
    if not host:
        raise ValidationError(f"URL {text!r} has no host name (https://HOST/path)")
    return text


def check_language(value: Any) -> str | None:
    """An IETF BCP 47 language tag (en, hy, az-Latn, en-GB ...), in its conventional case."""
    text = _text(value, "language", LANGUAGE_SIZE)
    if text is None:
        return None
    text = text.replace("_", "-")
    if not _LANGUAGE_RE.match(text):
        raise ValidationError(
            f"language {text!r} is not a language tag: use a BCP 47 code such as en, hy, az, "
            "ru or tr, optionally with a script or region (az-Latn, az-Cyrl, en-GB)"
        )
    parts = text.split("-")
    out = [parts[0].lower()]
    private = parts[0].lower() == "x"
    for part in parts[1:]:
        if private or len(part) == 1:
            private = private or part.lower() == "x"
            out.append(part.lower())
        elif len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif len(part) == 2 and part.isalpha():
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)


def check_meta(value: Any) -> dict[str, Any]:
    """Free metadata: a JSON object with text keys, none of them a field of its own."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ValidationError(
            f"meta must be a mapping of keys to values, not {type(value).__name__}"
        )
    out: dict[str, Any] = {}
    for key, item in value.items():
        out[_meta_key(key)] = item
    try:
        json.dumps(out, allow_nan=False)  # what the JSON column will write
    except (TypeError, ValueError) as exc:
        raise ValidationError(
            f"meta values must be JSON values (text, numbers, lists): {exc}"
        ) from None
    return out


def _meta_key(key: Any) -> str:
    if not isinstance(key, str) or not key.strip():
        raise ValidationError(f"a meta key must be non-empty text, not {key!r}")
    key = key.strip()
    if key in RESERVED_META:
        raise ValidationError(
            f"meta key {key!r} is a document field of its own; set it as {key}, not in meta"
        )
    return key


def check_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Validated, normalised values of the fields ``update`` takes (ValidationError with a
    message naming the field otherwise). A field left out is not changed; None or "" clears
    it (the title cannot be cleared)."""
    unknown = [name for name in fields if name not in EDITABLE_FIELDS]
    if unknown:
        raise ValidationError(
            f"unknown document field {unknown[0]!r} (fields: {', '.join(EDITABLE_FIELDS)})"
        )
    out: dict[str, Any] = {}
    for name, value in fields.items():
        if name == "title":
            out[name] = " ".join(_text(value, "title", TITLE_SIZE, required=True).split())
        elif name == "author":
            out[name] = _text(value, "author", AUTHOR_SIZE)
        elif name == "outlet":
            if isinstance(value, int) and not isinstance(value, bool):
                out[name] = value
            else:
                out[name] = _text(value, "outlet", 300)
        elif name == "published":
            out[name] = check_published(value)
        elif name == "url":
            out[name] = check_url(value)
        elif name == "language":
            out[name] = check_language(value)
        elif name == "meta":
            out[name] = check_meta(value)
        elif name == "meta_updates":
            if not isinstance(value, Mapping):
                raise ValidationError("meta_updates must map keys to values (None removes one)")
            updates = {_meta_key(k): v for k, v in value.items()}
            check_meta({k: v for k, v in updates.items() if v is not None})
            out[name] = updates
        elif name == "collections":
            if isinstance(value, str | bytes) or not isinstance(value, Iterable):
                raise ValidationError("collections must be a list of collection names or ids")
            out[name] = list(value)
    if "meta" in out and "meta_updates" in out:
        raise ValidationError("give meta (all of it) or meta_updates (some keys), not both")
    return out


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

    # -- delete and restore --------------------------------------------------------------------
    def delete(self, *document_ids: str) -> Change:
        """Delete documents with all their spans (and their place in collections). The change
        carries ``snapshots``: what :meth:`restore` needs to put them back exactly."""
        ids = list(dict.fromkeys(document_ids))
        if not ids:
            raise ValidationError("no document to delete")
        snapshots = []
        with self._store.transaction() as session:
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
                snapshots.append(DocumentSnapshot(_document_record(session, doc), spans))
            session.expunge_all()
            for i in range(0, len(ids), 500):
                batch = ids[i : i + 500]
                session.execute(
                    delete(DocumentCollection).where(DocumentCollection.document_id.in_(batch))
                )
                session.execute(delete(Annotation).where(Annotation.document_id.in_(batch)))
                session.execute(delete(Document).where(Document.id.in_(batch)))
        for document_id in ids:
            self._store.forget_document(document_id)
        spans = sum(len(s.spans) for s in snapshots)
        what = (
            f"delete document '{_short(snapshots[0].document.title)}'"
            if len(ids) == 1
            else f"delete {len(ids)} documents"
        )
        return self._store.publish(
            Change(
                f"{what} ({spans} span{'' if spans == 1 else 's'})",
                documents_removed=tuple(ids),
                snapshots=tuple(snapshots),
            )
        )

    def restore(self, *snapshots: DocumentSnapshot) -> Change:
        """Put deleted documents back exactly as they were: same id, text, metadata, import
        time and spans (same ids, labels, notes, authors, times and versions). Their outlet and
        collections are the same ones when they still exist, else made again by name. Refused
        when the id is taken or the same text was imported again meanwhile."""
        if not snapshots:
            raise ValidationError("no document to restore")
        outlets_added, collections_added = [], []
        with self._store.transaction() as session:
            for snap in snapshots:
                rec = snap.document
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
                self._restore_spans(session, rec, snap.spans)
                refs = [
                    cid if session.get(Collection, cid) is not None else name
                    for name, cid in zip(rec.collections, rec.collection_ids, strict=False)
                ]
                ids, created = collection_ids_for(session, refs)
                collections_added.extend(created)
                self._set_collections(session, rec.id, set(), ids)
        ids = tuple(s.id for s in snapshots)
        spans = sum(len(s.spans) for s in snapshots)
        what = (
            f"restore document '{_short(snapshots[0].document.title)}'"
            if len(ids) == 1
            else f"restore {len(ids)} documents"
        )
        return self._store.publish(
            Change(
                f"{what} ({spans} span{'' if spans == 1 else 's'})",
                documents_added=ids,
                outlets_added=tuple(outlets_added),
                collections_added=tuple(collections_added),
            )
        )

    @staticmethod
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
