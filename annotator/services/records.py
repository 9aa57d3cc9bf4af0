"""Plain, immutable records that services hand out (never live ORM objects)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..evidence.fields import Schema

NO_OUTLET = "(no outlet)"  # how a document without an outlet is shown and counted


@dataclass(frozen=True, slots=True)
class LabelRecord:
    id: int
    key: str
    name: str
    color: str
    shortcut: str | None
    position: int
    fields: Schema = field(default_factory=Schema)  # its spans' fields (evidence.fields)


@dataclass(frozen=True, slots=True)
class AnnotationRecord:
    id: str
    document_id: str
    start: int
    end: int
    label: str  # label key
    quote: str
    note: str
    author: str | None
    attributes: dict[str, Any]
    created: dt.datetime
    updated: dt.datetime
    version: int
    label_id: int | None = None  # the label's id: undo refers to labels by id (keys change)


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    id: str
    title: str
    outlet: str | None
    author: str | None
    published: dt.date | None
    language: str | None
    length: int
    imported_at: dt.datetime
    span_counts: dict[str, int] = field(default_factory=dict)  # label key -> count
    collections: tuple[str, ...] = ()  # names, sorted
    outlet_id: int | None = None


@dataclass(frozen=True, slots=True)
class DocumentRecord:
    id: str
    title: str
    text: str
    outlet: str | None
    author: str | None
    url: str | None
    published: dt.date | None
    language: str | None
    sha256: str
    imported_at: dt.datetime
    meta: dict[str, Any]
    outlet_id: int | None = None
    collections: tuple[str, ...] = ()  # names, sorted
    collection_ids: tuple[int, ...] = ()  # in the order of ``collections``


@dataclass(frozen=True, slots=True)
class DocumentMetadata:
    """What an analyst may edit of a document (everything but its text): the before/after
    records of ``Change.documents_updated``. The outlet and the collections come by name (for
    people) and by id (for undo: names can change)."""

    id: str
    title: str
    outlet: str | None
    outlet_id: int | None
    author: str | None
    url: str | None
    published: dt.date | None
    language: str | None
    meta: dict[str, Any]
    collections: tuple[str, ...] = ()  # names, sorted
    collection_ids: tuple[int, ...] = ()  # in the order of ``collections``

    def same_values(self, other: DocumentMetadata) -> bool:
        """True when both hold the same values (outlet and collections compared by id)."""
        return _values(self) == _values(other)


def _values(m: DocumentMetadata) -> tuple:
    return (
        m.title, m.outlet_id, m.author, m.url, m.published, m.language, m.meta,
        sorted(m.collection_ids),
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class DocumentSnapshot:
    """Everything ``documents.restore`` needs to put a deleted document back as it was: the
    record (same id, text, metadata, outlet, collections), every span (same ids) and every
    link touching those spans (to spans of other documents too)."""

    document: DocumentRecord
    spans: tuple[AnnotationRecord, ...]
    links: tuple[LinkRecord, ...] = ()

    @property
    def id(self) -> str:
        return self.document.id


@dataclass(frozen=True, slots=True)
class AlignmentRecord:
    id: int
    name: str
    position: int


@dataclass(frozen=True, slots=True)
class OutletRecord:
    id: int
    name: str
    country: str | None
    alignment: str | None  # the alignment's name
    alignment_id: int | None
    documents: int = 0  # how many documents refer to it (when the query counted)


@dataclass(frozen=True, slots=True)
class CollectionRecord:
    id: int
    name: str
    documents: int = 0


@dataclass(frozen=True, slots=True)
class ActorRecord:
    """An actor of the registry (``services.actors``); ``references``: how many spans name it
    (when the query counted)."""

    id: str
    name: str
    kind: str
    side: str | None
    aliases: tuple[str, ...]  # as stored, sorted case-folded
    created: dt.datetime
    references: int = 0


@dataclass(frozen=True, slots=True)
class EventRecord:
    """An event of the registry (``services.events``)."""

    id: str
    name: str
    date: dt.date | None
    place: str | None
    note: str
    created: dt.datetime
    references: int = 0


@dataclass(frozen=True, slots=True)
class LinkKindRecord:
    """A kind of link (supports, contradicts, ...); ``directed`` False: symmetric (repeats)."""

    id: int
    key: str
    name: str
    color: str
    directed: bool
    position: int


@dataclass(frozen=True, slots=True)
class LinkRecord:
    """A link between two spans (``source_id`` -> ``target_id``), each end with its document
    and its quote as read with the link. ``links.restore`` takes one back as it was."""

    id: str
    kind: str  # the kind's key
    kind_id: int
    source_id: str
    target_id: str
    source_document_id: str
    target_document_id: str
    note: str
    author: str | None
    created: dt.datetime
    source_quote: str = ""
    target_quote: str = ""

    def other_end(self, annotation_id: str) -> str:
        return self.target_id if annotation_id == self.source_id else self.source_id
