"""A read-only table model over flat rows (dicts): the statistics and comparison tables.

Numbers are right-aligned (floats with one decimal) and sort as numbers; ``SortRole`` gives
the raw value. A cell may carry a tooltip and the span it comes from (``SpanRole``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

SortRole = Qt.ItemDataRole.UserRole + 1
SpanRole = Qt.ItemDataRole.UserRole + 2  # (document id, span id) behind a cell, or None

Index = QModelIndex | QPersistentModelIndex


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


class RowsModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[tuple[str, str]] = (), parent=None) -> None:
        """``columns``: (key, header) pairs."""
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[Mapping[str, Any]] = []
        self._numeric_keys: set[str] = set()
        self._tooltip: Callable[[Mapping[str, Any], str], str | None] = lambda _r, _k: None
        self._span: Callable[[Mapping[str, Any], str], tuple[str, str] | None] = lambda _r, _k: None

    def set_rows(
        self,
        rows: Sequence[Mapping[str, Any]],
        columns: Sequence[tuple[str, str]] | None = None,
        *,
        tooltip: Callable[[Mapping[str, Any], str], str | None] | None = None,
        span: Callable[[Mapping[str, Any], str], tuple[str, str] | None] | None = None,
    ) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        if columns is not None:
            self._columns = list(columns)
        if tooltip is not None:
            self._tooltip = tooltip
        if span is not None:
            self._span = span
        self._numeric_keys = {key for key, _ in self._columns if self._all_numbers(key)}
        self.endResetModel()

    @property
    def rows(self) -> list[Mapping[str, Any]]:
        return self._rows

    @property
    def column_keys(self) -> list[str]:
        return [key for key, _ in self._columns]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._columns)
        ):
            return self._columns[section][1]
        return None

    def data(self, index: Index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        key = self._columns[index.column()][0]
        value = row.get(key)
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(value)
        if role == SortRole:
            if isinstance(value, int | float):
                return float(value)
            return -1.0 if value is None and self._numeric(key) else str(value or "").casefold()
        if role == Qt.ItemDataRole.TextAlignmentRole and self._numeric(key):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, key)
        if role == SpanRole:
            return self._span(row, key)
        return None

    def _numeric(self, key: str) -> bool:
        return key in self._numeric_keys

    def _all_numbers(self, key: str) -> bool:
        values = [r.get(key) for r in self._rows if r.get(key) is not None]
        return bool(values) and all(isinstance(v, int | float) for v in values)
