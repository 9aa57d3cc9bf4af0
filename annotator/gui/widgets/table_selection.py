"""The registry dialogs' tables (outlets, actors, events): a sortable, filterable table of
records edited in place, and selecting its rows by their rows in the source model."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView


def record_table(parent, proxy: QSortFilterProxyModel, sort_column: int) -> QTableView:
    """A table of records over ``proxy``: sorted by ``sort_column``, rows selected (several
    at once), cells edited on double-click or F2, no grid, compact rows."""
    table = QTableView(parent)
    table.setModel(proxy)
    table.setSortingEnabled(True)
    table.sortByColumn(sort_column, Qt.SortOrder.AscendingOrder)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
    )
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(parent.fontMetrics().height() + 10)
    return table


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
