"""The library: documents as a table model (title, outlet, date, spans per label, total).

Span counts follow the change notices incrementally (+1 / -1 per added / removed / retagged
span); imports and deletions reload the list; a changed label scheme resets the columns.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from ..document.pane_area import DOCUMENT_IDS_MIME, encode_ids
from ..widgets.swatch import swatch

SORT_ROLE = Qt.ItemDataRole.UserRole
ID_ROLE = Qt.ItemDataRole.UserRole + 1
FIXED = ("Title", "Outlet", "Date")


class LibraryModel(QAbstractTableModel):
    def __init__(self, workspace, documents, bridge, parent=None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.documents = documents
        self._rows: list = []  # DocumentSummary
        self._counts: list[dict[str, int]] = []
        self._row_of: dict[str, int] = {}
        self._labels = list(documents.labels.records)
        documents.labelsChanged.connect(self.reload)
        documents.libraryChanged.connect(lambda _change: self.reload())
        bridge.changed.connect(self.apply_change)
        self.reload()

    # -- loading -------------------------------------------------------------------------------
    def reload(self) -> None:
        self.beginResetModel()
        self._labels = list(self.documents.labels.records)
        self._rows = self.workspace.documents.list()
        self._counts = [dict(r.span_counts) for r in self._rows]
        self._row_of = {r.id: i for i, r in enumerate(self._rows)}
        self.endResetModel()

    def apply_change(self, change) -> None:
        """Adjust span counts from one change notice (connected to the bridge)."""
        if (
            change.documents_added
            or change.documents_removed
            or change.spans_reloaded
            or change.labels_changed
        ):
            return  # OpenDocuments' libraryChanged / labelsChanged reload
        deltas: dict[str, dict[str, int]] = {}

        def bump(doc: str, label: str, d: int) -> None:
            per = deltas.setdefault(doc, {})
            per[label] = per.get(label, 0) + d

        for r in change.added:
            bump(r.document_id, r.label, +1)
        for r in change.removed:
            bump(r.document_id, r.label, -1)
        for before, after in change.updated:
            if before.label != after.label:
                bump(before.document_id, before.label, -1)
                bump(after.document_id, after.label, +1)
        for doc, per in deltas.items():
            row = self._row_of.get(doc)
            if row is None:
                continue
            counts = self._counts[row]
            for label, d in per.items():
                counts[label] = max(0, counts.get(label, 0) + d)
            self.dataChanged.emit(
                self.index(row, len(FIXED)), self.index(row, self.columnCount() - 1)
            )

    # -- model ---------------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(FIXED) + len(self._labels) + 1

    def document_id(self, row: int) -> str:
        return self._rows[row].id

    def row_of(self, document_id: str) -> int:
        return self._row_of.get(document_id, -1)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        n_fixed, n_labels = len(FIXED), len(self._labels)
        if role == Qt.ItemDataRole.DisplayRole:
            if section < n_fixed:
                return FIXED[section]
            if section < n_fixed + n_labels:
                return self._labels[section - n_fixed].name
            return "Spans"
        if role == Qt.ItemDataRole.DecorationRole and n_fixed <= section < n_fixed + n_labels:
            return swatch(self._labels[section - n_fixed].color)
        if role == Qt.ItemDataRole.ToolTipRole and n_fixed <= section < n_fixed + n_labels:
            return f"Spans tagged '{self._labels[section - n_fixed].name}'"
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = index.row(), index.column()
        doc = self._rows[row]
        n_fixed, n_labels = len(FIXED), len(self._labels)
        if role == ID_ROLE:
            return doc.id
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            if column == 0:
                return doc.title
            if column == 1:
                return doc.outlet or ("" if role == SORT_ROLE else "—")
            if column == 2:
                if role == SORT_ROLE:
                    return (doc.published or dt.date.min).isoformat()
                return doc.published.isoformat() if doc.published else ""
            counts = self._counts[row]
            if column < n_fixed + n_labels:
                value = counts.get(self._labels[column - n_fixed].key, 0)
            else:
                value = sum(counts.values())
            if role == SORT_ROLE:
                return value
            return str(value) if value else ""
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            bits = [doc.title, doc.outlet or "", f"{doc.length:,} characters"]
            return "\n".join(b for b in bits if b)
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= n_fixed:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )

    def mimeTypes(self) -> list[str]:
        return [DOCUMENT_IDS_MIME]

    def mimeData(self, indexes) -> QMimeData:
        ids: list[str] = []
        for index in indexes:
            doc_id = self._rows[index.row()].id
            if doc_id not in ids:
                ids.append(doc_id)
        mime = QMimeData()
        mime.setData(DOCUMENT_IDS_MIME, encode_ids(ids))
        return mime

    def supportedDragActions(self):
        return Qt.DropAction.CopyAction


class LibraryFilter(QSortFilterProxyModel):
    """Case-insensitive filter over title and outlet; numbers sort as numbers."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._words: list[str] = []

    def set_filter_text(self, text: str) -> None:
        if not hasattr(self, "beginFilterChange"):  # Qt < 6.9
            self._words = text.casefold().split()
            self.invalidateRowsFilter()
            return
        self.beginFilterChange()
        self._words = text.casefold().split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:
        if not self._words:
            return True
        model = self.sourceModel()
        hay = " ".join(
            str(model.data(model.index(source_row, c, source_parent)) or "") for c in range(3)
        ).casefold()
        return all(word in hay for word in self._words)
