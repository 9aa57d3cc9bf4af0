"""From flat table rows to what a chart draws: categories and a series per column key."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from .figures import Series


def pivot(
    rows: Iterable[Mapping[str, Any]],
    row_key: str,
    column_key: str,
    value: str,
    *,
    columns: Sequence[str] | None = None,
    color: Callable[[str], str | None] = lambda _column: None,
    name: Callable[[str], str] = str,
    skip_rows: Iterable[str] = (),
) -> tuple[list[str], list[Series]]:
    """Categories (the ``row_key`` values, first seen first) and one ``Series`` per
    ``column_key`` value (``columns`` fixes their order and which ones; else first seen
    first), holding ``value`` of each cell (0 where a row has no such cell, and where the
    value is None). ``skip_rows``: row values left out of the chart (e.g. ``(no date)``)."""
    skipped = set(skip_rows)
    cells: dict[tuple[str, str], float] = {}
    categories: dict[str, None] = {}
    seen: dict[str, None] = {}
    for row in rows:
        r, c = str(row[row_key]), str(row[column_key])
        if r in skipped:
            continue
        categories.setdefault(r)
        seen.setdefault(c)
        cells[r, c] = cells.get((r, c), 0) + (row[value] or 0)
    keys = list(columns) if columns is not None else list(seen)
    series = [Series(name(c), [cells.get((r, c), 0) for r in categories], color(c)) for c in keys]
    return list(categories), series
