"""Plain records that parsers produce and the import service stores.

Parsers know nothing of the database: they turn bytes into ``ParsedDocument`` objects.
Offsets are Python ``str`` indices (code points) into ``ParsedDocument.text``, end-exclusive.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class ParsedSpan:
    start: int
    end: int
    label: str
    id: str | None = None  # kept when the source carries one (native format)
    note: str = ""
    author: str | None = None
    attributes: dict[str, Any] = field(default_factory=dict)
    created: dt.datetime | None = None
    updated: dt.datetime | None = None
    quote: str | None = None  # when the source states it, it must equal text[start:end]


@dataclass(slots=True)
class ParsedDocument:
    title: str
    text: str
    source: str  # path of the file it came from (for messages), plus ":line" for JSONL
    id: str | None = None  # kept when the source carries one (native format)
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    published: dt.date | None = None
    language: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    imported_at: dt.datetime | None = None
    spans: list[ParsedSpan] = field(default_factory=list)
