"""What the label scheme and the link kinds dialogs share: a table of records (labels, link
kinds) with their colour in the first column (double-click: the colour dialog), one row
selected at a time, and the key of a new record asked for."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QDialog,
    QHeaderView,
    QInputDialog,
    QPushButton,
    QTableView,
)


class RecordTableModel(QAbstractTableModel):
    """Rows: ``records`` (each with ``id``, ``name`` and ``color``); columns: ``COLUMNS``."""

    COLUMNS: tuple[str, ...] = ()

    def __init__(self, records, parent=None) -> None:
        super().__init__(parent)
        self.records = list(records)

    def record(self, row: int):
        return self.records[row]

    def row_of(self, record_id) -> int:
        return next((i for i, r in enumerate(self.records) if r.id == record_id), -1)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section] if 0 <= section < len(self.COLUMNS) else None
        return None


class SchemeTableDialog(QDialog):
    """A dialog around ``self.table`` (made by :meth:`make_table`) over ``self.model``."""

    model: RecordTableModel

    def make_table(self, model: RecordTableModel) -> QTableView:
        self.model = model
        self.table = QTableView(self)
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self._double_clicked)
        return self.table

    def no_default_button(self) -> None:
        """Enter in a box commits that box; it never presses a button of the dialog."""
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)

    def current_row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else -1

    def select_record(self, record_id, fallback_row: int = 0) -> None:
        """Select the record with this id (else the row at ``fallback_row``, kept in range)."""
        row = self.model.row_of(record_id)
        count = self.model.rowCount()
        if count:
            self.table.selectRow(row if row >= 0 else max(0, min(fallback_row, count - 1)))

    def _double_clicked(self, index) -> None:
        if index.column() == 0:
            self.choose_color(index.row())

    def choose_color(self, row: int, color: QColor | None = None) -> None:
        if row < 0:
            return
        record = self.model.record(row)
        if color is None:
            color = QColorDialog.getColor(QColor(record.color), self, f"Colour of '{record.name}'")
        if color.isValid():
            self.model.setData(self.model.index(row, 0), color.name())

    def ask_key(self, title: str, prompt: str, key: str | None = None) -> str | None:
        """``key`` stripped, or asked for when not given; None when empty or cancelled."""
        if key is None:
            key, ok = QInputDialog.getText(self, title, prompt)
            if not ok:
                return None
        return key.strip() or None
