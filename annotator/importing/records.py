"""Plain records that parsers produce and the import service stores.

Parsers know nothing of the database: they turn bytes into ``ParsedDocument`` objects.
Offsets are Python ``str`` indices (code points) into ``ParsedDocument.text``, end-exclusive.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, overload

from annotator.timestamps import canonical, parse_canonical


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
    spans: Sequence[ParsedSpan] = field(default_factory=list)  # a list or SpanColumns
    # native lines: the registry entries the spans refer to (kind -> id -> {"id", "name", ...})
    # and the links the spans start (``importing.evidence.ParsedLink``)
    entries: dict[str, dict[str, dict[str, Any]]] | None = None
    links: list[Any] = field(default_factory=list)


class SpanColumns(Sequence[ParsedSpan]):
    """Many spans as columns, the way the JSON parsers read them and the import service
    writes them: a million spans never become a million objects on the fast path.

    ``created``/``updated`` hold canonical UTC text (``annotator.timestamps``), not
    ``datetime`` objects. An optional column that is None means "not given" for every span.
    Indexing or iterating gives ``ParsedSpan`` objects (for tests and small callers).
    """

    __slots__ = (
        "attributes", "authors", "created", "ends", "ids", "labels", "notes", "quotes",
        "starts", "updated",
    )  # fmt: skip

    def __init__(
        self,
        starts: Sequence[int],
        ends: Sequence[int],
        labels: Sequence[str],
        *,
        ids: Sequence[str | None] | None = None,
        notes: Sequence[str] | None = None,
        authors: Sequence[str | None] | None = None,
        attributes: Sequence[dict[str, Any]] | None = None,
        created: Sequence[str | None] | None = None,
        updated: Sequence[str | None] | None = None,
        quotes: Sequence[str | None] | None = None,
    ) -> None:
        self.starts, self.ends, self.labels = starts, ends, labels
        self.ids, self.notes, self.authors, self.attributes = ids, notes, authors, attributes
        self.created, self.updated, self.quotes = created, updated, quotes

    @classmethod
    def of(cls, spans: Sequence[ParsedSpan]) -> SpanColumns:
        """``spans`` as columns (returned as they are when they are columns already)."""
        if isinstance(spans, SpanColumns):
            return spans

        def stamp(value: dt.datetime | None) -> str | None:
            return None if value is None else canonical(value)

        return cls(
            [s.start for s in spans],
            [s.end for s in spans],
            [s.label for s in spans],
            ids=[s.id for s in spans],
            notes=[s.note for s in spans],
            authors=[s.author for s in spans],
            attributes=[s.attributes for s in spans],
            created=[stamp(s.created) for s in spans],
            updated=[stamp(s.updated) for s in spans],
            quotes=[s.quote for s in spans],
        )

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, index: int) -> ParsedSpan: ...
    @overload
    def __getitem__(self, index: slice) -> list[ParsedSpan]: ...
    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        i = range(len(self))[index]  # IndexError, negative indices

        def at(column: Sequence[Any] | None, default: Any = None) -> Any:
            return default if column is None else column[i]

        created, updated = at(self.created), at(self.updated)
        return ParsedSpan(
            self.starts[i],
            self.ends[i],
            self.labels[i],
            id=at(self.ids),
            note=at(self.notes, ""),
            author=at(self.authors),
            attributes=at(self.attributes) if self.attributes is not None else {},
            created=None if created is None else parse_canonical(created),
            updated=None if updated is None else parse_canonical(updated),
            quote=at(self.quotes),
        )

    def __iter__(self) -> Iterator[ParsedSpan]:
        return map(self.__getitem__, range(len(self)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"SpanColumns({list(self)!r})"
