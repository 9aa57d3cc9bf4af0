"""Selecting rows of a sorted or filtered table (a view over a proxy over a source model)
by their rows in the source model: the registry dialogs' shared selection code."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QSortFilterProxyModel
from PySide6.QtWidgets import QTableView


def selected_source_rows(table: QTableView, proxy: QSortFilterProxyModel) -> list[int]:
    """The source-model rows of the table's selected rows, in view order."""
    rows = sorted({i.row() for i in table.selectionModel().selectedRows()})
    return [proxy.mapToSource(proxy.index(r, 0)).row() for r in rows]


def select_source_rows(
    table: QTableView, proxy: QSortFilterProxyModel, model: QAbstractItemModel, rows
) -> None:
    """Select the rows ``rows`` of ``model`` (negative ones skipped), scrolled into view."""
    table.clearSelection()
    selection = table.selectionModel()
    flags = selection.SelectionFlag
    for row in rows:
        if row >= 0:
            index = proxy.mapFromSource(model.index(row, 0))
            selection.select(index, flags.Select | flags.Rows)
            table.scrollTo(index)
