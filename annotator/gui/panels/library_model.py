"""The library: documents as a table model (title, outlet, date, spans per label, total).

Span counts follow the change notices incrementally (+1 / -1 per added / removed / retagged
span); metadata edits update their rows in place; imports, deletions, restores, outlet and
collection renames reload the list; a changed label scheme resets the columns.
"""

from __future__ import annotations

import dataclasses
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
FILTER_ROLE = Qt.ItemDataRole.UserRole + 2  # the text the filter box searches, case-folded
COLLECTIONS_ROLE = Qt.ItemDataRole.UserRole + 3  # the document's collection names
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
        """Adjust span counts and metadata from one change notice (connected to the bridge)."""
        if (
            change.outlets_updated
            or change.outlets_removed
            or change.collections_updated
            or change.collections_removed
        ):
            self.reload()  # names shown in many rows
            return
        if change.documents_updated and not change.library_changed and not change.labels_changed:
            self._update_rows(change.documents_updated)
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

    def _update_rows(self, pairs) -> None:
        for _before, after in pairs:
            row = self._row_of.get(after.id)
            if row is None:
                continue
            self._rows[row] = dataclasses.replace(
                self._rows[row],
                title=after.title,
                outlet=after.outlet,
                outlet_id=after.outlet_id,
                author=after.author,
                published=after.published,
                language=after.language,
                collections=after.collections,
            )
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(FIXED) - 1))

    def summary(self, row: int):
        """The ``DocumentSummary`` of a row."""
        return self._rows[row]

    def span_total(self, document_ids) -> int:
        """How many spans these documents hold (from the counts shown)."""
        return sum(
            sum(self._counts[self._row_of[d]].values()) for d in document_ids if d in self._row_of
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
        if role == FILTER_ROLE:
            bits = [doc.title, doc.outlet, doc.author, doc.language, *doc.collections]
            if doc.published:
                bits.append(doc.published.isoformat())
            return " ".join(b for b in bits if b).casefold()
        if role == COLLECTIONS_ROLE:
            return doc.collections
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
            bits = [
                doc.title,
                doc.outlet or "",
                f"by {doc.author}" if doc.author else "",
                ("Collections: " + ", ".join(doc.collections)) if doc.collections else "",
                f"{doc.length:,} characters",
            ]
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


NO_COLLECTION = object()  # LibraryFilter.set_collection: documents in no collection


class LibraryFilter(QSortFilterProxyModel):
    """Case-insensitive filter: every word must be in the title, outlet, byline, language,
    a collection name or the date (YYYY-MM-DD, so "2020-10" finds October 2020); and,
    optionally, one collection. Numbers sort as numbers."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._words: list[str] = []
        self._collection = None  # a name, NO_COLLECTION, or None for every document

    def set_filter_text(self, text: str) -> None:
        self._refilter(lambda: setattr(self, "_words", text.casefold().split()))

    def set_collection(self, collection) -> None:
        """Only the documents of this collection (a name), of none (``NO_COLLECTION``), or
        every document (None)."""
        self._refilter(lambda: setattr(self, "_collection", collection))

    def _refilter(self, change) -> None:
        if not hasattr(self, "beginFilterChange"):  # Qt < 6.9
            change()
            self.invalidateRowsFilter()
            return
        self.beginFilterChange()
        change()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:
        if not self._words and self._collection is None:
            return True
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        if self._collection is not None:
            names = model.data(index, COLLECTIONS_ROLE) or ()
            if self._collection is NO_COLLECTION:
                if names:
                    return False
            elif self._collection not in names:
                return False
        if not self._words:
            return True
        hay = model.data(index, FILTER_ROLE)
        if hay is None:  # another model: the first three columns
            hay = " ".join(
                str(model.data(model.index(source_row, c, source_parent)) or "") for c in range(3)
            ).casefold()
        return all(word in hay for word in self._words)
