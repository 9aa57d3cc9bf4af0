"""Plain, immutable records that services hand out (never live ORM objects)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

NO_OUTLET = "(no outlet)"  # how a document without an outlet is shown and counted


@dataclass(frozen=True, slots=True)
class LabelRecord:
    id: int
    key: str
    name: str
    color: str
    shortcut: str | None
    position: int


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
