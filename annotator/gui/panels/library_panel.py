"""The library panel: filter box over a sortable table of documents; drag rows to the panes."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .library_model import ID_ROLE, LibraryFilter, LibraryModel


class LibraryPanel(QWidget):
    openRequested = Signal(str)  # show the document (replace the active pane)
    openBesideRequested = Signal(str)  # a new pane beside the active one

    def __init__(self, workspace, documents, bridge, parent=None) -> None:
        super().__init__(parent)
        self.model = LibraryModel(workspace, documents, bridge, self)
        self.proxy = LibraryFilter(self)
        self.proxy.setSourceModel(self.model)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Filter by title or outlet  (Ctrl+L)")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.set_filter_text)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setDragEnabled(True)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setHighlightSections(False)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.activated.connect(self._activated)
        self.model.modelReset.connect(self.fit_columns)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)
        self.fit_columns()

    def fit_columns(self) -> None:
        header = self.table.horizontalHeader()
        self.table.setColumnWidth(0, 210)
        self.table.setColumnWidth(1, 120)
        self.table.setColumnWidth(2, 84)
        for column in range(3, self.model.columnCount()):
            header.resizeSection(column, 44)

    def selected_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.proxy.index(r, 0).data(ID_ROLE) for r in rows]

    def select_document(self, document_id: str | None) -> None:
        """Highlight the active pane's document (None: no pane is open, highlight none)."""
        row = self.model.row_of(document_id) if document_id is not None else -1
        if row < 0:
            self.table.clearSelection()
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.table.selectRow(index.row())
            self.table.scrollTo(index)

    def _activated(self, index) -> None:
        self.openRequested.emit(index.data(ID_ROLE))

    def _context_menu(self, pos) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        menu = QMenu(self)
        menu.addAction("Open", lambda: self.openRequested.emit(ids[0]))
        menu.addAction(
            "Open beside" if len(ids) == 1 else f"Open {len(ids)} side by side",
            lambda: [self.openBesideRequested.emit(i) for i in ids],
        )
        menu.exec(self.table.viewport().mapToGlobal(pos))
        menu.deleteLater()
