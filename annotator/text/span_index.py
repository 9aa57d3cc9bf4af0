"""The spans of one document, indexed for painting: sorted intervals in code points.

Views never push spans into Qt as formats. They ask the index for the spans overlapping the
visible range (a binary search over the sorted starts, bounded by the longest span) and paint
those. Change notices update the index incrementally: one ``apply`` per committed command.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable
from typing import NamedTuple


class Span(NamedTuple):
    """What the views need of one annotation (the quote is ``text[start:end]``). A named
    tuple: 10,000 of them are built in a few milliseconds when a document opens."""

    id: str
    start: int
    end: int
    label: str
    note: str = ""
    author: str | None = None
    version: int = 1

    @classmethod
    def of(cls, record) -> Span:
        """From an ``AnnotationRecord`` (or any object with the same fields)."""
        return cls(
            record.id,
            record.start,
            record.end,
            record.label,
            record.note or "",
            record.author,
            record.version,
        )

    @property
    def key(self) -> tuple[int, int, str]:
        return (self.start, self.end, self.id)


class SpanIndex:
    """Spans of one document by id, plus their keys sorted by (start, end, id)."""

    def __init__(self, spans: Iterable[Span] = ()) -> None:
        self._by_id: dict[str, Span] = {s[0]: s for s in spans}
        values = self._by_id.values()
        self._keys: list[tuple[int, int, str]] = sorted([(s[1], s[2], s[0]) for s in values])
        self._max_len = max([s[2] - s[1] for s in values], default=0)

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, span_id: str) -> bool:
        return span_id in self._by_id

    def __iter__(self):
        by_id = self._by_id
        return (by_id[k[2]] for k in self._keys)

    def sorted_keys(self) -> list[tuple[int, int, str]]:
        return list(self._keys)

    def get(self, span_id: str) -> Span | None:
        return self._by_id.get(span_id)

    def row_of(self, span_id: str) -> int:
        """Position of a span in (start, end, id) order, or -1."""
        span = self._by_id.get(span_id)
        if span is None:
            return -1
        return bisect_left(self._keys, span.key)

    def at_row(self, row: int) -> Span:
        return self._by_id[self._keys[row][2]]

    # -- updates -------------------------------------------------------------------------------
    def add(self, span: Span) -> None:
        if span.id in self._by_id:
            self.remove(span.id)
        self._by_id[span.id] = span
        insort(self._keys, span.key)
        self._max_len = max(self._max_len, span.end - span.start)

    def remove(self, span_id: str) -> Span | None:
        span = self._by_id.pop(span_id, None)
        if span is not None:
            i = bisect_left(self._keys, span.key)
            del self._keys[i]
        return span

    def replace(self, span: Span) -> Span | None:
        old = self.remove(span.id)
        self.add(span)
        return old

    # -- queries -------------------------------------------------------------------------------
    def overlapping(self, start: int, end: int) -> list[Span]:
        """Spans with span.start < end and span.end > start, in (start, end) order."""
        keys = self._keys
        lo = bisect_left(keys, (start - self._max_len,))
        hi = bisect_left(keys, (end,))
        by_id = self._by_id
        return [by_id[k[2]] for k in keys[lo:hi] if k[1] > start]

    def at(self, pos: int) -> list[Span]:
        """Spans containing code point ``pos`` (start <= pos < end), innermost last."""
        found = self.overlapping(pos, pos + 1)
        found.sort(key=lambda s: (s.start, -s.end))
        return found

    def next_after(self, pos: int, current: str | None = None) -> Span | None:
        """First span starting at or after ``pos`` (after ``current`` when given)."""
        keys = self._keys
        if current is not None and current in self._by_id:
            i = bisect_right(keys, self._by_id[current].key)
        else:
            i = bisect_left(keys, (pos,))
        return self._by_id[keys[i][2]] if i < len(keys) else None

    def previous_before(self, pos: int, current: str | None = None) -> Span | None:
        keys = self._keys
        if current is not None and current in self._by_id:
            i = bisect_left(keys, self._by_id[current].key) - 1
        else:
            i = bisect_left(keys, (pos,)) - 1
        return self._by_id[keys[i][2]] if i >= 0 else None


def nesting_levels(spans: list[Span]) -> dict[str, int]:
    """A level per span so that overlapping spans never share one (interval colouring).

    ``spans`` sorted by start; longer spans first at equal starts, so outer spans sit on the
    lower levels and nested ones stack above them."""
    ordered = sorted(spans, key=lambda s: (s.start, -s.end))
    level_end: list[int] = []  # end of the span currently holding each level
    levels: dict[str, int] = {}
    for span in ordered:
        for level, busy_until in enumerate(level_end):
            if busy_until <= span.start:
                level_end[level] = span.end
                levels[span.id] = level
                break
        else:
            levels[span.id] = len(level_end)
            level_end.append(span.end)
    return levels
